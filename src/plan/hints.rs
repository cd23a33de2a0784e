//! `Hints`: what the planner is told besides the two catalogs. The desired files' annotations
//! (`-- schemadiff:renamed from=...`, `-- schemadiff:backfill using=...`) say what SQL cannot
//! carry; the server says which type changes it makes without rewriting the table.

use crate::model::ObjectId;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Everything the planner knows beyond `from` and `to`. Empty is a valid answer: every recipe
/// then takes the way that needs no hint.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hints {
    /// `-- schemadiff:renamed from=<old name> [mode=instant]`, one per renamed object.
    pub renames: Vec<Rename>,
    /// `-- schemadiff:backfill using="<expr>" [reverse="<expr>"]`, by column of the desired
    /// state (`ObjectId::Column`).
    pub backfills: BTreeMap<ObjectId, Backfill>,
    /// Columns (`ObjectId::Column`) whose type change the server makes without rewriting the
    /// table (`varchar(10)` → `varchar(20)`, `varchar` → `text`, numeric precision up):
    /// probed on a real server, never from a list kept by hand.
    pub in_place_types: BTreeSet<ObjectId>,
    /// Extensions whose version change has no update path back on the server: the reverse
    /// keeps the new version (and says so) rather than run an `UPDATE` that fails.
    #[serde(default)]
    pub one_way_extensions: BTreeSet<String>,
    /// The server's `server_version_num` (e.g. `130023`), read on the `from` side's
    /// connection, for what older servers lack (`security_invoker` before 15). `None`: not
    /// known (plans from files alone, or made before this was recorded), taken as new enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_version: Option<i32>,
    /// The current state once the hinted renames of whole objects have run
    /// ([`super::renames`]), computed on a shadow database: PostgreSQL itself rewrites what
    /// refers to a renamed object. `None` when no such rename is pending.
    #[serde(skip)]
    pub renamed_from: Option<std::sync::Arc<crate::model::Catalog>>,
}

/// An object of the desired state that was called something else before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rename {
    /// The object under its new name, as the desired state has it.
    pub object: ObjectId,
    /// The old name, as PostgreSQL stores it: unquoted, bare identifiers folded to lower
    /// case, quoted ones kept (`from=Old` gives `old`, `from="Old"` gives `Old`). For a
    /// column, its name in the same table (`object`'s table, under its new name); for a
    /// table, view, materialized view, index, sequence, type, function or schema, the
    /// object's own name, in `from_schema` when that is given, else in `object`'s schema.
    /// A function's `object` has empty `args`: the planner reads them from the desired
    /// catalog.
    pub from: String,
    /// The old schema of an object that also moves to another schema (`from=old_app.users`
    /// on a table now in `app`): `Some` only when it differs from the object's schema
    /// (qualifying the old name with its own schema gives `None`). Always `None` for columns,
    /// indexes (which stay with their table) and schemas.
    #[serde(default)]
    pub from_schema: Option<String>,
    /// `mode=instant`: a plain `RENAME`, flagged `breaks-old-code`, instead of the online
    /// recipe that keeps the old name working.
    pub instant: bool,
    /// `file:line:column` of the annotation, for messages.
    pub location: String,
}

/// How to fill a column of the desired state from the row as it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backfill {
    /// SQL expression over the row's (old) columns.
    pub using: String,
    /// SQL expression over the row's new columns that gives the old column back, while it
    /// exists (splits and merges).
    pub reverse: Option<String>,
    /// `file:line:column` of the annotation, for messages.
    pub location: String,
}

impl Hints {
    /// The rename whose new object is `object`.
    pub fn rename_of(&self, object: &ObjectId) -> Option<&Rename> {
        self.renames.iter().find(|r| &r.object == object)
    }

    pub fn is_empty(&self) -> bool {
        self.renames.is_empty()
            && self.backfills.is_empty()
            && self.in_place_types.is_empty()
            && self.one_way_extensions.is_empty()
    }
}
