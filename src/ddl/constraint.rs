//! Table constraints, always written from pg_get_constraintdef's `definition`.

use super::DdlError;
use crate::model::{Constraint, ConstraintKind, QualifiedName, quote_ident};

/// The SQL name of a constraint kind, for messages.
pub fn kind_name(kind: ConstraintKind) -> &'static str {
    match kind {
        ConstraintKind::PrimaryKey => "PRIMARY KEY",
        ConstraintKind::Unique => "UNIQUE",
        ConstraintKind::Check => "CHECK",
        ConstraintKind::ForeignKey => "FOREIGN KEY",
        ConstraintKind::Exclude => "EXCLUDE",
    }
}

/// `ALTER TABLE t ADD CONSTRAINT name <definition>` (the definition already carries
/// DEFERRABLE, NO INHERIT and, for an unvalidated constraint, NOT VALID).
pub fn add(table: &QualifiedName, c: &Constraint) -> String {
    format!(
        "ALTER TABLE {table} ADD CONSTRAINT {} {}",
        quote_ident(&c.name),
        c.definition
    )
}

/// The same constraint added `NOT VALID`: existing rows are not checked, so only a
/// SHARE ROW EXCLUSIVE lock is held briefly; [`validate`] does the scan later.
pub fn add_not_valid(table: &QualifiedName, c: &Constraint) -> Result<String, DdlError> {
    if !matches!(c.kind, ConstraintKind::Check | ConstraintKind::ForeignKey) {
        return Err(DdlError::NotValidUnsupported {
            name: c.name.clone(),
            kind: kind_name(c.kind).to_string(),
        });
    }
    let sql = add(table, c);
    Ok(if sql.ends_with(" NOT VALID") {
        sql
    } else {
        format!("{sql} NOT VALID")
    })
}

/// `ALTER TABLE t DROP CONSTRAINT name`
pub fn drop(table: &QualifiedName, name: &str) -> String {
    format!("ALTER TABLE {table} DROP CONSTRAINT {}", quote_ident(name))
}

/// `ALTER TABLE t VALIDATE CONSTRAINT name`
pub fn validate(table: &QualifiedName, name: &str) -> String {
    format!(
        "ALTER TABLE {table} VALIDATE CONSTRAINT {}",
        quote_ident(name)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn constraint_statements() {
        let c = fixtures::catalog();
        let items = &c.tables[&QualifiedName::new("public", "Order Items")];
        let orders = &c.tables[&QualifiedName::new("public", "orders")];
        let mut out: Vec<String> = items
            .constraints
            .values()
            .map(|k| add(&items.name, k))
            .chain(orders.constraints.values().map(|k| add(&orders.name, k)))
            .collect();
        for k in items.constraints.values() {
            match add_not_valid(&items.name, k) {
                Ok(sql) => out.push(sql),
                Err(e) => out.push(format!("error: {e}")),
            }
        }
        out.push(drop(&items.name, "Order Items_pkey"));
        out.push(validate(&items.name, "order_items_order_fk"));
        snap!("constraint", out.join("\n"));
    }
}
