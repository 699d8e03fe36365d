//! Scenarios in URLs: a short, readable, strictly parsed text form.
//!
//! ```text
//! t=howdy:sleep(2000);race:select(300,700)&mode=micro&slow=0&timers=timeout
//! p=select&mode=manual
//! ```
//!
//! # Ground rules
//!
//! - `t=` lists tasks separated by `;`; a task is `name:steps`, steps separated by `,` (commas
//!   inside parentheses belong to the step). Steps: `sleep(ms)`, `join(ms,...)`,
//!   `select(ms,...)`, `yield`, `spin(ms)`, `lost_waker`; any step may end in `*N` to repeat it.
//! - `p=<preset>` stands for a preset's tasks, so big presets still make short links.
//! - `code=` carries a program (the scenario written as async Rust), as URL-safe base64 of its
//!   UTF-8 text, without padding.
//! - `mode=` is `micro`, `macro`, `frame` or `manual`; `slow=` is 0 to 1000 (ms between polls);
//!   `timers=` is `timeout` or `driver`. Defaults are left out when encoding.
//! - Input is untrusted: at most [`MAX_SHARE_LEN`] bytes, percent-decoded strictly, ASCII only,
//!   every parameter known and given once, every number in range, and the result must pass
//!   [`Scenario::validate`]. Any problem is an error that names it; nothing panics.

use std::fmt;

use super::presets::{preset, PRESETS};
use super::scenario::{Clock, Scenario, Step, TaskSpec, MAX_STEPS};
use crate::core::{RunMode, TimerBackend, MAX_SLOW_MOTION_MS};

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// URL-safe base64 (RFC 4648 §5), without padding.
fn base64url_encode(bytes: &[u8], out: &mut String) {
    for chunk in bytes.chunks(3) {
        let b = [chunk.first().copied().unwrap_or(0), chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
}

/// Decodes URL-safe base64 without padding; a bad character gives its 1-based position.
fn base64url_decode(text: &str) -> Result<Vec<u8>, usize> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for (i, c) in text.bytes().enumerate() {
        let v = B64.iter().position(|&b| b == c).ok_or(i + 1)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A lone 6 bits cannot end a valid text; leftover bits must be zero.
    if bits >= 6 || acc != 0 {
        return Err(text.len());
    }
    Ok(out)
}

/// Longest accepted share text, in bytes (before decoding).
pub const MAX_SHARE_LEN: usize = 8192;

/// Why a share text was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareError(pub String);

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShareError {}

pub(super) fn err<T>(msg: impl Into<String>) -> Result<T, ShareError> {
    Err(ShareError(msg.into()))
}

/// Shows at most 40 characters of untrusted text, with control characters escaped.
pub(super) fn quote(s: &str) -> String {
    let shown: String = s.chars().take(40).flat_map(char::escape_default).collect();
    if s.chars().count() > 40 {
        format!("\"{shown}…\"")
    } else {
        format!("\"{shown}\"")
    }
}

/// Decodes `%XX` escapes into bytes, and `+` into a space where `plus_is_space` (query strings).
/// A malformed escape gives its 1-based position.
pub(super) fn percent_bytes(s: &str, plus_is_space: bool) -> Result<Vec<u8>, usize> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                // Two hex digits, exactly: `from_str_radix` alone would also take "+F".
                let hex = bytes
                    .get(i + 1..i + 3)
                    .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                out.push(hex.ok_or(i + 1)?);
                i += 3;
            }
            b'+' if plus_is_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// Decodes `%XX` escapes. Fails on a malformed escape or on bytes that are not ASCII.
fn percent_decode(s: &str) -> Result<String, ShareError> {
    let out = percent_bytes(s, false).or_else(|at| err(format!("a malformed %-escape at position {at}")))?;
    if let Some(p) = out.iter().position(|b| !b.is_ascii() || b.is_ascii_control()) {
        return err(format!("a character that is not allowed at position {}", p + 1));
    }
    String::from_utf8(out).or_else(|_| err("text that is not valid UTF-8"))
}

fn number(s: &str, what: &str) -> Result<u64, ShareError> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return err(format!("{what}: {} is not a whole number of milliseconds", quote(s)));
    }
    s.parse::<u64>().or_else(|_| err(format!("{what}: {} is larger than 18446744073709551615", quote(s))))
}

