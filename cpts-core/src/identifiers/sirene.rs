//! Identifiers of legal entities: SIREN, SIRET (INSEE Sirene) and RNA (associations).

use stdnum::{ValidationError, Validator};

use super::{
    CheckKeyRule, IdentifierError, IdentifierKind, KeyStatus, NationalIdentifier, check_classes,
    check_digits, compact, identifier_type, luhn_expected_key, reject_all_zeros,
};

identifier_type!(
    /// SIREN of a legal entity: 9 digits with a Luhn key, checked by the crate `stdnum`
    /// 0.2.0 (`stdnum::country::fr::SIREN`).
    ///
    /// Source: INSEE lab `validinsee`, « un SIREN est valide si sa somme de Luhn est un
    /// multiple de 10 » (<https://github.com/inseefrlab/validinsee>), official.
    ///
    /// ```
    /// use cpts_core::identifiers::{Siren, NationalIdentifier};
    /// assert_eq!(Siren::parse("732 829 320").unwrap().formatted(), "732 829 320");
    /// assert!(Siren::parse("404833047").unwrap_err().is_check_key_error());
    /// ```
    Siren,
    9,
    "^[0-9]{9}$"
);

impl Siren {
    /// The usual grouping `NNN NNN NNN`.
    pub fn formatted(&self) -> String {
        stdnum::country::fr::SIREN.format(self.as_str())
    }
}

impl NationalIdentifier for Siren {
    const KIND: IdentifierKind = IdentifierKind::Siren;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<9>(Self::KIND, input)?;
        check_digits(Self::KIND, input, &bytes)?;
        reject_all_zeros(Self::KIND, input, &bytes)?;
        Ok(Siren(bytes))
    }

    fn key_status(&self) -> KeyStatus {
        match stdnum::country::fr::SIREN.validate(self.as_str()) {
            Ok(_) => KeyStatus::Valid,
            Err(_) => KeyStatus::Invalid,
        }
    }

    fn check_key_error(&self) -> IdentifierError {
        IdentifierError::InvalidCheckKey {
            kind: Self::KIND,
            value: self.as_str().to_owned(),
            rule: CheckKeyRule::Luhn,
            expected_key: luhn_expected_key(&self.0),
        }
    }
}

identifier_type!(
    /// SIRET of an establishment: 14 digits, the SIREN (9) and the NIC (5).
    ///
    /// Checked by the crate `stdnum` 0.2.0 (`stdnum::country::fr::SIRET`): Luhn over the 14
    /// digits, except La Poste (a SIRET starting with `356000000` other than
    /// `35600000000048` is valid when the sum of its 14 digits is a multiple of 5). The first
    /// 9 digits must also be a valid SIREN (`validinsee`; python-stdnum checks it too).
    ///
    /// ```
    /// use cpts_core::identifiers::{Siret, NationalIdentifier};
    /// let siret = Siret::parse("732 829 320 00074").unwrap();
    /// assert_eq!(siret.siren().as_str(), "732829320");
    /// // La Poste: fails plain Luhn, valid by the digit-sum rule.
    /// assert!(Siret::parse("35600000009075").is_ok());
    /// ```
    Siret,
    14,
    "^[0-9]{14}$"
);

impl Siret {
    /// The SIREN of the legal entity that owns the establishment.
    pub fn siren(&self) -> Siren {
        let mut bytes = [0u8; 9];
        bytes.copy_from_slice(&self.0[..9]);
        Siren(bytes)
    }

    /// The NIC (numéro interne de classement), 5 digits.
    pub fn nic(&self) -> &str {
        self.as_str().get(9..).unwrap_or_default()
    }

    /// True for a La Poste establishment, checked by the digit-sum rule.
    pub fn is_la_poste_rule(&self) -> bool {
        self.as_str().starts_with("356000000") && self.as_str() != "35600000000048"
    }

    /// The usual grouping `NNN NNN NNN NNNNN`.
    pub fn formatted(&self) -> String {
        stdnum::country::fr::SIRET.format(self.as_str())
    }
}

impl NationalIdentifier for Siret {
    const KIND: IdentifierKind = IdentifierKind::Siret;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<14>(Self::KIND, input)?;
        check_digits(Self::KIND, input, &bytes)?;
        reject_all_zeros(Self::KIND, input, &bytes)?;
        Ok(Siret(bytes))
    }

    fn key_status(&self) -> KeyStatus {
        let whole = stdnum::country::fr::SIRET.validate(self.as_str());
        if whole.is_ok() && self.siren().key_status() == KeyStatus::Valid {
            KeyStatus::Valid
        } else {
            KeyStatus::Invalid
        }
    }

    fn check_key_error(&self) -> IdentifierError {
        let whole = stdnum::country::fr::SIRET.validate(self.as_str());
        let (rule, expected_key) = match whole {
            Err(ValidationError::InvalidChecksum(_)) if self.is_la_poste_rule() => {
                (CheckKeyRule::LaPosteDigitSum, None)
            }
            Err(_) => (CheckKeyRule::Luhn, luhn_expected_key(&self.0)),
            Ok(_) => (CheckKeyRule::SirenPart, None),
        };
        IdentifierError::InvalidCheckKey {
            kind: Self::KIND,
            value: self.as_str().to_owned(),
            rule,
            expected_key,
        }
    }
}

