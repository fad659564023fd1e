//! The stage as a picture of the house: what each device shows (a sensor its reading, a light
//! on or off, a dashboard its last values, a phone its messages, an eavesdropper what it
//! overheard) and the broker's insides (each offline session's queue, the retained store),
//! read from the world at the run's point (now, or the scrubber's past). Typed and
//! language-free: the diagram draws it and the catalogue says it.

use crate::core::scenario::{DeviceKind, ValueModel};
use crate::core::sim::device::Device;
use crate::core::sim::World;
use crate::core::trace::{Seen, TraceEvent, TraceKind};

/// What a sensor measures, guessed from its topic's last level (the icon it gets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    /// Temperature (°C).
    Temperature,
    /// Humidity (%).
    Humidity,
    /// A door or a bell.
    Door,
    /// A counter.
    Count,
    /// Anything else.
    Other,
}

/// What a device shows on the stage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Face {
    /// A sensor and its last reading (`None` before the first).
    Sensor(Measure, Option<String>),
    /// A light (an actuator): on, off, or a state that is neither.
    Light(Switch),
    /// A dashboard: the last value per topic, newest first (at most [`SHOWN`]), and how many
    /// topics it has seen.
    Dashboard(Vec<(String, String)>, usize),
    /// A phone: messages received since it connected, and the newest (topic, payload).
    Phone(u64, Option<(String, String)>),
    /// An eavesdropper and what it overheard last.
    Eavesdropper(Option<Heard>),
    /// An intruder: the order it sends.
    Intruder(String, String),
    /// A responder (answers requests).
    Responder,
    /// Any other client.
    Custom,
}

impl Face {
    /// Shows nothing yet: a sensor before its first reading, a dashboard or a phone with no
    /// message (the stage then says whether the device is connected).
    pub fn is_blank(&self) -> bool {
        match self {
            Face::Sensor(_, reading) => reading.is_none(),
            Face::Dashboard(values, _) => values.is_empty(),
            Face::Phone(count, _) => *count == 0,
            _ => false,
        }
    }
}

/// A light's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Switch {
    /// `ON`.
    On,
    /// `OFF`.
    Off,
    /// Another state, as sent.
    Other(String),
}

/// What an eavesdropper overheard last on a tapped link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// A user name and password in clear (port 1883).
    Login(String, Option<String>),
    /// A message in clear.
    Message(String, String),
    /// Only encrypted bytes (port 8883).
    Encrypted,
}

/// Values a dashboard shows at most.
pub const SHOWN: usize = 3;

/// What `device` shows now; `heard` is what an eavesdropper overheard (see [`overheard`]).
pub fn face(device: &Device, heard: Option<&Heard>) -> Face {
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    match &device.config.kind {
        DeviceKind::Sensor { topic, model, .. } => {
            let measure = match model {
                ValueModel::Counter => Measure::Count,
                _ => measure_of(topic.as_str()),
            };
            let reading = (device.latest.iter())
                .find(|(t, _)| *t == topic)
                .and_then(|(_, h)| h.values.back())
                .map(|(_, v)| text(v))
                .or_else(|| (!device.state.is_empty()).then(|| device.state.clone()));
            Face::Sensor(measure, reading)
        }
        DeviceKind::Actuator { .. } => Face::Light(match device.state.as_str() {
            "ON" => Switch::On,
            "OFF" => Switch::Off,
            other => Switch::Other(other.to_string()),
        }),
        DeviceKind::Dashboard { .. } => {
            let mut all: Vec<_> = (device.latest.iter())
                .filter_map(|(t, h)| h.values.back().map(|(at, v)| (*at, t.as_str(), v)))
                .collect();
            let seen = all.len();
            // The newest few, picked one by one (no sort: it would weigh on the download).
            let mut shown = Vec::new();
            while shown.len() < SHOWN {
                let Some(i) = (0..all.len()).max_by_key(|&i| all[i].0) else {
                    break;
                };
                let (_, t, v) = all.swap_remove(i);
                shown.push((t.to_string(), text(v)));
            }
            Face::Dashboard(shown, seen)
        }
        DeviceKind::Phone { .. } => {
            let newest = (device.latest.iter())
                .filter_map(|(t, h)| h.values.back().map(|(at, v)| (*at, t, v)))
                .max_by_key(|(at, ..)| *at)
                .map(|(_, t, v)| (t.as_str().to_string(), text(v)));
            Face::Phone(device.received, newest)
        }
        DeviceKind::Eavesdropper { .. } => Face::Eavesdropper(heard.cloned()),
        DeviceKind::Intruder { topic, payload, .. } => {
            Face::Intruder(topic.as_str().to_string(), payload.clone())
        }
        DeviceKind::Responder { .. } => Face::Responder,
        DeviceKind::Custom { .. } => Face::Custom,
    }
}

