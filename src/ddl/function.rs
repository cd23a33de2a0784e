//! Functions and procedures.

use crate::model::{Function, FunctionId, FunctionKind};

/// `FUNCTION` or `PROCEDURE`.
pub fn keyword(kind: FunctionKind) -> &'static str {
    match kind {
        FunctionKind::Function => "FUNCTION",
        FunctionKind::Procedure => "PROCEDURE",
    }
}

/// The definition is pg_get_functiondef's complete `CREATE OR REPLACE FUNCTION` statement;
/// only its trailing newline goes (the body is dollar-quoted, so nothing else is touched).
pub fn create(f: &Function) -> String {
    f.definition.trim_end().to_string()
}

/// `DROP FUNCTION schema.name(args)` / `DROP PROCEDURE ...`
pub fn drop(id: &FunctionId, kind: FunctionKind) -> String {
    format!("DROP {} {id}", keyword(kind))
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
}
