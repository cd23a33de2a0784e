//! Extensions.

use crate::model::{Extension, quote_ident, quote_literal};

/// `CREATE EXTENSION name WITH SCHEMA s VERSION 'v'`: schema and version are pinned so that
/// loading the statement reproduces exactly the introspected state.
pub fn create(ext: &Extension) -> String {
    format!(
        "CREATE EXTENSION {} WITH SCHEMA {} VERSION {}",
        quote_ident(&ext.name),
        quote_ident(&ext.schema),
        quote_literal(&ext.version)
    )
}

/// `DROP EXTENSION name`
pub fn drop(name: &str) -> String {
    format!("DROP EXTENSION {}", quote_ident(name))
}

/// `ALTER EXTENSION name UPDATE TO 'version'`
pub fn update(name: &str, version: &str) -> String {
    format!(
        "ALTER EXTENSION {} UPDATE TO {}",
        quote_ident(name),
        quote_literal(version)
    )
}

/// `ALTER EXTENSION name SET SCHEMA s`
pub fn set_schema(name: &str, schema: &str) -> String {
    format!(
        "ALTER EXTENSION {} SET SCHEMA {}",
        quote_ident(name),
        quote_ident(schema)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::snap;

    #[test]
    fn extension_statements() {
        let ext = Extension {
            name: "uuid-ossp".into(),
            schema: "public".into(),
            version: "1.1".into(),
            comment: None,
        };
        snap!(
            "extension",
            [
                create(&ext),
                drop("uuid-ossp"),
                update("pg_trgm", "1.6"),
                set_schema("citext", "ext"),
            ]
            .join("\n")
        );
    }
}
