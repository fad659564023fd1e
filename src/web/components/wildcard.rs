//! The wildcard tester: one filter against a list of topics, each with its verdict and the
//! level-by-level reason; invalid filters and topics get the rule they break.

use leptos::prelude::*;

use crate::core::topic::{explain, TopicFilter, TopicName};
use crate::i18n::Text;
use crate::web::state::Ctx;

const EXAMPLE_TOPICS: &str = "Casa/Cocina/Temperatura\nCasa/Salon/Temperatura\nCasa/Cocina/Humedad\nCasa/Garaje/Luz/Estado\nJardin/Temperatura\n$SYS/broker/uptime";

/// The tester.
#[component]
pub fn WildcardTester() -> impl IntoView {
    crate::web::sheets::views();
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let filter = RwSignal::new("Casa/+/Temperatura".to_string());
    let topics = RwSignal::new(EXAMPLE_TOPICS.to_string());
    let parsed = move || TopicFilter::new(filter.get());
    let results = move || {
        let l = lang.get();
        let f = parsed().ok();
        topics
            .get()
            .lines()
            .filter(|line| !line.is_empty())
            .map(|line| match (TopicName::new(line), &f) {
                (Err(e), _) => (line.to_string(), None, vec![e.message(l)]),
                (Ok(_), None) => (line.to_string(), None, Vec::new()),
                (Ok(t), Some(f)) => {
                    let x = explain(f, &t);
                    (
                        line.to_string(),
                        Some(x.matched),
                        x.steps().map(|s| s.message(l)).collect(),
                    )
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="wildcard panel" data-testid="wildcard" aria-labelledby="wild-title">
            <h2 id="wild-title">{move || lang.get().t(Text::WildcardTester)}</h2>
            <label>{move || lang.get().t(Text::FilterField)}
                <input data-testid="wild-filter" prop:value=move || filter.get()
                    aria-invalid=move || parsed().is_err().to_string()
                    on:input=move |ev| filter.set(event_target_value(&ev))/></label>
            <p class="field-error" data-testid="wild-error" role="alert">{move || parsed().err().map(|e| e.message(lang.get()))}</p>
            <label>{move || lang.get().t(Text::TopicsOnePerLine)}
                <textarea data-testid="wild-topics" rows="6" prop:value=move || topics.get()
                    on:input=move |ev| topics.set(event_target_value(&ev))></textarea></label>
            <ul class="wild-results" data-testid="wild-results">
                {move || results().into_iter().map(|(topic, verdict, why)| {
                    let class = match verdict { Some(true) => "match", Some(false) => "nomatch", None => "invalid" };
                    view! {
                        <li class=class data-testid="wild-result" data-verdict=class>
                            <code>{topic}</code>" "
                            <strong>{move || match verdict {
                                Some(true) => lang.get().t(Text::Matched).to_string(),
                                Some(false) => lang.get().t(Text::NotMatched).to_string(),
                                None => "—".to_string(),
                            }}</strong>
                            <ol class="steps">{why.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ol>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

crate::web::lazy::split_part!(
    /// The wildcard-tester tab.
    WILDCARD: wildcard, fetch_wildcard,
    fn wildcard_view() {
        view! { <WildcardTester/> }.into_any()
    }
);

/// The wildcard-tester tab.
pub fn wildcard_tester() -> impl IntoView {
    crate::web::lazy::deferred(&WILDCARD, || crate::web::lazy::ready(wildcard_view()))
}
