//! The texts of the operation API itself, and serde's messages in a person's words.
//!
//! A request field of the wrong form is reported by serde in its own vocabulary (`invalid
//! type: string "95000", expected u64`); [`schema_reason`] reads those messages (their forms
//! are fixed by serde and serde_json) and says the same thing in French and in English
//! without Rust words: « attendu un nombre entier (0 ou plus), reçu le texte "95000" ».
//!
//! A value refused by a rule while it is read (a wrong RPPS key inside a request, a date
//! that does not exist) travels through serde as a [`Refusal`]: its text carries the
//! English message, the French one and the domain error's details, which
//! [`split_refusal`] takes apart when the error reaches the API.

use std::fmt;

use serde_json::{Map, Value};

use super::{Bilingual, Message};

/// Separates the parts of a refusal's text (the ASCII unit separator, which no message of
/// the library contains and serde never writes).
const SEPARATOR: char = '\u{1f}';

/// A value refused by a rule while serde reads it: written as `English ␟ French ␟ details`
/// (the operation API takes the parts apart; a message never shows the separator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal(String);

/// A value as serde reads it, before the rules of the type it becomes are checked (see
/// `refused_through_serde`). Its JSON Schema is `T`'s.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(transparent)]
pub struct Unchecked<T>(pub T);

impl<T: schemars::JsonSchema> schemars::JsonSchema for Unchecked<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl Refusal {
    /// The refusal of a domain error, with its details (`{"error": "invalid_check_key", …}`).
    pub fn of<E: Message + serde::Serialize>(error: &E) -> Self {
        let details = serde_json::to_string(error).unwrap_or_else(|_| "{}".into());
        Refusal::text(error.bilingual(), &details)
    }

    /// The refusal of a rule without details.
    pub fn rule(said: Bilingual) -> Self {
        Refusal::text(said, "{}")
    }

    fn text(said: Bilingual, details: &str) -> Self {
        let clean = |s: &str| s.replace(SEPARATOR, " ");
        Refusal(format!(
            "{}{SEPARATOR}{}{SEPARATOR}{}",
            clean(said.en()),
            clean(said.fr()),
            clean(details)
        ))
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refusal {}

/// The parts of a message that may hold a [`Refusal`] (serde may have put text before it:
/// the path, `invalid value: …`): the message with the English part only, the French
/// message when there was a refusal, and its details.
pub(crate) fn split_refusal(message: &str) -> (String, Option<String>, Map<String, Value>) {
    let mut parts = message.splitn(3, SEPARATOR);
    let en = parts.next().unwrap_or_default();
    match (parts.next(), parts.next()) {
        (Some(fr), Some(rest)) => {
            // serde may add text after the refusal (` at line 1 column 5`): it follows the
            // details' JSON, which is one object.
            let (json, tail) = split_json_object(rest);
            let details = serde_json::from_str::<Map<String, Value>>(json).unwrap_or_default();
            (format!("{en}{tail}"), Some(format!("{fr}{tail}")), details)
        }
        _ => (message.to_owned(), None, Map::new()),
    }
}

/// `{…}` and what follows it.
fn split_json_object(text: &str) -> (&str, &str) {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '{' if !quoted => depth += 1,
            '}' if !quoted => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return text.split_at(i + 1);
                }
            }
            _ => {}
        }
    }
    (text, "")
}

