//! Introspection: read a live database's managed schema into a [`Catalog`].
//!
//! Both sides of every diff come through here (DESIGN decision 1), so everything the server
//! can print itself is read as the server prints it, under one fixed set of session settings:
//! an empty `search_path` (every name comes out schema-qualified) and fixed output styles
//! (dates, intervals, floats, time zone), so the same schema in two databases reads equal.
//!
//! One query per object kind for the whole database (the `.sql` files beside this module),
//! all prepared at once and run one after the other in one REPEATABLE READ snapshot on the one
//! connection, each row put into the catalog as it arrives.

mod assemble;
mod build;
mod depends;
mod event_triggers;
mod owners;
mod publications;
mod queries;
mod relations;
mod row;
mod stats;

pub use stats::table_stats;

/// Every catalog query as `introspect` runs it against a server of `version`
/// (`server_version_num`), with its name: for profiles (the bench), so that they can never
/// drift from the library's list or its per-version fragments.
pub fn query_texts(version: i32) -> Vec<(&'static str, String)> {
    let queries = Queries::new(version);
    queries::ALL
        .iter()
        .map(|&kind| (kind.name(), queries.sql(kind).to_string()))
        .collect()
}

use crate::bookkeeping::{never_introspected_schemas, strip_runner_tables};
use crate::model::Catalog;
use futures_util::TryStreamExt;
use queries::{ALL, Kind, Queries};
use row::R;
use std::future::Future;
use std::task::Poll;
use tokio_postgres::types::ToSql;
use tokio_postgres::{Client, Statement};

/// Which schemas to read. Both lists name schemas exactly (no patterns). Whatever they say,
/// schemadiff's own bookkeeping schemas (`bookkeeping::UNMANAGED_SCHEMAS`) and the migration runners'
/// (`bookkeeping::RUNNER_SCHEMAS`, `bookkeeping::RUNNER_TABLES`) are never read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep only these schemas; empty keeps every non-system schema.
    pub include_schemas: Vec<String>,
    /// Leave these schemas out (applied after `include_schemas`).
    pub exclude_schemas: Vec<String>,
    /// Read the owners too (`--owners`; `Catalog.owners`). Off, no owner is read or
    /// compared, and the catalog is what it was before owners were managed.
    pub owners: bool,
}

