//! Diff: a pure function `Catalog × Catalog → Vec<Change>` (DESIGN decision 3).
//!
//! Conventions that the planner relies on:
//! - A created object comes as its `Create*` change followed by changes that add its parts
//!   (constraints, indexes, triggers, policies, statistics, rules), comments and grants, as if diffed from a bare
//!   copy of itself. A dropped object comes the other way round: its parts, comments and grants
//!   are dropped first, then the object. The planner leaves the parts' SQL out where the parent's
//!   DROP implies it, but keeps their reverses, so the reverse script restores everything.
//! - Objects match by qualified name (functions by identity arguments); column order is not a
//!   change; inherited columns/constraints and partition indexes belong to their parent.

mod access_method;
mod change;
mod collation;
mod default_privileges;
mod defined;
mod event_trigger;
mod extras;
mod function;
mod keyed;
mod owner;
mod publication;
mod schema;
mod sequence;
mod table;
mod table_parts;
mod types;
mod view;

pub use change::{Change, OwnerChangeAt, view_id};
pub use event_trigger::is_disabling;
pub use extras::{comment_changes, grant_changes};
pub use owner::owner_changes;
pub use table::bare_table;
pub use view::bare_view;

use crate::model::Catalog;
use std::collections::BTreeMap;

/// Everything that differs between `from` and `to`, in a deterministic order.
pub fn diff(from: &Catalog, to: &Catalog) -> Vec<Change> {
    let mut out = Vec::new();
    schema::diff_schemas(&mut out, from, to);
    schema::diff_extensions(&mut out, from, to);
    access_method::diff_access_methods(&mut out, from, to);
    collation::diff_collations(&mut out, from, to);
    types::diff_enums(&mut out, from, to);
    types::diff_domains(&mut out, from, to);
    types::diff_composites(&mut out, from, to);
    types::diff_ranges(&mut out, from, to);
    sequence::diff_sequences(&mut out, from, to);
    table::diff_tables(&mut out, from, to);
    view::diff_views(&mut out, from, to);
    function::diff_functions(&mut out, from, to);
    default_privileges::revoke_defaults_on_created(&mut out, from, to);
    default_privileges::diff_default_privileges(&mut out, from, to);
    publication::diff_publications(&mut out, from, to);
    event_trigger::diff_event_triggers(&mut out, from, to);
    owner::owner_changes(&mut out, from, to);
    out
}

/// The two kinds of map the catalog keeps: `BTreeMap` for its objects, `model::Map` for
/// the parts of one object.
pub(crate) trait KeyedMap<K, V> {
    fn lookup(&self, key: &K) -> Option<&V>;
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a;
}

impl<K: Ord, V> KeyedMap<K, V> for BTreeMap<K, V> {
    fn lookup(&self, key: &K) -> Option<&V> {
        self.get(key)
    }
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        self.iter()
    }
}

impl<K: Ord, V> KeyedMap<K, V> for crate::model::Map<K, V> {
    fn lookup(&self, key: &K) -> Option<&V> {
        self.get(key)
    }
    fn entries<'a>(&'a self) -> impl Iterator<Item = (&'a K, &'a V)>
    where
        K: 'a,
        V: 'a,
    {
        self.iter()
    }
}

/// Walk two maps by key, in key order: `visit(key, in_from, in_to)`.
pub(crate) fn merge_maps<'a, K: Ord + 'a, V: 'a, M: KeyedMap<K, V>>(
    from: &'a M,
    to: &'a M,
    mut visit: impl FnMut(&'a K, Option<&'a V>, Option<&'a V>),
) {
    for (k, f) in from.entries() {
        visit(k, Some(f), to.lookup(k));
    }
    for (k, t) in to.entries() {
        if from.lookup(k).is_none() {
            visit(k, None, Some(t));
        }
    }
}

#[cfg(test)]
mod tests;
