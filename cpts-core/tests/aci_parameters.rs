//! ACI parameter sets: the embedded data, band boundaries, absent values, and the loader's
//! rules.

mod common;

use common::d;
use cpts_core::aci::parameters::{FIRST_ACI_DAY, ParameterSetData};
use cpts_core::aci::{FundingError, ParameterCatalogue, ParameterError, ParameterSet, Taille};
use cpts_core::source::Quality;
use rust_decimal::Decimal;

fn catalogue() -> ParameterCatalogue {
    ParameterCatalogue::embedded().unwrap()
}

fn t(n: u8) -> Taille {
    Taille::new(n).unwrap()
}

#[test]
fn versions_follow_each_other_from_25_august_2019() {
    let c = catalogue();
    let ids: Vec<&str> = c.sets().iter().map(|s| s.id()).collect();
    assert_eq!(ids, ["aci_2019", "aci_2019_avenant_2"]);
    assert_eq!(FIRST_ACI_DAY, d(2019, 8, 25));
    assert_eq!(
        c.in_force_on(d(2019, 8, 24)),
        Err(FundingError::NoAciOnDate {
            date: d(2019, 8, 24),
            first_day: d(2019, 8, 25)
        })
    );
    assert_eq!(c.in_force_on(d(2019, 8, 25)).unwrap().id(), "aci_2019");
    assert_eq!(c.in_force_on(d(2022, 3, 30)).unwrap().id(), "aci_2019");
    assert_eq!(
        c.in_force_on(d(2022, 3, 31)).unwrap().id(),
        "aci_2019_avenant_2"
    );
    assert_eq!(
        c.in_force_on(d(2030, 1, 1)).unwrap().id(),
        "aci_2019_avenant_2"
    );
}

#[test]
fn band_boundaries_under_the_default_convention() {
    // taille 1 p < 40 000; taille 2 40 000 ≤ p ≤ 80 000; taille 3 80 000 < p ≤ 175 000;
    // taille 4 p > 175 000 (official thresholds, library convention for the edges).
    for set in catalogue().sets() {
        for (population, taille) in [
            (0, 1),
            (39_999, 1),
            (40_000, 2),
            (80_000, 2),
            (80_001, 3),
            (175_000, 3),
            (175_001, 4),
            (u64::MAX, 4),
        ] {
            assert_eq!(
                set.band(population).unwrap().taille,
                t(taille),
                "{} {population}",
                set.id()
            );
        }
        let edge = set.band(40_000).unwrap();
        assert_eq!(edge.source.quality, Quality::LibraryConvention);
        assert_eq!(
            edge.label_fr(),
            "de 40\u{202f}000 à 80\u{202f}000 habitants"
        );
    }
}

#[test]
fn sourced_values_of_the_2019_aci() {
    let c = catalogue();
    let set = c.get("aci_2019").unwrap();
    for (taille, amount) in [(1, 50_000), (2, 60_000), (3, 75_000), (4, 90_000)] {
        let f = set.fonctionnement(t(taille)).unwrap();
        assert_eq!(f.value, Decimal::from(amount));
        assert_eq!(f.source.quality, Quality::TradePress);
        assert!(
            f.source
                .url
                .as_deref()
                .unwrap()
                .contains("leconcoursmedical")
        );
        assert_eq!(&*f.parameter_set, "aci_2019");
    }
    let rate = set.advance_rate();
    assert_eq!(rate.value, Decimal::new(75, 2));
    assert_eq!(rate.source.article.as_deref(), Some("9.1"));
    assert_eq!(set.contract_duration_months().value, 60);
    // The lettre d'intention aid did not exist before avenant 2.
    assert!(matches!(
        set.lettre_intention_aid(t(1)),
        Err(FundingError::MissingParameter { parameter, .. }) if parameter == "lettre_intention_aid"
    ));
    // Three missions socles, two optional; no crisis mission.
    assert_eq!(set.socles_on(d(2020, 1, 1)).count(), 3);
    assert_eq!(set.missions().len(), 5);
}

