//! The packet inspector: a packet's bytes in hex beside its fields (range, name, value, what
//! it means), hovering or focusing either one lights up the other; and a filter's verdict on a
//! topic, level by level. Used by the message journey (simulated bytes) and by the real
//! client's capture (bytes from a real broker).

use bytes::Bytes;
use leptos::prelude::*;

use crate::core::codec::{dissect, Field, Version};
use crate::core::i18n::{Lang, Text};
use crate::core::topic::{explain, TopicFilter, TopicName};
use crate::web::state::Ctx;

/// A packet's bytes and its fields. `testid` prefixes the test ids (`journey-bytes`,
/// `journey-fields`). A malformed packet shows the fields read before the error.
#[component]
pub fn PacketBytes(bytes: Bytes, version: Version, testid: &'static str) -> impl IntoView {
    let lang = Ctx::get().lang;
    let hover = RwSignal::new(None::<usize>);
    let fields: Vec<Field> = match dissect(&bytes, version) {
        Ok((_, f)) | Err((_, f)) => f,
    };
    let ranges: Vec<std::ops::Range<usize>> = fields.iter().map(|f| f.range.clone()).collect();
    let field_of = {
        let ranges = ranges.clone();
        move |i: usize| ranges.iter().rposition(|r| r.contains(&i))
    };
    let lit = move |i: usize| {
        let ranges = ranges.clone();
        move || {
            hover
                .get()
                .and_then(|k| ranges.get(k))
                .is_some_and(|r| r.contains(&i))
        }
    };
    view! {
        <div class="hex" data-testid=format!("{testid}-bytes")>
            {bytes.iter().enumerate().map(|(i, b)| {
                let f = field_of(i);
                view! {
                    <span class="byte" class:hl=lit(i)
                        on:mouseenter=move |_| hover.set(f) on:focus=move |_| hover.set(f) tabindex="-1">
                        {format!("{b:02X}")}
                    </span>
                }
            }).collect_view()}
        </div>
        <table class="fields" data-testid=format!("{testid}-fields")>
            <tbody>
            {fields.iter().enumerate().map(|(k, f)| {
                let name = f.name;
                let value = f.value.clone();
                let range = format!("{}–{}", f.range.start, f.range.end.saturating_sub(1));
                let depth = f.depth;
                view! {
                    <tr class:hl=move || hover.get() == Some(k) on:mouseenter=move |_| hover.set(Some(k)) tabindex="0" on:focus=move |_| hover.set(Some(k))>
                        <td class="range">{range}</td>
                        <th scope="row" style:padding-left=format!("{}rem", 0.3 + f32::from(depth))>{move || name.label(lang.get())}</th>
                        <td class="value">{value.clone()}</td>
                        <td class="why">{move || name.explain(lang.get())}</td>
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table>
    }
}

/// A filter's verdict on a topic: "matches" or "no match", then each level compared (the one
/// that failed marked).
#[component]
pub fn Verdict(filter: TopicFilter, topic: TopicName) -> impl IntoView {
    let lang = Ctx::get().lang;
    let story = explain(&filter, &topic);
    let matched = story.matched;
    // Each sentence in both languages, made once: the steps borrow the filter and the topic.
    let steps: Vec<_> = story
        .steps()
        .map(|s| (!s.outcome.ok(), s.message(Lang::Es), s.message(Lang::En)))
        .collect();
    view! {
        <strong>{move || lang.get().t(if matched { Text::Matched } else { Text::NotMatched })}</strong>
        <ol class="steps">
            {steps.into_iter().map(|(bad, es, en)| {
                view! { <li class:bad=bad>{move || if lang.get() == Lang::Es { es.clone() } else { en.clone() }}</li> }
            }).collect_view()}
        </ol>
    }
}
