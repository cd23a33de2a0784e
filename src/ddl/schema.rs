//! Schemas.

use crate::model::quote_ident;

/// `CREATE SCHEMA name`
pub fn create(name: &str) -> String {
    format!("CREATE SCHEMA {}", quote_ident(name))
}

/// `DROP SCHEMA name` (never CASCADE: the planner drops contents explicitly, in order).
pub fn drop(name: &str) -> String {
    format!("DROP SCHEMA {}", quote_ident(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::snap;

    #[test]
    fn schema_statements() {
        snap!(
            "schema",
            [
                create("app"),
                create("Sales Data"),
                drop("app"),
                drop("user")
            ]
            .join("\n")
        );
    }
}
