//! The devices: state, controls (connect, disconnect, pull the plug) and what each one shows.

use leptos::prelude::*;

use crate::core::numbers::Fixed;
use crate::core::scenario::{LinkConfig, Port, Probability};
use crate::core::sim::device::Device;
use crate::core::sim::{Action, DeviceKind};
use crate::core::time::Time;
use crate::core::topic::{without_prefix, TopicFilter, TopicName};
use crate::core::trace::{Seen, TraceKind};
use crate::core::types::QoS;
use crate::i18n::{Lang, Msg, Text};
use crate::web::bridge::Real;
use crate::web::components::glossary::{Terms, Word};
use crate::web::state::{Ctx, Part, Sim};

/// A device's connection state, as shown. It never contradicts the device's button: one the
/// student wants online is connecting, or waiting for its scheduled start, never "offline".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    /// Connected.
    Online,
    /// Opening a connection, or waiting to try again.
    Connecting,
    /// Connects by itself at this virtual second (its scenario starts it later).
    Scheduled(u64),
    /// Not connected.
    #[default]
    Offline,
    /// Cable pulled.
    Unplugged,
}

impl Status {
    /// Of a device, at virtual time `now`.
    pub fn of(d: &Device, now: Time) -> Status {
        let start = d.config.start_ms;
        if !d.plugged {
            Status::Unplugged
        } else if d.is_online() {
            Status::Online
        } else if d.conn.is_some() {
            Status::Connecting
        } else if d.session.is_some() && d.wants_online() && now.millis() < start {
            Status::Scheduled(start.div_ceil(1000))
        } else if d.session.is_some() && d.wants_online() {
            Status::Connecting
        } else {
            Status::Offline
        }
    }

    /// CSS class.
    pub fn class(self) -> &'static str {
        match self {
            Status::Online => "online",
            Status::Connecting => "connecting",
            Status::Scheduled(_) | Status::Offline => "offline",
            Status::Unplugged => "unplugged",
        }
    }

    /// The label.
    pub fn label(self, lang: Lang) -> String {
        let key = match self {
            Status::Scheduled(s) => return Msg::ConnectsAt(s).render(lang),
            Status::Online => Text::Online,
            Status::Connecting => Text::Connecting,
            Status::Offline => Text::Offline,
            Status::Unplugged => Text::Unplugged,
        };
        lang.t(key).to_string()
    }
}

/// A device kind's name in the interface's catalogue.
fn kind_text(kind: &DeviceKind) -> Text {
    match kind {
        DeviceKind::Sensor { .. } => Text::KindSensor,
        DeviceKind::Actuator { .. } => Text::KindActuator,
        DeviceKind::Dashboard { .. } => Text::KindDashboard,
        DeviceKind::Phone { .. } => Text::KindPhone,
        DeviceKind::Eavesdropper { .. } => Text::KindEavesdropper,
        DeviceKind::Intruder { .. } => Text::KindIntruder,
        DeviceKind::Responder { .. } => Text::KindResponder,
        DeviceKind::Custom { .. } => Text::KindCustom,
    }
}

/// Lines a device shows: its reading, its state, or the latest values it received.
fn shown(sim: &Sim, d: &Device, lang: Lang) -> Vec<(String, String)> {
    match &d.config.kind {
        DeviceKind::Sensor { topic, .. } => vec![(topic.to_string(), d.state.clone())],
        DeviceKind::Actuator { state_topic, .. } => {
            vec![(state_topic.to_string(), d.state.clone())]
        }
        DeviceKind::Eavesdropper { .. } => sim
            .seen
            .log
            .iter()
            .rev()
            .filter_map(|e| match &e.kind {
                TraceKind::Eavesdropped {
                    device,
                    target,
                    seen,
                    ..
                } if *device == d.name => Some((target.to_string(), seen_text(seen, lang))),
                _ => None,
            })
            .take(6)
            .collect(),
        _ => d
            .latest
            .iter()
            .map(|(topic, h)| {
                let last = h
                    .values
                    .back()
                    .map(|(_, p)| String::from_utf8_lossy(p).into_owned());
                (topic.as_str().to_string(), last.unwrap_or_default())
            })
            .take(12)
            .collect(),
    }
}

/// What an eavesdropper read, as one line, in `lang`.
pub fn seen_text(seen: &Seen, lang: Lang) -> String {
    match seen {
        Seen::Opaque { len } => Msg::Encrypted(*len).render(lang),
        Seen::Clear {
            packet,
            topic,
            payload,
            username,
            password,
        } => {
            let payload = payload.as_ref().map(|p| String::from_utf8_lossy(p));
            Msg::Eavesdropped {
                packet: packet.name(),
                user: username.as_deref(),
                password: password.as_deref(),
                topic: topic.as_ref().map(|t| t.as_str()),
                payload: payload.as_deref(),
            }
            .render(lang)
        }
    }
}

