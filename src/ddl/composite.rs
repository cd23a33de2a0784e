//! Composite types.

use crate::model::{CompositeAttribute, CompositeType, QualifiedName, quote_ident};

fn attribute_def(a: &CompositeAttribute) -> String {
    match &a.collation {
        Some(c) => format!("{} {} COLLATE {c}", quote_ident(&a.name), a.type_name),
        None => format!("{} {}", quote_ident(&a.name), a.type_name),
    }
}

/// `CREATE TYPE name AS (a integer, b text COLLATE "C")`
pub fn create(t: &CompositeType) -> String {
    let attrs: Vec<String> = t.attributes.iter().map(attribute_def).collect();
    format!("CREATE TYPE {} AS ({})", t.name, attrs.join(", "))
}

/// `DROP TYPE name`
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP TYPE {name}")
}

/// `ALTER TYPE name ADD ATTRIBUTE a type [COLLATE c]`
pub fn add_attribute(name: &QualifiedName, a: &CompositeAttribute) -> String {
    format!("ALTER TYPE {name} ADD ATTRIBUTE {}", attribute_def(a))
}

/// `ALTER TYPE name DROP ATTRIBUTE a`
pub fn drop_attribute(name: &QualifiedName, attribute: &str) -> String {
    format!(
        "ALTER TYPE {name} DROP ATTRIBUTE {}",
        quote_ident(attribute)
    )
}

/// `ALTER TYPE name ALTER ATTRIBUTE a TYPE t [COLLATE c]`
pub fn alter_attribute_type(name: &QualifiedName, a: &CompositeAttribute) -> String {
    let mut sql = format!(
        "ALTER TYPE {name} ALTER ATTRIBUTE {} TYPE {}",
        quote_ident(&a.name),
        a.type_name
    );
    if let Some(c) = &a.collation {
        sql.push_str(&format!(" COLLATE {c}"));
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn composite_statements() {
        let t = fixtures::address();
        snap!(
            "composite",
            [
                create(&t),
                drop(&t.name),
                add_attribute(&t.name, &t.attributes[1]),
                drop_attribute(&t.name, "Zip Code"),
                alter_attribute_type(&t.name, &t.attributes[0]),
                alter_attribute_type(&t.name, &t.attributes[1]),
            ]
            .join("\n")
        );
    }
}
