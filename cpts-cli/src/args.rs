//! The command line: subcommands, options and their French help, and French messages for
//! a command line that cannot be read (clap's own are English).

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

const TEMPLATE: &str = "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}";

const EXIT_CODES: &str = "\
Codes de sortie :
  0   succès
  1   la vérification a trouvé des problèmes dans les données (check-members)
  2   ligne de commande incorrecte
  3   fichier illisible, ou impossible à écrire
  4   contenu refusé (colonne manquante, code ou montant faux, JSON invalide, fichier vide) :
      le message donne la ligne, la colonne ou le champ
  5   données manquantes (les contours des communes, pour une carte)
  70  erreur interne (un défaut de cpts : merci de le signaler)";

/// `cpts`: the rules of the CPTS, for the files of ARS and CPAM analysts.
#[derive(Debug, Parser)]
#[command(
    name = "cpts",
    version,
    about = "Les règles des CPTS (Communautés professionnelles territoriales de santé) sur vos fichiers :\n\
             territoires, couverture d'un département, échéanciers ACI, listes de membres, cartes.",
    help_template = TEMPLATE,
    override_usage = "cpts <COMMANDE> [OPTIONS]",
    subcommand_help_heading = "Commandes",
    subcommand_value_name = "COMMANDE",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = EXIT_CODES,
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, display_order = 1000, help = "Affiche cette aide")]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "Affiche la version")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Population, taille, EPCI et avertissements d'un territoire (codes INSEE) ; aussi : territoire.
    #[command(alias = "territoire", help_template = TEMPLATE,
        override_usage = "cpts territory <CODE>... [OPTIONS]\n       cpts territory --file COMMUNES.csv [OPTIONS]")]
    Territory(TerritoryArgs),
    /// Couverture d'une zone par les CPTS d'un tableur : population couverte, zones blanches, chevauchements ; aussi : couverture.
    #[command(alias = "couverture", help_template = TEMPLATE,
        override_usage = "cpts coverage <CPTS.csv> [--departement CODE | --region CODE] [OPTIONS]")]
    Coverage(CoverageArgs),
    /// Échéancier des versements ACI d'un contrat (JSON), ou de plusieurs ; aussi : echeancier.
    #[command(alias = "echeancier", help_template = TEMPLATE,
        override_usage = "cpts schedule <CONTRAT.json> [--results RESULTATS.json] [OPTIONS]")]
    Schedule(ScheduleArgs),
    /// Explication en français d'un versement de l'échéancier ; aussi : expliquer.
    #[command(alias = "expliquer", help_template = TEMPLATE,
        override_usage = "cpts explain <CONTRAT.json> [--payment N] [--results RESULTATS.json]")]
    Explain(ExplainArgs),
    /// Identifiants (RPPS, ADELI, FINESS, SIREN, SIRET) et catégories d'une liste de membres ; aussi : verifier-membres.
    #[command(alias = "verifier-membres", help_template = TEMPLATE,
        override_usage = "cpts check-members <MEMBRES.csv> [OPTIONS]")]
    CheckMembers(CheckMembersArgs),
    /// Carte SVG de la couverture d'une zone par les CPTS d'un tableur ; aussi : carte.
    #[command(alias = "carte", help_template = TEMPLATE,
        override_usage = "cpts map <CPTS.csv> [--departement CODE | --region CODE] -o carte.svg [OPTIONS]")]
    Map(MapArgs),
}

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Un rapport en français, pour le terminal.
    #[value(alias = "text")]
    Texte,
    /// CSV pour Excel (séparateur point-virgule, UTF-8 avec BOM).
    Csv,
    /// JSON, tel que l'API d'opérations le rend.
    Json,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Sortie")]
pub struct Output {
    #[arg(
        long,
        value_enum,
        default_value = "texte",
        hide_default_value = true,
        hide_possible_values = true,
        value_name = "FORMAT",
        help = "texte (rapport en français, par défaut), csv (pour Excel : point-virgule, UTF-8 avec BOM) ou json (comme l'API d'opérations)"
    )]
    pub format: Format,
    #[arg(
        short = 'o',
        long = "output",
        alias = "sortie",
        value_name = "FICHIER",
        help = "Fichier où écrire le rapport (par défaut : le terminal)"
    )]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TerritoryArgs {
    #[arg(value_name = "CODE", help = "Codes INSEE des communes (78551 78481 …)")]
    pub codes: Vec<String>,
    #[arg(
        long = "file",
        alias = "fichier",
        value_name = "FICHIER",
        help = "Fichier des communes : un code INSEE en début de ligne (CSV ou texte ; lignes # ignorées)"
    )]
    pub file: Option<PathBuf>,
    #[arg(
        long,
        value_name = "AAAA-MM-JJ",
        help = "Date de la taille (jeu de paramètres ACI en vigueur ce jour-là ; par défaut : aujourd'hui)"
    )]
    pub date: Option<String>,
    #[arg(
        long = "map",
        alias = "carte",
        value_name = "FICHIER.svg",
        help = "Dessine aussi la carte du territoire dans ce fichier SVG"
    )]
    pub map: Option<PathBuf>,
    #[arg(
        long = "name",
        alias = "nom",
        value_name = "NOM",
        help = "Nom du territoire, pour le titre de la carte"
    )]
    pub name: Option<String>,
    #[command(flatten)]
    pub geometries: GeometriesArg,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct AreaArgs {
    #[arg(
        long,
        value_name = "CODE",
        conflicts_with = "region",
        help_heading = "Zone",
        help = "Un département (78, 2A, 971)"
    )]
    pub departement: Option<String>,
    #[arg(
        long,
        value_name = "CODE",
        help_heading = "Zone",
        help = "Une région (11, 84) ; par défaut : la France entière"
    )]
    pub region: Option<String>,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[arg(
        value_name = "CPTS.csv",
        help = "Tableur des CPTS (CSV d'Excel : une ligne par CPTS et commune, ou les communes dans une cellule)"
    )]
    pub sheet: PathBuf,
    #[command(flatten)]
    pub area: AreaArgs,
    #[arg(
        long = "all",
        alias = "tout",
        help = "Liste toutes les zones blanches (par défaut : les 20 plus peuplées)"
    )]
    pub all: bool,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    #[arg(
        value_name = "CONTRAT.json",
        help = "Le contrat ACI (JSON de l'API d'opérations), ou une liste de contrats, ou de {\"contract\", \"results\"}"
    )]
    pub contract: PathBuf,
    #[command(flatten)]
    pub results: ResultsArg,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
