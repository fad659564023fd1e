//! The builder's devices: the palette that adds one of each kind, and each device's card —
//! its name, its place in the list, its topics, QoS, interval, MQTT version, port, session,
//! link and credentials — each field taken when it changes, checked as typed.

use leptos::prelude::*;

use crate::core::json_read::{err, Problem};
use crate::core::scenario::{
    Decimal, DeviceConfig, DeviceKind, Interval, LinkConfig, Port, Probability, Protocol,
    ScenarioError, SubConfig, ValueModel, WillConfig, PRACTICE,
};
use crate::core::sim::lessons::draft::{template, Edit, PALETTE};
use crate::core::topic::{TopicFilter, TopicName};
use crate::core::types::QoS;
use crate::i18n::build::BuildText;
use crate::i18n::Text;
use crate::web::state::Ctx;

use super::Bench;

/// A palette kind's name in the catalogue.
fn kind_text(kind: &str) -> Text {
    match kind {
        "sensor" => Text::KindSensor,
        "actuator" => Text::KindActuator,
        "dashboard" => Text::KindDashboard,
        "phone" => Text::KindPhone,
        "eavesdropper" => Text::KindEavesdropper,
        "intruder" => Text::KindIntruder,
        "responder" => Text::KindResponder,
        _ => Text::KindCustom,
    }
}

/// A new device's name: its kind in the page's language (a custom one is a "device").
fn word(bench: Bench, kind: &'static str) -> String {
    let lang = bench.ctx.lang.get_untracked();
    let w = if kind == "custom" {
        bench.t(BuildText::Device)
    } else {
        lang.t(kind_text(kind)).to_string()
    };
    w.to_lowercase()
}

