//! `Change`: what differs between two catalogs, semantically (DESIGN decision 3).
//! A change carries the objects it concerns (cloned from the catalogs), so the planner can
//! build SQL and the reverse from both states without looking anything up again.

use crate::model::*;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    CreateSchema(Schema),
    DropSchema(Schema),

    CreateExtension(Extension),
    DropExtension(Extension),
    AlterExtension {
        from: Extension,
        to: Extension,
    },

    CreateCollation(Collation),
    DropCollation(Collation),
    /// Any difference but the comment: PostgreSQL cannot alter a collation, so the old one is
    /// renamed away, the new one created, the columns using it moved over, the old one dropped.
    RebuildCollation {
        from: Collation,
        to: Collation,
    },

    CreateEnum(EnumType),
    DropEnum(EnumType),
    /// New labels that can be added in place (`ALTER TYPE ... ADD VALUE`), in order.
    AddEnumValues {
        from: EnumType,
        to: EnumType,
    },
    /// Labels replaced one for one at the same positions, by labels that are new: renamed in
    /// place (`ALTER TYPE ... RENAME VALUE`), which keeps the rows that hold them.
    RenameEnumValues {
        from: EnumType,
        to: EnumType,
    },
    /// Labels removed or reordered: the type must be rebuilt under its columns.
    RebuildEnum {
        from: EnumType,
        to: EnumType,
    },

    CreateDomain(Domain),
    DropDomain(Domain),
    /// Default, NOT NULL and checks, altered in place.
    AlterDomain {
        from: Domain,
        to: Domain,
    },

    CreateComposite(CompositeType),
    DropComposite(CompositeType),
    /// A range type cannot be altered: a changed one is a drop and a create.
    CreateRange(RangeType),
    DropRange(RangeType),
    AlterComposite {
        from: CompositeType,
        to: CompositeType,
    },

    CreateSequence(Sequence),
    DropSequence(Sequence),
    AlterSequence {
        from: Sequence,
        to: Sequence,
    },

    CreateTable(Table),
    DropTable(Table),
    /// Table-level properties: logged, RLS, replica identity, storage options. Boxed: two
    /// whole tables would make every change as large.
    AlterTable {
        from: Box<Table>,
        to: Box<Table>,
    },
    AttachPartition {
        table: QualifiedName,
        partition: PartitionOf,
    },
    DetachPartition {
        table: QualifiedName,
        partition: PartitionOf,
    },

    AddColumn {
        table: QualifiedName,
        column: Column,
    },
    DropColumn {
        table: QualifiedName,
        column: Column,
    },
    /// Type or collation.
    AlterColumnType {
        table: QualifiedName,
        from: Column,
        to: Column,
    },
    AlterColumnDefault {
        table: QualifiedName,
        from: Column,
        to: Column,
    },
    AlterColumnNotNull {
        table: QualifiedName,
        from: Column,
        to: Column,
    },
    AlterColumnIdentity {
        table: QualifiedName,
        from: Column,
        to: Column,
    },
    /// `ALTER DEFAULT PRIVILEGES` of one (role, schema, object type); an entry that comes or
    /// goes is compared with an empty one.
    AlterDefaultPrivileges {
        from: DefaultPrivileges,
        to: DefaultPrivileges,
    },
    CreatePublication(Publication),
    DropPublication(Publication),
    /// Members added, dropped or redefined (column list, row filter), options set; `FOR
    /// ALL TABLES` cannot be altered (a drop and a create).
    AlterPublication {
        from: Publication,
        to: Publication,
    },
    CreateEventTrigger(EventTrigger),
    DropEventTrigger(EventTrigger),
    /// `ALTER EVENT TRIGGER ... ENABLE | DISABLE`; any other change is a drop and a create.
    AlterEventTriggerEnabled {
        from: EventTrigger,
        to: EventTrigger,
    },
    /// An access method cannot be altered (only renamed): a changed one is a drop and a
    /// create.
    CreateAccessMethod(AccessMethod),
    DropAccessMethod(AccessMethod),
    /// A table or materialized view (`relation`) moved to another table access method
    /// (`None`: `heap`): `SET ACCESS METHOD`, which rewrites it.
    SetAccessMethod {
        relation: ObjectId,
        from: Option<String>,
        to: Option<String>,
    },
    /// Storage strategy or compression (`SET STORAGE`, `SET COMPRESSION`). Columns are
    /// created and dropped without them; this change sets them after a column is made and
    /// brings them back after a dropped one is restored.
    AlterColumnStorage {
        table: QualifiedName,
        from: Column,
        to: Column,
    },

    AddConstraint {
        table: QualifiedName,
        constraint: Constraint,
    },
    DropConstraint {
        table: QualifiedName,
        constraint: Constraint,
    },
    /// Same definition, NOT VALID in `from` and valid in `to`.
    ValidateConstraint {
        table: QualifiedName,
        constraint: Constraint,
    },

    CreateIndex {
        table: QualifiedName,
        index: Index,
    },
    DropIndex {
        table: QualifiedName,
        index: Index,
    },

    CreateTrigger {
        table: QualifiedName,
        trigger: Trigger,
    },
    DropTrigger {
        table: QualifiedName,
        trigger: Trigger,
    },
    AlterTriggerEnabled {
        table: QualifiedName,
        from: Trigger,
        to: Trigger,
    },

    CreatePolicy {
        table: QualifiedName,
        policy: Policy,
    },
    DropPolicy {
        table: QualifiedName,
        policy: Policy,
    },
    /// Roles, USING and WITH CHECK (ALTER POLICY can change those).
    AlterPolicy {
        table: QualifiedName,
        from: Policy,
        to: Policy,
    },

    /// Extended statistics or a rule (`model::Defined`), on the table or view `table`.
    CreateDefined {
        table: QualifiedName,
        object: Defined,
    },
    DropDefined {
        table: QualifiedName,
        object: Defined,
    },
    /// Same statistics definition, another `SET STATISTICS` target.
    AlterStatisticsTarget {
        table: QualifiedName,
        from: Defined,
        to: Defined,
    },

    CreateView(View),
    DropView(View),
    /// `CREATE OR REPLACE VIEW`: same leading columns, maybe new ones appended.
    ReplaceView {
        from: View,
        to: View,
    },

    CreateFunction(Function),
    DropFunction(Function),
    /// `CREATE OR REPLACE`: same identity, result and argument names.
    ReplaceFunction {
        from: Function,
        to: Function,
    },

    SetComment {
        object: ObjectId,
        from: Option<String>,
        to: Option<String>,
    },
    Grant {
        object: ObjectId,
        grant: Grant,
    },
    Revoke {
        object: ObjectId,
        grant: Grant,
    },
    /// `ALTER ... OWNER TO` (`--owners` only); `None` is the user schemadiff connects as.
    /// `grant_old`: what the desired state grants the old owner, granted after the change;
    /// `revoke_new`: what the current state grants the new owner, revoked before it (see
    /// `diff::owner`). Both are left out of the JSON when empty.
    AlterOwner {
        object: ObjectId,
        at: OwnerChangeAt,
        from: Option<String>,
        to: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        grant_old: Vec<Grant>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        revoke_new: Vec<Grant>,
    },
}

