//! Functions, procedures and aggregates.

use crate::model::{Function, FunctionId, FunctionKind};

/// `FUNCTION`, `PROCEDURE` or `AGGREGATE`: what `DROP`, `COMMENT ON` and `ALTER` name.
pub fn keyword(kind: FunctionKind) -> &'static str {
    match kind {
        FunctionKind::Function => "FUNCTION",
        FunctionKind::Procedure => "PROCEDURE",
        FunctionKind::Aggregate => "AGGREGATE",
    }
}

/// `schema.name(args)` as the statements naming a `kind` take it: an aggregate of no
/// arguments is written `name(*)` (`name()` is a syntax error there).
pub fn signature(id: &FunctionId, kind: FunctionKind) -> String {
    match kind {
        FunctionKind::Aggregate if id.args.is_empty() => {
            let name = crate::model::QualifiedName::new(id.schema.clone(), id.name.clone());
            format!("{name}(*)")
        }
        FunctionKind::Function | FunctionKind::Procedure | FunctionKind::Aggregate => {
            id.to_string()
        }
    }
}

/// The definition is pg_get_functiondef's complete `CREATE OR REPLACE FUNCTION` statement
/// (an aggregate's, `CREATE OR REPLACE AGGREGATE`, is built by the introspection); only its
/// trailing newline goes (the body is dollar-quoted, so nothing else is touched).
pub fn create(f: &Function) -> String {
    f.definition.trim_end().to_string()
}

/// `DROP FUNCTION schema.name(args)` / `DROP PROCEDURE ...` / `DROP AGGREGATE ...`
pub fn drop(id: &FunctionId, kind: FunctionKind) -> String {
    format!("DROP {} {}", keyword(kind), signature(id, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn function_statements() {
        let c = fixtures::catalog();
        let mut out = Vec::new();
        for f in c.functions.values() {
            out.push(create(f));
            out.push(drop(&f.id, f.kind));
        }
        snap!("function", out.join("\n"));
    }

    #[test]
    fn aggregates_are_named_with_a_star_when_they_take_no_arguments() {
        let id = |args: &str| FunctionId {
            schema: "app".into(),
            name: "Rows Seen".into(),
            args: args.into(),
        };
        assert_eq!(
            drop(&id(""), FunctionKind::Aggregate),
            "DROP AGGREGATE app.\"Rows Seen\"(*)"
        );
        assert_eq!(
            drop(&id("double precision, anyelement"), FunctionKind::Aggregate),
            "DROP AGGREGATE app.\"Rows Seen\"(double precision, anyelement)"
        );
        assert_eq!(
            drop(&id(""), FunctionKind::Function),
            "DROP FUNCTION app.\"Rows Seen\"()"
        );
    }
}
