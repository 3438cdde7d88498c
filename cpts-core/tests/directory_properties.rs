//! The directory's safety properties, on generated CPTS, directories, viewers, dates and
//! searches: a field is never shown to a viewer below its visibility; no entry of a
//! non-member on the date is ever shown; what an anonymous viewer gets does not depend on
//! hidden data; a withdrawn consent removes the entry from every later answer.
//!
//! The access each viewer should have is computed here again, from the data, in the plainest
//! way (a model of the rules of `cpts_core::directory`), and compared with what the library
//! shows.

use cpts_core::chrono::{Days, NaiveDate};
use cpts_core::directory::{
    BoardMandate, Consent, Contacts, Directory, DirectoryEntry, DirectoryIndex, DirectoryQuery,
    Practice, SharingAgreement, Viewer, Visibility,
};
use cpts_core::entity::{Cpts, CptsId};
use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
use cpts_core::membership::{MemberNumber, Registry};
use cpts_core::missions::Mission;
use cpts_core::serde_json::{self, Value, json};
use proptest::prelude::*;

const SAMPLE: &str = "cpts-exemple";
const NEIGHBOUR: &str = "cpts-voisine";
const COMMUNES: [&str; 3] = ["78551", "78481", "78007"];

fn day(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

fn id(s: &str) -> CptsId {
    CptsId::new(s).unwrap()
}

/// A member as generated: applied on a day, admitted (on a later day) or pending, perhaps
/// gone later.
#[derive(Debug, Clone)]
struct Person {
    applied: u64,
    admitted_after: Option<u64>,
    left_after: Option<u64>,
}

fn person() -> impl Strategy<Value = Person> {
    (
        0u64..400,
        prop::option::weighted(0.8, 0u64..100),
        prop::option::of(1u64..400),
    )
        .prop_map(|(applied, admitted_after, left_after)| Person {
            applied,
            admitted_after,
            // Only an admitted member leaves.
            left_after: admitted_after.and(left_after),
        })
}

/// A CPTS whose members are « autres professionnels » (admitted by the board), from the
/// JSON a CPTS is saved as.
fn cpts(id: &str, people: &[Person]) -> Cpts {
    let members: Vec<Value> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let admission = match p.admitted_after {
                Some(after) => json!({"admission": "admitted", "decided_on": day(p.applied + after).to_string()}),
                None => json!({"admission": "pending"}),
            };
            let departure = p.left_after.map(|after| {
                let admitted = p.applied + p.admitted_after.unwrap_or(0);
                json!({"on": day(admitted + after).to_string(), "reason": "resignation", "note": null})
            });
            json!({
                "number": i + 1,
                "name": format!("Membre {} {}", i + 1, ["Martin", "Robert", "Girard"][i % 3]),
                "kind": {"kind": "autre_professionnel", "profession": {"system": "tre_r95", "code": "93"}},
                "identifiers": [],
                "practises_in": null,
                "college": null,
                "applied_on": day(p.applied).to_string(),
                "admission": admission,
                "departure": departure
            })
        })
        .collect();
    serde_json::from_value(json!({
        "id": id,
        "identity": {"name": id, "siege": "78551", "siren": null, "siret": null, "rna": null, "finess": null},
        "territory": ["78551"],
        "members": members
    }))
    .unwrap()
}

fn visibility() -> impl Strategy<Value = Visibility> {
    prop::sample::select(Visibility::ALL.to_vec())
}

fn not_public() -> impl Strategy<Value = Visibility> {
    prop::sample::select(vec![
        Visibility::Members,
        Visibility::Board,
        Visibility::Nobody,
    ])
}

