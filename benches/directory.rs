//! The members' directory at national scale: 1 000 CPTS × 100 members, every member with an
//! entry (visibilities varied), queried with visibility filtering (issue target: a query
//! over every directory under 1 ms).
//! Run: `cargo bench -p cpts-benches --bench directory`.

use std::hint::black_box;

use chrono::NaiveDate;
use cpts_benches::national_registry;
use cpts_core::directory::{
    Availability, Consent, Contacts, Directory, DirectoryEntry, DirectoryIndex, DirectoryQuery,
    Practice, SharingAgreement, Viewer, Visibility,
};
use cpts_core::entity::CptsId;
use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
use cpts_core::membership::MemberNumber;
use cpts_core::nomenclature::{Code, CodeSystem};
use criterion::{Criterion, criterion_group, criterion_main};

const CPTS: u64 = 1_000;
const MEMBERS: u64 = 100;

fn directory() -> Directory {
    let consent = NaiveDate::from_ymd_opt(2023, 2, 1).unwrap();
    let communes = ["78551", "78481", "78007", "78372"];
    let mut directory = Directory::default();
    for c in 0..CPTS {
        let id = CptsId::new(format!("cpts-{c:04}")).unwrap();
        for m in 0..MEMBERS {
            let mut e = DirectoryEntry::new(MemberNumber(m as u32 + 1), Consent::given_on(consent));
            let v = Visibility::ALL[(m % 3) as usize];
            e.visibility.name = if m % 5 == 4 {
                Visibility::Members
            } else {
                Visibility::Public
            };
            e.visibility.activity = v;
            e.visibility.practice = v;
            e.visibility.professional_contacts = Visibility::Members;
            e.visibility.availability = v;
            e.practice = Some(Practice {
                commune: InseeCommuneCode::parse(communes[(m % 4) as usize]).unwrap(),
                address: Some(format!("{m} rue de la République")),
            });
            e.professional_contacts = Some(Contacts {
                phone: Some(format!("01 39 00 {:02} {:02}", c % 100, m)),
                email: None,
            });
            e.availability = vec![Availability::ALL[(m % 3) as usize]];
            e.working_groups = vec!["Parcours de la personne âgée".to_owned()];
            directory.publish(&id, e).unwrap();
        }
    }
    // Each CPTS shares its directory with the next.
    for c in 0..CPTS - 1 {
        directory
            .add_agreement(SharingAgreement {
                cpts: CptsId::new(format!("cpts-{c:04}")).unwrap(),
                partner: CptsId::new(format!("cpts-{:04}", c + 1)).unwrap(),
                from: consent,
                ended_on: None,
            })
            .unwrap();
    }
    directory
}

fn bench(c: &mut Criterion) {
    let on = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let registry = national_registry(CPTS, MEMBERS);
    let directory = directory();
    let started = std::time::Instant::now();
    let index = DirectoryIndex::new(&registry, &directory).unwrap();
    println!(
        "directory of 1 000 CPTS × 100 members: index built in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let member = Viewer::Member {
        cpts: CptsId::new("cpts-0500").unwrap(),
        member: MemberNumber(7),
    };
    let nurses = DirectoryQuery {
        profession: Some(Code::new(CodeSystem::TreG15, "60")),
        commune: Some(InseeCommuneCode::parse("78481").unwrap()),
        ..DirectoryQuery::default()
    };
    let text = DirectoryQuery {
        text: Some("personne agee 12".to_owned()),
        ..DirectoryQuery::default()
    };
    let nobody = DirectoryQuery {
        profession: Some(Code::new(CodeSystem::TreG15, "60")),
        commune: Some(InseeCommuneCode::parse("78007").unwrap()),
        ..DirectoryQuery::default()
    };
    let page = DirectoryQuery {
        limit: Some(20),
        ..nurses.clone()
    };
    let own = DirectoryQuery {
        cpts: vec![CptsId::new("cpts-0500").unwrap()],
        ..DirectoryQuery::default()
    };
    // What each query finds (computed by hand from the generator): members m ≡ 1 (mod 4) are
    // infirmiers (odd) practising in 78481; the profession and practice are public for
    // m ≡ 0 (mod 3) and for members for m ≡ 1 (mod 3); names public unless m ≡ 4 (mod 5).
    // A visitor: m ≡ 1 (mod 4), m ≡ 0 (mod 3), m ≢ 4 (mod 5) among 0..100: m ≡ 9 (mod 12)
    // gives 9, 21, 33, 45, 57, 69, 81, 93, less 9 and 69 (≡ 4 mod 5): 6 per CPTS, 6 000 in
    // all; their own directory shows a visitor the 80 public names.
    let count =
        |viewer: &Viewer, q: &DirectoryQuery| index.query(viewer, on, q).unwrap().entries.len();
    assert_eq!(count(&Viewer::Anonymous, &nurses), 6_000);
    assert_eq!(count(&Viewer::Anonymous, &own), 80);
    // Infirmiers are odd members, 78007 is the commune of m ≡ 2 (mod 4): nobody.
    assert_eq!(count(&member, &nobody), 0);
    assert_eq!(count(&Viewer::Anonymous, &page), 20);
    let mut group = c.benchmark_group("directory of 1 000 CPTS × 100 members");
    group.bench_function("a visitor: nurses of a commune, every directory", |b| {
        b.iter(|| {
            black_box(
                index
                    .query(&Viewer::Anonymous, on, black_box(&nurses))
                    .unwrap(),
            )
        })
    });
    group.bench_function("a member: nurses of a commune, every directory", |b| {
        b.iter(|| black_box(index.query(&member, on, black_box(&nurses)).unwrap()))
    });
    group.bench_function("a member: a search nobody matches, every directory", |b| {
        b.iter(|| black_box(index.query(&member, on, black_box(&nobody)).unwrap()))
    });
    group.bench_function("a visitor: first page (20) of nurses of a commune", |b| {
        b.iter(|| {
            black_box(
                index
                    .query(&Viewer::Anonymous, on, black_box(&page))
                    .unwrap(),
            )
        })
    });
    group.bench_function("a member: words, every directory", |b| {
        b.iter(|| black_box(index.query(&member, on, black_box(&text)).unwrap()))
    });
    group.bench_function("a member: their own directory", |b| {
        b.iter(|| black_box(index.query(&member, on, black_box(&own)).unwrap()))
    });
    group.sample_size(10);
    group.bench_function("build the index", |b| {
        b.iter(|| black_box(DirectoryIndex::new(&registry, &directory).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
