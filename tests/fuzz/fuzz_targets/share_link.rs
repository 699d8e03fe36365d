//! Share links: any text is a scenario or a readable error, never a panic; a scenario means
//! exactly what its canonical link means.
#![no_main]
use libfuzzer_sys::fuzz_target;
use waker_playground::play::{encode_share, parse_share};

fuzz_target!(|text: &str| {
    match parse_share(text) {
        Ok(s) => {
            let link = encode_share(&s);
            assert_eq!(parse_share(&link).as_ref(), Ok(&s), "{link}");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