identifier_type!(
    /// RNA number of an association (Répertoire national des associations): `W` followed by
    /// 9 characters. Official pages say « W suivi de 9 chiffres »; letters are accepted after
    /// the `W` (Corsica, overseas; several public validators accept `^W[0-9A-Z]{9}$`), and
    /// [`Rna::is_all_digits`] gives the strict lint. No check key is known.
    ///
    /// Associations of Moselle, Bas-Rhin and Haut-Rhin (local law) are not in the RNA and
    /// have no RNA number.
    ///
    /// ```
    /// use cpts_core::identifiers::{Rna, NationalIdentifier};
    /// assert_eq!(Rna::parse("w143007272").unwrap().as_str(), "W143007272");
    /// assert!(Rna::parse("143007272").is_err());
    /// ```
    Rna,
    10,
    "^W[0-9A-Z]{9}$"
);

impl Rna {
    /// True when the 9 characters after `W` are all digits (the official wording).
    pub fn is_all_digits(&self) -> bool {
        self.0[1..].iter().all(u8::is_ascii_digit)
    }
}

impl NationalIdentifier for Rna {
    const KIND: IdentifierKind = IdentifierKind::Rna;

    fn parse_format(input: &str) -> Result<Self, IdentifierError> {
        let bytes = compact::<10>(Self::KIND, input)?;
        check_classes(Self::KIND, input, &bytes, |i, b| match (i, b) {
            (0, b'W') => Ok(()),
            (0, _) => Err(crate::messages::rules::LETTER_W),
            _ => Ok(()), // compact() already allows only ASCII letters and digits
        })?;
        Ok(Rna(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siren_vectors_from_the_reference() {
        // python-stdnum doctests, INSEE lab validinsee, decoupage-administratif.
        for v in [
            "732829320",
            "404833048",
            "200034528",
            "356000000",
            "217500016",
            "200058519",
            "264403106",
        ] {
            assert!(Siren::parse(v).is_ok(), "{v}");
        }
        for v in ["404833047", "200034582", "123456789"] {
            assert!(Siren::parse(v).unwrap_err().is_check_key_error(), "{v}");
        }
    }

    #[test]
    fn siret_vectors_from_the_reference() {
        // python-stdnum tests/test_fr_siret.doctest, validinsee README.
        for v in [
            "73282932000074",
            "20003452800014",
            "35600000000048",
            "35600000009075",
            "77220148900022",
        ] {
            assert!(Siret::parse(v).is_ok(), "{v}");
        }
        let err = Siret::parse("73282932000079").unwrap_err();
        assert!(matches!(
            err,
            IdentifierError::InvalidCheckKey {
                rule: CheckKeyRule::Luhn,
                ..
            }
        ));
        assert!(
            Siret::parse("20003452800041")
                .unwrap_err()
                .is_check_key_error()
        );
        let poste = Siret::parse("35600000049838").unwrap_err();
        assert!(matches!(
            poste,
            IdentifierError::InvalidCheckKey {
                rule: CheckKeyRule::LaPosteDigitSum,
                ..
            }
        ));
        let s = Siret::parse("772 201 489 00022").unwrap();
        assert_eq!(s.siren().as_str(), "772201489");
        assert_eq!(s.nic(), "00022");
        assert_eq!(s.formatted(), "772 201 489 00022");
    }

    #[test]
    fn siret_whose_siren_part_is_invalid() {
        // 12345678900007 passes Luhn over 14 digits (computed by hand: the key 7 makes
        // it does) but its SIREN 123456789 fails Luhn.
        let v = "12345678900007";
        assert!(stdnum::country::fr::SIRET.validate(v).is_ok());
        assert!(matches!(
            Siret::parse(v),
            Err(IdentifierError::InvalidCheckKey {
                rule: CheckKeyRule::SirenPart,
                ..
            })
        ));
    }

    #[test]
    fn rna_accepts_letters_after_w() {
        let r = Rna::parse("W2A1234567").unwrap();
        assert!(!r.is_all_digits());
        assert!(Rna::parse("W143007272").unwrap().is_all_digits());
        assert_eq!(
            Rna::parse("W143007272").unwrap().key_status(),
            KeyStatus::NoKey
        );
        assert!(matches!(
            Rna::parse("X143007272"),
            Err(IdentifierError::InvalidCharacter { position: 1, .. })
        ));
    }
}
