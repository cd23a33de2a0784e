//! GRANT / REVOKE of one privilege on one object (or column) to one role.

use super::{function::keyword, role};
use crate::model::{FunctionId, FunctionKind, Grant, QualifiedName, quote_ident};

/// What a privilege is granted on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// Tables, views, materialized views (all `ON TABLE`).
    Table(&'a QualifiedName),
    Column {
        table: &'a QualifiedName,
        column: &'a str,
    },
    Sequence(&'a QualifiedName),
    Function(&'a FunctionId, FunctionKind),
    Schema(&'a str),
    /// Enum and composite types.
    Type(&'a QualifiedName),
    Domain(&'a QualifiedName),
}

/// `PRIVILEGE ON <target>`, with the column list where the grammar wants it:
/// `SELECT (col) ON TABLE t`.
fn privilege_on(target: Target<'_>, privilege: &str) -> String {
    match target {
        Target::Table(t) => format!("{privilege} ON TABLE {t}"),
        Target::Column { table, column } => {
            format!("{privilege} ({}) ON TABLE {table}", quote_ident(column))
        }
        Target::Sequence(s) => format!("{privilege} ON SEQUENCE {s}"),
        // GRANT has no `ON AGGREGATE`: an aggregate's privileges are a function's.
        Target::Function(id, FunctionKind::Aggregate) => format!("{privilege} ON FUNCTION {id}"),
        Target::Function(id, kind @ (FunctionKind::Function | FunctionKind::Procedure)) => {
            format!("{privilege} ON {} {id}", keyword(kind))
        }
        Target::Schema(s) => format!("{privilege} ON SCHEMA {}", quote_ident(s)),
        Target::Type(t) => format!("{privilege} ON TYPE {t}"),
        Target::Domain(d) => format!("{privilege} ON DOMAIN {d}"),
    }
}

/// `GRANT priv ON ... TO role [WITH GRANT OPTION]`
pub fn grant(target: Target<'_>, g: &Grant) -> String {
    let option = if g.with_grant_option {
        " WITH GRANT OPTION"
    } else {
        ""
    };
    format!(
        "GRANT {} TO {}{option}",
        privilege_on(target, &g.privilege),
        role(&g.grantee)
    )
}

/// `REVOKE priv ON ... FROM role` (removes the grant option with it).
pub fn revoke(target: Target<'_>, g: &Grant) -> String {
    format!(
        "REVOKE {} FROM {}",
        privilege_on(target, &g.privilege),
        role(&g.grantee)
    )
}

/// `REVOKE GRANT OPTION FOR priv ON ... FROM role` (keeps the privilege itself).
pub fn revoke_grant_option(target: Target<'_>, g: &Grant) -> String {
    format!(
        "REVOKE GRANT OPTION FOR {} FROM {}",
        privilege_on(target, &g.privilege),
        role(&g.grantee)
    )
}

/// The privilege PostgreSQL gives PUBLIC on a new object of this kind: EXECUTE on functions
/// and procedures, USAGE on types and domains; nothing on the others.
pub fn public_default(target: Target<'_>) -> Option<Grant> {
    let privilege = match target {
        Target::Function(..) => "EXECUTE",
        Target::Type(_) | Target::Domain(_) => "USAGE",
        _ => return None,
    };
    Some(Grant {
        grantee: "PUBLIC".to_string(),
        privilege: privilege.to_string(),
        with_grant_option: false,
    })
}

/// `REVOKE ALL ON <target> FROM PUBLIC`, for kinds that PUBLIC gets a privilege on by
/// default: after it, the object's privileges are exactly the ones granted explicitly.
pub fn revoke_public_default(target: Target<'_>) -> Option<String> {
    public_default(target)?;
    Some(revoke(
        target,
        &Grant {
            grantee: "PUBLIC".to_string(),
            privilege: "ALL".to_string(),
            with_grant_option: false,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::snap;

    #[test]
    fn grant_statements() {
        let t = QualifiedName::new("public", "Order Items");
        let f = FunctionId {
            schema: "public".into(),
            name: "total".into(),
            args: "integer".into(),
        };
        let targets = [
            Target::Table(&t),
            Target::Column {
                table: &t,
                column: "Qty",
            },
            Target::Sequence(&t),
            Target::Function(&f, FunctionKind::Function),
            Target::Function(&f, FunctionKind::Procedure),
            Target::Function(&f, FunctionKind::Aggregate),
            Target::Schema("app"),
            Target::Type(&t),
            Target::Domain(&t),
        ];
        let app = Grant {
            grantee: "Report Reader".into(),
            privilege: "SELECT".into(),
            with_grant_option: true,
        };
        let public = Grant {
            grantee: "PUBLIC".into(),
            privilege: "USAGE".into(),
            with_grant_option: false,
        };
        let mut out = Vec::new();
        for target in targets {
            out.push(grant(target, &app));
            out.push(grant(target, &public));
            out.push(revoke(target, &app));
            out.push(revoke_grant_option(target, &app));
        }
        snap!("grant", out.join("\n"));
    }
}
