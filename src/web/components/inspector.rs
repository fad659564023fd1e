//! The packet inspector: a packet's bytes in hex beside its fields (range, name, value, what
//! it means), hovering or focusing either one lights up the other; and a filter's verdict on a
//! topic, level by level. Used by the message journey (simulated bytes) and by the real
//! client's capture (bytes from a real broker).

use bytes::Bytes;
use leptos::prelude::*;

use crate::core::codec::{bits_of, dissect, Field, FieldName, PacketType, ReasonCode, Version};
use crate::core::numbers::Fixed;
use crate::core::topic::{explain, TopicFilter, TopicName};
use crate::i18n::Text;
use crate::web::state::Ctx;

/// A packet's bytes and its fields, as Wireshark's linked panes: each field with its bits
/// (`.... .01. = QoS: 1`) and, for a reason code, its name and meaning. Pointing at or
/// focusing a field lights its bytes; pointing at a byte lights its field; the arrow keys walk
/// the bytes (Home/End: first and last), and a line says which byte and field is current.
/// `testid` prefixes the test ids (`journey-bytes`, `journey-fields`). A malformed packet
/// shows the fields read before the error.
#[component]
pub fn PacketBytes(bytes: Bytes, version: Version, testid: &'static str) -> impl IntoView {
    crate::web::sheets::views();
    let lang = Ctx::get().lang;
    // The field lit, and the byte the keyboard is on.
    let hover = RwSignal::new(None::<usize>);
    let cursor = RwSignal::new(None::<usize>);
    let fields: Vec<Field> = match dissect(&bytes, version) {
        Ok((_, f)) | Err((_, f)) => f,
    };
    let kind = bytes.first().and_then(|b| PacketType::from_u8(b >> 4));
    let ranges: Vec<std::ops::Range<usize>> = fields.iter().map(|f| f.range.clone()).collect();
    let field_of = {
        let ranges = ranges.clone();
        move |i: usize| ranges.iter().rposition(|r| r.contains(&i))
    };
    let lit = {
        let ranges = ranges.clone();
        move |i: usize| {
            let ranges = ranges.clone();
            move || {
                hover
                    .get()
                    .and_then(|k| ranges.get(k))
                    .is_some_and(|r| r.contains(&i))
            }
        }
    };
    let len = bytes.len();
    let walk = {
        let field_of = field_of.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let at = cursor.get_untracked();
            let to = match ev.key().as_str() {
                "ArrowRight" | "ArrowDown" => at.map_or(0, |i| (i + 1).min(len.saturating_sub(1))),
                "ArrowLeft" | "ArrowUp" => at.map_or(0, |i| i.saturating_sub(1)),
                "Home" => 0,
                "End" => len.saturating_sub(1),
                _ => return,
            };
            ev.prevent_default();
            cursor.set(Some(to));
            hover.set(field_of(to));
        }
    };
    let first_field = field_of(0);
    let names: Vec<FieldName> = fields.iter().map(|f| f.name).collect();
    let here = {
        let bytes = bytes.clone();
        let field_of = field_of.clone();
        move || {
            let i = cursor.get()?;
            let b = *bytes.get(i)?;
            // The byte's own field (the pointer may light another one meanwhile).
            let field = field_of(i)
                .and_then(|k| names.get(k))
                .map(|n| n.label(lang.get()));
            Some(format!(
                "{} {i} = 0x{b:02X} · {}",
                lang.get().t(Text::ByteWord),
                field.unwrap_or_default()
            ))
        }
    };
    let field_rows = fields.iter().enumerate().map(|(k, f)| {
        let name = f.name;
        let code = matches!(name, FieldName::ReasonCode | FieldName::ReturnCode)
            .then(|| bytes.get(f.range.start).copied())
            .flatten()
            .zip(kind)
            .map(|(c, p)| (ReasonCode(c), p));
        let value = f.value.clone();
        let shown_value = move || match code {
            Some((c, p)) => format!("0x{:02X} {}", c.0, c.told(p, version, lang.get()).0),
            None => value.clone(),
        };
        let why = move || match code {
            Some((c, p)) => c.told(p, version, lang.get()).1.to_string(),
            None => name.explain(lang.get()).to_string(),
        };
        let range = format!("{}–{}", f.range.start, f.range.end.saturating_sub(1));
        let depth = f.depth;
        let bit_rows = bits_of(f, &bytes, version).into_iter().map(|b| {
            let line = b.pattern.clone();
            view! {
                <tr class="bits" class:hl=move || hover.get() == Some(k) data-testid=format!("{testid}-bit")
                    on:mouseenter=move |_| hover.set(Some(k))>
                    <td class="range">{b.byte}</td>
                    <td colspan="3" style:padding-left=format!("{}rem", Fixed(1.3 + f64::from(depth), 1))>
                        <code translate="no">{line}</code>" = "{move || b.name.label(lang.get())}": "<code translate="no">{b.value.clone()}</code>
                    </td>
                </tr>
            }
        }).collect_view();
        view! {
            <tr class:hl=move || hover.get() == Some(k) on:mouseenter=move |_| hover.set(Some(k))
                tabindex="0" on:focus=move |_| hover.set(Some(k)) data-testid=format!("{testid}-field")>
                <td class="range">{range}</td>
                <th scope="row" style:padding-left=format!("{}rem", Fixed(0.3 + f64::from(depth), 1))>{move || name.label(lang.get())}</th>
                <td class="value" translate="no">{shown_value}</td>
                <td class="why">{why}</td>
            </tr>
            {bit_rows}
        }
    }).collect_view();
    view! {
        <div class="hex" data-testid=format!("{testid}-bytes") tabindex="0" role="group"
            aria-label=move || lang.get().t(Text::BytesWalkHint) on:keydown=walk
            on:focus=move |_| if cursor.get_untracked().is_none() { cursor.set(Some(0)); hover.set(first_field); }>
            {bytes.iter().enumerate().map(|(i, b)| {
                let f = field_of(i);
                view! {
                    <span class="byte" translate="no" class:hl=lit(i) class:cursor=move || cursor.get() == Some(i)
                        data-testid=format!("{testid}-byte")
                        on:mouseenter=move |_| hover.set(f)>
                        {format!("{b:02X}")}
                    </span>
                }
            }).collect_view()}
        </div>
        <p class="hint byte-here" aria-live="polite" data-testid=format!("{testid}-here")>{here}</p>
        <table class="fields" data-testid=format!("{testid}-fields")>
            <tbody>{field_rows}</tbody>
        </table>
    }
}

/// A filter's verdict on a topic: "matches" or "no match", then each level compared (the one
/// that failed marked).
#[component]
pub fn Verdict(filter: TopicFilter, topic: TopicName) -> impl IntoView {
    let lang = Ctx::get().lang;
    let matched = explain(&filter, &topic).matched;
    // The steps borrow the filter and the topic: told again when the language changes.
    let steps = move || {
        let lang = lang.get();
        explain(&filter, &topic)
            .steps()
            .map(|s| view! { <li class:bad=!s.outcome.ok()>{s.message(lang)}</li> })
            .collect_view()
    };
    view! {
        <strong>{move || lang.get().t(if matched { Text::Matched } else { Text::NotMatched })}</strong>
        <ol class="steps">
            {steps}
        </ol>
    }
}
