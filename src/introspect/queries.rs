//! The catalog queries, one per object kind, kept as `.sql` files beside this module.
//!
//! Every query starts `WITH ns AS (@NS@)`: the namespace filter (system schemas, extension
//! schemas, `Filter`) is written once in `namespaces.sql` and spliced in, and every query
//! takes the same two parameters ($1 schemas to keep, $2 schemas to leave out).

/// One query of the introspection; `name` is used in error messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Schemas,
    Extensions,
    Collations,
    Enums,
    Domains,
    DomainChecks,
    Composites,
    Ranges,
    Sequences,
    Relations,
    Columns,
    Constraints,
    Indexes,
    Triggers,
    Policies,
    Functions,
    Aggregates,
    DefaultPrivileges,
    Defined,
    Publications,
    EventTriggers,
    AccessMethods,
    Owners,
    Depends,
}

pub(super) const ALL: [Kind; 24] = [
    Kind::Schemas,
    Kind::Extensions,
    Kind::Collations,
    Kind::Enums,
    Kind::Domains,
    Kind::DomainChecks,
    Kind::Composites,
    Kind::Ranges,
    Kind::Sequences,
    Kind::Relations,
    Kind::Columns,
    Kind::Constraints,
    Kind::Indexes,
    Kind::Triggers,
    Kind::Policies,
    Kind::Functions,
    Kind::Aggregates,
    Kind::DefaultPrivileges,
    Kind::Defined,
    Kind::Publications,
    Kind::EventTriggers,
    Kind::AccessMethods,
    Kind::Owners,
    Kind::Depends,
];

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Schemas => "schemas",
            Kind::Extensions => "extensions",
            Kind::Collations => "collations",
            Kind::Enums => "enums",
            Kind::Domains => "domains",
            Kind::DomainChecks => "domain checks",
            Kind::Composites => "composite types",
            Kind::Ranges => "range types",
            Kind::Sequences => "sequences",
            Kind::Relations => "tables and views",
            Kind::Columns => "columns",
            Kind::Constraints => "constraints",
            Kind::Indexes => "indexes",
            Kind::Triggers => "triggers",
            Kind::Policies => "policies",
            Kind::Functions => "functions",
            Kind::Aggregates => "aggregates",
            Kind::DefaultPrivileges => "default privileges",
            Kind::Defined => "statistics and rules",
            Kind::Publications => "publications",
            Kind::EventTriggers => "event triggers",
            Kind::AccessMethods => "access methods",
            Kind::Owners => "owners",
            Kind::Depends => "dependencies",
        }
    }

    fn template(self) -> &'static str {
        match self {
            Kind::Schemas => include_str!("sql/schemas.sql"),
            Kind::Extensions => include_str!("sql/extensions.sql"),
            Kind::Collations => include_str!("sql/collations.sql"),
            Kind::Enums => include_str!("sql/enums.sql"),
            Kind::Domains => include_str!("sql/domains.sql"),
            Kind::DomainChecks => include_str!("sql/domain_checks.sql"),
            Kind::Composites => include_str!("sql/composites.sql"),
            Kind::Ranges => include_str!("sql/ranges.sql"),
            Kind::Sequences => include_str!("sql/sequences.sql"),
            Kind::Relations => include_str!("sql/relations.sql"),
            Kind::Columns => include_str!("sql/columns.sql"),
            Kind::Constraints => include_str!("sql/constraints.sql"),
            Kind::Indexes => include_str!("sql/indexes.sql"),
            Kind::Triggers => include_str!("sql/triggers.sql"),
            Kind::Policies => include_str!("sql/policies.sql"),
            Kind::Functions => include_str!("sql/functions.sql"),
            Kind::Aggregates => include_str!("sql/aggregates.sql"),
            Kind::DefaultPrivileges => include_str!("sql/default_privileges.sql"),
            Kind::Defined => include_str!("sql/defined.sql"),
            Kind::Publications => include_str!("sql/publications.sql"),
            Kind::EventTriggers => include_str!("sql/event_triggers.sql"),
            Kind::AccessMethods => include_str!("sql/access_methods.sql"),
            Kind::Owners => include_str!("sql/owners.sql"),
            Kind::Depends => include_str!("sql/depends.sql"),
        }
    }
}

