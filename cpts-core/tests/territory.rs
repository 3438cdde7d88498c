//! Territories: the embedded commune table, its gotchas, lookups, a CPTS's population and
//! band, and coverage (values from decoupage-administratif 6.0.0, population municipale 2023).

mod common;

use common::commune;
use cpts_core::aci::{ParameterCatalogue, Taille};
use cpts_core::identifiers::{NationalIdentifier, PostalCode};
use cpts_core::territory::{
    Area, CommuneKind, CommuneTable, CoverageInput, FormerKind, LookupError, TerritoryError,
    TerritorySpec, TerritoryWarning, analyse_territory, coverage, what_if,
};

fn table() -> CommuneTable {
    CommuneTable::embedded().unwrap()
}

/// The nine communes of the seed CPTS, as the seed writes them, with their codes and
/// populations in the table.
const SEED: [(&str, &str, u32); 9] = [
    ("Aigremont", "78007", 1_075),
    ("Chambourcy", "78133", 5_847),
    ("Le Pecq", "78481", 16_059),
    ("Le Port-Marly", "78502", 5_559),
    ("l'Etang-la-Ville", "78224", 5_157),
    ("Louveciennes", "78350", 7_990),
    ("Mareil-Marly", "78367", 4_141),
    ("Marly-le-Roi", "78372", 16_756),
    ("Saint-Germain-en-Laye-Fourqueux", "78551", 45_931),
];

#[test]
fn the_seed_territory_from_its_names() {
    let table = table();
    let mut codes = Vec::new();
    for (name, code, population) in SEED {
        let found = table.find_by_name(name, Some("78")).unwrap();
        assert_eq!(found.commune.code().as_str(), code, "{name}");
        assert_eq!(found.commune.population(), Some(population), "{name}");
        codes.push(found.commune.code());
    }
    // 1 075 + 5 847 + 16 059 + 5 559 + 5 157 + 7 990 + 4 141 + 16 756 + 45 931 = 108 515.
    let parameters = ParameterCatalogue::embedded().unwrap();
    let report = analyse_territory(&codes, &table, parameters.get("aci_2019_avenant_2")).unwrap();
    assert_eq!(report.population, 108_515);
    assert_eq!(report.taille, Taille::new(3));
    assert_eq!(report.departements.len(), 1);
    assert_eq!(
        (
            report.departements[0].code.as_str(),
            report.departements[0].name.as_str()
        ),
        ("78", "Yvelines")
    );
    assert_eq!(report.regions[0].name, "Île-de-France");
    let epci = &report.epcis[0];
    assert_eq!(
        (
            epci.siren.as_str(),
            epci.communes_covered,
            epci.communes_total,
            epci.wholly
        ),
        ("200058519", 9, 19, false)
    );
    assert!(report.population_series.contains("millésime 2023"));
    // One warning: Louveciennes's INSEE code 78350 is also the postcode of Jouy-en-Josas and
    // Les Loges-en-Josas (read as the INSEE code).
    assert_eq!(report.warnings.len(), 1);
    assert!(matches!(
        &report.warnings[0],
        TerritoryWarning::AlsoAPostcode { code, postcode_of, .. }
            if code.as_str() == "78350" && postcode_of.len() == 2
    ));
}

#[test]
fn the_table_and_its_provenance() {
    let table = table();
    // 34 969 communes actuelles + 45 arrondissements municipaux.
    assert_eq!(table.len(), 35_014);
    let p = table.provenance();
    assert_eq!(p.source, "npm:@etalab/decoupage-administratif@6.0.0");
    assert_eq!(p.cog, "2026");
    assert!(p.licence.contains("Licence Ouverte"));
    assert_eq!(table.departements().count(), 109);
    assert_eq!(table.regions().count(), 26);
    // Population of France in the table: 68 952 941 (the sum of the table's populations municipales, computed).
    let total: u64 = table
        .communes()
        .filter(|c| c.kind() == CommuneKind::Commune)
        .filter_map(|c| c.population())
        .map(u64::from)
        .sum();
    assert_eq!(total, 68_952_941);
}

