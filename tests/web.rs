//! Component tests in headless Chromium (`wasm-bindgen-test`), selected by `data-testid`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use mqtt_playground::i18n::{Lang, Text};
use mqtt_playground::web::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app in a fresh container and returns the container. The address is reset
/// first: the app keeps `?view=`, `?lesson=` and the like in it, and tests share the page.
fn mount(lang: Lang) -> web_sys::HtmlElement {
    let window = web_sys::window().unwrap();
    let path = window.location().pathname().unwrap();
    let history = window.history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let document = window.document().unwrap();
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
    let pressed = |code: &str| {
        by_testid(&host, &format!("lang-{code}"))
            .get_attribute("aria-pressed")
            .unwrap_or_default()
    };
    assert_eq!(
        (pressed("es"), pressed("en")),
        ("true".into(), "false".into())
    );
    // The switch lists every language by its own name.
    assert_eq!(
        by_testid(&host, "lang-switch").text_content().unwrap(),
        "EspañolEnglish"
    );
    by_testid(&host, "lang-en").click();
    settle().await;
    let after = by_testid(&host, "tagline").text_content().unwrap();
    assert_ne!(before, after);
    assert_eq!(after, Lang::En.t(Text::Tagline));
    assert_eq!(
        (pressed("es"), pressed("en")),
        ("false".into(), "true".into())
    );
    // The page follows: <html lang> and ?lang= are updated for shared links.
    let window = web_sys::window().unwrap();
    let root = window.document().unwrap().document_element().unwrap();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
    assert!(window.location().search().unwrap().contains("lang=en"));
}

/// Types into an input, select or textarea and fires the event a user's action fires.
fn set_value(host: &web_sys::HtmlElement, id: &str, value: &str) {
    let el = by_testid(host, id);
    let event = if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(value);
        "input"
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
        "input"
    } else {
        el.unchecked_ref::<web_sys::HtmlSelectElement>()
            .set_value(value);
        "change"
    };
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::Event::new_with_event_init_dict(event, &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn text(host: &web_sys::HtmlElement, id: &str) -> String {
    by_testid(host, id).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_wildcard_tester_explains_and_refuses() {
    let host = mount(Lang::En);
    settle().await;
    by_testid(&host, "tab-wildcard").click();
    settle().await;
    set_value(&host, "wild-filter", "Casa/+/Temperatura");
    set_value(
        &host,
        "wild-topics",
        "Casa/Cocina/Temperatura\nCasa/Cocina/Humedad\nbad/+/topic",
    );
    settle().await;
    let verdicts: Vec<String> = (0..3)
        .map(|i| {
            let list = host
                .query_selector_all("[data-testid=wild-result]")
                .unwrap();
            list.item(i)
                .unwrap()
                .unchecked_into::<web_sys::HtmlElement>()
                .get_attribute("data-verdict")
                .unwrap()
        })
        .collect();
    assert_eq!(verdicts, ["match", "nomatch", "invalid"]);
    assert_eq!(text(&host, "wild-error"), "");
    set_value(&host, "wild-filter", "Casa/#/Temperatura");
    settle().await;
    assert!(
        text(&host, "wild-error").contains('#'),
        "{}",
        text(&host, "wild-error")
    );
}

#[wasm_bindgen_test]
async fn the_publish_form_validates_as_you_type_and_keeps_the_text() {
    let host = mount(Lang::Es);
    settle().await;
    set_value(&host, "publish-topic", "Casa/#");
    settle().await;
    assert!(!text(&host, "publish-error").is_empty());
    let submit: web_sys::HtmlButtonElement = by_testid(&host, "publish-submit").unchecked_into();
    assert!(submit.disabled());
    let input: web_sys::HtmlInputElement = by_testid(&host, "publish-topic").unchecked_into();
    assert_eq!(input.value(), "Casa/#", "what was typed stays");
    set_value(&host, "publish-topic", "Casa/Salon/Luz");
    settle().await;
    assert_eq!(text(&host, "publish-error"), "");
    assert!(!submit.disabled());
}

#[wasm_bindgen_test]
async fn subscribing_through_the_form_lists_the_subscription_and_logs_the_action() {
    let host = mount(Lang::En);
    settle().await;
    set_value(&host, "subscribe-device", "dashboard");
    set_value(&host, "subscribe-filter", "Jardin/#");
    settle().await;
    by_testid(&host, "subscribe-submit").click();
    settle().await;
    assert!(
        text(&host, "subscriptions").contains("Jardin/#"),
        "{}",
        text(&host, "subscriptions")
    );
    by_testid(&host, "tab-log").click();
    settle().await;
    set_value(&host, "log-kind", "ActionApplied");
    gloo_timers::future::TimeoutFuture::new(400).await;
    assert!(
        text(&host, "log-count").starts_with('1'),
        "{}",
        text(&host, "log-count")
    );
    assert!(text(&host, "timeline").contains("Jardin/#"));
}

#[wasm_bindgen_test]
async fn the_clock_runs_and_pause_stops_it() {
    let host = mount(Lang::En);
    gloo_timers::future::TimeoutFuture::new(300).await;
    let t1 = text(&host, "sim-time");
    assert_ne!(t1, "0.000 s", "time moves");
    by_testid(&host, "play").click();
    settle().await;
    let paused = text(&host, "sim-time");
    gloo_timers::future::TimeoutFuture::new(200).await;
    assert_eq!(text(&host, "sim-time"), paused, "paused");
    by_testid(&host, "step").click();
    settle().await;
    assert_ne!(
        text(&host, "sim-time"),
        "",
        "a step keeps the clock readable"
    );
}
