//! The stylesheet of the views a first screen does not show (`style/views.css`: a packet's
//! bytes, captures, the broker's tab, the wildcard tester, sharing, the real broker, a class,
//! the builder): linked into the page when one of them first opens,
//! under the name the page's `<meta name="views-css">` gives it (the build names it by its
//! contents, so two builds never mix).

use std::cell::Cell;

thread_local! {
    /// Whether the link is in the page.
    static LINKED: Cell<bool> = const { Cell::new(false) };
}

/// Links the views' stylesheet, once.
pub fn views() {
    if LINKED.with(|l| l.replace(true)) {
        return;
    }
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let href = (doc
        .query_selector("meta[name=\"views-css\"]")
        .ok()
        .flatten())
    .and_then(|m| m.get_attribute("content"))
    .unwrap_or_else(|| "views.css".into());
    let link = || -> Option<()> {
        let link = doc.create_element("link").ok()?;
        link.set_attribute("rel", "stylesheet").ok()?;
        link.set_attribute("href", &href).ok()?;
        doc.head()?.append_child(&link).ok()?;
        Some(())
    };
    let _ = link();
}
