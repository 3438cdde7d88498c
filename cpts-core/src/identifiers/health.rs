//! Identifiers of health professionals and health structures: RPPS, ADELI, FINESS.

use super::{
    CheckKeyRule, IdentifierError, IdentifierKind, KeyStatus, NationalIdentifier,
    check_departement_digits, check_digits, compact, identifier_type, is_corsican,
    luhn_expected_key, luhn_valid, reject_all_zeros,
};

identifier_type!(
    /// RPPS number of a health professional (Répertoire partagé des professionnels de
    /// santé): 11 digits, the last one a Luhn key over the 11 digits.
    ///
    /// Source: ANS FAQ des industriels, « Format : 11 caractères numériques (le dernier étant
    /// la clé de Luhn) » (<https://industriels.esante.gouv.fr/faq-des-industriels>), official.
    /// The IDNPS (`8` + RPPS) is not accepted here: strip its prefix first.
    ///
    /// ```
    /// use cpts_core::identifiers::{Rpps, NationalIdentifier, IdentifierError};
    /// let rpps = Rpps::parse("100 0092 7870").unwrap();
    /// assert_eq!(rpps.as_str(), "10000927870");
    /// // A fictitious ANS example with a wrong key: a distinct error...
    /// let err = Rpps::parse("10003461033").unwrap_err();
    /// assert!(err.is_check_key_error());
    /// // ...that a caller may downgrade to a warning.
    /// let checked = Rpps::parse_accepting_wrong_key("10003461033").unwrap();
    /// assert!(checked.warning.is_some());
    /// ```
    Rpps,
    11,
    "^[0-9]{11}$"
);

impl NationalIdentifier for Rpps {
    const KIND: IdentifierKind = IdentifierKind::Rpps;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<11>(Self::KIND, input)?;
        check_digits(Self::KIND, input, &bytes)?;
        reject_all_zeros(Self::KIND, input, &bytes)?;
        Ok(Rpps(bytes))
    }

    fn key_status(&self) -> KeyStatus {
        if luhn_valid(&self.0) {
            KeyStatus::Valid
        } else {
            KeyStatus::Invalid
        }
    }

    fn check_key_error(&self) -> IdentifierError {
        luhn_error(Self::KIND, self.as_str(), &self.0)
    }
}

identifier_type!(
    /// ADELI number of a professional: 9 digits (`DD PP NNNN K`: département of
    /// registration, profession, order number, key).
    ///
    /// Format source: ANS FHIR annuaire IG, « Numéro ADELI (9 chiffres) », official. The key
    /// is Luhn over the 9 digits **only empirically** (8 of 8 real values; no official
    /// statement): [`key_status`](NationalIdentifier::key_status) reports it, but
    /// [`parse`](NationalIdentifier::parse) does not enforce it. Call
    /// [`Adeli::parse_with_empirical_key`] to enforce it.
    Adeli,
    9,
    "^[0-9]{9}$"
);

impl Adeli {
    /// Parses and also enforces the empirical Luhn key (returns
    /// [`IdentifierError::InvalidCheckKey`] when it does not match).
    pub fn parse_with_empirical_key(input: &str) -> Result<Self, IdentifierError> {
        let value = Self::parse_format(input)?;
        if luhn_valid(&value.0) {
            Ok(value)
        } else {
            Err(luhn_error(Self::KIND, value.as_str(), &value.0))
        }
    }

    /// The empirical Luhn key status (a lint, see the type docs).
    pub fn empirical_key_status(&self) -> KeyStatus {
        if luhn_valid(&self.0) {
            KeyStatus::Valid
        } else {
            KeyStatus::Invalid
        }
    }
}

impl NationalIdentifier for Adeli {
    const KIND: IdentifierKind = IdentifierKind::Adeli;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<9>(Self::KIND, input)?;
        check_digits(Self::KIND, input, &bytes)?;
        reject_all_zeros(Self::KIND, input, &bytes)?;
        Ok(Adeli(bytes))
    }

    /// The ADELI key is not an established rule: it is never reported as `Invalid` here
    /// (see [`Adeli::empirical_key_status`]).
    fn key_status(&self) -> KeyStatus {
        KeyStatus::NotCheckable
    }

    fn check_key_error(&self) -> IdentifierError {
        luhn_error(Self::KIND, self.as_str(), &self.0)
    }
}

identifier_type!(
    /// FINESS number of a structure (entité juridique or établissement): 9 characters, a
    /// 2-character département (`01`…`99`, `2A`, `2B`) and 7 digits.
    ///
    /// Format: `ansforge/finess` XSD `typeNumeroFiness` (official), narrowed to the
    /// département prefix (two digits, `2A` or `2B`). Key: Luhn over the 9
    /// digits for all-digit numbers (empirical: 169 of 169 real FINESS). The key of the
    /// Corsican numbers (`2A…`, `2B…`) has no known rule: their key status is
    /// [`KeyStatus::NotCheckable`] and they are accepted.
    ///
    /// ```
    /// use cpts_core::identifiers::{Finess, KeyStatus, NationalIdentifier};
    /// assert_eq!(Finess::parse("54 000 269 8").unwrap().key_status(), KeyStatus::Valid);
    /// assert_eq!(Finess::parse("2a0100013").unwrap().key_status(), KeyStatus::NotCheckable);
    /// assert!(Finess::parse("458174839").unwrap_err().is_check_key_error());
    /// ```
    Finess,
    9,
    "^([0-9]{2}|2[AB])[0-9]{7}$"
);

