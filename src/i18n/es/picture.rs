//! What a device shows on the stage, in Spanish.

use crate::core::sim::picture::{Face, Heard, Measure, Switch};

/// Short, under the device's icon.
pub(super) fn face(f: &Face) -> String {
    match f {
        Face::Sensor(m, Some(v)) => reading(*m, v),
        Face::Sensor(_, None) => "esperando lectura".into(),
        Face::Light(Switch::On) => "encendida".into(),
        Face::Light(Switch::Off) => "apagada".into(),
        Face::Light(Switch::Other(s)) => format!("«{s}»"),
        Face::Dashboard(values, _) => match values.as_slice() {
            [] => "nada recibido".into(),
            [(t, v)] => format!("{}: {v}", t.rsplit('/').next().unwrap_or(t)),
            many => super::super::joined::readings(many, reading),
        },
        Face::Phone(0, _) => "sin mensajes".into(),
        Face::Phone(1, None) => "1 mensaje".into(),
        Face::Phone(n, None) => format!("{n} mensajes"),
        Face::Phone(1, Some((_, p))) => format!("1 mensaje · «{p}»"),
        Face::Phone(n, Some((_, p))) => format!("{n} mensajes · «{p}»"),
        Face::Eavesdropper(Some(Heard::Login(u, Some(p)))) => format!("oyó «{u}» / «{p}»"),
        Face::Eavesdropper(Some(Heard::Login(u, None))) => format!("oyó «{u}»"),
        Face::Eavesdropper(Some(Heard::Message(_, p))) => format!("oyó «{p}»"),
        Face::Eavesdropper(Some(Heard::Encrypted)) => "solo bytes cifrados".into(),
        Face::Eavesdropper(None) => "escuchando".into(),
        Face::Intruder(_, p) => format!("manda «{p}»"),
        Face::Responder => "responde".into(),
        Face::Custom => String::new(),
    }
}

fn reading(m: Measure, v: &str) -> String {
    match m {
        Measure::Temperature => format!("{v} °C"),
        Measure::Humidity => format!("{v} %"),
        _ => format!("«{v}»"),
    }
}
