//! Objects whose whole state is a definition the server prints itself: extended statistics
//! (`pg_get_statisticsobjdef`) and rules (`pg_get_ruledef`, not a view's `_RETURN` rule).
//! One shape for both: created from the definition, dropped by name, a changed definition
//! is a drop and a create. Both stand on one relation and are kept in its `defined` map.

use super::catalog::ObjectId;
use super::ident::QualifiedName;
use super::keyed::Keyed;
use super::set::Set;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DefinedKind {
    /// `CREATE STATISTICS`, on a table or materialized view.
    Statistics,
    /// `CREATE RULE`, on a table or view.
    Rule,
}

/// The key of a `defined` map: the kind and the name (a rule's schema is its relation's).
pub type DefinedKey = (DefinedKind, QualifiedName);

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Defined {
    pub kind: DefinedKind,
    /// Statistics: the schema-qualified name (its schema may differ from the table's).
    /// Rules: named per relation; the schema is the relation's.
    pub name: QualifiedName,
    /// `pg_get_statisticsobjdef` or `pg_get_ruledef` (without its `;`), read with an empty
    /// search_path: the complete `CREATE STATISTICS` / `CREATE RULE` statement.
    pub definition: String,
    /// Statistics only: `ALTER STATISTICS ... SET STATISTICS n`; `None` is the default (-1).
    pub target: Option<i32>,
    pub comment: Option<String>,
    pub depends_on: Set<ObjectId>,
}

impl Defined {
    /// The id of this object, on `relation`.
    pub fn id(&self, relation: &QualifiedName) -> ObjectId {
        match self.kind {
            DefinedKind::Statistics => ObjectId::Statistics {
                table: relation.clone(),
                name: self.name.clone(),
            },
            DefinedKind::Rule => ObjectId::Rule {
                table: relation.clone(),
                name: self.name.name.clone(),
            },
        }
    }

    /// The key of `id` in its relation's `defined` map, for a statistics or rule id.
    pub fn key_of(id: &ObjectId) -> Option<(QualifiedName, DefinedKey)> {
        match id {
            ObjectId::Statistics { table, name } => {
                Some((table.clone(), (DefinedKind::Statistics, name.clone())))
            }
            ObjectId::Rule { table, name } => Some((
                table.clone(),
                (
                    DefinedKind::Rule,
                    QualifiedName::new(table.schema.clone(), name.clone()),
                ),
            )),
            ObjectId::Schema { .. }
            | ObjectId::Extension { .. }
            | ObjectId::Collation { .. }
            | ObjectId::DefaultPrivileges { .. }
            | ObjectId::Publication { .. }
            | ObjectId::EventTrigger { .. }
            | ObjectId::AccessMethod { .. }
            | ObjectId::Type { .. }
            | ObjectId::Sequence { .. }
            | ObjectId::Table { .. }
            | ObjectId::View { .. }
            | ObjectId::MaterializedView { .. }
            | ObjectId::Column { .. }
            | ObjectId::Function { .. }
            | ObjectId::Index { .. }
            | ObjectId::Constraint { .. }
            | ObjectId::DomainConstraint { .. }
            | ObjectId::Trigger { .. }
            | ObjectId::Policy { .. } => None,
        }
    }
}

impl Defined {
    /// A rule's event (`SELECT`, `INSERT`, `UPDATE` or `DELETE`), read from the definition
    /// the server prints: `CREATE RULE <name> AS\n    ON <event> TO ...`.
    pub fn rule_event(&self) -> Option<&str> {
        if self.kind != DefinedKind::Rule {
            return None;
        }
        let head = format!(
            "CREATE RULE {} AS",
            super::ident::quote_ident(&self.name.name)
        );
        let rest = self.definition.strip_prefix(&head)?.trim_start();
        let event = rest.strip_prefix("ON ")?.split_whitespace().next()?;
        ["SELECT", "INSERT", "UPDATE", "DELETE"]
            .into_iter()
            .find(|e| *e == event)
    }
}

impl Keyed for Defined {
    type Key = DefinedKey;
    fn key(&self) -> DefinedKey {
        (self.kind, self.name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(name: &str, definition: &str) -> Defined {
        Defined {
            kind: DefinedKind::Rule,
            name: QualifiedName::new("public", name),
            definition: definition.into(),
            target: None,
            comment: None,
            depends_on: Set::new(),
        }
    }

    #[test]
    fn a_rules_event_is_read_after_its_own_name() {
        let r = rule(
            "r",
            "CREATE RULE r AS\n    ON UPDATE TO public.t DO INSTEAD NOTHING",
        );
        assert_eq!(r.rule_event(), Some("UPDATE"));
        // A quoted name that reads like another event does not fool it.
        let odd = rule(
            "x AS ON DELETE",
            "CREATE RULE \"x AS ON DELETE\" AS\n    ON INSERT TO public.t DO INSTEAD NOTHING",
        );
        assert_eq!(odd.rule_event(), Some("INSERT"));
        assert_eq!(
            rule("r", "CREATE RULE other AS ON UPDATE").rule_event(),
            None
        );
    }
}
