//! Table columns: their definition inside CREATE TABLE / ADD COLUMN, and every ALTER COLUMN.

use super::sequence::SeqOptions;
use crate::model::{Column, IdentityOptions, QualifiedName, quote_ident};

fn generated_when(always: bool) -> &'static str {
    if always { "ALWAYS" } else { "BY DEFAULT" }
}

/// `GENERATED ALWAYS AS IDENTITY ([SEQUENCE NAME s] START WITH ...)`. No `AS type`: the
/// identity sequence always takes the column's type, and PostgreSQL rejects a second type.
pub fn identity_clause(identity: &IdentityOptions) -> String {
    let name = identity
        .sequence
        .as_ref()
        .map(|s| format!("SEQUENCE NAME {s} "))
        .unwrap_or_default();
    format!(
        "GENERATED {} AS IDENTITY ({name}{})",
        generated_when(identity.always),
        SeqOptions::from(identity).clauses()
    )
}

/// `name type [COLLATE c] [GENERATED ... | DEFAULT e] [NOT NULL]`
pub fn definition(c: &Column) -> String {
    let mut sql = format!("{} {}", quote_ident(&c.name), c.type_name);
    if let Some(coll) = &c.collation {
        sql.push_str(&format!(" COLLATE {coll}"));
    }
    if let Some(expr) = &c.generated {
        sql.push_str(&format!(" GENERATED ALWAYS AS ({expr}) STORED"));
    } else if let Some(identity) = &c.identity {
        sql.push(' ');
        sql.push_str(&identity_clause(identity));
    } else if let Some(default) = &c.default {
        sql.push_str(&format!(" DEFAULT {default}"));
    }
    if c.not_null {
        // A name only where it is not the default (PostgreSQL 18+, which names NOT NULL).
        if let Some(name) = &c.not_null_name {
            sql.push_str(&format!(" CONSTRAINT {}", quote_ident(name)));
        }
        sql.push_str(" NOT NULL");
    }
    sql
}

fn alter_column(table: &QualifiedName, column: &str, action: impl std::fmt::Display) -> String {
    format!(
        "ALTER TABLE {table} ALTER COLUMN {} {action}",
        quote_ident(column)
    )
}

/// `ALTER TABLE t ADD COLUMN <definition>`
pub fn add(table: &QualifiedName, c: &Column) -> String {
    format!("ALTER TABLE {table} ADD COLUMN {}", definition(c))
}

/// `ALTER TABLE t DROP COLUMN c`
pub fn drop(table: &QualifiedName, column: &str) -> String {
    format!("ALTER TABLE {table} DROP COLUMN {}", quote_ident(column))
}

/// `ALTER TABLE t ALTER COLUMN c TYPE type [COLLATE x] USING c::type`
pub fn alter_type(
    table: &QualifiedName,
    column: &str,
    type_name: &str,
    collation: Option<&QualifiedName>,
) -> String {
    alter_type_via(table, column, type_name, collation, None)
}

/// `ALTER TABLE t ALTER COLUMN c TYPE type [COLLATE c] USING c[::via]::type`: `via` is an
/// intermediate type for conversions PostgreSQL has no direct cast for (`text` into an enum).
pub fn alter_type_via(
    table: &QualifiedName,
    column: &str,
    type_name: &str,
    collation: Option<&QualifiedName>,
    via: Option<&str>,
) -> String {
    let col = quote_ident(column);
    let collate = collation.map_or(String::new(), |c| format!(" COLLATE {c}"));
    let via = via.map_or(String::new(), |v| format!("::{v}"));
    alter_column(
        table,
        column,
        format_args!("TYPE {type_name}{collate} USING {col}{via}::{type_name}"),
    )
}

/// `ALTER TABLE t ALTER COLUMN c SET DEFAULT expr`
pub fn set_default(table: &QualifiedName, column: &str, default: &str) -> String {
    alter_column(table, column, format_args!("SET DEFAULT {default}"))
}

/// `ALTER TABLE t ALTER COLUMN c DROP DEFAULT`
pub fn drop_default(table: &QualifiedName, column: &str) -> String {
    alter_column(table, column, "DROP DEFAULT")
}

/// `ALTER TABLE t ALTER COLUMN c SET STORAGE plain|external|extended|main`
pub fn set_storage(table: &QualifiedName, column: &str, storage: &str) -> String {
    alter_column(table, column, format_args!("SET STORAGE {storage}"))
}

/// `ALTER TABLE t ALTER COLUMN c SET COMPRESSION method|DEFAULT`
pub fn set_compression(table: &QualifiedName, column: &str, method: Option<&str>) -> String {
    alter_column(
        table,
        column,
        format_args!("SET COMPRESSION {}", method.unwrap_or("DEFAULT")),
    )
}

