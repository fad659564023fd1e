//! The real-broker view: connect over WebSocket (presets, version, credentials), the doctor's
//! diagnosis when something fails, subscribe and publish, and the messages received.

use leptos::prelude::*;

use bytes::Bytes;

use crate::core::codec::{
    decode, Decoded, Packet, Properties, Property, RetainHandling, SubscriptionOptions, Version,
};
use crate::core::doctor::PRESETS;
use crate::core::numbers::Fixed;
use crate::core::payload::{number_in, payload};
use crate::core::sim::DeviceKind;
use crate::core::topic::{with_prefix, TopicFilter, TopicName};
use crate::core::types::QoS;
use crate::i18n::{Lang, Msg, Text};
use crate::web::bridge::Real;
use crate::web::components::capture::export_captured;
use crate::web::components::inspector::{PacketBytes, Verdict};
use crate::web::realclient::fetch_client_code;
use crate::web::realclient::{page_is_https, ClientError, Options, RealClient, Status};
use crate::web::state::{Ctx, Part};
use crate::web::storage;

fn random_id() -> String {
    format!(
        "playground-{:06x}",
        (js_sys::Math::random() * 16_777_215.0) as u32
    )
}

const REMEMBER_KEY: &str = "mqtt-playground-connection";
const TEMPLATES_KEY: &str = "mqtt-playground-templates";

/// Connection settings remembered on request (the password never is).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct Remembered {
    url: String,
    v5: bool,
    client_id: String,
    username: String,
    keep_alive: u16,
    clean: bool,
    prefix: String,
}

/// A saved publish.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Template {
    topic: String,
    payload: String,
    format: String,
    qos: u8,
    retain: bool,
}

/// The 5.0 publish properties typed in the form (empty fields are left out).
fn v5_properties(
    content_type: &str,
    expiry: &str,
    response_topic: &str,
    user: &str,
) -> Result<Properties, ClientError> {
    let mut p = Properties::new();
    if !content_type.trim().is_empty() {
        p = p.with(Property::ContentType(content_type.trim().to_string()));
    }
    if !expiry.trim().is_empty() {
        let s = expiry
            .trim()
            .parse::<u32>()
            .map_err(|_| ClientError::Text(Text::InvalidExpiry))?;
        p = p.with(Property::MessageExpiryInterval(s));
    }
    if !response_topic.trim().is_empty() {
        TopicName::new(response_topic.trim())?;
        p = p.with(Property::ResponseTopic(response_topic.trim().to_string()));
    }
    for line in user.lines().filter(|l| !l.trim().is_empty()) {
        let (k, v) = line
            .split_once('=')
            .ok_or(ClientError::Text(Text::InvalidUserProperty))?;
        p = p.with(Property::UserProperty((
            k.trim().to_string(),
            v.trim().to_string(),
        )));
    }
    Ok(p)
}

/// A line chart of numbers (oldest left), scaled to its own minimum and maximum.
fn chart(values: &[f64]) -> impl IntoView {
    let (w, h) = (300.0, 80.0);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if max > min { max - min } else { 1.0 };
    let step = w / (values.len().saturating_sub(1).max(1)) as f64;
    let points: String = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = (i as f64 * step, h - (v - min) / span * h);
            format!("{},{} ", Fixed(x, 1), Fixed(y, 1))
        })
        .collect();
    view! {
        <svg class="chart" data-testid="real-chart" viewBox=format!("0 -4 {w} {}", h + 8.0) role="img"
            aria-label=format!("{min} … {max}")>
            <polyline points=points fill="none" stroke="currentColor" stroke-width="2"/>
        </svg>
        <p class="muted small">{format!("min {min} · max {max}")}</p>
    }
}

/// A payload as text, pretty JSON (when it is JSON) or hex.
fn show(payload: &[u8], how: &str) -> String {
    match how {
        "hex" => payload
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(" "),
        "json" => serde_json::from_slice::<serde_json::Value>(payload)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| String::from_utf8_lossy(payload).into_owned()),
        _ => String::from_utf8_lossy(payload).into_owned(),
    }
}

