//! Access methods: `CREATE ACCESS METHOD`, `DROP ACCESS METHOD`, and moving a table or
//! materialized view to another one (`SET ACCESS METHOD`, PostgreSQL 15+).

use crate::model::{AccessMethod, QualifiedName, quote_ident};

/// `CREATE ACCESS METHOD name TYPE TABLE | INDEX HANDLER schema.function`
pub fn create(a: &AccessMethod) -> String {
    format!(
        "CREATE ACCESS METHOD {} TYPE {} HANDLER {}",
        quote_ident(&a.name),
        a.kind,
        a.handler
    )
}

/// `DROP ACCESS METHOD name`
pub fn drop(a: &AccessMethod) -> String {
    format!("DROP ACCESS METHOD {}", quote_ident(&a.name))
}

/// ` USING am` for `CREATE TABLE` / `CREATE MATERIALIZED VIEW`; nothing for `heap`
/// (`None`), which every database has as its built-in default.
pub fn using(access_method: Option<&str>) -> String {
    access_method.map_or_else(String::new, |am| format!(" USING {}", quote_ident(am)))
}

/// `ALTER [MATERIALIZED VIEW | TABLE] name SET ACCESS METHOD am` (`None`: `heap`). It
/// rewrites the relation under ACCESS EXCLUSIVE; PostgreSQL 15+.
pub fn set(name: &QualifiedName, materialized: bool, access_method: Option<&str>) -> String {
    let kind = if materialized {
        "MATERIALIZED VIEW"
    } else {
        "TABLE"
    };
    format!(
        "ALTER {kind} {name} SET ACCESS METHOD {}",
        quote_ident(access_method.unwrap_or("heap"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements() {
        let a = AccessMethod {
            name: "Heap 2".into(),
            kind: "TABLE".into(),
            handler: QualifiedName::new("pg_catalog", "heap_tableam_handler"),
            comment: None,
        };
        assert_eq!(
            create(&a),
            "CREATE ACCESS METHOD \"Heap 2\" TYPE TABLE HANDLER pg_catalog.heap_tableam_handler"
        );
        assert_eq!(drop(&a), "DROP ACCESS METHOD \"Heap 2\"");
        let t = QualifiedName::new("public", "t");
        assert_eq!(
            set(&t, false, Some("Heap 2")),
            "ALTER TABLE public.t SET ACCESS METHOD \"Heap 2\""
        );
        assert_eq!(
            set(&t, true, None),
            "ALTER MATERIALIZED VIEW public.t SET ACCESS METHOD heap"
        );
        assert_eq!(using(None), "");
        assert_eq!(using(Some("heap2")), " USING heap2");
    }
}
