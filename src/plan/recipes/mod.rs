//! Recipes: one `Change` becomes one or more drafts — a `Step` plus what the ordering needs
//! to know about it. One file per family of changes.

mod access_method;
mod backup;
pub use backup::MOVE_TABLE;
mod collation;
pub(crate) use collation::{collation_column_ids, kept_collation_columns};
mod column;
mod column_identity;
mod column_storage;
mod constraint;
mod data;
mod defined;
mod enums;
mod event_trigger;
mod extras;
mod index;
mod objects;
mod owner;
mod parts;
pub(super) mod publication;
mod range;
mod sequence;
mod serial_identity;
mod shadow;
mod sync;
mod table;
mod table_index;
mod view;

use super::PlanError;
use super::deps::DepIndex;
use super::step::{Hazard, LockMode, Phase, Statement, Step};
use super::{Hints, Settings};
use crate::diff::Change;
use crate::model::{Catalog, Column, ObjectId, QualifiedName, quote_ident};
use std::collections::BTreeSet;
pub use table_index::TableIndex;

/// A step before ordering, with the facts the dependency graph is built from.
#[derive(Clone, Debug)]
pub struct Draft {
    pub step: Step,
    /// Objects of the `from` state this step removes (or rebuilds): whatever depends on them
    /// must be gone first.
    pub drops: Vec<ObjectId>,
    /// Objects of the `to` state this step creates (or changes): whatever depends on them
    /// comes after.
    pub creates: Vec<ObjectId>,
    /// This step must run before any step that drops these.
    pub before_drop_of: Vec<ObjectId>,
    /// This step must run after any step that creates these.
    pub after_create_of: Vec<ObjectId>,
    /// This step must run before any step that creates these (a name it frees).
    pub before_create_of: Vec<ObjectId>,
    /// This step must run after any step that drops these.
    pub after_drop_of: Vec<ObjectId>,
    /// A foreign key: never implied by dropping or creating its table.
    pub foreign_key: bool,
    /// Where in its phase the step runs among the steps free to run.
    pub place: Place,
    /// A part's drop that its table's drop does (`implied::blank_implied`): its forward is
    /// left out once the order puts it in the phase of that drop (in an earlier phase it
    /// must run itself: a name it frees may be needed before the table goes).
    pub forward_implied_by: Option<ObjectId>,
    /// A part's create whose way back is its table's drop: its reverse is left out once
    /// the order puts it in the phase of the table's create (in a later phase, the reverse
    /// of that phase runs while the table still stands).
    pub reverse_implied_by: Option<ObjectId>,
}

/// Where a step runs among the steps of its phase that nothing orders: an event trigger
/// fires on the plan's own DDL, so one that goes away (or is disabled) does so before any
/// other statement and one that comes (or is enabled) after all of them, whatever other
/// changes (rebuilds, sub-plans) were added to the list after it. Nothing depends on an
/// event trigger, so the dependency order never holds anything back behind it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    First,
    #[default]
    Anywhere,
    Last,
}

impl Draft {
    fn new(step: Step) -> Self {
        Draft {
            step,
            drops: Vec::new(),
            creates: Vec::new(),
            before_drop_of: Vec::new(),
            after_create_of: Vec::new(),
            before_create_of: Vec::new(),
            after_drop_of: Vec::new(),
            foreign_key: false,
            place: Place::Anywhere,
            forward_implied_by: None,
            reverse_implied_by: None,
        }
    }
}