/// The real-broker view.
#[component]
pub fn RealPanel(lang: ReadSignal<Lang>) -> impl IntoView {
    // One client for the page (see `web::bridge`): it stays connected while the simulation
    // shows, and the bridge uses it.
    let Real {
        client, version, ..
    } = Real::get();
    let read = move |f: &dyn Fn(&crate::web::realclient::Live) -> String| {
        version.track();
        client.with_value(|c| f(&c.0.borrow()))
    };
    let t = move |k: Text| move || lang.get().t(k);
    let url = RwSignal::new("ws://127.0.0.1:9001/".to_string());
    let proto = RwSignal::new(Version::V311);
    let client_id = RwSignal::new(random_id());
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let keep_alive = RwSignal::new(60u16);
    let clean = RwSignal::new(true);
    let aliases = RwSignal::new(false);
    let form_error = RwSignal::new(None::<ClientError>);
    let will_topic = RwSignal::new(String::new());
    let will_payload = RwSignal::new(String::new());
    let view_as = RwSignal::new("text".to_string());
    let chosen = RwSignal::new(None::<String>);
    let prefix = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    // Remembered settings (opt-in; no password), loaded once.
    if let Some(r) = storage::load::<Remembered>(REMEMBER_KEY) {
        url.set(r.url);
        proto.set(if r.v5 { Version::V5 } else { Version::V311 });
        client_id.set(r.client_id);
        username.set(r.username);
        keep_alive.set(r.keep_alive);
        clean.set(r.clean);
        prefix.set(r.prefix);
        remember.set(true);
    }
    let class_topic = move |s: &str| with_prefix(&prefix.get_untracked(), s);
    let connect = move |_| {
        let o = Options {
            url: url.get_untracked(),
            version: proto.get_untracked(),
            client_id: client_id.get_untracked(),
            username: username.get_untracked(),
            password: password.get_untracked(),
            keep_alive: keep_alive.get_untracked(),
            clean: clean.get_untracked(),
            will: (will_topic.get_untracked(), will_payload.get_untracked()),
            will_retain: false,
            topic_aliases: aliases.get_untracked(),
        };
        if remember.get_untracked() {
            let r = Remembered {
                url: o.url.clone(),
                v5: o.version == Version::V5,
                client_id: o.client_id.clone(),
                username: o.username.clone(),
                keep_alive: o.keep_alive,
                clean: o.clean,
                prefix: prefix.get_untracked(),
            };
            storage::save(REMEMBER_KEY, &r);
        } else {
            storage::forget(REMEMBER_KEY);
        }
        form_error.set(client.with_value(|c| c.connect(&o)).err());
    };
    let status = move || {
        version.track();
        client.with_value(|c| c.0.borrow().status)
    };
    let status_text = move || {
        lang.get().t(match status() {
            Status::Idle => Text::Offline,
            Status::Connecting => Text::Connecting,
            Status::Connected => Text::Online,
            Status::Reconnecting => Text::Reconnecting,
        })
    };
    let diagnosis = move || {
        version.track();
        let l = lang.get();
        client.with_value(|c| c.0.borrow().problem.as_ref().map(|p| p.diagnose(l)))
    };
    let sub_filter = RwSignal::new("aula/#".to_string());
    let sub_qos = RwSignal::new(1u8);
    let sub_error = RwSignal::new(None::<ClientError>);
    let no_local = RwSignal::new(false);
    let rap = RwSignal::new(false);
    let retain_handling = RwSignal::new(0u8);
    let subscribe = move |_| {
        let f = class_topic(&sub_filter.get_untracked());
        let l = lang.get_untracked();
        let public = !url.get_untracked().contains("127.0.0.1")
            && !url.get_untracked().contains("localhost");
        if f == "#" && public {
            let ok = web_sys::window()
                .and_then(|w| w.confirm_with_message(l.t(Text::ConfirmHash)).ok())
                .unwrap_or(false);
            if !ok {
                return;
            }
        }
        sub_error.set(
            client
                .with_value(|c| {
                    let options = SubscriptionOptions {
                        qos: QoS::from_u8(sub_qos.get_untracked()).unwrap_or(QoS::AtMostOnce),
                        no_local: no_local.get_untracked(),
                        retain_as_published: rap.get_untracked(),
                        retain_handling: match retain_handling.get_untracked() {
                            1 => RetainHandling::SendIfNew,
                            2 => RetainHandling::DoNotSend,
                            _ => RetainHandling::SendAtSubscribe,
                        },
                    };
                    c.subscribe(&f, options)
                })
                .err(),
        );
    };
    let pub_topic = RwSignal::new("aula/luz".to_string());
    let pub_payload = RwSignal::new("ON".to_string());
    let pub_format = RwSignal::new("text".to_string());
    let pub_qos = RwSignal::new(1u8);
    let pub_retain = RwSignal::new(false);
    let pub_error = RwSignal::new(None::<ClientError>);
    let content_type = RwSignal::new(String::new());
    let expiry = RwSignal::new(String::new());
    let response_topic = RwSignal::new(String::new());
    let user_props = RwSignal::new(String::new());
    let templates =
        RwSignal::new(storage::load::<Vec<Template>>(TEMPLATES_KEY).unwrap_or_default());
    let save_template = move |_| {
        let tpl = Template {
            topic: pub_topic.get_untracked(),
            payload: pub_payload.get_untracked(),
            format: pub_format.get_untracked(),
            qos: pub_qos.get_untracked(),
            retain: pub_retain.get_untracked(),
        };
        templates.update(|list| {
            list.retain(|x| x.topic != tpl.topic || x.payload != tpl.payload);
            list.insert(0, tpl);
            list.truncate(20);
            storage::save(TEMPLATES_KEY, list);
        });
    };
    let use_template = move |ev| {
        let i: usize = event_target_value(&ev).parse().unwrap_or(usize::MAX);
        if let Some(tpl) = templates.get_untracked().get(i).cloned() {
            pub_topic.set(tpl.topic);
            pub_payload.set(tpl.payload);
            pub_format.set(tpl.format);
            pub_qos.set(tpl.qos);
            pub_retain.set(tpl.retain);
        }
    };
    let publish = move |_| {
        let props = match v5_properties(
            &content_type.get_untracked(),
            &expiry.get_untracked(),
            &response_topic.get_untracked(),
            &user_props.get_untracked(),
        ) {
            Ok(p) => p,
            Err(e) => {
                pub_error.set(Some(e));
                return;
            }
        };
        let result = payload(&pub_payload.get_untracked(), &pub_format.get_untracked())
            .map_err(ClientError::from)
            .and_then(|p| {
                client.with_value(|c| {
                    c.publish(
                        &class_topic(&pub_topic.get_untracked()),
                        p,
                        pub_qos.get_untracked(),
                        pub_retain.get_untracked(),
                        props.clone(),
                    )
                })
            });
        pub_error.set(result.err());
    };
    let export = move |json: bool| {
        let rows: Vec<(String, String, u8, bool)> = client.with_value(|c| {
            c.0.borrow()
                .inbox
                .messages
                .iter()
                .map(|m| {
                    (
                        m.topic.as_str().to_string(),
                        String::from_utf8_lossy(&m.payload).into_owned(),
                        m.qos,
                        m.retain,
                    )
                })
                .collect()
        });
        let text = if json {
            let v: Vec<serde_json::Value> = rows.iter().map(|(t, p, q, r)| serde_json::json!({"topic": t, "payload": p, "qos": q, "retain": r})).collect();
            serde_json::to_string_pretty(&v).unwrap_or_default()
        } else {
            let q = crate::i18n::describe::csv;
            let mut out = String::from("topic,payload,qos,retain\n");
            for (t, p, qos, r) in &rows {
                out.push_str(&format!("{},{},{qos},{r}\n", q(t), q(p)));
            }
            out
        };
        let (name, mime) = if json {
            ("mqtt-messages.json", "application/json")
        } else {
            ("mqtt-messages.csv", "text/csv")
        };
        crate::web::files::download(name, mime, &text);
    };
    view! {
        <div class="layout real">
            <div class="col">
                <section class="panel form" data-testid="real-connect">
                    <h2>{t(Text::ModeReal)}</h2>
                    {page_is_https().then(|| view! { <p class="hint warn" data-testid="wss-only">{t(Text::WssOnlyHere)}</p> })}
                    <label>{t(Text::Presets)}
                        <select data-testid="real-preset" on:change=move |ev| url.set(event_target_value(&ev))>
                            {PRESETS.iter().map(|(name, u)| view! { <option value=*u selected=move || url.get() == *u>{format!("{name} — {u}")}</option> }).collect_view()}
                        </select></label>
                    <label>{t(Text::BrokerAddress)}
                        <input data-testid="real-url" prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev))/></label>
                    <div class="row">
                        <label>{t(Text::ProtocolVersion)}
                            <select data-testid="real-version" on:change=move |ev| proto.set(if event_target_value(&ev) == "5" { Version::V5 } else { Version::V311 })>
                                <option value="4">"3.1.1"</option><option value="5">"5.0"</option>
                            </select></label>
                        <label>{t(Text::KeepAlive)}
                            <input type="number" min="0" max="65535" data-testid="real-keep-alive" prop:value=move || keep_alive.get().to_string()
                                on:input=move |ev| keep_alive.set(event_target_value(&ev).parse().unwrap_or(60))/></label>
                    </div>
                    <label>{t(Text::ClientIdField)}
                        <input data-testid="real-client-id" prop:value=move || client_id.get() on:input=move |ev| client_id.set(event_target_value(&ev))/></label>
                    <label>{t(Text::Username)}
                        <input data-testid="real-username" autocomplete="off" prop:value=move || username.get() on:input=move |ev| username.set(event_target_value(&ev))/></label>
                    <label>{t(Text::Password)}
                        <input data-testid="real-password" type="password" autocomplete="off" prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))/></label>
                    <p class="muted small">{t(Text::PasswordNotKept)}</p>
                    <label class="inline"><input type="checkbox" data-testid="real-clean" prop:checked=move || clean.get() on:change=move |ev| clean.set(event_target_checked(&ev))/>{t(Text::CleanSession)}</label>
                    <Show when=move || proto.get() == Version::V5>
                        <label class="inline"><input type="checkbox" data-testid="real-aliases" prop:checked=move || aliases.get() on:change=move |ev| aliases.set(event_target_checked(&ev))/>{t(Text::UseTopicAliases)}</label>
                    </Show>
                    <label>{t(Text::ClassPrefix)}<input data-testid="real-prefix" prop:value=move || prefix.get() on:input=move |ev| prefix.set(event_target_value(&ev))/></label>
                    <label class="inline"><input type="checkbox" data-testid="real-remember" prop:checked=move || remember.get() on:change=move |ev| remember.set(event_target_checked(&ev))/>{t(Text::RememberConnection)}</label>
                    <label>{t(Text::WillTopic)}<input data-testid="real-will-topic" prop:value=move || will_topic.get() on:input=move |ev| will_topic.set(event_target_value(&ev))/></label>
                    <label>{t(Text::WillPayload)}<input data-testid="real-will-payload" prop:value=move || will_payload.get() on:input=move |ev| will_payload.set(event_target_value(&ev))/></label>
                    <p class="field-error" role="alert" data-testid="real-form-error">{move || form_error.get().map(|e| e.message(lang.get()))}</p>
                    <div class="row">
                        <button type="button" data-testid="real-connect-button" on:click=connect>{t(Text::Connect)}</button>
                        <button type="button" class="secondary" data-testid="real-disconnect" on:click=move |_| client.with_value(|c| c.close())>{t(Text::Disconnect)}</button>
                        <output data-testid="real-status" class=move || format!("status {:?}", status()).to_lowercase()>{status_text}</output>
                    </div>
                </section>
                <section class="panel doctor" data-testid="doctor" aria-live="polite">
                    <h2>{t(Text::Doctor)}</h2>
                    {move || diagnosis().map(|d| view! {
                        <p class="what" data-testid="doctor-what">{d.what}</p>
                        <p><strong>{t(Text::LikelyFix)}": "</strong><span data-testid="doctor-fix">{d.fix}</span></p>
                    })}
                </section>
            </div>
            <div class="col">
                <section class="panel form" data-testid="real-subscribe">
                    <h2>{t(Text::SubscribeHeading)}</h2>
                    <div class="row">
                        <label>{t(Text::FilterField)}<input data-testid="real-sub-filter" prop:value=move || sub_filter.get() on:input=move |ev| sub_filter.set(event_target_value(&ev))/></label>
                        <label>{t(Text::QosField)}<select on:change=move |ev| sub_qos.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {[0u8, 1, 2].map(|q| view! { <option value=q.to_string() selected=q == 1>{q}</option> })}</select></label>
                        <button type="button" data-testid="real-sub-button" on:click=subscribe>{t(Text::SubscribeHeading)}</button>
                    </div>
                    <details class="v5">
                        <summary>{t(Text::Mqtt5Options)}</summary>
                        <label class="inline"><input type="checkbox" data-testid="real-no-local" on:change=move |ev| no_local.set(event_target_checked(&ev))/>{t(Text::NoLocalOption)}</label>
                        <label class="inline"><input type="checkbox" on:change=move |ev| rap.set(event_target_checked(&ev))/>{t(Text::RetainAsPublishedOption)}</label>
                        <label>{t(Text::RetainHandlingOption)}<select on:change=move |ev| retain_handling.set(event_target_value(&ev).parse().unwrap_or(0))>
                            <option value="0">"0"</option><option value="1">"1"</option><option value="2">"2"</option></select></label>
                    </details>
                    <p class="field-error" role="alert">{move || sub_error.get().map(|e| e.message(lang.get()))}</p>
                    <ul class="subs" data-testid="real-subscriptions">
                        {move || { version.track(); client.with_value(|c| c.0.borrow().supervisor.supervisor.wanted().iter().map(|(f, w)| {
                            let (f2, q) = (f.clone(), w.options.qos.as_u8());
                            let v5 = proto.get_untracked() == Version::V5;
                            let id = c.0.borrow().supervisor.supervisor.identifier_of(f).filter(|_| v5);
                            view! { <li><code>{f.clone()}</code>{move || Msg::SubQos(q).render(lang.get())}
                                {id.map(|id| view! { " · "<span class="sub-id" data-testid="real-sub-id">{move || Msg::SubId(id as u64).render(lang.get())}</span> })}" "
                                <button type="button" class="small secondary" on:click=move |_| client.with_value(|c| c.unsubscribe(&f2))>{t(Text::Unsubscribe)}</button></li> }
                        }).collect_view()) }}
                    </ul>
                </section>
                <section class="panel form" data-testid="real-publish">
                    <h2>{t(Text::PublishHeading)}</h2>
                    <label>{t(Text::TopicField)}<input data-testid="real-pub-topic" prop:value=move || pub_topic.get() on:input=move |ev| pub_topic.set(event_target_value(&ev))/></label>
                    <label>{t(Text::PayloadField)}<textarea data-testid="real-pub-payload" rows="2" prop:value=move || pub_payload.get() on:input=move |ev| pub_payload.set(event_target_value(&ev))></textarea></label>
                    <div class="row">
                        <label>{t(Text::PayloadFormat)}<select data-testid="real-pub-format" prop:value=move || pub_format.get() on:change=move |ev| pub_format.set(event_target_value(&ev))>
                            <option value="text">{t(Text::ShowAsText)}</option><option value="json">{t(Text::ShowAsJson)}</option><option value="hex">{t(Text::ShowAsHex)}</option></select></label>
                        <label>{t(Text::QosField)}<select data-testid="real-pub-qos" prop:value=move || pub_qos.get().to_string() on:change=move |ev| pub_qos.set(event_target_value(&ev).parse().unwrap_or(0))>
                            {[0u8, 1, 2].map(|q| view! { <option value=q.to_string() selected=q == 1>{q}</option> })}</select></label>
                        <label class="inline"><input type="checkbox" prop:checked=move || pub_retain.get() on:change=move |ev| pub_retain.set(event_target_checked(&ev))/>{t(Text::RetainField)}</label>
                        <button type="button" data-testid="real-pub-button" on:click=publish>{t(Text::PublishHeading)}</button>
                    </div>
                    <div class="row">
                        <button type="button" class="small secondary" data-testid="real-save-template" on:click=save_template>{t(Text::SaveTemplate)}</button>
                        <label>{t(Text::Templates)}<select data-testid="real-templates" on:change=use_template>
                            <option value="">"—"</option>
                            {move || templates.get().into_iter().enumerate().map(|(i, x)| view! { <option value=i.to_string()>{format!("{} = {}", x.topic, x.payload)}</option> }).collect_view()}
                        </select></label>
                    </div>
                    <details class="v5">
                        <summary>{t(Text::Mqtt5Options)}</summary>
                        <label>{t(Text::ContentTypeField)}<input data-testid="real-content-type" prop:value=move || content_type.get() on:input=move |ev| content_type.set(event_target_value(&ev))/></label>
                        <label>{t(Text::MessageExpiryField)}<input data-testid="real-expiry" prop:value=move || expiry.get() on:input=move |ev| expiry.set(event_target_value(&ev))/></label>
                        <label>{t(Text::ResponseTopicField)}<input prop:value=move || response_topic.get() on:input=move |ev| response_topic.set(event_target_value(&ev))/></label>
                        <label>{t(Text::UserProperties)}<textarea data-testid="real-user-props" rows="2" prop:value=move || user_props.get() on:input=move |ev| user_props.set(event_target_value(&ev))></textarea></label>
                    </details>
                    <p class="field-error" role="alert" data-testid="real-pub-error">{move || pub_error.get().map(|e| e.message(lang.get()))}</p>
                    <p class="muted" data-testid="real-pending">{move || read(&|l| l.pending.to_string())}" "{t(Text::Waiting)}</p>
                </section>
            </div>
            <div class="col">
                <section class="panel" data-testid="real-messages">
                    <h2>{t(Text::ReceivedMessages)}</h2>
                    <div class="row">
                        <label>{t(Text::PayloadFormat)}<select data-testid="real-view-as" on:change=move |ev| view_as.set(event_target_value(&ev))>
                            <option value="text">{t(Text::ShowAsText)}</option><option value="json">{t(Text::ShowAsJson)}</option><option value="hex">{t(Text::ShowAsHex)}</option></select></label>
                        <button type="button" class="small secondary" data-testid="real-export-csv" on:click=move |_| export(false)>{t(Text::ExportCsv)}</button>
                        <button type="button" class="small secondary" data-testid="real-export-json" on:click=move |_| export(true)>{t(Text::ExportJson)}</button>
                    </div>
                    <ul class="tree" data-testid="real-topics">
                        {move || { version.track(); client.with_value(|c| c.0.borrow().inbox.topics.iter().map(|(topic, (n, p))| {
                            let name = topic.clone();
                            view! { <li><button type="button" class="link" data-testid="real-topic" on:click=move |_| chosen.set(Some(name.clone()))>{topic.clone()}</button>" · "{*n}" · "<span class="value">{String::from_utf8_lossy(p).into_owned()}</span></li> }
                        }).collect_view()) }}
                    </ul>
                    {move || chosen.get().map(|topic| {
                        version.track();
                        let values: Vec<String> = client.with_value(|c| c.0.borrow().inbox.history.get(&topic).map(|h| h.iter().map(|p| String::from_utf8_lossy(p).into_owned()).collect()).unwrap_or_default());
                        let numbers: Vec<f64> = values.iter().filter_map(|v| number_in(v.as_bytes())).collect();
                        view! {
                            <div class="history" data-testid="real-history">
                                <h3><code>{topic.clone()}</code></h3>
                                {(numbers.len() >= 2).then(|| chart(&numbers))}
                                <p class="muted">{values.iter().rev().take(10).cloned().collect::<Vec<_>>().join(" · ")}</p>
                            </div>
                        }
                    })}
                    <Inspector client=client version=version lang=lang/>
                    <BridgePanel/>
                    <ol class="real-list" data-testid="real-list">
                        {move || { version.track(); client.with_value(|c| c.0.borrow().inbox.messages.iter().rev().take(50).map(|m| {
                            view! { <li data-testid="real-message"><code>{m.topic.as_str().to_string()}</code>" "<span class="value">{show(&m.payload, &view_as.get())}</span>{let (qos, retain) = (m.qos, m.retain); move || Msg::MessageMeta { qos, retain }.render(lang.get())}
                                {(!m.properties.is_empty()).then(|| view! { <span class="props">" · "{m.properties.clone()}</span> })}</li> }
                        }).collect_view()) }}
                    </ol>
                </section>
            </div>
        </div>
    }
}

