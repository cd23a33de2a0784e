//! Renames of whole objects (tables, views, materialized views, sequences, types, schemas,
//! functions, procedures, indexes) from `-- schemadiff:renamed from=<old>` hints.
//!
//! A rename is planned in two parts. The rename itself runs first, and PostgreSQL rewrites
//! everything that refers to the object (views, defaults, foreign keys) as it does; the
//! rest of the plan is then the plan from the *renamed* current state to the desired one.
//! That renamed state is not computed here: the caller (`resolve::catalogs`) runs the very
//! statements of [`ObjectRename::sql`] on a copy of the current state in a shadow database
//! and introspects it, so that what PostgreSQL rewrites is never guessed by the planner.
//!
//! Online (the default) for tables and views: the old name stays usable as a simple,
//! automatically updatable view over the new one, so old code keeps reading and writing
//! under it; contract drops that view. `mode=instant`, and every kind that a view cannot
//! stand in for (sequences, types, schemas, functions), is a plain rename flagged
//! `breaks-old-code`.
//! Index names are not used by application code: a plain rename, no hazard.

mod implied;
mod steps;

pub use steps::{check, steps};

use crate::model::{Catalog, FunctionId, ObjectId, QualifiedName, quote_ident};
use crate::plan::PlanError;
use crate::plan::hints::{Hints, Rename};
use crate::plan::step::{LockMode, Statement};
use implied::implied;

/// A rename this plan carries out: a hinted one whose old object exists in the current
/// state and whose new one does not, or one it implies (a renamed table's constraints,
/// indexes and owned sequences that carry its name, as PostgreSQL names them).
#[derive(Clone, Debug)]
pub struct ObjectRename {
    /// The object under its old name, as the statement that renames it names it.
    pub old: ObjectId,
    /// The old object as the current state's catalog names it: `old`, but in its schema's
    /// old name when that schema is renamed too (and renamed first).
    pub found: ObjectId,
    /// The object under its new name, as the desired state has it.
    pub new: ObjectId,
    /// `file:line:column` of the hint (of the table's, for an implied rename).
    pub location: String,
    /// The old name as the hint gives it (`from=`), for messages.
    pub from: String,
    /// `mode=instant`: no view keeps the old name working.
    pub instant: bool,
    /// The renamed table whose name this one follows, for an implied rename.
    pub implied_by: Option<QualifiedName>,
    /// `ALTER ... IF EXISTS`: an identity column's sequence, renamed by the name the model
    /// holds (`IdentityOptions::sequence_name`), kept tolerant of a sequence renamed by hand
    /// since the plan was made.
    pub if_exists: bool,
}

/// The statement keyword of a renamed object's kind in the current state.
fn keyword(id: &ObjectId, from: &Catalog) -> &'static str {
    match id {
        ObjectId::Table { .. } => "TABLE",
        ObjectId::View { .. } => "VIEW",
        ObjectId::MaterializedView { .. } => "MATERIALIZED VIEW",
        ObjectId::Sequence { .. } => "SEQUENCE",
        ObjectId::Type { name } if from.domains.contains_key(name) => "DOMAIN",
        ObjectId::Type { .. } => "TYPE",
        ObjectId::Schema { .. } => "SCHEMA",
        ObjectId::Index { .. } => "INDEX",
        ObjectId::Constraint { .. } => "CONSTRAINT",
        ObjectId::Function { id } => from
            .functions
            .get(id)
            .map_or("FUNCTION", |f| crate::ddl::function::keyword(f.kind)),
        _ => unreachable!("only whole objects are renamed here"),
    }
}

/// Whether `id` exists in `cat`, for the kinds a hint can rename.
fn exists(cat: &Catalog, id: &ObjectId) -> bool {
    match id {
        ObjectId::Table { name } => cat.tables.contains_key(name),
        ObjectId::View { name } => cat.views.get(name).is_some_and(|v| !v.materialized),
        ObjectId::MaterializedView { name } => cat.views.get(name).is_some_and(|v| v.materialized),
        ObjectId::Sequence { name } => cat.sequences.contains_key(name),
        ObjectId::Type { name } => cat.has_type(name),
        ObjectId::Schema { name } => cat.schemas.contains_key(name),
        ObjectId::Function { id } => cat.functions.contains_key(id),
        ObjectId::Index { table, name } => {
            cat.tables
                .get(table)
                .is_some_and(|t| t.indexes.contains_key(name))
                || cat
                    .views
                    .get(table)
                    .is_some_and(|v| v.indexes.contains_key(name))
        }
        _ => false,
    }
}

