//! Access methods (`CREATE ACCESS METHOD name TYPE TABLE | INDEX HANDLER f`): database-wide,
//! not in a schema. Those an extension creates are the extension's and never read.

use super::ident::QualifiedName;
use super::keyed::Keyed;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessMethod {
    pub name: String,
    /// `TABLE` or `INDEX`, as the statement says it.
    pub kind: String,
    /// The handler function (it takes `internal`; usually a built-in one such as
    /// `pg_catalog.heap_tableam_handler`).
    pub handler: QualifiedName,
    pub comment: Option<String>,
}

impl Keyed for AccessMethod {
    type Key = String;
    fn key(&self) -> String {
        self.name.clone()
    }
}
