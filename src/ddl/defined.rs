//! Extended statistics and rules, written from the definition the server printed
//! (`pg_get_statisticsobjdef`, `pg_get_ruledef`).

use crate::model::{Defined, DefinedKind, QualifiedName, quote_ident};

/// The definition as is, then the statistics target when it is not the default.
pub fn create(d: &Defined) -> Vec<String> {
    let mut sql = vec![d.definition.clone()];
    if d.kind == DefinedKind::Statistics && d.target.is_some() {
        sql.push(set_target(d, d.target));
    }
    sql
}

/// `DROP STATISTICS schema.name` or `DROP RULE name ON relation`.
pub fn drop(relation: &QualifiedName, d: &Defined) -> String {
    match d.kind {
        DefinedKind::Statistics => format!("DROP STATISTICS {}", d.name),
        DefinedKind::Rule => format!("DROP RULE {} ON {relation}", quote_ident(&d.name.name)),
    }
}

/// `ALTER STATISTICS schema.name SET STATISTICS n`; `-1` puts the default back.
pub fn set_target(d: &Defined, target: Option<i32>) -> String {
    format!(
        "ALTER STATISTICS {} SET STATISTICS {}",
        d.name,
        target.unwrap_or(-1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Set;

    fn defined(kind: DefinedKind, schema: &str, name: &str, definition: &str) -> Defined {
        Defined {
            kind,
            name: QualifiedName::new(schema, name),
            definition: definition.into(),
            target: None,
            comment: None,
            depends_on: Set::new(),
        }
    }

    #[test]
    fn statistics_statements() {
        let mut s = defined(
            DefinedKind::Statistics,
            "My Schema",
            "Stats ünd",
            "CREATE STATISTICS \"My Schema\".\"Stats ünd\" ON a, b FROM \"My Schema\".t",
        );
        let t = QualifiedName::new("My Schema", "t");
        assert_eq!(create(&s), std::slice::from_ref(&s.definition));
        assert_eq!(drop(&t, &s), "DROP STATISTICS \"My Schema\".\"Stats ünd\"");
        s.target = Some(500);
        assert_eq!(
            create(&s)[1],
            "ALTER STATISTICS \"My Schema\".\"Stats ünd\" SET STATISTICS 500"
        );
        assert_eq!(
            set_target(&s, None),
            "ALTER STATISTICS \"My Schema\".\"Stats ünd\" SET STATISTICS -1"
        );
    }

    #[test]
    fn rule_statements() {
        let r = defined(
            DefinedKind::Rule,
            "public",
            "No Delete",
            "CREATE RULE \"No Delete\" AS ON DELETE TO public.t DO INSTEAD NOTHING",
        );
        let t = QualifiedName::new("public", "t");
        assert_eq!(create(&r), std::slice::from_ref(&r.definition));
        assert_eq!(drop(&t, &r), "DROP RULE \"No Delete\" ON public.t");
    }
}
