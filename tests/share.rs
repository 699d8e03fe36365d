//! Share links: any valid scenario survives a round trip, and hostile text never panics.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
use proptest::prelude::*;
use waker_playground::core::{RunMode, TimerBackend};
use waker_playground::play::{encode_share, parse_share, Clock, Scenario, Step, TaskSpec, MAX_SHARE_LEN};

fn step() -> impl Strategy<Value = Step> {
    let ms = prop_oneof![0u64..5000, Just(u64::MAX), Just(1u64 << 31), any::<u64>()];
    prop_oneof![
        ms.clone().prop_map(Step::Sleep),
        prop::collection::vec(ms.clone(), 1..5).prop_map(Step::Join),
        prop::collection::vec(ms.clone(), 1..5).prop_map(Step::Select),
        Just(Step::Yield),
        (0u64..500).prop_map(Step::Spin),
        Just(Step::LostWaker),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let task = ("[a-zA-Z0-9_-]{1,24}", prop::collection::vec(step(), 0..12));
    (
        prop::collection::vec(task, 1..8),
        prop::sample::select(RunMode::ALL.to_vec()),
        0u32..=1000,
        prop::sample::select(vec![TimerBackend::PerTimer, TimerBackend::Driver]),
        prop::sample::select(Clock::ALL.to_vec()),
    )
        .prop_map(|(tasks, mode, slow_motion_ms, backend, clock)| {
            let mut seen = std::collections::HashSet::new();
            let tasks = tasks.into_iter().filter(|(n, _)| seen.insert(n.clone())).map(|(name, steps)| TaskSpec { name, steps }).collect();
            Scenario { tasks, clock, mode, slow_motion_ms, backend, program: None }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn valid_scenario_to_url_and_back(s in scenario()) {
        prop_assume!(s.validate().is_ok());
        let link = encode_share(&s);
        prop_assert!(link.len() <= MAX_SHARE_LEN);
        prop_assert_eq!(parse_share(&link), Ok(s));
    }

    #[test]
    fn random_text_never_panics_and_round_trips_when_valid(text in "\\PC{0,200}") {
        match parse_share(&text) {
            // Rarely valid; then it means exactly what its canonical form means.
            Ok(s) => prop_assert_eq!(parse_share(&encode_share(&s)).unwrap(), s),
            // Otherwise the message is one readable line: untrusted text is quoted, escaped and cut.
            Err(e) => {
                let m = e.to_string();
                prop_assert!(m.len() > 10 && m.len() < 400, "{:?}", m);
                prop_assert!(!m.chars().any(char::is_control), "{:?}", m);
            }
        }
    }

    #[test]
    fn hostile_variations_of_a_valid_link_are_errors(
        cut in 0usize..70,
        junk in prop::sample::select(vec!["(", ")", "((", ";", ":", "*", "*0", "*99999999999999999999", "%G0", "%00", "%FF",
            "&t=x:yield", "&mode=", "&slow=-1", "<script>", "\u{202e}", "é", "\u{0}", "=", "sleep(1)(2)"]),
    ) {
        // None of these insertions can make a valid link, wherever it lands.
        let valid = "t=howdy:sleep(2000),yield*3;race:select(300,700)&mode=micro&slow=100";
        let cut = cut.min(valid.len());
        let hostile = format!("{}{}{}", &valid[..cut], junk, &valid[cut..]);
        match parse_share(&hostile) {
            Ok(s) => prop_assert!(false, "{:?} was accepted as {:?}", hostile, s),
            Err(e) => prop_assert!(e.to_string().len() > 10, "{:?}", e.to_string()),
        }
    }

    #[test]
    fn variations_that_stay_valid_mean_what_their_text_says(cut in 0usize..70, junk in prop::sample::select(vec![",", "%", "&"])) {
        // These can land where the text is still a link: "&" is an empty parameter (ignored),
        // "%20" decodes to a space inside a number's parentheses, and "3,00" splits one duration in two.
        let valid = "t=howdy:sleep(2000),yield*3;race:select(300,700)&mode=micro&slow=100";
        let cut = cut.min(valid.len());
        let varied = format!("{}{}{}", &valid[..cut], junk, &valid[cut..]);
        match parse_share(&varied) {
            Ok(s) => {
                prop_assert_eq!(parse_share(&encode_share(&s)), Ok(s.clone()));
                if junk == "&" {
                    prop_assert_eq!(Ok(s), parse_share(valid));
                } else {
                    prop_assert_ne!(Ok(s), parse_share(valid), "{:?} changed the text but not its meaning", varied);
                }
            }
            Err(e) => prop_assert!(e.to_string().len() > 10, "{:?}", e.to_string()),
        }
    }
}

#[test]
fn hostile_inputs_are_errors() {
    let long = format!("t={}", "a:yield;".repeat(2000));
    let deep = format!("t=a:{}", "(".repeat(10_000));
    let many = format!("t={}", (0..1001).map(|i| format!("t{i}:yield")).collect::<Vec<_>>().join(";"));
    let steps = format!("t=a:{}", vec!["yield"; 65].join(","));
    for text in [
        long.as_str(),
        deep.as_str(),
        many.as_str(),
        steps.as_str(),
        "t=a:sleep(1)&&&&p=seed",
        "javascript:alert(1)",
        "t=%",
        "\u{feff}t=a:yield",
    ] {
        assert!(parse_share(text).is_err(), "{text:.60}");
    }
}
