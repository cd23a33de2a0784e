//! Tables, their table-level properties and their columns.

use super::extras::extras;
use super::table_parts::diff_table_parts;
use super::{Change, merge_maps};
use crate::model::{Catalog, Column, ObjectId, QualifiedName, ReplicaIdentity, Table};
use std::collections::BTreeMap;

/// The table as `CREATE TABLE` makes it: columns (with defaults, NOT NULL, identity,
/// generated), persistence, partitioning, inheritance, access method and storage options; no constraints,
/// indexes, triggers, policies, statistics, rules, RLS, replica identity, comments or grants.
pub fn bare_table(t: &Table) -> Table {
    let mut bare = t.clone();
    bare.constraints.clear();
    bare.indexes.clear();
    bare.triggers.clear();
    bare.policies.clear();
    bare.defined.clear();
    bare.rls_enabled = false;
    bare.rls_forced = false;
    bare.replica_identity = ReplicaIdentity::Default;
    bare.comment = None;
    bare.grants.clear();
    for c in &mut bare.columns {
        c.comment = None;
        c.grants.clear();
        c.storage = None;
        c.compression = None;
    }
    bare
}

pub fn diff_tables(out: &mut Vec<Change>, from: &Catalog, to: &Catalog) {
    merge_maps(&from.tables, &to.tables, |name, f, t| match (f, t) {
        (None, Some(t)) => create_table(out, (to, to), t),
        (Some(f), None) => drop_table(out, (from, from), f),
        // Equal, and no parent whose columns it could inherit: nothing to compare (most
        // tables of a large schema, where this walk was a tenth of the plan's time).
        (Some(f), Some(t)) if f == t && f.inherits.is_empty() && f.partition_of.is_none() => {}
        (Some(f), Some(t)) => {
            if f.partition_key != t.partition_key {
                // Partitioning cannot be altered in place: the table is rebuilt (its data is
                // lost, which the planner flags as a hazard).
                drop_table(out, (from, from), f);
                create_table(out, (to, to), t);
            } else {
                alter_table(out, (from, to), name, f, t);
            }
        }
        (None, None) => {}
    });
}

fn create_table(out: &mut Vec<Change>, cats: (&Catalog, &Catalog), t: &Table) {
    let bare = bare_table(t);
    out.push(Change::CreateTable(bare.clone()));
    alter_table(out, cats, &t.name, &bare, t);
}

fn drop_table(out: &mut Vec<Change>, cats: (&Catalog, &Catalog), f: &Table) {
    let bare = bare_table(f);
    alter_table(out, cats, &f.name, f, &bare);
    out.push(Change::DropTable(bare));
}

fn alter_table(
    out: &mut Vec<Change>,
    (fcat, tcat): (&Catalog, &Catalog),
    name: &QualifiedName,
    f: &Table,
    t: &Table,
) {
    if f.partition_of != t.partition_of {
        if let Some(p) = &f.partition_of {
            out.push(Change::DetachPartition {
                table: name.clone(),
                partition: p.clone(),
            });
        }
        if let Some(p) = &t.partition_of {
            out.push(Change::AttachPartition {
                table: name.clone(),
                partition: p.clone(),
            });
        }
    }
    if f.unlogged != t.unlogged
        || f.rls_enabled != t.rls_enabled
        || f.rls_forced != t.rls_forced
        || f.replica_identity != t.replica_identity
        || f.options != t.options
        || f.inherits != t.inherits
    {
        out.push(Change::AlterTable {
            from: Box::new(bare_props(f)),
            to: Box::new(bare_props(t)),
        });
    }
    if f.access_method != t.access_method {
        out.push(Change::SetAccessMethod {
            relation: ObjectId::Table { name: name.clone() },
            from: f.access_method.clone(),
            to: t.access_method.clone(),
        });
    }
    diff_columns(out, name, (fcat, f), (tcat, t));
    diff_table_parts(out, name, f, t);
    let id = ObjectId::Table { name: name.clone() };
    extras(
        out,
        &id,
        Some((&f.comment, &f.grants)),
        Some((&t.comment, &t.grants)),
    );
}

