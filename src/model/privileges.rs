//! Privileges: grants on an object, and default privileges for objects created later.

use super::set::Set;
use serde::{Deserialize, Serialize};

/// What objects `role` creates later are granted (`ALTER DEFAULT PRIVILEGES FOR ROLE role
/// [IN SCHEMA schema] ...`), relative to PostgreSQL's built-in defaults, so that an entry
/// and no entry compare the same when they mean the same.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DefaultPrivileges {
    pub role: String,
    /// `None`: every schema.
    pub schema: Option<String>,
    /// `TABLES`, `SEQUENCES`, `FUNCTIONS`, `TYPES` or `SCHEMAS`, as the statement says it.
    pub object_type: String,
    /// Granted beyond the built-in default.
    pub grants: Set<Grant>,
    /// Built-in grants taken away (only an entry of every schema can).
    pub revoked: Set<Grant>,
}

impl DefaultPrivileges {
    /// What identifies the entry: (role, schema, object type).
    pub fn key(&self) -> (&str, Option<&str>, &str) {
        (&self.role, self.schema.as_deref(), &self.object_type)
    }
}

/// One privilege granted on an object (or a column) to a role.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Grant {
    /// Role name, or `PUBLIC`.
    pub grantee: String,
    /// `SELECT`, `INSERT`, `USAGE`, `EXECUTE`, ...
    pub privilege: String,
    pub with_grant_option: bool,
}