/// Splits on `sep` outside parentheses. Fails on unbalanced parentheses.
fn split_top(s: &str, sep: char) -> Result<Vec<&str>, ShareError> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return err(format!("an unmatched ')' in {}", quote(s)));
                }
            }
            c if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return err(format!("an unclosed '(' in {}", quote(s)));
    }
    parts.push(&s[start..]);
    Ok(parts)
}

fn parse_step(text: &str, task: &str) -> Result<(Step, usize), ShareError> {
    let (body, times) = match text.rsplit_once('*') {
        Some((b, n)) if !n.contains(')') => {
            let n = number(n, &format!("task \"{task}\": the repeat count of {}", quote(text)))?;
            if n == 0 || n > MAX_STEPS as u64 {
                return err(format!("task \"{task}\": repeat count {n} is out of range (1 to {MAX_STEPS})"));
            }
            (b, n as usize)
        }
        _ => (text, 1),
    };
    let (word, args) = match body.find('(') {
        Some(i) => {
            let Some(inner) = body[i + 1..].strip_suffix(')') else {
                return err(format!("task \"{task}\": {} should end with ')'", quote(body)));
            };
            if inner.contains('(') || inner.contains(')') {
                return err(format!("task \"{task}\": nested parentheses in {}", quote(body)));
            }
            (&body[..i], Some(inner))
        }
        None => (body, None),
    };
    let ms_list = |inner: &str| -> Result<Vec<u64>, ShareError> {
        inner.split(',').map(|n| number(n.trim(), &format!("task \"{task}\", {word}"))).collect()
    };
    let one = |inner: Option<&str>| -> Result<u64, ShareError> {
        match inner {
            Some(i) => match ms_list(i)?.as_slice() {
                [ms] => Ok(*ms),
                v => err(format!("task \"{task}\": {word} takes one duration, not {}", v.len())),
            },
            None => err(format!("task \"{task}\": {word} needs a duration, as in {word}(1000)")),
        }
    };
    let step = match (word, args) {
        ("sleep", a) => Step::Sleep(one(a)?),
        ("spin", a) => Step::Spin(one(a)?),
        ("join", Some(a)) => Step::Join(ms_list(a)?),
        ("select", Some(a)) => Step::Select(ms_list(a)?),
        ("join" | "select", None) => return err(format!("task \"{task}\": {word} needs durations, as in {word}(300,700)")),
        ("yield", None) => Step::Yield,
        ("lost_waker", None) => Step::LostWaker,
        ("yield" | "lost_waker", Some(_)) => return err(format!("task \"{task}\": {word} takes no arguments")),
        ("", _) => return err(format!("task \"{task}\": an empty step")),
        (w, _) => return err(format!("task \"{task}\": unknown step {} (known: sleep, join, select, yield, spin, lost_waker)", quote(w))),
    };
    Ok((step, times))
}

fn parse_tasks(text: &str) -> Result<Vec<TaskSpec>, ShareError> {
    if text.is_empty() {
        return err("t= is empty: there are no tasks");
    }
    let mut tasks = Vec::new();
    for (i, part) in split_top(text, ';')?.into_iter().enumerate() {
        let Some((name, steps)) = part.split_once(':') else {
            return err(format!("task {} ({}) has no ':' between its name and its steps", i + 1, quote(part)));
        };
        let mut list = Vec::new();
        if !steps.is_empty() {
            for s in split_top(steps, ',')? {
                let (step, times) = parse_step(s, name)?;
                if list.len() + times > MAX_STEPS {
                    return err(format!("task \"{name}\" has more than {MAX_STEPS} steps"));
                }
                list.extend(std::iter::repeat_n(step, times));
            }
        }
        tasks.push(TaskSpec { name: name.to_string(), steps: list });
        if tasks.len() > super::scenario::MAX_TASKS {
            return err(format!("more than {} tasks", super::scenario::MAX_TASKS));
        }
    }
    Ok(tasks)
}

/// Parses a share text (a URL fragment without `#`, or a `postMessage` payload).
///
/// # Examples
///
/// ```
/// use waker_playground::core::RunMode;
/// use waker_playground::play::{parse_share, Step};
/// let s = parse_share("t=howdy:sleep(2000);race:select(300,700)&mode=manual").unwrap();
/// assert_eq!(s.tasks[1].steps, [Step::Select(vec![300, 700])]);
/// assert_eq!(s.mode, RunMode::Manual);
/// assert!(parse_share("t=howdy:slep(2000)").unwrap_err().to_string().contains("unknown step"));
/// ```
pub fn parse_share(text: &str) -> Result<Scenario, ShareError> {
    parse_share_with(text, true)
}

