//! An identity column's sequence: its options and its name.

use super::ident::QualifiedName;
use serde::{Deserialize, Serialize};

/// Options of an identity column's sequence (the sequence itself is not listed separately).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityOptions {
    /// `ALWAYS` (true) or `BY DEFAULT` (false).
    pub always: bool,
    pub data_type: String,
    pub start: i64,
    pub increment: i64,
    pub min_value: i64,
    pub max_value: i64,
    pub cache: i64,
    pub cycle: bool,
    /// The sequence's name where it is not the one PostgreSQL gives a new identity
    /// ([`IdentityOptions::default_sequence`]): a table renamed keeps its sequence's old
    /// name, and `pg_dump` writes `SEQUENCE NAME` for it. Absent from the JSON when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<QualifiedName>,
}

impl IdentityOptions {
    /// The name PostgreSQL gives the identity sequence of `table.column` when none is named
    /// and nothing else holds it: `makeObjectName(table, column, "seq")`, which shortens the
    /// longer of the two names until the whole fits in 63 bytes (at a character boundary).
    pub fn default_sequence(table: &QualifiedName, column: &str) -> QualifiedName {
        QualifiedName::new(
            table.schema.clone(),
            make_object_name(&table.name, column, "seq"),
        )
    }

    /// The identity sequence's name: the one recorded, or the default.
    pub fn sequence_name(&self, table: &QualifiedName, column: &str) -> QualifiedName {
        self.sequence
            .clone()
            .unwrap_or_else(|| Self::default_sequence(table, column))
    }
}

/// PostgreSQL's `makeObjectName(name1, name2, label)`: `name1_name2_label`, the longer of
/// the two names shortened (at a character boundary) until the whole fits in 63 bytes.
pub fn make_object_name(name1: &str, name2: &str, label: &str) -> String {
    let available = 63 - 2 - label.len();
    let (mut a, mut b) = (name1.len(), name2.len());
    while a + b > available {
        if a > b {
            a -= 1;
        } else {
            b -= 1;
        }
    }
    let clip = |s: &str, mut n: usize| {
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    format!("{}_{}_{label}", clip(name1, a), clip(name2, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names PostgreSQL 15 gave (`pg_get_serial_sequence`).
    #[test]
    fn default_names_are_shortened_as_postgres_does() {
        let t = QualifiedName::new("public", "a".repeat(60));
        assert_eq!(
            IdentityOptions::default_sequence(&t, &"b".repeat(20)).name,
            format!("{}_{}_seq", "a".repeat(38), "b".repeat(20))
        );
        // 31 two-byte characters (the 63-byte table name) and one: cut at a boundary.
        let t = QualifiedName::new("s", "é".repeat(31));
        let s = IdentityOptions::default_sequence(&t, "ü");
        assert_eq!(s.name, format!("{}_ü_seq", "é".repeat(28)));
        assert_eq!(s.schema, "s");
        let t = QualifiedName::new("public", "orders");
        assert_eq!(
            IdentityOptions::default_sequence(&t, "id").name,
            "orders_id_seq"
        );
    }
}
