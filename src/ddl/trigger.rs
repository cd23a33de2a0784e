//! Triggers, written from pg_get_triggerdef's `definition`.

use super::DdlError;
use crate::model::{QualifiedName, Trigger, quote_ident};

/// The definition as is (`CREATE [CONSTRAINT] TRIGGER ...`).
pub fn create(t: &Trigger) -> String {
    t.definition.clone()
}

/// The statement that puts a trigger in its `enabled` state after CREATE TRIGGER (which
/// always leaves it `O`, enabled on origin): `None` for `O`, else `ALTER TABLE t
/// DISABLE TRIGGER n` (`D`), `ENABLE REPLICA TRIGGER n` (`R`), `ENABLE ALWAYS TRIGGER n` (`A`).
pub fn set_enabled(table: &QualifiedName, t: &Trigger) -> Result<Option<String>, DdlError> {
    let action = match t.enabled.as_str() {
        "O" => return Ok(None),
        "D" => "DISABLE",
        "R" => "ENABLE REPLICA",
        "A" => "ENABLE ALWAYS",
        other => {
            return Err(DdlError::UnknownTriggerState {
                name: t.name.clone(),
                state: other.to_string(),
            });
        }
    };
    Ok(Some(format!(
        "ALTER TABLE {table} {action} TRIGGER {}",
        quote_ident(&t.name)
    )))
}

/// `ALTER TABLE t ENABLE TRIGGER n` (back to `O`).
pub fn enable(table: &QualifiedName, name: &str) -> String {
    format!("ALTER TABLE {table} ENABLE TRIGGER {}", quote_ident(name))
}

/// `DROP TRIGGER n ON t`
pub fn drop(table: &QualifiedName, name: &str) -> String {
    format!("DROP TRIGGER {} ON {table}", quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn trigger_statements() {
        let c = fixtures::catalog();
        let t = &c.tables[&QualifiedName::new("public", "orders")];
        let mut out = Vec::new();
        for trg in t.triggers.values() {
            out.push(create(trg));
            for state in ["O", "D", "R", "A", "X"] {
                let trg = Trigger {
                    enabled: state.into(),
                    ..trg.clone()
                };
                out.push(match set_enabled(&t.name, &trg) {
                    Ok(Some(sql)) => sql,
                    Ok(None) => format!("{state}: nothing to do"),
                    Err(e) => format!("error: {e}"),
                });
            }
            out.push(enable(&t.name, &trg.name));
            out.push(drop(&t.name, &trg.name));
        }
        snap!("trigger", out.join("\n"));
    }
}
