//! `ALTER <kind> <name> OWNER TO <role>` (`--owners`).

use super::function::{keyword, signature};
use crate::model::{FunctionKind, ObjectId, QualifiedName, quote_ident, quote_literal};

/// The statement giving `id` to `role` (`None`: the user the statement runs as,
/// `CURRENT_USER`). `function_kind` is the kind of a function id where the statement runs;
/// `domain` whether a type id is a domain there (`ALTER TYPE` would take a domain too, but
/// `ALTER DOMAIN` says what it is). `None` for a kind that has no owner of its own
/// (`Catalog::has_own_owner`).
pub fn alter(
    id: &ObjectId,
    function_kind: FunctionKind,
    domain: bool,
    role: Option<&str>,
) -> Option<String> {
    let target = match id {
        ObjectId::Schema { name } => format!("SCHEMA {}", quote_ident(name)),
        ObjectId::Collation { name } => format!("COLLATION {name}"),
        ObjectId::Type { name } if domain => format!("DOMAIN {name}"),
        ObjectId::Type { name } => format!("TYPE {name}"),
        ObjectId::Sequence { name } => format!("SEQUENCE {name}"),
        ObjectId::Table { name } => format!("TABLE {name}"),
        ObjectId::View { name } => format!("VIEW {name}"),
        ObjectId::MaterializedView { name } => format!("MATERIALIZED VIEW {name}"),
        ObjectId::Function { id } => {
            format!(
                "{} {}",
                keyword(function_kind),
                signature(id, function_kind)
            )
        }
        ObjectId::Statistics { name, .. } => format!("STATISTICS {name}"),
        ObjectId::Publication { name } => format!("PUBLICATION {}", quote_ident(name)),
        ObjectId::EventTrigger { name } => format!("EVENT TRIGGER {}", quote_ident(name)),
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
        | ObjectId::AccessMethod { .. } => return None,
    };
    let role = role.map_or_else(|| "CURRENT_USER".to_string(), quote_ident);
    Some(format!("ALTER {target} OWNER TO {role}"))
}

/// Give `sequence` to whoever owns `table` when the statement runs: `OWNED BY` needs the
/// two to have one owner, and which role owns the table then depends on where the step falls
/// among the plan's owner changes (`--owners`), so the server is asked.
pub fn sequence_follows_table(sequence: &QualifiedName, table: &QualifiedName) -> String {
    format!(
        "DO $owner$BEGIN EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', {}, \
         (SELECT pg_catalog.pg_get_userbyid(relowner) FROM pg_catalog.pg_class \
         WHERE oid = {}::regclass)); END$owner$",
        quote_literal(&sequence.to_string()),
        quote_literal(&table.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FunctionId;

    #[test]
    fn owner_statements() {
        let q = |n: &str| QualifiedName::new("app", n);
        let f = ObjectId::Function {
            id: FunctionId {
                schema: "app".into(),
                name: "total".into(),
                args: String::new(),
            },
        };
        let kind = FunctionKind::Function;
        assert_eq!(
            alter(
                &ObjectId::Table { name: q("t") },
                kind,
                false,
                Some("App Owner")
            )
            .unwrap(),
            "ALTER TABLE app.t OWNER TO \"App Owner\""
        );
        assert_eq!(
            alter(&ObjectId::Type { name: q("d") }, kind, true, None).unwrap(),
            "ALTER DOMAIN app.d OWNER TO CURRENT_USER"
        );
        assert_eq!(
            alter(&f, FunctionKind::Aggregate, false, Some("x")).unwrap(),
            "ALTER AGGREGATE app.total(*) OWNER TO x"
        );
        let index = ObjectId::Index {
            table: q("t"),
            name: "i".into(),
        };
        assert_eq!(alter(&index, kind, false, Some("x")), None);
        assert_eq!(
            sequence_follows_table(&q("it's"), &q("T")),
            "DO $owner$BEGIN EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', 'app.\"it''s\"', \
             (SELECT pg_catalog.pg_get_userbyid(relowner) FROM pg_catalog.pg_class \
             WHERE oid = 'app.\"T\"'::regclass)); END$owner$"
        );
    }
}
