//! A set kept as a sorted vector: what the catalog uses for an object's dependencies and
//! grants. Most objects have none or a few; a `BTreeSet` allocates a whole node (eleven
//! slots) for its first element, which at 10,000 tables was most of a catalog's memory.
//! Iterates, compares and serializes exactly as a `BTreeSet` of the same elements (sorted,
//! no duplicates), so fingerprints and saved plans do not change.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Set<T>(Vec<T>);

/// Make room for one more element without the doubling a `Vec` does: most sets and part
/// maps stay this small, and the doubling's spare slots were a sixth of a big catalog.
/// Past a few elements the vector doubles as usual, so large ones stay linear.
pub(super) fn grow_exact<T>(values: &mut Vec<T>) {
    if values.len() == values.capacity() && values.len() < 8 {
        values.reserve_exact(1);
    }
}

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set(Vec::new())
    }
}

impl<T: Ord> Set<T> {
    pub fn new() -> Self {
        Set(Vec::new())
    }

    /// Adds `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(at) => {
                grow_exact(&mut self.0);
                self.0.insert(at, value);
                true
            }
        }
    }

    pub fn contains(&self, value: &T) -> bool {
        self.0.binary_search(value).is_ok()
    }

    pub fn remove(&mut self, value: &T) -> bool {
        match self.0.binary_search(value) {
            Ok(at) => {
                self.0.remove(at);
                true
            }
            Err(_) => false,
        }
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        self.0.retain(keep);
    }

    /// The elements of `self` that are not in `other`, in order.
    pub fn difference<'a>(&'a self, other: &'a Set<T>) -> impl Iterator<Item = &'a T> + 'a {
        self.0.iter().filter(move |v| !other.contains(v))
    }

    fn normalize(mut values: Vec<T>) -> Self {
        values.sort();
        values.dedup();
        values.shrink_to_fit();
        Set(values)
    }
}

impl<T: Ord> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Set::normalize(iter.into_iter().collect())
    }
}

impl<T: Ord> Extend<T> for Set<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        let mut values = std::mem::take(&mut self.0);
        values.extend(iter);
        *self = Set::normalize(values);
    }
}

impl<T: Ord, const N: usize> From<[T; N]> for Set<T> {
    fn from(values: [T; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<'a, T> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> IntoIterator for Set<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<T: Serialize> Serialize for Set<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

impl<'de, T: Deserialize<'de> + Ord> Deserialize<'de> for Set<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Set::normalize(Vec::<T>::deserialize(deserializer)?))
    }
}

#[cfg(test)]
mod tests {
    use super::Set;
    use std::collections::BTreeSet;

    #[test]
    fn behaves_and_serializes_as_a_btreeset() {
        let input = [5, 1, 4, 1, 3, 9, 2, 6, 5, 3];
        let ours: Set<i32> = input.into_iter().collect();
        let theirs: BTreeSet<i32> = input.into_iter().collect();
        assert!(ours.iter().eq(theirs.iter()));
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
        let back: Set<i32> = serde_json::from_str("[3,1,3,2]").unwrap();
        assert_eq!(back, Set::from([1, 2, 3]));
        let mut s = Set::new();
        assert!(s.insert(2) && s.insert(1) && !s.insert(2));
        assert!(s.contains(&1) && !s.contains(&3));
        s.extend([0, 2]);
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [0, 1, 2]);
        assert!(s.remove(&1) && !s.remove(&1));
        let other = Set::from([2]);
        assert_eq!(s.difference(&other).copied().collect::<Vec<_>>(), [0]);
    }
}
