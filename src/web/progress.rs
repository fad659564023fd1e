//! Which lessons this browser has passed, and the usual mistakes its answers showed, kept in
//! `localStorage` (nothing leaves the device).

use super::storage;
use crate::core::misconception::Misconception;
use litemap::LiteMap;

const KEY: &str = "mqtt-playground-progress";

/// The ids of the lessons passed here.
pub fn passed() -> LiteMap<String, ()> {
    // Stored as a JSON list of ids; the set is built by insertion (`collect()` sorts).
    let mut ids = LiteMap::new();
    for id in remembered(KEY) {
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

/// Forgets every lesson passed, and the mistakes shown.
pub fn reset() {
    storage::forget(KEY);
    storage::forget(MISTAKES);
}

const MISTAKES: &str = "mqtt-playground-mistakes";

/// The misconceptions the student's answers showed in this browser, in the order met.
pub fn mistakes() -> Vec<Misconception> {
    remembered(MISTAKES)
        .iter()
        .filter_map(|n| Misconception::named(n))
        .collect()
}

/// Records misconceptions shown; returns them all.
pub fn note_mistakes(shown: &[Misconception]) -> Vec<Misconception> {
    let mut all = mistakes();
    let before = all.len();
    for m in shown {
        if !all.contains(m) {
            all.push(*m);
        }
    }
    if all.len() != before {
        let names: Vec<&str> = all.iter().map(|m| m.name()).collect();
        storage::save(MISTAKES, &names);
    }
    all
}

/// The words kept under `key` (none when there are none or they cannot be read).
fn remembered(key: &str) -> Vec<String> {
    let text = storage::local().and_then(|s| s.get_item(key).ok().flatten());
    text.and_then(|t| crate::page::stored::words(&t))
        .unwrap_or_default()
}
