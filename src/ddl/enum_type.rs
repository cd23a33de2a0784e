//! Enum types.

use crate::model::{EnumType, QualifiedName, quote_literal};

/// `CREATE TYPE name AS ENUM ('a', 'b')`
pub fn create(e: &EnumType) -> String {
    let labels: Vec<String> = e.values.iter().map(|v| quote_literal(v)).collect();
    format!("CREATE TYPE {} AS ENUM ({})", e.name, labels.join(", "))
}

/// `DROP TYPE name`
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP TYPE {name}")
}

/// Where a new label goes relative to the existing ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position<'a> {
    End,
    Before(&'a str),
    After(&'a str),
}

/// `ALTER TYPE name ADD VALUE 'v' [BEFORE|AFTER 'w']` (cannot run in a transaction block
/// together with uses of the new value before PostgreSQL 12; the planner isolates it).
pub fn add_value(name: &QualifiedName, value: &str, position: Position<'_>) -> String {
    let base = format!("ALTER TYPE {name} ADD VALUE {}", quote_literal(value));
    match position {
        Position::End => base,
        Position::Before(other) => format!("{base} BEFORE {}", quote_literal(other)),
        Position::After(other) => format!("{base} AFTER {}", quote_literal(other)),
    }
}

/// `ALTER TYPE name RENAME VALUE 'old' TO 'new'`
pub fn rename_value(name: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "ALTER TYPE {name} RENAME VALUE {} TO {}",
        quote_literal(from),
        quote_literal(to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn enum_statements() {
        let e = fixtures::mood();
        snap!(
            "enum",
            [
                create(&e),
                drop(&e.name),
                add_value(&e.name, "meh", Position::End),
                add_value(&e.name, "it's fine", Position::Before("happy")),
                add_value(&e.name, "ecstatic", Position::After("happy")),
                rename_value(&e.name, "sad", "blue"),
            ]
            .join("\n")
        );
    }
}