impl Filter {
    /// The schemas the queries leave out: `exclude_schemas` and the bookkeeping schemas.
    fn excluded(&self) -> Vec<String> {
        let mut out = self.exclude_schemas.clone();
        for s in never_introspected_schemas() {
            if !out.iter().any(|e| e == s) {
                out.push(s.to_string());
            }
        }
        out
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IntrospectError {
    #[error("introspection query `{query}` failed: {source}")]
    Query {
        query: &'static str,
        #[source]
        source: tokio_postgres::Error,
    },
    #[error("PostgreSQL server version {0} is not supported: schemadiff needs 13 or newer")]
    UnsupportedVersion(i32),
    #[error("unexpected result from introspection query `{query}`: {message}")]
    Decode {
        query: &'static str,
        message: String,
    },
}

/// The oldest server whose catalogs the queries are written for.
const MIN_SERVER_VERSION: i32 = 130000;

/// Session settings for the snapshot. `search_path = ''` makes the deparsers qualify every
/// name; the rest pin how constants in defaults, checks and view bodies are printed, which
/// otherwise follows each server's (or role's) configuration. `work_mem` keeps the hash
/// joins over whole catalogs of a big database in memory. `jit = off`: on a large schema
/// the dependency query's estimated cost crosses `jit_above_cost` and compiling it took
/// ~0.3 s of its 2 s (examples/bench.rs, 10,000 tables); catalog queries never gain from JIT.
const SNAPSHOT_SETUP: &str = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
SET LOCAL search_path = '';
SET LOCAL jit = off;
SET LOCAL datestyle = 'ISO, YMD';
SET LOCAL intervalstyle = 'postgres';
SET LOCAL extra_float_digits = 3;
SET LOCAL timezone = 'UTC';
SET LOCAL quote_all_identifiers = off;
SET LOCAL work_mem = '64MB';";

/// Read the whole managed schema of the database `client` is connected to.
///
/// Runs its own transaction on `client`, so the client must not be inside one.
pub async fn introspect(client: &Client, filter: &Filter) -> Result<Catalog, IntrospectError> {
    let version = server_version(client).await?;
    if version < MIN_SERVER_VERSION {
        return Err(IntrospectError::UnsupportedVersion(version));
    }
    client
        .batch_execute(SNAPSHOT_SETUP)
        .await
        .map_err(|source| IntrospectError::Query {
            query: "begin snapshot",
            source,
        })?;
    let result = read_catalog(client, filter, version).await;
    // A read-only transaction has nothing to keep: end it the same way on success and error.
    let end = client.batch_execute("ROLLBACK").await;
    let mut catalog = result?;
    strip_runner_tables(&mut catalog);
    catalog.keep_owners_of_objects();
    end.map_err(|source| IntrospectError::Query {
        query: "end snapshot",
        source,
    })?;
    Ok(catalog)
}

async fn server_version(client: &Client) -> Result<i32, IntrospectError> {
    let query = "server version";
    let row = client
        .query_one("SELECT current_setting('server_version_num')::int4", &[])
        .await
        .map_err(|source| IntrospectError::Query { query, source })?;
    row.try_get(0).map_err(|e| IntrospectError::Decode {
        query,
        message: e.to_string(),
    })
}

async fn read_catalog(
    client: &Client,
    filter: &Filter,
    version: i32,
) -> Result<Catalog, IntrospectError> {
    let queries = Queries::new(version);
    let excluded = filter.excluded();
    let params: [&(dyn ToSql + Sync); 2] = [&filter.include_schemas, &excluded];
    let run = Run {
        client,
        statements: prepare_all(client, &queries).await?,
        params: &params,
    };
    // One query after the other, each row put into the catalog as it arrives and dropped:
    // holding every query's rows (later, every query's decoded records) until the last one
    // answered doubled the memory of a big catalog (docs/benchmarks.md). The order is
    // `Kind`'s: relations before their members, domains before their checks, dependencies
    // last. Running them one at a time costs a round trip per query, not server time: on
    // one connection the server runs pipelined queries one after the other anyway.
    let mut b = build::Builder::default();
    run.each(Kind::Schemas, |r| {
        let (name, schema) = assemble::schema(r)?;
        b.catalog().schemas.insert(name, schema);
        Ok(())
    })
    .await?;
    run.each(Kind::Extensions, |r| {
        let (name, extension) = assemble::extension(r)?;
        b.catalog().extensions.insert(name, extension);
        Ok(())
    })
    .await?;
    run.each(Kind::Collations, |r| {
        let (name, collation) = assemble::collation(r)?;
        b.catalog().collations.insert(name, collation);
        Ok(())
    })
    .await?;
    run.each(Kind::Enums, |r| {
        let (name, value) = assemble::enum_type(r)?;
        b.catalog().enums.insert(name, value);
        Ok(())
    })
    .await?;
    run.each(Kind::Domains, |r| {
        b.domain(assemble::domain(r)?);
        Ok(())
    })
    .await?;
    run.each(Kind::DomainChecks, |r| {
        b.domain_check(assemble::domain_check(r)?)
    })
    .await?;
    b.domains_done();
    run.each(Kind::Composites, |r| {
        let (name, value) = assemble::composite(r)?;
        b.catalog().composites.insert(name, value);
        Ok(())
    })
    .await?;
    run.each(Kind::Ranges, |r| {
        let (name, value) = assemble::range(r)?;
        b.catalog().ranges.insert(name, value);
        Ok(())
    })
    .await?;
    run.each(Kind::Sequences, |r| {
        let (name, value) = assemble::sequence(r)?;
        b.catalog().sequences.insert(name, value);
        Ok(())
    })
    .await?;
    run.each(Kind::Relations, |r| {
        b.relation(relations::relation(r)?);
        Ok(())
    })
    .await?;
    b.relations_done();
    run.each(Kind::Columns, |r| b.column(relations::column(r)?))
        .await?;
    b.columns_done()?;
    run.each(Kind::Constraints, |r| {
        b.constraint(relations::constraint(r)?)
    })
    .await?;
    run.each(Kind::Indexes, |r| b.index(relations::index(r)?))
        .await?;
    run.each(Kind::Triggers, |r| b.trigger(relations::trigger(r)?))
        .await?;
    run.each(Kind::Policies, |r| b.policy(relations::policy(r)?))
        .await?;
    run.each(Kind::Defined, |r| b.defined(relations::defined(r)?))
        .await?;
    b.members_done();
    run.each(Kind::Functions, |r| {
        let (id, function) = assemble::function(r)?;
        b.catalog().functions.insert(id, function);
        Ok(())
    })
    .await?;
    run.each(Kind::Aggregates, |r| {
        let (id, function) = assemble::function(r)?;
        b.catalog().functions.insert(id, function);
        Ok(())
    })
    .await?;
    run.each(Kind::DefaultPrivileges, |r| {
        let entry = assemble::default_privileges(r)?;
        b.catalog().default_privileges.push(entry);
        Ok(())
    })
    .await?;
    b.catalog()
        .default_privileges
        .sort_by(|x, y| x.key().cmp(&y.key()));
    run.each(Kind::Publications, |r| {
        let p = publications::publication(r)?;
        b.catalog().publications.insert(p.name.clone(), p);
        Ok(())
    })
    .await?;
    run.each(Kind::EventTriggers, |r| {
        let e = event_triggers::event_trigger(r)?;
        b.catalog().event_triggers.insert(e.name.clone(), e);
        Ok(())
    })
    .await?;
    run.each(Kind::AccessMethods, |r| {
        let a = event_triggers::access_method(r)?;
        b.catalog().access_methods.insert(a.name.clone(), a);
        Ok(())
    })
    .await?;
    run.each(Kind::Depends, |r| b.edge(depends::edge(r)?))
        .await?;
    let mut catalog = b.finish();
    if filter.owners {
        run.each(Kind::Owners, |r| {
            let o = owners::owner(r)?;
            catalog.owners.insert(o.object.clone(), o);
            Ok(())
        })
        .await?;
    }
    Ok(catalog)
}

/// Prepare every query at once: tokio-postgres pipelines the requests of futures polled
/// together on one connection, so this is one round trip, not fifteen.
async fn prepare_all(
    client: &Client,
    queries: &Queries,
) -> Result<Vec<Statement>, IntrospectError> {
    let mut pending: Vec<_> = ALL
        .iter()
        .map(|&kind| (kind, Box::pin(client.prepare(queries.sql(kind)))))
        .collect();
    let mut prepared: Vec<Option<Statement>> = vec![None; pending.len()];
    std::future::poll_fn(|cx| {
        for ((kind, future), slot) in pending.iter_mut().zip(prepared.iter_mut()) {
            if slot.is_none()
                && let Poll::Ready(result) = future.as_mut().poll(cx)
            {
                *slot = Some(result.map_err(|source| IntrospectError::Query {
                    query: kind.name(),
                    source,
                })?);
            }
        }
        if prepared.iter().all(Option::is_some) {
            Poll::Ready(Ok(()))
        } else {
            Poll::Pending
        }
    })
    .await?;
    Ok(prepared.into_iter().flatten().collect())
}

/// What every query of one introspection shares: the connection, the statements and the
/// parameters.
struct Run<'a> {
    client: &'a Client,
    /// In `Kind`'s order.
    statements: Vec<Statement>,
    params: &'a [&'a (dyn ToSql + Sync); 2],
}

impl Run<'_> {
    /// Run one query and hand each row to `put` as it arrives.
    async fn each(
        &self,
        kind: Kind,
        mut put: impl FnMut(&R<'_>) -> Result<(), IntrospectError>,
    ) -> Result<(), IntrospectError> {
        let failed = |source| IntrospectError::Query {
            query: kind.name(),
            source,
        };
        let rows = self
            .client
            .query_raw(&self.statements[kind as usize], self.params.iter().copied())
            .await
            .map_err(failed)?;
        let mut rows = std::pin::pin!(rows);
        while let Some(row) = rows.try_next().await.map_err(failed)? {
            put(&R::new(kind.name(), &row))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookkeeping_schemas_are_always_left_out() {
        assert_eq!(
            Filter::default().excluded(),
            ["schemadiff", "schemadiff_backup", "sqitch"]
        );
        // Including one does not bring it in; excluding one again does not repeat it.
        let f = Filter {
            include_schemas: vec!["schemadiff".into(), "app".into()],
            exclude_schemas: vec!["audit".into(), "schemadiff_backup".into()],
            owners: false,
        };
        assert_eq!(
            f.excluded(),
            ["audit", "schemadiff_backup", "schemadiff", "sqitch"]
        );
    }
}
