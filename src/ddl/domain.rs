//! Domains and their CHECK constraints.

use crate::model::{Domain, DomainCheck, QualifiedName, quote_ident};

/// `CREATE DOMAIN name AS base [COLLATE c] [DEFAULT e] [NOT NULL] [CONSTRAINT n CHECK ...]`.
/// Only validated checks are inlined: a `NOT VALID` check cannot be declared in CREATE DOMAIN,
/// use [`add_check`] for those (see [`inline_checks`]).
pub fn create(d: &Domain) -> String {
    let mut sql = format!("CREATE DOMAIN {} AS {}", d.name, d.base_type);
    if let Some(c) = &d.collation {
        sql.push_str(&format!(" COLLATE {c}"));
    }
    if let Some(default) = &d.default {
        sql.push_str(&format!(" DEFAULT {default}"));
    }
    if d.not_null {
        sql.push_str(" NOT NULL");
    }
    for check in inline_checks(d) {
        sql.push_str(&format!(
            " CONSTRAINT {} {}",
            quote_ident(&check.name),
            check.definition
        ));
    }
    sql
}

/// The checks [`create`] declares inline (validated ones), in name order.
pub fn inline_checks(d: &Domain) -> impl Iterator<Item = &DomainCheck> {
    d.checks.values().filter(|c| c.validated)
}

/// `DROP DOMAIN name`
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP DOMAIN {name}")
}

/// `ALTER DOMAIN name SET DEFAULT expr`
pub fn set_default(name: &QualifiedName, default: &str) -> String {
    format!("ALTER DOMAIN {name} SET DEFAULT {default}")
}

/// `ALTER DOMAIN name DROP DEFAULT`
pub fn drop_default(name: &QualifiedName) -> String {
    format!("ALTER DOMAIN {name} DROP DEFAULT")
}

/// `ALTER DOMAIN name SET NOT NULL`
pub fn set_not_null(name: &QualifiedName) -> String {
    format!("ALTER DOMAIN {name} SET NOT NULL")
}

/// `ALTER DOMAIN name DROP NOT NULL`
pub fn drop_not_null(name: &QualifiedName) -> String {
    format!("ALTER DOMAIN {name} DROP NOT NULL")
}

/// `ALTER DOMAIN name ADD CONSTRAINT n CHECK (...)`; the definition from
/// pg_get_constraintdef already ends in `NOT VALID` for an unvalidated check.
pub fn add_check(name: &QualifiedName, check: &DomainCheck) -> String {
    format!(
        "ALTER DOMAIN {name} ADD CONSTRAINT {} {}",
        quote_ident(&check.name),
        check.definition
    )
}

/// The same check added `NOT VALID` (existing values are not scanned).
pub fn add_check_not_valid(name: &QualifiedName, check: &DomainCheck) -> String {
    let sql = add_check(name, check);
    if sql.ends_with(" NOT VALID") {
        sql
    } else {
        format!("{sql} NOT VALID")
    }
}

/// `ALTER DOMAIN name DROP CONSTRAINT n`
pub fn drop_check(name: &QualifiedName, check: &str) -> String {
    format!("ALTER DOMAIN {name} DROP CONSTRAINT {}", quote_ident(check))
}

/// `ALTER DOMAIN name VALIDATE CONSTRAINT n`
pub fn validate_check(name: &QualifiedName, check: &str) -> String {
    format!(
        "ALTER DOMAIN {name} VALIDATE CONSTRAINT {}",
        quote_ident(check)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn domain_statements() {
        let d = fixtures::positive_price();
        let pending = &d.checks["below_limit"];
        let valid = &d.checks["positive"];
        snap!(
            "domain",
            [
                create(&d),
                drop(&d.name),
                set_default(&d.name, "(1)::numeric"),
                drop_default(&d.name),
                set_not_null(&d.name),
                drop_not_null(&d.name),
                add_check(&d.name, pending),
                add_check(&d.name, valid),
                add_check_not_valid(&d.name, valid),
                add_check_not_valid(&d.name, pending),
                drop_check(&d.name, "positive"),
                validate_check(&d.name, "below_limit"),
            ]
            .join("\n")
        );
    }
}
