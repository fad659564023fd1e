//! The devices: state, controls (connect, disconnect, pull the plug) and what each one shows.

use leptos::prelude::*;

use crate::core::i18n::{Lang, Text};
use crate::core::sim::device::Device;
use crate::core::sim::{Action, DeviceKind};
use crate::core::trace::{Seen, TraceKind};
use crate::web::state::{Ctx, Sim};

/// A device's connection state, as shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    /// Connected.
    Online,
    /// Opening a connection.
    Connecting,
    /// Not connected.
    #[default]
    Offline,
    /// Cable pulled.
    Unplugged,
}

impl Status {
    /// Of a device.
    pub fn of(d: &Device) -> Status {
        if !d.plugged {
            Status::Unplugged
        } else if d.is_online() {
            Status::Online
        } else if d.conn.is_some() {
            Status::Connecting
        } else {
            Status::Offline
        }
    }

    /// CSS class and text key.
    pub fn class(self) -> &'static str {
        match self {
            Status::Online => "online",
            Status::Connecting => "connecting",
            Status::Offline => "offline",
            Status::Unplugged => "unplugged",
        }
    }

    /// The label.
    pub fn label(self, lang: Lang) -> &'static str {
        lang.t(match self {
            Status::Online => Text::Online,
            Status::Connecting => Text::Connecting,
            Status::Offline => Text::Offline,
            Status::Unplugged => Text::Unplugged,
        })
    }
}

/// Lines a device shows: its reading, its state, or the latest values it received.
fn shown(sim: &Sim, d: &Device) -> Vec<(String, String)> {
    match &d.config.kind {
        DeviceKind::Sensor { topic, .. } => vec![(topic.clone(), d.state.clone())],
        DeviceKind::Actuator { state_topic, .. } => vec![(state_topic.clone(), d.state.clone())],
        DeviceKind::Eavesdropper { .. } => sim
            .log
            .iter()
            .rev()
            .filter_map(|e| match &e.kind {
                TraceKind::Eavesdropped {
                    device,
                    target,
                    seen,
                    ..
                } if *device == d.name => Some((target.to_string(), seen_text(seen))),
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

/// What an eavesdropper read, as one line.
pub fn seen_text(seen: &Seen) -> String {
    match seen {
        Seen::Opaque { len } => format!("TLS · {len} B · ????"),
        Seen::Clear {
            packet,
            topic,
            payload,
            username,
            password,
        } => {
            let mut s = packet.name().to_string();
            if let Some(u) = username {
                s.push_str(&format!(" user={u}"));
            }
            if let Some(p) = password {
                s.push_str(&format!(" password={p}"));
            }
            if let Some(t) = topic {
                s.push_str(&format!(" {}", t.as_str()));
            }
            if let Some(p) = payload {
                s.push_str(&format!(" = {}", String::from_utf8_lossy(p)));
            }
            s
        }
    }
}

/// The device list.
#[component]
pub fn Devices() -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let names = move || {
        ctx.read(|s| {
            s.run
                .world()
                .devices()
                .iter()
                .map(|d| d.config.name.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="devices panel" aria-labelledby="devices-title">
            <h2 id="devices-title">{move || lang.get().t(Text::Devices)}</h2>
            <ul class="device-list">
                <For each=names key=|n| n.clone() let:name>
                    <DeviceCard name=name/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn DeviceCard(name: String) -> impl IntoView {
    let ctx = Ctx::get();
    let lang = ctx.lang;
    let n = name.clone();
    let info = Memo::new(move |_| {
        ctx.read(|s| {
            s.run.world().device(&n).map(|d| {
                (
                    Status::of(d),
                    d.config.kind.name(),
                    d.config.kind.has_client(),
                    d.wants_online,
                    d.plugged,
                    d.config.port,
                    shown(s, d),
                )
            })
        })
    });
    let act = move |make: fn(String) -> Action, name: String| move |_| ctx.act(make(name.clone()));
    let (n1, n2) = (name.clone(), name.clone());
    view! {
        <li class="device" data-testid=format!("device-{name}")>
            {move || info.get().map(|(status, kind, client, wants, plugged, port, lines)| {
                let (a, b) = (n1.clone(), n2.clone());
                view! {
                    <div class="device-head">
                        <span class=format!("dot {}", status.class()) aria-hidden="true"></span>
                        <strong>{a.clone()}</strong>
                        <span class="kind">{kind}</span>
                        <span class="status" data-testid=format!("device-status-{a}")>{status.label(lang.get())}</span>
                        {(port == 8883).then(|| view! { <span class="badge">"TLS 8883"</span> })}
                    </div>
                    {client.then(|| view! {
                        <div class="device-actions">
                            <button type="button" class="small" data-testid=format!("device-online-{a}")
                                on:click=act(if wants { |d| Action::Offline { device: d } } else { |d| Action::Online { device: d } }, a.clone())>
                                {lang.get().t(if wants { Text::Disconnect } else { Text::Connect })}
                            </button>
                            <button type="button" class="small secondary" data-testid=format!("device-plug-{b}")
                                on:click=act(if plugged { |d| Action::PullPlug { device: d } } else { |d| Action::Replug { device: d } }, b.clone())>
                                {lang.get().t(if plugged { Text::PullPlug } else { Text::Replug })}
                            </button>
                        </div>
                    })}
                    <ul class="values" data-testid=format!("device-values-{}", n1)>
                        {lines.into_iter().map(|(topic, value)| view! {
                            <li><span class="topic">{topic}</span>" "<span class="value">{value}</span></li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </li>
    }
}
