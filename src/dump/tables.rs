//! Dump statements of a table and everything hanging off it.

use super::DumpKind;
use super::collect::Builder;
use crate::ddl::{
    DdlError, comment, constraint, grant::Target, index as index_ddl, policy, table as table_ddl,
    trigger,
};
use crate::model::{
    Catalog, ConstraintKind, FunctionId, Index, ObjectId, QualifiedName, ReplicaIdentity, Table,
};

/// The function a trigger definition calls: `... EXECUTE FUNCTION schema.name(args)`.
/// Trigger functions take no declared arguments, so the name alone identifies it.
fn trigger_function<'c>(c: &'c Catalog, definition: &str) -> Option<&'c FunctionId> {
    let call = definition.rsplit_once(" EXECUTE FUNCTION ")?.1;
    let name = call.split('(').next()?;
    c.functions.keys().find(|f| {
        f.args.is_empty()
            && QualifiedName::new(f.schema.clone(), f.name.clone()).to_string() == name
    })
}

/// The parents whose columns a child gets: its partition parent, or its INHERITS parents.
fn parents<'c>(c: &'c Catalog, t: &Table) -> Vec<&'c Table> {
    let names: Vec<&QualifiedName> = match &t.partition_of {
        Some(p) => vec![&p.parent],
        None => t.inherits.iter().collect(),
    };
    names.into_iter().filter_map(|n| c.tables.get(n)).collect()
}

pub(super) fn table(b: &mut Builder<'_>, t: &Table) -> Result<(), DdlError> {
    let c = b.catalog;
    let id = ObjectId::Table {
        name: t.name.clone(),
    };
    let parents = parents(c, t);
    let n = b.create(
        id.clone(),
        DumpKind::Table,
        table_ddl::create_among(t, &parents),
    );
    b.in_schema(n, &t.name.schema);
    b.after_all(n, &t.depends_on);
    for col in &t.columns {
        b.after_all(n, &col.depends_on);
    }
    for p in t.partition_of.iter().map(|p| &p.parent).chain(&t.inherits) {
        b.after(n, ObjectId::Table { name: p.clone() });
    }
    // Serial columns: the default names its sequence only inside the expression text.
    for s in c.sequences.keys() {
        let call = crate::ddl::sequence::nextval_default(s);
        if t.columns
            .iter()
            .any(|col| col.default.as_ref().is_some_and(|d| d.contains(&call)))
        {
            b.after(n, ObjectId::Sequence { name: s.clone() });
        }
    }
    for sql in table_ddl::inherited_column_alters(t, &parents) {
        let a = b.push(id.clone(), DumpKind::Table, sql);
        b.after_node(a, n);
    }
    // Storage and compression: an inherited column takes its parent's when created.
    for col in t.columns.iter().filter(|col| !col.inherited) {
        let plain = crate::model::Column {
            storage: None,
            compression: None,
            ..col.clone()
        };
        for sql in crate::ddl::column::storage_changes(&t.name, &plain, col) {
            let a = b.push(id.clone(), DumpKind::Table, sql);
            b.after_node(a, n);
        }
    }
    if t.rls_enabled {
        let a = b.push(
            id.clone(),
            DumpKind::TableOption,
            table_ddl::enable_rls(&t.name),
        );
        b.after_node(a, n);
    }
    if t.rls_forced {
        let a = b.push(
            id.clone(),
            DumpKind::TableOption,
            table_ddl::force_rls(&t.name),
        );
        b.after_node(a, n);
    }
    if t.replica_identity != ReplicaIdentity::Default {
        let sql = table_ddl::replica_identity(&t.name, &t.replica_identity);
        let a = b.push(id.clone(), DumpKind::TableOption, sql);
        b.after_node(a, n);
        if let ReplicaIdentity::Index(i) = &t.replica_identity {
            b.after(
                a,
                ObjectId::Index {
                    table: t.name.clone(),
                    name: i.clone(),
                },
            );
        }
    }
    constraints(b, t, &parents, n);
    for i in t.indexes.values() {
        // A partition's index attached to its parent's index comes with the parent's.
        if i.partition_of.is_none() {
            index(b, &t.name, i, n);
        }
    }
    triggers(b, &t.name, &t.triggers, n)?;
    super::defined::defined(b, &t.name, &t.defined, n);
    for p in t.policies.values() {
        let pid = ObjectId::Policy {
            table: t.name.clone(),
            name: p.name.clone(),
        };
        let k = b.create(pid.clone(), DumpKind::Policy, policy::create(&t.name, p)?);
        b.after_node(k, n);
        b.after_all(k, &p.depends_on);
        b.comment(
            pid.clone(),
            p.comment.as_deref().map(|x| comment::on(&pid, Some(x))),
            k,
        );
    }
    b.comment(
        id.clone(),
        t.comment.as_deref().map(|x| comment::on(&id, Some(x))),
        n,
    );
    for col in &t.columns {
        let cid = ObjectId::Column {
            table: t.name.clone(),
            column: col.name.clone(),
        };
        b.comment(
            cid.clone(),
            col.comment.as_deref().map(|x| comment::on(&cid, Some(x))),
            n,
        );
        let target = Target::Column {
            table: &t.name,
            column: &col.name,
        };
        b.grants(&cid, target, &col.grants, n);
    }
    b.grants(&id, Target::Table(&t.name), &t.grants, n);
    Ok(())
}