/// When an owner change runs relative to the rest of the plan's changes to its object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerChangeAt {
    /// The object stays: in contract.
    Kept,
    /// Right after the plan creates (or rebuilds) it, in the same phase.
    AfterCreate,
    /// Right before the plan drops (or rebuilds) it: its way back gives the owner back.
    BeforeDrop,
}

impl Change {
    /// The object this change is about.
    pub fn object(&self) -> ObjectId {
        use Change::*;
        match self {
            CreateSchema(s) | DropSchema(s) => ObjectId::Schema {
                name: s.name.clone(),
            },
            AlterDefaultPrivileges { to, .. } => ObjectId::DefaultPrivileges {
                role: to.role.clone(),
                schema: to.schema.clone(),
                object_type: to.object_type.clone(),
            },
            CreatePublication(p) | DropPublication(p) | AlterPublication { to: p, .. } => {
                ObjectId::Publication {
                    name: p.name.clone(),
                }
            }
            CreateEventTrigger(e)
            | DropEventTrigger(e)
            | AlterEventTriggerEnabled { to: e, .. } => ObjectId::EventTrigger {
                name: e.name.clone(),
            },
            CreateAccessMethod(a) | DropAccessMethod(a) => ObjectId::AccessMethod {
                name: a.name.clone(),
            },
            SetAccessMethod { relation, .. } => relation.clone(),
            CreateExtension(e) | DropExtension(e) | AlterExtension { to: e, .. } => {
                ObjectId::Extension {
                    name: e.name.clone(),
                }
            }
            CreateCollation(c) | DropCollation(c) | RebuildCollation { to: c, .. } => {
                ObjectId::Collation {
                    name: c.name.clone(),
                }
            }
            CreateEnum(t)
            | DropEnum(t)
            | AddEnumValues { to: t, .. }
            | RenameEnumValues { to: t, .. }
            | RebuildEnum { to: t, .. } => ObjectId::Type {
                name: t.name.clone(),
            },
            CreateDomain(d) | DropDomain(d) | AlterDomain { to: d, .. } => ObjectId::Type {
                name: d.name.clone(),
            },
            CreateComposite(c) | DropComposite(c) | AlterComposite { to: c, .. } => {
                ObjectId::Type {
                    name: c.name.clone(),
                }
            }
            CreateRange(r) | DropRange(r) => ObjectId::Type {
                name: r.name.clone(),
            },
            CreateSequence(s) | DropSequence(s) | AlterSequence { to: s, .. } => {
                ObjectId::Sequence {
                    name: s.name.clone(),
                }
            }
            CreateTable(t) | DropTable(t) => ObjectId::Table {
                name: t.name.clone(),
            },
            AlterTable { to, .. } => ObjectId::Table {
                name: to.name.clone(),
            },
            AttachPartition { table, .. } | DetachPartition { table, .. } => ObjectId::Table {
                name: table.clone(),
            },
            AddColumn { table, column }
            | DropColumn { table, column }
            | AlterColumnType {
                table, to: column, ..
            }
            | AlterColumnDefault {
                table, to: column, ..
            }
            | AlterColumnNotNull {
                table, to: column, ..
            }
            | AlterColumnIdentity {
                table, to: column, ..
            }
            | AlterColumnStorage {
                table, to: column, ..
            } => ObjectId::Column {
                table: table.clone(),
                column: column.name.clone(),
            },
            AddConstraint { table, constraint }
            | DropConstraint { table, constraint }
            | ValidateConstraint { table, constraint } => ObjectId::Constraint {
                table: table.clone(),
                name: constraint.name.clone(),
            },
            CreateIndex { table, index } | DropIndex { table, index } => ObjectId::Index {
                table: table.clone(),
                name: index.name.clone(),
            },
            CreateTrigger { table, trigger }
            | DropTrigger { table, trigger }
            | AlterTriggerEnabled {
                table, to: trigger, ..
            } => ObjectId::Trigger {
                table: table.clone(),
                name: trigger.name.clone(),
            },
            CreatePolicy { table, policy }
            | DropPolicy { table, policy }
            | AlterPolicy {
                table, to: policy, ..
            } => ObjectId::Policy {
                table: table.clone(),
                name: policy.name.clone(),
            },
            CreateDefined { table, object }
            | DropDefined { table, object }
            | AlterStatisticsTarget {
                table, to: object, ..
            } => object.id(table),
            CreateView(v) | DropView(v) | ReplaceView { to: v, .. } => view_id(v),
            CreateFunction(f) | DropFunction(f) | ReplaceFunction { to: f, .. } => {
                ObjectId::Function { id: f.id.clone() }
            }
            SetComment { object, .. }
            | Grant { object, .. }
            | Revoke { object, .. }
            | AlterOwner { object, .. } => object.clone(),
        }
    }

