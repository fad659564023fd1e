//! Publish and subscribe forms, validated as you type (the reason comes from the core, in the
//! interface language). What was typed is never cleared by an error.

use leptos::prelude::*;

use crate::core::scenario::Protocol;
use crate::core::sim::Action;
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::QoS;
use crate::i18n::{Lang, Msg, Text};
use crate::web::components::devices::{device_buttons, Status};
use crate::web::components::glossary::{Terms, Word};
use crate::web::state::{Ctx, Part};

fn client_devices(ctx: Ctx) -> Vec<String> {
    ctx.read(Part::World, |s| {
        s.clients().map(|c| c.name.clone()).collect()
    })
}

/// A device chooser bound to a signal, and to the acting device (choosing one here makes it
/// the acting device; choosing one on the stage changes it here).
#[component]
fn DevicePicker(value: RwSignal<String>, testid: &'static str) -> impl IntoView {
    let ctx = Ctx::get();
    // The options are made again only when the clients change, not with every message.
    let names = Memo::new(move |_| client_devices(ctx));
    Effect::new(move |_| {
        let list = names.get();
        let acting = ctx.acting.get().filter(|a| list.contains(a));
        if let Some(a) = acting {
            if a != value.get_untracked() {
                value.set(a);
            }
        } else if !list.contains(&value.get_untracked()) {
            if let Some(first) = list.first() {
                value.set(first.clone());
            }
        }
    });
    let pick = move |ev| {
        let name = event_target_value(&ev);
        value.set(name.clone());
        ctx.acting.set(Some(name));
    };
    view! {
        <label>
            {move || ctx.lang.get().t(Text::DeviceField)}
            <select data-testid=testid on:change=pick prop:value=move || value.get()>
                {move || names.get().into_iter().map(|n| {
                    let selected = n == value.get_untracked();
                    view! { <option value=n.clone() selected=selected>{n.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

fn qos_picker(value: RwSignal<u8>, testid: &'static str, lang: ReadSignal<Lang>) -> impl IntoView {
    view! {
        <label>
            {move || lang.get().t(Text::QosField)}
            <select data-testid=testid on:change=move |ev| value.set(event_target_value(&ev).parse().unwrap_or(0))>
                {[0u8, 1, 2].into_iter().map(|q| view! { <option value=q.to_string() selected=move || value.get() == q>{q}</option> }).collect_view()}
            </select>
        </label>
    }
}

/// The publish form.
#[component]
pub fn PublishForm() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let device = RwSignal::new(String::new());
    let forms = ctx.peek(|s| s.forms());
    let topic = RwSignal::new(forms.topic.to_string());
    let payload = RwSignal::new(forms.payload.to_string());
    let qos = RwSignal::new(0u8);
    let retain = RwSignal::new(false);
    // MQTT 5 properties, offered when the chosen device speaks 5.0 (empty: not sent).
    let expiry = RwSignal::new(String::new());
    let response_topic = RwSignal::new(String::new());
    let correlation = RwSignal::new(String::new());
    let speaks5 = move || {
        let name = device.get();
        ctx.read(Part::World, |s| {
            s.run
                .world()
                .device(&name)
                .is_some_and(|d| d.config.protocol == Protocol::V5)
        })
    };
    let error = move || {
        let lang = lang.get();
        if let Err(e) = TopicName::new(topic.get()) {
            return Some(e.message(lang));
        }
        if !speaks5() {
            return None;
        }
        let secs = expiry.get();
        if !secs.trim().is_empty() && secs.trim().parse::<u32>().is_err() {
            return Some(lang.t(Text::ExpiryInvalid).to_string());
        }
        let to = response_topic.get();
        if to.trim().is_empty() {
            return None;
        }
        TopicName::new(to.trim())
            .err()
            .map(|e| Msg::ResponseTopicInvalid(&e.message(lang)).render(lang))
    };
    let filled = |s: RwSignal<String>| {
        let text = s.get_untracked().trim().to_string();
        (!text.is_empty()).then_some(text)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // The checks `error` made, as the types the action takes.
        let (Ok(name), None) = (TopicName::new(topic.get_untracked()), error()) else {
            return;
        };
        ctx.act(Action::Publish {
            device: device.get_untracked(),
            topic: name,
            payload: payload.get_untracked(),
            qos: QoS::from_u8(qos.get_untracked()).unwrap_or_default(),
            retain: retain.get_untracked(),
            expiry: filled(expiry).and_then(|s| s.parse().ok()),
            response_topic: filled(response_topic).and_then(|t| TopicName::new(t).ok()),
            correlation: filled(correlation),
        });
    };
    view! {
        <form class="panel form" data-testid="publish-form" on:submit=submit>
            <h2>{move || lang.get().t(Text::PublishHeading)}</h2>
            <Terms words=&[Word::Topic, Word::Qos, Word::Retained]/>
            <DevicePicker value=device testid="publish-device"/>
            <label>
                {move || lang.get().t(Text::TopicField)}
                <input data-testid="publish-topic" prop:value=move || topic.get()
                    aria-invalid=move || error().is_some().to_string()
                    on:input=move |ev| topic.set(event_target_value(&ev))/>
            </label>
            <p class="field-error" data-testid="publish-error" role="alert">{error}</p>
            <label>
                {move || lang.get().t(Text::PayloadField)}
                <input data-testid="publish-payload" prop:value=move || payload.get()
                    on:input=move |ev| payload.set(event_target_value(&ev))/>
            </label>
            <div class="row">
                {qos_picker(qos, "publish-qos", ctx.lang)}
                <label class="inline">
                    <input type="checkbox" data-testid="publish-retain" prop:checked=move || retain.get()
                        on:change=move |ev| retain.set(event_target_checked(&ev))/>
                    {move || lang.get().t(Text::RetainField)}
                </label>
            </div>
            <Show when=speaks5>
                <fieldset class="props5" data-testid="publish-props5">
                    <legend>{move || lang.get().t(Text::Props5)}</legend>
                    <label>
                        {move || lang.get().t(Text::ExpiryField)}
                        <input data-testid="publish-expiry" inputmode="numeric" prop:value=move || expiry.get()
                            on:input=move |ev| expiry.set(event_target_value(&ev))/>
                    </label>
                    <label>
                        {move || lang.get().t(Text::ResponseTopicField)}
                        <input data-testid="publish-response-topic" prop:value=move || response_topic.get()
                            on:input=move |ev| response_topic.set(event_target_value(&ev))/>
                    </label>
                    <label>
                        {move || lang.get().t(Text::CorrelationField)}
                        <input data-testid="publish-correlation" prop:value=move || correlation.get()
                            on:input=move |ev| correlation.set(event_target_value(&ev))/>
                    </label>
                </fieldset>
            </Show>
            <button type="submit" data-testid="publish-submit" disabled=move || error().is_some()>
                {move || lang.get().t(Text::PublishHeading)}
            </button>
        </form>
    }
}

/// The subscribe form, with the chosen device's subscriptions.
#[component]
pub fn SubscribeForm() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let device = RwSignal::new(String::new());
    let forms = ctx.peek(|s| s.forms());
    let filter = RwSignal::new(forms.filter.to_string());
    let qos = RwSignal::new(forms.sub_qos);
    let error = move || {
        TopicFilter::new(filter.get())
            .err()
            .map(|e| e.message(lang.get()))
    };
    let current = move || {
        let name = device.get();
        ctx.read(Part::World, |s| {
            s.run
                .world()
                .device(&name)
                .map(|d| {
                    d.subscriptions()
                        .iter()
                        .map(|(f, w)| (f.clone(), w.options.qos.as_u8(), w.synced))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Ok(f), None) = (TopicFilter::new(filter.get_untracked()), error()) else {
            return;
        };
        ctx.act(Action::Subscribe {
            device: device.get_untracked(),
            filter: f,
            qos: QoS::from_u8(qos.get_untracked()).unwrap_or_default(),
        });
    };
    view! {
        <form class="panel form" data-testid="subscribe-form" on:submit=submit>
            <h2>{move || lang.get().t(Text::SubscribeHeading)}</h2>
            <Terms words=&[Word::Filter, Word::Qos, Word::Session]/>
            <DevicePicker value=device testid="subscribe-device"/>
            <label>
                {move || lang.get().t(Text::FilterField)}
                <input data-testid="subscribe-filter" prop:value=move || filter.get()
                    aria-invalid=move || error().is_some().to_string()
                    on:input=move |ev| filter.set(event_target_value(&ev))/>
            </label>
            <p class="field-error" data-testid="subscribe-error" role="alert">{error}</p>
            <div class="row">{qos_picker(qos, "subscribe-qos", ctx.lang)}</div>
            <button type="submit" data-testid="subscribe-submit" disabled=move || error().is_some()>
                {move || lang.get().t(Text::SubscribeHeading)}
            </button>
            <h3>{move || lang.get().t(Text::Subscriptions)}</h3>
            <ul class="subs" data-testid="subscriptions">
                {move || current().into_iter().map(|(f, q, synced)| {
                    let f2 = f.clone();
                    view! {
                        <li class:pending=!synced>
                            <code>{f.clone()}</code>{move || Msg::SubQos(q).render(lang.get())}
                            <button type="button" class="small secondary" on:click=move |_| if let Ok(filter) = TopicFilter::new(f2.as_str()) { ctx.act(Action::Unsubscribe { device: device.get_untracked(), filter }) }>
                                {move || lang.get().t(Text::Unsubscribe)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <p class="field-error" data-testid="action-error" role="alert">{move || ctx.error.get().map(|e| e.message(lang.get()).to_string())}</p>
        </form>
    }
}

/// The acting device's card: its status, connect or disconnect, pull the plug or plug it in.
#[component]
pub fn ActingCard() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let t = move |k: Text| move || lang.get().t(k);
    let head = move || {
        let list = client_devices(ctx);
        let name = ctx
            .acting
            .get()
            .filter(|a| list.contains(a))
            .or_else(|| list.first().cloned())?;
        ctx.read(Part::World, |s| {
            s.run.world().device(&name).map(|d| {
                (
                    name.clone(),
                    Status::of(d, s.run.now()),
                    d.wants_online(),
                    d.plugged,
                )
            })
        })
    };
    move || {
        head().map(|(name, status, wants, plugged)| {
            view! {
                <div class="acting-card" data-testid="acting-card">
                    <span class=format!("dot {}", status.class()) aria-hidden="true"></span>
                    <span class="muted">{t(Text::ActingDevice)}</span>
                    <strong data-testid="acting-name" translate="no">{name.clone()}</strong>
                    <span class="status">{status.label(lang.get())}</span>
                    {device_buttons(name.clone(), (status, wants, plugged), ["acting-online".into(), "acting-plug".into()])}
                </div>
            }
        })
    }
}
