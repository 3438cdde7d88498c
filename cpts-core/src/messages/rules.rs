//! The rule texts errors carry (`rule`, `what`, `place`, `expected`), in French and in
//! English. The place that finds a problem names one of these; it writes no text itself.
//! The English text of each is what the error details have always said.

use super::Bilingual;
use crate::aci::Taille;
use crate::missions::Mission;

// ---- Texts and amounts typed by people ----

/// A name or free text of a member, a part, a CPTS.
pub const TEXT: Bilingual = Bilingual::new(
    "de 1 à 300 caractères, pas seulement des espaces, sans caractère de contrôle",
    "1 to 300 characters, not blank, no control characters",
);

/// The text of a directory query: empty or left out, it searches no word.
pub const QUERY_TEXT: Bilingual = Bilingual::new(
    "au plus 300 caractères (un texte vide ne cherche aucun mot)",
    "at most 300 characters (an empty text searches no word)",
);

/// The texts of a part of a commune (name, source, URL).
pub const PART_TEXT: Bilingual = Bilingual::new(
    "de 1 à 300 caractères, pas seulement des espaces, sans caractère de contrôle (une adresse web : 2 000 au plus)",
    "1 to 300 characters, not blank, no control characters (a URL: at most 2 000)",
);

/// A number with more digits than a decimal holds.
pub fn too_many_digits(shown: &str) -> Bilingual {
    Bilingual::owned(
        format!(
            "le nombre \"{shown}\" a plus de chiffres qu'un montant ne peut en compter (28 chiffres significatifs)"
        ),
        format!(
            "the number \"{shown}\" has more digits than a decimal amount can hold (28 significant digits)"
        ),
    )
}

/// Every amount a caller gives.
pub const AMOUNT: Bilingual = Bilingual::new(
    "un montant de 0 à 1 000 000 000 €, au centime près",
    "an amount from 0 to 1 000 000 000 €, to the cent",
);

// ---- Dates ----

/// A date not written YYYY-MM-DD.
pub fn date_form(shown: &str) -> Bilingual {
    Bilingual::owned(
        format!("attendu une date écrite AAAA-MM-JJ, par exemple 2026-03-01 ; reçu \"{shown}\""),
        format!("expected a calendar date written YYYY-MM-DD, such as 2026-03-01; got \"{shown}\""),
    )
}

/// A date that does not exist (chrono's reason, in English, for the logs).
pub fn not_a_date(shown: &str, reason: &str) -> Bilingual {
    Bilingual::owned(
        format!("\"{shown}\" n'est pas une date du calendrier (ce jour n'existe pas)"),
        format!("\"{shown}\" is not a calendar date ({reason})"),
    )
}

// ---- Bands ----

/// A band number.
pub fn not_a_taille(n: u8) -> Bilingual {
    Bilingual::owned(
        format!("la taille {n} n'est pas un numéro de taille (de 1 à 9)"),
        format!("taille {n} is not a band number (1 to 9)"),
    )
}

/// A payment record whose CPTS is not in the registry.
pub const CPTS_OF_THE_REGISTRY: Bilingual = Bilingual::new(
    "chaque versement nomme la CPTS qui l'a fait (cpts), et cette CPTS doit être dans le registre",
    "each record names the CPTS that paid it (cpts), which must be in the registry",
);

/// A TOML parameter file given to a build without the TOML reader.
pub const TOML_NOT_BUILT_IN: Bilingual = Bilingual::new(
    "cette version de la bibliothèque lit les jeux de paramètres en JSON seulement : donnez le fichier sous sa forme JSON (même structure que le TOML)",
    "this build reads parameter sets in JSON only: give the file in its JSON form (the TOML file's structure)",
);

/// A mission id that breaks the id rule.
pub fn not_a_mission_id(id: &str) -> Bilingual {
    Bilingual::owned(
        format!(
            "« {} » n'est pas un identifiant de mission (1 à 47 caractères : lettres minuscules sans accent, chiffres et _, en commençant par une lettre, comme acces_aux_soins)",
            crate::identifiers::shown(id)
        ),
        format!(
            "« {} » is not a mission id (1 to 47 characters: lowercase ASCII letters, digits and _, starting with a letter, such as acces_aux_soins)",
            crate::identifiers::shown(id)
        ),
    )
}

