//! Maps keyed by an object's own name, serialized as a plain list of objects.
//! JSON has only string keys; the objects already carry their names, so a list loses nothing.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

/// An object that knows its own key.
pub trait Keyed {
    type Key: Ord;
    fn key(&self) -> Self::Key;
}

pub mod keyed_map {
    use super::*;

    pub fn serialize<K, V, S>(map: &BTreeMap<K, V>, serializer: S) -> Result<S::Ok, S::Error>
    where
        V: Serialize,
        S: Serializer,
    {
        serializer.collect_seq(map.values())
    }

    pub fn deserialize<'de, V, D>(deserializer: D) -> Result<BTreeMap<V::Key, V>, D::Error>
    where
        V: Keyed + DeserializeOwned,
        D: Deserializer<'de>,
    {
        let items = Vec::<V>::deserialize(deserializer)?;
        Ok(items.into_iter().map(|v| (v.key(), v)).collect())
    }
}
