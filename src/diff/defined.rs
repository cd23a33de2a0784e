//! Extended statistics and rules (`model::Defined`) of one table or view: a changed
//! definition is a drop and a create; a statistics target alone is altered in place (the
//! keyed differ in `keyed.rs` does the rest).

use super::Change;
use super::keyed::{Alteration, Part};
use crate::model::{Defined, ObjectId, QualifiedName};

impl Part for Defined {
    fn id(&self, relation: &QualifiedName) -> ObjectId {
        Defined::id(self, relation)
    }
    fn comment(&self) -> Option<&String> {
        self.comment.as_ref()
    }
    fn bare(&self) -> Self {
        Defined {
            comment: None,
            ..self.clone()
        }
    }
    fn create(relation: &QualifiedName, object: Self) -> Change {
        Change::CreateDefined {
            table: relation.clone(),
            object,
        }
    }
    fn drop(relation: &QualifiedName, object: Self) -> Change {
        Change::DropDefined {
            table: relation.clone(),
            object,
        }
    }
    fn alter(relation: &QualifiedName, f: &Self, t: &Self) -> Alteration {
        if f.definition != t.definition {
            return Alteration::Remake;
        }
        let mut changes = Vec::new();
        if f.target != t.target {
            changes.push(Change::AlterStatisticsTarget {
                table: relation.clone(),
                from: f.bare(),
                to: t.bare(),
            });
        }
        Alteration::InPlace(changes)
    }
}
