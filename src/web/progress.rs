//! Which lessons this browser has passed, kept in `localStorage` (nothing leaves the device).

use super::storage;
use litemap::LiteMap;

const KEY: &str = "mqtt-playground-progress";

/// The ids of the lessons passed here.
pub fn passed() -> LiteMap<String, ()> {
    // Stored as a JSON list of ids; the set is built by insertion (`collect()` sorts).
    let mut ids = LiteMap::new();
    for id in storage::load::<Vec<String>>(KEY).unwrap_or_default() {
        ids.insert(id, ());
    }
    ids
}

/// Records a lesson as passed; returns the new set.
pub fn mark(id: &str) -> LiteMap<String, ()> {
    let mut all = passed();
    if all.insert(id.to_string(), ()).is_none() {
        storage::save(KEY, &all.keys().collect::<Vec<_>>());
    }
    all
}

/// Forgets every lesson passed.
pub fn reset() {
    storage::forget(KEY);
}
