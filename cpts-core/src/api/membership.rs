//! Operations on CPTS as associations: membership checks, registry queries, lifecycle and
//! mission deadlines. Each takes the CPTS (or several) in its input, as JSON: the engine
//! keeps no state between calls.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ApiError, Engine, Operation};
use crate::entity::{Cpts, CptsId, Lifecycle, TimelineEntry};
use crate::identifiers::Identifier;
use crate::membership::{
    Application, Member, MemberFilter, MembershipError, MembershipReport, Registry,
};
use crate::missions::LateMissionsReport;

/// `check_application`: would this application to join the CPTS be recorded on that date,
/// and would it be admitted at once or wait for the board?
#[derive(Debug)]
pub struct CheckApplication;

/// Input of `check_application`.
///
/// JSON: `{"cpts": {...}, "application": {"name": "...", "kind": {...}, "identifiers":
/// [...]}, "date": "2026-03-01"}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckApplicationInput {
    /// The CPTS, with its statuts, lifecycle and members.
    pub cpts: Cpts,
    /// The application.
    pub application: Application,
    /// Date of the application.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub date: NaiveDate,
}

/// Result of `check_application`. A refusal is an answer (`accepted: false` and the rule
/// broken), not a failed call.
///
/// JSON: `{"accepted": true, "member": {...}, "refusal": null}`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckApplicationOutput {
    /// True when the application would be recorded.
    pub accepted: bool,
    /// The member it would create (number, college, `admission`: automatic or pending).
    pub member: Option<Member>,
    /// The rule that refuses it.
    pub refusal: Option<MembershipError>,
}

impl Operation for CheckApplication {
    const NAME: &'static str = "check_application";
    const SUMMARY: &'static str =
        "Whether an application to join a CPTS would be recorded, and admitted or pending.";
    type Input = CheckApplicationInput;
    type Output = CheckApplicationOutput;

    fn run(_: &Engine, input: CheckApplicationInput) -> Result<CheckApplicationOutput, ApiError> {
        let mut cpts = input.cpts;
        Ok(
            match cpts.apply_for_membership(input.application, input.date) {
                Ok(number) => CheckApplicationOutput {
                    accepted: true,
                    member: cpts.roster().get(number).cloned(),
                    refusal: None,
                },
                Err(refusal) => CheckApplicationOutput {
                    accepted: false,
                    member: None,
                    refusal: Some(refusal),
                },
            },
        )
    }
}

/// `registry_query`: questions across several CPTS (which CPTS a professional belongs to,
/// a CPTS's members by category, profession or college, its membership report).
#[derive(Debug)]
pub struct RegistryQuery;

/// Input of `registry_query`.
///
/// JSON: `{"cpts": [{...}, {...}], "on": "2026-03-01", "query": {"query": "cpts_of",
/// "identifier": {"scheme": "rpps", "value": "10000927870"}}}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistryQueryInput {
    /// The CPTS of the registry.
    pub cpts: Vec<Cpts>,
    /// The date of the question.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub on: NaiveDate,
    /// The question.
    pub query: Query,
}

/// A registry question.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "query", rename_all = "snake_case", deny_unknown_fields)]
pub enum Query {
    /// The CPTS a person or structure is a member of.
    CptsOf {
        /// The identifier.
        identifier: Identifier,
    },
    /// The memberships of a person or structure, with their member records.
    MembershipsOf {
        /// The identifier.
        identifier: Identifier,
    },
    /// A CPTS's members matching a filter.
    Members {
        /// The CPTS.
        cpts: CptsId,
        /// The filter (every field optional).
        #[serde(default)]
        filter: MemberFilter,
    },
    /// A CPTS's membership report (counts by kind, category, profession, college; dues).
    Report {
        /// The CPTS.
        cpts: CptsId,
    },
}

/// One membership found.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Membership {
    /// The CPTS.
    pub cpts: CptsId,
    /// The member record.
    pub member: Member,
}