/// A table's own properties for `AlterTable`, without the parts that change separately.
fn bare_props(t: &Table) -> Table {
    let mut p = bare_table(t);
    p.rls_enabled = t.rls_enabled;
    p.rls_forced = t.rls_forced;
    p.replica_identity = t.replica_identity.clone();
    p
}

fn columns_by_name(t: &Table) -> BTreeMap<String, Column> {
    t.columns
        .iter()
        .map(|c| (c.name.clone(), c.clone()))
        .collect()
}

/// The column as `ADD COLUMN` makes it: no comment, grants, storage or compression (those
/// are changes of their own).
fn bare_column(c: &Column) -> Column {
    let mut c = c.clone();
    c.comment = None;
    c.grants.clear();
    c.storage = None;
    c.compression = None;
    c
}

/// Storage and compression from `from`'s to `to`'s, when they differ.
fn storage(out: &mut Vec<Change>, table: &QualifiedName, from: &Column, to: &Column) {
    if from.storage != to.storage || from.compression != to.compression {
        out.push(Change::AlterColumnStorage {
            table: table.clone(),
            from: from.clone(),
            to: to.clone(),
        });
    }
}

/// The column of the same name in the table's (first) parent, if the parent has it.
fn parent_column<'a>(cat: &'a Catalog, t: &Table, name: &str) -> Option<&'a Column> {
    let parent = t
        .partition_of
        .as_ref()
        .map(|p| &p.parent)
        .or(t.inherits.first())?;
    cat.tables.get(parent)?.column(name)
}

