//! Constraints, indexes, triggers and policies of a table (and, from `defined.rs`, its
//! statistics and rules): what each kind can alter in place
//! (the keyed differ in `keyed.rs` does the rest).

use super::Change;
use super::keyed::{Alteration, Part, diff_parts};
use crate::model::{Constraint, Index, ObjectId, Policy, QualifiedName, Table, Trigger};

pub fn diff_table_parts(out: &mut Vec<Change>, table: &QualifiedName, f: &Table, t: &Table) {
    diff_parts(out, table, &f.constraints, &t.constraints);
    diff_parts(out, table, &f.indexes, &t.indexes);
    diff_parts(out, table, &f.triggers, &t.triggers);
    diff_parts(out, table, &f.policies, &t.policies);
    diff_parts(out, table, &f.defined, &t.defined);
}

impl Part for Constraint {
    fn id(&self, table: &QualifiedName) -> ObjectId {
        ObjectId::Constraint {
            table: table.clone(),
            name: self.name.clone(),
        }
    }
    fn comment(&self) -> Option<&String> {
        self.comment.as_ref()
    }
    fn bare(&self) -> Self {
        Constraint {
            comment: None,
            ..self.clone()
        }
    }
    fn create(table: &QualifiedName, constraint: Self) -> Change {
        Change::AddConstraint {
            table: table.clone(),
            constraint,
        }
    }
    fn drop(table: &QualifiedName, constraint: Self) -> Change {
        Change::DropConstraint {
            table: table.clone(),
            constraint,
        }
    }
    fn declared_here(&self) -> bool {
        !self.inherited
    }
    fn alter(table: &QualifiedName, f: &Self, t: &Self) -> Alteration {
        // NOT VALID → valid, the definition otherwise the same: VALIDATE, no rebuild.
        let same_but_validity = !f.validated
            && t.validated
            && f.definition.strip_suffix(" NOT VALID") == Some(t.definition.as_str());
        if same_but_validity {
            Alteration::InPlace(vec![Change::ValidateConstraint {
                table: table.clone(),
                constraint: t.bare(),
            }])
        } else if f.definition != t.definition || f.validated != t.validated {
            Alteration::Remake
        } else {
            Alteration::InPlace(Vec::new())
        }
    }
}

impl Part for Index {
    fn id(&self, table: &QualifiedName) -> ObjectId {
        ObjectId::Index {
            table: table.clone(),
            name: self.name.clone(),
        }
    }
    fn comment(&self) -> Option<&String> {
        self.comment.as_ref()
    }
    fn bare(&self) -> Self {
        Index {
            comment: None,
            ..self.clone()
        }
    }
    fn create(table: &QualifiedName, index: Self) -> Change {
        Change::CreateIndex {
            table: table.clone(),
            index,
        }
    }
    fn drop(table: &QualifiedName, index: Self) -> Change {
        Change::DropIndex {
            table: table.clone(),
            index,
        }
    }
    /// Indexes that are partitions of a parent's index come and go with the parent's index.
    fn declared_here(&self) -> bool {
        self.partition_of.is_none()
    }
    fn alter(_: &QualifiedName, f: &Self, t: &Self) -> Alteration {
        // An INVALID index (a failed concurrent build) is rebuilt even if its definition
        // matches: it is not used and may not enforce uniqueness.
        if f.definition != t.definition || f.valid != t.valid {
            Alteration::Remake
        } else {
            Alteration::InPlace(Vec::new())
        }
    }
}

impl Part for Trigger {
    fn id(&self, table: &QualifiedName) -> ObjectId {
        ObjectId::Trigger {
            table: table.clone(),
            name: self.name.clone(),
        }
    }
    fn comment(&self) -> Option<&String> {
        self.comment.as_ref()
    }
    fn bare(&self) -> Self {
        Trigger {
            comment: None,
            ..self.clone()
        }
    }
    fn create(table: &QualifiedName, trigger: Self) -> Change {
        Change::CreateTrigger {
            table: table.clone(),
            trigger,
        }
    }
    fn drop(table: &QualifiedName, trigger: Self) -> Change {
        Change::DropTrigger {
            table: table.clone(),
            trigger,
        }
    }
    fn alter(table: &QualifiedName, f: &Self, t: &Self) -> Alteration {
        if f.definition != t.definition {
            return Alteration::Remake;
        }
        let mut changes = Vec::new();
        if f.enabled != t.enabled {
            changes.push(Change::AlterTriggerEnabled {
                table: table.clone(),
                from: f.clone(),
                to: t.clone(),
            });
        }
        Alteration::InPlace(changes)
    }
}

impl Part for Policy {
    fn id(&self, table: &QualifiedName) -> ObjectId {
        ObjectId::Policy {
            table: table.clone(),
            name: self.name.clone(),
        }
    }
    fn comment(&self) -> Option<&String> {
        self.comment.as_ref()
    }
    fn bare(&self) -> Self {
        Policy {
            comment: None,
            ..self.clone()
        }
    }
    fn create(table: &QualifiedName, policy: Self) -> Change {
        Change::CreatePolicy {
            table: table.clone(),
            policy,
        }
    }
    fn drop(table: &QualifiedName, policy: Self) -> Change {
        Change::DropPolicy {
            table: table.clone(),
            policy,
        }
    }
    fn alter(table: &QualifiedName, f: &Self, t: &Self) -> Alteration {
        // ALTER POLICY cannot change the command or permissiveness, nor remove a USING or
        // WITH CHECK clause (so its reverse could not add one either).
        if f.command != t.command
            || f.permissive != t.permissive
            || f.using.is_some() != t.using.is_some()
            || f.with_check.is_some() != t.with_check.is_some()
        {
            return Alteration::Remake;
        }
        let mut changes = Vec::new();
        if f.roles != t.roles || f.using != t.using || f.with_check != t.with_check {
            changes.push(Change::AlterPolicy {
                table: table.clone(),
                from: f.bare(),
                to: t.bare(),
            });
        }
        Alteration::InPlace(changes)
    }
}