/// The `SET STORAGE` / `SET COMPRESSION` statements that take a column from `from`'s
/// storage and compression to `to`'s (none when they agree).
pub fn storage_changes(table: &QualifiedName, from: &Column, to: &Column) -> Vec<String> {
    let mut out = Vec::new();
    if from.storage != to.storage {
        let value = match (&to.storage, &from.storage) {
            (Some(s), _) => &s.value,
            (None, Some(f)) => &f.type_default,
            (None, None) => unreachable!("they differ"),
        };
        out.push(set_storage(table, &to.name, value));
    }
    if from.compression != to.compression {
        out.push(set_compression(table, &to.name, to.compression.as_deref()));
    }
    out
}

/// `ALTER TABLE t ALTER COLUMN c SET NOT NULL`
pub fn set_not_null(table: &QualifiedName, column: &str) -> String {
    alter_column(table, column, "SET NOT NULL")
}

/// SET NOT NULL under a constraint name of the state's own where it has one (PostgreSQL
/// 18+, the only servers where the model holds one): `ADD CONSTRAINT name NOT NULL c`.
pub fn set_not_null_named(table: &QualifiedName, column: &str, name: Option<&str>) -> String {
    match name {
        Some(name) => format!(
            "ALTER TABLE {table} ADD CONSTRAINT {} NOT NULL {}",
            quote_ident(name),
            quote_ident(column)
        ),
        None => set_not_null(table, column),
    }
}

/// The tag of the temporary `CHECK (c IS NOT NULL) NOT VALID` that proves NOT NULL before
/// SET NOT NULL (its name ends with it). Not `not_null`: PostgreSQL 18 names a column's own
/// NOT NULL constraint `<table>_<column>_not_null`, so SET NOT NULL next to a check of that
/// name picked `..._not_null1`, and the migrated column's constraint differed from that of a
/// column created NOT NULL.
pub const NOT_NULL_CHECK_TAG: &str = "not_null_check";

/// The name of that temporary check on `table.column` (at most 63 bytes).
pub fn not_null_check_name(table: &QualifiedName, column: &str) -> String {
    super::temp_name(&format!("{}_{column}", table.name), NOT_NULL_CHECK_TAG)
}

/// `ALTER TABLE t ALTER COLUMN c DROP NOT NULL`
pub fn drop_not_null(table: &QualifiedName, column: &str) -> String {
    alter_column(table, column, "DROP NOT NULL")
}

/// `ALTER TABLE t ALTER COLUMN c ADD GENERATED ... AS IDENTITY (...)`
pub fn add_identity(table: &QualifiedName, column: &str, identity: &IdentityOptions) -> String {
    alter_column(
        table,
        column,
        format_args!("ADD {}", identity_clause(identity)),
    )
}

/// `ALTER TABLE t ALTER COLUMN c SET GENERATED ALWAYS SET START WITH ... SET NO CYCLE`:
/// every identity option at once (each `SET` is cheap; writing all keeps it exact).
pub fn set_identity(table: &QualifiedName, column: &str, identity: &IdentityOptions) -> String {
    let o = SeqOptions::from(identity);
    alter_column(
        table,
        column,
        format_args!(
            "SET GENERATED {} SET START WITH {} SET INCREMENT BY {} SET {} SET {} SET CACHE {} SET {}",
            generated_when(identity.always),
            o.start,
            o.increment,
            o.min_clause(),
            o.max_clause(),
            o.cache,
            o.cycle_clause()
        ),
    )
}

/// `ALTER TABLE t ALTER COLUMN c DROP IDENTITY`
pub fn drop_identity(table: &QualifiedName, column: &str) -> String {
    alter_column(table, column, "DROP IDENTITY")
}

/// `ALTER TABLE t ALTER COLUMN c DROP EXPRESSION` (a generated column becomes a plain one).
pub fn drop_expression(table: &QualifiedName, column: &str) -> String {
    alter_column(table, column, "DROP EXPRESSION")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn column_statements() {
        let t = fixtures::orders();
        let n = &t.name;
        let mut lines: Vec<String> = t.columns.iter().map(definition).collect();
        let id = t.column("id").and_then(|c| c.identity.as_ref());
        let ident = fixtures::identity();
        lines.extend([
            add(n, &t.columns[2]),
            drop(n, "Note"),
            alter_type(n, "qty", "bigint", None),
            alter_type(
                n,
                "Note",
                "character varying(200)",
                Some(&QualifiedName::new("pg_catalog", "C")),
            ),
            set_default(n, "qty", "1"),
            drop_default(n, "qty"),
            set_not_null(n, "Note"),
            drop_not_null(n, "Note"),
            add_identity(n, "id", id.unwrap_or(&ident)),
            set_identity(n, "id", &ident),
            drop_identity(n, "id"),
            drop_expression(n, "total"),
        ]);
        snap!("column", lines.join("\n"));
    }
}