// ---- Identifiers ----

/// An identifier without check key asked for its key error.
pub const NO_CHECK_KEY: Bilingual = Bilingual::new(
    "cet identifiant n'a pas de clé de contrôle",
    "this identifier has no check key",
);

/// A number made only of zeros.
pub const ALL_ZEROS: Bilingual = Bilingual::new(
    "un numéro fait seulement de zéros n'est jamais attribué (convention de la bibliothèque)",
    "a number made only of zeros is never issued (library convention)",
);

/// A commune code or postcode where a member's identifier is expected.
pub const NOT_A_MEMBER_IDENTIFIER: Bilingual = Bilingual::new(
    "ce n'est pas l'identifiant d'une personne ni d'une structure",
    "not an identifier of a person or a structure",
);

/// A character that is neither a letter nor a digit.
pub const LETTERS_OR_DIGITS: Bilingual = Bilingual::new(
    "des chiffres ou des lettres (les espaces et les points sont ignorés)",
    "digits or letters (spaces and dots are ignored)",
);

/// A digit expected.
pub const DIGIT: Bilingual = Bilingual::new("un chiffre", "a digit");

/// The second character of a département code.
pub const DIGIT_OR_CORSICA: Bilingual = Bilingual::new(
    "un chiffre, ou A ou B après 2 (Corse)",
    "a digit, or A/B after 2 (Corsica)",
);

/// The first character of an RNA number.
pub const LETTER_W: Bilingual = Bilingual::new("la lettre W", "the letter W");

// ---- Nomenclatures ----

/// A profession of a professionnel de santé.
pub const HEALTH_PROFESSION_LIST: Bilingual = Bilingual::new(
    "un code de la liste TRE_G15-ProfessionSante",
    "TRE_G15-ProfessionSante",
);

/// A profession of an autre professionnel.
pub const OTHER_PROFESSION_LISTS: Bilingual = Bilingual::new(
    "un code des listes TRE_R95, TRE_R94 ou TRE_R291",
    "TRE_R95, TRE_R94 or TRE_R291",
);

/// A FINESS category.
pub const FINESS_CATEGORY_LIST: Bilingual = Bilingual::new(
    "un code de la liste TRE_R66-CategorieEtablissement",
    "TRE_R66-CategorieEtablissement",
);

// ---- Membership and statuts ----

/// Where a category is repeated: the dues of a period.
pub const IN_DUES_PERIOD: Bilingual =
    Bilingual::new("une même période de cotisation", "dues period");

/// Where a category is repeated: the colleges.
pub const IN_COLLEGES: Bilingual = Bilingual::new("les collèges", "colleges");

/// The earliest date of a decision: the application.
pub const APPLICATION_DATE: Bilingual =
    Bilingual::new("la date de la demande", "date of the application");

/// The earliest date of a departure: the admission.
pub const MEMBER_SINCE: Bilingual = Bilingual::new(
    "la date depuis laquelle il est membre",
    "date from which this is a member",
);

// ---- Funding ----

/// What a binary indicator's result is.
pub const MET_OUTCOME: Bilingual = Bilingual::new(
    "un résultat atteint ou non atteint ({\"met\": true})",
    "a met/not met outcome ({\"met\": true})",
);

/// What a measured indicator's result is.
pub const MEASURED_VALUE: Bilingual = Bilingual::new(
    "une valeur mesurée ({\"value\": \"…\"})",
    "a measured value ({\"value\": \"…\"})",
);

/// A PASS record about a structure.
pub const CAP_FOR_PROFESSIONALS: Bilingual = Bilingual::new(
    "le plafond s'applique à un professionnel (RPPS ou ADELI)",
    "the cap applies to a professional (RPPS or ADELI)",
);

/// A year of the PASS table that is not there.
pub fn no_pass_value(year: i32) -> Bilingual {
    Bilingual::owned(
        format!("aucune valeur sourcée du PASS pour {year} dans la table"),
        format!("no sourced PASS value for {year} in the table"),
    )
}

