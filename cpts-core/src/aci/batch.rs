//! Batches: many contract years, or many payment schedules, in one call, each answered or
//! failed on its own (one contract that breaks a rule does not fail the others). ARS and
//! CPAM evaluate all the contracts of a region at once: 700 CPTS had signed the ACI in May
//! 2025 (Sénat, commission des affaires sociales, « Le financement des communautés
//! professionnelles territoriales de santé (CPTS) », contrôle en clair, official:
//! <https://www.senat.fr/travaux-parlementaires/commissions/commission-des-affaires-sociales/controle-en-clair/le-financement-des-communautes-professionnelles-territoriales-de-sante-cpts.html>).
//!
//! With the cargo feature `parallel` (on by default; the wasm leaves it out), the items are
//! shared among every core by rayon; the answers are in the order of the items either way.
//! Sharing pays off for items that do more than build their answer (schedules, the JSON
//! batch's items, which are read and written): amounts-only years take about 2 µs each,
//! and on two cores with glibc's allocator they are faster on the caller's thread alone (the
//! answers built on rayon's threads and freed on the caller's make the allocator give memory
//! back to the system and take it again; BENCHMARKS.md, « third step »).

use super::FundingError;
use super::contract::{Contract, ValidContract};
use super::explanation::Detail;
use super::parameters::ParameterCatalogue;
use super::schedule::{Schedule, ScheduleOptions};
use super::year::{YearEvaluation, YearResults};

/// One contract year of a batch: a validated contract and the year's results.
#[derive(Debug, Clone, Copy)]
pub struct YearItem<'a> {
    /// The contract, validated once for all its years.
    pub contract: &'a ValidContract<'a>,
    /// The year's measured results.
    pub results: &'a YearResults,
}

/// One schedule of a batch.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleItem<'a> {
    /// The contract.
    pub contract: &'a Contract,
    /// The results of the years already measured.
    pub results: &'a [YearResults],
    /// Conventions and lettre d'intention.
    pub options: &'a ScheduleOptions,
}

/// Evaluates every contract year of `items` (see [`ValidContract::evaluate_year_at`]), each
/// on its own, in their order.
pub fn evaluate_years(
    items: &[YearItem<'_>],
    detail: Detail,
) -> Vec<Result<YearEvaluation, FundingError>> {
    map(items, |item| {
        item.contract.evaluate_year_at(item.results, detail)
    })
}

/// Builds the payment schedule of every item (see [`super::schedule::payment_schedule`]),
/// each on its own, in their order.
pub fn payment_schedules(
    items: &[ScheduleItem<'_>],
    catalogue: &ParameterCatalogue,
) -> Vec<Result<Schedule, FundingError>> {
    map(items, |item| {
        super::schedule::payment_schedule(item.contract, catalogue, item.results, item.options)
    })
}

/// `f` over every item, in order: on every core with the feature `parallel`.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    #[cfg(feature = "parallel")]
    {
        use rayon::prelude::*;
        items.par_iter().map(f).collect()
    }
    #[cfg(not(feature = "parallel"))]
    {
        items.iter().map(f).collect()
    }
}
