//! Numbers on screen, without Rust's float-formatting machinery (a leaf: it imports nothing).

use std::fmt;

/// Formats a number with a fixed count of decimals, without the float-formatting machinery.
///
/// `format!("{x:.2}")` links Rust's exact float printing (Grisu/Dragon, about 15 KB of wasm);
/// rounding to an integer and printing that is enough for times on screen.
///
/// # Examples
///
/// ```
/// use waker_playground::core::Fixed;
/// assert_eq!(Fixed(3.14159, 2).to_string(), "3.14");
/// assert_eq!(Fixed(-0.05, 1).to_string(), "-0.1");
/// assert_eq!(Fixed(2.0, 0).to_string(), "2");
/// assert_eq!(Fixed(0.0004, 3).to_string(), "0.000");
/// assert_eq!(Fixed(f64::INFINITY, 1).to_string(), "∞");
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fixed(pub f64, pub u8);

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(v, decimals) = *self;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.is_infinite() {
            return f.write_str(if v > 0.0 { "∞" } else { "-∞" });
        }
        let decimals = decimals.min(9);
        let scale = 10u64.pow(u32::from(decimals));
        let scaled = (v.abs() * scale as f64).round();
        // Past 2^53 an f64 has no fractional digits left to show.
        let (int, frac) = if scaled < 9.0e15 {
            let n = scaled as u64;
            (u128::from(n / scale), n % scale)
        } else {
            (v.abs().trunc() as u128, 0)
        };
        if v < 0.0 && (int > 0 || frac > 0) {
            f.write_str("-")?;
        }
        write!(f, "{int}")?;
        if decimals > 0 {
            write!(f, ".{frac:0width$}", width = usize::from(decimals))?;
        }
        Ok(())
    }
}

/// Formats a run-relative time for the axis, tooltips and the console: `850 ms`, `1.50 s`.
pub fn fmt_ms(ms: f64) -> String {
    if !ms.is_finite() {
        "∞".into()
    } else if ms.abs() >= 86_400_000.0 {
        format!("{} days", Fixed(ms / 86_400_000.0, 1))
    } else if ms.abs() >= 10_000.0 {
        format!("{} s", Fixed(ms / 1000.0, 1))
    } else if ms.abs() >= 1000.0 {
        format!("{} s", Fixed(ms / 1000.0, 2))
    } else if ms.abs() >= 10.0 {
        format!("{} ms", Fixed(ms, 0))
    } else {
        format!("{} ms", Fixed(ms, 2))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_rounds_to_its_decimals_and_keeps_the_sign_only_when_something_is_shown() {
        let cases: &[(f64, u8, &str)] = &[
            (3.25159, 2, "3.25"),
            (2.675, 1, "2.7"),
            (-0.05, 1, "-0.1"),
            (-0.04, 1, "0.0"), // rounds to zero: no minus sign
            (2.0, 0, "2"),
            (0.0004, 3, "0.000"),
            (1.5, 12, "1.500000000"), // at most 9 decimals
            (f64::INFINITY, 1, "∞"),
            (f64::NEG_INFINITY, 1, "-∞"),
            (f64::NAN, 2, "NaN"),
            (1.0e16, 2, "10000000000000000.00"), // past 2^53: no fractional digits left
            (-2.0e16, 0, "-20000000000000000"),
            (999.999, 2, "1000.00"),
        ];
        for &(v, d, want) in cases {
            assert_eq!(Fixed(v, d).to_string(), want, "Fixed({v}, {d})");
        }
    }

    #[test]
    fn fmt_ms_picks_the_unit_and_the_decimals_by_size() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.00 ms"),
            (9.994, "9.99 ms"),
            (10.0, "10 ms"),
            (850.4, "850 ms"),
            (999.0, "999 ms"),
            (1000.0, "1.00 s"),
            (1500.0, "1.50 s"),
            (9999.0, "10.00 s"),
            (10_000.0, "10.0 s"),
            (-1500.0, "-1.50 s"),
            (86_399_999.0, "86400.0 s"),
            (86_400_000.0, "1.0 days"),
            (-172_800_000.0, "-2.0 days"),
            (f64::INFINITY, "∞"),
            (f64::NAN, "∞"),
        ];
        for &(ms, want) in cases {
            assert_eq!(fmt_ms(ms), want, "fmt_ms({ms})");
        }
    }
}