impl Finess {
    /// True for a Corsican number (`2A…`, `2B…`).
    pub fn is_corsican(&self) -> bool {
        is_corsican(&self.0)
    }
}

impl NationalIdentifier for Finess {
    const KIND: IdentifierKind = IdentifierKind::Finess;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<9>(Self::KIND, input)?;
        check_departement_digits(Self::KIND, input, &bytes)?;
        reject_all_zeros(Self::KIND, input, &bytes)?;
        Ok(Finess(bytes))
    }

    fn key_status(&self) -> KeyStatus {
        if self.is_corsican() {
            KeyStatus::NotCheckable
        } else if luhn_valid(&self.0) {
            KeyStatus::Valid
        } else {
            KeyStatus::Invalid
        }
    }

    fn check_key_error(&self) -> IdentifierError {
        luhn_error(Self::KIND, self.as_str(), &self.0)
    }
}

/// The error for a number whose Luhn key does not match.
pub(super) fn luhn_error(kind: IdentifierKind, value: &str, digits: &[u8]) -> IdentifierError {
    IdentifierError::InvalidCheckKey {
        kind,
        value: value.to_owned(),
        rule: CheckKeyRule::Luhn,
        expected_key: luhn_expected_key(digits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpps_vectors_from_the_reference() {
        // Valid values from the ANS test resources (github.com/ansforge/psc-rass-loader).
        for v in ["10000927870", "10003090833", "10100375103", "10107592544"] {
            assert_eq!(Rpps::parse(v).unwrap().as_str(), v);
        }
        // 10107582544 differs by one digit from a valid number: wrong key.
        assert!(Rpps::parse("10107582544").unwrap_err().is_check_key_error());
        // Fictitious ANS example: the correct key would be 4.
        assert_eq!(
            Rpps::parse("10003461033").unwrap_err(),
            IdentifierError::InvalidCheckKey {
                kind: IdentifierKind::Rpps,
                value: "10003461033".into(),
                rule: CheckKeyRule::Luhn,
                expected_key: Some('4'),
            }
        );
        assert!(Rpps::parse("10003461034").is_ok());
        assert!(matches!(
            Rpps::parse("1010037510"),
            Err(IdentifierError::InvalidLength {
                expected: 11,
                found: 10,
                ..
            })
        ));
        assert!(matches!(
            Rpps::parse("1010037510A"),
            Err(IdentifierError::InvalidCharacter {
                position: 11,
                character: 'A',
                ..
            })
        ));
        // The IDNPS form (8 + RPPS) is 12 characters: refused as a length error.
        assert!(matches!(
            Rpps::parse("810100375103"),
            Err(IdentifierError::InvalidLength { found: 12, .. })
        ));
    }

    #[test]
    fn separators_are_tolerated() {
        let a = Rpps::parse(" 100.0092.7870 ").unwrap();
        let b = Rpps::parse("100\u{a0}009\u{202f}27870").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "10000927870");
    }

    #[test]
    fn zeros_and_empty_are_refused() {
        assert!(matches!(
            Rpps::parse("00000000000"),
            Err(IdentifierError::InvalidFormat { .. })
        ));
        assert_eq!(
            Rpps::parse(" . "),
            Err(IdentifierError::Empty {
                kind: IdentifierKind::Rpps
            })
        );
    }

    #[test]
    fn adeli_key_is_reported_not_enforced() {
        // 8/8 realistic ANS values pass Luhn (ansforge/psc-rass-loader extraction files).
        for v in [
            "010000206",
            "012800728",
            "012800736",
            "533100558",
            "016041030",
            "016054801",
            "016054827",
            "016058562",
        ] {
            let a = Adeli::parse(v).unwrap();
            assert_eq!(a.empirical_key_status(), KeyStatus::Valid, "{v}");
            assert!(Adeli::parse_with_empirical_key(v).is_ok());
        }
        // Sequential fakes from toggle-1.csv fail the empirical key but are accepted.
        let fake = Adeli::parse("299109803").unwrap();
        assert_eq!(fake.empirical_key_status(), KeyStatus::Invalid);
        assert_eq!(fake.key_status(), KeyStatus::NotCheckable);
        assert!(
            Adeli::parse_with_empirical_key("299109803")
                .unwrap_err()
                .is_check_key_error()
        );
    }

    #[test]
    fn finess_vectors_from_the_reference() {
        // ansforge/IG-fhir-annuaire examples, ansforge/finess data, SNDS documentation.
        for v in [
            "540002698",
            "750712184",
            "130786049",
            "690781810",
            "010000016",
            "010000156",
            "010780195",
            "970302477",
        ] {
            assert_eq!(
                Finess::parse(v).unwrap().key_status(),
                KeyStatus::Valid,
                "{v}"
            );
        }
        for v in ["458174839", "754567860"] {
            assert!(Finess::parse(v).unwrap_err().is_check_key_error(), "{v}");
        }
        let corsican = Finess::parse("2b0000012").unwrap();
        assert_eq!(corsican.as_str(), "2B0000012");
        assert!(corsican.is_corsican());
        assert_eq!(corsican.key_status(), KeyStatus::NotCheckable);
        // A letter is allowed only in second position after 2.
        assert!(matches!(
            Finess::parse("3A0000012"),
            Err(IdentifierError::InvalidCharacter { position: 2, .. })
        ));
        assert!(matches!(
            Finess::parse("2A00000B2"),
            Err(IdentifierError::InvalidCharacter { position: 8, .. })
        ));
    }
}
