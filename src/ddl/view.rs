//! Views and materialized views.

use super::{reloption_names, reloptions, strip_terminator};
use crate::model::{QualifiedName, View};

fn with_options(v: &View) -> String {
    if v.options.is_empty() {
        String::new()
    } else {
        format!(" WITH {}", reloptions(&v.options))
    }
}

/// `CREATE VIEW name [WITH (opts)] AS\n<definition>`. `check_option` is a reloption,
/// so it goes in WITH, not in a trailing `WITH CHECK OPTION`. The definition is
/// pg_get_viewdef's text without its `;`.
pub fn create(v: &View) -> String {
    format!(
        "CREATE VIEW {}{} AS\n{}",
        v.name,
        with_options(v),
        strip_terminator(&v.definition)
    )
}

/// `CREATE OR REPLACE VIEW ...`: only valid when the new columns extend the old ones.
pub fn create_or_replace(v: &View) -> String {
    format!(
        "CREATE OR REPLACE VIEW {}{} AS\n{}",
        v.name,
        with_options(v),
        strip_terminator(&v.definition)
    )
}

/// `DROP VIEW name`
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP VIEW {name}")
}

/// `CREATE MATERIALIZED VIEW name [USING am] [WITH (opts)] AS\n<definition>\n WITH [NO] DATA`
pub fn create_materialized(v: &View) -> String {
    let data = if v.populated {
        "WITH DATA"
    } else {
        "WITH NO DATA"
    };
    format!(
        "CREATE MATERIALIZED VIEW {}{}{} AS\n{}\n  {data}",
        v.name,
        super::access_method::using(v.access_method.as_deref()),
        with_options(v),
        strip_terminator(&v.definition)
    )
}

/// `DROP MATERIALIZED VIEW name`
pub fn drop_materialized(name: &QualifiedName) -> String {
    format!("DROP MATERIALIZED VIEW {name}")
}

/// `REFRESH MATERIALIZED VIEW [CONCURRENTLY] name`
pub fn refresh_materialized(name: &QualifiedName, concurrently: bool) -> String {
    let c = if concurrently { "CONCURRENTLY " } else { "" };
    format!("REFRESH MATERIALIZED VIEW {c}{name}")
}

fn view_keyword(materialized: bool) -> &'static str {
    if materialized {
        "MATERIALIZED VIEW"
    } else {
        "VIEW"
    }
}

/// `ALTER [MATERIALIZED] VIEW name SET (opt=value, ...)`; `options` must not be empty.
pub fn set_options(name: &QualifiedName, materialized: bool, options: &[String]) -> String {
    format!(
        "ALTER {} {name} SET {}",
        view_keyword(materialized),
        reloptions(options)
    )
}

/// `ALTER [MATERIALIZED] VIEW name RESET (opt, ...)`; `options` must not be empty.
pub fn reset_options(name: &QualifiedName, materialized: bool, options: &[String]) -> String {
    format!(
        "ALTER {} {name} RESET {}",
        view_keyword(materialized),
        reloption_names(options)
    )
}

/// Create a view or a materialized view, whichever `v` is.
pub fn create_any(v: &View) -> String {
    if v.materialized {
        create_materialized(v)
    } else {
        create(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn view_statements() {
        let c = fixtures::catalog();
        let mut out = Vec::new();
        for v in c.views.values() {
            out.push(create_any(v));
            out.push(create_or_replace(v));
            out.push(drop(&v.name));
            out.push(drop_materialized(&v.name));
            out.push(refresh_materialized(&v.name, true));
            let mut unpopulated = v.clone();
            unpopulated.populated = false;
            out.push(create_materialized(&unpopulated));
            if !v.options.is_empty() {
                out.push(set_options(&v.name, v.materialized, &v.options));
                out.push(reset_options(&v.name, v.materialized, &v.options));
            }
        }
        snap!("view", out.join("\n\n"));
    }
}
