//! Lookups over the `from` catalog that recipes would otherwise answer by scanning every
//! table once per change: built once per plan.

use crate::model::{Catalog, Constraint, ConstraintKind, QualifiedName, Table};
use std::collections::{BTreeMap, BTreeSet};

/// Per referenced table, the foreign keys to it; and the tables that have children.
#[derive(Default)]
pub struct TableIndex<'a> {
    /// Foreign keys (not the clones of a partitioned table's) by the table they reference.
    pub foreign_keys_to: BTreeMap<&'a QualifiedName, Vec<(&'a Table, &'a Constraint)>>,
    /// Tables some table inherits from or is a partition of.
    pub parents: BTreeSet<&'a QualifiedName>,
}

impl<'a> TableIndex<'a> {
    pub fn new(cat: &'a Catalog) -> Self {
        let mut index = TableIndex::default();
        for t in cat.tables.values() {
            index.parents.extend(&t.inherits);
            index
                .parents
                .extend(t.partition_of.as_ref().map(|p| &p.parent));
            for c in t.constraints.values() {
                if let (ConstraintKind::ForeignKey, false, Some(to)) =
                    (c.kind, c.inherited, &c.references)
                {
                    index.foreign_keys_to.entry(to).or_default().push((t, c));
                }
            }
        }
        index
    }
}
