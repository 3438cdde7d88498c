//! Data generators shared by the benchmarks.

/// A valid RPPS for `n` (a 10-digit body and its Luhn key), distinct for distinct `n` below
/// 10^9.
pub fn rpps_text(n: u64) -> String {
    let body = format!("1{:09}", n % 1_000_000_000);
    (0..10u32)
        .map(|k| format!("{body}{k}"))
        .find(|candidate| luhn_ok(candidate))
        .unwrap_or(body)
}

/// `cpts` CPTS (`cpts-0000`, `cpts-0001`…) of `members_per_cpts` professionals each, all
/// joined on 01/01/2023 with an RPPS of their own: professionals `m` of a CPTS are
/// médecins (TRE_G15 10) when `m` is even, infirmiers (60) when odd.
pub fn national_registry(cpts: u64, members_per_cpts: u64) -> cpts_core::membership::Registry {
    use cpts_core::entity::{Cpts, CptsId, Identity, Territory};
    use cpts_core::identifiers::{Identifier, IdentifierKind, NationalIdentifier};
    use cpts_core::membership::{Application, MemberKind, Registry, Statutes};
    use cpts_core::nomenclature::{Code, CodeSystem};
    let joined = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let siege = InseeCommuneCode::parse("78551").unwrap();
    let mut registry = Registry::default();
    for c in 0..cpts {
        let id = CptsId::new(format!("cpts-{c:04}")).unwrap();
        let identity = Identity {
            name: format!("CPTS {c}"),
            siege,
            siren: None,
            siret: None,
            rna: None,
            finess: None,
        };
        let mut record = Cpts::new(
            id,
            identity,
            Territory::new([siege]).unwrap(),
            Statutes::default(),
        )
        .unwrap();
        for m in 0..members_per_cpts {
            let rpps =
                Identifier::parse(IdentifierKind::Rpps, &rpps_text(c * members_per_cpts + m))
                    .unwrap();
            let application = Application {
                name: format!("Professionnel {c}-{m}"),
                kind: MemberKind::ProfessionnelDeSante {
                    profession: Code::new(CodeSystem::TreG15, if m % 2 == 0 { "10" } else { "60" }),
                },
                identifiers: vec![rpps],
                practises_in: None,
                foreign_practice: None,
                defence: None,
            };
            record.apply_for_membership(application, joined).unwrap();
        }
        registry.insert(record).unwrap();
    }
    registry
}

