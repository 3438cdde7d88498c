//! The `cpts` binary on the sample files of `examples/` and on bad files: what a person
//! reads (French), the exit codes, and no panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn cpts(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cpts"))
        .args(args)
        .current_dir(root())
        // No contours unless a test gives them.
        .env("CPTS_GEOMETRIES", "/nonexistent/communes-geometries.txt")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A file in a folder of this test run.
fn scratch(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cpts-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path
}

fn no_rust(text: &str) {
    for word in [
        "panicked",
        "RUST_BACKTRACE",
        "unwrap",
        "Usage:",
        "Print help",
        "error:",
    ] {
        assert!(!text.contains(word), "« {word} » in: {text}");
    }
}

#[test]
fn the_help_reads_as_a_french_tool() {
    let o = cpts(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for said in [
        "Utilisation : cpts <COMMANDE>",
        "Commandes :",
        "territory",
        "coverage",
        "schedule",
        "explain",
        "check-members",
        "map",
        "Codes de sortie :",
        "Affiche cette aide",
    ] {
        assert!(text.contains(said), "{said} in {text}");
    }
    no_rust(&text);
    let o = cpts(&["coverage", "--help"]);
    let text = stdout(&o);
    assert!(
        text.contains("Arguments :") && text.contains("--departement <CODE>"),
        "{text}"
    );
    no_rust(&text);
}

#[test]
fn a_wrong_command_line_is_said_in_french_with_code_2() {
    for (args, said) in [
        (&["cartographie"][..], "commande inconnue : cartographie"),
        (
            &["coverage"][..],
            "argument obligatoire manquant : <CPTS.csv>",
        ),
        (
            &["coverage", "x.csv", "--format", "xml"][..],
            "valeur refusée pour --format <FORMAT> : « xml » (valeurs possibles : texte, csv, json)",
        ),
        (
            &["coverage", "x.csv", "--departement", "78", "--region", "11"][..],
            "ne vont pas ensemble",
        ),
        (&["territory", "--bogus"][..], "argument inconnu : --bogus"),
    ] {
        let o = cpts(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let text = stderr(&o);
        assert!(text.contains(said), "{args:?}: {text}");
        no_rust(&text);
    }
}

#[test]
fn coverage_of_the_yvelines_from_the_sample_sheet() {
    let o = cpts(&[
        "coverage",
        "examples/cli/cpts-yvelines.csv",
        "--departement",
        "78",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Yvelines (78) : couverture par 3 CPTS"));
    assert!(text.contains(
        "\nSource des populations : population municipale, populations légales millésime 2023 (INSEE, en vigueur au 1er janvier 2026)"
    ));
    // Covered: the seed's CPTS, 108 515 (its 9 communes, identifiers.md § 3.7), plus Versailles's
    // six others (84 095 + 30 689 + 17 237 + 23 011 + 9 134 + 20 460 = 184 626; Louveciennes is
    // the seed's already) and the Mantois (43 526 + 22 332 + 17 885 + 6 383 + 3 360 = 93 486):
    // 386 627, in 9 + 6 + 5 = 20 communes.
    assert!(
        text.contains("Couverte par une CPTS : 386\u{202f}627 habitants"),
        "{text}"
    );
    assert!(text.contains(", 20 communes"));
    // Louveciennes (7 990) is in two CPTS.
    assert!(text.contains("En chevauchement : 7\u{202f}990 habitants, 1 commune\n"));
    assert!(text.contains("78350  Louveciennes"));
    // The largest white zone of the Yvelines: Sartrouville (52 763).
    assert!(text.contains("78586  Sartrouville                    52\u{202f}763 hab."));
    no_rust(&text);

    let o = cpts(&[
        "coverage",
        "examples/cli/cpts-yvelines.csv",
        "--departement",
        "78",
        "--format",
        "csv",
    ]);
    let csv = stdout(&o);
    assert!(csv.starts_with("\u{feff}code_insee;commune;population;departement;situation;cpts\n"));
    assert_eq!(csv.lines().count(), 1 + 259);
    assert!(csv.contains("\n78350;Louveciennes;7990;78;chevauchement;CPTS exemple de Saint-Germain-en-Laye et Marly / CPTS fictive de Versailles\n"));
    assert!(csv.contains("\n78586;Sartrouville;52763;78;zone blanche;\n"));
    let o = cpts(&[
        "coverage",
        "examples/cli/cpts-yvelines.csv",
        "--departement",
        "78",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["totals"]["covered"], 386_627);
}

#[test]
fn bad_sheets_give_the_row_and_no_panic() {
    // A wrong column: no communes column.
    let f = scratch("colonne.csv", "CPTS;Ville\nCPTS A;Poissy\n".as_bytes());
    let o = cpts(&["coverage", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    let text = stderr(&o);
    assert!(text.contains("ligne 1"), "{text}");
    no_rust(&text);
    // A bad code on line 3.
    let f = scratch(
        "code.csv",
        "CPTS;Code INSEE\nCPTS A;78551\nCPTS A;7855\n".as_bytes(),
    );
    let o = cpts(&["coverage", f.to_str().unwrap(), "--departement", "78"]);
    assert_eq!(o.status.code(), Some(4));
    let text = stderr(&o);
    assert!(
        text.contains("1 problème dans le tableur")
            && text.contains("ligne 3, colonne « Code INSEE »")
            && text.contains("« 7855 »"),
        "{text}"
    );
    no_rust(&text);
    // An empty file, a missing one, an unknown département.
    let f = scratch("vide.csv", b"\n  \n");
    let o = cpts(&["coverage", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("le fichier est vide"));
    let o = cpts(&["coverage", "examples/cli/absent.csv"]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("examples/cli/absent.csv : fichier introuvable"));
    let o = cpts(&[
        "coverage",
        "examples/cli/cpts-yvelines.csv",
        "--departement",
        "100",
    ]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("« 100 »"), "{}", stderr(&o));
}

#[test]
fn a_territory_from_codes_and_from_a_file() {
    let o = cpts(&[
        "territory",
        "--file",
        "examples/c/territory.txt",
        "--date",
        "2026-12-01",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    // The seed's territory: 9 communes, 108 515 inhabitants, band 3 (80 001 to 175 000 under
    // avenant 2, in force on 1 December 2026).
    assert!(
        text.starts_with("Territoire : 9 communes, 108\u{202f}515 habitants\nSource des populations : population municipale"),
        "{text}"
    );
    assert!(text.contains("Taille : 3 (de 80\u{202f}001 à 175\u{202f}000 habitants), jeu de paramètres aci_2019_avenant_2"));
    assert!(
        text.contains("EPCI : CA Saint Germain Boucles de Seine (200058519) : 9 commune(s) sur 19")
    );
    // Fourqueux's former code is read as Saint-Germain-en-Laye, and said.
    let o = cpts(&["territory", "78251", "--date", "2026-12-01"]);
    assert!(stdout(&o).contains(
        "78251 est le code de Fourqueux (commune déléguée) : compté comme la commune 78551"
    ));
    let o = cpts(&["territory", "78551", "7855"]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("argument 2 : code commune INSEE « 7855 »"),
        "{}",
        stderr(&o)
    );
    let f = scratch("communes.txt", "code\n78551\n99999\n".as_bytes());
    let o = cpts(&["territory", "--file", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    let text = stderr(&o);
    assert!(
        text.contains("ligne 3 : ") && text.contains("99999"),
        "{text}"
    );
    let o = cpts(&["territory", "--date", "2026-13-01", "78551"]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("--date : "));
    let o = cpts(&["territory"]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("aucune commune"));
}

#[test]
fn the_schedule_of_the_sample_contract_is_the_corpus_one() {
    let o = cpts(&[
        "schedule",
        "examples/c/contract.json",
        "--results",
        "examples/cli/resultats.json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    // The conformance corpus's answer for the same contract and results.
    let corpus: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            root().join("cpts-core/conformance/cases/payment-schedule-amounts.response.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(corpus["result"]["total"], "1148233.70");
    assert!(
        text.contains("Total versé ou dû : 1\u{202f}148\u{202f}233,70\u{a0}€"),
        "{text}"
    );
    let payments = corpus["result"]["payments"].as_array().unwrap().len();
    assert_eq!(
        text.lines()
            .filter(|l| l.starts_with("  ") && l.contains("\u{a0}€  "))
            .count(),
        payments
    );
    assert!(text.contains(
        "  2    01/06/2022       28\u{202f}356,16\u{a0}€    1    part fixe, avance, accès aux soins"
    ));
    no_rust(&text);
    let o = cpts(&[
        "schedule",
        "examples/c/contract.json",
        "--results",
        "examples/cli/resultats.json",
        "--format",
        "csv",
    ]);
    let csv = stdout(&o);
    assert_eq!(csv.lines().count(), 1 + payments);
    assert!(csv.contains(";2022-06-01;28356,16;1;part fixe, avance;"));

    // A list of two contracts, one of them wrong: the good one is answered, the bad one said.
    let contract = std::fs::read_to_string(root().join("examples/c/contract.json")).unwrap();
    let list = format!("[{contract}, {{\"name\": \"sans date\"}}]");
    let f = scratch("contrats.json", list.as_bytes());
    let o = cpts(&["schedule", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    let text = stdout(&o);
    assert!(text.contains("Échéancier de « CPTS exemple de Saint-Germain-en-Laye et Marly »"));
    assert!(text.contains("ERREUR : "), "{text}");
    assert!(stderr(&o).contains("1 contrat(s) sur 2 refusé(s)"));
}

#[test]
fn bad_contracts_name_the_line_or_the_field() {
    let f = scratch("vide.json", b"");
    let o = cpts(&["schedule", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("vide.json : le fichier est vide"),
        "{}",
        stderr(&o)
    );
    let f = scratch("tronque.json", b"{\"name\": \"x\",\n \"signed_on\": ");
    let o = cpts(&["schedule", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("JSON invalide à la ligne 2"),
        "{}",
        stderr(&o)
    );
    let contract = std::fs::read_to_string(root().join("examples/c/contract.json")).unwrap();
    let f = scratch(
        "date.json",
        contract.replace("2022-01-17", "2022-13-17").as_bytes(),
    );
    let o = cpts(&["schedule", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    let text = stderr(&o);
    assert!(
        text.contains("champ signed_on") && text.contains("2022-13-17"),
        "{text}"
    );
    no_rust(&text);
    let o = cpts(&["explain", "examples/c/contract.json", "--versement", "999"]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("--versement 999 : l'échéancier compte"));
    let o = cpts(&[
        "explain",
        "examples/c/contract.json",
        "--results",
        "examples/cli/resultats.json",
        "--versement",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(0));
    // Payment 2: the fixed advance of accès aux soins in year 1 (started 1 June 2022, 230 days
    // to the anniversary of a 365-day year): 75 % × 60 000 × 230/365 = 28 356.164… → 28 356.16.
    let text = stdout(&o);
    assert!(
        text.starts_with("Avance de la part fixe : 28\u{202f}356,16\u{a0}€"),
        "{text}"
    );
}

#[test]
fn a_members_list_gets_one_line_per_problem() {
    let o = cpts(&["check-members", "examples/cli/membres.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(
        text.starts_with("examples/cli/membres.csv : 9 membres lus, 2 problèmes\n"),
        "{text}"
    );
    // 19990000094: the Luhn key of 1999000009 is 3 (the README's example of a wrong key).
    assert!(text.contains(
        "ligne 6, colonne « Identifiant » : RPPS « 19990000094 » : la clé de contrôle est fausse"
    ));
    assert!(text.contains(
        "ligne 7, colonne « Catégorie » : le code « 999 » n'est pas dans la liste TRE_G15"
    ));
    let o = cpts(&[
        "check-members",
        "examples/cli/membres.csv",
        "--format",
        "csv",
    ]);
    assert!(
        stdout(&o).starts_with("\u{feff}ligne;colonne;valeur;probleme\n6;Identifiant;19990000094;")
    );
    // A list without names, and one with a header only.
    let f = scratch(
        "sans-nom.csv",
        "identifiant;type d'identifiant\n19990000010;rpps\n".as_bytes(),
    );
    let o = cpts(&["check-members", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("ligne 1 : colonne « nom » introuvable"));
    let f = scratch("entete.csv", "nom;rpps\n".as_bytes());
    let o = cpts(&["check-members", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(4));
    assert!(stderr(&o).contains("aucun membre"));
    // A Windows-1252 file as Excel writes it: « Lefèvre » read right.
    let f = scratch(
        "excel.csv",
        b"Nom;RPPS\nDr Paul Lef\xe8vre;1999 0000 028\nDr X;123\n",
    );
    let o = cpts(&["check-members", f.to_str().unwrap()]);
    let text = stdout(&o);
    assert!(
        text.contains("2 membres lus, 1 problème\n")
            && text.contains("ligne 3, colonne « RPPS » : RPPS « 123 »"),
        "{text}"
    );
}

#[test]
fn a_map_needs_contours_and_draws_one_path_per_commune() {
    let o = cpts(&[
        "map",
        "examples/cli/cpts-yvelines.csv",
        "--departement",
        "78",
        "-o",
        "/tmp/x.svg",
    ]);
    assert_eq!(o.status.code(), Some(5));
    assert!(stderr(&o).contains("scripts/fetch-geometries"));
    // Squares of 0.1° for three communes: Saint-Germain (seed CPTS), Versailles (the fictive
    // Versailles CPTS) and Poissy (a white zone).
    let square = |i: i32| format!("{},488000,1000,0,0,1000,-1000,0", 20000 + 1000 * i);
    let g = format!(
        "#cpts-geometries=1\n#origin=test\nG|78551|d|{}\nG|78646|d|{}\nG|78498|d|{}\n",
        square(0),
        square(1),
        square(2)
    );
    let g = scratch("carres.txt", g.as_bytes());
    let svg = g.with_file_name("carte.svg");
    let o = cpts(&[
        "map",
        "examples/cli/cpts-yvelines.csv",
        "--departement",
        "78",
        "--date",
        "2026-12-01",
        "--geometries",
        g.to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("(3 communes dessinées"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("256 sans contour"));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert_eq!(text.matches("<path ").count(), 3);
    assert!(text.contains("au 1er décembre 2026 — 3 CPTS"));
    assert_eq!(text.matches("class=\"zb\"").count(), 1);
    let bad = scratch("bad.txt", b"#cpts-geometries=1\nG|78551|d|1,2,3\n");
    let o = cpts(&[
        "map",
        "examples/cli/cpts-yvelines.csv",
        "--departement",
        "78",
        "--geometries",
        bad.to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(4));
    assert!(
        stderr(&o).contains("contours, ligne 2 : "),
        "{}",
        stderr(&o)
    );
}
