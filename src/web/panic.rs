//! The panic hook: a readable error panel with a reload link instead of a blank page.
//!
//! After a panic the wasm instance is unusable, so the panel is plain DOM built here and its
//! reload action is an ordinary link: it needs no Rust code to run afterwards.

use crate::i18n::Text;

/// Installs the hook: logs to the console and shows the panel.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panel(&info.to_string());
    }));
}

/// Builds the panel; silently gives up if the DOM is not reachable.
fn show_panel(details: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if document.get_element_by_id("crash-panel").is_some() {
        return;
    }
    let lang = super::current_lang();
    let href = window.location().href().unwrap_or_default();
    let build = || -> Option<()> {
        let panel = document.create_element("section").ok()?;
        panel.set_id("crash-panel");
        panel.set_class_name("crash-panel");
        panel.set_attribute("role", "alert").ok()?;
        panel.set_attribute("data-testid", "crash-panel").ok()?;
        child(&document, &panel, "h2", lang.t(Text::CrashTitle))?;
        child(&document, &panel, "p", lang.t(Text::CrashBody))?;
        let reload = child(&document, &panel, "a", lang.t(Text::Reload))?;
        reload.set_attribute("href", &href).ok()?;
        reload.set_attribute("class", "button").ok()?;
        reload.set_attribute("data-testid", "crash-reload").ok()?;
        let more = child(&document, &panel, "details", "")?;
        child(&document, &more, "summary", lang.t(Text::CrashDetails))?;
        // Text content, never HTML: the message may contain user input.
        child(&document, &more, "pre", details)?;
        body.append_child(&panel).ok()?;
        Some(())
    };
    let _ = build();
}

/// Appends a new `tag` element holding `text` (as text, never HTML) to `parent`.
fn child(
    document: &web_sys::Document,
    parent: &web_sys::Element,
    tag: &str,
    text: &str,
) -> Option<web_sys::Element> {
    let el = document.create_element(tag).ok()?;
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    parent.append_child(&el).ok()?;
    Some(el)
}