/// The device list.
#[component]
pub fn Devices() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let names = move || {
        ctx.read(Part::World, |s| {
            s.run
                .world()
                .devices()
                .iter()
                .map(|d| d.config.name.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="devices panel" data-testid="devices" aria-labelledby="devices-title">
            <h2 id="devices-title">{move || lang.get().t(Text::Devices)}</h2>
            <ul class="device-list">
                <For each=names key=|n| n.clone() let:name>
                    <DeviceCard name=name/>
                </For>
            </ul>
        </section>
    }
}

/// A device's two buttons: connect or disconnect (or, before a connection its scenario
/// schedules, "don't connect"), pull the plug or plug it in (`testids`: the two buttons' test
/// ids).
pub fn device_buttons(
    name: String,
    (status, wants, plugged): (Status, bool, bool),
    testids: [String; 2],
) -> impl IntoView {
    let online_label = match (wants, status) {
        (false, _) => Text::Connect,
        (true, Status::Scheduled(_)) => Text::DontConnect,
        (true, _) => Text::Disconnect,
    };
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let [online, plug] = testids;
    let other = name.clone();
    view! {
        <button type="button" class="small" data-testid=online
            on:click=move |_| ctx.act(if wants { Action::Offline { device: name.clone() } } else { Action::Online { device: name.clone() } })>
            {move || lang.get().t(online_label)}
        </button>
        <button type="button" class="small secondary" data-testid=plug
            on:click=move |_| ctx.act(if plugged { Action::PullPlug { device: other.clone() } } else { Action::Replug { device: other.clone() } })>
            {move || lang.get().t(if plugged { Text::PullPlug } else { Text::Replug })}
        </button>
    }
}

#[component]
fn DeviceCard(name: String) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let n = name.clone();
    // The head changes rarely (status, buttons); the values with every message. Each has its
    // own memo, and the editor is built once: a new reading never rebuilds (or closes) it.
    let head = Memo::new(move |_| {
        ctx.read(Part::World, |s| {
            s.run.world().device(&n).map(|d| {
                (
                    Status::of(d, s.run.now()),
                    kind_text(&d.config.kind),
                    d.config.kind.has_client(),
                    d.wants_online(),
                    d.plugged,
                    d.config.port,
                )
            })
        })
    });
    let n = name.clone();
    let values = Memo::new(move |_| {
        let lang = ctx.lang.get();
        ctx.read(Part::World, |s| {
            s.run
                .world()
                .device(&n)
                .map(|d| shown(s, d, lang))
                .unwrap_or_default()
        })
    });
    let client = ctx.peek(|s| {
        s.run
            .world()
            .device(&name)
            .is_some_and(|d| d.config.kind.has_client())
    });
    let (n1, n2) = (name.clone(), name.clone());
    view! {
        <li class="device" data-testid=format!("device-{name}")>
            {move || head.get().map(|(status, kind, client, wants, plugged, port)| {
                let (a, b) = (n1.clone(), n2.clone());
                view! {
                    <div class="device-head">
                        <span class=format!("dot {}", status.class()) aria-hidden="true"></span>
                        <strong translate="no">{a.clone()}</strong>
                        <span class="kind">{lang.get().t(kind)}</span>
                        <span class="status" data-testid=format!("device-status-{a}")>{status.label(lang.get())}</span>
                        {port.is_tls().then(|| view! { <span class="badge">{move || lang.get().t(Text::TlsBadge)}</span> })}
                    </div>
                    {client.then(|| view! {
                        <div class="device-actions">
                            {device_buttons(a.clone(), (status, wants, plugged), [format!("device-online-{a}"), format!("device-plug-{b}")])}
                        </div>
                    })}
                }
            })}
            {client.then(|| device_settings(name.clone()))}
            <ul class="values" translate="no" data-testid=format!("device-values-{name}")>
                {move || values.get().into_iter().map(|(topic, value)| view! {
                    <li><span class="topic">{topic}</span>" "<span class="value">{value}</span></li>
                }).collect_view()}
            </ul>
            {real_values(name.clone())}
        </li>
    }
}

/// A device's settings as the editor shows them.
#[derive(Clone, PartialEq, Default)]
struct Settings {
    link: LinkConfig,
    qos: Option<u8>,
    retain: Option<bool>,
    clean: bool,
    port: u16,
    will: (String, String),
    username: String,
}

/// The device editor's contents: link faults and the settings of the next connection
/// (fetched when first opened: see `web::lazy`).
#[component]
pub fn DeviceSettings(name: String) -> impl IntoView {
    use crate::core::scenario::WillConfig;
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let t = move |k: Text| move || lang.get().t(k);
    let n = name.clone();
    let current = Memo::new(move |_| {
        ctx.read(Part::World, |s| {
            s.run.world().device(&n).map(|d| {
                let c = &d.config;
                let (qos, retain) = match &c.kind {
                    DeviceKind::Sensor { qos, retain, .. } => (Some(qos.as_u8()), Some(*retain)),
                    DeviceKind::Actuator { qos, .. } => (Some(qos.as_u8()), None),
                    _ => (None, None),
                };
                Settings {
                    link: c.link,
                    qos,
                    retain,
                    clean: c.clean_session,
                    port: c.port.number(),
                    will: c
                        .will
                        .as_ref()
                        .map(|w| (w.topic.to_string(), w.payload.clone()))
                        .unwrap_or_default(),
                    username: c.username.clone().unwrap_or_default(),
                }
            })
        })
    });
    let get = move || current.get().unwrap_or_default();
    let device = name.clone();
    let link = move |which: usize, value: f64| {
        let mut link = get().link;
        match which {
            0 => link.latency_ms = value as u64,
            1 => link.jitter_ms = value as u64,
            _ => link.loss = Probability::new((value / 100.0).clamp(0.0, 1.0)).unwrap_or_default(),
        }
        ctx.act(Action::SetLink {
            device: device.clone(),
            link,
        });
    };
    let slider = move |which: usize, label: Text, max: u32, value: f64, testid: String| {
        let link = link.clone();
        view! {
            <label>
                {t(label)}" "<output>{Fixed(value, 0).to_string()}</output>
                <input type="range" min="0" max=max.to_string() step="1" prop:value=Fixed(value, 0).to_string() data-testid=testid
                    on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse::<f64>() { link(which, v) } }/>
            </label>
        }
    };
    let will_topic = RwSignal::new(String::new());
    let will_payload = RwSignal::new(String::new());
    let user = RwSignal::new(String::new());
    let pass = RwSignal::new(String::new());
    Effect::new(move |_| {
        let s = get();
        will_topic.set(s.will.0);
        will_payload.set(s.will.1);
        user.set(s.username);
    });
    let will_error = move || {
        let topic = will_topic.get();
        (!topic.is_empty())
            .then(|| {
                crate::core::topic::TopicName::new(topic)
                    .err()
                    .map(|e| e.message(lang.get()))
            })
            .flatten()
    };
    let (d1, d2, d3, d4, d5, d6) = (
        name.clone(),
        name.clone(),
        name.clone(),
        name.clone(),
        name.clone(),
        name.clone(),
    );
    view! {
        <Terms words=&[Word::Session, Word::Will, Word::KeepAlive]/>
        {move || {
            let s = get();
            let l = s.link;
            view! {
                {slider(0, Text::Latency, 2000, l.latency_ms as f64, format!("latency-{d1}"))}
                {slider(1, Text::Jitter, 1000, l.jitter_ms as f64, format!("jitter-{d1}"))}
                {slider(2, Text::Loss, 50, l.loss.get() * 100.0, format!("loss-{d1}"))}
            }
        }}
        {move || get().qos.map(|q| { let d = d2.clone(); view! {
            <label>{move || lang.get().t(Text::QosField)}
                <select on:change=move |ev| ctx.act(Action::SetQos { device: d.clone(), qos: event_target_value(&ev).parse().ok().and_then(QoS::from_u8).unwrap_or_default() })>
                    {[0u8, 1, 2].map(|v| view! { <option value=v.to_string() selected=v == q>{v}</option> })}
                </select>
            </label>
        } })}
        {move || get().retain.map(|r| { let d = d3.clone(); view! {
            <label class="inline"><input type="checkbox" prop:checked=r
                on:change=move |ev| ctx.act(Action::SetRetain { device: d.clone(), retain: event_target_checked(&ev) })/>{t(Text::RetainField)}</label>
        } })}
        <p class="muted small">{t(Text::NextConnection)}</p>
        <label class="inline"><input type="checkbox" prop:checked=move || get().clean data-testid=format!("clean-{name}")
            on:change=move |ev| ctx.act(Action::SetCleanSession { device: d4.clone(), clean: event_target_checked(&ev) })/>{t(Text::CleanSession)}</label>
        <label>{t(Text::Port)}
            <select data-testid=format!("port-{name}") on:change=move |ev| ctx.act(Action::SetPort { device: d5.clone(), port: event_target_value(&ev).parse().ok().and_then(Port::new).unwrap_or_default() })>
                <option value="1883" selected=move || get().port == 1883>"1883"</option>
                <option value="8883" selected=move || get().port == 8883>{move || lang.get().t(Text::PortTls)}</option>
            </select>
        </label>
        <label>{t(Text::WillTopic)}<input data-testid=format!("will-topic-{name}") prop:value=move || will_topic.get() on:input=move |ev| will_topic.set(event_target_value(&ev))/></label>
        <p class="field-error" role="alert">{will_error}</p>
        <label>{t(Text::WillPayload)}<input prop:value=move || will_payload.get() on:input=move |ev| will_payload.set(event_target_value(&ev))/></label>
        <button type="button" class="small" disabled=move || will_error().is_some() on:click=move |_| {
            let topic = will_topic.get_untracked();
            // Empty: no will (a topic that is not valid keeps the button disabled).
            let will = TopicName::new(topic).ok().map(|topic| WillConfig { topic, payload: will_payload.get_untracked(), qos: QoS::AtLeastOnce, retain: false });
            ctx.act(Action::SetWill { device: d6.clone(), will });
        }>{t(Text::Apply)}</button>
        <label>{t(Text::Username)}<input autocomplete="off" prop:value=move || user.get() on:input=move |ev| user.set(event_target_value(&ev))/></label>
        <label>{t(Text::Password)}<input type="password" autocomplete="off" prop:value=move || pass.get() on:input=move |ev| pass.set(event_target_value(&ev))/></label>
        <button type="button" class="small" data-testid=format!("credentials-apply-{name}") on:click={
            let d = name.clone();
            move |_| {
                let u = user.get_untracked();
                let p = pass.get_untracked();
                ctx.act(Action::SetCredentials { device: d.clone(), username: (!u.is_empty()).then_some(u), password: (!p.is_empty()).then_some(p) });
            }
        }>{t(Text::Apply)}</button>
    }
}

