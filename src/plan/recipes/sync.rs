//! Sync triggers: while old and new application code run side by side, a `BEFORE INSERT OR
//! UPDATE` trigger keeps a new column filled from the old ones (and, with a way back, the old
//! column filled from the new one), so either version's writes land in both.

use crate::ddl;
use crate::model::{QualifiedName, quote_ident};

/// One column kept in step with others by a trigger.
pub(super) struct Sync<'a> {
    pub table: &'a QualifiedName,
    /// The column the trigger fills.
    pub target: &'a str,
    /// Its value, an SQL expression over the row.
    pub expr: &'a str,
    /// Columns whose change (by old code) recomputes the target.
    pub inputs: Vec<String>,
    /// The old column, and the expression over the row that gives it from the new columns,
    /// when new code's writes must reach it too (renames, splits with `reverse=`).
    pub feeds: Option<(&'a str, &'a str)>,
    /// A column no application writes (a shadow column): recomputed on every write.
    pub always: bool,
}

/// Name of the trigger (and its function) that fills `target` of `table`.
pub(super) fn trigger_name(table: &QualifiedName, target: &str) -> String {
    ddl::temp_name(&format!("{}_{target}", table.name), "sync")
}

impl Sync<'_> {
    fn function(&self) -> QualifiedName {
        ddl::sibling(self.table, &trigger_name(self.table, self.target))
    }

    /// `expr` evaluated over the row being written.
    /// `expr` evaluated over the row `NEW` or `OLD`.
    fn over(row: &str, expr: &str) -> String {
        format!("(SELECT ({expr}) FROM (SELECT {row}.*) AS schemadiff_row)")
    }

    fn over_new(expr: &str) -> String {
        Self::over("NEW", expr)
    }

    /// CREATE FUNCTION and CREATE TRIGGER.
    pub fn create(&self) -> Vec<String> {
        let t = quote_ident(self.target);
        let fill = format!("NEW.{t} := {};", Self::over_new(self.expr));
        let body = if self.always {
            format!("  {fill}\n")
        } else {
            let mut insert = String::new();
            let mut update = String::new();
            // New code's writes reach the old column; never while a backfill writes the new
            // one (it would compute the old column from half-filled new ones).
            let backfilling =
                "current_setting('schemadiff.backfilling', true) IS NOT DISTINCT FROM 'on'";
            match self.feeds {
                Some((source, reverse)) => {
                    let s = quote_ident(source);
                    let back = format!("NEW.{s} := {};", Self::over_new(reverse));
                    insert.push_str(&format!(
                        "    IF NEW.{t} IS NOT NULL THEN\n      {back}\n    ELSE\n      {fill}\n    END IF;\n"
                    ));
                    // Old code changed the inputs (not just a reverse of the new columns written
                    // by another trigger), and nobody set the target apart from them.
                    let changed = format!(
                        "{} AND NEW.{s} IS DISTINCT FROM {} AND OLD.{t} IS NOT DISTINCT FROM {}",
                        self.changed_inputs(),
                        Self::over_new(reverse),
                        Self::over("OLD", self.expr)
                    );
                    update.push_str(&format!(
                        "    IF {changed} AND NEW.{t} IS NOT DISTINCT FROM OLD.{t} THEN\n      {fill}\n    ELSIF NEW.{t} IS DISTINCT FROM OLD.{t} AND NEW.{s} IS NOT DISTINCT FROM OLD.{s} AND NOT {backfilling} THEN\n      {back}\n    END IF;\n"
                    ));
                }
                None => {
                    insert.push_str(&format!(
                        "    IF NEW.{t} IS NULL THEN\n      {fill}\n    END IF;\n"
                    ));
                    if !self.inputs.is_empty() {
                        // Recomputed only while it still holds the derived value: a value new
                        // code wrote stays.
                        let changed = format!(
                            "{} AND OLD.{t} IS NOT DISTINCT FROM {}",
                            self.changed_inputs(),
                            Self::over("OLD", self.expr)
                        );
                        update.push_str(&format!(
                            "    IF {changed} AND NEW.{t} IS NOT DISTINCT FROM OLD.{t} THEN\n      {fill}\n    END IF;\n"
                        ));
                    }
                }
            }
            update.push_str(&format!(
                "    IF NEW.{t} IS NULL THEN\n      {fill}\n    END IF;\n"
            ));
            format!("  IF TG_OP = 'INSERT' THEN\n{insert}  ELSE\n{update}  END IF;\n")
        };
        let function = self.function();
        vec![
            format!(
                "CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $schemadiff$\n#variable_conflict use_column\nBEGIN\n{body}  RETURN NEW;\nEND\n$schemadiff$"
            ),
            format!(
                "CREATE TRIGGER {} BEFORE INSERT OR UPDATE ON {} FOR EACH ROW EXECUTE FUNCTION {function}()",
                quote_ident(&trigger_name(self.table, self.target)),
                self.table
            ),
        ]
    }

    /// DROP TRIGGER and DROP FUNCTION.
    pub fn drop(&self) -> Vec<String> {
        vec![
            format!(
                "DROP TRIGGER {} ON {}",
                quote_ident(&trigger_name(self.table, self.target)),
                self.table
            ),
            format!("DROP FUNCTION {}()", self.function()),
        ]
    }

    fn changed_inputs(&self) -> String {
        let new: Vec<String> = self
            .inputs
            .iter()
            .map(|c| format!("NEW.{}", quote_ident(c)))
            .collect();
        let old: Vec<String> = self
            .inputs
            .iter()
            .map(|c| format!("OLD.{}", quote_ident(c)))
            .collect();
        format!("({}) IS DISTINCT FROM ({})", new.join(", "), old.join(", "))
    }
}