/// A crisis activation without its amount.
pub const CRISIS_AMOUNT_IN_CONTRACT: Bilingual = Bilingual::new(
    "le montant d'activation de crise est une donnée du contrat : indiquez crisis_activation_amount sur la mission de réponse aux crises sanitaires graves",
    "the crisis activation amount is contract data: state crisis_activation_amount on the crisis mission",
);

/// Computations out of range, by what was computed.
pub const INDICATOR_RESULTS: Bilingual =
    Bilingual::new("les résultats des indicateurs", "indicator results");
/// The maximum of the variable parts.
pub const VARIABLE_MAXIMUM: Bilingual = Bilingual::new(
    "le maximum de la part variable",
    "maximum of the variable part",
);
/// The schedule's total.
pub const SCHEDULE_TOTAL: Bilingual =
    Bilingual::new("le total de l'échéancier", "total of the schedule");
/// The contract's last day.
pub const CONTRACT_LAST_DAY: Bilingual =
    Bilingual::new("le dernier jour du contrat", "last day of the contract");

/// An indicator's amount out of range.
pub fn indicator(id: &str) -> Bilingual {
    Bilingual::owned(
        format!("l'indicateur « {id} »"),
        format!("indicator « {id} »"),
    )
}

/// A computation of a contract year.
pub fn contract_year(k: u32) -> Bilingual {
    Bilingual::owned(
        format!("l'année {k} du contrat"),
        format!("contract year {k}"),
    )
}

/// The variable part of a contract year.
pub fn variable_part(k: u32) -> Bilingual {
    Bilingual::owned(
        format!("la part variable de l'année {k} du contrat"),
        format!("variable part, contract year {k}"),
    )
}

/// A crisis activation of a contract year.
pub fn crisis_activation(k: u32) -> Bilingual {
    Bilingual::owned(
        format!("l'activation de crise de l'année {k} du contrat"),
        format!("crisis activation, contract year {k}"),
    )
}

/// The total of a contract year.
pub fn year_total(k: u32) -> Bilingual {
    Bilingual::owned(
        format!("le total de l'année {k} du contrat"),
        format!("total, contract year {k}"),
    )
}

/// The deadlines of a mission.
pub fn deadlines_of(mission: Mission) -> Bilingual {
    Bilingual::owned(
        format!("les échéances de la mission {}", mission.label_fr()),
        format!("deadlines of {mission}"),
    )
}

/// The rules of an indicator of a contract.
pub mod indicators {
    use super::Bilingual;

    /// Its id.
    pub const ID: Bilingual = Bilingual::new("id : de 1 à 64 caractères", "id: 1 to 64 characters");
    /// Its label.
    pub const LABEL: Bilingual = Bilingual::new(
        "label : de 1 à 500 caractères, sans caractère de contrôle",
        "label: 1 to 500 characters, no control characters",
    );
    /// Its maximum.
    pub const MAX_AMOUNT: Bilingual = Bilingual::new(
        "max_amount : de 0 à 1 000 000 000 €, au centime près",
        "max_amount: from 0 to 1 000 000 000 €, to the cent",
    );
    /// Tiers given.
    pub const SOME_TIER: Bilingual =
        Bilingual::new("tiers : au moins un palier", "tiers: at least one tier");
    /// Each tier's amount.
    pub const TIER_AMOUNT: Bilingual = Bilingual::new(
        "tiers : chaque montant de 0 au max_amount de l'indicateur, au centime près",
        "tiers: each amount from 0 to the indicator's max_amount, to the cent",
    );
    /// Distinct thresholds.
    pub const TIER_THRESHOLDS: Bilingual = Bilingual::new(
        "tiers : deux paliers ont le même seuil",
        "tiers: two tiers with the same threshold",
    );
    /// A proportional indicator's span.
    pub const PROPORTIONAL_SPAN: Bilingual = Bilingual::new(
        "proportional : la valeur de départ (baseline) et la cible (target) doivent différer",
        "proportional: baseline and target must differ",
    );
}

