//! Row-level security policies.

use super::{DdlError, role};
use crate::model::{Policy, QualifiedName, quote_ident};

const COMMANDS: [&str; 5] = ["ALL", "SELECT", "INSERT", "UPDATE", "DELETE"];

fn roles(names: &[String]) -> String {
    if names.is_empty() {
        // pg_policy stores "no roles" as PUBLIC; writing it keeps the statement valid.
        return "PUBLIC".into();
    }
    names.iter().map(|r| role(r)).collect::<Vec<_>>().join(", ")
}

/// `CREATE POLICY n ON t AS PERMISSIVE|RESTRICTIVE FOR cmd TO roles [USING (e)]
/// [WITH CHECK (e)]`. Expressions come from pg_get_expr and are wrapped in the
/// parentheses the grammar requires.
pub fn create(table: &QualifiedName, p: &Policy) -> Result<String, DdlError> {
    if !COMMANDS.contains(&p.command.as_str()) {
        return Err(DdlError::UnknownPolicyCommand {
            name: p.name.clone(),
            command: p.command.clone(),
        });
    }
    let kind = if p.permissive {
        "PERMISSIVE"
    } else {
        "RESTRICTIVE"
    };
    let mut sql = format!(
        "CREATE POLICY {} ON {table} AS {kind} FOR {} TO {}",
        quote_ident(&p.name),
        p.command,
        roles(&p.roles)
    );
    if let Some(u) = &p.using {
        sql.push_str(&format!(" USING ({u})"));
    }
    if let Some(w) = &p.with_check {
        sql.push_str(&format!(" WITH CHECK ({w})"));
    }
    Ok(sql)
}

/// `DROP POLICY n ON t`
pub fn drop(table: &QualifiedName, name: &str) -> String {
    format!("DROP POLICY {} ON {table}", quote_ident(name))
}

/// `ALTER POLICY n ON t TO roles USING (e) WITH CHECK (e)`: what ALTER POLICY can change
/// (roles and expressions; the command and PERMISSIVE/RESTRICTIVE need drop + create).
/// An expression that went away cannot be removed by ALTER either: `None` keeps it.
pub fn alter(table: &QualifiedName, p: &Policy) -> String {
    let mut sql = format!(
        "ALTER POLICY {} ON {table} TO {}",
        quote_ident(&p.name),
        roles(&p.roles)
    );
    if let Some(u) = &p.using {
        sql.push_str(&format!(" USING ({u})"));
    }
    if let Some(w) = &p.with_check {
        sql.push_str(&format!(" WITH CHECK ({w})"));
    }
    sql
}

/// `ALTER POLICY n ON t RENAME TO m`
pub fn rename(table: &QualifiedName, from: &str, to: &str) -> String {
    format!(
        "ALTER POLICY {} ON {table} RENAME TO {}",
        quote_ident(from),
        quote_ident(to)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn policy_statements() {
        let c = fixtures::catalog();
        let t = &c.tables[&QualifiedName::new("public", "orders")];
        let mut out = Vec::new();
        for p in t.policies.values() {
            out.push(create(&t.name, p).unwrap_or_else(|e| format!("error: {e}")));
            out.push(alter(&t.name, p));
            out.push(drop(&t.name, &p.name));
        }
        let bad = Policy {
            command: "TRUNCATE".into(),
            ..t.policies
                .values()
                .next()
                .cloned()
                .expect("fixture has a policy")
        };
        out.push(create(&t.name, &bad).unwrap_or_else(|e| format!("error: {e}")));
        out.push(rename(&t.name, "owner_only", "Owner Only"));
        snap!("policy", out.join("\n"));
    }
}
