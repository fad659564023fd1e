//! Light and dark themes: the system's by default; the toggle overrides it and is remembered.

use super::storage::{local, media_matches};

const KEY: &str = "mqtt-playground-theme";

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// Applies the remembered choice, if any.
pub fn restore() {
    if let (Some(r), Some(theme)) = (root(), local().and_then(|s| s.get_item(KEY).ok().flatten())) {
        if theme == "dark" || theme == "light" {
            let _ = r.set_attribute("data-theme", &theme);
        }
    }
}

/// Switches between light and dark and remembers it.
pub fn toggle() {
    let Some(r) = root() else { return };
    let dark = match r.get_attribute("data-theme").as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => media_matches("(prefers-color-scheme: dark)"),
    };
    let next = if dark { "light" } else { "dark" };
    let _ = r.set_attribute("data-theme", next);
    if let Some(s) = local() {
        let _ = s.set_item(KEY, next);
    }
}
