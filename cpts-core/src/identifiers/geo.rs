//! Geographic codes: INSEE commune code (Code officiel géographique) and postcode.
//!
//! These types check the format only. Whether a code exists is answered by the commune
//! table (territory module).

use super::{
    IdentifierError, IdentifierKind, NationalIdentifier, check_departement_digits, check_digits,
    compact, identifier_type,
};

identifier_type!(
    /// INSEE code of a commune (COG): 5 characters, `^(\d{2}|2[AB])\d{3}$`, which covers
    /// the Corsican codes (`2A004` Ajaccio) and the overseas ones (`97…`, `98…`).
    ///
    /// Source: the INSEE Code officiel géographique
    /// (<https://www.insee.fr/fr/information/2560452>); all 37 590 entries of the npm package
    /// `@etalab/decoupage-administratif` 6.0.0 match (data).
    ///
    /// ```
    /// use cpts_core::identifiers::{InseeCommuneCode, NationalIdentifier};
    /// let c = InseeCommuneCode::parse("2a004").unwrap();
    /// assert_eq!(c.as_str(), "2A004");
    /// assert_eq!(InseeCommuneCode::parse("97411").unwrap().departement_prefix(), "974");
    /// ```
    InseeCommuneCode,
    5,
    "^([0-9]{2}|2[AB])[0-9]{3}$"
);

impl InseeCommuneCode {
    /// A code from trusted, already canonical text (the commune table): 5 digits, or `2A`/`2B`
    /// and 3 digits. `None` for anything else.
    pub(crate) fn from_canonical(text: &str) -> Option<Self> {
        let b: [u8; 5] = text.as_bytes().try_into().ok()?;
        let corsican = b[0] == b'2' && matches!(b[1], b'A' | b'B');
        let digits = b
            .iter()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || (i == 1 && corsican));
        digits.then_some(InseeCommuneCode(b))
    }

    /// The code's five bytes (ASCII), which sort like the code.
    pub(crate) fn bytes(&self) -> [u8; 5] {
        self.0
    }

    /// The code as an integer that sorts like the code (for fast sorting and searching).
    pub(crate) fn sort_key(&self) -> u64 {
        let [a, b, c, d, e] = self.0;
        u64::from_be_bytes([0, 0, 0, a, b, c, d, e])
    }

    /// The département the code starts with: 3 characters for the overseas codes (`97x`,
    /// `98x`), else 2 (`2A`, `2B` for Corsica).
    ///
    /// True for communes actuelles and municipal arrondissements; five communes associées
    /// or déléguées are attached to another département (the commune table knows it).
    pub fn departement_prefix(&self) -> &str {
        let s = self.as_str();
        let n = if s.starts_with("97") || s.starts_with("98") {
            3
        } else {
            2
        };
        s.get(..n).unwrap_or_default()
    }
}

impl NationalIdentifier for InseeCommuneCode {
    const KIND: IdentifierKind = IdentifierKind::InseeCommune;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<5>(Self::KIND, input)?;
        check_departement_digits(Self::KIND, input, &bytes)?;
        Ok(InseeCommuneCode(bytes))
    }
}

identifier_type!(
    /// French postcode: 5 digits. Format only: one postcode may cover several communes and
    /// one commune several postcodes, and a postcode does not give the département
    /// (data: `@etalab/decoupage-administratif` 6.0.0, 6 310 postcodes; 16 span two
    /// départements).
    PostalCode,
    5,
    "^[0-9]{5}$"
);

impl NationalIdentifier for PostalCode {
    const KIND: IdentifierKind = IdentifierKind::PostalCode;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<5>(Self::KIND, input)?;
        check_digits(Self::KIND, input, &bytes)?;
        Ok(PostalCode(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_codes() {
        for (code, dep) in [
            ("78551", "78"),
            ("2A004", "2A"),
            ("2B033", "2B"),
            ("97411", "974"),
            ("98901", "989"),
            ("75101", "75"),
        ] {
            assert_eq!(
                InseeCommuneCode::parse(code).unwrap().departement_prefix(),
                dep
            );
        }
        assert!(matches!(
            InseeCommuneCode::parse("2C004"),
            Err(IdentifierError::InvalidCharacter { position: 2, .. })
        ));
        assert!(matches!(
            InseeCommuneCode::parse("7855"),
            Err(IdentifierError::InvalidLength {
                expected: 5,
                found: 4,
                ..
            })
        ));
    }

    #[test]
    fn postcodes() {
        assert_eq!(PostalCode::parse("78 100").unwrap().as_str(), "78100");
        assert!(PostalCode::parse("2A100").is_err());
    }
}