/// What serde said of a value that does not fit, in a person's words (French and English).
/// `reason` is serde's message without its position.
pub(crate) fn schema_reason(reason: &str) -> Bilingual {
    if let Some(rest) = reason.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return expected_found(expected, found);
    }
    if let Some(rest) = reason.strip_prefix("invalid value: ")
        && let Some((found, expected)) = rest.rsplit_once(", expected ")
    {
        return expected_found(expected, found);
    }
    if let Some(rest) = reason.strip_prefix("invalid length ")
        && let Some((n, expected)) = rest.rsplit_once(", expected ")
    {
        let e = expectation(expected);
        return Bilingual::owned(
            format!("attendu {}, reçu une liste de {n} élément(s)", e.fr()),
            format!("{} expected, found a list of {n} value(s)", e.en()),
        );
    }
    if let Some(field) = quoted_after(reason, "missing field ") {
        return Bilingual::owned(
            format!("le champ « {field} » manque"),
            format!("the field « {field} » is missing"),
        );
    }
    if let Some(field) = quoted_after(reason, "duplicate field ") {
        return Bilingual::owned(
            format!("le champ « {field} » est donné deux fois"),
            format!("the field « {field} » is given twice"),
        );
    }
    if let Some(rest) = reason.strip_prefix("unknown field ") {
        let (field, known) = name_and_choices(rest);
        return match known {
            Some(known) => Bilingual::owned(
                format!(
                    "le champ « {field} » n'existe pas ; champs possibles : {}",
                    super::and_fr(&known)
                ),
                format!(
                    "there is no field « {field} »; the fields are: {}",
                    known.join(", ")
                ),
            ),
            None => Bilingual::owned(
                format!("le champ « {field} » n'existe pas : cet objet n'a pas de champ"),
                format!("there is no field « {field} »: this object has no fields"),
            ),
        };
    }
    if let Some(rest) = reason.strip_prefix("unknown variant ") {
        let (value, known) = name_and_choices(rest);
        let known = known.unwrap_or_default();
        return Bilingual::owned(
            format!(
                "« {value} » n'est pas une valeur permise ; valeurs permises : {}",
                super::or_fr(&known)
            ),
            format!(
                "« {value} » is not an allowed value; the values are: {}",
                known.join(", ")
            ),
        );
    }
    if reason.starts_with("data did not match any variant of ") {
        return Bilingual::new(
            "cette valeur n'a aucune des formes permises (voir le schéma JSON de l'opération)",
            "this value has none of the allowed forms (see the operation's JSON Schema)",
        );
    }
    // A message of the library itself (a rule broken while reading), already in words.
    Bilingual::owned(reason, reason)
}

/// What a serde_json error says, in a person's words (French and English, without its
/// position: the caller gives the line and column), and the details of a domain error
/// refused while reading (a [`Refusal`]), if it was one.
pub(crate) fn read_reason(error: &serde_json::Error) -> (Bilingual, Map<String, Value>) {
    let (raw, refusal_fr, details) = split_refusal(&error.to_string());
    let raw = strip_position(&raw);
    let reason = match (refusal_fr, error.classify()) {
        (Some(fr), _) => Bilingual::owned(strip_position(&fr), raw),
        (None, serde_json::error::Category::Syntax | serde_json::error::Category::Eof) => {
            syntax_reason(&raw)
        }
        (None, _) => schema_reason(&raw),
    };
    (reason, details)
}

/// serde_json's message without its " at line L column C" suffix.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// The French and English of a JSON syntax error (serde_json's messages).
pub(crate) fn syntax_reason(reason: &str) -> Bilingual {
    let fr = match reason {
        "EOF while parsing a list" => "le texte s'arrête au milieu d'une liste [ … ]",
        "EOF while parsing an object" => "le texte s'arrête au milieu d'un objet { … }",
        "EOF while parsing a string" => "le texte s'arrête au milieu d'un texte entre guillemets",
        "EOF while parsing a value" => "le texte s'arrête avant une valeur",
        "expected `:`" => "un « : » est attendu après le nom du champ",
        "expected `,` or `]`" => "un « , » ou un « ] » est attendu",
        "expected `,` or `}`" => "un « , » ou un « } » est attendu",
        "expected ident" => "un mot inconnu (true, false et null sont les seuls mots du JSON)",
        "expected value" => {
            "une valeur est attendue (texte entre guillemets, nombre, liste, objet, true, false ou null)"
        }
        "invalid escape" => "une séquence d'échappement (\\…) invalide dans un texte",
        "invalid number" => "un nombre mal écrit",
        "number out of range" => "un nombre trop grand",
        "invalid unicode code point" => "un caractère Unicode invalide",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "un caractère de contrôle (retour à la ligne, tabulation…) dans un texte entre guillemets : écrivez-le \\n ou \\t"
        }
        "key must be a string" => "le nom d'un champ doit être un texte entre guillemets",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "une séquence \\u invalide dans un texte"
        }
        "trailing comma" => "une virgule en trop avant la fin d'une liste ou d'un objet",
        "trailing characters" => "du texte après la fin du document JSON",
        "recursion limit exceeded" => "trop de listes ou d'objets imbriqués (128 niveaux au plus)",
        _ => "le texte n'est pas du JSON",
    };
    Bilingual::owned(fr, reason)
}