/// What recipes may look at besides the change itself.
pub struct Context<'a> {
    pub from: &'a Catalog,
    pub to: &'a Catalog,
    pub from_deps: &'a DepIndex,
    pub to_deps: &'a DepIndex,
    /// Tables created by this plan: their parts need no online recipe.
    pub created_tables: BTreeSet<ObjectId>,
    /// Objects this plan both takes away and brings back (dropped and created, rebuilt,
    /// relabelled): what references them must let go before and refer again after.
    pub recreated: BTreeSet<ObjectId>,
    /// Columns whose type changes in this plan, and enums rebuilt or relabelled.
    pub retyped: BTreeSet<ObjectId>,
    pub settings: Settings,
    pub hints: &'a Hints,
    /// Short id of this plan (from the desired state's fingerprint): names its backups.
    pub plan_tag: String,
    /// Columns whose type change takes the shadow-column recipe: its swap also sets their
    /// default, NOT NULL, comment and grants, so those changes have no steps of their own.
    pub shadowed: BTreeSet<ObjectId>,
    /// Objects some change of the plan drops.
    pub dropped: BTreeSet<ObjectId>,
    /// Columns the plan drops from tables that stay.
    pub dropped_columns: Vec<(QualifiedName, Column)>,
    /// Lookups over `from` that recipes would otherwise answer by scanning every table once
    /// per change (a 1 % plan of 50,000 tables spent most of its time so).
    pub from_tables: TableIndex<'a>,
}

impl Context<'_> {
    /// Columns of `table` that the plan drops (the table stays).
    pub fn dropped_columns<'s>(
        &'s self,
        table: &'s QualifiedName,
    ) -> impl Iterator<Item = &'s Column> {
        self.dropped_columns
            .iter()
            .filter(move |(t, _)| t == table)
            .map(|(_, c)| c)
    }

    /// How a dropped column of `table` is computed from the columns that replace it: the
    /// new name of a rename, or a `reverse=` given with a backfill.
    pub fn reverse_expr_of(&self, table: &QualifiedName, column: &str) -> Option<String> {
        let from_col = self.from.tables.get(table)?.column(column)?;
        let to_table = self.to.tables.get(table)?;
        for r in &self.hints.renames {
            if let ObjectId::Column {
                table: t,
                column: new,
            } = &r.object
                && t == table
                && r.from == column
                && let Some(new_col) = to_table.column(new)
            {
                return Some(
                    if new_col.type_name == from_col.type_name
                        && new_col.collation == from_col.collation
                    {
                        quote_ident(new)
                    } else {
                        format!("CAST({} AS {})", quote_ident(new), from_col.type_name)
                    },
                );
            }
        }
        let only_dropped = self.dropped_columns(table).count() == 1;
        self.hints.backfills.iter().find_map(|(id, b)| match id {
            ObjectId::Column { table: t, .. } if t == table && only_dropped => b.reverse.clone(),
            _ => None,
        })
    }

    /// True when `id`, part of `table`, can be built anew beside its old self and swapped in:
    /// the plan drops and creates it, the table already has rows, nothing it stands on is
    /// rebuilt, and nothing stands on it.
    pub fn swappable(&self, id: &ObjectId, table: &QualifiedName) -> bool {
        self.recreated.contains(id)
            && !self.created_tables.contains(&ObjectId::Table {
                name: table.clone(),
            })
            && !self.depends_on_rebuilt(id)
            && self.from_deps.dependents_of(id).next().is_none()
    }

    /// True when something `id` depends on (in either state) is itself taken away and
    /// brought back, or retyped, in this plan: `id` must then go before it and come after,
    /// so it cannot be built beside its old self first.
    pub fn depends_on_rebuilt(&self, id: &ObjectId) -> bool {
        self.from_deps
            .deps_of(id)
            .chain(self.to_deps.deps_of(id))
            .any(|d| self.recreated.contains(d) || self.retyped.contains(d))
    }
}

/// A statement of a step being built: SQL that takes the step's lock and hazards, or a
/// statement the recipe spelled out itself.
#[derive(Clone, Debug)]
enum Pending {
    Sql(String),
    Full(Statement),
}

/// Builder shorthands shared by the recipe files. SQL added with `sql`/`reverse` takes the
/// step's lock (on the relation the step is about), hazards and transactional flag; `stmt`
/// adds a statement with its own.
pub(super) struct StepBuilder {
    step: Step,
    forward: Vec<Pending>,
    reverse: Vec<Pending>,
    lock: Option<LockMode>,
    /// Locks on other relations (a foreign key's referenced table).
    extra_locks: Vec<(LockMode, QualifiedName)>,
    hazards: BTreeSet<Hazard>,
    transactional: bool,
    /// The mode of the reverse SQL's locks when it differs from the forward's (dropping
    /// what the forward added takes ACCESS EXCLUSIVE where adding took less).
    reverse_lock: Option<LockMode>,
}

