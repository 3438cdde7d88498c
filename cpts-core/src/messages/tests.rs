//! One value of every error variant: each has a French and an English message, neither with
//! Rust vocabulary, and no variant of any error's JSON Schema is without its value here.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;

use super::*;
use crate::aci::{ContractError, ContractErrors, FundingError, ParameterError, Taille};
use crate::entity::{CptsId, EntityError, EventKind, LifecycleError, LifecycleStatus};
use crate::identifiers::{
    CheckKeyRule, Identifier, IdentifierError, IdentifierKind, InseeCommuneCode,
    NationalIdentifier, Rna, Siren, Siret,
};
use crate::membership::{
    Admission, CollegeId, IndividualCategory, MemberCategory, MemberNumber, MembershipError,
    RegistryError, StatutesError,
};
use crate::missions::{Mission, MissionError};
use crate::nomenclature::{Code, CodeSystem, NomenclatureError, StructureKind};
use crate::territory::coverage::CoverageError;
use crate::territory::lookup::FormerUnit;
use crate::territory::spreadsheet::{SheetErrors, SheetProblem};
use crate::territory::{
    CommuneName, FormerKind, LookupError, NameCandidate, TableError, TerritoryError,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn code(c: &str) -> InseeCommuneCode {
    InseeCommuneCode::parse(c).unwrap()
}

fn rpps() -> Identifier {
    Identifier::parse(IdentifierKind::Rpps, "10000927870").unwrap()
}

const PSY: MemberCategory = MemberCategory::Individual(IndividualCategory::AutreProfessionnel);

fn identifiers() -> Vec<IdentifierError> {
    let kind = IdentifierKind::Rpps;
    vec![
        IdentifierError::Empty { kind },
        IdentifierError::InvalidLength {
            kind,
            value: "1234".into(),
            expected: 11,
            found: 4,
        },
        IdentifierError::InvalidCharacter {
            kind,
            value: "1000092787X".into(),
            position: 11,
            character: 'X',
            expected: rules::DIGIT,
        },
        IdentifierError::InvalidFormat {
            kind,
            value: "00000000000".into(),
            rule: rules::ALL_ZEROS,
        },
        IdentifierError::InvalidCheckKey {
            kind,
            value: "10003461033".into(),
            rule: CheckKeyRule::Luhn,
            expected_key: Some('4'),
        },
    ]
}

fn nomenclatures() -> Vec<NomenclatureError> {
    vec![
        NomenclatureError::UnknownCode {
            system: CodeSystem::TreG15,
            code: "999".into(),
            version: "20240628",
        },
        NomenclatureError::WrongCodeSystem {
            field: "profession",
            code: Code::new(CodeSystem::TreR95, "93"),
            expected: rules::HEALTH_PROFESSION_LIST,
        },
    ]
}

fn memberships() -> Vec<MembershipError> {
    let n = MemberNumber(3);
    vec![
        MembershipError::InvalidText {
            field: "name",
            value: " ".into(),
            rule: rules::TEXT,
        },
        MembershipError::NotAHealthProfession {
            code: Code::new(CodeSystem::TreG15, "93"),
            label: "Psychologue",
        },
        MembershipError::HealthProfessionAsOther {
            code: Code::new(CodeSystem::TreG15, "95"),
            label: "Diététicien",
        },
        MembershipError::FinessCategoryMismatch {
            code: Code::new(CodeSystem::TreR66, "500"),
            category_kind: StructureKind::Esms,
            declared: StructureKind::EtablissementDeSante,
        },
        MembershipError::MissingIdentifier {
            category: PSY,
            allowed: &[IdentifierKind::Rpps, IdentifierKind::Adeli],
        },
        MembershipError::IdentifierNotAllowed {
            identifier: rpps(),
            category: MemberCategory::Structure(StructureKind::Esms),
            allowed: &[IdentifierKind::Finess, IdentifierKind::Siren],
        },
        MembershipError::RepeatedIdentifier { identifier: rpps() },
        MembershipError::PractisesInMisused { identifier: rpps() },
        MembershipError::ForeignPracticeOfAStructure,
        MembershipError::DefenceAuthorisationOfAStructure,
        MembershipError::NoDefenceAuthorisationExpected {
            number: MemberNumber(3),
            authorised_on: Some(d(2025, 2, 17)),
        },
        MembershipError::CategoryNotEligible { category: PSY },
        MembershipError::NoCollege { category: PSY },
        MembershipError::AlreadyMember {
            identifier: rpps(),
            existing: n,
        },
        MembershipError::IndividualAlongsideStructureNotAllowed {
            structure: rpps(),
            structure_member: n,
        },
        MembershipError::AdmissionContradictsApplication {
            structure_member: n,
            decided_on: d(2024, 1, 10),
            individual: MemberNumber(4),
            applied_on: d(2024, 2, 1),
        },
        MembershipError::CptsDissolved {
            dissolved_on: d(2025, 6, 30),
        },
        MembershipError::UnknownMember { number: n },
        MembershipError::NotPending {
            number: n,
            admission: Admission::Admitted {
                decided_on: d(2024, 3, 1),
            },
        },
        MembershipError::NotAMember {
            number: n,
            date: d(2024, 3, 1),
        },
        MembershipError::DateOutOfOrder {
            number: n,
            date: d(2024, 1, 1),
            earliest: d(2024, 2, 1),
            what: rules::APPLICATION_DATE,
        },
        MembershipError::AlreadyLeft {
            number: n,
            on: d(2025, 1, 1),
        },
        MembershipError::TooManyMembers,
        MembershipError::Nomenclature(nomenclatures().remove(0)),
    ]
}

fn statutes() -> Vec<StatutesError> {
    vec![
        StatutesError::InvalidCollegeId {
            value: "collège A".into(),
        },
        StatutesError::InvalidCollegeName {
            college: CollegeId::new("a").unwrap(),
        },
        StatutesError::RepeatedCollege {
            college: CollegeId::new("a").unwrap(),
        },
        StatutesError::RepeatedCategory {
            category: PSY,
            place: rules::IN_COLLEGES,
        },
        StatutesError::CategoryWithoutCollege { category: PSY },
        StatutesError::EmptyDuesPeriod {
            from: d(2024, 1, 1),
            until: Some(d(2023, 1, 1)),
        },
        StatutesError::OverlappingDuesPeriods {
            from: d(2024, 1, 1),
        },
        StatutesError::DuesOutOfRange {
            from: d(2024, 1, 1),
            amount: Decimal::new(1005, 3),
        },
        StatutesError::NegativeDues {
            from: d(2024, 1, 1),
            amount: Decimal::new(-30, 0),
        },
    ]
}

fn registries() -> Vec<RegistryError> {
    let id = CptsId::new("boucle").unwrap();
    vec![
        RegistryError::UnknownCpts { id: id.clone() },
        RegistryError::DuplicateCpts { id: id.clone() },
        RegistryError::Membership {
            cpts: id.clone(),
            cause: MembershipError::TooManyMembers,
        },
        RegistryError::Lifecycle {
            cpts: id,
            cause: lifecycles().remove(0),
        },
    ]
}

fn contract_errors() -> Vec<ContractError> {
    let mission = Mission::PREVENTION;
    vec![
        ContractError::InvalidName { value: "".into() },
        ContractError::NoAciAtSignature {
            signed_on: d(2019, 1, 1),
        },
        ContractError::ParameterSetMismatch {
            stated: "aci_2019".into(),
            in_force: "aci_2019_avenant_2".into(),
        },
        ContractError::BandMismatch {
            population: 95_000,
            stated: Taille::new(2).unwrap(),
            expected: Taille::new(3).unwrap(),
            range: "de 80 001 à 175 000 habitants".into(),
        },
        ContractError::MissingSocleMission { mission },
        ContractError::RepeatedMission { mission },
        ContractError::MissionNotInAci {
            mission,
            parameter_sets: vec!["aci_2019".into(), "aci_2019_avenant_2".into()],
        },
        ContractError::MissionBeforeSignature {
            mission,
            start: d(2021, 1, 1),
            signed_on: d(2021, 3, 1),
        },
        ContractError::MissionBeforeItApplies {
            mission: Mission::CRISES_SANITAIRES_GRAVES,
            start: d(2022, 1, 1),
            applies_from: d(2022, 9, 3),
        },
        ContractError::MissionAfterDeadline {
            mission,
            start: d(2024, 1, 1),
            deadline: d(2023, 3, 1),
        },
        ContractError::DeploymentAfterDeadline {
            mission,
            deployment: d(2025, 1, 1),
            deadline: d(2024, 9, 1),
        },
        ContractError::DeploymentBeforeStart {
            mission,
            deployment: d(2024, 1, 1),
        },
        ContractError::MissionAfterContractEnd {
            mission,
            start: d(2027, 1, 1),
            last_day: d(2026, 2, 28),
        },
        ContractError::InvalidAmount {
            field: "missions[0].fixed_envelope".into(),
            value: Decimal::new(-1, 0),
        },
        ContractError::IndicatorsExceedVariableEnvelope {
            mission,
            indicators_total: Decimal::new(30_000, 0),
            variable_envelope: Decimal::new(20_000, 0),
        },
        ContractError::RepeatedIndicator { id: "p1".into() },
        ContractError::InvalidIndicator {
            id: "p1".into(),
            rule: rules::indicators::SOME_TIER,
        },
        ContractError::CrisisActivationOnOtherMission { mission },
        ContractError::InvalidCrisisLimit,
        ContractError::DateOutOfRange {
            what: rules::CONTRACT_LAST_DAY,
        },
    ]
}

fn fundings() -> Vec<FundingError> {
    vec![
        FundingError::MissingParameter {
            parameter: "lettre_intention_aid".into(),
            taille: Taille::new(3),
            parameter_set: "aci_2019".into(),
            note: Some(Bilingual::new("une note", "a note")),
        },
        FundingError::NoAciOnDate {
            date: d(2019, 1, 1),
            first_day: d(2019, 8, 25),
        },
        FundingError::InvalidContract(ContractErrors(contract_errors())),
        FundingError::YearOutOfContract { year: 6, years: 5 },
        FundingError::UnknownIndicator {
            indicator: "p9".into(),
        },
        FundingError::RepeatedResult {
            indicator: "p1".into(),
        },
        FundingError::MissingResult {
            indicator: "p1".into(),
            mission: Mission::PREVENTION,
            year: 2,
        },
        FundingError::WrongMeasure {
            indicator: "p1".into(),
            expected: rules::MET_OUTCOME,
        },
        FundingError::MissionNotStarted {
            indicator: "p1".into(),
            mission: Mission::PREVENTION,
            year: 1,
        },
        FundingError::CrisisOutsideYear {
            recognised_on: d(2024, 5, 1),
            year: 1,
            first_day: d(2022, 1, 17),
            last_day: d(2023, 1, 16),
        },
        FundingError::NoCrisisMission,
        FundingError::InvalidInput {
            field: "lettre_intention.amount".into(),
            value: "-1".into(),
            rule: rules::AMOUNT,
        },
        FundingError::Overflow {
            what: rules::SCHEDULE_TOTAL,
        },
    ]
}

fn parameters() -> Vec<ParameterError> {
    vec![
        ParameterError::Syntax {
            file: "aci.toml".into(),
            message: request::schema_reason("missing field `id`"),
        },
        ParameterError::Invalid {
            set: "aci_2019".into(),
            field: "advance_rate".into(),
            rule: rules::parameters::ADVANCE_RATE,
        },
        ParameterError::UnknownSource {
            set: "aci_2019".into(),
            field: "bands[0]".into(),
            key: "jo".into(),
        },
        ParameterError::Overlap {
            first: "a".into(),
            second: "b".into(),
            day: d(2022, 1, 1),
        },
        ParameterError::Gap {
            before: "a".into(),
            after: "b".into(),
            from: d(2022, 1, 1),
            until: d(2022, 2, 1),
        },
        ParameterError::DuplicateSet { set: "a".into() },
        ParameterError::Empty,
    ]
}

fn missions() -> Vec<MissionError> {
    let mission = Mission::PREVENTION;
    vec![
        MissionError::AlreadyStarted {
            mission,
            started_on: d(2023, 1, 1),
        },
        MissionError::AlreadyDeployed {
            mission,
            deployed_on: d(2023, 1, 1),
        },
        MissionError::NotStarted {
            mission,
            date: d(2023, 1, 1),
        },
        MissionError::DeploymentBeforeStart {
            mission,
            start: d(2023, 1, 1),
            deployment: d(2022, 1, 1),
        },
        MissionError::NoAciOnDate {
            date: d(2019, 1, 1),
            first_day: d(2019, 8, 25),
        },
        MissionError::DateOutOfRange { mission },
        MissionError::UnknownMission {
            mission,
            parameter_set: "aci_2019_avenant_2".into(),
        },
    ]
}

fn lookups() -> Vec<LookupError> {
    vec![
        LookupError::UnknownCode {
            code: code("78999"),
        },
        LookupError::UnknownName {
            query: "Saint-Nulle-Part".into(),
            departement: Some("78".into()),
        },
        LookupError::AmbiguousName {
            query: "Saint-Denis".into(),
            candidates: vec![
                NameCandidate {
                    code: code("93066"),
                    name: "Saint-Denis".into(),
                    departement: "93".into(),
                    departement_name: "Seine-Saint-Denis".into(),
                },
                NameCandidate {
                    code: code("97411"),
                    name: "Saint-Denis".into(),
                    departement: "974".into(),
                    departement_name: "La Réunion".into(),
                },
            ],
        },
    ]
}

fn territories() -> Vec<TerritoryError> {
    let commune = CommuneName {
        code: code("78551"),
        name: "Saint-Germain-en-Laye".into(),
    };
    let former = FormerUnit {
        former_code: code("78251"),
        kind: FormerKind::Deleguee,
        name: "Fourqueux".into(),
    };
    vec![
        TerritoryError::AmbiguousCode {
            code: code("78251"),
            former: former.clone(),
            commune: commune.clone(),
            postcode_of: vec![commune.clone()],
        },
        TerritoryError::FormerCodeRefused {
            code: code("78251"),
            former,
            commune,
        },
        TerritoryError::WholeAndInPart {
            commune: code("78551"),
            part: "quartier".into(),
        },
        TerritoryError::PartOfCityWithArrondissements {
            commune: code("75056"),
            part: "quartier".into(),
        },
        TerritoryError::PartsExceedCommune {
            commune: code("78551"),
            parts_population: 50_000,
            commune_population: 45_931,
        },
        TerritoryError::InvalidPart {
            field: "parts[0].iris".into(),
            value: "59350".into(),
            rule: rules::iris_of("Lille", "59350"),
        },
        TerritoryError::NotInTerritory {
            code: code("78551"),
        },
        TerritoryError::CommuneAndArrondissement {
            commune: code("75056"),
            arrondissement: code("75101"),
        },
        TerritoryError::Empty,
        TerritoryError::Unknown(lookups().remove(0)),
    ]
}

fn coverages() -> Vec<CoverageError> {
    vec![
        CoverageError::Territory {
            cpts: "cpts-a".into(),
            cause: TerritoryError::Empty,
        },
        CoverageError::DuplicateCpts {
            cpts: "cpts-a".into(),
        },
        CoverageError::TooLarge {
            what: rules::communes::PARTS_LIST,
        },
        CoverageError::UnknownArea {
            what: rules::A_REGION,
            code: "99".into(),
        },
    ]
}

fn geometries() -> Vec<crate::map::GeometryError> {
    vec![
        crate::map::GeometryError::InvalidGeometry {
            place: crate::map::geometry::rules::LINE,
            line: 3,
            value: "G|7855|d|0,0".into(),
            rule: crate::map::geometry::rules::CODE,
        },
        crate::map::GeometryError::NoGeometry,
    ]
}

fn maps() -> Vec<crate::map::MapError> {
    vec![
        crate::map::MapError::InvalidMapOption {
            field: "width",
            value: "20".into(),
            rule: crate::map::rules::WIDTH,
        },
        crate::map::MapError::NothingToDraw { units: 259 },
    ]
}

fn directories() -> Vec<crate::directory::DirectoryError> {
    use crate::directory::DirectoryError as E;
    use crate::membership::MemberNumber;
    let cpts = || CptsId::new("cpts-exemple").unwrap();
    let member = MemberNumber(2);
    vec![
        E::DuplicateDirectory { cpts: cpts() },
        E::UnknownCpts { cpts: cpts() },
        E::UnknownMember {
            cpts: cpts(),
            member,
            field: "board",
        },
        E::DuplicateEntry {
            cpts: cpts(),
            member,
        },
        E::NeverPublic {
            cpts: cpts(),
            member,
            field: "identifiers",
        },
        E::InvalidField {
            cpts: cpts(),
            member,
            field: "professional_contacts",
            value: "appelez-moi".into(),
            rule: crate::messages::rules::PHONE,
        },
        E::WithdrawnEntryKeepsData {
            cpts: cpts(),
            member,
        },
        E::WithdrawnBeforeGiven {
            cpts: cpts(),
            member,
            given_on: d(2024, 1, 10),
            withdrawn_on: d(2024, 1, 2),
        },
        E::AlreadyWithdrawn {
            cpts: cpts(),
            member,
            withdrawn_on: d(2025, 2, 1),
        },
        E::NoEntry {
            cpts: cpts(),
            member,
        },
        E::EndsBeforeItStarts {
            field: "agreements",
            from: d(2025, 1, 1),
            ended_on: d(2024, 12, 31),
        },
        E::InvalidQuery {
            field: "text",
            value: "…".into(),
            rule: crate::messages::rules::QUERY_TEXT,
        },
        E::AgreementWithItself { cpts: cpts() },
    ]
}

fn tables() -> Vec<TableError> {
    vec![
        TableError::Format {
            line: 3,
            rule: rules::communes::field_count(5, 4),
        },
        TableError::UnknownReference {
            line: 4,
            what: rules::communes::DEPARTEMENT,
            code: "20".into(),
        },
        TableError::Duplicate {
            what: rules::communes::COMMUNE,
            code: "78551".into(),
        },
        TableError::MissingProvenance { key: "source" },
        TableError::NotEmbedded,
    ]
}

fn sheets() -> Vec<SheetErrors> {
    let rule = rules::sheets::NOT_A_CODE;
    vec![SheetErrors {
        problems: vec![SheetProblem {
            row: 4,
            column: Some("Code INSEE".into()),
            value: "7855".into(),
            rule: rule.en().into(),
            rule_fr: rule.fr().into(),
        }],
    }]
}

fn entities() -> Vec<EntityError> {
    vec![
        EntityError::InvalidCptsId {
            value: "CPTS de la Boucle".into(),
        },
        EntityError::InvalidName { value: " ".into() },
        EntityError::SiretOfAnotherSiren {
            siren: Siren::parse("732829320").unwrap(),
            siret: Siret::parse("35600000000048").unwrap(),
        },
        EntityError::RnaUnderLocalLaw {
            rna: Rna::parse("W751000000").unwrap(),
            siege: code("57463"),
        },
        EntityError::EmptyTerritory,
        EntityError::RepeatedCommune {
            commune: code("78551"),
        },
        EntityError::Statutes(statutes().remove(0)),
        EntityError::Lifecycle(lifecycles().remove(0)),
        EntityError::Membership(MembershipError::TooManyMembers),
        EntityError::Mission(missions().remove(0)),
    ]
}

fn lifecycles() -> Vec<LifecycleError> {
    vec![
        LifecycleError::DateOutOfOrder {
            event: EventKind::ContractSigned,
            date: d(2021, 1, 1),
            last_date: d(2021, 3, 1),
        },
        LifecycleError::ImpossibleTransition {
            event: EventKind::ContractSigned,
            date: d(2021, 1, 1),
            status: LifecycleStatus::NotStarted,
        },
        LifecycleError::ObjectionOutOfTime {
            date: d(2021, 12, 10),
            objection_deadline: d(2021, 12, 4),
        },
        LifecycleError::DateOutOfRange {
            event: EventKind::ContractSigned,
            date: NaiveDate::MAX,
        },
    ]
}

include!("../../tests/common/rust_words.rs");

/// Words that betray English in a French message.
const ENGLISH_WORDS: &[&str] = &[
    " the ",
    " is ",
    " must ",
    " expected",
    " given ",
    " found",
    " not ",
    " and ",
    " with ",
];

fn check(tag: &str, fr: &str, en: &str) {
    assert!(
        !fr.trim().is_empty() && !en.trim().is_empty(),
        "{tag}: empty"
    );
    assert_ne!(fr, en, "{tag}: the French is the English");
    for w in RUST_WORDS {
        let word = |t: &str| {
            t.split(|c: char| {
                !c.is_alphanumeric() && c != '_' && c != ':' && c != '<' && c != '(' && c != ' '
            })
            .any(|part| part.contains(w))
        };
        assert!(!word(fr), "{tag}: « {w} » in the French: {fr}");
        assert!(!word(en), "{tag}: « {w} » in the English: {en}");
    }
    let padded = format!(" {fr} ");
    for w in ENGLISH_WORDS {
        assert!(!padded.contains(w), "{tag}: English « {w} » in: {fr}");
    }
}

/// The `error` tags of the tagged variants at the root of `T`'s schema.
fn schema_tags<T: JsonSchema>() -> BTreeSet<String> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
    let mut tags = BTreeSet::new();
    let variants = ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| schema.get(*k).and_then(Value::as_array))
        .flatten();
    for v in variants {
        if let Some(tag) = v.pointer("/properties/error/const").and_then(Value::as_str) {
            tags.insert(tag.to_owned());
        }
    }
    if let Some(tag) = schema
        .pointer("/properties/error/const")
        .and_then(Value::as_str)
    {
        tags.insert(tag.to_owned());
    }
    tags
}

