//! Coverage properties on the real table: covered + white = population of the area; a unit
//! in an overlap counts once in « covered »; results do not depend on input order.

use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
use cpts_core::territory::{
    Area, BandFor, BandMissing, CommuneKind, CommunePart, CommuneTable, CoverageInput, PartSource,
    PartSourceKind, TerritorySpec, analyse, coverage,
};
use proptest::prelude::*;
use std::sync::OnceLock;

fn table() -> &'static CommuneTable {
    static TABLE: OnceLock<CommuneTable> = OnceLock::new();
    TABLE.get_or_init(|| CommuneTable::embedded().unwrap())
}

/// Communes of Île-de-France (région 11), Paris included as a commune and as arrondissements.
fn idf() -> Vec<InseeCommuneCode> {
    table()
        .communes()
        .filter(|c| c.region().code() == "11")
        .map(|c| c.code())
        .collect()
}

/// A part of `commune` of `share` per thousand of its population.
fn part(commune: InseeCommuneCode, share: u64, name: &str) -> CommunePart {
    let population = u64::from(
        table()
            .commune(&commune)
            .and_then(|c| c.population())
            .unwrap_or(0),
    );
    CommunePart {
        commune,
        name: name.into(),
        population: population * share / 1000,
        source: PartSource {
            kind: PartSourceKind::Other,
            reference: "part drawn by the property test".into(),
            url: None,
        },
        iris: vec![],
    }
}