// ---- Parameter files ----

/// The rules of an ACI parameter file or of the PASS table.
pub mod parameters {
    use super::{Bilingual, Mission, Taille};

    /// A set's id.
    pub const ID: Bilingual = Bilingual::new(
        "de 1 à 64 lettres minuscules, chiffres ou « _ »",
        "1 to 64 lowercase letters, digits or '_'",
    );
    /// Its end.
    pub const UNTIL_AFTER_FROM: Bilingual =
        Bilingual::new("antérieure à valid_from", "earlier than valid_from");
    /// An open band that is not the last.
    pub const ONLY_LAST_OPEN: Bilingual = Bilingual::new(
        "seule la dernière taille peut n'avoir pas de maximum",
        "only the last band may have no maximum",
    );
    /// Increasing bands.
    pub const TAILLES_INCREASE: Bilingual =
        Bilingual::new("les tailles doivent croître", "tailles must increase");
    /// A band's bounds.
    pub const MAX_BELOW_MIN: Bilingual =
        Bilingual::new("le maximum est inférieur au minimum", "max is below min");
    /// The last band.
    pub const LAST_OPEN: Bilingual = Bilingual::new(
        "la dernière taille ne doit pas avoir de maximum",
        "the last band must have no maximum",
    );
    /// The advance rate.
    pub const ADVANCE_RATE: Bilingual = Bilingual::new(
        "doit être supérieur à 0 et au plus 1",
        "must be above 0 and at most 1",
    );
    /// The contract's duration.
    pub const DURATION: Bilingual = Bilingual::new(
        "un nombre entier d'années, de 1 à 20",
        "a whole number of years, 1 to 20",
    );
    /// A mission socle's deadlines.
    pub const SOCLE_DEADLINES: Bilingual = Bilingual::new(
        "une mission socle a des délais de démarrage et de déploiement en mois (démarrage ≤ déploiement ≤ 120)",
        "a mission socle needs start and deployment months (start ≤ deployment ≤ 120)",
    );
    /// An optional mission's deadlines.
    pub const OPTIONAL_NO_DEADLINE: Bilingual = Bilingual::new(
        "une mission optionnelle n'a pas de délai en mois (la CPTS fixe ses dates)",
        "an optional mission has no deadline in months (the CPTS sets its dates)",
    );
    /// A note's text.
    pub const NOTE_TEXT: Bilingual = Bilingual::new(
        "une note a un texte en français (note_fr) et en anglais (note)",
        "a note has a French (note_fr) and an English (note) text",
    );
    /// A mission's label.
    pub const MISSION_LABEL: Bilingual = Bilingual::new(
        "le libellé français de la mission est requis : 1 à 200 caractères, sans caractère de contrôle",
        "the mission's French label is required: 1 to 200 characters, no control character",
    );
    /// A mission's article.
    pub const MISSION_ARTICLE: Bilingual = Bilingual::new(
        "l'article de la mission fait 1 à 200 caractères, sans caractère de contrôle",
        "the mission's article is 1 to 200 characters, no control character",
    );
    /// Too many missions in one set.
    pub const TOO_MANY_MISSIONS: Bilingual = Bilingual::new(
        "un jeu de paramètres définit au plus 64 missions",
        "a parameter set defines at most 64 missions",
    );
    /// Two crisis missions.
    pub const ONE_CRISIS_MISSION: Bilingual = Bilingual::new(
        "une seule mission peut être activée en cas de crise (crisis_activation)",
        "only one mission may have crisis_activation",
    );
    /// An amount of a parameter file.
    pub const AMOUNT: Bilingual = Bilingual::new(
        "un montant de 0 à 1 000 000 000 €",
        "an amount from 0 to 1 000 000 000 €",
    );
    /// The PASS table's source.
    pub const CAP_SOURCE: Bilingual = Bilingual::new(
        "la source `cap_rule` (D.1434-44 CSP) est requise",
        "the source `cap_rule` (D.1434-44 CSP) is required",
    );
    /// A PASS year.
    pub const YEAR_TWICE: Bilingual = Bilingual::new("année donnée deux fois", "year given twice");
    /// A PASS value.
    pub const ANNUAL_TWELVE_MONTHS: Bilingual = Bilingual::new(
        "le montant annuel doit valoir douze fois un montant mensuel positif",
        "annual must be twelve times a positive monthly value",
    );

