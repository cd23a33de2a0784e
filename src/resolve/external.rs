//! What the desired state uses but does not manage (issue 11, "managed scope"):
//! - objects its `-- schemadiff:external` statements create are left out of both catalogs,
//!   so they are never created, changed or dropped;
//! - with `--schema` / `--exclude-schema`, what lies outside the managed schemas on the live
//!   side is copied into the shadow first, so desired files may refer to it (a shared
//!   schema's tables, an extension installed in another schema) without declaring it.

use crate::dump;
use crate::error::Error;
use crate::introspect::{Filter, introspect};
use crate::model::Catalog;
use crate::source::{Namespace, ObjectName, Statement};
use tokio_postgres::Client;

/// Leave the objects named out of `catalog`. A relation name may be a table, view,
/// sequence or an index of any table in its schema; a function name means every overload.
pub fn strip(catalog: &mut Catalog, names: &[ObjectName]) {
    for ObjectName { namespace, name } in names {
        match namespace {
            Namespace::Schema => {
                catalog.schemas.remove(&name.schema);
            }
            Namespace::Extension => {
                catalog.extensions.remove(&name.name);
            }
            Namespace::Relation => {
                catalog.tables.remove(name);
                catalog.views.remove(name);
                catalog.sequences.remove(name);
                for t in catalog.tables.values_mut() {
                    if t.name.schema == name.schema {
                        t.indexes.remove(&name.name);
                    }
                }
                for v in catalog.views.values_mut() {
                    if v.name.schema == name.schema {
                        v.indexes.remove(&name.name);
                    }
                }
            }
            Namespace::Type => {
                catalog.enums.remove(name);
                catalog.domains.remove(name);
                catalog.composites.remove(name);
                catalog.ranges.remove(name);
            }
            Namespace::Function => catalog
                .functions
                .retain(|id, _| !(id.schema == name.schema && id.name == name.name)),
            Namespace::Publication => {
                catalog.publications.remove(&name.name);
            }
            Namespace::EventTrigger => {
                catalog.event_triggers.remove(&name.name);
            }
            Namespace::AccessMethod => {
                catalog.access_methods.remove(&name.name);
            }
        }
    }
}

/// The filter of the schemas outside `filter`'s that the desired statements refer to, or
/// `None` when there are none (or `filter` keeps every schema). Only those are read: a
/// scope of one schema in a database of thousands must not copy the rest.
pub fn outside(filter: &Filter, statements: &[Statement]) -> Option<Filter> {
    if filter.include_schemas.is_empty() && filter.exclude_schemas.is_empty() {
        return None;
    }
    let managed = |s: &str| {
        (filter.include_schemas.is_empty() || filter.include_schemas.iter().any(|i| i == s))
            && !filter.exclude_schemas.iter().any(|e| e == s)
    };
    // What the files make themselves is not copied (it would exist twice).
    let created: std::collections::HashSet<&ObjectName> =
        statements.iter().flat_map(|s| &s.creates).collect();
    let mut schemas: Vec<String> = statements
        .iter()
        .flat_map(|s| &s.references)
        .filter(|r| r.namespace != Namespace::Extension && !created.contains(r))
        .filter(|r| !created.contains(&ObjectName::schema(r.name.schema.clone())))
        .map(|r| r.name.schema.clone())
        .filter(|s| !s.is_empty() && s != "pg_catalog" && !managed(s))
        .collect();
    schemas.sort();
    schemas.dedup();
    (!schemas.is_empty()).then(|| Filter {
        include_schemas: schemas,
        exclude_schemas: Vec::new(),
        // What the files use outside scope is copied into the shadow as it is, not owned.
        owners: false,
    })
}

/// The live side's objects in the schemas outside the managed ones that `statements` refer
/// to, read on its connection.
pub async fn read_outside(
    live: &Client,
    filter: &Filter,
    statements: &[Statement],
) -> Result<Option<Catalog>, Error> {
    let Some(outside) = outside(filter, statements) else {
        return Ok(None);
    };
    let mut catalog = introspect(live, &outside).await?;
    // Publications, event triggers, access methods and default privileges belong to the
    // database, not to an outside schema: copied into the shadow, they would be read back as
    // desired state (and event triggers would fire on the desired files' DDL).
    catalog.publications.clear();
    catalog.event_triggers.clear();
    catalog.access_methods.clear();
    catalog.default_privileges.clear();
    let empty = catalog.schemas.is_empty() && catalog.extensions.is_empty();
    Ok((!empty).then_some(catalog))
}

/// Copy what lies outside the managed schemas into a shadow before the desired files are
/// loaded. Best effort, statement by statement: an outside object that cannot be made
/// there (it uses a managed object the files have not created yet) is left out, since the
/// files can only refer to what could be made. Returns how many statements were left out.
pub async fn load_outside(shadow: &Client, outside: &Catalog) -> Result<usize, Error> {
    let mut left_out = 0;
    // The dump is in dependency order, qualifies every name and sets nothing, so each
    // statement runs as it is.
    for s in dump::dump(outside)? {
        if shadow.batch_execute(&s.sql).await.is_err() {
            left_out += 1;
        }
    }
    Ok(left_out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_referenced_schemas_outside_the_scope_are_read() {
        let statements = crate::source::read_bytes(
            std::path::Path::new("to.sql"),
            b"CREATE TABLE public.orders (id int, user_id int REFERENCES shared.users (id), \
              note shared.citext, at audit.stamp);\n\
              CREATE VIEW public.v AS SELECT * FROM public.orders JOIN shared.active USING (id);",
        )
        .unwrap();
        let scope = Filter {
            include_schemas: vec!["public".into()],
            exclude_schemas: vec![],
            owners: false,
        };
        let outside = outside(&scope, &statements).unwrap();
        assert_eq!(outside.include_schemas, ["audit", "shared"]);
        let excluded = Filter {
            include_schemas: vec![],
            exclude_schemas: vec!["shared".into()],
            owners: false,
        };
        assert_eq!(
            super::outside(&excluded, &statements)
                .unwrap()
                .include_schemas,
            ["shared"]
        );
        assert!(super::outside(&Filter::default(), &statements).is_none());
        // A schema the files make themselves is theirs, in scope or not.
        let own = crate::source::read_bytes(
            std::path::Path::new("to.sql"),
            b"CREATE SCHEMA audit; CREATE TABLE audit.stamp (id int);\n\
              CREATE VIEW public.v AS SELECT * FROM audit.stamp;",
        )
        .unwrap();
        assert!(super::outside(&scope, &own).is_none());
    }
}
