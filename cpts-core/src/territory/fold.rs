//! Folding of place names for matching: case, accents, apostrophes and hyphens do not count.
//!
//! The data writes `L'Étang-la-Ville` with the ASCII apostrophe and accents; users type
//! `l’Etang la ville`. Both fold to `l etang la ville`: letters
//! lower-cased, the accented Latin letters of French (and of the overseas and regional names
//! of the COG) replaced by their base letter, `œ` → `oe`, `æ` → `ae`, apostrophes, hyphens,
//! dots and commas → spaces, runs of spaces collapsed.

/// The folded form of a name.
///
/// ```
/// use cpts_core::territory::fold_name;
/// assert_eq!(fold_name("L'Étang-la-Ville"), "l etang la ville");
/// assert_eq!(fold_name("  l’etang   LA ville "), "l etang la ville");
/// assert_eq!(fold_name("Œuilly"), "oeuilly");
/// ```
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = true; // no leading space
    for c in name.chars() {
        let folded: &str =
            match c {
                'a'..='z' | '0'..='9' => {
                    out.push(c);
                    space = false;
                    continue;
                }
                'A'..='Z' => {
                    out.push(c.to_ascii_lowercase());
                    space = false;
                    continue;
                }
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'ā'
                | 'Ā' => "a",
                'ç' | 'Ç' | 'ć' | 'č' | 'Ć' | 'Č' => "c",
                'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' | 'ē' | 'Ē' | 'ě' | 'Ě' => {
                    "e"
                }
                'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'ī' | 'Ī' => "i",
                'ñ' | 'Ñ' | 'ń' | 'Ń' => "n",
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'ō'
                | 'Ō' => "o",
                'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'ū' | 'Ū' => "u",
                'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
                'ž' | 'Ž' => "z",
                'š' | 'Š' => "s",
                'œ' | 'Œ' => "oe",
                'æ' | 'Æ' => "ae",
                'ß' => "ss",
                '\'' | '’' | '‘' | '-' | '‐' | '–' | '—' | '.' | ',' | '_' | '/' | '(' | ')' => {
                    " "
                }
                c if c.is_whitespace() => " ",
                c => {
                    out.extend(c.to_lowercase());
                    space = false;
                    continue;
                }
            };
        if folded == " " {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.push_str(folded);
            space = false;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_what_users_type() {
        assert_eq!(fold_name("Saint-Germain-en-Laye"), "saint germain en laye");
        assert_eq!(fold_name("SAINT GERMAIN EN LAYE"), "saint germain en laye");
        assert_eq!(fold_name("Marly-le-Roi"), fold_name("marly le roi"));
        assert_eq!(fold_name("Île-de-Bréhat"), "ile de brehat");
        assert_eq!(
            fold_name("Paris 1er Arrondissement"),
            "paris 1er arrondissement"
        );
        assert_eq!(fold_name("''--"), "");
    }
}