#[test]
fn a_deleguee_sharing_the_code_of_its_commune() {
    // 584 communes déléguées reuse their commune's code: Annecy (74010) is both the commune
    // nouvelle and its chef-lieu déléguée. The commune wins, without warning.
    let table = table();
    let r = table.resolve(&commune("74010")).unwrap();
    assert_eq!(
        (r.commune.name(), r.commune.population()),
        ("Annecy", Some(132_117))
    );
    assert!(r.warning().is_none());
    // Fourqueux (78251), a déléguée with its own code, resolves to Saint-Germain-en-Laye.
    let r = table.resolve(&commune("78251")).unwrap();
    assert_eq!(r.commune.code().as_str(), "78551");
    let w = r.warning().unwrap();
    assert_eq!(
        (w.kind, w.name.as_str()),
        (FormerKind::Deleguee, "Fourqueux")
    );
    // A commune associée: Cordieux (01120) is associée to Montluel (01262).
    let r = table.resolve(&commune("01120")).unwrap();
    assert_eq!(r.commune.name(), "Montluel");
    assert_eq!(r.warning().unwrap().kind, FormerKind::Associee);
    // A former code: Ajaccio was 20004 before Corsica's 2A/2B split.
    let r = table.resolve(&commune("20004")).unwrap();
    assert_eq!(r.commune.code().as_str(), "2A004");
    assert_eq!(r.warning().unwrap().kind, FormerKind::AncienCode);
    assert_eq!(
        table.resolve(&commune("99999")).unwrap_err(),
        LookupError::UnknownCode {
            code: commune("99999")
        }
    );
    // A territory given with the former code counts Saint-Germain-en-Laye once, and says so.
    let report = analyse_territory(&[commune("78251"), commune("78481")], &table, None).unwrap();
    assert_eq!(report.population, 45_931 + 16_059);
    assert!(matches!(
        report.warnings[0],
        TerritoryWarning::FormerCode { .. }
    ));
    // Saint-Germain-en-Laye given again through its former code: counted once, and a
    // warning names both entries (one rule for repeats in every operation).
    let twice = analyse_territory(&[commune("78551"), commune("78251")], &table, None).unwrap();
    assert_eq!(twice.population, 45_931);
    assert!(twice.warnings.contains(&TerritoryWarning::Repeated {
        commune: commune("78551"),
        first: commune("78551"),
        second: commune("78251"),
        times: 1,
    }));
}

#[test]
fn paris_lyon_marseille_and_their_arrondissements() {
    let table = table();
    for (code, population, arrondissements) in [
        ("75056", 2_103_778, 20),
        ("13055", 886_040, 16),
        ("69123", 519_127, 9),
    ] {
        let c = table.commune(&commune(code)).unwrap();
        assert_eq!(c.population(), Some(population), "{code}");
        let arr = c.arrondissements();
        assert_eq!(arr.len(), arrondissements);
        // The commune's population is the sum of its arrondissements'.
        assert_eq!(
            arr.iter().map(|a| a.population().unwrap()).sum::<u32>(),
            population
        );
        assert!(arr.iter().all(|a| a.parent().unwrap().code() == c.code()
            && a.kind() == CommuneKind::ArrondissementMunicipal));
    }
    let first = table.commune(&commune("75101")).unwrap();
    assert_eq!(
        (
            first.name(),
            first.departement().code(),
            first.epci().unwrap().siren()
        ),
        ("Paris 1er Arrondissement", "75", "200054781")
    );
    // A CPTS of two arrondissements: 15 114 + 19 847 = 34 961.
    let report = analyse_territory(&[commune("75101"), commune("75102")], &table, None).unwrap();
    assert_eq!(report.population, 34_961);
    // Paris and one of its arrondissements: its inhabitants would count twice.
    assert_eq!(
        analyse_territory(&[commune("75056"), commune("75101")], &table, None).unwrap_err(),
        TerritoryError::CommuneAndArrondissement {
            commune: commune("75056"),
            arrondissement: commune("75101")
        }
    );
}

#[test]
fn mayotte_has_an_older_millesime() {
    let table = table();
    // Mayotte's populations come from the 2017 census (Acoua: 5 192).
    assert!(
        table
            .provenance()
            .population
            .contains("Mayotte : recensement 2017")
    );
    let acoua = table.commune(&commune("97601")).unwrap();
    assert_eq!(
        (acoua.population(), acoua.departement().code()),
        (Some(5_192), "976")
    );
}

#[test]
fn territories_without_population() {
    // The five TAAF districts and Clipperton have no population: counted 0, and listed.
    let table = table();
    for code in ["98411", "98412", "98413", "98414", "98415", "98901"] {
        assert_eq!(
            table.commune(&commune(code)).unwrap().population(),
            None,
            "{code}"
        );
    }
    let report = analyse_territory(&[commune("98901"), commune("97601")], &table, None).unwrap();
    assert_eq!(report.population, 5_192);
    assert_eq!(
        report.warnings,
        [TerritoryWarning::NoPopulation {
            commune: commune("98901")
        }]
    );
}

