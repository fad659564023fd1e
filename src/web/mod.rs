//! The browser shell: mounts the Leptos app and adapts DOM events to the core.
//!
//! Nothing here decides a protocol question; it only renders what the core reports.

pub mod address;
pub mod app;
pub mod bench;
pub mod bridge;
pub mod catalogue;
pub mod clock;
pub mod components;
pub mod files;
pub mod lang;
pub mod lazy;
pub mod offline;
pub mod panic;
pub mod progress;
pub mod realclient;
pub mod say;
pub mod scorm;
pub mod sheets;
pub mod state;
pub mod storage;
pub mod theme;
pub mod wall;

use crate::i18n::Lang;

/// Starts the app: installs the panic hook, picks the language, fetches its texts and mounts
/// [`app::App`].
pub fn start() {
    panic::install();
    theme::restore();
    let lang = lang::detect();
    lang::apply(lang);
    // Leptos's executor starts with the mount: before it, the browser's own.
    wasm_bindgen_futures::spawn_local(async move {
        if catalogue::load(lang).await.is_err() {
            catalogue::unreachable();
            return;
        }
        leptos::mount::mount_to_body(move || leptos::view! { <app::App initial=lang/> });
        // When the app could first be used (the end-to-end test prints it against page load).
        if let Some(w) = web_sys::window() {
            let _ = js_sys::Reflect::set(&w, &"mqttPlaygroundReady".into(), &wall::now_ms().into());
        }
        if lang::query_flag("selftest") == Some("panic".into()) {
            // Lets the end-to-end test prove the error panel replaces a blank page.
            panic!("self-test panic requested by ?selftest=panic");
        }
    });
    // Beside the words, not after their arrival: a lesson's file is asked for at once, its
    // code queued after the words' (the mount needs them first).
    state::fetch_first();
}

/// The current language, as the last [`lang::apply`] set it (read by the panic panel).
pub fn current_lang() -> Lang {
    lang::current()
}
