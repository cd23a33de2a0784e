//! Live table sizes for impact estimates: `pg_class.reltuples` and `pg_total_relation_size`
//! (a partitioned table's are its partitions' sums). Kept apart from the catalog: statistics
//! change without the schema changing, and must never make two schemas differ.

use crate::model::QualifiedName;
use tokio_postgres::Client;

const SQL: &str = "
SELECT n.nspname, c.relname,
       CASE WHEN c.relkind = 'p' THEN
            (SELECT coalesce(sum(greatest(p.reltuples, 0)), -1)::float8
               FROM pg_partition_tree(c.oid) t JOIN pg_class p ON p.oid = t.relid
              WHERE t.isleaf)
       ELSE c.reltuples::float8 END,
       CASE WHEN c.relkind = 'p' THEN
            (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)::int8
               FROM pg_partition_tree(c.oid) t)
       ELSE pg_total_relation_size(c.oid) END
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  JOIN unnest($1::text[], $2::text[]) AS wanted(schema, name)
    ON wanted.schema = n.nspname AND wanted.name = c.relname
 WHERE c.relkind IN ('r', 'p', 'm')";

/// (table, estimated rows (negative: never analyzed), bytes) of those of `tables` that are
/// tables or materialized views. Only those: `pg_total_relation_size` looks at every file of
/// a relation, 3.4 s for all of a 10,000-table database (examples/bench.rs).
pub async fn table_stats(
    client: &Client,
    tables: &[QualifiedName],
) -> Result<Vec<(QualifiedName, f64, i64)>, tokio_postgres::Error> {
    let schemas: Vec<&str> = tables.iter().map(|t| t.schema.as_str()).collect();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    Ok(client
        .query(SQL, &[&schemas, &names])
        .await?
        .iter()
        .map(|r| {
            (
                QualifiedName::new(r.get::<_, String>(0), r.get::<_, String>(1)),
                r.get::<_, f64>(2),
                r.get::<_, i64>(3),
            )
        })
        .collect())
}