/// [`parse_share`], but a `code=` program that does not check is kept, not refused: a learner's
/// link to code with an error opens in the editor with its error shown, to be fixed or asked
/// about. Everything else is checked as [`parse_share`] checks it.
///
/// ```
/// use waker_playground::play::{parse_share, parse_share_keeping_program};
/// let text = "code=YXN5bmMgZm4gbWFpbigpIHsgbWF0Y2ggeCB7fSB9"; // `async fn main() { match x {} }`
/// assert!(parse_share(text).is_err());
/// assert_eq!(parse_share_keeping_program(text).unwrap().program.as_deref(), Some("async fn main() { match x {} }"));
/// ```
pub fn parse_share_keeping_program(text: &str) -> Result<Scenario, ShareError> {
    parse_share_with(text, false)
}

fn parse_share_with(text: &str, check_program: bool) -> Result<Scenario, ShareError> {
    if text.len() > MAX_SHARE_LEN {
        return err(format!("the link is {} bytes long; the limit is {MAX_SHARE_LEN}", text.len()));
    }
    let text = percent_decode(text.strip_prefix('#').unwrap_or(text))?;
    let mut tasks: Option<Vec<TaskSpec>> = None;
    let mut program: Option<String> = None;
    let mut mode = None;
    let mut slow = None;
    let mut backend = None;
    let mut clock = None;
    for param in text.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = param.split_once('=').unwrap_or((param, ""));
        let dup = || err(format!("{} is given twice", quote(key)));
        match key {
            "t" | "p" | "code" if tasks.is_some() || program.is_some() => {
                return err("give one of t= (tasks), p= (a preset) or code= (a program), once")
            }
            "code" => {
                let bytes = base64url_decode(value).map_err(|at| ShareError(format!("code: not URL-safe base64 at character {at}")))?;
                let text = String::from_utf8(bytes).map_err(|_| ShareError("code: the program is not valid UTF-8".into()))?;
                program = Some(text);
            }
            "t" => tasks = Some(parse_tasks(value)?),
            "p" => match preset(value) {
                Some(p) => {
                    let ps = p.scenario();
                    tasks = Some(ps.tasks);
                    program = ps.program;
                }
                None => return err(format!("there is no preset named {}", quote(value))),
            },
            "mode" if mode.is_some() => return dup(),
            "mode" => match RunMode::from_key(value) {
                Some(m) => mode = Some(m),
                None => return err(format!("unknown run mode {} (known: micro, macro, frame, manual)", quote(value))),
            },
            "slow" if slow.is_some() => return dup(),
            "slow" => {
                let ms = number(value, "slow")?;
                if ms > u64::from(MAX_SLOW_MOTION_MS) {
                    return err(format!("slow={ms} is out of range (0 to {MAX_SLOW_MOTION_MS} ms)"));
                }
                slow = Some(ms as u32);
            }
            "timers" if backend.is_some() => return dup(),
            "timers" => match TimerBackend::from_key(value) {
                Some(b) => backend = Some(b),
                None => return err(format!("unknown timers {} (known: timeout, driver)", quote(value))),
            },
            "clock" if clock.is_some() => return dup(),
            "clock" => match Clock::from_key(value) {
                Some(c) => clock = Some(c),
                None => return err(format!("unknown clock {} (known: real, virtual)", quote(value))),
            },
            other => return err(format!("unknown parameter {} (known: t, p, code, mode, slow, timers, clock)", quote(other))),
        }
    }
    let tasks = match (tasks, &program) {
        (Some(t), _) => t,
        (None, Some(_)) => Vec::new(),
        (None, None) => return err("no tasks: the link needs t=..., p=... or code=..."),
    };
    let d = Scenario::default();
    let s = Scenario {
        tasks,
        clock: clock.unwrap_or(d.clock),
        mode: mode.unwrap_or(d.mode),
        slow_motion_ms: slow.unwrap_or(d.slow_motion_ms),
        backend: backend.unwrap_or(d.backend),
        program,
    };
    if check_program || s.program.is_none() {
        s.validate().map_err(|e| ShareError(e.to_string()))?;
    }
    Ok(s)
}

fn write_step(out: &mut String, step: &Step) {
    let list = |v: &[u64]| v.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    match step {
        Step::Sleep(ms) => out.push_str(&format!("sleep({ms})")),
        Step::Spin(ms) => out.push_str(&format!("spin({ms})")),
        Step::Join(v) => out.push_str(&format!("join({})", list(v))),
        Step::Select(v) => out.push_str(&format!("select({})", list(v))),
        Step::Yield => out.push_str("yield"),
        Step::LostWaker => out.push_str("lost_waker"),
    }
}

