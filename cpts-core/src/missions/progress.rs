//! A CPTS's progress on its missions, and the check of missions late to start or deploy.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::Mission;
use super::catalogue::Obligation;
use crate::aci::{FundingError, ParameterCatalogue};
use crate::calendar::MonthArithmetic;
use crate::entity::Lifecycle;

/// Dates of one mission: those the CPTS plans (the optional missions' deadlines are the
/// dates the CPTS sets) and those it records.
///
/// JSON: `{"planned_start": null, "planned_deployment": null, "started_on": "2023-02-01",
/// "deployed_on": null}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MissionProgress {
    /// Start date the CPTS set (its deadline for an optional mission).
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub planned_start: Option<NaiveDate>,
    /// Full-deployment date the CPTS set.
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub planned_deployment: Option<NaiveDate>,
    /// Date the mission started.
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub started_on: Option<NaiveDate>,
    /// Date the mission was fully deployed.
    #[serde(deserialize_with = "crate::calendar::optional_date", default)]
    pub deployed_on: Option<NaiveDate>,
}

/// The missions of one CPTS and their dates.
///
/// JSON: an object keyed by mission: `{"acces_aux_soins": {...}, "prevention": {...}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(transparent)]
pub struct MissionPlan {
    missions: BTreeMap<Mission, MissionProgress>,
}

/// A mission operation that breaks a rule. Nothing is changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, JsonSchema)]
#[serde(tag = "error", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MissionError {
    /// The mission already has a start date.
    #[error("mission {mission} already started on {started_on}")]
    AlreadyStarted {
        /// The mission.
        mission: Mission,
        /// Its start date.
        started_on: NaiveDate,
    },
    /// The mission already has a deployment date.
    #[error("mission {mission} already deployed on {deployed_on}")]
    AlreadyDeployed {
        /// The mission.
        mission: Mission,
        /// Its deployment date.
        deployed_on: NaiveDate,
    },
    /// Deployment recorded before the mission started.
    #[error("mission {mission} cannot be deployed on {date} before it starts")]
    NotStarted {
        /// The mission.
        mission: Mission,
        /// The date given.
        date: NaiveDate,
    },
    /// A deployment date before the start date.
    #[error("mission {mission}: deployment {deployment} is before start {start}")]
    DeploymentBeforeStart {
        /// The mission.
        mission: Mission,
        /// Start date.
        start: NaiveDate,
        /// Deployment date.
        deployment: NaiveDate,
    },
    /// No ACI on the date of the check.
    #[error("no ACI CPTS applies on {date}: the first parameter set starts on {first_day}")]
    NoAciOnDate {
        /// The date of the check.
        date: NaiveDate,
        /// First day covered by the catalogue.
        first_day: NaiveDate,
    },
    /// A mission of the plan that no parameter set defines.
    #[error(
        "mission {mission} is defined by no parameter set (the one in force on the date is {parameter_set})"
    )]
    UnknownMission {
        /// The mission.
        mission: Mission,
        /// The set in force on the date of the check.
        parameter_set: String,
    },
    /// A deadline falls out of the supported calendar.
    #[error("mission {mission}: its deadline is out of the supported date range")]
    DateOutOfRange {
        /// The mission.
        mission: Mission,
    },
}

impl MissionPlan {
    /// The progress of a mission, if the CPTS recorded any.
    pub fn get(&self, mission: Mission) -> Option<&MissionProgress> {
        self.missions.get(&mission)
    }

    /// Every mission with recorded dates.
    pub fn iter(&self) -> impl Iterator<Item = (Mission, &MissionProgress)> {
        self.missions.iter().map(|(m, p)| (*m, p))
    }

    /// Sets the dates the CPTS plans for a mission (the deadlines of an optional one).
    pub fn plan(
        &mut self,
        mission: Mission,
        planned_start: Option<NaiveDate>,
        planned_deployment: Option<NaiveDate>,
    ) -> Result<(), MissionError> {
        if let (Some(start), Some(deployment)) = (planned_start, planned_deployment)
            && deployment < start
        {
            return Err(MissionError::DeploymentBeforeStart {
                mission,
                start,
                deployment,
            });
        }
        let p = self.missions.entry(mission).or_default();
        p.planned_start = planned_start;
        p.planned_deployment = planned_deployment;
        Ok(())
    }

    /// Records the start of a mission.
    pub fn record_start(&mut self, mission: Mission, date: NaiveDate) -> Result<(), MissionError> {
        if let Some(started_on) = self.get(mission).and_then(|p| p.started_on) {
            return Err(MissionError::AlreadyStarted {
                mission,
                started_on,
            });
        }
        self.missions.entry(mission).or_default().started_on = Some(date);
        Ok(())
    }

    /// Records the full deployment of a started mission.
    pub fn record_deployment(
        &mut self,
        mission: Mission,
        date: NaiveDate,
    ) -> Result<(), MissionError> {
        let progress = self.get(mission).copied().unwrap_or_default();
        if let Some(deployed_on) = progress.deployed_on {
            return Err(MissionError::AlreadyDeployed {
                mission,
                deployed_on,
            });
        }
        match progress.started_on {
            None => Err(MissionError::NotStarted { mission, date }),
            Some(start) if date < start => Err(MissionError::DeploymentBeforeStart {
                mission,
                start,
                deployment: date,
            }),
            Some(_) => {
                self.missions.entry(mission).or_default().deployed_on = Some(date);
                Ok(())
            }
        }
    }

