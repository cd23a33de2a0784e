//! Tables: CREATE (without any constraint: those are added separately so that foreign keys,
//! checks calling functions and the like can be ordered), DROP, partitions and table options.

use super::{column, reloption_names, reloptions};
use crate::model::{PartitionOf, QualifiedName, ReplicaIdentity, Table, quote_ident};

/// The CREATE TABLE statement, laid out like pg_dump:
///
/// ```text
/// CREATE [UNLOGGED] TABLE name (
///     col type ...,
///     ...
/// ) [INHERITS (p, ...)] [PARTITION BY key] [USING am] [WITH (opts)]
/// ```
///
/// or, for a partition, `CREATE TABLE name PARTITION OF parent bound [PARTITION BY ..]
/// [WITH (..)]` with no column list (a partition has exactly its parent's columns; locally
/// changed defaults and NOT NULL come from [`inherited_column_alters`]).
/// Columns that exist only through inheritance are left out: the parent brings them.
/// No constraints here: see `ddl::constraint`.
pub fn create(t: &Table) -> String {
    let unlogged = if t.unlogged { "UNLOGGED " } else { "" };
    let mut sql = format!("CREATE {unlogged}TABLE {}", t.name);
    if let Some(p) = &t.partition_of {
        sql.push_str(&format!(" PARTITION OF {} {}", p.parent, p.bound));
    } else {
        let cols: Vec<String> = t
            .columns
            .iter()
            .filter(|c| !c.inherited)
            .map(|c| format!("    {}", column::definition(c)))
            .collect();
        sql.push_str(" (\n");
        if !cols.is_empty() {
            sql.push_str(&cols.join(",\n"));
            sql.push('\n');
        }
        sql.push(')');
        if !t.inherits.is_empty() {
            let parents: Vec<String> = t.inherits.iter().map(|p| p.to_string()).collect();
            sql.push_str(&format!(" INHERITS ({})", parents.join(", ")));
        }
    }
    if let Some(key) = &t.partition_key {
        sql.push_str(&format!(" PARTITION BY {key}"));
    }
    sql.push_str(&super::access_method::using(t.access_method.as_deref()));
    if !t.options.is_empty() {
        sql.push_str(&format!(" WITH {}", reloptions(&t.options)));
    }
    sql
}

/// [`create`] for a table whose `parents` are given (the partition parent, or the INHERITS
/// parents): a `heap` partition of a partitioned table that has an access method says
/// `USING heap`, since without it it would take its parent's (PostgreSQL 17+).
pub fn create_among(t: &Table, parents: &[&Table]) -> String {
    let parent_am = t.partition_of.is_some() && parents.iter().any(|p| p.access_method.is_some());
    if parent_am && t.access_method.is_none() {
        let mut heap = t.clone();
        heap.access_method = Some("heap".to_string());
        return create(&heap);
    }
    create(t)
}

/// Columns a child gets from its parents but changed locally: `SET DEFAULT`/`DROP DEFAULT`
/// where its default differs from the (first) parent's, `SET NOT NULL` where only the child
/// has it. `parents` are the partition parent or the INHERITS parents, in order.
/// A partition's columns all come from the parent, whatever their `inherited` flag says.
pub fn inherited_column_alters(t: &Table, parents: &[&Table]) -> Vec<String> {
    let mut out = Vec::new();
    for c in &t.columns {
        if !(c.inherited || t.partition_of.is_some()) {
            continue;
        }
        let Some(pc) = parents.iter().find_map(|p| p.column(&c.name)) else {
            continue;
        };
        if c.generated.is_none() && c.identity.is_none() && c.default != pc.default {
            out.push(match &c.default {
                Some(d) => column::set_default(&t.name, &c.name, d),
                None => column::drop_default(&t.name, &c.name),
            });
        }
        if c.not_null && !pc.not_null {
            out.push(column::set_not_null(&t.name, &c.name));
        }
    }
    out
}

/// `DROP TABLE name`
pub fn drop(name: &QualifiedName) -> String {
    format!("DROP TABLE {name}")
}

/// `ALTER TABLE parent ATTACH PARTITION child bound`
pub fn attach_partition(child: &QualifiedName, partition: &PartitionOf) -> String {
    format!(
        "ALTER TABLE {} ATTACH PARTITION {child} {}",
        partition.parent, partition.bound
    )
}

/// `ALTER TABLE parent DETACH PARTITION child [CONCURRENTLY]`
pub fn detach_partition(
    parent: &QualifiedName,
    child: &QualifiedName,
    concurrently: bool,
) -> String {
    let c = if concurrently { " CONCURRENTLY" } else { "" };
    format!("ALTER TABLE {parent} DETACH PARTITION {child}{c}")
}

