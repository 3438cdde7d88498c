//! Who asks, and what they are to a directory on a date: decided from the roster, the
//! board's mandates and the sharing agreements, never from what the caller says of the
//! viewer beyond who they are.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Visibility;
use crate::entity::CptsId;
use crate::membership::MemberNumber;

/// The person asking, as the portal's login established them.
///
/// JSON: `{"viewer": "anonymous"}` or `{"viewer": "member", "cpts": "cpts-exemple",
/// "member": 12}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "viewer", rename_all = "snake_case", deny_unknown_fields)]
pub enum Viewer {
    /// Somebody not logged in.
    Anonymous,
    /// A person logged in as a member of a CPTS (whether they still are on the date is the
    /// library's to decide).
    Member {
        /// Their CPTS.
        cpts: CptsId,
        /// Their number in its roster.
        member: MemberNumber,
    },
}

/// What a viewer is to one directory on a date, from the least to the most.
///
/// JSON: `"anonymous"`, `"member"`, `"board"` or `"own"`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// No more than a visitor: anonymous, not a member on the date, or a member of another
    /// CPTS without a sharing agreement in force.
    Anonymous,
    /// A member of this CPTS on the date, or of a CPTS sharing its directory with it
    /// (`SHARED_AS_MEMBERS`).
    Member,
    /// A member of its conseil d'administration on the date.
    Board,
    /// The member whose entry it is (`OWN_ENTRY_WHOLE`).
    Own,
}

impl Access {
    /// True when a field of this visibility may be shown.
    pub fn sees(self, visibility: Visibility) -> bool {
        match visibility {
            Visibility::Public => true,
            Visibility::Members => self >= Access::Member,
            Visibility::Board => self >= Access::Board,
            Visibility::Nobody => self == Access::Own,
        }
    }

    /// French label.
    pub fn label_fr(self) -> &'static str {
        match self {
            Access::Anonymous => "visiteur",
            Access::Member => "adhérent",
            Access::Board => "membre du conseil d'administration",
            Access::Own => "le membre lui-même",
        }
    }
}

/// Who the viewer is, once checked: a member on the date of a CPTS the registry holds, or
/// nobody in particular.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checked<'a> {
    /// Their CPTS and number, when they are a member of it on the date.
    pub member_of: Option<(&'a CptsId, MemberNumber)>,
    /// On the board of that CPTS on the date.
    pub on_board: bool,
}

impl Checked<'_> {
    /// What they are to the directory of `cpts`, given whether their CPTS shares its
    /// directory with it on the date.
    pub fn access_to(&self, cpts: &CptsId, shared: bool) -> Access {
        match self.member_of {
            Some((own, _)) if own == cpts => {
                if self.on_board {
                    Access::Board
                } else {
                    Access::Member
                }
            }
            Some(_) if shared => Access::Member,
            _ => Access::Anonymous,
        }
    }

    /// Their number, when they are a member of `cpts`.
    pub fn number_in(&self, cpts: &CptsId) -> Option<MemberNumber> {
        self.member_of
            .and_then(|(own, number)| (own == cpts).then_some(number))
    }
}
