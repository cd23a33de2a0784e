//! Range types.

use crate::model::{QualifiedName, RangeType};

/// `CREATE TYPE name AS RANGE (SUBTYPE = t [, SUBTYPE_OPCLASS = ..] [, COLLATION = ..]
/// [, CANONICAL = ..] [, SUBTYPE_DIFF = ..] [, MULTIRANGE_TYPE_NAME = ..])`
pub fn create(r: &RangeType) -> String {
    let mut options = vec![format!("SUBTYPE = {}", r.subtype)];
    if let Some(o) = &r.subtype_opclass {
        options.push(format!("SUBTYPE_OPCLASS = {o}"));
    }
    if let Some(c) = &r.collation {
        options.push(format!("COLLATION = {c}"));
    }
    if let Some(f) = &r.canonical {
        options.push(format!("CANONICAL = {f}"));
    }
    if let Some(f) = &r.subtype_diff {
        options.push(format!("SUBTYPE_DIFF = {f}"));
    }
    if let Some(m) = &r.multirange {
        options.push(format!("MULTIRANGE_TYPE_NAME = {m}"));
    }
    format!("CREATE TYPE {} AS RANGE ({})", r.name, options.join(", "))
}

/// `DROP TYPE name` (its multirange and constructors go with it)
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP TYPE {name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_statements() {
        let r = RangeType {
            name: QualifiedName::new("My Schema", "Span"),
            subtype: "double precision".into(),
            subtype_opclass: None,
            collation: None,
            canonical: None,
            subtype_diff: Some("float8mi".into()),
            multirange: Some(QualifiedName::new("My Schema", "Spans")),
            comment: None,
            grants: Default::default(),
            depends_on: Default::default(),
        };
        assert_eq!(
            create(&r),
            "CREATE TYPE \"My Schema\".\"Span\" AS RANGE (SUBTYPE = double precision, SUBTYPE_DIFF = float8mi, MULTIRANGE_TYPE_NAME = \"My Schema\".\"Spans\")"
        );
        assert_eq!(drop(&r.name), "DROP TYPE \"My Schema\".\"Span\"");
    }
}