    /// No ACI before its first day.
    pub fn not_before(first: chrono::NaiveDate) -> Bilingual {
        Bilingual::owned(
            format!(
                "aucun ACI ne s'applique avant le {}",
                super::super::date_fr(first)
            ),
            format!("no ACI applies before {first}"),
        )
    }

    /// Contiguous bands.
    pub fn starts_at(min: u64) -> Bilingual {
        Bilingual::owned(
            format!("doit commencer à {min} (tailles contiguës depuis 0)"),
            format!("must start at {min} (contiguous from 0)"),
        )
    }

    /// A band given twice.
    pub fn taille_twice(taille: Taille) -> Bilingual {
        Bilingual::owned(
            format!("{taille} donnée deux fois"),
            format!("{taille} given twice"),
        )
    }

    /// A mission given twice.
    pub fn mission_twice(mission: Mission) -> Bilingual {
        Bilingual::owned(
            format!("mission {} donnée deux fois", mission.label_fr()),
            format!("{mission} given twice"),
        )
    }

    /// An amount for a band the set does not have.
    pub fn unknown_taille(taille: Taille) -> Bilingual {
        Bilingual::owned(
            format!("la {taille} n'est pas une des tailles du jeu de paramètres"),
            format!("{taille} is not one of the bands"),
        )
    }
}

// ---- The commune table ----

/// The rules of a commune table file.
pub mod communes {
    use super::Bilingual;

    /// What a reference names.
    pub const DEPARTEMENT: Bilingual = Bilingual::new("le département", "département");
    /// What a reference names.
    pub const REGION: Bilingual = Bilingual::new("la région", "région");
    /// What a reference names.
    pub const EPCI: Bilingual = Bilingual::new("l'EPCI", "EPCI");
    /// What a reference names.
    pub const COMMUNE: Bilingual = Bilingual::new("la commune", "commune");
    /// What a reference names.
    pub const CHEF_LIEU: Bilingual = Bilingual::new("le chef-lieu", "chef-lieu");
    /// A list too long to number.
    pub const CPTS_LIST: Bilingual = Bilingual::new("la liste des CPTS", "cpts");
    /// A list too long to number.
    pub const PARTS_LIST: Bilingual = Bilingual::new("la liste des parties de communes", "parts");

    /// A code that is not a commune code.
    pub fn not_a_code(error: &crate::identifiers::IdentifierError) -> Bilingual {
        use super::super::Message;
        Bilingual::owned(error.message_fr(), error.to_string())
    }

    /// A population cell.
    pub fn not_a_population(text: &str) -> Bilingual {
        Bilingual::owned(
            format!("« {text} » n'est pas une population"),
            format!("« {text} » is not a population"),
        )
    }

    /// A record type.
    pub fn unknown_record(kind: &str) -> Bilingual {
        Bilingual::owned(
            format!("type d'enregistrement « {kind} » inconnu"),
            format!("unknown record type « {kind} »"),
        )
    }

    /// A record's fields.
    pub fn field_count(expected: usize, count: usize) -> Bilingual {
        Bilingual::owned(
            format!("{expected} champs attendus, {count} trouvés"),
            format!("{expected} fields expected, {count} found"),
        )
    }

    /// Sections in order.
    pub fn record_after_section(kind: &str) -> Bilingual {
        Bilingual::owned(
            format!("enregistrement « {kind} » après une section suivante"),
            format!("« {kind} » record after a later section"),
        )
    }

    /// A former unit's kind.
    pub fn not_d_or_a(other: &str) -> Bilingual {
        Bilingual::owned(
            format!("« {other} » n'est ni D ni A"),
            format!("« {other} » is not D or A"),
        )
    }
}

// ---- Territories ----