/// The old name of a renamed relation or type: `from`, in `from_schema` when given, else in
/// the object's own schema.
fn was(r: &Rename, name: &QualifiedName) -> QualifiedName {
    QualifiedName::new(
        r.from_schema.clone().unwrap_or(name.schema.clone()),
        r.from.clone(),
    )
}

/// Order in which renames run: schemas first (what is in them moves with them), then
/// relations and types, then indexes (which follow their table's rename and move).
fn rank(id: &ObjectId) -> u8 {
    match id {
        ObjectId::Schema { .. } => 0,
        ObjectId::Index { .. } | ObjectId::Constraint { .. } => 2,
        _ => 1,
    }
}

/// The renames of whole objects that this plan carries out, in the order they run.
pub fn pending(
    hints: &Hints,
    from: &Catalog,
    to: &Catalog,
) -> Result<Vec<ObjectRename>, PlanError> {
    // An index's hint names its table by the new name; the table may be renamed too.
    // Objects in a schema renamed too are looked up under the schema's old name: their own
    // renames run after the schema's, so their statements name the new schema.
    let schema_was = |schema: &str| -> String {
        hints
            .renames
            .iter()
            .find(|r| matches!(&r.object, ObjectId::Schema { name } if name == schema))
            .map_or(schema.to_string(), |r| r.from.clone())
    };
    let found = |id: &ObjectId| -> ObjectId {
        let moved = |n: &QualifiedName| QualifiedName::new(schema_was(&n.schema), n.name.clone());
        match id {
            ObjectId::Table { name } => ObjectId::Table { name: moved(name) },
            ObjectId::View { name } => ObjectId::View { name: moved(name) },
            ObjectId::MaterializedView { name } => ObjectId::MaterializedView { name: moved(name) },
            ObjectId::Sequence { name } => ObjectId::Sequence { name: moved(name) },
            ObjectId::Type { name } => ObjectId::Type { name: moved(name) },
            ObjectId::Index { table, name } => ObjectId::Index {
                table: moved(table),
                name: name.clone(),
            },
            ObjectId::Function { id } => ObjectId::Function {
                id: FunctionId {
                    schema: schema_was(&id.schema),
                    ..id.clone()
                },
            },
            other => other.clone(),
        }
    };
    let in_from = |id: &ObjectId| exists(from, &found(id));
    let old_table = |table: &QualifiedName| -> QualifiedName {
        hints
            .renames
            .iter()
            .find(|r| matches!(&r.object, ObjectId::Table { name } if name == table))
            .map_or(table.clone(), |r| was(r, table))
    };
    let mut out: Vec<ObjectRename> = Vec::new();
    for r in &hints.renames {
        let Some(new) = function_of(r, to)? else {
            continue;
        };
        let rename = {
            let old = match &new {
                ObjectId::Schema { .. } => ObjectId::Schema {
                    name: r.from.clone(),
                },
                ObjectId::Table { name } => ObjectId::Table { name: was(r, name) },
                ObjectId::View { name } => ObjectId::View { name: was(r, name) },
                ObjectId::MaterializedView { name } => {
                    ObjectId::MaterializedView { name: was(r, name) }
                }
                ObjectId::Sequence { name } => ObjectId::Sequence { name: was(r, name) },
                ObjectId::Type { name } => ObjectId::Type { name: was(r, name) },
                ObjectId::Index { table, .. } => ObjectId::Index {
                    table: old_table(table),
                    name: r.from.clone(),
                },
                ObjectId::Function { id } => ObjectId::Function {
                    id: FunctionId {
                        schema: r.from_schema.clone().unwrap_or(id.schema.clone()),
                        name: r.from.clone(),
                        args: id.args.clone(),
                    },
                },
                _ => continue,
            };
            let new_exists = match &new {
                // Under its old table, when that is renamed too.
                ObjectId::Index { name, .. } => in_from(&ObjectId::Index {
                    table: relation(&old).expect("an index has a table"),
                    name: name.clone(),
                }),
                new => in_from(new),
            };
            (in_from(&old) && !new_exists).then(|| ObjectRename {
                found: found(&old),
                old,
                new: new.clone(),
                location: r.location.clone(),
                from: r.from.clone(),
                instant: r.instant,
                implied_by: None,
                if_exists: false,
            })
        };
        out.extend(rename);
    }
    let implied: Vec<ObjectRename> = out
        .iter()
        .filter_map(|r| match (&r.found, &r.new) {
            (ObjectId::Table { name: old }, ObjectId::Table { name: new })
                if old.name != new.name =>
            {
                Some(implied(r, old, new, from, to, &out))
            }
            _ => None,
        })
        .flatten()
        .collect();
    out.extend(implied);
    out.sort_by_key(|r| rank(&r.old));
    Ok(out)
}