impl StepBuilder {
    fn new(object: ObjectId, kind: &str) -> Self {
        StepBuilder {
            step: Step::new(object, kind),
            forward: Vec::new(),
            reverse: Vec::new(),
            lock: Some(LockMode::AccessExclusive),
            extra_locks: Vec::new(),
            hazards: BTreeSet::new(),
            transactional: true,
            reverse_lock: None,
        }
    }
    fn sql(mut self, sql: impl IntoIterator<Item = String>) -> Self {
        self.forward.extend(sql.into_iter().map(Pending::Sql));
        self
    }
    fn reverse(mut self, sql: impl IntoIterator<Item = String>) -> Self {
        self.reverse.extend(sql.into_iter().map(Pending::Sql));
        self
    }
    /// A forward statement with its own locks and hazards.
    fn stmt(mut self, s: Statement) -> Self {
        self.forward.push(Pending::Full(s));
        self
    }
    /// Forward statements with their own locks and hazards.
    fn stmts(mut self, s: impl IntoIterator<Item = Statement>) -> Self {
        self.forward.extend(s.into_iter().map(Pending::Full));
        self
    }
    /// Reverse statements with their own locks and hazards.
    fn reverse_stmts(mut self, s: impl IntoIterator<Item = Statement>) -> Self {
        self.reverse.extend(s.into_iter().map(Pending::Full));
        self
    }
    /// A reverse statement with its own locks and hazards.
    fn reverse_stmt(mut self, s: Statement) -> Self {
        self.reverse.push(Pending::Full(s));
        self
    }
    fn note(mut self, note: impl Into<String>) -> Self {
        self.step.reverse_note = Some(note.into());
        self
    }
    fn note_if(mut self, note: Option<String>) -> Self {
        if note.is_some() {
            self.step.reverse_note = note;
        }
        self
    }
    /// Why the step is planned the way it is, for reviewers.
    fn explain(mut self, note: impl Into<String>) -> Self {
        self.step.notes.push(note.into());
        self
    }
    fn phase(mut self, phase: Phase) -> Self {
        self.step.phase = phase;
        self
    }
    /// The lock the step's SQL takes on the relation the step is about.
    fn lock(mut self, lock: LockMode) -> Self {
        self.lock = Some(lock);
        self
    }
    /// The reverse SQL takes `lock` on the relations the forward SQL locks, and on the step's
    /// relation even when the forward locks none (it created it). Measured by `verify`:
    /// `DROP CONSTRAINT`, `DROP TRIGGER` and dropping what the forward created take ACCESS
    /// EXCLUSIVE.
    fn reverse_lock(mut self, lock: LockMode) -> Self {
        self.reverse_lock = Some(lock);
        self
    }
    /// The step's SQL also locks `relation` (a foreign key's referenced table).
    fn stmt_locks(mut self, mode: LockMode, relation: &QualifiedName) -> Self {
        self.extra_locks.push((mode, relation.clone()));
        self
    }
    /// The step's SQL locks no existing relation (CREATE FUNCTION, COMMENT ON TYPE, ...).
    fn no_lock(mut self) -> Self {
        self.lock = None;
        self
    }
    fn hazard(mut self, hazard: Hazard) -> Self {
        self.hazards.insert(hazard);
        self
    }
    fn non_transactional(mut self) -> Self {
        self.transactional = false;
        self
    }
    fn definitions(mut self, old: &str, new: &str) -> Self {
        self.step.definition_change = Some((old.to_string(), new.to_string()));
        self
    }
    fn finish(self) -> Step {
        let StepBuilder {
            mut step,
            forward,
            reverse,
            lock,
            extra_locks,
            hazards,
            transactional,
            reverse_lock,
        } = self;
        let relation = relation_of(&step.object);
        let make = |p: Pending, hazards: &BTreeSet<Hazard>, over: Option<LockMode>| match p {
            Pending::Full(s) => s,
            Pending::Sql(sql) => {
                let mut s = Statement::new(sql);
                if let (Some(mode), Some(rel)) = (over.or(lock), &relation) {
                    s = s.lock(mode, rel);
                }
                for (mode, rel) in &extra_locks {
                    s = s.lock(over.unwrap_or(*mode), rel);
                }
                s.hazards = hazards.clone();
                s.transactional = transactional;
                s
            }
        };
        let none = BTreeSet::new();
        step.forward = forward
            .into_iter()
            .map(|p| make(p, &hazards, None))
            .collect();
        step.reverse = reverse
            .into_iter()
            .map(|p| make(p, &none, reverse_lock))
            .collect();
        step
    }
    fn draft(self) -> Draft {
        Draft::new(self.finish())
    }
    /// A builder for the same step, with nothing added yet (for a recipe that decides
    /// between two ways of building it).
    fn clone_for(&self) -> StepBuilder {
        StepBuilder::new(self.step.object.clone(), &self.step.kind)
    }
    /// A draft that creates `object`.
    fn creating(self, object: ObjectId) -> Draft {
        let mut d = self.draft();
        d.creates.push(object);
        d
    }
    /// A draft that drops `object`.
    fn dropping(self, object: ObjectId) -> Draft {
        let mut d = self.phase(Phase::Contract).draft();
        d.drops.push(object);
        d
    }
    /// A draft that takes `object` away and brings it back in one step (a retyped column, a
    /// rebuilt or relabelled enum): what depends on it goes before and comes back after.
    fn rebuilding(self, object: ObjectId, ctx: &Context) -> Draft {
        let mut d = self.altering(object.clone(), ctx);
        d.drops.push(object);
        d
    }
    /// A draft that changes `object` in place: it needs the old object's dependencies until
    /// it has run, and the new one's before it runs.
    fn altering(self, object: ObjectId, ctx: &Context) -> Draft {
        let mut d = self.draft();
        d.before_drop_of
            .extend(ctx.from_deps.deps_of(&object).cloned());
        d.after_create_of
            .extend(ctx.to_deps.deps_of(&object).cloned());
        d.creates.push(object);
        d
    }
}

