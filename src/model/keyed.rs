//! Maps keyed by an object's own name, serialized as a plain list of objects.
//! JSON has only string keys; the objects already carry their names, so a list loses nothing.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An object that knows its own key.
pub trait Keyed {
    type Key: Ord;
    fn key(&self) -> Self::Key;
}

/// For `BTreeMap` and `model::Map` alike: any map that iterates as `(&K, &V)` and collects
/// from `(K, V)`.
pub mod keyed_map {
    use super::*;

    pub fn serialize<'a, M, K, V, S>(map: &'a M, serializer: S) -> Result<S::Ok, S::Error>
    where
        &'a M: IntoIterator<Item = (&'a K, &'a V)>,
        K: 'a,
        V: Serialize + 'a,
        S: Serializer,
    {
        serializer.collect_seq(map.into_iter().map(|(_, v)| v))
    }

    pub fn deserialize<'de, M, V, D>(deserializer: D) -> Result<M, D::Error>
    where
        M: FromIterator<(V::Key, V)>,
        V: Keyed + DeserializeOwned,
        D: Deserializer<'de>,
    {
        let items = Vec::<V>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|v| (v.key(), v)).collect())
    }
}