/// The object a hint renames, with a function's arguments read from the desired catalog
/// (the annotation knows its name only): `None` when the desired state has no such function.
fn function_of(r: &Rename, to: &Catalog) -> Result<Option<ObjectId>, PlanError> {
    let ObjectId::Function { id } = &r.object else {
        return Ok(Some(r.object.clone()));
    };
    let overloads: Vec<&FunctionId> = to
        .functions
        .keys()
        .filter(|f| f.schema == id.schema && f.name == id.name)
        .collect();
    match overloads.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(ObjectId::Function { id: (*one).clone() })),
        many => Err(PlanError::Unsupported {
            object: r.object.clone(),
            reason: format!(
                "{}: renamed from={}: {} has {} overloads and the annotation cannot say which one it stands for; rename overloaded functions with ALTER FUNCTION ... RENAME TO before planning",
                r.location,
                r.from,
                QualifiedName::new(id.schema.clone(), id.name.clone()),
                many.len()
            ),
        }),
    }
}

/// The table or view of a relation-like id (the table of an index).
fn relation(id: &ObjectId) -> Option<QualifiedName> {
    match id {
        ObjectId::Table { name }
        | ObjectId::View { name }
        | ObjectId::MaterializedView { name }
        | ObjectId::Sequence { name }
        | ObjectId::Type { name } => Some(name.clone()),
        ObjectId::Index { table, .. } | ObjectId::Constraint { table, .. } => Some(table.clone()),
        _ => None,
    }
}

/// `RENAME TO` then `SET SCHEMA`, each only when that part of the name changes.
fn rename_sql(keyword: &str, old: &QualifiedName, new: &QualifiedName) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = old.clone();
    if old.name != new.name {
        out.push(format!(
            "ALTER {keyword} {old} RENAME TO {}",
            quote_ident(&new.name)
        ));
        at = QualifiedName::new(old.schema.clone(), new.name.clone());
    }
    if old.schema != new.schema {
        out.push(format!(
            "ALTER {keyword} {at} SET SCHEMA {}",
            quote_ident(&new.schema)
        ));
    }
    out
}

impl ObjectRename {
    /// The statements that rename the old object into the new one: the same in the shadow
    /// that computes the renamed state and in the plan.
    pub fn sql(&self, from: &Catalog) -> Vec<String> {
        self.statements(from, false)
    }