/// The drafts for one change.
pub fn drafts(change: &Change, ctx: &Context) -> Result<Vec<Draft>, PlanError> {
    use Change::*;
    let id = change.object();
    let kind = change.kind();
    let b = || StepBuilder::new(id.clone(), kind);
    if ctx.shadowed.contains(&id)
        && matches!(
            change,
            AlterColumnDefault { .. }
                | AlterColumnNotNull { .. }
                | SetComment { .. }
                | Grant { .. }
                | Revoke { .. }
        )
    {
        return Ok(Vec::new());
    }
    Ok(match change {
        CreateCollation(_) | DropCollation(_) | RebuildCollation { .. } => {
            collation::drafts(change, b(), ctx)?
        }
        CreateEnum(_)
        | DropEnum(_)
        | AddEnumValues { .. }
        | RenameEnumValues { .. }
        | RebuildEnum { .. } => enums::drafts(change, b(), ctx)?,
        CreateSchema(_)
        | DropSchema(_)
        | CreateExtension(_)
        | DropExtension(_)
        | AlterExtension { .. }
        | CreateDomain(_)
        | DropDomain(_)
        | AlterDomain { .. }
        | CreateComposite(_)
        | DropComposite(_)
        | AlterComposite { .. }
        | CreateSequence(_)
        | DropSequence(_)
        | AlterSequence { .. }
        | CreateFunction(_)
        | DropFunction(_)
        | ReplaceFunction { .. } => objects::drafts(change, b(), ctx)?,
        CreateTable(_)
        | DropTable(_)
        | AlterTable { .. }
        | AttachPartition { .. }
        | DetachPartition { .. } => table::drafts(change, b(), ctx)?,
        AddColumn { .. }
        | DropColumn { .. }
        | AlterColumnType { .. }
        | AlterColumnDefault { .. }
        | AlterColumnNotNull { .. }
        | AlterColumnIdentity { .. } => column::drafts(change, b(), ctx)?,
        CreateRange(r) => vec![range::create(r, b(), id)],
        DropRange(r) => vec![range::drop(r, b(), id)],
        AlterDefaultPrivileges { from, to } => vec![
            // Only objects created later are concerned: nothing existing is locked. Last (the
            // diff emits it last, in contract): the objects this plan creates get exactly the
            // grants it gives them, whatever the defaults say.
            b().sql(crate::ddl::default_privileges::alter(from, to))
                .reverse(crate::ddl::default_privileges::alter(to, from))
                .no_lock()
                .phase(Phase::Contract)
                .altering(id, ctx),
        ],
        AlterColumnStorage { table, from, to } => {
            vec![column_storage::draft(table, from, to, b(), ctx)]
        }
        CreatePublication(_) | DropPublication(_) | AlterPublication { .. } => {
            publication::drafts(change, b(), ctx)?
        }
        CreateEventTrigger(_) | DropEventTrigger(_) | AlterEventTriggerEnabled { .. } => {
            event_trigger::drafts(change, b(), ctx)?
        }
        CreateAccessMethod(_) | DropAccessMethod(_) | SetAccessMethod { .. } => {
            access_method::drafts(change, b(), ctx)?
        }
        AddConstraint { .. }
        | DropConstraint { .. }
        | ValidateConstraint { .. }
        | CreateIndex { .. }
        | DropIndex { .. }
        | CreateTrigger { .. }
        | DropTrigger { .. }
        | AlterTriggerEnabled { .. }
        | CreatePolicy { .. }
        | DropPolicy { .. }
        | AlterPolicy { .. } => parts::drafts(change, b(), ctx)?,
        CreateDefined { .. } | DropDefined { .. } | AlterStatisticsTarget { .. } => {
            defined::drafts(change, b(), ctx)?
        }
        CreateView(_) | DropView(_) | ReplaceView { .. } => view::drafts(change, b(), ctx)?,
        SetComment { .. } | Grant { .. } | Revoke { .. } => extras::drafts(change, b(), ctx)?,
        AlterOwner { .. } => owner::drafts(change, b(), ctx)?,
    })
}