/// The columns of `columns` that `expr` names (an identifier anywhere in it, outside string
/// literals), so the trigger knows which writes must recompute the target.
pub(super) fn columns_named(expr: &str, columns: &[&str]) -> Vec<String> {
    use sqlparser::ast::{Expr, Visit, Visitor};
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::parser::Parser;
    use std::ops::ControlFlow;

    struct Names(Vec<String>);
    impl Visitor for Names {
        type Break = ();
        fn pre_visit_expr(&mut self, e: &Expr) -> ControlFlow<()> {
            match e {
                Expr::Identifier(i) => self.0.push(ident_value(i)),
                Expr::CompoundIdentifier(parts) => {
                    if let Some(last) = parts.last() {
                        self.0.push(ident_value(last));
                    }
                }
                _ => {}
            }
            ControlFlow::Continue(())
        }
    }
    fn ident_value(i: &sqlparser::ast::Ident) -> String {
        if i.quote_style.is_some() {
            i.value.clone()
        } else {
            i.value.to_lowercase()
        }
    }
    let mut names = Names(Vec::new());
    match Parser::parse_sql(&PostgreSqlDialect {}, &format!("SELECT {expr}")) {
        Ok(statements) => {
            let _ = statements.visit(&mut names);
        }
        // Not parsed here (PostgreSQL may still accept it): every column is an input, which
        // is only slower, never wrong.
        Err(_) => return columns.iter().map(|c| c.to_string()).collect(),
    }
    columns
        .iter()
        .filter(|c| names.0.iter().any(|n| n == *c))
        .map(|c| c.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_columns_an_expression_names() {
        let cols = ["name", "Mixed", "other", "x"];
        assert_eq!(
            columns_named("split_part(name, ' ', 1)", &cols),
            vec!["name".to_string()]
        );
        assert_eq!(
            columns_named("\"Mixed\" || 'x' || OTHER", &cols),
            vec!["Mixed".to_string(), "other".to_string()]
        );
        assert!(columns_named("'constant'", &cols).is_empty());
    }
}