/// Encodes a scenario as share text. Parsing the result gives back the same scenario.
///
/// # Examples
///
/// ```
/// use waker_playground::play::{encode_share, parse_share, Scenario, Step, TaskSpec};
/// let s = Scenario { tasks: vec![TaskSpec::new("y", vec![Step::Yield; 10])], ..Scenario::default() };
/// assert_eq!(encode_share(&s), "t=y:yield*10");
/// assert_eq!(parse_share(&encode_share(&s)).unwrap(), s);
/// assert_eq!(encode_share(&Scenario::default()), "p=seed");
/// ```
pub fn encode_share(s: &Scenario) -> String {
    let mut out = String::new();
    // Only presets of the scenario's kind are made to compare: a step-form scenario's link, made
    // before the language's module is there, never reads a program's text.
    match PRESETS.iter().filter(|p| p.is_program() == s.program.is_some()).find(|p| {
        let ps = p.scenario();
        ps.tasks == s.tasks && ps.program == s.program
    }) {
        Some(p) => out.push_str(&format!("p={}", p.id)),
        None if s.program.is_some() => {
            out.push_str("code=");
            base64url_encode(s.program.as_deref().unwrap_or("").as_bytes(), &mut out);
        }
        None => {
            out.push_str("t=");
            for (i, t) in s.tasks.iter().enumerate() {
                if i > 0 {
                    out.push(';');
                }
                out.push_str(&t.name);
                out.push(':');
                let mut j = 0;
                while j < t.steps.len() {
                    let run = t.steps[j..].iter().take_while(|s| **s == t.steps[j]).count();
                    if j > 0 {
                        out.push(',');
                    }
                    write_step(&mut out, &t.steps[j]);
                    if run > 1 {
                        out.push_str(&format!("*{run}"));
                    }
                    j += run;
                }
            }
        }
    }
    let d = Scenario::default();
    if s.mode != d.mode {
        out.push_str(&format!("&mode={}", s.mode.key()));
    }
    if s.slow_motion_ms != d.slow_motion_ms {
        out.push_str(&format!("&slow={}", s.slow_motion_ms));
    }
    if s.backend != d.backend {
        out.push_str(&format!("&timers={}", s.backend.key()));
    }
    if s.clock != d.clock {
        out.push_str(&format!("&clock={}", s.clock.key()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_program_travels_in_the_link_and_comes_back_exactly() {
        for src in ["async fn main() { println!(\"howdy 🦀 & <b>\"); sleep(5).await; }", "async fn main() {}", "async fn main() { }\n"] {
            let s = Scenario { program: Some(src.to_string()), tasks: Vec::new(), ..Scenario::default() };
            let text = encode_share(&s);
            assert!(text.starts_with("code=") && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_=&".contains(&b)), "{text}");
            assert_eq!(parse_share(&text).unwrap(), s);
        }
        for n in 0..40 {
            let bytes: Vec<u8> = (0..n).map(|i| (i * 37 + n) as u8).collect();
            let mut out = String::new();
            base64url_encode(&bytes, &mut out);
            assert_eq!(base64url_decode(&out), Ok(bytes));
        }
    }

    #[test]
    fn a_bad_program_link_names_the_problem() {
        let cases = [
            ("code=a", "not URL-safe base64"),
            ("code=ab+c", "at character 3"),
            ("code=_w", "not valid UTF-8"),
            ("code=YXN5bmMgZm4gbWFpbigpIHsgbWF0Y2ggeCB7fSB9", "1:25: cannot find value `x` in this scope"),
            ("code=YXN5bmMgZm4gbWFpbigpIHt9&p=seed", "give one of"),
        ];
        for (text, want) in cases {
            let e = parse_share(text).unwrap_err().to_string();
            assert!(e.contains(want), "{text}: {e}");
        }
    }

    use super::*;

    #[test]
    fn the_documented_example_parses() {
        let s = parse_share("t=howdy:sleep(2000);race:select(300,700)&mode=micro").unwrap();
        assert_eq!(s.tasks.len(), 2);
        assert_eq!(s.tasks[0], TaskSpec::new("howdy", vec![Step::Sleep(2000)]));
        assert_eq!(encode_share(&s), "t=howdy:sleep(2000);race:select(300,700)");
    }

    #[test]
    fn errors_name_the_problem() {
        let cases = [
            ("", "no tasks"),
            ("t=", "no tasks"),
            ("t=a", "no ':'"),
            ("t=a:sleep(1)&t=b:yield", "once"),
            ("t=a:sleep(1)&mode=turbo", "unknown run mode"),
            ("t=a:sleep(1)&slow=5000", "out of range"),
            ("t=a:sleep(1)&x=1", "unknown parameter"),
            ("t=a:sleep(-1)", "not a whole number"),
            ("t=a:sleep(1.5)", "not a whole number"),
            ("t=a:sleep(99999999999999999999999)", "larger than"),
            ("t=a:sleep(1", "unclosed"),
            ("t=a:sleep)1(", "unmatched"),
            ("t=a:sleep", "needs a duration"),
            ("t=a:join()", "not a whole number"),
            ("t=a:yield(3)", "no arguments"),
            ("t=a:yield*0", "out of range"),
            ("t=a:yield*65", "out of range"),
            ("t=<b>:yield", "not allowed"),
            ("t=a:yield;a:yield", "two tasks"),
            ("p=nope", "no preset"),
            ("t=a:sleep(1)%zz", "malformed"),
            ("t=a:sleep(1)%00", "not allowed"),
            ("t=a:s%C3%A9", "not allowed"),
            ("t=a:yield%+F", "malformed"),
        ];
        for (text, needle) in cases {
            let e = parse_share(text).expect_err(text).to_string();
            assert!(e.contains(needle), "{text:?}: {e}");
        }
        assert!(parse_share(&"t=a:yield".repeat(2000)).unwrap_err().to_string().contains("limit"));
    }

    #[test]
    fn presets_make_short_links() {
        for p in PRESETS {
            let link = encode_share(&p.scenario());
            assert!(link.len() < 40, "{link}");
            assert_eq!(parse_share(&link).unwrap(), p.scenario());
        }
    }

    #[test]
    fn percent_encoded_links_decode() {
        let s = parse_share("t%3Da%3Asleep%285%29").unwrap();
        assert_eq!(s.tasks[0].steps, [Step::Sleep(5)]);
        assert_eq!(parse_share("#p=seed").unwrap(), Scenario::default());
    }
}

/// What a parent page may ask an embedded playground to do (see the README for the message shapes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParentCommand {
    /// Subscribe to events; the reply is `ready`.
    Hello,
    /// Run (or resume).
    Run,
    /// Pause.
    Pause,
    /// Poll one task.
    Step,
    /// Drop the run.
    Reset,
    /// Replace the scenario (share text, as after `#` in a link).
    Load(Scenario),
}

/// The documented `type` of every message, both ways.
pub const MESSAGE_TYPE: &str = "waker-playground";

/// Validates a message's fields (already read out of the JS object by the browser glue).
///
/// `keys` are all the keys the object had; any key beyond `type`, `action` and `scenario` makes
/// the message invalid, as does a missing or wrong field.
///
/// # Examples
///
/// ```
/// use waker_playground::play::{parse_command, ParentCommand};
/// assert_eq!(parse_command(&["type", "action"], Some("waker-playground"), Some("run"), None), Ok(ParentCommand::Run));
/// assert!(parse_command(&["type", "action", "extra"], Some("waker-playground"), Some("run"), None).is_err());
/// assert!(parse_command(&["type", "action"], Some("other"), Some("run"), None).is_err());
/// ```
pub fn parse_command(keys: &[&str], kind: Option<&str>, action: Option<&str>, scenario: Option<&str>) -> Result<ParentCommand, ShareError> {
    if let Some(k) = keys.iter().find(|k| !matches!(**k, "type" | "action" | "scenario")) {
        return err(format!("unexpected key {}", quote(k)));
    }
    if kind != Some(MESSAGE_TYPE) {
        return err("type is not \"waker-playground\"");
    }
    let cmd = match action {
        Some("hello") => ParentCommand::Hello,
        Some("run") => ParentCommand::Run,
        Some("pause") => ParentCommand::Pause,
        Some("step") => ParentCommand::Step,
        Some("reset") => ParentCommand::Reset,
        Some("load") => match scenario {
            Some(text) => return parse_share(text).map(ParentCommand::Load),
            None => return err("load needs a scenario string"),
        },
        Some(a) => return err(format!("unknown action {}", quote(a))),
        None => return err("no action"),
    };
    if scenario.is_some() {
        return err("only load takes a scenario");
    }
    Ok(cmd)
}