/// Real messages a bridged dashboard also shows (fetched once a device is bridged).
fn real_values(name: String) -> impl IntoView {
    let real = use_context::<Real>();
    move || {
        let bridged = real.is_some_and(|r| r.bridge.with(|b| b.show.contains_key(&name)));
        let name = name.clone();
        bridged.then(|| {
            crate::web::lazy::deferred(&REAL_VALUES, move || {
                crate::web::lazy::ready(real_values_view(name.clone()))
            })
        })
    }
}

crate::web::lazy::split_part!(
    /// The real messages a bridged dashboard shows.
    REAL_VALUES: real_values, fetch_real_values,
    fn real_values_view(name: String) {
        view! { <RealValues name=name/> }.into_any()
    }
);

/// Real messages a bridged dashboard also shows: those whose topic (the bridge prefix taken
/// off) matches one of its subscriptions.
#[component]
fn RealValues(name: String) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let Some(real) = use_context::<Real>() else {
        return ().into_any();
    };
    let testid = format!("device-real-{name}");
    let lines = move || {
        let shown = real.bridge.with(|b| b.show.contains_key(&name));
        if !shown {
            return Vec::new();
        }
        let filters: Vec<TopicFilter> = ctx.read(Part::World, |s| {
            s.run.world().device(&name).map_or_else(Vec::new, |d| {
                d.subscriptions()
                    .keys()
                    .filter_map(|f| TopicFilter::new(f.as_str()).ok())
                    .collect()
            })
        });
        real.version.track();
        let prefix = real.bridge.with(|b| b.prefix.clone());
        real.client.with_value(|c| {
            c.0.borrow()
                .inbox
                .topics
                .iter()
                .filter_map(|(topic, (_, payload))| {
                    let t = TopicName::new(without_prefix(&prefix, topic)).ok()?;
                    filters
                        .iter()
                        .any(|f| f.matches(&t))
                        .then(|| (topic.clone(), String::from_utf8_lossy(payload).into_owned()))
                })
                .take(20)
                .collect::<Vec<_>>()
        })
    };
    view! {
        {move || {
            let lines = lines();
            (!lines.is_empty()).then(|| view! {
                <p class="muted small">{move || lang.get().t(Text::FromRealBroker)}</p>
                <ul class="values real" translate="no" data-testid=testid.clone()>
                    {lines.into_iter().map(|(topic, value)| view! {
                        <li><span class="topic">{topic}</span>" "<span class="value">{value}</span></li>
                    }).collect_view()}
                </ul>
            })
        }}
    }
    .into_any()
}

crate::web::lazy::split_part!(
    /// A device's settings editor.
    DEVICE_SETTINGS: device_settings, fetch_device_settings,
    fn device_settings_view(name: String) {
        view! { <DeviceSettings name=name/> }.into_any()
    }
);

/// A device's settings: fetched when first opened.
pub fn device_settings(name: String) -> impl IntoView {
    crate::web::lazy::details(
        "editor",
        format!("editor-{name}"),
        Text::Settings,
        &DEVICE_SETTINGS,
        move || crate::web::lazy::ready(device_settings_view(name.clone())),
    )
}