/// The values of an entry, drawn from `seed` (so that two drawings differ).
fn values(entry: &mut DirectoryEntry, seed: u32) {
    entry.practice = Some(Practice {
        commune: InseeCommuneCode::parse(COMMUNES[seed as usize % 3]).unwrap(),
        address: Some(format!("{seed} rue de Pologne")),
    });
    entry.professional_contacts = Some(Contacts {
        phone: Some(format!("01 39 {:02} 00 00", seed % 100)),
        email: None,
    });
    entry.personal_contacts = Some(Contacts {
        phone: None,
        email: Some(format!("perso{seed}@exemple.fr")),
    });
    entry.languages = if seed.is_multiple_of(2) {
        vec!["fr".into()]
    } else {
        vec!["en".into()]
    };
    entry.working_groups = vec![format!(
        "Groupe {}",
        ["soins", "martin", "prévention"][seed as usize % 3]
    )];
    entry.missions = if seed.is_multiple_of(2) {
        vec![Mission::ACCES_AUX_SOINS]
    } else {
        vec![Mission::PREVENTION]
    };
    entry.availability = vec![cpts_core::directory::Availability::ALL[seed as usize % 3]];
}

#[derive(Debug, Clone)]
struct World {
    people: Vec<Person>,
    directory: Directory,
    seeds: Vec<u32>,
}

fn world() -> impl Strategy<Value = World> {
    prop::collection::vec(person(), 1..8)
        .prop_flat_map(|people| {
            let n = people.len();
            let entry = (
                prop::array::uniform10(visibility()),
                not_public(),
                not_public(),
                0u64..600,
                prop::option::weighted(0.15, 0u64..300),
                any::<u32>(),
            );
            (
                Just(people),
                prop::collection::vec(prop::option::weighted(0.9, entry), n),
                prop::collection::vec(
                    (1..=n as u32 + 1, 0u64..600, prop::option::of(1u64..300)),
                    0..3,
                ),
                prop::option::of((0u64..600, prop::option::of(1u64..300))),
            )
        })
        .prop_map(|(people, entries, board, agreement)| {
            let mut directory = Directory::default();
            let sample = id(SAMPLE);
            let mut seeds = vec![0; people.len()];
            for (i, e) in entries.into_iter().enumerate() {
                let Some((vis, identifiers, personal, given, withdrawn, seed)) = e else {
                    continue;
                };
                let mut entry =
                    DirectoryEntry::new(MemberNumber(i as u32 + 1), Consent::given_on(day(given)));
                let v = &mut entry.visibility;
                [
                    v.name,
                    v.activity,
                    v.practice,
                    v.professional_contacts,
                    v.languages,
                    v.working_groups,
                    v.missions,
                    v.availability,
                    _,
                    _,
                ] = vis;
                v.identifiers = identifiers;
                v.personal_contacts = personal;
                values(&mut entry, seed);
                seeds[i] = seed;
                directory.publish(&sample, entry).unwrap();
                if let Some(after) = withdrawn {
                    directory
                        .withdraw_consent(&sample, MemberNumber(i as u32 + 1), day(given + after))
                        .unwrap();
                }
            }
            let n = people.len() as u32;
            let mandates = board
                .into_iter()
                .filter(|(m, _, _)| *m <= n)
                .map(|(m, from, len)| BoardMandate {
                    member: MemberNumber(m),
                    from: day(from),
                    ended_on: len.map(|l| day(from + l)),
                })
                .collect();
            directory.set_board(&sample, mandates).unwrap();
            if let Some((from, len)) = agreement {
                directory
                    .add_agreement(SharingAgreement {
                        cpts: id(NEIGHBOUR),
                        partner: sample,
                        from: day(from),
                        ended_on: len.map(|l| day(from + l)),
                    })
                    .unwrap();
            }
            World {
                people,
                directory,
                seeds,
            }
        })
}

fn registry(people: &[Person]) -> Registry {
    let mut registry = Registry::default();
    registry.insert(cpts(SAMPLE, people)).unwrap();
    // The neighbour has the same people as members.
    registry.insert(cpts(NEIGHBOUR, people)).unwrap();
    registry
}

fn viewer() -> impl Strategy<Value = Viewer> {
    prop_oneof![
        Just(Viewer::Anonymous),
        (
            prop::sample::select(vec![SAMPLE, NEIGHBOUR, "cpts-inconnue"]),
            1u32..10
        )
            .prop_map(|(c, n)| Viewer::Member {
                cpts: id(c),
                member: MemberNumber(n),
            }),
    ]
}

