//! Registry lookups of one professional among 100 000 members of 1 000 CPTS (issue target:
//! under 1 µs), and the national scale: 2 000 000 professionals (the French health
//! workforce) in 1 000 CPTS, built, held in memory (resident memory printed) and looked up.
//! Run: `cargo bench -p cpts-benches --bench registry`.

use std::hint::black_box;

use chrono::NaiveDate;
use cpts_benches::rpps_text;
use cpts_core::entity::{Cpts, CptsId, Identity, Territory};
use cpts_core::identifiers::{Identifier, IdentifierKind, InseeCommuneCode, NationalIdentifier};
use cpts_core::membership::{Application, MemberKind, Registry, Statutes};
use cpts_core::nomenclature::{Code, CodeSystem};
use criterion::{Criterion, criterion_group, criterion_main};

const CPTS: u64 = 1_000;

/// The resident memory of this process, in bytes (Linux), or 0.
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
        .map_or(0, |pages| pages * 4096)
}

fn registry(members_per_cpts: u64) -> Registry {
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
        for m in 0..members_per_cpts {
            let rpps =
                Identifier::parse(IdentifierKind::Rpps, &rpps_text(c * members_per_cpts + m))
                    .unwrap();
            let application = Application {
                name: format!("Professionnel {c}-{m}"),
                kind: MemberKind::ProfessionnelDeSante {
                    profession: Code::new(CodeSystem::TreG15, "60"),
                },
                identifiers: vec![rpps],
                practises_in: None,
                foreign_practice: None,
                defence: None,
            };
            cpts.apply_for_membership(application, joined).unwrap();
        }
        registry.insert(cpts).unwrap();
    }
    registry
}

fn bench(c: &mut Criterion) {
    let on = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
    for (members_per_cpts, group_name) in [
        (100, "registry of 1 000 CPTS, 100 000 members"),
        (2_000, "registry of 1 000 CPTS, 2 000 000 members"),
    ] {
        let before = resident_bytes();
        let started = std::time::Instant::now();
        let registry = registry(members_per_cpts);
        let built = started.elapsed();
        let held = resident_bytes().saturating_sub(before);
        println!(
            "{group_name}: built once in {:.2} s, resident memory +{} MB",
            built.as_secs_f64(),
            held / 1_000_000
        );
        let member = Identifier::parse(IdentifierKind::Rpps, &rpps_text(54_321)).unwrap();
        let stranger = Identifier::parse(
            IdentifierKind::Rpps,
            &rpps_text(CPTS * members_per_cpts + 7),
        )
        .unwrap();
        assert_eq!(registry.cpts_of(&member, on).len(), 1);
        assert!(registry.cpts_of(&stranger, on).is_empty());
        let mut group = c.benchmark_group(group_name);
        group.bench_function("cpts_of a member", |b| {
            b.iter(|| black_box(registry.cpts_of(black_box(&member), on)))
        });
        group.bench_function("cpts_of a non-member", |b| {
            b.iter(|| black_box(registry.cpts_of(black_box(&stranger), on)))
        });
        group.finish();
    }
    let mut group = c.benchmark_group("registry, national scale");
    group.sample_size(10);
    group.bench_function("build 1 000 CPTS of 2 000 members each (2 000 000)", |b| {
        b.iter(|| black_box(registry(2_000)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