/// Random CPTS: each takes a random run of the région's codes (runs overlap), Paris either
/// whole or by arrondissement, never both in one CPTS (nor Paris whole and a part of one of
/// its arrondissements); some also hold a part of a commune
/// just after their run (parts of one commune held by several CPTS may add up to more than
/// it: an overlap).
fn inputs() -> impl Strategy<Value = (Vec<CoverageInput>, u64)> {
    (
        proptest::collection::vec(
            (0usize..1300, 1usize..120, proptest::option::of(0u64..=1000)),
            1..25,
        ),
        any::<u64>(),
    )
        .prop_map(|(runs, seed)| {
            let codes = idf();
            let inputs = runs
                .iter()
                .enumerate()
                .map(|(i, (start, len, share))| {
                    let mut communes: Vec<InseeCommuneCode> = codes
                        .iter()
                        .skip(*start % codes.len())
                        .take(*len)
                        .copied()
                        .collect();
                    let has_paris = communes.iter().any(|c| c.as_str() == "75056");
                    if has_paris {
                        communes.retain(|c| !c.as_str().starts_with("751"));
                    }
                    let next = codes[(*start + *len) % codes.len()];
                    let parts = match share {
                        // Not a part of Paris, of a commune the CPTS holds, nor of an
                        // arrondissement when it holds Paris whole (both are refused).
                        Some(share)
                            if next.as_str() != "75056"
                                && !communes.contains(&next)
                                && !(has_paris && next.as_str().starts_with("751")) =>
                        {
                            vec![part(next, *share, "quartier")]
                        }
                        _ => vec![],
                    };
                    CoverageInput {
                        cpts: format!("cpts-{i:02}"),
                        communes,
                        parts,
                        status: None,
                    }
                })
                .collect();
            (inputs, seed)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn coverage_invariants((inputs, seed) in inputs()) {
        let area = Area::Region { code: "11".into() };
        let report = coverage(&inputs, table(), &area).unwrap();
        let t = &report.totals;
        prop_assert_eq!(t.covered + t.white, t.population);
        // « covered » counts each unit held whole once, overlaps included, and what parts
        // hold of the others, at most their population.
        let mut covered = 0u64;
        for run in report.assignments.chunk_by(|a, b| a.commune == b.commune) {
            let population = u64::from(table().commune(&run[0].commune).unwrap().population().unwrap_or(0));
            let whole = run.iter().any(|a| a.part_population.is_none());
            let parts: u64 = run.iter().filter_map(|a| a.part_population).sum();
            covered += if whole { population } else { parts.min(population) };
        }
        prop_assert_eq!(covered, t.covered);
        let overlapped: u64 = report.overlaps.iter().map(|o| o.population).sum();
        prop_assert_eq!(overlapped, t.overlapped);
        prop_assert!(t.overlapped <= t.covered);
        // Units: communes and arrondissements, Paris counted through its arrondissements.
        let expected_units = table().communes().filter(|c| c.region().code() == "11" && (c.kind() == CommuneKind::ArrondissementMunicipal || c.arrondissements().is_empty())).count();
        prop_assert_eq!(t.units as usize, expected_units);
        // Every unit is covered, white, or both (a remainder left by parts).
        let partial = report.white_zones.iter().filter(|w| w.commune_population.is_some()).count();
        prop_assert_eq!(report.white_zones.len() + t.units_covered as usize - partial, expected_units);
        prop_assert_eq!(report.white_zones.iter().map(|w| w.population).sum::<u64>(), t.white);
        // Département totals add up to the région's.
        prop_assert_eq!(report.by_departement.iter().map(|d| d.population).sum::<u64>(), t.population);
        prop_assert_eq!(report.by_departement.iter().map(|d| d.covered).sum::<u64>(), t.covered);

        // Shuffle the inputs and their communes: same report.
        let mut shuffled = inputs.clone();
        let n = shuffled.len();
        for i in (1..n).rev() {
            shuffled.swap(i, (seed as usize ^ (i * 7919)) % (i + 1));
        }
        for s in &mut shuffled {
            s.communes.reverse();
        }
        prop_assert_eq!(coverage(&shuffled, table(), &area).unwrap(), report);
    }
}

/// Codes of the Yvelines, former codes among them (Fourqueux 78251 is part of
/// Saint-Germain-en-Laye), drawn with repeats.
fn yvelines_codes() -> Vec<InseeCommuneCode> {
    let mut codes: Vec<InseeCommuneCode> = table()
        .communes()
        .filter(|c| c.departement().code() == "78")
        .map(|c| c.code())
        .collect();
    codes.push(InseeCommuneCode::parse("78251").unwrap());
    codes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// A territory's population is the sum over its distinct units (each once, however
    /// often and under whichever code it is given) plus its parts' declared populations.
    #[test]
    fn a_population_is_the_sum_over_distinct_units_and_parts(
        picks in proptest::collection::vec(0usize..300, 1..80),
        shares in proptest::collection::vec((0usize..300, 0u64..=400), 0..4),
    ) {
        let codes = yvelines_codes();
        let communes: Vec<InseeCommuneCode> = picks.iter().map(|i| codes[i % codes.len()]).collect();
        let mut expected = 0u64;
        // Distinct units by code of today's commune.
        let mut units: Vec<InseeCommuneCode> = communes.iter().map(|c| table().resolve(c).unwrap().commune.code()).collect();
        units.sort();
        units.dedup();
        for u in &units {
            expected += u64::from(table().commune(u).unwrap().population().unwrap_or(0));
        }
        // Parts of communes not held whole (≤ 40 % each; one part per commune).
        let mut parts: Vec<CommunePart> = Vec::new();
        for (i, share) in &shares {
            let code = codes[i % codes.len()];
            let today = table().resolve(&code).unwrap().commune.code();
            if units.contains(&today) || parts.iter().any(|p| p.commune == today) {
                continue;
            }
            let p = part(today, *share, "quartier");
            expected += p.population;
            parts.push(p);
        }
        let spec = TerritorySpec { communes, parts, ..TerritorySpec::default() };
        let missing = BandMissing::no_date();
        let report = analyse(&spec, table(), BandFor::Missing(&missing)).unwrap();
        prop_assert_eq!(report.population, expected);
        prop_assert_eq!(report.communes.len(), units.len());
    }
}
