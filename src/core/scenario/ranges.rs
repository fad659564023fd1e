//! A scenario's numbers that have a range, as types: a value that exists is in range, so the
//! world never checks it again.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::core::json_read::{At, FromJson, Problem, Read};

/// The port a simulated device connects to: 1883 (MQTT in clear) or 8883 (MQTT over TLS).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Port {
    /// 1883.
    #[default]
    Plain,
    /// 8883.
    Tls,
}

impl Port {
    /// The port for a number; `None` for any other than 1883 and 8883.
    pub fn new(number: u16) -> Option<Port> {
        match number {
            1883 => Some(Port::Plain),
            8883 => Some(Port::Tls),
            _ => None,
        }
    }

    /// Its number.
    pub fn number(self) -> u16 {
        match self {
            Port::Plain => 1883,
            Port::Tls => 8883,
        }
    }

    /// True for 8883.
    pub fn is_tls(self) -> bool {
        self == Port::Tls
    }
}

impl Serialize for Port {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u16(self.number())
    }
}

impl FromJson for Port {
    fn read(v: &Value, at: At) -> Read<Port> {
        let n = u16::read(v, at)?;
        Port::new(n).ok_or_else(|| at.fail(Problem::Port(n)))
    }
}

/// A period in virtual milliseconds, 10 at least (a device that publishes more often would
/// drown the stage).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval(u64);

impl Interval {
    /// The shortest period.
    pub const MIN_MS: u64 = 10;

    /// `ms` milliseconds; `None` below [`Interval::MIN_MS`].
    pub const fn new(ms: u64) -> Option<Interval> {
        if ms >= Interval::MIN_MS {
            Some(Interval(ms))
        } else {
            None
        }
    }

    /// In milliseconds.
    pub fn ms(self) -> u64 {
        self.0
    }
}

impl Serialize for Interval {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

impl FromJson for Interval {
    fn read(v: &Value, at: At) -> Read<Interval> {
        Interval::new(u64::read(v, at)?).ok_or_else(|| at.fail(Problem::IntervalTooShort))
    }
}