fn query() -> impl Strategy<Value = DirectoryQuery> {
    (
        prop::option::of(prop::sample::select(COMMUNES.to_vec())),
        prop::option::of(prop::sample::select(vec![
            "martin", "soins", "membre 2", "groupe",
        ])),
        prop::option::of(prop::sample::select(
            cpts_core::directory::Availability::ALL.to_vec(),
        )),
        prop::option::of(prop::sample::select(vec!["fr", "en"])),
    )
        .prop_map(|(commune, text, availability, language)| DirectoryQuery {
            commune: commune.map(|c| InseeCommuneCode::parse(c).unwrap()),
            text: text.map(str::to_owned),
            availability,
            language: language.map(str::to_owned),
            ..DirectoryQuery::default()
        })
}

/// What the viewer should be to member `number`'s entry of the sample on `on`: 0 anonymous,
/// 1 member, 2 board, 3 the member themself (the model).
fn model_access(w: &World, registry: &Registry, viewer: &Viewer, number: u32, on: NaiveDate) -> u8 {
    let Viewer::Member { cpts, member } = viewer else {
        return 0;
    };
    let Some(c) = registry.get(cpts) else {
        return 0;
    };
    if !c.roster().get(*member).is_some_and(|m| m.is_member_on(on)) {
        return 0;
    }
    let sample = id(SAMPLE);
    if cpts == &sample {
        if member.0 == number {
            return 3;
        }
        let on_board = w.directory.directory(&sample).is_some_and(|d| {
            d.board
                .iter()
                .any(|b| b.member == *member && b.from <= on && b.ended_on.is_none_or(|e| on < e))
        });
        return if on_board { 2 } else { 1 };
    }
    let shares = w.directory.agreements().iter().any(|a| {
        a.other(cpts) == Some(&sample) && a.from <= on && a.ended_on.is_none_or(|e| on < e)
    });
    u8::from(shares)
}

fn sees(access: u8, v: Visibility) -> bool {
    match v {
        Visibility::Public => true,
        Visibility::Members => access >= 1,
        Visibility::Board => access >= 2,
        Visibility::Nobody => access == 3,
    }
}