/// The palette and the devices' cards.
pub(super) fn devices(bench: Bench) -> impl IntoView {
    let lang = Ctx::get().lang;
    // A card is made again only when its place holds another kind of device; its fields
    // follow every change in place (the keyboard stays where it is).
    let cards = Memo::new(move |_| {
        bench.read(|d| {
            (d.file().scenario.devices.iter().enumerate())
                .map(|(i, x)| (i, x.kind.name()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="row palette" role="group" aria-labelledby="palette-label">
            <span id="palette-label">{move || bench.t(BuildText::Palette)}</span>
            {PALETTE.iter().map(|&kind| view! {
                <button type="button" class="small" data-testid=format!("palette-{kind}")
                    on:click=move |_| { bench.edit(Edit::AddDevice(kind, word(bench, kind))); }>
                    "+ "{move || lang.get().t(kind_text(kind))}
                </button>
            }).collect_view()}
        </div>
        <ol class="build-devices" data-testid="build-devices">
            <For each=move || cards.get() key=|k| *k children=move |(i, kind)| card(bench, i, kind)/>
        </ol>
    }
}

/// A change to a device's settings, refused with the field and the reason.
type Change = dyn Fn(&mut DeviceConfig) -> Result<(), ScenarioError>;

/// One device's card.
fn card(bench: Bench, i: usize, kind: &'static str) -> impl IntoView {
    let lang = Ctx::get().lang;
    let dev = Memo::new(move |_| bench.read(|x| x.file().scenario.devices.get(i).cloned()));
    let n = Memo::new(move |_| bench.read(|x| x.file().scenario.devices.len()));
    let t = move |k: BuildText| move || bench.t(k);
    let set = move |f: Box<Change>| {
        let Some(mut next) = dev.get_untracked() else {
            return;
        };
        match f(&mut next) {
            Ok(()) => {
                bench.edit(Edit::SetDevice(i, Box::new(next)));
            }
            Err(e) => bench.error.set(Some(ScenarioError {
                path: format!("scenario.devices[{i}].{}", e.path),
                ..e
            })),
        }
    };
    let field = move |f: fn(&DeviceConfig) -> Option<String>| {
        move || dev.get().as_ref().and_then(f).unwrap_or_default()
    };
    let main_topic = matches!(kind, "sensor" | "intruder" | "actuator" | "responder");
    let filters = matches!(kind, "dashboard" | "phone" | "custom");
    let every = matches!(kind, "sensor" | "intruder");
    let qos = matches!(kind, "sensor" | "actuator");
    let has_client = kind != "eavesdropper";
    let flag = move |f: fn(&DeviceConfig) -> bool| move || dev.get().as_ref().is_some_and(f);
    view! {
        <li class="build-device" data-testid=move || format!("build-device-{}", field(|d| Some(d.name.clone()))())>
            <div class="row">
                <label>{t(BuildText::Name)}
                    <input data-testid="device-name" prop:value=field(|d| Some(d.name.clone()))
                        on:change=move |ev| { bench.edit(Edit::RenameDevice(i, event_target_value(&ev))); }/>
                </label>
                <span class="chip">{move || lang.get().t(kind_text(kind))}</span>
                <button type="button" class="small secondary" data-testid="device-up" prop:disabled=i == 0
                    on:click=move |_| { bench.edit(Edit::MoveDevice(i, i.saturating_sub(1))); }>{t(BuildText::Up)}</button>
                <button type="button" class="small secondary" data-testid="device-down" prop:disabled=move || { i + 1 >= n.get() }
                    on:click=move |_| { bench.edit(Edit::MoveDevice(i, i + 1)); }>{t(BuildText::Down)}</button>
                <button type="button" class="small secondary" data-testid="device-remove"
                    on:click=move |_| {
                        if bench.edit(Edit::RemoveDevice(i)) {
                            super::focus_on("[data-testid=build-devices-part] > summary");
                        }
                    }>{t(BuildText::Remove)}</button>
            </div>
            <details>
                <summary>{move || bench.t(BuildText::Edit)}</summary>
                <div class="row">
                {main_topic.then(|| view! {
                    <label>{t(BuildText::Topic)}
                        <input data-testid="device-topic" prop:value=field(main_topic_of)
                            on:change=move |ev| set(Box::new(move |d| set_topic(d, &event_target_value(&ev))))/>
                    </label>
                })}
                {filters.then(|| view! {
                    <label>{t(BuildText::Filters)}
                        <textarea data-testid="device-filters" rows="2" prop:value=field(filters_of)
                            on:change=move |ev| set(Box::new(move |d| set_filters(d, &event_target_value(&ev))))></textarea>
                    </label>
                })}
                {every.then(|| view! {
                    <label>{t(BuildText::Every)}
                        <input type="number" min="0.01" step="0.5" data-testid="device-every" prop:value=field(every_of)
                            on:change=move |ev| set(Box::new(move |d| set_every(d, &event_target_value(&ev))))/>
                    </label>
                })}
                {(kind == "sensor").then(|| view! {
                    <label>{t(BuildText::Model)}
                        <select data-testid="device-model" prop:value=field(model_of)
                            on:change=move |ev| set(Box::new(move |d| set_model(d, &event_target_value(&ev))))>
                            <option value="random_walk">{t(BuildText::ModelWalk)}</option>
                            <option value="counter">{t(BuildText::ModelCounter)}</option>
                            <option value="constant">{t(BuildText::ModelConstant)}</option>
                        </select>
                    </label>
                    {move || match field(model_of)().as_str() {
                        "random_walk" => view! {
                            {[(BuildText::WalkStart, "device-walk-start"), (BuildText::WalkStep, "device-walk-step"), (BuildText::WalkMin, "device-walk-min"), (BuildText::WalkMax, "device-walk-max")]
                                .into_iter().enumerate().map(|(k, (label, testid))| view! {
                                    <label>{t(label)}
                                        <input type="number" step="any" data-testid=testid prop:value=field(WALK[k])
                                            on:change=move |ev| set(Box::new(move |d| set_walk(d, k, &event_target_value(&ev))))/>
                                    </label>
                                }).collect_view()}
                        }.into_any(),
                        "constant" => view! {
                            <label>{t(BuildText::Value)}
                                <input data-testid="device-constant" prop:value=field(constant_of)
                                    on:change=move |ev| set(Box::new(move |d| set_constant(d, &event_target_value(&ev))))/>
                            </label>
                        }.into_any(),
                        _ => ().into_any(),
                    }}
                })}
                {qos.then(|| view! {
                    <label>"QoS"
                        <select data-testid="device-qos" prop:value=field(qos_of)
                            on:change=move |ev| set(Box::new(move |d| set_qos(d, &event_target_value(&ev))))>
                            {(0u8..=2).map(|k| view! { <option value=k.to_string()>{k}</option> }).collect_view()}
                        </select>
                    </label>
                })}
                </div>
                {has_client.then(|| view! {
                    <div class="row">
                        <label>{t(BuildText::Protocol)}
                            <select data-testid="device-protocol" prop:value=field(|d| Some(if d.protocol == Protocol::V5 { "5" } else { "3.1.1" }.into()))
                                on:change=move |ev| {
                                    let v5 = event_target_value(&ev) == "5";
                                    set(Box::new(move |d| { d.protocol = if v5 { Protocol::V5 } else { Protocol::V311 }; Ok(()) }));
                                }>
                                <option value="3.1.1">"3.1.1"</option>
                                <option value="5">"5"</option>
                            </select>
                        </label>
                        <label>{t(BuildText::Port)}
                            <select data-testid="device-port" prop:value=field(|d| Some(d.port.number().to_string()))
                                on:change=move |ev| {
                                    let tls = event_target_value(&ev) == "8883";
                                    set(Box::new(move |d| { d.port = if tls { Port::Tls } else { Port::Plain }; Ok(()) }));
                                }>
                                <option value="1883">"1883"</option>
                                <option value="8883">"8883 (TLS)"</option>
                            </select>
                        </label>
                        <label class="inline">
                            <input type="checkbox" data-testid="device-online" prop:checked=flag(|d| d.online)
                                on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |d| { d.online = on; Ok(()) })); }/>
                            {t(BuildText::Online)}
                        </label>
                        <label class="inline">
                            <input type="checkbox" data-testid="device-clean" prop:checked=flag(|d| d.clean_session)
                                on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |d| { d.clean_session = on; Ok(()) })); }/>
                            {t(BuildText::CleanSession)}
                        </label>
                    </div>
                    <div class="row">
                        <label>{t(BuildText::Latency)}
                            <input type="number" min="0" data-testid="device-latency" prop:value=field(|d| Some(d.link.latency_ms.to_string()))
                                on:change=move |ev| set(Box::new(move |d| set_latency(d, &event_target_value(&ev))))/>
                        </label>
                        <label>{t(BuildText::Jitter)}
                            <input type="number" min="0" data-testid="device-jitter" prop:value=field(|d| Some(d.link.jitter_ms.to_string()))
                                on:change=move |ev| set(Box::new(move |d| set_jitter(d, &event_target_value(&ev))))/>
                        </label>
                        <label>{t(BuildText::Loss)}
                            <input type="number" min="0" max="1" step="0.05" data-testid="device-loss" prop:value=field(|d| Some(d.link.loss.get().to_string()))
                                on:change=move |ev| set(Box::new(move |d| set_loss(d, &event_target_value(&ev))))/>
                        </label>
                        <label>{t(BuildText::User)}
                            <input data-testid="device-user" autocomplete="off" prop:value=field(|d| d.username.clone())
                                on:change=move |ev| { let v = event_target_value(&ev); set(Box::new(move |d| { d.username = filled(&v); Ok(()) })); }/>
                        </label>
                        <label class="inline">
                            <input type="checkbox" data-testid="device-practice" prop:checked=move || dev.get().is_some_and(|d| d.password.as_deref() == Some(PRACTICE))
                                on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |d| { d.password = on.then(|| PRACTICE.to_string()); Ok(()) })); }/>
                            {t(BuildText::UsesPractice)}
                        </label>
                    </div>
                    <div class="row">
                        <label>{t(BuildText::WillTopic)}
                            <input data-testid="device-will-topic" prop:value=field(|d| d.will.as_ref().map(|w| w.topic.to_string()))
                                on:change=move |ev| set(Box::new(move |d| set_will(d, Some(&event_target_value(&ev)), None)))/>
                        </label>
                        <label>{t(BuildText::WillPayload)}
                            <input data-testid="device-will-payload" prop:value=field(|d| d.will.as_ref().map(|w| w.payload.clone()))
                                on:change=move |ev| set(Box::new(move |d| set_will(d, None, Some(&event_target_value(&ev)))))/>
                        </label>
                    </div>
                })}
            </details>
        </li>
    }
}

