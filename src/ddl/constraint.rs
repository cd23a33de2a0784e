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

/// A primary key or unique constraint split in two, so that the index is not built under
/// the table lock: `CREATE UNIQUE INDEX CONCURRENTLY name ON t (...)` and then
/// `ALTER TABLE t ADD CONSTRAINT name <kind> USING INDEX name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsingIndex {
    pub create_index: String,
    pub add_constraint: String,
}

/// [`UsingIndex`] for a constraint whose definition has only the parts an index can carry
/// (columns, NULLS NOT DISTINCT, INCLUDE, WITH, USING INDEX TABLESPACE, DEFERRABLE);
/// `None` for anything else (an EXCLUDE constraint, an unexpected definition).
pub fn using_index(table: &QualifiedName, c: &Constraint) -> Option<UsingIndex> {
    let keyword = match c.kind {
        ConstraintKind::PrimaryKey => "PRIMARY KEY",
        ConstraintKind::Unique => "UNIQUE",
        _ => return None,
    };
    let mut rest = c.definition.strip_prefix(keyword)?.trim_start();
    let nulls_not_distinct = match rest.strip_prefix("NULLS NOT DISTINCT ") {
        Some(r) => {
            rest = r;
            true
        }
        None => false,
    };
    let (columns, r) = parenthesized(rest)?;
    rest = r.trim_start();
    let mut include = None;
    if let Some(r) = rest.strip_prefix("INCLUDE ") {
        let (cols, r) = parenthesized(r)?;
        include = Some(cols);
        rest = r.trim_start();
    }
    let mut with = None;
    if let Some(r) = rest.strip_prefix("WITH ") {
        let (opts, r) = parenthesized(r)?;
        with = Some(opts);
        rest = r.trim_start();
    }
    let mut tablespace = None;
    if let Some(r) = rest.strip_prefix("USING INDEX TABLESPACE ") {
        let end = r.find(' ').unwrap_or(r.len());
        tablespace = Some(&r[..end]);
        rest = r[end..].trim_start();
    }
    let deferral = match rest {
        "" => "",
        "DEFERRABLE" => " DEFERRABLE",
        "DEFERRABLE INITIALLY DEFERRED" => " DEFERRABLE INITIALLY DEFERRED",
        _ => return None,
    };
    let name = quote_ident(&c.name);
    let mut create = format!("CREATE UNIQUE INDEX CONCURRENTLY {name} ON {table} {columns}");
    if let Some(i) = include {
        create.push_str(&format!(" INCLUDE {i}"));
    }
    if nulls_not_distinct {
        create.push_str(" NULLS NOT DISTINCT");
    }
    if let Some(w) = with {
        create.push_str(&format!(" WITH {w}"));
    }
    if let Some(t) = tablespace {
        create.push_str(&format!(" TABLESPACE {t}"));
    }
    Some(UsingIndex {
        create_index: create,
        add_constraint: format!(
            "ALTER TABLE {table} ADD CONSTRAINT {name} {keyword} USING INDEX {name}{deferral}"
        ),
    })
}

/// `(...)` at the start of `s` (quotes and nesting respected) and what follows it.
fn parenthesized(s: &str) -> Option<(&str, &str)> {
    if !s.starts_with('(') {
        return None;
    }
    let (mut depth, mut quoted) = (0usize, None::<char>);
    for (i, ch) in s.char_indices() {
        match (quoted, ch) {
            (Some(q), c) if c == q => quoted = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quoted = Some(ch),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[..=i], &s[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// `ALTER TABLE t RENAME CONSTRAINT from TO to`
pub fn rename(table: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "ALTER TABLE {table} RENAME CONSTRAINT {} TO {}",
        quote_ident(from),
        quote_ident(to)
    )
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
        for k in items.constraints.values() {
            if let Some(u) = using_index(&items.name, k) {
                out.push(u.create_index);
                out.push(u.add_constraint);
            }
        }
        out.push(drop(&items.name, "Order Items_pkey"));
        out.push(validate(&items.name, "order_items_order_fk"));
        snap!("constraint", out.join("\n"));
    }
}

#[cfg(test)]
mod using_index_tests {
    use super::*;

    fn unique(definition: &str) -> Constraint {
        Constraint {
            name: "u".into(),
            kind: ConstraintKind::Unique,
            definition: definition.into(),
            ..crate::model::testing::pk("u", "a")
        }
    }

    #[test]
    fn every_part_an_index_can_carry() {
        let t = QualifiedName::new("public", "t");
        let u = using_index(
            &t,
            &unique("UNIQUE NULLS NOT DISTINCT (a, \"b)c\") INCLUDE (d) WITH (fillfactor='70') DEFERRABLE INITIALLY DEFERRED"),
        )
        .unwrap();
        assert_eq!(
            u.create_index,
            "CREATE UNIQUE INDEX CONCURRENTLY u ON public.t (a, \"b)c\") INCLUDE (d) NULLS NOT DISTINCT WITH (fillfactor='70')"
        );
        assert_eq!(
            u.add_constraint,
            "ALTER TABLE public.t ADD CONSTRAINT u UNIQUE USING INDEX u DEFERRABLE INITIALLY DEFERRED"
        );
    }

    #[test]
    fn unknown_parts_are_not_guessed() {
        let t = QualifiedName::new("public", "t");
        assert!(using_index(&t, &unique("UNIQUE (a) SOMETHING NEW")).is_none());
        let mut exclude = unique("EXCLUDE USING gist (a WITH &&)");
        exclude.kind = ConstraintKind::Exclude;
        assert!(using_index(&t, &exclude).is_none());
    }
}