fn answer(
    registry: &Registry,
    d: &Directory,
    viewer: &Viewer,
    on: NaiveDate,
    q: &DirectoryQuery,
) -> Value {
    let index = DirectoryIndex::new(registry, d).unwrap();
    serde_json::to_value(index.query(viewer, on, q).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every field shown is one the viewer may see, and every entry shown is a member's on
    /// the date with a consent in force.
    #[test]
    fn nothing_is_shown_below_its_visibility_nor_of_a_non_member(
        w in world(), viewer in viewer(), on in 0u64..900, q in query()
    ) {
        let registry = registry(&w.people);
        let on = day(on);
        let answer = answer(&registry, &w.directory, &viewer, on, &q);
        let sample = id(SAMPLE);
        let entries = &w.directory.directory(&sample).unwrap().entries;
        for listed in answer["entries"].as_array().unwrap() {
            let name = listed["name"].as_str().unwrap();
            let number: u32 = name.split(' ').nth(1).unwrap().parse().unwrap();
            let record = registry.get(&sample).unwrap().roster().get(MemberNumber(number)).unwrap();
            prop_assert!(record.is_member_on(on), "{name} is not a member on {on}");
            let entry = entries.iter().find(|e| e.member.0 == number).unwrap();
            prop_assert!(entry.consent.withdrawn_on.is_none() && entry.consent.given_on <= on);
            let access = model_access(&w, &registry, &viewer, number, on);
            let v = &entry.visibility;
            prop_assert_eq!(
                listed["seen_as"].as_str().unwrap(),
                ["anonymous", "member", "board", "own"][access as usize]
            );
            for (field, value) in listed.as_object().unwrap() {
                let visibility = match field.as_str() {
                    "cpts" | "seen_as" => Visibility::Public,
                    "name" => v.name,
                    "member" => {
                        let in_sample = matches!(&viewer, Viewer::Member { cpts, .. } if cpts == &sample);
                        prop_assert!(in_sample && access >= 1, "a member number shown to {:?}", viewer);
                        continue;
                    }
                    "visibility" => Visibility::Nobody,
                    "activity" => v.activity,
                    "identifiers" => v.identifiers,
                    "practice" => v.practice,
                    "professional_contacts" => v.professional_contacts,
                    "personal_contacts" => v.personal_contacts,
                    "languages" => v.languages,
                    "working_groups" => v.working_groups,
                    "missions" => v.missions,
                    "availability" => v.availability,
                    other => { prop_assert!(false, "unknown field {other}: {value}"); continue }
                };
                prop_assert!(sees(access, visibility), "{field} ({visibility:?}) shown to {access}");
            }
        }
    }

    /// The same public data with other hidden data gives a visitor the same bytes.
    #[test]
    fn a_visitor_gets_the_same_bytes_whatever_is_hidden(
        w in world(), other_seeds in prop::collection::vec(any::<u32>(), 8), on in 0u64..900, q in query()
    ) {
        let registry = registry(&w.people);
        let on = day(on);
        let sample = id(SAMPLE);
        let mut hidden = w.directory.clone();
        for entry in w.directory.directory(&sample).unwrap().entries.clone() {
            if entry.consent.withdrawn_on.is_some() {
                continue;
            }
            let i = entry.member.0 as usize - 1;
            let mut other = entry.clone();
            values(&mut other, other_seeds[i]);
            let public = entry.visibility.name == Visibility::Public;
            let v = entry.visibility;
            // Keep every value a visitor may see; change the others.
            let mut changed = entry.clone();
            let keep = |vis: Visibility| public && vis == Visibility::Public;
            if !keep(v.practice) { changed.practice = other.practice.clone(); }
            if !keep(v.professional_contacts) { changed.professional_contacts = other.professional_contacts.clone(); }
            if !keep(v.personal_contacts) { changed.personal_contacts = other.personal_contacts.clone(); }
            if !keep(v.languages) { changed.languages = other.languages.clone(); }
            if !keep(v.working_groups) { changed.working_groups = other.working_groups.clone(); }
            if !keep(v.missions) { changed.missions = other.missions.clone(); }
            if !keep(v.availability) { changed.availability = other.availability.clone(); }
            hidden.publish(&sample, changed).unwrap();
        }
        let _ = &w.seeds;
        let a = serde_json::to_string(&answer(&registry, &w.directory, &Viewer::Anonymous, on, &q)).unwrap();
        let b = serde_json::to_string(&answer(&registry, &hidden, &Viewer::Anonymous, on, &q)).unwrap();
        prop_assert_eq!(a, b);
    }

    /// Once a member withdraws their consent, no answer holds their entry, for any viewer,
    /// on any date.
    #[test]
    fn a_withdrawn_consent_leaves_every_later_answer(
        w in world(), pick in any::<prop::sample::Index>(), after in 0u64..300,
        viewers in prop::collection::vec(viewer(), 4), dates in prop::collection::vec(0u64..900, 4)
    ) {
        let registry = registry(&w.people);
        let sample = id(SAMPLE);
        let listed: Vec<&DirectoryEntry> = w.directory.directory(&sample).unwrap().entries.iter()
            .filter(|e| e.consent.withdrawn_on.is_none()).collect();
        prop_assume!(!listed.is_empty());
        let entry = listed[pick.index(listed.len())];
        let name = registry.get(&sample).unwrap().roster().get(entry.member).unwrap().name.clone();
        let mut d = w.directory.clone();
        let on = entry.consent.given_on.checked_add_days(Days::new(after)).unwrap();
        d.withdraw_consent(&sample, entry.member, on).unwrap();
        for viewer in &viewers {
            for date in &dates {
                let answer = answer(&registry, &d, viewer, day(*date), &DirectoryQuery::default());
                for e in answer["entries"].as_array().unwrap() {
                    prop_assert_ne!(e["name"].as_str().unwrap(), name.as_str());
                }
            }
        }
        // The withdrawal is saved, and read back.
        let text = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(serde_json::from_str::<Directory>(&text).unwrap(), d);
    }
}