/// `` `name`, expected one of `a`, `b` `` → (`name`, [a, b]); `there are no …` → None.
fn name_and_choices(rest: &str) -> (String, Option<Vec<String>>) {
    let (name, after) = match rest.strip_prefix('`').and_then(|r| r.split_once('`')) {
        Some((name, after)) => (name.to_owned(), after),
        None => (rest.to_owned(), ""),
    };
    if after.starts_with(", there are no ") {
        return (name, None);
    }
    let choices = after
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    (name, Some(choices))
}

/// The name in `` prefix`name` ``, when `text` is exactly that.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.strip_prefix(prefix)?
        .strip_prefix('`')?
        .strip_suffix('`')
}

/// « attendu …, reçu … », with a hint when the value is the right one in the wrong form.
fn expected_found(expected: &str, found: &str) -> Bilingual {
    let e = expectation(expected);
    let f = found_value(found);
    let number = expected.starts_with('u') || expected.starts_with('i') || expected == "f64";
    let text = found
        .strip_prefix("string \"")
        .and_then(|s| s.strip_suffix('"'));
    let hint = match text {
        // "95000" for a number of inhabitants: the quotes are the mistake.
        Some(t) if number && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => Some((
            format!(" (écrivez {t} sans guillemets)"),
            format!(" (write {t} without quotes)"),
        )),
        _ => None,
    }
    .or_else(|| {
        // 60000 for an amount: amounts are written between quotes, to the cent.
        let amount =
            expected.starts_with("a decimal amount") || expected.starts_with("null or a decimal");
        let n = found
            .strip_prefix("integer `")
            .or_else(|| found.strip_prefix("floating point `"))
            .and_then(|s| s.strip_suffix('`'));
        match n {
            Some(n) if amount => Some((
                format!(" (écrivez \"{n}\" entre guillemets)"),
                format!(" (write \"{n}\" between quotes)"),
            )),
            _ => None,
        }
    });
    let (hint_fr, hint_en) = hint.unwrap_or_default();
    Bilingual::owned(
        format!("attendu {}, reçu {}{hint_fr}", e.fr(), f.fr()),
        format!("{} expected, found {}{hint_en}", e.en(), f.en()),
    )
}

/// What a serde `expecting` text asks for, in words.
fn expectation(expected: &str) -> Bilingual {
    let words = match expected {
        "u8" => (
            "un nombre entier de 0 à 255",
            "a whole number from 0 to 255",
        ),
        "u16" => (
            "un nombre entier de 0 à 65 535",
            "a whole number from 0 to 65 535",
        ),
        "u32" => (
            "un nombre entier de 0 à 4 294 967 295",
            "a whole number from 0 to 4 294 967 295",
        ),
        "u64" | "usize" | "u128" => ("un nombre entier (0 ou plus)", "a whole number (0 or more)"),
        "i8" | "i16" | "i32" | "i64" | "isize" | "i128" => ("un nombre entier", "a whole number"),
        "f32" | "f64" => ("un nombre", "a number"),
        "a string" | "a borrowed string" | "string" => {
            ("un texte entre guillemets", "a text between quotes")
        }
        "a boolean" => ("true ou false", "true or false"),
        "a sequence" => ("une liste [ … ]", "a list [ … ]"),
        "a map" | "map" => ("un objet { … }", "an object { … }"),
        "unit" => ("null", "null"),
        "a character" | "char" => ("un seul caractère", "one character"),
        "a calendar date written YYYY-MM-DD" => (
            "une date écrite AAAA-MM-JJ (par exemple 2026-01-17)",
            "a date written YYYY-MM-DD (such as 2026-01-17)",
        ),
        "null or a calendar date written YYYY-MM-DD" => (
            "null ou une date écrite AAAA-MM-JJ (par exemple 2026-01-17)",
            "null or a date written YYYY-MM-DD (such as 2026-01-17)",
        ),
        "a decimal amount written as a string, such as \"1234.56\"" => (
            "un nombre écrit entre guillemets, avec un point pour les décimales (par exemple \"1234.56\")",
            "a number written between quotes, with a point for decimals (such as \"1234.56\")",
        ),
        "null or a decimal amount written as a string" => (
            "null ou un nombre écrit entre guillemets (par exemple \"1234.56\")",
            "null or a number written between quotes (such as \"1234.56\")",
        ),
        "variant identifier" | "field identifier" => ("un nom de champ", "a field name"),
        _ if expected.starts_with("struct ")
            || expected.starts_with("internally tagged enum ")
            || expected.starts_with("adjacently tagged enum ")
            || expected.starts_with("struct variant ") =>
        {
            ("un objet { … }", "an object { … }")
        }
        _ if expected.starts_with("tuple")
            || expected.starts_with("a tuple")
            || expected.starts_with("an array") =>
        {
            ("une liste [ … ]", "a list [ … ]")
        }
        _ if expected.starts_with("enum ") || expected.starts_with("unit variant") => {
            ("une des valeurs permises", "one of the allowed values")
        }
        _ if expected.starts_with("a valid ") || expected.contains("::") => {
            ("une valeur d'une autre forme", "a value of another form")
        }
        other => return Bilingual::owned(other, other),
    };
    Bilingual::new(words.0, words.1)
}