/// The columns of `changes` whose type change takes the shadow-column recipe.
pub fn shadowed(changes: &[Change], ctx: &Context) -> BTreeSet<ObjectId> {
    changes
        .iter()
        .filter_map(|c| match c {
            Change::AlterColumnType { table, from, to }
                if !ctx.hints.in_place_types.contains(&c.object())
                    && !parts::is_new(ctx, table)
                    && shadow::applies(table, from, to, ctx) =>
            {
                Some(c.object())
            }
            _ => None,
        })
        .collect()
}

/// The relation a step on `id` locks: the table of a column, constraint, index, trigger or
/// policy; the table, view or sequence itself.
pub(crate) fn relation_of(id: &ObjectId) -> Option<QualifiedName> {
    match id {
        ObjectId::Table { name }
        | ObjectId::View { name }
        | ObjectId::MaterializedView { name }
        | ObjectId::Sequence { name } => Some(name.clone()),
        ObjectId::Column { table, .. }
        | ObjectId::Index { table, .. }
        | ObjectId::Constraint { table, .. }
        | ObjectId::Trigger { table, .. }
        | ObjectId::Policy { table, .. }
        | ObjectId::Statistics { table, .. }
        | ObjectId::Rule { table, .. } => Some(table.clone()),
        ObjectId::Schema { .. }
        | ObjectId::Extension { .. }
        | ObjectId::Collation { .. }
        | ObjectId::Type { .. }
        | ObjectId::Function { .. }
        | ObjectId::DomainConstraint { .. }
        | ObjectId::DefaultPrivileges { .. }
        | ObjectId::Publication { .. }
        | ObjectId::EventTrigger { .. }
        | ObjectId::AccessMethod { .. } => None,
    }
}
