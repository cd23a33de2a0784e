//! `ALTER DEFAULT PRIVILEGES FOR ROLE r [IN SCHEMA s] GRANT|REVOKE ... ON <kind> ...`.

use crate::model::{DefaultPrivileges, Grant, quote_ident};

fn grantee(g: &Grant) -> String {
    if g.grantee == "PUBLIC" {
        "PUBLIC".to_string()
    } else {
        quote_ident(&g.grantee)
    }
}

fn prefix(d: &DefaultPrivileges) -> String {
    let mut sql = format!("ALTER DEFAULT PRIVILEGES FOR ROLE {}", quote_ident(&d.role));
    if let Some(s) = &d.schema {
        sql.push_str(&format!(" IN SCHEMA {}", quote_ident(s)));
    }
    sql
}

fn grant(d: &DefaultPrivileges, g: &Grant) -> String {
    format!(
        "{} GRANT {} ON {} TO {}{}",
        prefix(d),
        g.privilege,
        d.object_type,
        grantee(g),
        if g.with_grant_option {
            " WITH GRANT OPTION"
        } else {
            ""
        }
    )
}

fn revoke(d: &DefaultPrivileges, g: &Grant) -> String {
    format!(
        "{} REVOKE {} ON {} FROM {}",
        prefix(d),
        g.privilege,
        d.object_type,
        grantee(g)
    )
}

/// The statements that take the entry from `from` to `to`: what goes first (a grant whose
/// grant option changes is revoked and granted again), then what comes.
pub fn alter(from: &DefaultPrivileges, to: &DefaultPrivileges) -> Vec<String> {
    let mut out = Vec::new();
    for g in from.grants.iter().filter(|g| !to.grants.contains(g)) {
        out.push(revoke(to, g));
    }
    for g in to.revoked.iter().filter(|g| !from.revoked.contains(g)) {
        out.push(revoke(to, g));
    }
    for g in from.revoked.iter().filter(|g| !to.revoked.contains(g)) {
        out.push(grant(to, g));
    }
    for g in to.grants.iter().filter(|g| !from.grants.contains(g)) {
        out.push(grant(to, g));
    }
    out
}

/// The statements that make the entry from nothing (the built-in defaults), for a dump.
pub fn create(d: &DefaultPrivileges) -> Vec<String> {
    let none = DefaultPrivileges {
        grants: Default::default(),
        revoked: Default::default(),
        ..d.clone()
    };
    alter(&none, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(grantee: &str, privilege: &str, with_grant_option: bool) -> Grant {
        Grant {
            grantee: grantee.into(),
            privilege: privilege.into(),
            with_grant_option,
        }
    }

    #[test]
    fn changes_revoke_before_they_grant() {
        let from = DefaultPrivileges {
            role: "App Owner".into(),
            schema: Some("app".into()),
            object_type: "TABLES".into(),
            grants: [g("reader", "SELECT", false), g("PUBLIC", "INSERT", false)]
                .into_iter()
                .collect(),
            revoked: Default::default(),
        };
        let to = DefaultPrivileges {
            grants: [g("reader", "SELECT", true)].into_iter().collect(),
            ..from.clone()
        };
        assert_eq!(
            alter(&from, &to),
            [
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"App Owner\" IN SCHEMA app REVOKE INSERT ON TABLES FROM PUBLIC",
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"App Owner\" IN SCHEMA app REVOKE SELECT ON TABLES FROM reader",
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"App Owner\" IN SCHEMA app GRANT SELECT ON TABLES TO reader WITH GRANT OPTION",
            ]
        );
        let global = DefaultPrivileges {
            role: "app".into(),
            schema: None,
            object_type: "FUNCTIONS".into(),
            grants: Default::default(),
            revoked: [g("PUBLIC", "EXECUTE", false)].into_iter().collect(),
        };
        assert_eq!(
            create(&global),
            ["ALTER DEFAULT PRIVILEGES FOR ROLE app REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC"]
        );
    }
}