/// A band asked without a date.
pub const BAND_NO_DATE: Bilingual = Bilingual::new(
    "aucune date (on) ni jeu de paramètres donné : la taille dépend de l'ACI en vigueur à une date",
    "no date (on) or parameter set given: the band depends on the ACI in force on a date",
);

/// A band asked before the first ACI.
pub fn band_no_aci(date: chrono::NaiveDate, first_day: chrono::NaiveDate) -> Bilingual {
    Bilingual::owned(
        format!(
            "aucun ACI CPTS n'était en vigueur le {} : le premier a commencé le {}, il n'y a donc pas de taille",
            super::date_fr(date),
            super::date_fr(first_day)
        ),
        format!(
            "no ACI CPTS was in force on {date}: the first began on {first_day}, so there is no band"
        ),
    )
}

/// A former commune counted as the whole of today's commune.
pub fn counted_whole(
    given: &str,
    former: &str,
    name: &str,
    code: &str,
    population: u32,
) -> Bilingual {
    Bilingual::owned(
        format!(
            "{given} ({former}) n'est plus une commune : toute la commune de {name} ({code}, {} habitants) a été comptée ; pour ne compter que {former}, donnez-la comme une partie de {code} avec sa population déclarée",
            crate::aci::money::group_thousands(u64::from(population))
        ),
        format!(
            "{given} ({former}) is not a commune today: the whole of {name} ({code}, {population} inhabitants) was counted; to count {former} only, give it as a part of {code} with its declared population"
        ),
    )
}

/// An IRIS code.
pub fn not_an_iris(text: &str) -> Bilingual {
    Bilingual::owned(
        format!(
            "« {text} » n'est pas un code IRIS (le code de la commune en 5 caractères, puis 4 chiffres)"
        ),
        format!(
            "« {text} » is not an IRIS code (the 5-character code of the commune, then 4 digits)"
        ),
    )
}

/// An IRIS given in two parts.
pub fn iris_already_in(first: usize) -> Bilingual {
    Bilingual::owned(
        format!("cet IRIS est déjà dans parts[{first}]"),
        format!("the IRIS is already in parts[{first}]"),
    )
}

/// One part given twice with two populations.
pub fn same_part_other_population(first: usize, commune: &str, population: u64) -> Bilingual {
    Bilingual::owned(
        format!(
            "parts[{first}] est la même partie de {commune}, avec {} habitants",
            crate::aci::money::group_thousands(population)
        ),
        format!("parts[{first}] is the same part of {commune} with {population} inhabitants"),
    )
}

/// An IRIS of another commune.
pub fn iris_of(name: &str, code: &str) -> Bilingual {
    Bilingual::owned(
        format!("un IRIS de {name} commence par {code}"),
        format!("an IRIS of {name} starts with {code}"),
    )
}

/// What an unknown area is.
pub const A_DEPARTEMENT: Bilingual = Bilingual::new("département", "département");
/// What an unknown area is.
pub const A_REGION: Bilingual = Bilingual::new("région", "région");

// ---- Spreadsheets ----

/// The rules of a CPTS sheet (CSV).
pub mod sheets {
    use super::Bilingual;

    /// A line the CSV reader cannot read (its message, in English, for the logs).
    pub fn unreadable_line(reason: &str) -> Bilingual {
        Bilingual::owned(
            "la ligne ne peut pas être lue comme du CSV (un guillemet n'est peut-être pas fermé)",
            format!("the line cannot be read as CSV: {reason}"),
        )
    }

    /// Nothing in the file.
    pub const EMPTY: Bilingual = Bilingual::new(
        "le tableur est vide : une ligne d'en-tête (cpts ; communes) est attendue",
        "the sheet is empty: a header line (cpts; communes) is expected",
    );

    /// Only a header.
    pub const NO_CPTS: Bilingual =
        Bilingual::new("aucune CPTS sous l'en-tête", "no CPTS under the header");

    /// A CPTS's name.
    pub const NAME: Bilingual = Bilingual::new(
        "le nom de la CPTS : de 1 à 300 caractères",
        "the CPTS's name: 1 to 300 characters",
    );