/// Checks every sample of `T` and that they cover every tagged variant of its schema.
fn covers<T: Message + Serialize + JsonSchema>(samples: Vec<T>) -> usize {
    // A struct with a tag (the sheet's errors) has one shape, and no variants to cover.
    let expected = schema_tags::<T>();
    assert!(
        !expected.is_empty() || samples.len() == 1,
        "{}: no tags in the schema",
        T::schema_name()
    );
    let mut seen = BTreeSet::new();
    for s in &samples {
        let json = serde_json::to_value(s).unwrap();
        let tag = json["error"].as_str().unwrap_or("?").to_owned();
        check(&tag, &s.message_fr(), &s.to_string());
        seen.insert(tag);
    }
    let missing: Vec<&String> = expected.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "{}: no sample for {missing:?}",
        T::schema_name()
    );
    samples.len()
}

#[test]
fn every_error_variant_has_a_french_and_an_english_message() {
    let n = covers(identifiers())
        + covers(nomenclatures())
        + covers(memberships())
        + covers(statutes())
        + covers(registries())
        + covers(contract_errors())
        + covers(fundings())
        + covers(parameters())
        + covers(missions())
        + covers(lookups())
        + covers(territories())
        + covers(coverages())
        + covers(tables())
        + covers(sheets())
        + covers(entities())
        + covers(lifecycles())
        + covers(geometries())
        + covers(maps())
        + covers(directories());
    // One per variant of the 19 error types, the wrapping ones included (145 `#[error]`
    // attributes in cpts-core, a variant each).
    assert_eq!(n, 145);
}

