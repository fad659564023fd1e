//! Which lessons this browser has passed, kept in `localStorage` (nothing leaves the device).

use std::collections::BTreeSet;

use super::storage;

const KEY: &str = "mqtt-playground-progress";

/// The ids of the lessons passed here.
pub fn passed() -> BTreeSet<String> {
    storage::load(KEY).unwrap_or_default()
}

/// Records a lesson as passed; returns the new set.
pub fn mark(id: &str) -> BTreeSet<String> {
    let mut all = passed();
    if all.insert(id.to_string()) {
        storage::save(KEY, &all);
    }
    all
}

/// Forgets every lesson passed.
pub fn reset() {
    storage::forget(KEY);
}