pub struct ResultsArg {
    #[arg(
        long = "results",
        alias = "resultats",
        value_name = "FICHIER",
        help = "Résultats des indicateurs des années mesurées (JSON : une liste d'années)"
    )]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[arg(
        value_name = "CONTRAT.json",
        help = "Le contrat ACI (JSON de l'API d'opérations)"
    )]
    pub contract: PathBuf,
    #[arg(
        long = "payment",
        alias = "versement",
        value_name = "N",
        help = "Le numéro du versement dans l'échéancier (1 pour le premier ; par défaut : le total)"
    )]
    pub payment: Option<usize>,
    #[command(flatten)]
    pub results: ResultsArg,
    #[arg(
        short = 'o',
        long = "output",
        alias = "sortie",
        value_name = "FICHIER",
        help_heading = "Sortie",
        help = "Fichier où écrire l'explication (par défaut : le terminal)"
    )]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckMembersArgs {
    #[arg(
        value_name = "MEMBRES.csv",
        help = "Liste des membres (CSV : nom, type, catégorie, type d'identifiant, identifiant)"
    )]
    pub members: PathBuf,
    #[command(flatten)]
    pub output: Output,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Contours")]
pub struct GeometriesArg {
    #[arg(
        long = "geometries",
        alias = "contours",
        value_name = "FICHIER",
        help = "Contours des communes : le fichier de scripts/fetch-geometries, ou un GeoJSON des communes (ADMIN EXPRESS, WGS84) ; par défaut $CPTS_GEOMETRIES, puis target/geometries/communes-geometries.txt"
    )]
    pub geometries: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MapArgs {
    #[arg(
        value_name = "CPTS.csv",
        help = "Tableur des CPTS (comme pour coverage)"
    )]
    pub sheet: PathBuf,
    #[command(flatten)]
    pub area: AreaArgs,
    #[arg(
        short = 'o',
        long = "output",
        alias = "sortie",
        value_name = "FICHIER.svg",
        required = true,
        help_heading = "Sortie",
        help = "Le fichier SVG à écrire"
    )]
    pub output: PathBuf,
    #[arg(
        long,
        value_name = "AAAA-MM-JJ",
        help_heading = "Carte",
        help = "Date du titre (par défaut : aujourd'hui)"
    )]
    pub date: Option<String>,
    #[arg(
        long = "title",
        alias = "titre",
        value_name = "TITRE",
        help_heading = "Carte",
        help = "Titre de la carte"
    )]
    pub title: Option<String>,
    #[arg(
        long = "width",
        alias = "largeur",
        value_name = "PIXELS",
        default_value_t = 1000,
        hide_default_value = true,
        help_heading = "Carte",
        help = "Largeur de l'image en pixels (400 à 4 000 ; par défaut 1 000)"
    )]
    pub width: u32,
    #[command(flatten)]
    pub geometries: GeometriesArg,
}

/// The command line read, or what to print and the exit code when it cannot be (help and
/// version are printed with code 0).
pub fn parse() -> Result<Cli, (String, i32)> {
    Cli::try_parse().map_err(|e| match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => (typography(&e.to_string()), 0),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (typography(&e.to_string()), 2),
        _ => (french(&e), 2),
    })
}

/// clap's error, said in French.
fn french(e: &clap::Error) -> String {
    let value = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => {
            format!("argument inconnu : {}", value(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue : {} (commandes : territory, coverage, schedule, explain, check-members, map)",
            value(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!(
                "argument obligatoire manquant : {}",
                value(ContextKind::InvalidArg)
            )
        }
        ErrorKind::MissingSubcommand => "indiquez une commande".to_owned(),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = value(ContextKind::ValidValue);
            format!(
                "valeur refusée pour {} : « {} »{}",
                value(ContextKind::InvalidArg),
                value(ContextKind::InvalidValue),
                if valid.is_empty() {
                    String::new()
                } else {
                    format!(" (valeurs possibles : {valid})")
                }
            )
        }
        ErrorKind::ArgumentConflict => format!(
            "{} et {} ne vont pas ensemble",
            value(ContextKind::InvalidArg),
            value(ContextKind::PriorArg)
        ),
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => {
            format!(
                "nombre de valeurs incorrect pour {}",
                value(ContextKind::InvalidArg)
            )
        }
        _ => "ligne de commande incorrecte".to_owned(),
    };
    format!("cpts : {what}\nAide : cpts --help, ou cpts <COMMANDE> --help")
}

/// French typography for clap's headings: « Options : », a space before the colon.
fn typography(help: &str) -> String {
    help.lines()
        .map(|l| match l.strip_suffix(':') {
            Some(h) if !h.starts_with(' ') && !h.is_empty() && !h.ends_with(' ') => {
                format!("{h} :")
            }
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}
