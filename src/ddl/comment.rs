//! `COMMENT ON <kind> <name> IS '...' | NULL` for every kind of object.

use super::{
    function::{keyword, signature},
    sibling,
};
use crate::model::{FunctionId, FunctionKind, ObjectId, QualifiedName, quote_ident, quote_literal};

fn text(comment: Option<&str>) -> String {
    comment.map_or_else(|| "NULL".to_string(), quote_literal)
}

/// `COMMENT ON ... IS ...` for any object id. A function id does not say whether it is a
/// function or a procedure, so it is written as `ROUTINE` (valid for both); a type id as
/// `TYPE` (valid for domains too). Use [`function`] / [`domain`] for the exact keyword.
pub fn on(id: &ObjectId, comment: Option<&str>) -> String {
    let target = match id {
        ObjectId::Schema { name } => format!("SCHEMA {}", quote_ident(name)),
        ObjectId::Extension { name } => format!("EXTENSION {}", quote_ident(name)),
        ObjectId::Collation { name } => format!("COLLATION {name}"),
        ObjectId::Type { name } => format!("TYPE {name}"),
        ObjectId::Sequence { name } => format!("SEQUENCE {name}"),
        ObjectId::Table { name } => format!("TABLE {name}"),
        ObjectId::View { name } => format!("VIEW {name}"),
        ObjectId::MaterializedView { name } => format!("MATERIALIZED VIEW {name}"),
        ObjectId::Column { table, column } => format!("COLUMN {table}.{}", quote_ident(column)),
        ObjectId::Function { id } => format!("ROUTINE {id}"),
        ObjectId::Index { table, name } => format!("INDEX {}", sibling(table, name)),
        ObjectId::Constraint { table, name } => {
            format!("CONSTRAINT {} ON {table}", quote_ident(name))
        }
        ObjectId::DomainConstraint { domain, name } => {
            format!("CONSTRAINT {} ON DOMAIN {domain}", quote_ident(name))
        }
        ObjectId::Trigger { table, name } => format!("TRIGGER {} ON {table}", quote_ident(name)),
        ObjectId::Policy { table, name } => format!("POLICY {} ON {table}", quote_ident(name)),
        ObjectId::Statistics { name, .. } => format!("STATISTICS {name}"),
        ObjectId::Rule { table, name } => format!("RULE {} ON {table}", quote_ident(name)),
        ObjectId::Publication { name } => format!("PUBLICATION {}", quote_ident(name)),
        ObjectId::EventTrigger { name } => format!("EVENT TRIGGER {}", quote_ident(name)),
        ObjectId::AccessMethod { name } => format!("ACCESS METHOD {}", quote_ident(name)),
        // The model holds no comment for them, so the diff never asks.
        ObjectId::DefaultPrivileges { .. } => unreachable!("default privileges take no comment"),
    };
    format!("COMMENT ON {target} IS {}", text(comment))
}

/// `COMMENT ON FUNCTION|PROCEDURE|AGGREGATE schema.name(args) IS ...`
pub fn function(id: &FunctionId, kind: FunctionKind, comment: Option<&str>) -> String {
    format!(
        "COMMENT ON {} {} IS {}",
        keyword(kind),
        signature(id, kind),
        text(comment)
    )
}

/// `COMMENT ON DOMAIN name IS ...`
pub fn domain(name: &QualifiedName, comment: Option<&str>) -> String {
    format!("COMMENT ON DOMAIN {name} IS {}", text(comment))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::snap;

    #[test]
    fn comment_statements() {
        let t = QualifiedName::new("public", "Order Items");
        let f = FunctionId {
            schema: "public".into(),
            name: "total".into(),
            args: "integer, public.mood".into(),
        };
        let ids = [
            ObjectId::Schema { name: "app".into() },
            ObjectId::Extension {
                name: "pg_trgm".into(),
            },
            ObjectId::Type {
                name: QualifiedName::new("public", "mood"),
            },
            ObjectId::Sequence {
                name: QualifiedName::new("public", "orders_id_seq"),
            },
            ObjectId::Table { name: t.clone() },
            ObjectId::View {
                name: QualifiedName::new("public", "v"),
            },
            ObjectId::MaterializedView {
                name: QualifiedName::new("public", "mv"),
            },
            ObjectId::Column {
                table: t.clone(),
                column: "Qty".into(),
            },
            ObjectId::Function { id: f.clone() },
            ObjectId::Index {
                table: t.clone(),
                name: "items_idx".into(),
            },
            ObjectId::Constraint {
                table: t.clone(),
                name: "qty_positive".into(),
            },
            ObjectId::DomainConstraint {
                domain: QualifiedName::new("public", "price"),
                name: "positive".into(),
            },
            ObjectId::Trigger {
                table: t.clone(),
                name: "trg".into(),
            },
            ObjectId::Policy {
                table: t.clone(),
                name: "owner only".into(),
            },
            ObjectId::Statistics {
                table: t.clone(),
                name: QualifiedName::new("My Schema", "Stats ünd"),
            },
            ObjectId::Rule {
                table: t.clone(),
                name: "no delete".into(),
            },
        ];
        let mut out: Vec<String> = ids.iter().map(|id| on(id, Some("it's here"))).collect();
        out.push(on(&ids[0], None));
        out.push(function(&f, FunctionKind::Function, Some("sums")));
        out.push(function(&f, FunctionKind::Procedure, None));
        out.push(function(&f, FunctionKind::Aggregate, Some("sums")));
        let star = FunctionId {
            args: String::new(),
            ..f.clone()
        };
        out.push(function(&star, FunctionKind::Aggregate, None));
        out.push(domain(
            &QualifiedName::new("public", "price"),
            Some("money"),
        ));
        snap!("comment", out.join("\n"));
    }
}