fn constraints(b: &mut Builder<'_>, t: &Table, parents: &[&Table], n: usize) {
    let c = b.catalog;
    for k in t.constraints.values() {
        let kid = ObjectId::Constraint {
            table: t.name.clone(),
            name: k.name.clone(),
        };
        let owner = if k.inherited {
            // Comes from the parent's constraint; a comment on it must wait for that.
            n
        } else {
            let kind = if k.kind == ConstraintKind::ForeignKey {
                DumpKind::ForeignKey
            } else {
                DumpKind::Constraint
            };
            let s = b.create(kid.clone(), kind, constraint::add(&t.name, k));
            b.after_node(s, n);
            b.after_all(s, &k.depends_on);
            if let Some(r) = k.references.as_ref().and_then(|r| c.tables.get(r)) {
                b.after(
                    s,
                    ObjectId::Table {
                        name: r.name.clone(),
                    },
                );
                // The referenced key: any primary key, unique constraint or unique index.
                for rk in r.constraints.values() {
                    if matches!(rk.kind, ConstraintKind::PrimaryKey | ConstraintKind::Unique) {
                        b.after(
                            s,
                            ObjectId::Constraint {
                                table: r.name.clone(),
                                name: rk.name.clone(),
                            },
                        );
                    }
                }
                for ri in r.indexes.values().filter(|i| i.unique) {
                    b.after(
                        s,
                        ObjectId::Index {
                            table: r.name.clone(),
                            name: ri.name.clone(),
                        },
                    );
                }
            }
            s
        };
        if let Some(text) = k.comment.as_deref() {
            let m = b.push(
                kid.clone(),
                DumpKind::Comment,
                comment::on(&kid, Some(text)),
            );
            b.after_node(m, owner);
            if k.inherited {
                for p in parents {
                    b.after(
                        m,
                        ObjectId::Constraint {
                            table: p.name.clone(),
                            name: k.name.clone(),
                        },
                    );
                }
            }
        }
    }
}

/// An index of a table or materialized view (node `owner`). A partitioned table's index is
/// created without `ONLY`, so the partitions' indexes come with it.
/// The triggers of a table or view (node `n`), after it and the functions they run.
pub(super) fn triggers(
    b: &mut Builder<'_>,
    relation: &QualifiedName,
    triggers: &crate::model::Map<String, crate::model::Trigger>,
    n: usize,
) -> Result<(), DdlError> {
    let c = b.catalog;
    for trg in triggers.values() {
        let tid = ObjectId::Trigger {
            table: relation.clone(),
            name: trg.name.clone(),
        };
        let k = b.create(tid.clone(), DumpKind::Trigger, trigger::create(trg));
        b.after_node(k, n);
        b.after_all(k, &trg.depends_on);
        if let Some(f) = trigger_function(c, &trg.definition) {
            b.after(k, ObjectId::Function { id: f.clone() });
        }
        if let Some(sql) = trigger::set_enabled(relation, trg)? {
            let e = b.push(tid.clone(), DumpKind::Trigger, sql);
            b.after_node(e, k);
        }
        let text = trg.comment.as_deref();
        b.comment(tid.clone(), text.map(|x| comment::on(&tid, Some(x))), k);
    }
    Ok(())
}

pub(super) fn index(b: &mut Builder<'_>, table: &QualifiedName, i: &Index, owner: usize) {
    let iid = ObjectId::Index {
        table: table.clone(),
        name: i.name.clone(),
    };
    let sql = index_ddl::create_recursive(i).unwrap_or_else(|_| index_ddl::create(i));
    let k = b.create(iid.clone(), DumpKind::Index, sql);
    if !i.valid {
        b.note(
            k,
            "live index is INVALID (a failed concurrent build); dumped as a normal index",
        );
    }
    b.after_node(k, owner);
    b.after_all(k, &i.depends_on);
    b.comment(
        iid.clone(),
        i.comment.as_deref().map(|x| comment::on(&iid, Some(x))),
        k,
    );
}
