//! Owners (`--owners`, opt-in): who owns each ownable managed object, where that is not the
//! user schemadiff connects as. Left out entirely without the option, so catalogs, plans and
//! fingerprints read without it are what they always were.

use super::catalog::{Catalog, ObjectId};
use super::keyed::Keyed;
use serde::{Deserialize, Serialize};

/// The owner of one object, recorded only when it is not the connecting user: "no entry"
/// means "owned by whoever schemadiff connects as", on either side of a diff. A shadow
/// database's objects without `OWNER TO` are its connecting user's, so they compare equal to
/// the live database's objects owned by *its* connecting user, whatever the two are called.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owner {
    pub object: ObjectId,
    pub role: String,
}

impl Keyed for Owner {
    type Key = ObjectId;
    fn key(&self) -> ObjectId {
        self.object.clone()
    }
}

impl Catalog {
    /// Whether `id` is an object of this catalog that has an owner of its own. Indexes,
    /// constraints, triggers, policies, rules and columns have none (their relation's owner
    /// owns them); extensions and default privileges are not owned in this sense, nor access methods; a sequence
    /// `OWNED BY` a column follows its table (`ALTER TABLE ... OWNER TO` moves it, and
    /// PostgreSQL refuses to change it alone).
    pub fn has_own_owner(&self, id: &ObjectId) -> bool {
        match id {
            ObjectId::Schema { name } => self.schemas.contains_key(name),
            ObjectId::Collation { name } => self.collations.contains_key(name),
            ObjectId::Type { name } => self.has_type(name),
            ObjectId::Sequence { name } => self
                .sequences
                .get(name)
                .is_some_and(|s| s.owned_by.is_none()),
            ObjectId::Table { name } => self.tables.contains_key(name),
            ObjectId::View { name } => self.views.get(name).is_some_and(|v| !v.materialized),
            ObjectId::MaterializedView { name } => {
                self.views.get(name).is_some_and(|v| v.materialized)
            }
            ObjectId::Function { id } => self.functions.contains_key(id),
            ObjectId::Statistics { table, .. } => {
                super::Defined::key_of(id).is_some_and(|(_, key)| {
                    let defined = match self.tables.get(table) {
                        Some(t) => &t.defined,
                        None => match self.views.get(table) {
                            Some(v) => &v.defined,
                            None => return false,
                        },
                    };
                    defined.contains_key(&key)
                })
            }
            ObjectId::Publication { name } => self.publications.contains_key(name),
            ObjectId::EventTrigger { name } => self.event_triggers.contains_key(name),
            ObjectId::Extension { .. }
            | ObjectId::Column { .. }
            | ObjectId::Index { .. }
            | ObjectId::Constraint { .. }
            | ObjectId::DomainConstraint { .. }
            | ObjectId::Trigger { .. }
            | ObjectId::Policy { .. }
            | ObjectId::DefaultPrivileges { .. }
            | ObjectId::Rule { .. }
            // An access method has no owner (`pg_am` keeps none).
            | ObjectId::AccessMethod { .. } => false,
        }
    }

    /// Drop the owners of what the catalog does not hold (or holds without an owner of its
    /// own): the owners query reads candidates, and objects are stripped after it (runner
    /// tables, `-- schemadiff:external`).
    pub fn keep_owners_of_objects(&mut self) {
        let owners = std::mem::take(&mut self.owners);
        self.owners = owners
            .into_iter()
            .filter(|(id, _)| self.has_own_owner(id))
            .collect();
    }

    /// The owner of `id` when it is not the connecting user (`None`: the connecting user's).
    pub fn owner_of(&self, id: &ObjectId) -> Option<&str> {
        self.owners.get(id).map(|o| o.role.as_str())
    }
}
