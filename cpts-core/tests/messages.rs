//! Error messages name enum values as JSON does (`acces_aux_soins`), never as Rust debug
//! output (`AccesAuxSoins`, `Some(2024-01-01)`, `[Rpps, Adeli]`).

mod common;

use common::d;
use cpts_core::aci::ContractError;
use cpts_core::entity::{EventKind, LifecycleError};
use cpts_core::identifiers::IdentifierKind;
use cpts_core::membership::{
    Admission, IndividualCategory, MemberCategory, MemberNumber, MembershipError, StatutesError,
};
use cpts_core::missions::Mission;

#[test]
fn missions_and_events_by_their_json_names() {
    let missing = ContractError::MissingSocleMission {
        mission: Mission::AccesAuxSoins,
    };
    assert_eq!(
        missing.to_string(),
        "mission socle acces_aux_soins is missing"
    );
    let late = LifecycleError::DateOutOfOrder {
        event: EventKind::ContractSigned,
        date: d(2024, 1, 1),
        last_date: d(2024, 3, 1),
    };
    assert_eq!(
        late.to_string(),
        "contract_signed dated 2024-01-01 is earlier than the last recorded event (2024-03-01)"
    );
    // The names are serde's: the message and the JSON agree.
    for mission in Mission::ALL {
        assert_eq!(
            serde_json::to_value(mission).unwrap(),
            serde_json::Value::String(mission.to_string())
        );
    }
}

#[test]
fn lists_admissions_and_dates_in_words() {
    let missing = MembershipError::MissingIdentifier {
        category: MemberCategory::Individual(IndividualCategory::ProfessionnelDeSante),
        allowed: &[IdentifierKind::Rpps, IdentifierKind::Adeli],
    };
    assert!(
        missing
            .to_string()
            .ends_with("must be identified by one of RPPS, ADELI"),
        "{missing}"
    );
    let decided = MembershipError::NotPending {
        number: MemberNumber(7),
        admission: Admission::Admitted {
            decided_on: d(2024, 3, 1),
        },
    };
    assert_eq!(
        decided.to_string(),
        "member n° 7 has no pending application (admitted on 2024-03-01)"
    );
    let empty = StatutesError::EmptyDuesPeriod {
        from: d(2024, 1, 1),
        until: Some(d(2023, 12, 31)),
    };
    assert_eq!(
        empty.to_string(),
        "dues period from 2024-01-01 ends on 2023-12-31, not after it starts"
    );
}
