//! Sequences, and the sequence option list shared with identity columns.

use crate::model::{IdentityOptions, QualifiedName, Sequence, quote_ident};

/// The numeric options of a sequence or an identity column's sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SeqOptions<'a> {
    pub data_type: &'a str,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
}

impl<'a> From<&'a Sequence> for SeqOptions<'a> {
    fn from(s: &'a Sequence) -> Self {
        Self {
            data_type: &s.data_type,
            start: s.start,
            increment: s.increment,
            min_value: s.min_value,
            max_value: s.max_value,
            cache: s.cache,
            cycle: s.cycle,
        }
    }
}

impl<'a> From<&'a IdentityOptions> for SeqOptions<'a> {
    fn from(s: &'a IdentityOptions) -> Self {
        Self {
            data_type: &s.data_type,
            start: s.start,
            increment: s.increment,
            min_value: s.min_value,
            max_value: s.max_value,
            cache: s.cache,
            cycle: s.cycle,
        }
    }
}

fn type_bounds(data_type: &str) -> (i64, i64) {
    match data_type {
        "smallint" => (i16::MIN.into(), i16::MAX.into()),
        "integer" => (i32::MIN.into(), i32::MAX.into()),
        _ => (i64::MIN, i64::MAX),
    }
}

impl SeqOptions<'_> {
    /// PostgreSQL's implicit MINVALUE for this type and direction.
    pub fn default_min(&self) -> i64 {
        if self.increment > 0 {
            1
        } else {
            type_bounds(self.data_type).0
        }
    }

    /// PostgreSQL's implicit MAXVALUE for this type and direction.
    pub fn default_max(&self) -> i64 {
        if self.increment > 0 {
            type_bounds(self.data_type).1
        } else {
            -1
        }
    }

    /// `MINVALUE n`, or `NO MINVALUE` when it is the implicit value (as pg_dump writes it).
    pub fn min_clause(&self) -> String {
        if self.min_value == self.default_min() {
            "NO MINVALUE".into()
        } else {
            format!("MINVALUE {}", self.min_value)
        }
    }

    /// `MAXVALUE n`, or `NO MAXVALUE` when it is the implicit value.
    pub fn max_clause(&self) -> String {
        if self.max_value == self.default_max() {
            "NO MAXVALUE".into()
        } else {
            format!("MAXVALUE {}", self.max_value)
        }
    }

    pub fn cycle_clause(&self) -> &'static str {
        if self.cycle { "CYCLE" } else { "NO CYCLE" }
    }

    /// Every option but the type: `START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE
    /// CACHE 1 NO CYCLE`. All are written so the result never depends on server defaults.
    pub fn clauses(&self) -> String {
        format!(
            "START WITH {} INCREMENT BY {} {} {} CACHE {} {}",
            self.start,
            self.increment,
            self.min_clause(),
            self.max_clause(),
            self.cache,
            self.cycle_clause()
        )
    }
}

/// `CREATE SEQUENCE name AS type START WITH .. INCREMENT BY .. MIN/MAX .. CACHE .. [NO] CYCLE`.
/// OWNED BY is separate ([`owned_by`]): it needs the table, which needs the sequence.
pub fn create(s: &Sequence) -> String {
    let o = SeqOptions::from(s);
    format!(
        "CREATE SEQUENCE {} AS {} {}",
        s.name,
        s.data_type,
        o.clauses()
    )
}

/// `nextval('schema.name'::regclass)`: a column default drawing from the sequence, as the
/// catalog prints it (read with an empty search_path).
pub fn nextval_default(name: &QualifiedName) -> String {
    format!(
        "nextval({}::regclass)",
        crate::model::quote_literal(&name.to_string())
    )
}

/// `DROP SEQUENCE name`
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP SEQUENCE {name}")
}

fn alter(name: &QualifiedName, clause: impl std::fmt::Display) -> String {
    format!("ALTER SEQUENCE {name} {clause}")
}

/// `ALTER SEQUENCE from RENAME TO name`, when the name differs (an identity sequence, which
/// has no CREATE of its own and stays in its table's schema).
pub fn rename(from: &QualifiedName, name: &str) -> Option<String> {
    (from.name != name).then(|| alter(from, format_args!("RENAME TO {}", quote_ident(name))))
}

/// `ALTER SEQUENCE name AS type`
pub fn set_type(name: &QualifiedName, data_type: &str) -> String {
    alter(name, format_args!("AS {data_type}"))
}

/// `ALTER SEQUENCE name START WITH n` (the value RESTART goes back to; not the current value).
pub fn set_start(name: &QualifiedName, start: i64) -> String {
    alter(name, format_args!("START WITH {start}"))
}

