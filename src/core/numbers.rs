//! Decimal numbers written with integer arithmetic: every number the app shows (readings,
//! seconds, SVG coordinates) goes through [`Fixed`] rather than `{:.1}`, so the page needs no
//! precision float printing of its own.

use std::fmt;

/// `x` with `decimals` digits after the point (at most 6), rounded half away from zero (of
/// `x` scaled in binary: `21.45` may show `21.5` where the exact printer says `21.4`);
/// non-finite values print as `-`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub usize);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(x, decimals) = *self;
        let decimals = decimals.min(6);
        let scale = 10u64.pow(decimals as u32);
        let scaled = (x.abs() * scale as f64).round();
        if !scaled.is_finite() || scaled >= u64::MAX as f64 {
            return f.write_str("-");
        }
        let n = scaled as u64;
        let sign = if x < 0.0 && n > 0 { "-" } else { "" };
        let (whole, frac) = (n / scale, n % scale);
        if decimals == 0 {
            write!(f, "{sign}{whole}")
        } else {
            write!(f, "{sign}{whole}.{frac:0decimals$}")
        }
    }
}

/// `x` with at most two decimals and no trailing zeros (`0.25`, `0.5`, `2`).
pub fn short(x: f64) -> String {
    let text = Fixed(x, 2).to_string();
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::{short, Fixed};

    #[test]
    fn short_drops_trailing_zeros() {
        assert_eq!(
            [0.25, 0.5, 1.0, 50.0].map(short),
            ["0.25", "0.5", "1", "50"]
        );
    }

    #[test]
    fn fixed_agrees_with_the_standard_printer() {
        for (x, d) in [
            (0.0, 1),
            (21.44, 1),
            (-2.71238, 3),
            (-0.04, 1),
            (1e6, 0),
            (0.5, 0),
            (99.999, 2),
            (12.0, 6),
        ] {
            let ours = Fixed(x, d).to_string();
            let std = format!("{x:.d$}");
            // The standard printer rounds half to even on exact halves; ours away from zero.
            if x != 0.5 && x != -0.04 {
                assert_eq!(ours, std, "{x} with {d}");
            }
        }
        assert_eq!(Fixed(0.5, 0).to_string(), "1");
        assert_eq!(Fixed(-0.04, 1).to_string(), "0.0", "no negative zero");
        assert_eq!(Fixed(f64::NAN, 1).to_string(), "-");
        assert_eq!(Fixed(f64::INFINITY, 1).to_string(), "-");
    }
}
