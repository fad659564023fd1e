//! What a device shows on the stage, in English.

use crate::core::sim::picture::{Face, Heard, Measure, Switch};

/// Short, under the device's icon.
pub(super) fn face(f: &Face) -> String {
    match f {
        Face::Sensor(m, Some(v)) => reading(*m, v),
        Face::Sensor(_, None) => "no reading yet".into(),
        Face::Light(Switch::On) => "on".into(),
        Face::Light(Switch::Off) => "off".into(),
        Face::Light(Switch::Other(s)) => format!("“{s}”"),
        Face::Dashboard(values, _) => match values.as_slice() {
            [] => "nothing yet".into(),
            [(t, v)] => format!("{}: {v}", t.rsplit('/').next().unwrap_or(t)),
            many => super::super::joined::readings(many, reading),
        },
        Face::Phone(0, _) => "no messages".into(),
        Face::Phone(1, None) => "1 message".into(),
        Face::Phone(n, None) => format!("{n} messages"),
        Face::Phone(1, Some((_, p))) => format!("1 message · “{p}”"),
        Face::Phone(n, Some((_, p))) => format!("{n} messages · “{p}”"),
        Face::Eavesdropper(Some(Heard::Login(u, Some(p)))) => format!("heard “{u}” / “{p}”"),
        Face::Eavesdropper(Some(Heard::Login(u, None))) => format!("heard “{u}”"),
        Face::Eavesdropper(Some(Heard::Message(_, p))) => format!("heard “{p}”"),
        Face::Eavesdropper(Some(Heard::Encrypted)) => "only encrypted bytes".into(),
        Face::Eavesdropper(None) => "listening".into(),
        Face::Intruder(_, p) => format!("sends “{p}”"),
        Face::Responder => "answers".into(),
        Face::Custom => String::new(),
    }
}

fn reading(m: Measure, v: &str) -> String {
    match m {
        Measure::Temperature => format!("{v} °C"),
        Measure::Humidity => format!("{v} %"),
        _ => format!("“{v}”"),
    }
}