/// Result of `registry_query`, tagged like the question.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "query", rename_all = "snake_case")]
pub enum QueryAnswer {
    /// The CPTS, by id.
    CptsOf {
        /// Their ids, sorted.
        cpts: Vec<CptsId>,
    },
    /// The memberships.
    MembershipsOf {
        /// Each CPTS and member record.
        memberships: Vec<Membership>,
    },
    /// The members.
    Members {
        /// The records, by member number.
        members: Vec<Member>,
    },
    /// The report.
    Report {
        /// The report.
        report: MembershipReport,
    },
}

impl Operation for RegistryQuery {
    const NAME: &'static str = "registry_query";
    const SUMMARY: &'static str =
        "Questions across several CPTS: memberships of a person, members by filter, reports.";
    type Input = RegistryQueryInput;
    type Output = QueryAnswer;

    fn run(_: &Engine, input: RegistryQueryInput) -> Result<QueryAnswer, ApiError> {
        let mut registry = Registry::default();
        for cpts in input.cpts {
            registry.insert(cpts)?;
        }
        let on = input.on;
        Ok(match input.query {
            Query::CptsOf { identifier } => QueryAnswer::CptsOf {
                cpts: registry
                    .cpts_of(&identifier, on)
                    .into_iter()
                    .cloned()
                    .collect(),
            },
            Query::MembershipsOf { identifier } => QueryAnswer::MembershipsOf {
                memberships: registry
                    .memberships_of(&identifier, on)
                    .into_iter()
                    .map(|(cpts, member)| Membership {
                        cpts: cpts.clone(),
                        member: member.clone(),
                    })
                    .collect(),
            },
            Query::Members { cpts, filter } => QueryAnswer::Members {
                members: registry
                    .members(&cpts, on, &filter)?
                    .into_iter()
                    .cloned()
                    .collect(),
            },
            Query::Report { cpts } => QueryAnswer::Report {
                report: registry.report(&cpts, on)?,
            },
        })
    }
}

/// `lifecycle_status`: where a CPTS stands on a date (lettre d'intention, projet de santé,
/// contract, dissolution) and its dated timeline, deadlines included.
#[derive(Debug)]
pub struct CptsStatus;

/// Input of `lifecycle_status`.
///
/// JSON: `{"lifecycle": {"rules": {...}, "events": [...]}, "on": "2026-03-01"}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifecycleStatusInput {
    /// The lifecycle (a CPTS's `lifecycle` field).
    pub lifecycle: Lifecycle,
    /// The date.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub on: NaiveDate,
}

/// Result of `lifecycle_status`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct LifecycleStatusOutput {
    /// The status on the date.
    pub status: crate::entity::LifecycleStatus,
    /// Past steps and deadlines to come, up to the date and beyond (the deadlines a step
    /// opens).
    pub timeline: Vec<TimelineEntry>,
}

impl Operation for CptsStatus {
    const NAME: &'static str = "lifecycle_status";
    const SUMMARY: &'static str =
        "Where a CPTS stands on a date, with its timeline of steps and deadlines.";
    type Input = LifecycleStatusInput;
    type Output = LifecycleStatusOutput;

    fn run(_: &Engine, input: LifecycleStatusInput) -> Result<LifecycleStatusOutput, ApiError> {
        Ok(LifecycleStatusOutput {
            status: input.lifecycle.status_on(input.on),
            timeline: input.lifecycle.timeline(input.on),
        })
    }
}

/// `late_missions`: the missions a CPTS is late to start or to deploy on a date, under the
/// parameter set in force that day.
#[derive(Debug)]
pub struct LateMissions;

/// Input of `late_missions`.
///
/// JSON: `{"cpts": {...}, "on": "2026-03-01"}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateMissionsInput {
    /// The CPTS, with its lifecycle and mission dates.
    pub cpts: Cpts,
    /// The date.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub on: NaiveDate,
}

impl Operation for LateMissions {
    const NAME: &'static str = "late_missions";
    const SUMMARY: &'static str = "The missions a CPTS is late to start or deploy on a date.";
    type Input = LateMissionsInput;
    type Output = LateMissionsReport;

    fn run(engine: &Engine, input: LateMissionsInput) -> Result<LateMissionsReport, ApiError> {
        Ok(input.cpts.late_missions(input.on, engine.catalogue())?)
    }
}
