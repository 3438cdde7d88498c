//! What every command uses: the commune table, the ACI parameter sets, today's date.

use cpts_core::aci::ParameterCatalogue;
use cpts_core::chrono::NaiveDate;
use cpts_core::messages::Message;
use cpts_core::territory::CommuneTable;

use crate::failure::{Exit, Failure};

pub struct Context {
    pub table: CommuneTable,
    pub parameters: ParameterCatalogue,
}

impl Context {
    pub fn new() -> Result<Self, Failure> {
        let table = CommuneTable::embedded().map_err(|e| {
            Failure::new(
                Exit::Internal,
                format!("table des communes : {}", e.message_fr()),
            )
        })?;
        let parameters = ParameterCatalogue::embedded().map_err(|e| {
            Failure::new(
                Exit::Internal,
                format!("paramètres ACI : {}", e.message_fr()),
            )
        })?;
        Ok(Context { table, parameters })
    }

    /// The date given (`AAAA-MM-JJ`), or today's.
    pub fn date(&self, given: Option<&str>) -> Result<NaiveDate, Failure> {
        match given {
            None => Ok(cpts_core::chrono::Local::now().date_naive()),
            Some(text) => cpts_core::calendar::parse_date(text)
                .map_err(|rule| Failure::new(Exit::Content, format!("--date : {}", rule.fr()))),
        }
    }
}
