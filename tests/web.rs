//! Component tests in headless Chromium (`wasm-bindgen-test`), selected by `data-testid`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mqtt_playground::core::i18n::{Lang, Text};
use mqtt_playground::web::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh container and returns the container.
fn mount(lang: Lang) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), move || view! { <App initial=lang/> }).forget();
    host
}

/// The element with this `data-testid` inside `host`.
fn by_testid(host: &web_sys::HtmlElement, id: &str) -> web_sys::HtmlElement {
    host.query_selector(&format!("[data-testid={id}]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={id}"))
        .unchecked_into()
}

/// Lets Leptos run the effects scheduled by a signal change.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(10).await;
}

#[wasm_bindgen_test]
async fn renders_title_and_text_in_the_chosen_language() {
    let host = mount(Lang::Es);
    settle().await;
    assert_eq!(
        by_testid(&host, "app-title").text_content().unwrap(),
        "MQTT Playground"
    );
    assert_eq!(
        by_testid(&host, "tagline").text_content().unwrap(),
        Lang::Es.t(Text::Tagline)
    );
}

#[wasm_bindgen_test]
async fn language_switch_changes_visible_text() {
    let host = mount(Lang::Es);
    settle().await;
    let before = by_testid(&host, "tagline").text_content().unwrap();
    by_testid(&host, "lang-switch").click();
    settle().await;
    let after = by_testid(&host, "tagline").text_content().unwrap();
    assert_ne!(before, after);
    assert_eq!(after, Lang::En.t(Text::Tagline));
    assert_eq!(
        by_testid(&host, "lang-switch").text_content().unwrap(),
        Lang::En.t(Text::SwitchLanguage)
    );
    // The page follows: <html lang> and ?lang= are updated for shared links.
    let window = web_sys::window().unwrap();
    let root = window.document().unwrap().document_element().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
    assert!(window.location().search().unwrap().contains("lang=en"));
}