fn main_topic_of(d: &DeviceConfig) -> Option<String> {
    match &d.kind {
        DeviceKind::Sensor { topic, .. } | DeviceKind::Intruder { topic, .. } => {
            Some(topic.to_string())
        }
        DeviceKind::Actuator { command_topic, .. } => Some(command_topic.to_string()),
        DeviceKind::Responder { filter, .. } => Some(filter.to_string()),
        _ => None,
    }
}

fn filters_of(d: &DeviceConfig) -> Option<String> {
    match &d.kind {
        DeviceKind::Dashboard { filters }
        | DeviceKind::Phone { filters }
        | DeviceKind::Custom { filters, .. } => Some(
            filters
                .iter()
                .map(|s| s.filter.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        _ => None,
    }
}

fn every_of(d: &DeviceConfig) -> Option<String> {
    match &d.kind {
        DeviceKind::Sensor { interval_ms, .. } | DeviceKind::Intruder { interval_ms, .. } => {
            Some((interval_ms.ms() as f64 / 1000.0).to_string())
        }
        _ => None,
    }
}

fn qos_of(d: &DeviceConfig) -> Option<String> {
    match &d.kind {
        DeviceKind::Sensor { qos, .. } | DeviceKind::Actuator { qos, .. } => {
            Some(qos.as_u8().to_string())
        }
        _ => None,
    }
}

fn filled(v: &str) -> Option<String> {
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn topic(v: &str, at: &str) -> Result<TopicName, ScenarioError> {
    TopicName::new(v.trim()).map_err(|e| err(at, Problem::Topic(e)))
}

fn filter(v: &str, at: &str) -> Result<TopicFilter, ScenarioError> {
    TopicFilter::new(v.trim()).map_err(|e| err(at, Problem::Topic(e)))
}

fn set_topic(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    match &mut d.kind {
        DeviceKind::Sensor { topic: t, .. } | DeviceKind::Intruder { topic: t, .. } => {
            *t = topic(v, "kind.topic")?
        }
        DeviceKind::Actuator {
            command_topic,
            state_topic,
            ..
        } => {
            *command_topic = topic(v, "kind.command_topic")?;
            // The state goes where the orders come from, without their last level.
            let state = v.trim().rsplit_once('/').map_or(v.trim(), |(head, _)| head);
            if let Ok(s) = TopicName::new(state) {
                *state_topic = s;
            }
        }
        DeviceKind::Responder { filter: f, .. } => *f = filter(v, "kind.filter")?,
        _ => {}
    }
    Ok(())
}

fn set_filters(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    let read: Result<Vec<SubConfig>, ScenarioError> = (v.lines())
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(k, l)| {
            Ok(SubConfig {
                filter: filter(l, &format!("kind.filters[{k}]"))?,
                qos: QoS::AtMostOnce,
            })
        })
        .collect();
    let read = read?;
    if let DeviceKind::Dashboard { filters }
    | DeviceKind::Phone { filters }
    | DeviceKind::Custom { filters, .. } = &mut d.kind
    {
        // A filter kept keeps its QoS.
        let old = std::mem::take(filters);
        *filters = (read.into_iter())
            .map(|mut s| {
                if let Some(o) = old.iter().find(|o| o.filter == s.filter) {
                    s.qos = o.qos;
                }
                s
            })
            .collect();
    }
    Ok(())
}

fn set_every(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    let ms = (v.trim().replace(',', ".").parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s >= 0.0)
        .map(|s| (s * 1000.0).round() as u64)
        .and_then(Interval::new)
        .ok_or_else(|| err("kind.interval_ms", Problem::IntervalTooShort))?;
    if let DeviceKind::Sensor { interval_ms, .. } | DeviceKind::Intruder { interval_ms, .. } =
        &mut d.kind
    {
        *interval_ms = ms;
    }
    Ok(())
}

fn set_qos(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    let q = (v.parse().ok()).and_then(QoS::from_u8).unwrap_or_default();
    if let DeviceKind::Sensor { qos, .. } | DeviceKind::Actuator { qos, .. } = &mut d.kind {
        *qos = q;
    }
    Ok(())
}

/// Sets the last will's topic (empty: no will) or its payload.
fn set_will(
    d: &mut DeviceConfig,
    topic_v: Option<&str>,
    payload: Option<&str>,
) -> Result<(), ScenarioError> {
    if let Some(v) = topic_v {
        if v.trim().is_empty() {
            d.will = None;
            return Ok(());
        }
        let t = topic(v, "will.topic")?;
        match &mut d.will {
            Some(w) => w.topic = t,
            None => {
                d.will = Some(WillConfig {
                    topic: t,
                    payload: "offline".into(),
                    qos: QoS::AtLeastOnce,
                    retain: true,
                })
            }
        }
    }
    if let (Some(p), Some(w)) = (payload, &mut d.will) {
        w.payload = p.to_string();
    }
    Ok(())
}

/// A sensor's value model, by its name in the format.
fn model_of(d: &DeviceConfig) -> Option<String> {
    match &d.kind {
        DeviceKind::Sensor { model, .. } => Some(
            match model {
                ValueModel::RandomWalk { .. } => "random_walk",
                ValueModel::Counter => "counter",
                ValueModel::Constant { .. } => "constant",
            }
            .into(),
        ),
        _ => None,
    }
}

/// A random walk's start, step, min and max, as the form shows them.
const WALK: [fn(&DeviceConfig) -> Option<String>; 4] = [
    |d| walk_of(d, 0),
    |d| walk_of(d, 1),
    |d| walk_of(d, 2),
    |d| walk_of(d, 3),
];

/// A random walk's start, step, min or max (`k` 0 to 3).
fn walk_of(d: &DeviceConfig, k: usize) -> Option<String> {
    match &d.kind {
        DeviceKind::Sensor {
            model:
                ValueModel::RandomWalk {
                    start,
                    step,
                    min,
                    max,
                    ..
                },
            ..
        } => [start, step, min, max].get(k).map(|x| x.get().to_string()),
        _ => None,
    }
}

fn constant_of(d: &DeviceConfig) -> Option<String> {
    match &d.kind {
        DeviceKind::Sensor {
            model: ValueModel::Constant { value },
            ..
        } => Some(value.clone()),
        _ => None,
    }
}

/// Another value model; a random walk gets a new sensor's (a kitchen's temperature).
fn set_model(d: &mut DeviceConfig, name: &str) -> Result<(), ScenarioError> {
    let walk = || match template("sensor", "").map(|t| t.kind) {
        Some(DeviceKind::Sensor { model, .. }) => model,
        _ => ValueModel::Counter,
    };
    if let DeviceKind::Sensor { model, .. } = &mut d.kind {
        *model = match name {
            "counter" => ValueModel::Counter,
            "constant" => ValueModel::Constant { value: "ON".into() },
            _ => walk(),
        };
    }
    Ok(())
}

/// A random walk's start, step, min or max (`k` 0 to 3), as typed (a comma is a point).
fn set_walk(d: &mut DeviceConfig, k: usize, v: &str) -> Result<(), ScenarioError> {
    const FIELDS: [&str; 4] = ["start", "step", "min", "max"];
    let field = FIELDS.get(k).copied().unwrap_or("start");
    let x = (v.trim().replace(',', ".").parse::<f64>().ok())
        .and_then(Decimal::new)
        .ok_or_else(|| {
            err(
                format!("kind.model.{field}"),
                Problem::Missing {
                    field: field.into(),
                },
            )
        })?;
    if let DeviceKind::Sensor {
        model:
            ValueModel::RandomWalk {
                start,
                step,
                min,
                max,
                ..
            },
        ..
    } = &mut d.kind
    {
        *[start, step, min, max][k.min(3)] = x;
    }
    Ok(())
}

fn set_constant(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    if let DeviceKind::Sensor {
        model: ValueModel::Constant { value },
        ..
    } = &mut d.kind
    {
        *value = v.to_string();
    }
    Ok(())
}

/// A link's delay (its latency or its jitter) as typed: whole milliseconds, at most
/// [`LinkConfig::MAX_DELAY_MS`].
fn delay_ms(v: &str, field: &str) -> Result<u64, ScenarioError> {
    (v.trim().parse::<u64>().ok())
        .filter(|ms| *ms <= LinkConfig::MAX_DELAY_MS)
        .ok_or_else(|| err(field, Problem::LatencyRange))
}

fn set_latency(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    d.link.latency_ms = delay_ms(v, "link.latency_ms")?;
    Ok(())
}

fn set_jitter(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    d.link.jitter_ms = delay_ms(v, "link.jitter_ms")?;
    Ok(())
}

fn set_loss(d: &mut DeviceConfig, v: &str) -> Result<(), ScenarioError> {
    d.link.loss = (v.trim().replace(',', ".").parse::<f64>().ok())
        .and_then(Probability::new)
        .ok_or_else(|| err("link.loss", Problem::LossRange))?;
    Ok(())
}
