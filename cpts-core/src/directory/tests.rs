//! The directory on the sample CPTS of the conformance corpus (seed 004's CPTS of
//! Saint-Germain-en-Laye and Marly): six members, of whom n° 4 was admitted on 02/10/2023,
//! n° 5 waits for a decision and n° 6 resigned on 01/07/2024.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::*;
use crate::entity::Cpts;
use crate::membership::Registry;
use crate::messages::Message;

const SAMPLE: &str = "cpts-exemple-saint-germain-marly";
const NEIGHBOUR: &str = "cpts-voisine";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn id(s: &str) -> CptsId {
    CptsId::new(s).unwrap()
}

/// The sample CPTS, and a neighbour with the same members under another id.
fn registry() -> Registry {
    let request: Value = serde_json::from_str(include_str!(
        "../../conformance/cases/registry-report.request.json"
    ))
    .unwrap();
    let sample = request["input"]["cpts"][0].clone();
    let mut neighbour = sample.clone();
    neighbour["id"] = json!(NEIGHBOUR);
    let mut registry = Registry::default();
    for c in [sample, neighbour] {
        registry
            .insert(serde_json::from_value::<Cpts>(c).unwrap())
            .unwrap();
    }
    registry
}

/// Every member of the sample publishes: the name public, the profession to members, the
/// practice public, professional contacts to members, personal contacts to the board,
/// languages and availability public, working groups to members, identifiers to nobody.
fn directory() -> Directory {
    let entry = |member: u32| {
        json!({
            "member": member,
            "consent": {"given_on": "2021-03-01"},
            "visibility": {
                "name": "public", "activity": "members", "practice": "public",
                "professional_contacts": "members", "personal_contacts": "board",
                "languages": "public", "working_groups": "members", "availability": "public"
            },
            "practice": {"commune": "78481", "address": format!("{member} rue de Pologne")},
            "professional_contacts": {"phone": "01 39 00 00 0".to_owned() + &member.to_string()},
            "personal_contacts": {"email": format!("membre{member}@exemple.fr")},
            "languages": ["fr", "en"],
            "working_groups": ["Parcours de la personne âgée"],
            "availability": ["sas"]
        })
    };
    serde_json::from_value(json!({
        "directories": [{
            "cpts": SAMPLE,
            "board": [{"member": 1, "from": "2021-03-01", "ended_on": "2025-06-30"}],
            "entries": (1..=6).map(entry).collect::<Vec<_>>()
        }]
    }))
    .unwrap()
}

fn member(cpts: &str, n: u32) -> Viewer {
    Viewer::Member {
        cpts: id(cpts),
        member: MemberNumber(n),
    }
}

fn answer(directory: &Directory, viewer: &Viewer, on: NaiveDate, q: Value) -> Value {
    let registry = registry();
    let index = DirectoryIndex::new(&registry, directory).unwrap();
    let query: DirectoryQuery = serde_json::from_value(q).unwrap();
    serde_json::to_value(index.query(viewer, on, &query).unwrap()).unwrap()["entries"].clone()
}