/// What serde_json found, in words.
fn found_value(found: &str) -> Bilingual {
    if let Some(text) = found.strip_prefix("string ") {
        return Bilingual::owned(format!("le texte {text}"), format!("the text {text}"));
    }
    let backquoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .and_then(|s| s.strip_prefix('`'))
            .and_then(|s| s.strip_suffix('`'))
    };
    if let Some(n) = backquoted("integer ").or_else(|| backquoted("floating point ")) {
        return Bilingual::owned(format!("le nombre {n}"), format!("the number {n}"));
    }
    if let Some(b) = backquoted("boolean ") {
        return Bilingual::owned(format!("la valeur {b}"), b.to_owned());
    }
    if let Some(c) = backquoted("character ") {
        return Bilingual::owned(
            format!("le caractère « {c} »"),
            format!("the character « {c} »"),
        );
    }
    match found {
        "null" | "unit value" => Bilingual::new("null", "null"),
        "sequence" => Bilingual::new("une liste", "a list"),
        "map" => Bilingual::new("un objet", "an object"),
        other => Bilingual::owned(format!("« {other} »"), format!("« {other} »")),
    }
}

// ---- The envelope and the engine ----

/// A request that is not UTF-8.
pub(crate) fn not_utf8(valid_up_to: usize) -> Bilingual {
    Bilingual::owned(
        format!(
            "la requête n'est pas du texte UTF-8 (octet {valid_up_to} : un caractère mal encodé)"
        ),
        format!("the request is not UTF-8 (byte {valid_up_to}: a character wrongly encoded)"),
    )
}

/// A request above the engine's limit.
pub(crate) fn too_large(bytes: usize, max: usize) -> Bilingual {
    let group = |n: usize| crate::aci::money::group_thousands(n as u64);
    Bilingual::owned(
        format!(
            "la requête fait {} octets ; cette bibliothèque en lit {} au plus",
            group(bytes),
            group(max)
        ),
        format!("the request has {bytes} bytes; this engine reads at most {max}"),
    )
}

/// A request that is not a JSON object.
pub(crate) const NOT_AN_OBJECT: Bilingual = Bilingual::new(
    "la requête doit être un objet JSON { … }",
    "the request must be a JSON object",
);

/// `input: null`.
pub(crate) const INPUT_NULL: Bilingual = Bilingual::new(
    "input : null n'est pas une entrée ; omettez le champ ou donnez un objet JSON { … }",
    "input: null is not an input: leave the field out, or give a JSON object",
);

/// An input that is not an object.
pub(crate) const INPUT_NOT_OBJECT: Bilingual = Bilingual::new(
    "input : l'entrée doit être un objet JSON { … }",
    "input: the input must be a JSON object",
);

/// Another API version.
pub(crate) fn unsupported_version(given: u32, supported: u32) -> Bilingual {
    Bilingual::owned(
        format!(
            "la version d'API {given} n'est pas prise en charge : cette bibliothèque parle la version {supported}"
        ),
        format!("api_version {given} is not supported: this library speaks version {supported}"),
    )
}

/// An operation name that does not exist.
pub(crate) fn unknown_operation(operation: &str) -> Bilingual {
    Bilingual::owned(
        format!("aucune opération ne s'appelle « {operation} » (la liste est dans les détails)"),
        format!("no operation is named « {operation} »"),
    )
}