    pub(crate) fn check(&self) -> Result<(), MissionError> {
        for (&mission, p) in &self.missions {
            for (start, deployment) in [
                (p.planned_start, p.planned_deployment),
                (p.started_on, p.deployed_on),
            ] {
                if let (Some(start), Some(deployment)) = (start, deployment)
                    && deployment < start
                {
                    return Err(MissionError::DeploymentBeforeStart {
                        mission,
                        start,
                        deployment,
                    });
                }
            }
            if let (None, Some(date)) = (p.started_on, p.deployed_on) {
                return Err(MissionError::NotStarted { mission, date });
            }
        }
        Ok(())
    }
}

/// From which date the deadlines of a mission socle run (a library convention).
///
/// JSON: `"later_of_signature_and_applicability"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineAnchor {
    /// The contract signature, or the day the mission starts to apply when that is later
    /// (the crisis mission for a contract signed before 3 Sep 2022). No text found says how
    /// contracts signed before avenant 2 count the crisis mission's deadlines.
    #[default]
    LaterOfSignatureAndApplicability,
}

/// Which step of a mission is late.
///
/// JSON: `"start"` or `"deployment"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LateStep {
    /// The mission started after its deadline, or has not started past it.
    Start,
    /// The mission was deployed after its deadline, or is not deployed past it.
    Deployment,
}

impl LateStep {
    /// The step in French, as a report writes it: « démarrage », « déploiement ».
    pub fn label_fr(self) -> &'static str {
        match self {
            LateStep::Start => "démarrage",
            LateStep::Deployment => "déploiement",
        }
    }
}

/// A mission late to start or to deploy.
///
/// JSON: `{"mission": "prevention", "obligation": "socle", "step": "start",
/// "deadline": "2024-03-14", "done_on": null, "days_late": 17}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateMission {
    /// The mission.
    pub mission: Mission,
    /// Socle, or optional with dates set by the CPTS.
    pub obligation: Obligation,
    /// Start or deployment.
    pub step: LateStep,
    /// Last day on time.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub deadline: NaiveDate,
    /// When the step was done late; `None` when still not done on the date of the check.
    #[serde(default, deserialize_with = "crate::calendar::optional_date")]
    pub done_on: Option<NaiveDate>,
    /// Days past the deadline: until it was done, or until the date of the check.
    pub days_late: i64,
}

/// The missions late on a date.
///
/// JSON: `{"on": "...", "contract_signed_on": "..." | null, "parameter_set": "aci_2019_avenant_2" | null,
/// "late": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateMissionsReport {
    /// Date of the check.
    #[serde(deserialize_with = "crate::calendar::date")]
    pub on: NaiveDate,
    /// First signature of the contract in force on that date; `None` when none is (there
    /// are then no deadlines).
    #[serde(default, deserialize_with = "crate::calendar::optional_date")]
    pub contract_signed_on: Option<NaiveDate>,
    /// The ACI parameter set whose missions were applied (the one in force on the date).
    pub parameter_set: Option<String>,
    /// The late missions, in the order of L1434-12-2, start before deployment.
    pub late: Vec<LateMission>,
}

/// The missions late to start or to deploy on `on`, for a CPTS with this lifecycle and
/// this plan.
///
/// Missions socles: deadlines counted in months from the anchor ([`DeadlineAnchor`]) under
/// the parameter set in force on `on`. Optional missions: the dates the CPTS planned, if any. A
/// step done on its deadline is on time; a step recorded after `on` counts as not done.
pub fn late_missions(
    plan: &MissionPlan,
    lifecycle: &Lifecycle,
    on: NaiveDate,
    catalogue: &ParameterCatalogue,
    anchor: DeadlineAnchor,
    months: MonthArithmetic,
) -> Result<LateMissionsReport, MissionError> {
    let Some(signed_on) = lifecycle.contract_signed_on(on) else {
        return Ok(LateMissionsReport {
            on,
            contract_signed_on: None,
            parameter_set: None,
            late: vec![],
        });
    };
    let set = catalogue.in_force_on(on).map_err(|e| match e {
        FundingError::NoAciOnDate { date, first_day } => {
            MissionError::NoAciOnDate { date, first_day }
        }
        _ => MissionError::NoAciOnDate {
            date: on,
            first_day: on,
        },
    })?;
    if let Some((mission, _)) = plan.iter().find(|(m, _)| {
        !catalogue
            .sets()
            .iter()
            .any(|s| s.mission_rule(*m).is_some())
    }) {
        return Err(MissionError::UnknownMission {
            mission,
            parameter_set: set.id().to_owned(),
        });
    }
    let mut late = Vec::new();
    for rule in set.missions().iter().filter(|r| r.applies_from <= on) {
        let mission = rule.mission;
        let progress = plan.get(mission).copied().unwrap_or_default();
        let (start_deadline, deploy_deadline) = match rule.obligation {
            Obligation::Socle => {
                let (start, deploy) = rule
                    .deadlines(signed_on, anchor, months)
                    .ok_or(MissionError::DateOutOfRange { mission })?;
                (Some(start), Some(deploy))
            }
            Obligation::Optional => (progress.planned_start, progress.planned_deployment),
        };
        let steps = [
            (LateStep::Start, start_deadline, progress.started_on),
            (LateStep::Deployment, deploy_deadline, progress.deployed_on),
        ];
        for (step, deadline, done) in steps {
            let Some(deadline) = deadline else { continue };
            let done_on = done.filter(|d| *d <= on);
            let until = done_on.unwrap_or(on);
            if until > deadline {
                late.push(LateMission {
                    mission,
                    obligation: rule.obligation,
                    step,
                    deadline,
                    done_on,
                    days_late: (until - deadline).num_days(),
                });
            }
        }
    }
    Ok(LateMissionsReport {
        on,
        contract_signed_on: Some(signed_on),
        parameter_set: Some(set.id().to_owned()),
        late,
    })
}
