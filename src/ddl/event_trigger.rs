//! Event triggers: `CREATE EVENT TRIGGER`, `ALTER EVENT TRIGGER ... ENABLE | DISABLE`, `DROP
//! EVENT TRIGGER`.

use crate::model::{EventTrigger, quote_ident, quote_literal};

/// `CREATE EVENT TRIGGER e ON event [WHEN TAG IN (...)] EXECUTE FUNCTION f()`: enabled, as
/// every new event trigger is; [`enable`] sets another state.
pub fn create(e: &EventTrigger) -> String {
    let mut sql = format!(
        "CREATE EVENT TRIGGER {} ON {}",
        quote_ident(&e.name),
        quote_ident(&e.event)
    );
    if !e.tags.is_empty() {
        let tags: Vec<String> = e.tags.iter().map(|t| quote_literal(t)).collect();
        sql.push_str(&format!(" WHEN TAG IN ({})", tags.join(", ")));
    }
    let f = crate::model::QualifiedName::new(e.function.schema.clone(), e.function.name.clone());
    sql.push_str(&format!(" EXECUTE FUNCTION {f}()"));
    sql
}

/// `ALTER EVENT TRIGGER e ENABLE | DISABLE | ENABLE REPLICA | ENABLE ALWAYS`, for the state
/// `enabled` (`O`, `D`, `R`, `A`).
pub fn enable(e: &EventTrigger, enabled: &str) -> String {
    let state = match enabled {
        "D" => "DISABLE",
        "R" => "ENABLE REPLICA",
        "A" => "ENABLE ALWAYS",
        _ => "ENABLE",
    };
    format!("ALTER EVENT TRIGGER {} {state}", quote_ident(&e.name))
}

/// The create, and its enabled state when that is not the default.
pub fn create_all(e: &EventTrigger) -> Vec<String> {
    let mut out = vec![create(e)];
    if e.enabled != "O" {
        out.push(enable(e, &e.enabled));
    }
    out
}

/// `DROP EVENT TRIGGER e`
pub fn drop(e: &EventTrigger) -> String {
    format!("DROP EVENT TRIGGER {}", quote_ident(&e.name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FunctionId;

    #[test]
    fn statements() {
        let e = EventTrigger {
            name: "No Drops".into(),
            event: "sql_drop".into(),
            tags: vec!["DROP TABLE".into(), "ALTER TABLE".into()],
            function: FunctionId {
                schema: "app".into(),
                name: "Guard".into(),
                args: String::new(),
            },
            enabled: "A".into(),
            comment: None,
        };
        assert_eq!(
            create_all(&e),
            [
                "CREATE EVENT TRIGGER \"No Drops\" ON sql_drop WHEN TAG IN ('DROP TABLE', 'ALTER TABLE') EXECUTE FUNCTION app.\"Guard\"()",
                "ALTER EVENT TRIGGER \"No Drops\" ENABLE ALWAYS",
            ]
        );
        assert_eq!(drop(&e), "DROP EVENT TRIGGER \"No Drops\"");
        assert_eq!(enable(&e, "D"), "ALTER EVENT TRIGGER \"No Drops\" DISABLE");
    }
}