/// The engine has no commune table.
pub(crate) const NO_COMMUNE_TABLE: Bilingual = Bilingual::new(
    "la table des communes n'est pas chargée : chargez-la avant d'appeler une opération sur les territoires",
    "the commune table is not loaded: load it before calling a territory operation",
);

// Said by the map operations, built natively only (the wasm answers them `data_unavailable`).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub(crate) const NO_GEOMETRIES: Bilingual = Bilingual::new(
    "les contours des communes ne sont pas chargés : chargez-les (fichier de scripts/fetch-geometries ou GeoJSON des communes) avant de demander une carte",
    "the commune contours are not loaded: load them (the file of scripts/fetch-geometries or a GeoJSON of communes) before asking for a map",
);

/// A result that could not be written (a bug).
pub(crate) fn not_serialisable(reason: &str) -> Bilingual {
    Bilingual::owned(
        "le résultat n'a pas pu être écrit en JSON (une anomalie de la bibliothèque : merci de la signaler avec la requête)",
        format!("the result could not be serialised: {reason}"),
    )
}

/// A caught panic (a bug).
pub(crate) fn internal(operation: Option<&str>) -> Bilingual {
    let (fr, en) = match operation {
        Some(o) => (format!("l'opération « {o} »"), format!("operation « {o} »")),
        None => ("cette requête".to_owned(), "this request".to_owned()),
    };
    Bilingual::owned(
        format!(
            "la bibliothèque a échoué sur {fr} (une anomalie : merci de la signaler avec la requête)"
        ),
        format!("the library failed on {en} (a bug: please report it with the request)"),
    )
}

/// A field that does not fit its schema, at `path`.
pub(crate) fn at_path(path: &str, reason: &Bilingual) -> Bilingual {
    if path.is_empty() {
        return Bilingual::owned(
            format!("la requête : {}", reason.fr()),
            format!("the request: {}", reason.en()),
        );
    }
    Bilingual::owned(
        format!("{path} : {}", reason.fr()),
        format!("{path}: {}", reason.en()),
    )
}

/// A request that is not JSON.
pub(crate) fn not_json(line: usize, column: usize, reason: &Bilingual) -> Bilingual {
    Bilingual::owned(
        format!(
            "la requête n'est pas du JSON valide (ligne {line}, colonne {column}) : {}",
            reason.fr()
        ),
        format!(
            "the request is not valid JSON: {} at line {line} column {column}",
            reason.en()
        ),
    )
}

/// Exactly one of several fields.
pub(crate) fn exactly_one_of(fields: &[&str]) -> Bilingual {
    let quoted: Vec<String> = fields.iter().map(|f| format!("« {f} »")).collect();
    Bilingual::owned(
        format!(
            "input : donnez un seul des champs {}",
            super::or_fr(&quoted)
        ),
        format!(
            "input: give exactly one of {}",
            match quoted.split_last() {
                Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                _ => quoted.join(""),
            }
        ),
    )
}

/// Exactly one of `parameter_set` and `on`.
pub(crate) fn set_or_date(both: bool) -> Bilingual {
    let (fr, en) = if both {
        ("les deux sont donnés", "both given")
    } else {
        ("aucun n'est donné", "neither given")
    };
    Bilingual::owned(
        format!("input : donnez soit « parameter_set », soit « on » ({fr})"),
        format!("input: give exactly one of « parameter_set » and « on » ({en})"),
    )
}

/// A parameter set that does not exist.
pub(crate) fn unknown_parameter_set(id: &str) -> Bilingual {
    Bilingual::owned(
        format!("input.parameter_set : aucun jeu de paramètres ACI ne s'appelle « {id} »"),
        format!("input.parameter_set: no ACI parameter set « {id} »"),
    )
}

/// A search limit out of range.
pub(crate) fn search_limit(limit: usize, max: usize) -> Bilingual {
    Bilingual::owned(
        format!("input.limit : {limit} n'est pas entre 1 et {max}"),
        format!("input.limit: {limit} is not between 1 and {max}"),
    )
}

/// Base64 that does not decode.
pub(crate) fn base64_field(rule: &Bilingual) -> Bilingual {
    Bilingual::owned(
        format!("input.csv_base64 : {}", rule.fr()),
        format!("input.csv_base64: {}", rule.en()),
    )
}
