//! Collations.

use crate::model::{Collation, CollationProvider, QualifiedName, quote_literal};

/// `CREATE COLLATION name (provider = icu, locale = '...', deterministic = false)`: the
/// options PostgreSQL needs to make the same collation, in the order pg_dump writes them.
pub fn create(c: &Collation) -> String {
    let mut options = vec![format!("provider = {}", provider(c.provider))];
    if !c.deterministic {
        options.push("deterministic = false".to_string());
    }
    if let Some(l) = &c.locale {
        options.push(format!("locale = {}", quote_literal(l)));
    }
    if let Some(l) = &c.lc_collate {
        options.push(format!("lc_collate = {}", quote_literal(l)));
    }
    if let Some(l) = &c.lc_ctype {
        options.push(format!("lc_ctype = {}", quote_literal(l)));
    }
    format!("CREATE COLLATION {} ({})", c.name, options.join(", "))
}

/// `DROP COLLATION name`
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP COLLATION {name}")
}

fn provider(p: CollationProvider) -> &'static str {
    match p {
        CollationProvider::Libc => "libc",
        CollationProvider::Icu => "icu",
        CollationProvider::Builtin => "builtin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::snap;
    use crate::model::ObjectId;

    #[test]
    fn collation_statements() {
        let icu = Collation {
            name: QualifiedName::new("My Schema", "Ci Coll"),
            provider: CollationProvider::Icu,
            locale: Some("und-u-ks-level2".into()),
            lc_collate: None,
            lc_ctype: None,
            deterministic: false,
            comment: None,
        };
        let libc = Collation {
            name: QualifiedName::new("public", "c_o'brien"),
            provider: CollationProvider::Libc,
            locale: None,
            lc_collate: Some("C".into()),
            lc_ctype: Some("C.utf8".into()),
            deterministic: true,
            comment: None,
        };
        let id = ObjectId::Collation {
            name: icu.name.clone(),
        };
        snap!(
            "collation",
            [
                create(&icu),
                create(&libc),
                drop(&icu.name),
                crate::ddl::comment::on(&id, Some("case-insensitive")),
            ]
            .join("\n")
        );
    }
}