const NAMESPACES: &str = include_str!("sql/namespaces.sql");

/// The SQL text of every query for one server version.
pub(super) struct Queries {
    sql: Vec<String>,
}

impl Queries {
    /// The queries read catalog columns that PostgreSQL 13 to 18 all have, except where a
    /// fragment here stands in (`@COMPRESSION@`: `attcompression` is 14+; `@NOTNULLNAME@`: a
    /// column's NOT NULL constraint row is 18+; `@MULTIRANGE@`:
    /// `rngmultitypid` is 14+; `@PUBREL@` and `@PUBNS@`: publication column lists, row filters
    /// and schemas are 15+). The other catalog
    /// changes in that range (NOT NULL and domain NOT NULL rows in pg_constraint on 17/18)
    /// are handled by filtering on `contype`, which needs no branch.
    pub(super) fn new(version: i32) -> Self {
        let compression = if version >= 140000 {
            "CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' END"
        } else {
            "NULL::text"
        };
        let multirange = if version >= 140000 {
            "(SELECT mn.nspname::text FROM pg_type m JOIN pg_namespace mn ON mn.oid = m.typnamespace \
             WHERE m.oid = r.rngmultitypid) AS multirange_schema, \
             (SELECT m.typname::text FROM pg_type m WHERE m.oid = r.rngmultitypid) AS multirange_name"
        } else {
            "NULL::text AS multirange_schema, NULL::text AS multirange_name"
        };
        // A column's NOT NULL is a named pg_constraint row on 18+ (on 17 too, for domains
        // only, which are read elsewhere).
        let not_null_name = if version >= 180000 {
            "(SELECT k.conname::text FROM pg_constraint k WHERE k.conrelid = a.attrelid \
             AND k.contype = 'n' AND k.conkey[1] = a.attnum)"
        } else {
            "NULL::text"
        };
        let (pubrel, pubns) = publication_fragments(version);
        let sql = ALL
            .iter()
            .map(|kind| {
                kind.template()
                    .replace("@NS@", NAMESPACES)
                    .replace("@COMPRESSION@", compression)
                    .replace("@NOTNULLNAME@", not_null_name)
                    .replace("@MULTIRANGE@", multirange)
                    .replace("@PUBREL@", pubrel)
                    .replace("@PUBNS@", pubns)
            })
            .collect();
        Self { sql }
    }

    pub(super) fn sql(&self, kind: Kind) -> &str {
        // `ALL` is in declaration order (tested below), so the discriminant is the index.
        &self.sql[kind as usize]
    }
}

/// A publication member's column list (names, sorted), row filter and the columns either
/// names (from pg_depend), and the publications' schemas: PostgreSQL 15+.
fn publication_fragments(version: i32) -> (&'static str, &'static str) {
    if version >= 150000 {
        (
            "(SELECT json_agg(a.attname::text ORDER BY a.attname) FROM pg_attribute a \
             WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs::int2[])) AS columns, \
             pg_get_expr(pr.prqual, pr.prrelid) AS row_filter, \
             (SELECT json_agg(DISTINCT a.attname::text) FROM pg_depend dp \
             JOIN pg_attribute a ON a.attrelid = dp.refobjid AND a.attnum = dp.refobjsubid \
             WHERE dp.classid = 'pg_publication_rel'::regclass AND dp.objid = pr.oid \
             AND dp.refclassid = 'pg_class'::regclass AND dp.refobjsubid > 0) AS filter_columns",
            "SELECT pn.pnpubid AS pubid, pn.pnnspid AS nspid FROM pg_publication_namespace pn",
        )
    } else {
        (
            "NULL::json AS columns, NULL::text AS row_filter, NULL::json AS filter_columns",
            "SELECT NULL::oid AS pubid, NULL::oid AS nspid WHERE false",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_declaration_order() {
        for (index, kind) in ALL.iter().enumerate() {
            assert_eq!(*kind as usize, index);
        }
    }

    #[test]
    fn every_query_gets_the_namespace_filter() {
        let queries = Queries::new(150000);
        for kind in ALL {
            let sql = queries.sql(kind);
            assert!(!sql.contains('@'), "{} left a placeholder", kind.name());
            assert!(
                sql.contains("$2::text[]"),
                "{} is not filtered",
                kind.name()
            );
        }
    }
}