fn luhn_ok(s: &str) -> bool {
    let sum: u32 = s
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let v = u32::from(b - b'0');
            if i % 2 == 1 {
                if v * 2 > 9 { v * 2 - 9 } else { v * 2 }
            } else {
                v
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

use chrono::{Days, NaiveDate};
use cpts_core::aci::{
    Contract, ContractMission, Indicator, IndicatorResult, Measure, ParameterCatalogue,
    PaymentConventions, PaymentRule, YearResults,
};
use cpts_core::identifiers::InseeCommuneCode;
use cpts_core::missions::{Mission, Obligation};
use cpts_core::territory::{
    CommuneKind, CommunePart, CommuneTable, CoverageInput, PartSource, PartSourceKind,
};
use rust_decimal::Decimal;
use serde_json::json;

/// `n` valid synthetic contracts signed between 2019 and 2026, each with its missions socles
/// (and optional ones for one in two), started on time, with 3 binary indicators each, and
/// results for their first three years.
pub fn synthetic_contracts(
    n: u64,
    catalogue: &ParameterCatalogue,
) -> Vec<(Contract, Vec<YearResults>)> {
    let first = NaiveDate::from_ymd_opt(2019, 9, 1).unwrap_or_default();
    let conventions = PaymentConventions::default();
    (0..n)
        .map(|i| {
            let signed_on = first + Days::new((i * 7) % 2_600);
            let set = catalogue.in_force_on(signed_on).unwrap();
            let population = 20_000 + (i * 1_237) % 250_000;
            let taille = set.band(population).unwrap().taille;
            let fonctionnement = set
                .fonctionnement(taille)
                .is_err()
                .then(|| Decimal::from(90_000 + i % 50_000));
            let missions: Vec<ContractMission> = set
                .missions()
                .iter()
                .filter(|r| {
                    r.obligation == Obligation::Socle && r.applies_from <= signed_on || i % 2 == 0
                })
                .map(|r| {
                    let start_by = r
                        .deadlines(
                            signed_on,
                            conventions.deadline_anchor,
                            conventions.month_arithmetic,
                        )
                        .map_or(signed_on + Days::new(200), |(s, _)| s);
                    let start = signed_on.max(r.applies_from) + Days::new(i % 60);
                    let indicators = (0..3)
                        .map(|k| Indicator {
                            id: format!("{:?}-{k}", r.mission).into(),
                            label: format!("indicateur {k}").into(),
                            group: None,
                            max_amount: Decimal::from(1_000 * (k + 1)),
                            rule: PaymentRule::Binary,
                        })
                        .collect();
                    ContractMission {
                        mission: r.mission,
                        start: Some(start.min(start_by)),
                        deployment: None,
                        fixed_envelope: Decimal::new(
                            i64::try_from(4_000_000 + i * 977).unwrap_or(0),
                            2,
                        ),
                        variable_envelope: Decimal::from(6_000),
                        indicators,
                        crisis_activation_amount: (r.mission == Mission::CRISES_SANITAIRES_GRAVES)
                            .then(|| Decimal::from(60_000)),
                    }
                })
                .collect();
            let contract = Contract {
                name: format!("CPTS synthétique {i}"),
                signed_on,
                population,
                taille,
                parameter_set: None,
                fonctionnement,
                missions,
                crisis_activations_per_year: None,
            };
            let years = contract.years(catalogue, &conventions).unwrap();
            let results = years
                .iter()
                .take(3)
                .map(|y| YearResults {
                    year: y.year,
                    indicators: contract
                        .missions
                        .iter()
                        .filter(|m| m.start.is_some_and(|s| s <= y.last_day))
                        .flat_map(|m| m.indicators.iter())
                        .map(|ind| IndicatorResult {
                            indicator: ind.id.to_string(),
                            measure: Measure::Met(ind.id.len() % 2 == 0),
                        })
                        .collect(),
                    crises: vec![],
                })
                .collect();
            (contract, results)
        })
        .collect()
}

/// 1 000 CPTS over every coverage unit of France, in code order: CPTS i takes a run of 35
/// units and the first 3 of the next run (overlaps); one run in twenty is left uncovered
/// (white zones).
pub fn synthetic_coverage(table: &CommuneTable) -> Vec<CoverageInput> {
    let units: Vec<InseeCommuneCode> = table
        .communes()
        .filter(|c| {
            c.kind() == CommuneKind::ArrondissementMunicipal || c.arrondissements().is_empty()
        })
        .map(|c| c.code())
        .collect();
    let per = units.len().div_ceil(1_000);
    (0..1_000)
        .filter(|i| i % 20 != 7)
        .map(|i| CoverageInput {
            cpts: format!("cpts-{i:04}"),
            communes: units.iter().skip(i * per).take(per + 3).copied().collect(),
            parts: vec![],
            status: None,
        })
        .chain((0..50).map(|i| CoverageInput {
            cpts: format!("cpts-extra-{i:02}"),
            communes: units.iter().skip(i * 700).take(5).copied().collect(),
            parts: vec![],
            status: None,
        }))
        .collect()
}

/// [`synthetic_coverage`] drawn as CPTS of big cities draw it: every commune (or
/// arrondissement) of 20 000 inhabitants or more is held in two declared parts, 45 % by the
/// CPTS that listed it and 45 % by the next one (the other 10 %: a white zone), instead of
/// whole.
pub fn synthetic_coverage_with_parts(table: &CommuneTable) -> Vec<CoverageInput> {
    let population: std::collections::HashMap<InseeCommuneCode, u64> = table
        .communes()
        .map(|c| (c.code(), u64::from(c.population().unwrap_or(0))))
        .collect();
    let big = |code: &InseeCommuneCode| population.get(code).is_some_and(|p| *p >= 20_000);
    let part = |code: InseeCommuneCode, name: &str| CommunePart {
        commune: code,
        name: name.to_owned(),
        population: population.get(&code).copied().unwrap_or(0) * 45 / 100,
        source: PartSource {
            kind: PartSourceKind::InseeIris,
            reference: "IRIS, populations 2021 (synthétique)".to_owned(),
            url: None,
        },
        iris: vec![],
    };
    let mut inputs = synthetic_coverage(table);
    let mut given: Vec<Vec<InseeCommuneCode>> = Vec::with_capacity(inputs.len());
    for input in &mut inputs {
        let (split, whole): (Vec<_>, Vec<_>) = input.communes.iter().copied().partition(big);
        input.communes = whole;
        input.parts = split.iter().map(|&c| part(c, "quartiers nord")).collect();
        given.push(split);
    }
    let n = inputs.len();
    for (i, split) in given.into_iter().enumerate() {
        let next = &mut inputs[(i + 1) % n];
        for c in split {
            if !next.parts.iter().any(|p| p.commune == c) && !next.communes.contains(&c) {
                next.parts.push(part(c, "quartiers sud"));
            }
        }
    }
    inputs
}

/// Requests that cost quadratic time before the reliability work (issue « Reliability »,
/// item 3), and large inputs of the territory rules (parts of communes, spreadsheets): each
/// is under the 16 MiB request limit; `n` sets its size. The benchmark `adversarial` runs
/// each at `n` and `10 n`.
pub mod adversarial {
    use serde_json::{Value, json};

    fn request(operation: &str, input: Value) -> String {
        json!({"api_version": 1, "operation": operation, "input": input}).to_string()
    }

    /// `lifecycle_status` of a CPTS whose contract is signed and terminated `n` times on one
    /// day (after a projet de santé sent and validated).
    pub fn lifecycle(n: usize) -> String {
        let mut events = vec![
            json!({"event": "projet_de_sante_submitted", "date": "2023-01-10"}),
            json!({"event": "projet_de_sante_validated", "date": "2023-02-01"}),
        ];
        for _ in 0..n / 2 {
            events.push(json!({"event": "contract_signed", "date": "2023-04-01"}));
            events.push(json!({"event": "contract_terminated", "date": "2023-04-01"}));
        }
        request(
            "lifecycle_status",
            json!({"lifecycle": {"events": events}, "on": "2024-01-01"}),
        )
    }

    /// A contract (taille 1, the three missions socles of the 2019 ACI) whose first mission
    /// has the given indicators.
    fn contract(indicators: Vec<Value>, variable: &str) -> Value {
        json!({
        "name": "CPTS", "signed_on": "2021-03-01", "population": 30000, "taille": 1,
        "missions": [
            {"mission": "acces_aux_soins", "start": "2021-03-01", "fixed_envelope": "40000",
             "variable_envelope": variable, "indicators": indicators},
            {"mission": "parcours_pluriprofessionnels", "fixed_envelope": "0", "variable_envelope": "0"},
            {"mission": "prevention", "fixed_envelope": "0", "variable_envelope": "0"}
        ]})
    }

    /// `validate_contract` of a contract with one tiered indicator of `n` tiers.
    pub fn tiers(n: usize) -> String {
        let tiers: Vec<Value> = (0..n)
            .map(|i| json!({"threshold": i.to_string(), "amount": "1"}))
            .collect();
        let indicator = json!({"id": "paliers", "label": "Indicateur à paliers",
            "max_amount": "1000", "rule": {"kind": "tiers", "better": "higher", "tiers": tiers}});
        request(
            "validate_contract",
            json!({"contract": contract(vec![indicator], "1000")}),
        )
    }

    /// `evaluate_year` of a contract with `n` binary indicators, given their `n` results
    /// in reverse order, plus one result for an indicator the contract does not have.
    pub fn indicators(n: usize) -> String {
        let indicators: Vec<Value> = (0..n)
            .map(|i| json!({"id": format!("i{i}"), "label": "Indicateur", "max_amount": "1", "rule": {"kind": "binary"}}))
            .collect();
        let mut results: Vec<Value> = (0..n)
            .rev()
            .map(|i| json!({"indicator": format!("i{i}"), "measure": {"met": true}}))
            .collect();
        results.push(json!({"indicator": "inconnu", "measure": {"met": true}}));
        request(
            "evaluate_year",
            json!({"contract": contract(indicators, &n.to_string()),
                   "results": {"year": 1, "indicators": results}}),
        )
    }

    fn cpts(members: Vec<Value>) -> Value {
        json!({"id": "cpts", "identity": {"name": "CPTS", "siege": "78551"},
               "territory": ["78551"], "members": members,
               "lifecycle": {"events": [
                   {"event": "projet_de_sante_submitted", "date": "2023-01-10"},
                   {"event": "contract_signed", "date": "2023-04-01"}]}})
    }

    /// `check_application` of one application holding `n` distinct RPPS.
    pub fn application(n: usize) -> String {
        let identifiers: Vec<Value> = (0..n as u64)
            .map(|i| json!({"scheme": "rpps", "value": super::rpps_text(i)}))
            .collect();
        let application = json!({"name": "Dr Martin", "kind": {"kind": "professionnel_de_sante",
            "profession": {"system": "tre_g15", "code": "10"}}, "identifiers": identifiers});
        request(
            "check_application",
            json!({"cpts": cpts(vec![]), "application": application, "date": "2024-01-01"}),
        )
    }

    /// `late_missions` of a CPTS of `n` members.
    pub fn members(n: usize) -> String {
        let members: Vec<Value> = (0..n as u64)
            .map(|i| {
                json!({"number": i + 1, "name": "Dr Martin",
                   "kind": {"kind": "professionnel_de_sante", "profession": {"system": "tre_g15", "code": "10"}},
                   "identifiers": [{"scheme": "rpps", "value": super::rpps_text(i)}],
                   "practises_in": null, "college": null, "applied_on": "2023-05-01",
                   "admission": {"admission": "automatic"}, "departure": null})
            })
            .collect();
        request(
            "late_missions",
            json!({"cpts": cpts(members), "on": "2024-06-01"}),
        )
    }

    /// `coverage` of one CPTS listing a former code (Fourqueux, 78251) `n` times.
    pub fn former_codes(n: usize) -> String {
        request(
            "coverage",
            json!({"cpts": [{"cpts": "cpts", "communes": vec!["78251"; n]}],
                   "area": {"area": "departement", "code": "78"}}),
        )
    }

    /// `read_cpts_sheet` of a CSV of `n` rows, each with a commune code of 4 digits: every
    /// row is a problem, all reported at once.
    pub fn sheet_problems(n: usize) -> String {
        let mut csv = String::from("CPTS;Code INSEE\n");
        for i in 0..n {
            csv.push_str(&format!("CPTS {i};7855\n"));
        }
        request("read_cpts_sheet", json!({ "csv": csv }))
    }

    /// `coverage` of the Nord with `n` CPTS, each holding a part of Lille (59350) of one
    /// inhabitant, all under the same name.
    pub fn parts(n: usize) -> String {
        let cpts: Vec<Value> = (0..n)
            .map(|i| {
                json!({"cpts": format!("cpts-{i}"), "communes": [], "parts": [
                {"commune": "59350", "name": "Quartier", "population": 1,
                 "source": {"kind": "contract", "reference": "contrat"}}]})
            })
            .collect();
        request(
            "coverage",
            json!({"cpts": cpts, "area": {"area": "departement", "code": "59"}}),
        )
    }

    /// `what_if` removing every one of `codes` from a territory of those codes and adding
    /// the first back.
    pub fn what_if(codes: &[String]) -> String {
        request(
            "what_if",
            json!({"communes": codes, "remove": codes, "add": [codes[0]], "on": "2026-01-01"}),
        )
    }
}

/// The RoViRa contract of the ACI annex (41 indicators), as the tests hold it.
pub fn rovira_contract() -> Contract {
    serde_json::from_str(include_str!(
        "../../cpts-core/tests/fixtures/rovira_contract.json"
    ))
    .unwrap_or_else(|e| panic!("the RoViRa fixture reads: {e}"))
}

/// Results of the RoViRa contract for `year`: the four measured indicators of the annex at
/// their example values, every other indicator met or not by the length of its id.
pub fn rovira_results(contract: &Contract, year: u32) -> YearResults {
    let indicators = contract
        .missions
        .iter()
        .flat_map(|m| m.indicators.iter())
        .map(|i| IndicatorResult {
            indicator: i.id.to_string(),
            measure: match &*i.id {
                "acces_ald_sans_mt" => Measure::Value(Decimal::new(87, 0)),
                "prevention_sein" => Measure::Value(Decimal::new(7240, 2)),
                "prevention_col" => Measure::Value(Decimal::new(669, 1)),
                "prevention_colorectal" => Measure::Value(Decimal::new(27, 0)),
                id => Measure::Met(id.len() % 3 != 0),
            },
        })
        .collect();
    YearResults {
        year,
        indicators,
        crises: vec![],
    }
}

/// An operation API request for `operation` with `input`, its fields in the documented
/// order (`api_version`, `operation`, `input`: the order the npm package writes).
pub fn api_request(operation: &str, input: serde_json::Value) -> String {
    format!(
        r#"{{"api_version":1,"operation":{},"input":{input}}}"#,
        json!(operation)
    )
}
