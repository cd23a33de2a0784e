//! The shrinker: make a failing pair smaller while it still fails the same way. First the
//! edits are undone one at a time (B made more like A), then elements are removed from both
//! sides, in halves, quarters, ... down to one at a time, each with everything that depends
//! on it.

use super::edits::sort;
use super::model::Db;

/// Which side of a pair each end of a direction is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Dir {
    EmptyToA,
    AToEmpty,
    AToB,
    BToA,
}

impl Dir {
    pub const ALL: [Dir; 4] = [Dir::EmptyToA, Dir::AToEmpty, Dir::AToB, Dir::BToA];

    pub fn name(self) -> &'static str {
        match self {
            Dir::EmptyToA => "empty-a",
            Dir::AToEmpty => "a-empty",
            Dir::AToB => "a-b",
            Dir::BToA => "b-a",
        }
    }

    /// (from, to) of this direction.
    pub fn sides(self, a: &Db, b: &Db) -> (Db, Db) {
        match self {
            Dir::EmptyToA => (Db::default(), a.clone()),
            Dir::AToEmpty => (a.clone(), Db::default()),
            Dir::AToB => (a.clone(), b.clone()),
            Dir::BToA => (b.clone(), a.clone()),
        }
    }

    fn uses_b(self) -> bool {
        matches!(self, Dir::AToB | Dir::BToA)
    }
}

/// The smallest (A, B) found within `budget` runs of `fails` (which must hold for the
/// given pair).
pub fn shrink(
    a: &Db,
    b: &Db,
    dir: Dir,
    budget: usize,
    mut fails: impl FnMut(&Db, &Db) -> bool,
) -> (Db, Db) {
    let (mut a, mut b) = (
        a.clone(),
        if dir.uses_b() {
            b.clone()
        } else {
            Db::default()
        },
    );
    let mut runs = 0;
    let mut attempt = |a2: &Db, b2: &Db, runs: &mut usize| -> bool {
        *runs += 1;
        fails(a2, b2)
    };
    // 1. Undo edits one at a time.
    if dir.uses_b() {
        let mut seen = std::collections::BTreeSet::new();
        let ids: Vec<String> = a
            .els
            .iter()
            .chain(&b.els)
            .map(|e| e.id.clone())
            .filter(|id| seen.insert(id.clone()))
            .collect();
        for id in ids.into_iter().rev() {
            if runs >= budget {
                break;
            }
            let (ea, eb) = (a.get(&id).cloned(), b.get(&id).cloned());
            let (mut a2, mut b2) = (a.clone(), b.clone());
            match (ea, eb) {
                (Some(x), Some(y)) if x == y => continue,
                (Some(x), Some(_)) => {
                    let e = b2.els.iter_mut().find(|e| e.id == id).unwrap();
                    *e = x;
                    sort(&mut b2);
                }
                (Some(_), None) => a2.remove(&id),
                (None, Some(_)) => b2.remove(&id),
                (None, None) => continue,
            }
            if attempt(&a2, &b2, &mut runs) {
                (a, b) = (a2, b2);
            }
        }
    }
    // 2. Remove elements (with their dependents) from both sides, in ever smaller chunks.
    let mut chunk = (a.els.len() + b.els.len()) / 2;
    while chunk >= 1 && runs < budget {
        let mut ids: Vec<String> = a
            .els
            .iter()
            .chain(&b.els)
            .filter(|e| !e.pinned)
            .map(|e| e.id.clone())
            .collect();
        ids.sort();
        ids.dedup();
        let mut i = 0;
        let mut changed = false;
        while i < ids.len() && runs < budget {
            let part = &ids[i..(i + chunk).min(ids.len())];
            let (mut a2, mut b2) = (a.clone(), b.clone());
            for id in part {
                a2.remove(id);
                b2.remove(id);
            }
            if (a2.els.len(), b2.els.len()) != (a.els.len(), b.els.len())
                && attempt(&a2, &b2, &mut runs)
            {
                (a, b) = (a2, b2);
                changed = true;
            }
            i += chunk;
        }
        if !changed {
            chunk /= 2;
        }
    }
    (a, b)
}
