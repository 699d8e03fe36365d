//! Unicode case mapping for the language's `to_uppercase` and `to_lowercase` (of a `char` and of a
//! `str`).
//!
//! std maps case through two tables of `(char, u32)` pairs, 24 KB of read-only data. Read-only
//! data is laid out in the wasm memory that every embed of the page allocates, ahead of its heap,
//! whether or not a program ever changes a letter's case: the tables alone were the 64 KiB page
//! by which ten embeds crossed their memory budget. In the page, the mapping is therefore the
//! browser's own, `String.prototype.toUpperCase` and `toLowerCase`: Unicode's default case
//! conversion (`SpecialCasing` included, `ß` → `SS`, the final sigma), which is what std
//! implements too. A browser test compares the two on every `char` and on strings with sigmas.
//! Natively (the test suites, the fuzzers, the differential oracle), it is std's.
//!
//! The one module allowed std's case mapping (`clippy.toml` refuses it elsewhere).
#![allow(clippy::disallowed_methods)]

use std::collections::VecDeque;

/// `s.to_uppercase()`.
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_upper_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_uppercase()
    }
}

/// `s.to_lowercase()`.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(s).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.to_lowercase()
    }
}

/// `c.to_uppercase()`: one to three chars. A `char` alone has no neighbours, so the string
/// mapping of the one-char string is the char's (the final sigma needs a letter before it).
pub fn char_upper(c: char) -> VecDeque<char> {
    upper(c.encode_utf8(&mut [0; 4])).chars().collect()
}

/// `c.to_lowercase()`.
pub fn char_lower(c: char) -> VecDeque<char> {
    lower(c.encode_utf8(&mut [0; 4])).chars().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_as_std_does() {
        for s in ["abc", "Straße", "ΟΔΟΣ ΟΔΟΣ.", "İstanbul", "ŉ", "ǅ", "", "ﬃ"] {
            assert_eq!(upper(s), s.to_uppercase(), "{s}");
            assert_eq!(lower(s), s.to_lowercase(), "{s}");
        }
        assert_eq!(char_upper('ß'), ['S', 'S']);
        assert_eq!(char_lower('Σ'), ['σ']);
    }
}
