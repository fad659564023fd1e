//! What the page remembers in `localStorage`, only when the user asks: connection settings
//! (never the password), publish templates, the theme. Unreadable entries are ignored, not
//! fatal. Also the page's media queries (user preferences).

use serde::{de::DeserializeOwned, Serialize};

/// The page's `localStorage`, when the browser allows it.
pub fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether a CSS media query matches now (`prefers-color-scheme`, `prefers-reduced-motion`).
pub fn media_matches(query: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Reads a remembered value.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = local()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Remembers a value.
pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(s), Ok(text)) = (local(), serde_json::to_string(value)) {
        let _ = s.set_item(key, &text);
    }
}

/// Forgets a value.
pub fn forget(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}
