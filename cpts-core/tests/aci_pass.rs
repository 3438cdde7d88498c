//! The PASS cap on member indemnities and remunerations (D.1434-44 CSP).

mod common;

use common::{d, rpps};
use cpts_core::aci::FundingError;
use cpts_core::aci::pass::{PassTable, RemunerationKind, RemunerationRecord, check_indemnity_cap};
use cpts_core::identifiers::{Identifier, IdentifierKind};
use cpts_core::source::Quality;
use rust_decimal::Decimal;

fn eur(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn record(
    who: Identifier,
    date: chrono::NaiveDate,
    amount: &str,
    kind: RemunerationKind,
) -> RemunerationRecord {
    RemunerationRecord {
        professional: who,
        date,
        amount: eur(amount),
        kind,
        label: None,
        cpts: None,
        commune: None,
    }
}

#[test]
fn pass_values_with_their_sources() {
    let table = PassTable::embedded().unwrap();
    // Each year cites its arrêté on Légifrance (values as in OpenFisca-France's
    // plafond_securite_sociale_mensuel.yaml, which cites the same arrêtés): 12 × the monthly
    // plafond, 3 428 → 41 136, 3 666 → 43 992, 3 864 → 46 368, 3 925 → 47 100, 4 005 → 48 060.
    for (year, amount, arrete) in [
        (
            2022,
            "41136",
            "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000044514684",
        ),
        (
            2023,
            "43992",
            "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000046745084",
        ),
        (
            2024,
            "46368",
            "https://www.legifrance.gouv.fr/jorf/id/JORFARTI000048708695",
        ),
        (
            2025,
            "47100",
            "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000050854392",
        ),
        (
            2026,
            "48060",
            "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000053143451",
        ),
    ] {
        let pass = table.annual(year).unwrap();
        assert_eq!(
            (pass.value, pass.source.quality, pass.source.url.as_deref()),
            (eur(amount), Quality::Official, Some(arrete)),
            "{year}"
        );
    }
    // The cap exists from the décret of 16 March 2022; no value is guessed for other years.
    for year in [2021, 2027] {
        assert!(
            matches!(table.annual(year), Err(FundingError::MissingParameter { parameter, .. }) if parameter == format!("pass_{year}"))
        );
    }
    assert_eq!(table.cap_rule().article.as_deref(), Some("D.1434-44"));
}

#[test]
fn who_exceeds_the_cap_and_by_how_much() {
    let table = PassTable::embedded().unwrap();
    let a = rpps("10000927870");
    let b = rpps("10003090833");
    let c = Identifier::parse(IdentifierKind::Adeli, "010000206").unwrap();
    let records = [
        // A: 30 000 + 16 368 = 46 368, exactly the PASS 2024: not over.
        record(a, d(2024, 1, 1), "30000", RemunerationKind::Remuneration),
        record(a, d(2024, 12, 31), "16368", RemunerationKind::Indemnite),
        // Counts in 2025, not 2024.
        record(a, d(2025, 1, 1), "5000", RemunerationKind::Indemnite),
        // B: 46 368,01: one cent over.
        record(
            b,
            d(2024, 6, 30),
            "46368.01",
            RemunerationKind::Remuneration,
        ),
        // C (ADELI): 50 000: 3 632 over.
        record(c, d(2024, 3, 3), "20000", RemunerationKind::Indemnite),
        record(c, d(2024, 9, 9), "30000", RemunerationKind::Remuneration),
    ];
    let check = check_indemnity_cap(&records, 2024, &table).unwrap();
    assert_eq!(check.cap.value, eur("46368"));
    let totals: Vec<(Identifier, Decimal, Decimal)> = check
        .professionals
        .iter()
        .map(|p| (p.professional, p.total, p.excess))
        .collect();
    assert!(totals.contains(&(a, eur("46368"), Decimal::ZERO)));
    assert!(totals.contains(&(b, eur("46368.01"), eur("0.01"))));
    assert!(totals.contains(&(c, eur("50000"), eur("3632"))));
    let mut over = check.over_cap.clone();
    over.sort();
    let mut want = vec![b, c];
    want.sort();
    assert_eq!(over, want);
    for p in &check.professionals {
        assert_eq!(p.explanation.leaves_total(), p.total);
    }
    let text = check
        .professionals
        .iter()
        .find(|p| p.professional == c)
        .unwrap()
        .explanation
        .render_fr();
    assert!(
        text.contains("PASS 2024 : 46\u{202f}368,00\u{a0}€"),
        "{text}"
    );
    // 2025: only A's 5 000.
    let check = check_indemnity_cap(&records, 2025, &table).unwrap();
    assert_eq!(check.professionals.len(), 1);
    assert!(check.over_cap.is_empty());
}

#[test]
fn bad_records_are_refused() {
    let table = PassTable::embedded().unwrap();
    let structure = Identifier::parse(IdentifierKind::Finess, "540002698").unwrap();
    let bad = [record(
        structure,
        d(2024, 1, 1),
        "10",
        RemunerationKind::Indemnite,
    )];
    assert!(matches!(
        check_indemnity_cap(&bad, 2024, &table),
        Err(FundingError::InvalidInput { .. })
    ));
    let negative = [record(
        rpps("10000927870"),
        d(2024, 1, 1),
        "-10",
        RemunerationKind::Indemnite,
    )];
    assert!(matches!(
        check_indemnity_cap(&negative, 2024, &table),
        Err(FundingError::InvalidInput { .. })
    ));
}

/// The library reads the JSON that build.rs makes from data/pass.toml: same table.
#[test]
#[cfg(feature = "toml")]
fn the_embedded_pass_json_is_the_toml_file() {
    let from_toml = PassTable::from_toml("pass.toml", include_str!("../data/pass.toml")).unwrap();
    assert_eq!(PassTable::embedded().unwrap(), from_toml);
    let json = serde_json::to_string(&from_toml).unwrap();
    assert_eq!(PassTable::from_json("pass.json", &json).unwrap(), from_toml);
    let wrong = json.replacen("\"annual\":\"46368.00\"", "\"annual\":\"46369.00\"", 1);
    assert_ne!(wrong, json, "the replaced text is in the JSON");
    assert!(PassTable::from_json("pass.json", &wrong).is_err());
}

#[test]
#[cfg(feature = "toml")]
fn the_pass_file_is_checked() {
    let text = include_str!("../data/pass.toml");
    let wrong = text.replacen("annual = \"46368\"", "annual = \"46369\"", 1);
    assert!(PassTable::from_toml("pass.toml", &wrong).is_err());
    let twice = text.replacen("year = 2025", "year = 2024", 1);
    assert!(PassTable::from_toml("pass.toml", &twice).is_err());
}

/// D.1434-44: « la somme totale des indemnités ou rémunérations perçues en application du
/// présent article durant une année civile ne peut excéder la valeur annuelle du plafond » —
/// per CPTS or across every CPTS of a professional, the text does not say: both, per CPTS
/// by default (a named convention).
#[test]
fn the_cap_per_cpts_or_across_cpts() {
    use cpts_core::aci::pass::{CapScope, CapWarning, check_indemnity_cap_with};
    use cpts_core::entity::CptsId;
    let table = PassTable::embedded().unwrap();
    let doctor = rpps("10000927870");
    let paid_by = |cpts: &str, amount: &str| RemunerationRecord {
        cpts: Some(CptsId::new(cpts).unwrap()),
        ..record(
            doctor,
            d(2024, 6, 1),
            amount,
            RemunerationKind::Remuneration,
        )
    };
    let records = [paid_by("cpts-a", "30000"), paid_by("cpts-b", "20000")];
    // Per CPTS (default): 30 000 and 20 000, each within the 2024 PASS of 46 368 €.
    let per = check_indemnity_cap_with(&records, 2024, &table, CapScope::default()).unwrap();
    assert_eq!(per.scope, CapScope::PerCpts);
    let totals: Vec<(String, Decimal, Decimal)> = per
        .professionals
        .iter()
        .map(|p| (p.cpts.as_ref().unwrap().to_string(), p.total, p.excess))
        .collect();
    assert_eq!(
        totals,
        [
            ("cpts-a".to_owned(), eur("30000"), eur("0")),
            ("cpts-b".to_owned(), eur("20000"), eur("0"))
        ]
    );
    assert!(per.over_cap.is_empty());
    // Across CPTS: 50 000 − 46 368 = 3 632 € over.
    let across = check_indemnity_cap_with(&records, 2024, &table, CapScope::AcrossCpts).unwrap();
    assert_eq!(across.professionals.len(), 1);
    assert_eq!(
        (
            across.professionals[0].total,
            across.professionals[0].excess
        ),
        (eur("50000"), eur("3632"))
    );
    assert_eq!(across.over_cap, [doctor]);
    assert!(across.professionals[0].warnings.is_empty());

    // Mayotte (Mamoudzou, 97611): the national PASS is applied, flagged not established.
    let mut mayotte = records[0].clone();
    mayotte.commune = Some("97611".parse().unwrap());
    let check = check_indemnity_cap_with(&[mayotte], 2024, &table, CapScope::PerCpts).unwrap();
    assert_eq!(
        check.professionals[0].warnings,
        [CapWarning::MayottePlafond]
    );
    assert!(
        CapWarning::MayottePlafond
            .label_fr()
            .contains("Mayotte a son propre plafond")
    );
}

/// The registry's check: every record names a CPTS of the registry.
#[test]
fn the_cap_across_a_registry() {
    use cpts_core::aci::pass::CapScope;
    use cpts_core::entity::CptsId;
    use cpts_core::membership::{Registry, Statutes};
    let table = PassTable::embedded().unwrap();
    let mut registry = Registry::default();
    registry
        .insert(common::cpts("cpts-a", &["78481"], Statutes::default()))
        .unwrap();
    let doctor = rpps("10000927870");
    let mut r = record(doctor, d(2025, 2, 1), "48000", RemunerationKind::Indemnite);
    r.cpts = Some(CptsId::new("cpts-a").unwrap());
    // 2025 PASS 47 100 €: 900 € over.
    let check = registry
        .check_indemnity_cap(std::slice::from_ref(&r), 2025, &table, CapScope::AcrossCpts)
        .unwrap();
    assert_eq!(check.professionals[0].excess, eur("900"));
    r.cpts = Some(CptsId::new("cpts-z").unwrap());
    assert!(matches!(
        registry.check_indemnity_cap(&[r], 2025, &table, CapScope::AcrossCpts),
        Err(cpts_core::aci::FundingError::InvalidInput { field, .. }) if field == "records[0].cpts"
    ));
}