    /// A token of the communes cell.
    pub const NOT_A_CODE: Bilingual = Bilingual::new(
        "ce n'est pas un code commune INSEE",
        "not an INSEE commune code",
    );

    /// A part's population.
    pub const POPULATION: Bilingual = Bilingual::new(
        "une population : un nombre entier d'habitants (20 000, 20000)",
        "a population: a whole number of inhabitants (20 000, 20000)",
    );

    /// A part names one commune.
    pub const ONE_COMMUNE_FOR_A_PART: Bilingual = Bilingual::new(
        "une ligne avec une population est une partie d'une seule commune : donnez un seul code INSEE",
        "a row with a population is a part of one commune: give exactly one INSEE code",
    );

    /// An empty communes cell.
    pub const NO_CODE: Bilingual = Bilingual::new(
        "aucun code commune INSEE dans la cellule (un code de 5 caractères, comme 78551)",
        "no INSEE commune code in the cell (a code of 5 characters, such as 78551)",
    );

    /// A second column for one field.
    pub fn second_column(column: &str, first: &str) -> Bilingual {
        Bilingual::owned(
            format!("une deuxième colonne pour « {column} » (la première est « {first} »)"),
            format!("a second column for « {column} » (the first is « {first} »)"),
        )
    }

    /// A required column missing.
    pub fn no_column(column: &str, names: &str) -> Bilingual {
        Bilingual::owned(
            format!("aucune colonne pour « {column} » (un en-tête parmi : {names})"),
            format!("no column for « {column} » (a header among: {names})"),
        )
    }

    /// Two stages for one CPTS.
    pub fn another_stage(row: u32, stage: &str) -> Bilingual {
        Bilingual::owned(
            format!("une autre étape qu'à la ligne {row} ({stage})"),
            format!("another stage than on line {row} ({stage})"),
        )
    }

    /// An unknown stage.
    pub fn stage_among(stages: &str) -> Bilingual {
        Bilingual::owned(
            format!("une étape parmi : {stages}"),
            format!("a stage among: {stages}"),
        )
    }

    /// Two identifiers for one CPTS.
    pub fn another_identifier(what: &str) -> Bilingual {
        Bilingual::owned(
            format!("un autre {what} qu'à une ligne précédente de cette CPTS"),
            format!("another {what} than on an earlier line of this CPTS"),
        )
    }

    /// Base64 that does not decode (its decoder's message, in English, for the logs).
    pub fn not_base64(reason: &str) -> Bilingual {
        Bilingual::owned(
            "ce texte n'est pas du base64 (alphabet standard : A–Z, a–z, 0–9, + et /)",
            format!("not base64: {reason}"),
        )
    }
}

// ---- The members' directory ----

/// Contacts of a directory entry.
pub const CONTACTS: Bilingual = Bilingual::new(
    "un téléphone, une adresse électronique ou les deux",
    "a phone, an e-mail address or both",
);

/// A telephone number of a directory entry.
pub const PHONE: Bilingual = Bilingual::new(
    "un numéro de téléphone : de 4 à 15 chiffres, avec espaces, points, tirets, parenthèses et un + en tête au besoin",
    "a telephone number: 4 to 15 digits, with spaces, dots, hyphens, parentheses and a leading + if needed",
);

/// An e-mail address of a directory entry.
pub const EMAIL: Bilingual = Bilingual::new(
    "une adresse électronique (nom@domaine.fr), sans espace, de 254 caractères au plus",
    "an e-mail address (name@domain.fr), no spaces, at most 254 characters",
);

/// The lists of a directory entry.
pub const AT_MOST_50: Bilingual = Bilingual::new("50 valeurs au plus", "at most 50 values");

/// A language of a directory entry.
pub const LANGUAGE: Bilingual = Bilingual::new(
    "un code de langue ISO 639-1 en deux lettres minuscules (fr, en, ar…)",
    "an ISO 639-1 language code in two lower-case letters (fr, en, ar…)",
);

/// The lists of a directory entry.
pub const NO_REPEAT: Bilingual =
    Bilingual::new("chaque valeur une seule fois", "each value once only");