fn diff_columns(
    out: &mut Vec<Change>,
    table: &QualifiedName,
    (fcat, ft): (&Catalog, &Table),
    (tcat, tt): (&Catalog, &Table),
) {
    let (fc, tc) = (columns_by_name(ft), columns_by_name(tt));
    merge_maps(&fc, &tc, |name, f, t| {
        // A column inherited on either side comes and goes with the parent (attaching a
        // table as a partition turns its columns into inherited ones); only its local
        // default and NOT NULL are the child's own.
        let inherited = f.is_some_and(|c| c.inherited) || t.is_some_and(|c| c.inherited);
        if inherited {
            // What the parent has, the child gets when the parent is altered (ALTER recurses):
            // only an override of the parent's default or NOT NULL is the child's own.
            if let (Some(f), Some(t)) = (f, t) {
                let (pf, pt) = (parent_column(fcat, ft, name), parent_column(tcat, tt, name));
                let own_default = |c: &Column, p: Option<&Column>| {
                    (p.map(|p| &p.default) != Some(&c.default)).then(|| c.default.clone())
                };
                let own_not_null =
                    |c: &Column, p: Option<&Column>| c.not_null && !p.is_some_and(|p| p.not_null);
                let (from, to) = (bare_column(f), bare_column(t));
                if own_default(f, pf) != own_default(t, pt) {
                    out.push(Change::AlterColumnDefault {
                        table: table.clone(),
                        from: from.clone(),
                        to: to.clone(),
                    });
                }
                if own_not_null(f, pf) != own_not_null(t, pt) {
                    out.push(Change::AlterColumnNotNull {
                        table: table.clone(),
                        from,
                        to,
                    });
                }
            }
            // A column of the parent's that goes takes the child's own default along: the
            // step lets go of it first, and its reverse sets it again once the column is back.
            // One that comes gets it after the parent's column is added.
            let own = |cat: &Catalog, tab: &Table, c: &Column| {
                parent_column(cat, tab, name).map(|p| &p.default) != Some(&c.default)
                    && c.default.is_some()
            };
            let lone = match (f, t) {
                (Some(f), None) if own(fcat, ft, f) => Some((bare_column(f), true)),
                (None, Some(t)) if own(tcat, tt, t) => Some((bare_column(t), false)),
                _ => None,
            };
            if let Some((c, going)) = lone {
                let none = Column {
                    default: None,
                    ..c.clone()
                };
                let (from, to) = if going { (c, none) } else { (none, c) };
                out.push(Change::AlterColumnDefault {
                    table: table.clone(),
                    from,
                    to,
                });
            }
            // SET COMPRESSION does not recurse (SET STORAGE does): an inherited column's
            // compression is its own. CREATE TABLE copies the parent's as it is then, which
            // may be before or after the plan changes the parent's.
            if let Some(t) = t.filter(|t| f.map(|f| &f.compression) != Some(&t.compression)) {
                let before = Column {
                    storage: t.storage.clone(),
                    compression: f.and_then(|f| f.compression.clone()),
                    ..t.clone()
                };
                if before.compression != t.compression {
                    storage(out, table, &before, t);
                }
            }
            return;
        }
        let id = ObjectId::Column {
            table: table.clone(),
            column: name.clone(),
        };
        let add = |out: &mut Vec<Change>, t: &Column| {
            out.push(Change::AddColumn {
                table: table.clone(),
                column: bare_column(t),
            });
            storage(out, table, &bare_column(t), t);
            extras(out, &id, None, Some((&t.comment, &t.grants)));
        };
        let drop = |out: &mut Vec<Change>, f: &Column| {
            extras(out, &id, Some((&f.comment, &f.grants)), None);
            storage(out, table, f, &bare_column(f));
            out.push(Change::DropColumn {
                table: table.clone(),
                column: bare_column(f),
            });
        };
        match (f, t) {
            (None, Some(t)) => add(out, t),
            (Some(f), None) => drop(out, f),
            (Some(f), Some(t))
                if f.generated != t.generated
                    || (f.generated.is_some()
                        && (f.type_name != t.type_name || f.collation != t.collation)) =>
            {
                // A generated column holds no data of its own: re-adding it recomputes it.
                drop(out, f);
                add(out, t);
            }
            (Some(f), Some(t)) => {
                let alter =
                    |out: &mut Vec<Change>, make: fn(QualifiedName, Column, Column) -> Change| {
                        out.push(make(table.clone(), bare_column(f), bare_column(t)));
                    };
                let retyped = f.type_name != t.type_name || f.collation != t.collation;
                if retyped {
                    alter(out, |table, from, to| Change::AlterColumnType {
                        table,
                        from,
                        to,
                    });
                }
                // A type change takes the default off and puts the target's on.
                if f.default != t.default && !retyped && f.identity == t.identity {
                    alter(out, |table, from, to| Change::AlterColumnDefault {
                        table,
                        from,
                        to,
                    });
                }
                // Both NOT NULL under other constraint names (PostgreSQL 18+): the same
                // change renames the constraint. A type change names it in its own recipe
                // (a shadow column's constraint is another).
                let renamed = f.not_null
                    && t.not_null
                    && !retyped
                    && f.not_null_constraint(table) != t.not_null_constraint(table);
                if f.not_null != t.not_null || renamed {
                    alter(out, |table, from, to| Change::AlterColumnNotNull {
                        table,
                        from,
                        to,
                    });
                }
                if f.identity != t.identity {
                    alter(out, |table, from, to| Change::AlterColumnIdentity {
                        table,
                        from,
                        to,
                    });
                }
                // A type change puts the new type's storage and no compression on: set the
                // wanted ones after it.
                let before = if retyped {
                    Column {
                        storage: None,
                        compression: None,
                        ..f.clone()
                    }
                } else {
                    f.clone()
                };
                storage(out, table, &before, t);
                extras(
                    out,
                    &id,
                    Some((&f.comment, &f.grants)),
                    Some((&t.comment, &t.grants)),
                );
            }
            (None, None) => {}
        }
    });
}
