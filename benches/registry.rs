//! Registry lookups of one professional among 100 000 members of 1 000 CPTS (issue target:
//! under 1 µs). Run: `cargo bench -p cpts-benches --bench registry`.

use std::hint::black_box;

use chrono::NaiveDate;
use cpts_benches::rpps_text;
use cpts_core::entity::{Cpts, CptsId, Identity, Territory};
use cpts_core::identifiers::{Identifier, IdentifierKind, InseeCommuneCode, NationalIdentifier};
use cpts_core::membership::{Application, MemberKind, Registry, Statutes};
use cpts_core::nomenclature::{Code, CodeSystem};
use criterion::{Criterion, criterion_group, criterion_main};

const CPTS: u64 = 1_000;
const MEMBERS_PER_CPTS: u64 = 100;

fn registry() -> Registry {
    let joined = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    let siege = InseeCommuneCode::parse("78551").unwrap();
    let mut registry = Registry::default();
    for c in 0..CPTS {
        let id = CptsId::new(format!("cpts-{c:04}")).unwrap();
        let identity = Identity {
            name: format!("CPTS {c}"),
            siege,
            siren: None,
            siret: None,
            rna: None,
            finess: None,
        };
        let mut cpts = Cpts::new(
            id,
            identity,
            Territory::new([siege]).unwrap(),
            Statutes::default(),
        )
        .unwrap();
        for m in 0..MEMBERS_PER_CPTS {
            let rpps =
                Identifier::parse(IdentifierKind::Rpps, &rpps_text(c * MEMBERS_PER_CPTS + m))
                    .unwrap();
            let application = Application {
                name: format!("Professionnel {c}-{m}"),
                kind: MemberKind::ProfessionnelDeSante {
                    profession: Code::new(CodeSystem::TreG15, "60"),
                },
                identifiers: vec![rpps],
                practises_in: None,
            };
            cpts.apply_for_membership(application, joined).unwrap();
        }
        registry.insert(cpts).unwrap();
    }
    registry
}

fn bench(c: &mut Criterion) {
    let registry = registry();
    let on = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    let member = Identifier::parse(IdentifierKind::Rpps, &rpps_text(54_321)).unwrap();
    let stranger = Identifier::parse(IdentifierKind::Rpps, &rpps_text(999_999)).unwrap();
    assert_eq!(registry.cpts_of(&member, on).len(), 1);
    assert!(registry.cpts_of(&stranger, on).is_empty());
    let mut group = c.benchmark_group("registry of 1 000 CPTS, 100 000 members");
    group.bench_function("cpts_of a member", |b| {
        b.iter(|| black_box(registry.cpts_of(black_box(&member), on)))
    });
    group.bench_function("cpts_of a non-member", |b| {
        b.iter(|| black_box(registry.cpts_of(black_box(&stranger), on)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