fn names(entries: &Value) -> Vec<String> {
    entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

fn keys(entry: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = entry
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

#[test]
fn only_members_on_the_date_are_listed() {
    let dir = directory();
    // On 01/03/2024: n° 1, 2, 3, 6 (not yet resigned); n° 4 admitted on 02/10/2023; n° 5
    // pending. Sorted by folded name: « camille… », « dr claire… », « dr jean… », « julie… »,
    // « msp… ».
    assert_eq!(
        names(&answer(&dir, &Viewer::Anonymous, d(2024, 3, 1), json!({}))),
        [
            "Camille Fournier, psychologue",
            "Dr Claire Martin",
            "Dr Jean Lambert",
            "Julie Robert, infirmière",
            "MSP du Pecq"
        ]
    );
    // On 01/07/2024, Dr Lambert's resignation day, he is no longer listed.
    assert_eq!(
        names(&answer(&dir, &Viewer::Anonymous, d(2024, 7, 1), json!({}))).len(),
        4
    );
    // On 01/10/2023, the day before her admission, Camille Fournier is not listed.
    assert!(
        !names(&answer(&dir, &Viewer::Anonymous, d(2023, 10, 1), json!({})))
            .contains(&"Camille Fournier, psychologue".to_owned())
    );
    // Before the consents (01/03/2021), nobody.
    assert_eq!(
        answer(&dir, &Viewer::Anonymous, d(2021, 2, 28), json!({})),
        json!([])
    );
}

#[test]
fn each_viewer_sees_the_fields_of_their_level() {
    let dir = directory();
    let on = d(2025, 1, 15);
    let nurse = |viewer: &Viewer| {
        answer(&dir, viewer, on, json!({"text": "julie"}))
            .as_array()
            .unwrap()[0]
            .clone()
    };
    // Anonymous: the public fields only, no member number.
    let anonymous = nurse(&Viewer::Anonymous);
    assert_eq!(
        keys(&anonymous),
        [
            "availability",
            "cpts",
            "languages",
            "name",
            "practice",
            "seen_as"
        ]
    );
    assert_eq!(anonymous["seen_as"], "anonymous");
    assert_eq!(
        anonymous["availability"][0]["label"],
        "service d'accès aux soins (SAS)"
    );
    // A member (n° 3, the MSP): the members' fields too, and the number.
    let msp = nurse(&member(SAMPLE, 3));
    assert_eq!(
        keys(&msp),
        [
            "activity",
            "availability",
            "cpts",
            "languages",
            "member",
            "name",
            "practice",
            "professional_contacts",
            "seen_as",
            "working_groups"
        ]
    );
    assert_eq!(msp["activity"]["label"], "Infirmier");
    assert_eq!(
        msp["activity"]["code"],
        json!({"system": "tre_g15", "code": "60"})
    );
    assert_eq!(msp["member"], 2);
    // The board (n° 1 until 30/06/2025): the personal contacts too.
    let board = nurse(&member(SAMPLE, 1));
    assert_eq!(board["seen_as"], "board");
    assert_eq!(board["personal_contacts"]["email"], "membre2@exemple.fr");
    assert!(board.get("identifiers").is_none());
    // Herself: everything, identifiers and her choices included.
    let own = nurse(&member(SAMPLE, 2));
    assert_eq!(own["seen_as"], "own");
    assert_eq!(
        own["identifiers"],
        json!([{"scheme": "rpps", "value": "19990000051"}])
    );
    assert_eq!(own["visibility"]["identifiers"], "nobody");
    // Dr Martin's mandate ended on 30/06/2025: on 01/07/2025 she is a member like others.
    let after = answer(
        &dir,
        &member(SAMPLE, 1),
        d(2025, 7, 1),
        json!({"text": "julie"}),
    );
    assert_eq!(after[0]["seen_as"], "member");
    // Dr Lambert resigned on 01/07/2024: he logs in, and sees what a visitor sees.
    assert_eq!(nurse(&member(SAMPLE, 6)), anonymous);
    // n° 5 is only an applicant.
    assert_eq!(nurse(&member(SAMPLE, 5)), anonymous);
    // A member of the neighbour, without agreement: a visitor; an unknown CPTS too.
    assert_eq!(nurse(&member(NEIGHBOUR, 2)), anonymous);
    assert_eq!(nurse(&member("cpts-inconnue", 2)), anonymous);
}

#[test]
fn a_sharing_agreement_opens_the_members_level_for_its_duration() {
    let mut dir = directory();
    dir.add_agreement(SharingAgreement {
        cpts: id(NEIGHBOUR),
        partner: id(SAMPLE),
        from: d(2025, 1, 1),
        ended_on: Some(d(2026, 1, 1)),
    })
    .unwrap();
    let seen = |on| answer(&dir, &member(NEIGHBOUR, 3), on, json!({"text": "julie"}))[0].clone();
    assert_eq!(seen(d(2024, 12, 31))["seen_as"], "anonymous");
    let shared = seen(d(2025, 6, 1));
    assert_eq!(shared["seen_as"], "member");
    assert!(shared.get("professional_contacts").is_some());
    // The partner's members do not get the sample's member numbers.
    assert!(shared.get("member").is_none());
    assert_eq!(seen(d(2026, 1, 1))["seen_as"], "anonymous");
}

#[test]
fn a_search_matches_only_what_the_viewer_may_see() {
    let dir = directory();
    let on = d(2025, 1, 15);
    // The profession is for members: a visitor searching for nurses finds nobody, a member
    // finds Julie Robert.
    let nurses = json!({"profession": {"system": "tre_g15", "code": "60"}});
    assert_eq!(
        answer(&dir, &Viewer::Anonymous, on, nurses.clone()),
        json!([])
    );
    assert_eq!(
        names(&answer(&dir, &member(SAMPLE, 3), on, nurses)),
        ["Julie Robert, infirmière"]
    );
    // The words of a working group are found by members only, accents aside: the four
    // members on 15/01/2025 (n° 5 is pending, n° 6 resigned).
    let group = json!({"text": "PERSONNE AGEE"});
    assert_eq!(
        answer(&dir, &Viewer::Anonymous, on, group.clone()),
        json!([])
    );
    assert_eq!(names(&answer(&dir, &member(SAMPLE, 3), on, group)).len(), 4);
    // The commune of practice is public: 78481 (Le Pecq).
    assert_eq!(
        names(&answer(
            &dir,
            &Viewer::Anonymous,
            on,
            json!({"commune": "78481", "limit": 2})
        )),
        ["Camille Fournier, psychologue", "Dr Claire Martin"]
    );
}

#[test]
fn withdrawing_consent_hides_at_once_and_erases() {
    let mut dir = directory();
    let sample = id(SAMPLE);
    let before = dir.clone();
    // Withdrawn before it was given: refused, nothing changed.
    let e = dir
        .withdraw_consent(&sample, MemberNumber(2), d(2021, 2, 1))
        .unwrap_err();
    assert!(matches!(e, DirectoryError::WithdrawnBeforeGiven { .. }));
    assert_eq!(dir, before);
    dir.withdraw_consent(&sample, MemberNumber(2), d(2025, 2, 1))
        .unwrap();
    // Not listed at any date, not even to herself or on a date before the withdrawal.
    for viewer in [Viewer::Anonymous, member(SAMPLE, 1), member(SAMPLE, 2)] {
        assert!(
            !names(&answer(&dir, &viewer, d(2024, 1, 1), json!({})))
                .contains(&"Julie Robert, infirmière".to_owned())
        );
    }
    let kept = dir.directory(&sample).unwrap().entries[1].clone();
    assert_eq!(kept, {
        DirectoryEntry::new(
            MemberNumber(2),
            Consent {
                given_on: d(2021, 3, 1),
                withdrawn_on: Some(d(2025, 2, 1)),
            },
        )
    });
    let again = dir.withdraw_consent(&sample, MemberNumber(2), d(2025, 3, 1));
    assert!(matches!(
        again,
        Err(DirectoryError::AlreadyWithdrawn { .. })
    ));
    // The saved state reads back as it was.
    let text = serde_json::to_string(&dir).unwrap();
    assert_eq!(serde_json::from_str::<Directory>(&text).unwrap(), dir);
}

#[test]
fn the_rules_of_an_entry_are_kept() {
    let registry = registry();
    let sample = id(SAMPLE);
    let mut dir = directory();
    let before = dir.clone();
    let with = |f: &dyn Fn(&mut DirectoryEntry)| {
        let mut e = DirectoryEntry::new(MemberNumber(2), Consent::given_on(d(2024, 1, 1)));
        f(&mut e);
        e
    };
    let refused = [
        with(&|e| e.visibility.personal_contacts = Visibility::Public),
        with(&|e| e.languages = vec!["fra".into()]),
        with(&|e| e.languages = vec!["fr".into(), "fr".into()]),
        with(&|e| {
            e.professional_contacts = Some(Contacts {
                phone: Some("appelez-moi".into()),
                email: None,
            })
        }),
        with(&|e| {
            e.professional_contacts = Some(Contacts {
                phone: None,
                email: Some("julie.robert".into()),
            })
        }),
        with(&|e| {
            e.professional_contacts = Some(Contacts {
                phone: None,
                email: None,
            })
        }),
        with(&|e| e.working_groups = vec!["  ".into()]),
        with(&|e| {
            e.consent.withdrawn_on = Some(d(2024, 2, 1));
            e.languages = vec!["fr".into()];
        }),
    ];
    let mut messages = Vec::new();
    for entry in refused {
        let e = dir.publish(&sample, entry).unwrap_err();
        messages.push(e.message_fr());
        assert_eq!(dir, before, "{e}");
    }
    assert_eq!(
        messages[0],
        "CPTS cpts-exemple-saint-germain-marly, membre n° 2 : les coordonnées personnelles ne peuvent pas être publics ; choisissez les adhérents, le conseil d'administration ou personne"
    );
    assert_eq!(
        messages[1],
        "CPTS cpts-exemple-saint-germain-marly, membre n° 2, langues parlées « fra » : un code de langue ISO 639-1 en deux lettres minuscules (fr, en, ar…)"
    );
    // An individual's RPPS made public is refused against the roster; the MSP's FINESS may
    // be public.
    dir.publish(
        &sample,
        with(&|e| e.visibility.identifiers = Visibility::Public),
    )
    .unwrap();
    let e = DirectoryIndex::new(&registry, &dir).unwrap_err();
    assert_eq!(
        e,
        DirectoryError::NeverPublic {
            cpts: sample.clone(),
            member: MemberNumber(2),
            field: "identifiers"
        }
    );
    let mut msp = with(&|e| e.visibility.identifiers = Visibility::Public);
    msp.member = MemberNumber(3);
    msp.visibility.name = Visibility::Public;
    let mut dir = directory();
    dir.publish(&sample, msp).unwrap();
    let index = DirectoryIndex::new(&registry, &dir).unwrap();
    let listed = index
        .query(
            &Viewer::Anonymous,
            d(2025, 1, 1),
            &DirectoryQuery {
                text: Some("msp".into()),
                ..DirectoryQuery::default()
            },
        )
        .unwrap();
    assert_eq!(
        serde_json::to_value(listed.entries[0].identifiers).unwrap(),
        json!([{"scheme": "finess", "value": "789900016"}])
    );
    // A member number the roster does not hold.
    let mut dir = directory();
    dir.publish(
        &sample,
        DirectoryEntry::new(MemberNumber(99), Consent::given_on(d(2024, 1, 1))),
    )
    .unwrap();
    assert!(matches!(
        DirectoryIndex::new(&registry, &dir),
        Err(DirectoryError::UnknownMember {
            field: "entries",
            ..
        })
    ));
}

#[test]
fn directories_are_read_with_their_rules() {
    let read = |v: Value| serde_json::from_value::<Directory>(v).map_err(|e| e.to_string());
    let e = read(json!({"directories": [{"cpts": SAMPLE}, {"cpts": SAMPLE}]})).unwrap_err();
    assert!(e.contains("two directories"), "{e}");
    let e =
        read(json!({"agreements": [{"cpts": SAMPLE, "partner": SAMPLE, "from": "2025-01-01"}]}))
            .unwrap_err();
    assert!(e.contains("itself"), "{e}");
    let e = read(json!({"directories": [{"cpts": SAMPLE, "board": [{"member": 1, "from": "2025-01-01", "ended_on": "2025-01-01"}]}]}))
        .unwrap_err();
    assert!(e.contains("not after its first day"), "{e}");
    // What was accepted reads back as it was.
    let dir = directory();
    let text = serde_json::to_string(&dir).unwrap();
    assert_eq!(serde_json::from_str::<Directory>(&text).unwrap(), dir);
}

proptest::proptest! {
    /// The signature that passes over entries quickly never passes over one that holds the
    /// word.
    #[test]
    fn a_signature_never_hides_a_word(text in "[a-z0-9 ]{0,40}", start in 0usize..40, len in 1usize..8) {
        let start = start.min(text.len());
        let end = (start + len).min(text.len());
        let word = &text[start..end];
        proptest::prop_assume!(!word.is_empty());
        proptest::prop_assert_eq!(query::signature(word) & !query::signature(&text), 0);
    }
}

#[test]
fn a_query_too_long_or_naming_an_unknown_cpts_is_refused() {
    let registry = registry();
    let dir = directory();
    let index = DirectoryIndex::new(&registry, &dir).unwrap();
    let on = d(2025, 1, 15);
    let long = DirectoryQuery {
        text: Some("a".repeat(301)),
        ..DirectoryQuery::default()
    };
    let e = index.query(&Viewer::Anonymous, on, &long).unwrap_err();
    assert!(
        matches!(e, DirectoryError::InvalidQuery { field: "text", .. }),
        "{e}"
    );
    assert!(
        e.message_fr()
            .starts_with("recherche, texte recherché « aaaa"),
        "{}",
        e.message_fr()
    );
    // The rule said is the query's own: an empty text is allowed (it searches no word).
    assert!(
        e.message_fr()
            .ends_with("au plus 300 caractères (un texte vide ne cherche aucun mot)"),
        "{}",
        e.message_fr()
    );
    let unknown = DirectoryQuery {
        cpts: vec![id("cpts-inconnue")],
        ..DirectoryQuery::default()
    };
    assert_eq!(
        index
            .query(&Viewer::Anonymous, on, &unknown)
            .unwrap_err()
            .message_fr(),
        "la CPTS cpts-inconnue n'est pas dans le registre"
    );
}
