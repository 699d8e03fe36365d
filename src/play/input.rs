//! Parsing what people type: durations.
//!
//! # Ground rules
//!
//! - Every input gets an answer: a value or an error that says what is wrong in plain words.
//! - Nothing here panics, whatever the input (length, encoding, sign, exponent).

use std::fmt;

use crate::core::Fixed;

/// At most this many characters are looked at in a duration field.
pub const MAX_INPUT_LEN: usize = 40;

/// Why a duration was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DurationError {
    /// Nothing was typed.
    Empty,
    /// A minus sign.
    Negative,
    /// A decimal point.
    Fractional,
    /// Larger than `u64::MAX` ms.
    TooLarge,
    /// More than [`MAX_INPUT_LEN`] characters.
    TooLong,
    /// Anything else that is not digits.
    NotANumber,
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DurationError::Empty => "enter a duration in milliseconds, e.g. 2000",
            DurationError::Negative => "a duration cannot be negative",
            DurationError::Fractional => "use whole milliseconds, e.g. 1500 (no decimal point)",
            DurationError::TooLarge => "too large: the most is 18446744073709551615 ms (u64::MAX)",
            DurationError::TooLong => "too long: at most 40 characters (a duration has at most 20 digits)",
            DurationError::NotANumber => "not a number: use digits only, e.g. 2000",
        })
    }
}

impl std::error::Error for DurationError {}

/// Parses a duration in whole milliseconds: digits, optional spaces around, an optional `ms`.
///
/// # Examples
///
/// ```
/// use waker_playground::play::{parse_duration_ms, DurationError};
/// assert_eq!(parse_duration_ms(" 2000 "), Ok(2000));
/// assert_eq!(parse_duration_ms("150ms"), Ok(150));
/// assert_eq!(parse_duration_ms("18446744073709551615"), Ok(u64::MAX));
/// assert_eq!(parse_duration_ms(""), Err(DurationError::Empty));
/// assert_eq!(parse_duration_ms("-5"), Err(DurationError::Negative));
/// assert_eq!(parse_duration_ms("1.5"), Err(DurationError::Fractional));
/// assert_eq!(parse_duration_ms("18446744073709551616"), Err(DurationError::TooLarge));
/// assert_eq!(parse_duration_ms("1e3"), Err(DurationError::NotANumber));
/// ```
pub fn parse_duration_ms(text: &str) -> Result<u64, DurationError> {
    if text.chars().count() > MAX_INPUT_LEN {
        return Err(DurationError::TooLong);
    }
    let t = text.trim();
    let t = t.strip_suffix("ms").map(str::trim_end).unwrap_or(t);
    if t.is_empty() {
        return Err(DurationError::Empty);
    }
    if let Some(rest) = t.strip_prefix('-') {
        if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(DurationError::Negative);
        }
        return Err(DurationError::NotANumber);
    }
    let t = t.strip_prefix('+').unwrap_or(t);
    if t.contains('.') && t.chars().all(|c| c.is_ascii_digit() || c == '.') && t.chars().filter(|&c| c == '.').count() == 1 {
        return Err(DurationError::Fractional);
    }
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
        return Err(DurationError::NotANumber);
    }
    t.parse::<u64>().map_err(|_| DurationError::TooLarge)
}

/// Describes a duration for people: "2,000 ms", and how long that is when it is long.
///
/// # Examples
///
/// ```
/// use waker_playground::play::describe_ms;
/// assert_eq!(describe_ms(2000), "2,000 ms");
/// assert_eq!(describe_ms(3_000_000_000), "3,000,000,000 ms (34.7 days: chained past 2^31−1 ms)");
/// ```
pub fn describe_ms(ms: u64) -> String {
    let digits = ms.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(" ms");
    if ms > u64::from(crate::core::MAX_HOST_DELAY_MS) {
        let days = ms as f64 / 86_400_000.0;
        if days < 365.0 * 1000.0 {
            out.push_str(&format!(" ({} days: chained past 2^31−1 ms)", Fixed(days, 1)));
        } else {
            out.push_str(&format!(" ({} years: chained past 2^31−1 ms)", Fixed(days / 365.25, 0)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_inputs_get_errors_not_panics() {
        for s in ["abc", "١٢٣", "0x10", "--5", "-", "+", ".", "1..2", "1,000", "NaN", "inf", "9".repeat(41).as_str(), "\u{0}", "1 2"] {
            assert!(parse_duration_ms(s).is_err(), "{s:?}");
        }
        assert_eq!(parse_duration_ms("+7"), Ok(7));
        assert_eq!(parse_duration_ms("-0.5"), Err(DurationError::Negative));
        // A minus sign is "negative" only before a number: alone, or before letters, it is not one.
        assert_eq!(parse_duration_ms("-"), Err(DurationError::NotANumber));
        assert_eq!(parse_duration_ms("-ms"), Err(DurationError::NotANumber));
        assert_eq!(parse_duration_ms("-x5"), Err(DurationError::NotANumber));
        assert_eq!(parse_duration_ms("-12 ms"), Err(DurationError::Negative));
        assert_eq!(parse_duration_ms(&"9".repeat(25)), Err(DurationError::TooLarge));
    }
}
