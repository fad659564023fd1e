//! Virtual time: milliseconds since the start of a run. The core never reads a wall clock;
//! the shell (or a test) says what time it is.

use std::fmt;
use std::ops::{Add, Sub};

/// A point in virtual time, in milliseconds since the run started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub u64);

impl Time {
    /// The start of a run.
    pub const ZERO: Time = Time(0);

    /// From whole seconds.
    pub fn from_secs(s: u64) -> Time {
        Time(s.saturating_mul(1000))
    }

    /// From milliseconds.
    pub fn from_millis(ms: u64) -> Time {
        Time(ms)
    }

    /// Milliseconds since the start.
    pub fn millis(self) -> u64 {
        self.0
    }

    /// Whole seconds since the start.
    pub fn secs(self) -> u64 {
        self.0 / 1000
    }

    /// This time plus `ms` milliseconds (saturating).
    pub fn plus_millis(self, ms: u64) -> Time {
        Time(self.0.saturating_add(ms))
    }

    /// This time plus `s` seconds (saturating).
    pub fn plus_secs(self, s: u64) -> Time {
        self.plus_millis(s.saturating_mul(1000))
    }
}

impl Add<u64> for Time {
    type Output = Time;
    /// Adds milliseconds.
    fn add(self, ms: u64) -> Time {
        self.plus_millis(ms)
    }
}

impl Sub for Time {
    type Output = u64;
    /// Milliseconds between two times (0 if `rhs` is later).
    fn sub(self, rhs: Time) -> u64 {
        self.0.saturating_sub(rhs.0)
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:03} s", self.0 / 1000, self.0 % 1000)
    }
}
