//! A scenario's fractional numbers, held exactly: a loss probability in parts per million and
//! a sensor's numbers in millionths. Written as JSON numbers (`0.05`, `21.5`); read back, they
//! are the same values, with no float parser that rounds the last digit differently, so a
//! shared link replays the same run.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::core::json_read::{At, FromJson, Problem, Read};

/// Millionths in one.
const MILLION: f64 = 1_000_000.0;

/// A probability from 0 to 1, in parts per million.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Probability(u32);

impl Probability {
    /// Never.
    pub const NEVER: Probability = Probability(0);

    /// `p` (from 0 to 1) to the nearest millionth; `None` outside that range or not a number.
    pub fn new(p: f64) -> Option<Probability> {
        (0.0..=1.0)
            .contains(&p)
            .then(|| Probability((p * MILLION).round() as u32))
    }

    /// As a number from 0 to 1.
    pub fn get(self) -> f64 {
        f64::from(self.0) / MILLION
    }

    /// True when it is more than zero.
    pub fn is_positive(self) -> bool {
        self.0 > 0
    }
}

impl Serialize for Probability {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.get())
    }
}

impl FromJson for Probability {
    fn read(v: &Value, at: At) -> Read<Probability> {
        Probability::new(f64::read(v, at)?).ok_or_else(|| at.fail(Problem::LossRange))
    }
}

/// Largest magnitude of a [`Decimal`].
const DECIMAL_MAX: f64 = 1e9;

/// A number with at most six decimals (its magnitude at most a thousand million), in
/// millionths.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decimal(i64);

impl Decimal {
    /// `x` to the nearest millionth; `None` when not finite or too large.
    pub fn new(x: f64) -> Option<Decimal> {
        (x.abs() <= DECIMAL_MAX).then(|| Decimal((x * MILLION).round() as i64))
    }

    /// `n` millionths (for numbers written in the code).
    pub const fn millionths(n: i64) -> Decimal {
        Decimal(n)
    }

    /// As a float.
    pub fn get(self) -> f64 {
        self.0 as f64 / MILLION
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.get())
    }
}

impl FromJson for Decimal {
    fn read(v: &Value, at: At) -> Read<Decimal> {
        Decimal::new(f64::read(v, at)?).ok_or_else(|| at.fail(Problem::ModelRange))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_and_read_back_they_are_the_same() {
        for p in [0.0, 0.05, 0.445_239_874_238_564_4, 1.0] {
            let a = Probability::new(p).unwrap();
            let json = serde_json::to_string(&a).unwrap();
            let v: Value = serde_json::from_str(&json).unwrap();
            assert_eq!(Probability::read(&v, At::root()), Ok(a));
        }
        assert_eq!(Probability::new(0.05).unwrap().get(), 0.05);
        assert_eq!(Probability::new(1.5), None);
        assert_eq!(Probability::new(f64::NAN), None);
        for x in [-40.0, 21.3, 0.2, 123_456.789_012_3] {
            let d = Decimal::new(x).unwrap();
            let v: Value = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
            assert_eq!(Decimal::read(&v, At::root()), Ok(d));
        }
        assert_eq!(Decimal::new(f64::INFINITY), None);
    }
}