/// The packet inspector on the real connection: while open, every packet in and out is
/// captured (the newest 300); a packet picked shows its bytes and fields, and for a PUBLISH
/// received, each of our subscriptions tried against its topic, level by level.
#[component]
fn Inspector(
    client: StoredValue<RealClient, LocalStorage>,
    version: RwSignal<u64>,
    lang: ReadSignal<Lang>,
) -> impl IntoView {
    let picked = RwSignal::new(None::<(bool, Bytes)>);
    let toggle = move |ev: leptos::ev::Event| {
        let open = event_target::<web_sys::Element>(&ev).has_attribute("open");
        client.with_value(|c| c.set_inspect(open));
        if !open {
            picked.set(None);
        }
    };
    let list = move || {
        version.track();
        client.with_value(|c| {
            let live = c.0.borrow();
            let Some(cap) = live.capture.as_ref() else {
                return Vec::new();
            };
            cap.packets()
                .iter()
                .rev()
                .take(100)
                .map(|p| {
                    let (out, bytes) = (p.outgoing, p.bytes.clone());
                    let name = p.kind.map_or("?", |k| k.name());
                    let label =
                        format!("{} {name} · {} B", if out { "→" } else { "←" }, bytes.len());
                    view! { <li><button type="button" class="link" data-testid="real-packet"
                    on:click=move |_| picked.set(Some((out, bytes.clone())))>{label}</button></li> }
                })
                .collect::<Vec<_>>()
        })
    };
    let detail = move || {
        picked.get().map(|(out, bytes)| {
            let protocol = client.with_value(RealClient::protocol);
            let topic = match decode(&bytes, protocol, usize::MAX) {
                Ok(Decoded::Packet {
                    packet: Packet::Publish(p),
                    ..
                }) if !out => Some(p.topic),
                _ => None,
            };
            let filters: Vec<String> = client.with_value(|c| {
                c.0.borrow()
                    .supervisor
                    .supervisor
                    .wanted()
                    .keys()
                    .cloned()
                    .collect()
            });
            view! {
                <PacketBytes bytes=bytes version=protocol testid="real-packet"/>
                {topic.map(|topic| view! {
                    <h3>{move || lang.get().t(Text::YourFilters)}</h3>
                    <table class="filters-tried" data-testid="real-filters"><tbody>
                        {filters.iter().filter_map(|f| TopicFilter::new(f.as_str()).ok()).map(|f| {
                            let row = if f.matches(&topic) { "match" } else { "nomatch" };
                            view! {
                                <tr class=row>
                                    <td><code>{f.as_str().to_string()}</code></td>
                                    <td><Verdict filter=f topic=topic.clone()/></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody></table>
                })}
            }
        })
    };
    view! {
        <details class="inspector" data-testid="real-inspector" on:toggle=toggle>
            <summary>{move || lang.get().t(Text::PacketInspector)}</summary>
            <p class="hint">{move || lang.get().t(Text::InspectorHint)}</p>
            <button type="button" class="small secondary" data-testid="real-export-pcap"
                on:click=move |_| client.with_value(|c| {
                    if let Some(cap) = c.0.borrow().capture.as_ref() {
                        export_captured(cap.packets(), Ctx::get());
                    }
                })>{move || lang.get().t(Text::ExportCapture)}</button>
            <ol class="packets" data-testid="real-packets">{list}</ol>
            {detail}
        </details>
    }
}

/// The bridge: which virtual devices publish to the real broker too (under a prefix), and
/// which virtual dashboards also show real messages.
#[component]
fn BridgePanel() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let real = Real::get();
    let t = move |k: Text| move || lang.get().t(k);
    let devices = move || {
        ctx.read(Part::World, |s| {
            s.clients()
                .map(|c| {
                    let dashboard = matches!(c.kind, DeviceKind::Dashboard { .. });
                    (c.name.clone(), dashboard)
                })
                .collect::<Vec<_>>()
        })
    };
    // A prefix that cannot start a topic (a wildcard in it) is explained, not silently used.
    let prefix_error = move || {
        let p = real.bridge.with(|b| b.prefix.clone());
        TopicName::new(with_prefix(&p, "x"))
            .err()
            .map(|e| e.message(lang.get()))
    };
    let toggle = move |name: String, show: bool| {
        move |ev| {
            let on = event_target_checked(&ev);
            real.bridge.update(|b| {
                let set = if show { &mut b.show } else { &mut b.out };
                if on {
                    set.insert(name.clone(), ());
                } else {
                    set.remove(&name);
                }
            });
        }
    };
    view! {
        <details class="bridge" data-testid="bridge">
            <summary>{t(Text::BridgeTitle)}</summary>
            <p class="hint">{t(Text::BridgeHint)}</p>
            <label>{t(Text::BridgePrefix)}
                <input data-testid="bridge-prefix" prop:value=move || real.bridge.with(|b| b.prefix.clone())
                    aria-invalid=move || prefix_error().is_some().to_string()
                    on:input=move |ev| real.bridge.update(|b| b.prefix = event_target_value(&ev))/>
            </label>
            <p class="field-error" role="alert" data-testid="bridge-prefix-error">{prefix_error}</p>
            <ul class="bridge-devices">
                {move || devices().into_iter().map(|(name, dashboard)| {
                    let (n, id) = (name.clone(), format!("bridge-{name}"));
                    let checked = { let n = name.clone(); move || real.bridge.with(|b| if dashboard { b.show.contains_key(&n) } else { b.out.contains_key(&n) }) };
                    view! {
                        <li><label class="inline">
                            <input type="checkbox" data-testid=id prop:checked=checked on:change=toggle(n, dashboard)/>
                            <strong>{name}</strong>" "
                            {move || lang.get().t(if dashboard { Text::BridgeShow } else { Text::BridgeSend })}
                        </label></li>
                    }
                }).collect_view()}
            </ul>
            <p class="muted" data-testid="bridge-count">{move || { let (sent, dropped) = real.counts.get(); Msg::BridgeCount(sent, dropped).render(lang.get()) }}</p>
        </details>
    }
}

crate::web::lazy::split_part!(
    /// The real-broker panel (the largest part; most visits never open it), with the real
    /// client's code.
    REAL_PANEL: real_panel, fetch_real_panel + fetch_client_code,
    fn real_panel_view(lang: ReadSignal<Lang>) {
        view! { <RealPanel lang=lang/> }.into_any()
    }
);

/// The real-broker panel.
pub fn real_panel(lang: ReadSignal<Lang>) -> impl IntoView {
    crate::web::lazy::deferred(&REAL_PANEL, move || {
        crate::web::lazy::ready(real_panel_view(lang))
    })
}
