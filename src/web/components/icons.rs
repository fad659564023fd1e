//! The stage's device icons: drawn in our own SVG (one stroke style, `currentColor`, centred
//! on 0,0 within ±14), so that only these few paths are in the build.

use crate::core::scenario::{DeviceKind, ValueModel};
use crate::core::sim::picture::{measure_of, Measure};

/// What a device is drawn as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    /// A thermometer.
    Thermometer,
    /// A drop (humidity).
    Drop,
    /// A door (or a bell).
    Door,
    /// A sensor of anything else (a counter, a reading).
    Signal,
    /// A light bulb.
    Bulb,
    /// A screen (a dashboard).
    Screen,
    /// A phone.
    Phone,
    /// An eye (the eavesdropper).
    Eye,
    /// A warning sign (the intruder).
    Warning,
    /// Two arrows (a responder, a custom device).
    Arrows,
}

impl Icon {
    /// The icon of a device of this kind.
    pub fn of(kind: &DeviceKind) -> Icon {
        match kind {
            DeviceKind::Sensor {
                model: ValueModel::Counter,
                ..
            } => Icon::Signal,
            DeviceKind::Sensor { topic, .. } => match measure_of(topic.as_str()) {
                Measure::Temperature => Icon::Thermometer,
                Measure::Humidity => Icon::Drop,
                Measure::Door => Icon::Door,
                _ => Icon::Signal,
            },
            DeviceKind::Actuator { .. } => Icon::Bulb,
            DeviceKind::Dashboard { .. } => Icon::Screen,
            DeviceKind::Phone { .. } => Icon::Phone,
            DeviceKind::Eavesdropper { .. } => Icon::Eye,
            DeviceKind::Intruder { .. } => Icon::Warning,
            DeviceKind::Responder { .. } | DeviceKind::Custom { .. } => Icon::Arrows,
        }
    }

    /// Its outline and its filled parts, as path data (static: the icons cost no code).
    pub fn paths(self) -> (&'static str, &'static str) {
        // A dot of radius r at x,y as a path: two half circles.
        match self {
            Icon::Thermometer => (
                "M-3,-12 a3,3 0 0 1 6,0 v13 a6,6 0 1 1 -6,0 z M0,-6 v10",
                "M-3,6 a3,3 0 1 0 6,0 a3,3 0 1 0 -6,0",
            ),
            Icon::Drop => (
                "M0,-13 C5,-5 9,0 9,5 a9,9 0 0 1 -18,0 C-9,0 -5,-5 0,-13 z",
                "",
            ),
            Icon::Door => (
                "M-8,-13 h16 v26 h-16 z",
                "M2.4,1 a1.6,1.6 0 1 0 3.2,0 a1.6,1.6 0 1 0 -3.2,0",
            ),
            Icon::Signal => (
                "M-6,-4 a8,8 0 0 1 12,0 M-10,-8 a13,13 0 0 1 20,0 M0,4 v8",
                "M-2.5,2 a2.5,2.5 0 1 0 5,0 a2.5,2.5 0 1 0 -5,0",
            ),
            Icon::Bulb => (
                "M-4,8 h8 M-3,11 h6",
                "M-5,5 C-5,1 -9,-1 -9,-5 a9,9 0 0 1 18,0 C9,-1 5,1 5,5 z",
            ),
            Icon::Screen => (
                "M-13,-10 h26 v17 h-26 z M-6,12 h12 M0,7 v5 M-9,2 l5,-5 l4,3 l6,-6",
                "",
            ),
            Icon::Phone => ("M-8,-13 h16 v26 h-16 z M-2,9 h4", ""),
            Icon::Eye => (
                "M-13,0 Q0,-11 13,0 Q0,11 -13,0 z",
                "M-3.5,0 a3.5,3.5 0 1 0 7,0 a3.5,3.5 0 1 0 -7,0",
            ),
            Icon::Warning => ("M0,-12 L12,10 L-12,10 z M0,-4 v7 M0,6 v1", ""),
            Icon::Arrows => ("M-11,-4 h20 l-4,-4 M11,4 h-20 l4,4", ""),
        }
    }
}