/// `ALTER TABLE t ENABLE ROW LEVEL SECURITY`
pub fn enable_rls(name: &QualifiedName) -> String {
    format!("ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")
}

/// `ALTER TABLE t DISABLE ROW LEVEL SECURITY`
pub fn disable_rls(name: &QualifiedName) -> String {
    format!("ALTER TABLE {name} DISABLE ROW LEVEL SECURITY")
}

/// `ALTER TABLE t FORCE ROW LEVEL SECURITY`
pub fn force_rls(name: &QualifiedName) -> String {
    format!("ALTER TABLE {name} FORCE ROW LEVEL SECURITY")
}

/// `ALTER TABLE t NO FORCE ROW LEVEL SECURITY`
pub fn no_force_rls(name: &QualifiedName) -> String {
    format!("ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY")
}

/// `ALTER TABLE t REPLICA IDENTITY DEFAULT|NOTHING|FULL|USING INDEX i`
pub fn replica_identity(name: &QualifiedName, identity: &ReplicaIdentity) -> String {
    let what = match identity {
        ReplicaIdentity::Default => "DEFAULT".to_string(),
        ReplicaIdentity::Nothing => "NOTHING".to_string(),
        ReplicaIdentity::Full => "FULL".to_string(),
        ReplicaIdentity::Index(i) => format!("USING INDEX {}", quote_ident(i)),
    };
    format!("ALTER TABLE {name} REPLICA IDENTITY {what}")
}

/// `ALTER TABLE t SET (opt=value, ...)`; `options` must not be empty.
pub fn set_options(name: &QualifiedName, options: &[String]) -> String {
    format!("ALTER TABLE {name} SET {}", reloptions(options))
}

/// `ALTER TABLE t RESET (opt, ...)`; values in `options` are ignored; must not be empty.
pub fn reset_options(name: &QualifiedName, options: &[String]) -> String {
    format!("ALTER TABLE {name} RESET {}", reloption_names(options))
}

/// `ALTER TABLE t SET LOGGED|UNLOGGED` (rewrites the table).
pub fn set_logged(name: &QualifiedName, logged: bool) -> String {
    let mode = if logged { "LOGGED" } else { "UNLOGGED" };
    format!("ALTER TABLE {name} SET {mode}")
}

/// `ALTER TABLE t INHERIT parent`
pub fn inherit(name: &QualifiedName, parent: &QualifiedName) -> String {
    format!("ALTER TABLE {name} INHERIT {parent}")
}

/// `ALTER TABLE t NO INHERIT parent`
pub fn no_inherit(name: &QualifiedName, parent: &QualifiedName) -> String {
    format!("ALTER TABLE {name} NO INHERIT {parent}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ddl::{fixtures, snap};

    #[test]
    fn create_table_variants() {
        let c = fixtures::catalog();
        let get = |s: &str, n: &str| &c.tables[&QualifiedName::new(s, n)];
        let mut empty = get("public", "Order Items").clone();
        empty.columns.clear();
        empty.options.clear();
        let events = get("public", "events");
        let part = get("public", "events_2024");
        let child = get("app", "audit_child");
        let parent = get("app", "audit");
        let mut out = vec![
            create(get("public", "orders")),
            create(get("public", "Order Items")),
            create(&empty),
            create(events),
            create(part),
            create(get("public", "events_default")),
            create(parent),
            create(child),
        ];
        out.extend(inherited_column_alters(part, &[events]));
        out.extend(inherited_column_alters(child, &[parent]));
        snap!("table_create", out.join("\n\n"));
    }

    #[test]
    fn table_alters() {
        let n = QualifiedName::new("public", "Orders");
        let p = PartitionOf {
            parent: QualifiedName::new("public", "events"),
            bound: "FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2026-01-01 00:00:00+00')"
                .into(),
        };
        let opts = vec![
            "fillfactor=70".to_string(),
            "toast.autovacuum_enabled=off".to_string(),
        ];
        snap!(
            "table_alter",
            [
                drop(&n),
                attach_partition(&QualifiedName::new("public", "events_2025"), &p),
                detach_partition(
                    &p.parent,
                    &QualifiedName::new("public", "events_2025"),
                    false
                ),
                detach_partition(
                    &p.parent,
                    &QualifiedName::new("public", "events_2025"),
                    true
                ),
                enable_rls(&n),
                disable_rls(&n),
                force_rls(&n),
                no_force_rls(&n),
                replica_identity(&n, &ReplicaIdentity::Default),
                replica_identity(&n, &ReplicaIdentity::Nothing),
                replica_identity(&n, &ReplicaIdentity::Full),
                replica_identity(&n, &ReplicaIdentity::Index("Orders_pkey".into())),
                set_options(&n, &opts),
                reset_options(&n, &opts),
            ]
            .join("\n")
        );
    }
}