#[test]
fn avenant_2_values_and_the_gaps_it_documents() {
    let c = catalogue();
    let set = c.get("aci_2019_avenant_2").unwrap();
    // Lettre d'intention, T1 and T2: the sources agree (15 000 / 17 500 €) but all report the
    // Nov-Dec 2020 drafts, none the signed text: not established, the readings in the error.
    for (taille, reading) in [
        (1, "15\u{202f}000,00\u{a0}€"),
        (2, "17\u{202f}500,00\u{a0}€"),
    ] {
        let err = set.lettre_intention_aid(t(taille)).unwrap_err();
        let FundingError::MissingParameter {
            parameter, note, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(parameter, "lettre_intention_aid");
        let note = note.as_ref().unwrap().fr().to_owned();
        assert!(
            note.contains("aucune source ne cite le texte signé le 20 décembre 2021"),
            "{note}"
        );
        assert!(note.contains(reading), "{note}");
        assert!(note.contains("Le Concours médical") && note.contains("Le Pharmacien de France"));
    }
    // The fonctionnement note gives the drafts' cut-off, the signatory union's reading of the
    // signed text and the Sénat's 2025 range; the value stays not established.
    let gap = set
        .not_established()
        .iter()
        .find(|n| n.parameter == "fonctionnement")
        .unwrap();
    assert!(gap.note_fr.contains("avant le 31 décembre 2021"));
    assert!(
        gap.note_fr
            .contains("« pour les structures adhérentes avant le 30 septembre prochain »")
    );
    assert!(gap.note_fr.contains("de 50 000 à 90 000 €"));
    assert_eq!(gap.further_sources, ["sml_avenant_2", "senat_r25_032"]);
    assert!(set.fonctionnement(t(1)).is_err());
    // The pending avenant, as a dated note with its official source.
    let (note, source) = set.notes().next().unwrap();
    assert_eq!(note.date, d(2025, 12, 31));
    assert!(note.note_fr.contains("art. 63 § VIII"));
    assert_eq!(source.quality, Quality::Official);
    // T3: sources conflict; absent, with both readings in the error.
    let err = set.lettre_intention_aid(t(3)).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("lettre_intention_aid") && text.contains("taille 3"),
        "{text}"
    );
    assert!(text.contains("25000") && text.contains("20000"), "{text}");
    // Fonctionnement: not established under avenant 2; never zero.
    let err = set.fonctionnement(t(4)).unwrap_err();
    assert!(err.to_string().contains("157500"), "{err}");
    assert!(matches!(
        err,
        FundingError::MissingParameter {
            taille: Some(_),
            ..
        }
    ));
    // The crisis mission is socle from 3 Sep 2022.
    assert_eq!(set.socles_on(d(2022, 9, 2)).count(), 3);
    assert_eq!(set.socles_on(d(2022, 9, 3)).count(), 4);
}

#[test]
fn every_value_carries_a_source() {
    for set in catalogue().sets() {
        let data = set.data();
        for (key, source) in &data.sources {
            assert!(!source.title.trim().is_empty(), "{key}");
            if source.quality != Quality::LibraryConvention {
                assert!(
                    source.url.as_deref().is_some_and(|u| u.starts_with("http")),
                    "{} {key}",
                    set.id()
                );
            }
        }
        for rule in set.missions() {
            assert!(!rule.source.title.is_empty());
        }
    }
}

fn data() -> ParameterSetData {
    catalogue().get("aci_2019").unwrap().data().clone()
}