/// `ALTER SEQUENCE name INCREMENT BY n`
pub fn set_increment(name: &QualifiedName, increment: i64) -> String {
    alter(name, format_args!("INCREMENT BY {increment}"))
}

/// One `ALTER SEQUENCE` with every option that differs between `from` and `to` (PostgreSQL
/// checks START against MINVALUE/MAXVALUE on the combined result, so they go together).
/// `None` when no option differs.
pub fn alter_options(from: &Sequence, to: &Sequence) -> Option<String> {
    let mut clauses = Vec::new();
    if from.data_type != to.data_type {
        clauses.push(format!("AS {}", to.data_type));
    }
    if from.increment != to.increment {
        clauses.push(format!("INCREMENT BY {}", to.increment));
    }
    // Bounds are written out even when they equal the new type's defaults: a type change
    // would otherwise keep an old explicit bound.
    if from.min_value != to.min_value || from.data_type != to.data_type {
        clauses.push(format!("MINVALUE {}", to.min_value));
    }
    if from.max_value != to.max_value || from.data_type != to.data_type {
        clauses.push(format!("MAXVALUE {}", to.max_value));
    }
    if from.start != to.start {
        clauses.push(format!("START WITH {}", to.start));
    }
    if from.cache != to.cache {
        clauses.push(format!("CACHE {}", to.cache));
    }
    if from.cycle != to.cycle {
        clauses.push(if to.cycle {
            "CYCLE".to_string()
        } else {
            "NO CYCLE".to_string()
        });
    }
    (!clauses.is_empty()).then(|| format!("ALTER SEQUENCE {} {}", to.name, clauses.join(" ")))
}

/// `ALTER SEQUENCE name MINVALUE n`
pub fn set_min_value(name: &QualifiedName, min_value: i64) -> String {
    alter(name, format_args!("MINVALUE {min_value}"))
}

/// `ALTER SEQUENCE name MAXVALUE n`
pub fn set_max_value(name: &QualifiedName, max_value: i64) -> String {
    alter(name, format_args!("MAXVALUE {max_value}"))
}

/// `ALTER SEQUENCE name CACHE n`
pub fn set_cache(name: &QualifiedName, cache: i64) -> String {
    alter(name, format_args!("CACHE {cache}"))
}

/// `ALTER SEQUENCE name [NO] CYCLE`
pub fn set_cycle(name: &QualifiedName, cycle: bool) -> String {
    alter(name, if cycle { "CYCLE" } else { "NO CYCLE" })
}

/// `ALTER SEQUENCE name OWNED BY table.column` or `OWNED BY NONE`.
pub fn owned_by(name: &QualifiedName, owner: Option<(&QualifiedName, &str)>) -> String {
    match owner {
        Some((table, column)) => alter(
            name,
            format_args!("OWNED BY {table}.{}", quote_ident(column)),
        ),
        None => alter(name, "OWNED BY NONE"),
    }
}

/// Before MINVALUE is raised to `min`: move the sequence (an SQL expression giving its
/// regclass) up to `min` when its current value is below it, so that the ALTER does not fail
/// with "RESTART value cannot be less than MINVALUE". `start` is its value when never used.
/// Values only move up, so no number is handed out twice.
pub fn raise_to_min(sequence: &str, start: i64, min: i64) -> String {
    format!(
        "SELECT setval(s, {min}, false) FROM (SELECT ({sequence})::regclass AS s) AS seq WHERE coalesce(pg_sequence_last_value(s), {start}) < {min}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn sequence_statements() {
        let serial = fixtures::serial_sequence();
        let mut odd = fixtures::serial_sequence();
        odd.name = QualifiedName::new("app", "Countdown");
        odd.data_type = "smallint".into();
        odd.increment = -2;
        odd.start = 100;
        odd.min_value = -10;
        odd.max_value = 100;
        odd.cache = 20;
        odd.cycle = true;
        let mut desc_default = odd.clone();
        desc_default.min_value = i16::MIN.into();
        desc_default.max_value = -1;
        desc_default.start = -1;
        let n = &serial.name;
        snap!(
            "sequence",
            [
                create(&serial),
                create(&odd),
                create(&desc_default),
                drop(n),
                set_type(n, "bigint"),
                set_start(n, 10),
                set_increment(n, 5),
                set_min_value(n, -9223372036854775808),
                set_max_value(n, 1000),
                set_cache(n, 10),
                set_cycle(n, true),
                set_cycle(n, false),
                owned_by(n, Some((&QualifiedName::new("public", "Orders"), "id"))),
                owned_by(n, None),
            ]
            .join("\n")
        );
    }
}
