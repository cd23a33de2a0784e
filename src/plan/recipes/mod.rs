//! Recipes: one `Change` becomes one or more drafts — a `Step` plus what the ordering needs
//! to know about it. One file per family of changes.

mod column;
mod extras;
mod objects;
mod parts;
mod table;
mod view;

use super::PlanError;
use super::deps::DepIndex;
use super::step::{Hazard, Lock, Phase, Step};
use crate::diff::Change;
use crate::model::{Catalog, ObjectId};
use std::collections::BTreeSet;

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
}

/// Builder shorthands shared by the recipe files.
pub(super) struct StepBuilder(Step);

impl StepBuilder {
    fn new(object: ObjectId, kind: &'static str) -> Self {
        StepBuilder(Step::new(object, kind))
    }
    fn sql(mut self, sql: impl IntoIterator<Item = String>) -> Self {
        self.0.sql.extend(sql);
        self
    }
    fn reverse(mut self, sql: impl IntoIterator<Item = String>) -> Self {
        self.0.reverse.extend(sql);
        self
    }
    fn note(mut self, note: impl Into<String>) -> Self {
        self.0.reverse_note = Some(note.into());
        self
    }
    fn note_if(mut self, note: Option<String>) -> Self {
        if note.is_some() {
            self.0.reverse_note = note;
        }
        self
    }
    fn phase(mut self, phase: Phase) -> Self {
        self.0.phase = phase;
        self
    }
    fn lock(mut self, lock: Lock) -> Self {
        self.0.lock = lock;
        self
    }
    fn hazard(mut self, hazard: Hazard) -> Self {
        self.0.hazards.insert(hazard);
        self
    }
    fn non_transactional(mut self) -> Self {
        self.0.transactional = false;
        self
    }
    fn definitions(mut self, old: &str, new: &str) -> Self {
        self.0.definition_change = Some((old.to_string(), new.to_string()));
        self
    }
    fn draft(self) -> Draft {
        Draft::new(self.0)
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
    Ok(match change {
        CreateSchema(_)
        | DropSchema(_)
        | CreateExtension(_)
        | DropExtension(_)
        | AlterExtension { .. }
        | CreateEnum(_)
        | DropEnum(_)
        | AddEnumValues { .. }
        | RenameEnumValues { .. }
        | RebuildEnum { .. }
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
        CreateView(_) | DropView(_) | ReplaceView { .. } => view::drafts(change, b(), ctx)?,
        SetComment { .. } | Grant { .. } | Revoke { .. } => extras::drafts(change, b(), ctx)?,
    })
}