#[test]
fn messages_read_as_a_person_expects() {
    // Real values, French typography: dates as 17/01/2022, amounts with the narrow
    // no-break space and the comma, missions by their label.
    let e = &identifiers()[4];
    assert_eq!(
        e.message_fr(),
        "RPPS « 10003461033 » : la clé de contrôle est fausse (algorithme de Luhn (modulo 10) sur tout le numéro) ; avec ces chiffres, la clé serait 4"
    );
    let e = &contract_errors()[14];
    assert_eq!(
        e.message_fr(),
        "mission prévention : les indicateurs totalisent 30\u{202f}000,00\u{a0}€, plus que l'enveloppe variable de 20\u{202f}000,00\u{a0}€"
    );
    let e = &lifecycles()[2];
    assert_eq!(
        e.message_fr(),
        "l'opposition du 10/12/2021 arrive après le délai de deux mois (dernier jour le 04/12/2021) : le projet de santé a été validé tacitement (L1434-12 CSP)"
    );
    assert_eq!(and_fr(&["a", "b", "c"]), "a, b et c");
    // A text is equal to the same text, however it is held.
    assert_eq!(
        Bilingual::owned(rules::DIGIT.fr(), rules::DIGIT.en()),
        rules::DIGIT
    );
    assert_eq!(or_fr(&["RPPS", "ADELI"]), "RPPS ou ADELI");
}