fn invalid_field(result: Result<ParameterSet, ParameterError>) -> String {
    match result {
        Err(ParameterError::Invalid { field, .. }) => field,
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

#[test]
fn the_loader_refuses_broken_sets() {
    let mut gap = data();
    gap.bands[2].min = 80_002;
    assert_eq!(invalid_field(ParameterSet::new(gap)), "bands[2]");
    let mut closed = data();
    closed.bands[3].max = Some(1_000_000);
    assert_eq!(invalid_field(ParameterSet::new(closed)), "bands");
    let mut negative = data();
    negative.fonctionnement[0].amount = Decimal::NEGATIVE_ONE;
    assert_eq!(
        invalid_field(ParameterSet::new(negative)),
        "fonctionnement[0]"
    );
    let mut twice = data();
    twice.fonctionnement[1].taille = t(1);
    assert_eq!(invalid_field(ParameterSet::new(twice)), "fonctionnement[1]");
    let mut rate = data();
    rate.advance_rate.value = Decimal::new(15, 1);
    assert_eq!(invalid_field(ParameterSet::new(rate)), "advance_rate");
    let mut duration = data();
    duration.contract_duration_months.value = 58;
    assert_eq!(
        invalid_field(ParameterSet::new(duration)),
        "contract_duration_months"
    );
    let mut early = data();
    early.valid_from = d(2019, 8, 24);
    assert_eq!(invalid_field(ParameterSet::new(early)), "valid_from");
    let mut socle = data();
    socle.missions[0].start_within_months = None;
    assert_eq!(invalid_field(ParameterSet::new(socle)), "missions[0]");
    let mut source = data();
    source.fonctionnement[2].source = "nowhere".into();
    assert_eq!(
        ParameterSet::new(source),
        Err(ParameterError::UnknownSource {
            set: "aci_2019".into(),
            field: "fonctionnement[2]".into(),
            key: "nowhere".into()
        })
    );
}

/// The library reads the JSON that build.rs makes from the TOML files: both must give the
/// same catalogue, every amount and source included.
#[test]
#[cfg(feature = "toml")]
fn the_embedded_json_is_the_toml_files() {
    let from_toml = ParameterCatalogue::new(
        ParameterCatalogue::embedded_files()
            .iter()
            .map(|(file, text)| ParameterSet::from_toml(file, text).unwrap())
            .collect(),
    )
    .unwrap();
    assert_eq!(catalogue(), from_toml);
    // Not vacuous: a value the sets hold, as written in aci_2019.toml.
    let band = from_toml.get("aci_2019").unwrap().band(108_515).unwrap();
    assert_eq!(band.taille, t(3));
}

#[test]
fn a_json_parameter_file_names_the_field_it_cannot_read() {
    let set = catalogue().get("aci_2019").unwrap().clone();
    let json = serde_json::to_string(&set).unwrap();
    // Round trip: the set serialises to the shape from_json reads.
    assert_eq!(ParameterSet::from_json("mine.json", &json).unwrap(), set);
    let float = json.replacen("\"taille\":1", "\"taille\":1.5", 1);
    assert_ne!(float, json, "the replaced text is in the JSON");
    match ParameterSet::from_json("mine.json", &float) {
        Err(ParameterError::Syntax { file, message }) => {
            assert_eq!(file, "mine.json");
            // In words, in both languages, without Rust's type names (the field is a u8).
            assert_eq!(
                message.en(),
                format!(
                    "bands[0].taille: a whole number from 0 to 255 expected, found the number 1.5 at line 1 column {}",
                    float.find("1.5").unwrap() + 3
                )
            );
            assert!(
                message.fr().starts_with(
                    "bands[0].taille : attendu un nombre entier de 0 à 255, reçu le nombre 1.5 (ligne 1, colonne "
                ),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    match ParameterSet::from_json("mine.json", &format!("{json} x")) {
        Err(ParameterError::Syntax { message, .. }) => {
            assert!(
                message.en().starts_with("trailing characters at line 1"),
                "{message}"
            );
            assert!(
                message
                    .fr()
                    .starts_with("du texte après la fin du document JSON (ligne 1, colonne "),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
#[cfg(feature = "toml")]
fn amounts_must_be_decimal_strings_not_floats() {
    let (file, text) = ParameterCatalogue::embedded_files()[0];
    let float = text.replacen("amount = \"50000\"", "amount = 50000.0", 1);
    assert!(matches!(
        ParameterSet::from_toml(file, &float),
        Err(ParameterError::Syntax { .. })
    ));
    let unknown_field = text.replacen("id = \"aci_2019\"", "id = \"aci_2019\"\nbonus = 1", 1);
    assert!(matches!(
        ParameterSet::from_toml(file, &unknown_field),
        Err(ParameterError::Syntax { .. })
    ));
}

#[test]
fn the_catalogue_refuses_overlaps_and_gaps() {
    let c = catalogue();
    let first = c.get("aci_2019").unwrap().clone();
    let second = c.get("aci_2019_avenant_2").unwrap().clone();
    let mut overlapping = second.data().clone();
    overlapping.valid_from = d(2022, 3, 30);
    let overlapping = ParameterSet::new(overlapping).unwrap();
    assert!(matches!(
        ParameterCatalogue::new(vec![first.clone(), overlapping]),
        Err(ParameterError::Overlap { day, .. }) if day == d(2022, 3, 30)
    ));
    let mut late = second.data().clone();
    late.valid_from = d(2022, 4, 2);
    let late = ParameterSet::new(late).unwrap();
    assert_eq!(
        ParameterCatalogue::new(vec![first.clone(), late]),
        Err(ParameterError::Gap {
            before: "aci_2019".into(),
            after: "aci_2019_avenant_2".into(),
            from: d(2022, 3, 31),
            until: d(2022, 4, 1)
        })
    );
    assert!(matches!(
        ParameterCatalogue::new(vec![first.clone(), first]),
        Err(ParameterError::DuplicateSet { .. })
    ));
    assert_eq!(ParameterCatalogue::new(vec![]), Err(ParameterError::Empty));
}

#[test]
fn a_future_avenant_closes_the_current_set() {
    // A user loads their own set (a hypothetical avenant 3 from 1 Jan 2027).
    let mut future = catalogue()
        .get("aci_2019_avenant_2")
        .unwrap()
        .data()
        .clone();
    future.id = "avenant_3_test".into();
    future.valid_from = d(2027, 1, 1);
    let c = catalogue()
        .with_set(ParameterSet::new(future).unwrap())
        .unwrap();
    assert_eq!(
        c.get("aci_2019_avenant_2").unwrap().valid_until(),
        Some(d(2026, 12, 31))
    );
    assert_eq!(
        c.in_force_on(d(2026, 12, 31)).unwrap().id(),
        "aci_2019_avenant_2"
    );
    assert_eq!(c.in_force_on(d(2027, 1, 1)).unwrap().id(), "avenant_3_test");
}

#[test]
fn parameter_sets_round_trip_through_json() {
    let c = catalogue();
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(
        serde_json::from_str::<ParameterCatalogue>(&json).unwrap(),
        c
    );
    // JSON amounts are strings too, written to the cent.
    assert!(json.contains(r#""amount":"50000.00""#));
}
