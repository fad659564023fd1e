//! Which lessons this browser has passed, kept in `localStorage` (nothing leaves the device).

use super::storage;
use crate::core::sorted::SortedSet;

const KEY: &str = "mqtt-playground-progress";

/// The ids of the lessons passed here.
pub fn passed() -> SortedSet<String> {
    // Stored as a JSON list of ids.
    (storage::load::<Vec<String>>(KEY).unwrap_or_default())
        .into_iter()
        .collect()
}

/// Records a lesson as passed; returns the new set.
pub fn mark(id: &str) -> SortedSet<String> {
    let mut all = passed();
    if all.insert(id.to_string()) {
        storage::save(KEY, &all.iter().collect::<Vec<_>>());
    }
    all
}

/// Forgets every lesson passed.
pub fn reset() {
    storage::forget(KEY);
}