#[test]
fn serde_messages_are_said_in_words() {
    let r = request::schema_reason("invalid type: string \"95000\", expected u64");
    assert_eq!(
        r.fr(),
        "attendu un nombre entier (0 ou plus), reçu le texte \"95000\" (écrivez 95000 sans guillemets)"
    );
    assert_eq!(
        r.en(),
        "a whole number (0 or more) expected, found the text \"95000\" (write 95000 without quotes)"
    );
    let r = request::schema_reason(
        "invalid type: integer `60000`, expected a decimal amount written as a string, such as \"1234.56\"",
    );
    assert!(
        r.fr()
            .ends_with("reçu le nombre 60000 (écrivez \"60000\" entre guillemets)"),
        "{}",
        r.fr()
    );
    let r = request::schema_reason("unknown field `popultion`, expected `population` or `on`");
    assert_eq!(
        r.fr(),
        "le champ « popultion » n'existe pas ; champs possibles : population et on"
    );
    let r =
        request::schema_reason("unknown variant `rpp`, expected one of `rpps`, `adeli`, `finess`");
    assert_eq!(
        r.fr(),
        "« rpp » n'est pas une valeur permise ; valeurs permises : rpps, adeli ou finess"
    );
    let r = request::schema_reason("missing field `population`");
    assert_eq!(r.fr(), "le champ « population » manque");
    assert_eq!(
        request::syntax_reason("EOF while parsing an object").fr(),
        "le texte s'arrête au milieu d'un objet { … }"
    );
    // A refusal carries both messages and the details through serde's text.
    let refusal = Refusal::of(&identifiers()[4]).to_string();
    let (en, fr, details) = split_refusal(&format!("{refusal} at line 1 column 9"));
    assert!(
        en.starts_with("rpps « 10003461033 »: wrong check key")
            || en.starts_with("RPPS « 10003461033 »: wrong check key"),
        "{en}"
    );
    assert!(en.ends_with(" at line 1 column 9"), "{en}");
    assert!(fr.unwrap().contains("la clé de contrôle est fausse"));
    assert_eq!(details["error"], "invalid_check_key");
}
