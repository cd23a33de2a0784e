//! Event triggers (`CREATE EVENT TRIGGER`): database-wide, not in a schema; each runs a
//! function `RETURNS event_trigger` of the managed schemas.

use super::catalog::FunctionId;
use super::keyed::Keyed;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTrigger {
    pub name: String,
    /// `ddl_command_start`, `ddl_command_end`, `sql_drop`, `table_rewrite`, `login` (17+).
    pub event: String,
    /// `WHEN TAG IN (...)`, as stored (upper case, in the order written); empty: every tag.
    pub tags: Vec<String>,
    /// The function it executes (no arguments).
    pub function: FunctionId,
    /// `O` origin (enabled), `D` disabled, `R` replica, `A` always.
    pub enabled: String,
    pub comment: Option<String>,
}

impl Keyed for EventTrigger {
    type Key = String;
    fn key(&self) -> String {
        self.name.clone()
    }
}