    /// Drops a whole object (schema, extension, collation, type, sequence, table, view, function,
    /// publication, event trigger, access method).
    pub fn drops_object(&self) -> bool {
        use Change::*;
        matches!(
            self,
            DropSchema(_)
                | DropExtension(_)
                | DropCollation(_)
                | DropEnum(_)
                | DropDomain(_)
                | DropComposite(_)
                | DropRange(_)
                | DropSequence(_)
                | DropTable(_)
                | DropView(_)
                | DropFunction(_)
                | DropPublication(_)
                | DropEventTrigger(_)
                | DropAccessMethod(_)
        )
    }

    /// Makes the object anew in one step (a new type or collation under the old name), so
    /// that it is owned by the connecting user afterwards, as a created one is.
    pub fn rebuilds_object(&self) -> bool {
        matches!(
            self,
            Change::RebuildEnum { .. } | Change::RebuildCollation { .. }
        )
    }

    /// Creates a whole object: the counterpart of [`Change::drops_object`].
    pub fn creates_object(&self) -> bool {
        use Change::*;
        matches!(
            self,
            CreateSchema(_)
                | CreateExtension(_)
                | CreateCollation(_)
                | CreateEnum(_)
                | CreateDomain(_)
                | CreateComposite(_)
                | CreateRange(_)
                | CreateSequence(_)
                | CreateTable(_)
                | CreateView(_)
                | CreateFunction(_)
                | CreatePublication(_)
                | CreateEventTrigger(_)
                | CreateAccessMethod(_)
        )
    }

    /// Drops a part of a table or view: a column, constraint, index, trigger, policy,
    /// statistics or rule.
    pub fn drops_part(&self) -> bool {
        use Change::*;
        matches!(
            self,
            DropColumn { .. }
                | DropConstraint { .. }
                | DropIndex { .. }
                | DropTrigger { .. }
                | DropPolicy { .. }
                | DropDefined { .. }
        )
    }

