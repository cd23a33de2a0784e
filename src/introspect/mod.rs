//! Introspection: read a live database's managed schema into a [`Catalog`].
//!
//! Both sides of every diff come through here (DESIGN decision 1), so everything the server
//! can print itself is read as the server prints it, under one fixed set of session settings:
//! an empty `search_path` (every name comes out schema-qualified) and fixed output styles
//! (dates, intervals, floats, time zone), so the same schema in two databases reads equal.
//!
//! One query per object kind for the whole database (the `.sql` files beside this module),
//! all run in one REPEATABLE READ snapshot and pipelined on the one connection.

mod assemble;
mod depends;
mod queries;
mod relations;
mod row;
mod stats;

pub use stats::table_stats;

use crate::bookkeeping::{never_introspected_schemas, strip_runner_tables};
use crate::model::Catalog;
use futures_util::TryStreamExt;
use queries::{Kind, Queries};
use row::R;
use tokio_postgres::Client;
use tokio_postgres::types::ToSql;

/// Which schemas to read. Both lists name schemas exactly (no patterns). Whatever they say,
/// schemadiff's own bookkeeping schemas (`bookkeeping::UNMANAGED_SCHEMAS`) and the migration runners'
/// (`bookkeeping::RUNNER_SCHEMAS`, `bookkeeping::RUNNER_TABLES`) are never read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Keep only these schemas; empty keeps every non-system schema.
    pub include_schemas: Vec<String>,
    /// Leave these schemas out (applied after `include_schemas`).
    pub exclude_schemas: Vec<String>,
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
        queries: &queries,
        params: &params,
    };
    // tokio-postgres pipelines requests from futures polled together on one connection.
    // Each query's rows are decoded as they arrive and dropped: holding every `Row` until
    // the last query answered doubled the memory of a big catalog (docs/benchmarks.md).
    let (
        schemas,
        extensions,
        collations,
        enums,
        domains,
        domain_checks,
        composites,
        ranges,
        sequences,
        relations,
        columns,
        constraints,
        indexes,
        triggers,
        policies,
        functions,
        default_privileges,
        defined,
        depends,
    ) = tokio::try_join!(
        run.each(Kind::Schemas, assemble::schema),
        run.each(Kind::Extensions, assemble::extension),
        run.each(Kind::Collations, assemble::collation),
        run.each(Kind::Enums, assemble::enum_type),
        run.each(Kind::Domains, assemble::domain),
        run.each(Kind::DomainChecks, assemble::domain_check),
        run.each(Kind::Composites, assemble::composite),
        run.each(Kind::Ranges, assemble::range),
        run.each(Kind::Sequences, assemble::sequence),
        run.each(Kind::Relations, relations::relation),
        run.each(Kind::Columns, relations::column),
        run.each(Kind::Constraints, relations::constraint),
        run.each(Kind::Indexes, relations::index),
        run.each(Kind::Triggers, relations::trigger),
        run.each(Kind::Policies, relations::policy),
        run.each(Kind::Functions, assemble::function),
        run.each(Kind::DefaultPrivileges, assemble::default_privileges),
        run.each(Kind::Defined, relations::defined),
        run.each(Kind::Depends, depends::edge),
    )?;
    let (mut catalog, att_names) = assemble::Records {
        schemas,
        extensions,
        collations,
        enums,
        domains,
        domain_checks,
        composites,
        ranges,
        sequences,
        relations,
        columns,
        constraints,
        indexes,
        triggers,
        policies,
        defined,
        functions,
    }
    .into_catalog()?;
    catalog.default_privileges = default_privileges;
    catalog
        .default_privileges
        .sort_by(|a, b| a.key().cmp(&b.key()));
    depends::attach(&mut catalog, depends, &att_names)?;
    Ok(catalog)
}

/// What every query of one introspection shares: the connection, the SQL and the parameters.
struct Run<'a> {
    client: &'a Client,
    queries: &'a Queries,
    params: &'a [&'a (dyn ToSql + Sync); 2],
}

impl Run<'_> {
    /// Run one query and `decode` each row as it arrives into an owned record.
    async fn each<T>(
        &self,
        kind: Kind,
        decode: impl Fn(&R<'_>) -> Result<T, IntrospectError>,
    ) -> Result<Vec<T>, IntrospectError> {
        let failed = |source| IntrospectError::Query {
            query: kind.name(),
            source,
        };
        let rows = self
            .client
            .query_raw(self.queries.sql(kind), self.params.iter().copied())
            .await
            .map_err(failed)?;
        let mut rows = std::pin::pin!(rows);
        let mut out = Vec::new();
        while let Some(row) = rows.try_next().await.map_err(failed)? {
            out.push(decode(&R::new(kind.name(), &row))?);
        }
        Ok(out)
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
        };
        assert_eq!(
            f.excluded(),
            ["audit", "schemadiff_backup", "schemadiff", "sqitch"]
        );
    }
}