    fn statements(&self, from: &Catalog, back: bool) -> Vec<String> {
        let kw = keyword(&self.found, from);
        match (&self.old, &self.new) {
            (ObjectId::Schema { name: old }, ObjectId::Schema { name: new }) => {
                let (a, b) = if back { (new, old) } else { (old, new) };
                vec![format!(
                    "ALTER SCHEMA {} RENAME TO {}",
                    quote_ident(a),
                    quote_ident(b)
                )]
            }
            (ObjectId::Function { id: old }, ObjectId::Function { id: new }) => {
                let (a, b) = if back { (new, old) } else { (old, new) };
                // An aggregate of no arguments is named `f(*)` in ALTER AGGREGATE.
                let kind = match &self.found {
                    ObjectId::Function { id } => from.functions.get(id).map(|f| f.kind),
                    _ => None,
                }
                .unwrap_or(crate::model::FunctionKind::Function);
                let named =
                    |id: &crate::model::FunctionId| crate::ddl::function::signature(id, kind);
                let mut out = Vec::new();
                let mut at = a.clone();
                if a.name != b.name {
                    out.push(format!(
                        "ALTER {kw} {} RENAME TO {}",
                        named(a),
                        quote_ident(&b.name)
                    ));
                    at.name = b.name.clone();
                }
                if a.schema != b.schema {
                    out.push(format!(
                        "ALTER {kw} {} SET SCHEMA {}",
                        named(&at),
                        quote_ident(&b.schema)
                    ));
                }
                out
            }
            (ObjectId::Constraint { name: old, .. }, ObjectId::Constraint { table, name: new }) => {
                // It runs after its table's rename (and before the way back of it).
                let (a, b) = if back { (new, old) } else { (old, new) };
                vec![format!(
                    "ALTER TABLE {table} RENAME CONSTRAINT {} TO {}",
                    quote_ident(a),
                    quote_ident(b)
                )]
            }
            (ObjectId::Index { name: old, .. }, ObjectId::Index { table, name: new }) => {
                // By the time it runs, the index is in its (renamed, moved) table's schema.
                let (a, b) = if back { (new, old) } else { (old, new) };
                vec![format!(
                    "ALTER INDEX {} RENAME TO {}",
                    QualifiedName::new(table.schema.clone(), a.clone()),
                    quote_ident(b)
                )]
            }
            (old, new) => {
                let (old, new) = (relation(old).unwrap(), relation(new).unwrap());
                let kw = if self.if_exists {
                    format!("{kw} IF EXISTS")
                } else {
                    kw.to_string()
                };
                if back {
                    rename_sql(&kw, &new, &old)
                } else {
                    rename_sql(&kw, &old, &new)
                }
            }
        }
    }

    /// Whether the old name stays usable through a view until contract.
    fn online(&self) -> bool {
        !self.instant
            && matches!(
                self.old,
                ObjectId::Table { .. } | ObjectId::View { .. } | ObjectId::MaterializedView { .. }
            )
    }

    /// The lock of a rename statement, on the relation as it is named when the statement
    /// runs (`back`: the way back, under the new name). Renaming an index takes SHARE UPDATE
    /// EXCLUSIVE on the index alone; types and schemas are no relations.
    fn lock(&self, back: bool) -> Option<(LockMode, QualifiedName)> {
        match (&self.old, &self.new) {
            (ObjectId::Index { name: old, .. }, ObjectId::Index { table, name: new }) => Some((
                LockMode::ShareUpdateExclusive,
                QualifiedName::new(table.schema.clone(), if back { new } else { old }.clone()),
            )),
            (ObjectId::Constraint { .. }, ObjectId::Constraint { table, .. }) => {
                Some((LockMode::AccessExclusive, table.clone()))
            }
            (ObjectId::Type { .. } | ObjectId::Schema { .. } | ObjectId::Function { .. }, _) => {
                None
            }
            (old, new) => Some((
                LockMode::AccessExclusive,
                relation(if back { new } else { old }).unwrap(),
            )),
        }
    }

    /// `sql` as statements with their lock.
    fn statements_locked(&self, from: &Catalog, back: bool) -> Vec<Statement> {
        self.statements(from, back)
            .into_iter()
            .map(|sql| match self.lock(back) {
                Some((mode, rel)) => Statement::new(sql).lock(mode, &rel),
                None => Statement::new(sql),
            })
            .collect()
    }
}

/// The name of a renamed object as SQL writes it (`public.customers`, `"Sales"`, an index
/// or constraint by its own name).
fn describe(id: &ObjectId) -> String {
    match id {
        ObjectId::Schema { name } => quote_ident(name),
        ObjectId::Index { name, .. } | ObjectId::Constraint { name, .. } => quote_ident(name),
        ObjectId::Function { id } => id.to_string(),
        other => relation(other).map_or_else(|| format!("{other}"), |n| n.to_string()),
    }
}
