//! Where a rule or a value comes from.
//!
//! Every rule, threshold and amount that cpts encodes carries a [`Source`]: the text it
//! comes from, the article when known, a public URL and a [`Quality`] tag saying how far
//! the value can be trusted: official (Légifrance, JORF, ameli.fr, Sénat, ARS or PAPS
//! pages), trade press, draft (a negotiation figure, never coded as law), other, or contract
//! (one published contract annex, binding on its parties only).

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How far a source can be trusted.
///
/// JSON: a snake_case string (`"official"`, `"trade_press"`, …).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Quality {
    /// Légifrance / JORF, ameli.fr, Sénat, ARS or PAPS pages, ANS nomenclatures.
    Official,
    /// The official text read through a non-official reproduction.
    OfficialCopy,
    /// An official text known through a lawyer's commentary.
    OfficialCommentary,
    /// Trade press (Le Quotidien du médecin, Le Concours médical, …).
    TradePress,
    /// A negotiation or proposal figure, not the signed text. Never law.
    Draft,
    /// Consultancy, federation, URPS or CPTS website.
    Other,
    /// A published CPTS contract annex: binding for that contract only.
    Contract,
    /// Not law: a convention chosen by this library where no source was found.
    /// The documentation next to the value says so and how to override it.
    LibraryConvention,
}

/// A reference to the text a rule or value comes from.
///
/// JSON: `{"title": "...", "article": "L1434-12" | null, "url": "https://..." | null,
/// "quality": "official"}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Name of the text (law, décret, web page, nomenclature).
    pub title: Cow<'static, str>,
    /// Article or section, when known.
    pub article: Option<Cow<'static, str>>,
    /// Public URL of the text, when there is one.
    pub url: Option<Cow<'static, str>>,
    /// How far it can be trusted.
    pub quality: Quality,
}

impl Source {
    /// A source known at compile time (used by the embedded tables).
    pub const fn fixed(
        title: &'static str,
        article: Option<&'static str>,
        url: Option<&'static str>,
        quality: Quality,
    ) -> Self {
        Source {
            title: Cow::Borrowed(title),
            article: match article {
                Some(a) => Some(Cow::Borrowed(a)),
                None => None,
            },
            url: match url {
                Some(u) => Some(Cow::Borrowed(u)),
                None => None,
            },
            quality,
        }
    }
}

/// The sources cited by several modules.
pub mod cited {
    use super::{Quality, Source};

    /// Art. L1434-12 CSP (projet de santé, tacit validation after two months).
    pub const CSP_L1434_12: Source = Source::fixed(
        "Code de la santé publique",
        Some("L1434-12"),
        Some(
            "https://circulaire.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006072665/LEGISCTA000031917906/2022-06-30/?anchor=LEGIARTI000043497169",
        ),
        Quality::Official,
    );

    /// Art. L1434-12-1 CSP (association loi 1901, local-law association in 57/67/68),
    /// created by ordonnance n° 2021-584 of 12 May 2021.
    pub const CSP_L1434_12_1: Source = Source::fixed(
        "Code de la santé publique (ordonnance n° 2021-584 du 12 mai 2021)",
        Some("L1434-12-1"),
        Some("https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000043496493"),
        Quality::Official,
    );

    /// Art. L1434-12-2 CSP (the six public-service missions).
    pub const CSP_L1434_12_2: Source = Source::fixed(
        "Code de la santé publique (ordonnance n° 2021-584 du 12 mai 2021)",
        Some("L1434-12-2"),
        Some("https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000043496493"),
        Quality::Official,
    );

    /// PAPS Hauts-de-France page on the ACI (bands, missions, deadlines), updated 30 Nov 2023.
    pub const PAPS_HDF_ACI: Source = Source::fixed(
        "PAPS Hauts-de-France, « Le financement de la CPTS : l'accord conventionnel interprofessionnel (ACI) »",
        None,
        Some(
            "https://www.hauts-de-france.paps.sante.fr/le-financement-de-la-cpts-laccord-conventionnel-interprofessionnel-aci?parent=11940&rubrique=11937",
        ),
        Quality::Official,
    );

    /// ACI of 20 June 2019 approved by arrêté of 21 Aug 2019 (JORF n°0196 of 24 Aug 2019),
    /// in force 25 Aug 2019.
    pub const ACI_2019: Source = Source::fixed(
        "Accord conventionnel interprofessionnel CPTS du 20 juin 2019 (arrêté du 21 août 2019, JORF n°0196 du 24 août 2019)",
        None,
        Some("https://juriblio.fr/arretes/arrete-du-21-aout-2019/173172467/annexe/307390210"),
        Quality::OfficialCopy,
    );

    /// Avenant 2 to the ACI, signed 20 Dec 2021, approval published in the JO of 31 Mar 2022.
    pub const ACI_AVENANT_2: Source = Source::fixed(
        "Avenant 2 à l'ACI CPTS (signé le 20 décembre 2021 ; avis JORFTEXT000045443303, JO du 31 mars 2022)",
        None,
        Some("https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000045443303"),
        Quality::Official,
    );

    /// Date from which the crisis mission applies (3 Sep 2022).
    pub const CRISIS_MISSION_START: Source = Source::fixed(
        "CPTS du Val, « Nouvelle mission socle : crise sanitaire »",
        None,
        Some("https://www.cptsduval.fr/nouvelle-mission-socle-crise-sanitaire/"),
        Quality::Other,
    );

    /// Contract duration of 5 years.
    pub const CONTRACT_FIVE_YEARS: Source = Source::fixed(
        "Concours pluripro, « ACI : qu'est-ce qu'une CPTS gagne à le signer ? »",
        None,
        Some(
            "https://www.concourspluripro.fr/droit-et-gestion/questions-juridiques/aci-quest-ce-quune-cpts-gagne-le-signer",
        ),
        Quality::TradePress,
    );

    /// The CPTS FAQ of the seeds (membership in practice: several CPTS, no residence
    /// requirement, individual or legal-person membership according to the statuts).
    pub const SEED_CPTS_FAQ: Source = Source::fixed(
        "FAQ d'une CPTS des Yvelines (seed 004 of the reference documents)",
        None,
        None,
        Quality::Other,
    );

    /// A rule chosen by this library where no source was found.
    pub const LIBRARY_CONVENTION: Source = Source::fixed(
        "convention de la bibliothèque cpts (aucun texte trouvé ; paramétrable)",
        None,
        None,
        Quality::LibraryConvention,
    );
}