    /// Adds a part of a table or view: the counterpart of [`Change::drops_part`].
    pub fn adds_part(&self) -> bool {
        use Change::*;
        matches!(
            self,
            AddColumn { .. }
                | AddConstraint { .. }
                | CreateIndex { .. }
                | CreateTrigger { .. }
                | CreatePolicy { .. }
                | CreateDefined { .. }
        )
    }

    /// A short kebab-case name of the kind of change, for output and JSON.
    pub fn kind(&self) -> &'static str {
        use Change::*;
        match self {
            CreateSchema(_) => "create-schema",
            DropSchema(_) => "drop-schema",
            CreateExtension(_) => "create-extension",
            DropExtension(_) => "drop-extension",
            AlterExtension { .. } => "alter-extension",
            CreateCollation(_) => "create-collation",
            DropCollation(_) => "drop-collation",
            RebuildCollation { .. } => "rebuild-collation",
            CreateEnum(_) => "create-enum",
            DropEnum(_) => "drop-enum",
            AddEnumValues { .. } => "add-enum-values",
            RenameEnumValues { .. } => "rename-enum-values",
            RebuildEnum { .. } => "rebuild-enum",
            CreateDomain(_) => "create-domain",
            DropDomain(_) => "drop-domain",
            AlterDomain { .. } => "alter-domain",
            CreateComposite(_) => "create-composite-type",
            DropComposite(_) => "drop-composite-type",
            CreateRange(_) => "create-range-type",
            DropRange(_) => "drop-range-type",
            AlterComposite { .. } => "alter-composite-type",
            CreateSequence(_) => "create-sequence",
            DropSequence(_) => "drop-sequence",
            AlterSequence { .. } => "alter-sequence",
            CreateTable(_) => "create-table",
            DropTable(_) => "drop-table",
            AlterTable { .. } => "alter-table",
            AttachPartition { .. } => "attach-partition",
            DetachPartition { .. } => "detach-partition",
            AddColumn { .. } => "add-column",
            DropColumn { .. } => "drop-column",
            AlterColumnType { .. } => "alter-column-type",
            AlterColumnDefault { .. } => "alter-column-default",
            AlterColumnNotNull { .. } => "alter-column-not-null",
            AlterColumnIdentity { .. } => "alter-column-identity",
            AlterColumnStorage { .. } => "alter-column-storage",
            AlterDefaultPrivileges { .. } => "alter-default-privileges",
            CreatePublication(_) => "create-publication",
            DropPublication(_) => "drop-publication",
            AlterPublication { .. } => "alter-publication",
            CreateEventTrigger(_) => "create-event-trigger",
            DropEventTrigger(_) => "drop-event-trigger",
            AlterEventTriggerEnabled { .. } => "alter-event-trigger-enabled",
            CreateAccessMethod(_) => "create-access-method",
            DropAccessMethod(_) => "drop-access-method",
            SetAccessMethod { .. } => "set-access-method",
            AddConstraint { .. } => "add-constraint",
            DropConstraint { .. } => "drop-constraint",
            ValidateConstraint { .. } => "validate-constraint",
            CreateIndex { .. } => "create-index",
            DropIndex { .. } => "drop-index",
            CreateTrigger { .. } => "create-trigger",
            DropTrigger { .. } => "drop-trigger",
            AlterTriggerEnabled { .. } => "alter-trigger-enabled",
            CreatePolicy { .. } => "create-policy",
            DropPolicy { .. } => "drop-policy",
            AlterPolicy { .. } => "alter-policy",
            CreateDefined { object, .. } => match object.kind {
                DefinedKind::Statistics => "create-statistics",
                DefinedKind::Rule => "create-rule",
            },
            DropDefined { object, .. } => match object.kind {
                DefinedKind::Statistics => "drop-statistics",
                DefinedKind::Rule => "drop-rule",
            },
            AlterStatisticsTarget { .. } => "alter-statistics-target",
            CreateView(v) if v.materialized => "create-materialized-view",
            CreateView(_) => "create-view",
            DropView(v) if v.materialized => "drop-materialized-view",
            DropView(_) => "drop-view",
            ReplaceView { .. } => "replace-view",
            CreateFunction(_) => "create-function",
            DropFunction(_) => "drop-function",
            ReplaceFunction { .. } => "replace-function",
            SetComment { .. } => "set-comment",
            Grant { .. } => "grant",
            Revoke { .. } => "revoke",
            AlterOwner { .. } => "alter-owner",
        }
    }
}

pub fn view_id(v: &View) -> ObjectId {
    if v.materialized {
        ObjectId::MaterializedView {
            name: v.name.clone(),
        }
    } else {
        ObjectId::View {
            name: v.name.clone(),
        }
    }
}
