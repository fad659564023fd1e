//! Language detection and the page-level effects of a language change.

use std::cell::Cell;

use wasm_bindgen::JsValue;

use crate::i18n::Lang;

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The page's query string, or empty when there is no window.
fn query() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// The value of a query parameter, if present.
pub fn query_flag(name: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(&query())
        .ok()?
        .get(name)
}

/// Picks the language from `?lang=`, then the browser's language, then English.
pub fn detect() -> Lang {
    let browser = web_sys::window().and_then(|w| w.navigator().language());
    Lang::choose(&query(), browser.as_deref())
}

/// The language last applied.
pub fn current() -> Lang {
    CURRENT.with(Cell::get)
}

/// Records the language, sets `<html lang>` and keeps `?lang=` in the address bar in step,
/// without reloading, so a copied link opens in the same language.
pub fn apply(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.html_lang());
    }
    // The installed app's name and description in this language.
    if let Some(link) = window
        .document()
        .and_then(|d| d.get_element_by_id("manifest"))
    {
        let file = format!("manifest.{}.webmanifest", lang.content_code());
        let _ = link.set_attribute("href", &file);
    }
    let Ok(href) = window.location().href() else {
        return;
    };
    let Ok(url) = web_sys::Url::new(&href) else {
        return;
    };
    if Lang::from_query(&url.search()) == Some(lang) {
        return;
    }
    url.search_params().set("lang", lang.code());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}

/// Sets (or, with `None`, removes) a query parameter in the address bar without reloading.
pub fn set_query(name: &str, value: Option<&str>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(url) = window.location().href().and_then(|h| web_sys::Url::new(&h)) else {
        return;
    };
    match value {
        Some(v) => url.search_params().set(name, v),
        None => url.search_params().delete(name),
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
    }
}