/// A sensor's measure by its topic's last level, in the languages topics are written in.
pub fn measure_of(topic: &str) -> Measure {
    let last = topic.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| last.contains(w));
    if has(&["temp"]) {
        Measure::Temperature
    } else if has(&["hum"]) {
        Measure::Humidity
    } else if has(&["puerta", "door", "timbre", "bell"]) {
        Measure::Door
    } else {
        Measure::Other
    }
}

/// Takes in what each eavesdropper overheard (the newest per eavesdropper wins).
pub fn overheard(heard: &mut Vec<(String, Heard)>, events: &[TraceEvent]) {
    for e in events {
        let TraceKind::Eavesdropped { device, seen, .. } = &e.kind else {
            continue;
        };
        let now = match seen {
            Seen::Clear {
                username: Some(user),
                password,
                ..
            } => Heard::Login(user.clone(), password.clone()),
            Seen::Clear {
                topic: Some(topic),
                payload,
                ..
            } => Heard::Message(
                topic.as_str().to_string(),
                String::from_utf8_lossy(payload.as_deref().unwrap_or_default()).into_owned(),
            ),
            // A login stays the news until another login (pings say nothing).
            Seen::Clear { .. } => continue,
            Seen::Opaque { .. } => Heard::Encrypted,
        };
        let name = device.to_string();
        match heard.iter_mut().find(|(d, _)| *d == name) {
            // What it overheard in clear is not forgotten for an encrypted record after it.
            Some((_, h)) if now == Heard::Encrypted && *h != Heard::Encrypted => {}
            Some((_, h)) => *h = now,
            None => heard.push((name, now)),
        }
    }
}

/// The broker's insides as the stage draws them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inside {
    /// Each session with messages waiting for its client (offline, or back and not yet
    /// acknowledging what waited): the device (or client id), and the payloads, oldest first.
    pub queues: Vec<(String, Vec<String>)>,
    /// The retained store: topic and payload, by topic (`$` topics left out).
    pub retained: Vec<(String, String)>,
}

/// What the broker holds at the run's point.
pub fn inside(world: &World) -> Inside {
    let broker = world.broker();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let now = world.now();
    let queues = (broker.sessions())
        .filter_map(|s| {
            // What waited in the queue leaves it when the client acknowledges it (a client
            // back online); a message past its expiry (MQTT 5) leaves it then: the broker
            // would drop it rather than deliver it.
            let sent = (s.inflight.values())
                .filter(|f| f.waited)
                .map(|f| &f.delivery);
            let kept = (s.queue.iter()).filter(|d| d.message.expires_at.is_none_or(|t| t > now));
            let waiting: Vec<String> = (sent.chain(kept))
                .map(|d| text(&d.message.payload))
                .collect();
            let name = (world.device_of_client(&s.client))
                .map_or_else(|| s.client.to_string(), |d| d.config.name.clone());
            (!waiting.is_empty()).then_some((name, waiting))
        })
        .collect();
    // The store is kept by topic already.
    let retained = (broker.retained())
        .filter(|m| !m.topic.is_system())
        .map(|m| (m.topic.as_str().to_string(), text(&m.payload)))
        .collect();
    Inside { queues, retained }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sensor_measures_what_its_topic_names() {
        assert_eq!(measure_of("Casa/Cocina/Temperatura"), Measure::Temperature);
        assert_eq!(measure_of("Home/Kitchen/Temperature"), Measure::Temperature);
        assert_eq!(measure_of("Casa/Cocina/Humedad"), Measure::Humidity);
        assert_eq!(measure_of("Casa/Puerta/Timbre"), Measure::Door);
        assert_eq!(measure_of("Fabrica/Linea1/Pedido"), Measure::Other);
    }
}