#[test]
fn names_and_postcodes() {
    let table = table();
    // Four Saint-Denis: the error lists them; the département tells them apart.
    match table.find_by_name("saint denis", None) {
        Err(LookupError::AmbiguousName { candidates, .. }) => {
            let deps: Vec<&str> = candidates.iter().map(|c| c.departement.as_str()).collect();
            assert_eq!(deps, ["11", "30", "93", "974"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        table
            .find_by_name("SAINT-DENIS", Some("974"))
            .unwrap()
            .commune
            .code()
            .as_str(),
        "97411"
    );
    assert!(matches!(
        table.find_by_name("Saint-Denis", Some("78")),
        Err(LookupError::UnknownName { .. })
    ));
    assert!(matches!(
        table.find_by_name("Nulle-Part-sur-Mer", None),
        Err(LookupError::UnknownName { .. })
    ));
    // Fourqueux alone: the déléguée's name resolves to its commune, with a warning.
    let r = table.find_by_name("Fourqueux", None).unwrap();
    assert_eq!(
        (r.commune.code().as_str(), r.warning().unwrap().kind),
        ("78551", FormerKind::Deleguee)
    );
    // The search box: prefix, accents and case ignored.
    let found: Vec<&str> = table
        .search("etang la v", 5)
        .iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(found, ["L'Étang-la-Ville"]);
    assert!(table.search("", 5).is_empty());
    // One postcode, several communes; one commune, several postcodes.
    assert_eq!(
        table
            .by_postcode(&PostalCode::parse("51300").unwrap())
            .len(),
        46
    );
    let sgl: Vec<String> = table
        .commune(&commune("78551"))
        .unwrap()
        .postcodes()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(sgl, ["78100", "78112"]);
    // Paris's 75001 names the commune and its first arrondissement.
    let paris: Vec<&str> = table
        .by_postcode(&PostalCode::parse("75001").unwrap())
        .iter()
        .map(|c| c.name())
        .collect();
    assert_eq!(paris, ["Paris", "Paris 1er Arrondissement"]);
}

/// A small synthetic département (99X is not a real code: a table of our own, loaded
/// through the public loader).
const SYNTHETIC: &str = "#cpts-communes=1
#source=test
#cog=test
#population=population municipale, test
#licence=test
R|90|Région test
D|99|90|Département test
E|900000019|CC|CC test
C|99001|99|900000019|1000||99900|Alpha
C|99002|99|900000019|2000|||Bravo
C|99003|99|900000019|3000|||Charlie
C|99004|99|-|4000|||Delta
C|99005|99|-|-|||Echo
L|D|99900|99|99001|Ancienne Alpha
";

#[test]
fn coverage_of_a_synthetic_departement_checked_by_hand() {
    let table = CommuneTable::from_text(SYNTHETIC.to_owned()).unwrap();
    assert_eq!(table.len(), 5);
    let inputs = vec![
        // Listed out of order, with a former code: the answers must not care.
        CoverageInput {
            cpts: "cpts-b".into(),
            communes: vec![commune("99003"), commune("99002")],
            parts: vec![],
            status: None,
        },
        CoverageInput {
            cpts: "cpts-a".into(),
            communes: vec![commune("99900"), commune("99002")],
            parts: vec![],
            status: None,
        },
    ];
    let r = coverage(&inputs, &table, &Area::Departement { code: "99".into() }).unwrap();
    assert_eq!(r.cpts, ["cpts-a", "cpts-b"]);
    // Alpha (1 000): a. Bravo (2 000): a and b (overlap). Charlie (3 000): b. Delta
    // (4 000) and Echo (no population): white zones.
    assert_eq!(r.cpts_of(&commune("99001")), ["cpts-a"]);
    assert_eq!(r.cpts_of(&commune("99002")), ["cpts-a", "cpts-b"]);
    assert!(r.cpts_of(&commune("99004")).is_empty());
    assert_eq!(r.overlaps.len(), 1);
    assert_eq!(
        (r.overlaps[0].commune, r.overlaps[0].population),
        (commune("99002"), 2_000)
    );
    let white: Vec<(&str, u64)> = r
        .white_zones
        .iter()
        .map(|w| (w.commune.as_str(), w.population))
        .collect();
    assert_eq!(white, [("99004", 4_000), ("99005", 0)]);
    // Population 10 000; covered 1 000 + 2 000 + 3 000 = 6 000 (Bravo once); white 4 000;
    // overlapped 2 000; share 0.6.
    let t = &r.totals;
    assert_eq!(
        (
            t.units,
            t.units_covered,
            t.population,
            t.covered,
            t.white,
            t.overlapped
        ),
        (5, 3, 10_000, 6_000, 4_000, 2_000)
    );
    assert_eq!(t.share_covered.to_string(), "0.6000");
    assert_eq!(r.by_departement[0].covered, 6_000);
    assert_eq!(r.by_region[0].name, "Région test");
    assert_eq!(r.warnings.len(), 1); // 99900 → Alpha
    // Same answers whatever the order of the inputs.
    let mut reversed = inputs.clone();
    reversed.reverse();
    for i in &mut reversed {
        i.communes.reverse();
    }
    assert_eq!(
        coverage(&reversed, &table, &Area::Departement { code: "99".into() }).unwrap(),
        r
    );
    // Unknown area, unknown commune, duplicate CPTS.
    assert!(coverage(&inputs, &table, &Area::Departement { code: "98".into() }).is_err());
    let bad = vec![CoverageInput {
        cpts: "x".into(),
        communes: vec![commune("99999")],
        parts: vec![],
        status: None,
    }];
    assert!(coverage(&bad, &table, &Area::France).is_err());
    let twice = vec![inputs[0].clone(), inputs[0].clone()];
    assert!(coverage(&twice, &table, &Area::France).is_err());
}

#[test]
fn what_if_on_the_seed_territory() {
    let table = table();
    let parameters = ParameterCatalogue::embedded().unwrap();
    let set = parameters.get("aci_2019_avenant_2").unwrap();
    let seed = TerritorySpec {
        communes: SEED.iter().map(|(_, c, _)| commune(c)).collect(),
        ..TerritorySpec::default()
    };
    let neighbour = CoverageInput {
        cpts: "cpts-vesinet".into(),
        communes: vec![commune("78650"), commune("78146")],
        parts: vec![],
        status: None,
    };
    // Adding Le Vésinet (78650, 15 695 inhabitants) and Croissy-sur-Seine (78146) and removing
    // Aigremont (1 075).
    let le_vesinet = table
        .commune(&commune("78650"))
        .unwrap()
        .population()
        .unwrap();
    let croissy = table
        .commune(&commune("78146"))
        .unwrap()
        .population()
        .unwrap();
    let w = what_if(
        &seed,
        &[commune("78650"), commune("78146")],
        &[commune("78007")],
        &[neighbour],
        &table,
        set,
    )
    .unwrap();
    assert_eq!(w.before.population, 108_515);
    assert_eq!(
        w.after.population,
        108_515 - 1_075 + u64::from(le_vesinet) + u64::from(croissy)
    );
    assert!(!w.band_changes);
    assert_eq!(w.overlaps_after.len(), 1);
    assert_eq!(
        w.overlaps_after[0].communes,
        [commune("78146"), commune("78650")]
    );
    // Removing Saint-Germain-en-Laye (45 931) brings it below 80 001: taille 2.
    let w = what_if(&seed, &[], &[commune("78551")], &[], &table, set).unwrap();
    assert_eq!(
        (w.after.population, w.after.taille, w.band_changes),
        (62_584, Taille::new(2), true)
    );
    // Removing a commune that is not there: an error naming it.
    assert_eq!(
        what_if(&seed, &[], &[commune("78650")], &[], &table, set).unwrap_err(),
        cpts_core::territory::coverage::CoverageError::Territory {
            cpts: "what-if".into(),
            cause: TerritoryError::NotInTerritory {
                code: commune("78650")
            }
        }
    );
    // Adding one already there: a repeat, counted once, with a warning.
    let w = what_if(&seed, &[commune("78551")], &[], &[], &table, set).unwrap();
    assert_eq!(w.after.population, 108_515);
    assert!(
        w.warnings
            .iter()
            .any(|x| matches!(x, TerritoryWarning::Repeated { .. }))
    );
}

#[test]
fn broken_tables_are_refused() {
    let bad_ref = SYNTHETIC.replace("C|99002|99|", "C|99002|98|");
    assert!(matches!(
        CommuneTable::from_text(bad_ref),
        Err(cpts_core::territory::TableError::UnknownReference { .. })
    ));
    let dup = SYNTHETIC.replace("L|D|", "C|99001|99|-|5|||Alpha bis\nL|D|");
    assert!(matches!(
        CommuneTable::from_text(dup),
        Err(cpts_core::territory::TableError::Duplicate { .. })
    ));
    let no_header = SYNTHETIC.replace("#cog=test\n", "");
    assert!(matches!(
        CommuneTable::from_text(no_header),
        Err(cpts_core::territory::TableError::MissingProvenance { key: "cog" })
    ));
    let short = format!("{SYNTHETIC}C|99006|99\n");
    assert!(matches!(
        CommuneTable::from_text(short),
        Err(cpts_core::territory::TableError::Format { .. })
    ));
}
