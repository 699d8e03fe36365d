//! Splits the playground's wasm (wasm-bindgen's output, function names kept) in two modules:
//!
//! - the **primary**, which the page loads: every function but the split ones, and in place of
//!   each split function a stub of the same type. A stub looks its function up in a table of its
//!   own (`__lazy_table`); if the slot is still empty it first calls the loader, a JS import the
//!   app declares (the one function the app's `__lazy_keep` export calls), and then calls through
//!   the slot. Every caller, direct or through a function pointer, reaches the stub.
//! - the **secondary**: the split functions' bodies and nothing else. It imports the primary's
//!   memory, globals and tables, and every function of the primary a split function calls, all
//!   from the namespace `primary` (the primary exports them: its functions through a table,
//!   `__lazy_calls`). Instantiating it writes its
//!   functions into `__lazy_table`, and into the primary's function table where a function
//!   pointer to a split function was (so that calls through pointers go straight to the body).
//!   It has no globals and no memory of its own, and its only data is text that only split
//!   functions use, moved out of the primary's read-only data to where it was (see
//!   `text_to_move`): it can be instantiated at any time, and twice would do no harm.
//!
//! Which functions stay is a profile: `primary.txt` beside this file lists, one per line, the
//! functions that the page runs before it has asked for the secondary (an embed loaded, its
//! preset run; `make lazy-profile` records them from an instrumented build in Chromium). A
//! function stays in the primary if its name is in the list, if it is exported or the start
//! function, or if it is so small that a stub would save nothing; every other function goes. Names
//! are compared without the hashes rustc appends (`::h0123…`, `core[0123…]`), so the list
//! outlives small changes to the code; a function new since the profile goes to the secondary,
//! and if the page does run it early, the stub loads the secondary there (correct, only slower:
//! a Playwright test catches it for an embed's first run).
//!
//! Usage:
//! - `lazy-split IN.wasm PRIMARY.wasm SECONDARY.wasm --keep-file primary.txt`
//! - `lazy-split --instrument IN.wasm OUT.wasm`: each local function sets its own exported global
//!   (`hit<index>`) when entered, for recording a profile.
//! - `lazy-split --names IN.wasm HITS.txt OUT.txt`: the names of the functions whose indices
//!   HITS.txt lists, as the keep file wants them.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use walrus::ir::{self, dfs_in_order, dfs_pre_order_mut, Visitor, VisitorMut};
use walrus::{
    ConstExpr, DataId, ElementId, ElementItems, ElementKind, ExportItem, FunctionBuilder, FunctionId, FunctionKind, GlobalId, GlobalKind,
    ImportKind, LocalId, MemoryId, Module, ModuleConfig, RefType, TableId,
};

/// The namespace the secondary imports the primary's exports from.
const PRIMARY: &str = "primary";
/// The export that names the loader: the one imported function its body calls.
const KEEP_EXPORT: &str = "__lazy_keep";
/// The primary's table of split functions, filled by the secondary.
const LAZY_TABLE: &str = "__lazy_table";
/// The primary's table of the functions the secondary calls.
const CALLS_TABLE: &str = "__lazy_calls";

struct Args {
    input: String,
    primary: String,
    secondary: String,
    keep: HashSet<String>,
}

fn args(all: &[String]) -> Result<Args> {
    match all {
        [input, primary, secondary, flag, file] if flag == "--keep-file" => {
            let text = std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?;
            let keep = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect();
            Ok(Args { input: input.clone(), primary: primary.clone(), secondary: secondary.clone(), keep })
        }
        _ => bail!("usage: lazy-split IN.wasm PRIMARY.wasm SECONDARY.wasm --keep-file FILE | --instrument IN OUT | --names IN HITS OUT"),
    }
}

/// Modules whose functions all stay, whatever the profile says: what reads the page's link and
/// starts it (any link's parameters, not only the profiled ones), and the loader's own code.
const ALWAYS: &[&str] = &[
    "waker_playground::web::embed::",
    "waker_playground::web::lazy::",
    "waker_playground::play::share::",
    "waker_playground::play::presets::",
    "waker_playground::play::embed::",
    "waker_playground::play::input::",
];

/// Functions this small (in instructions) stay: the stub would be about as large.
const MIN_SPLIT: u64 = 12;

/// A function's name without the hashes rustc puts in it: `…::h0123456789abcdef` at the end,
/// and the crates' disambiguators (`core[0123456789abcdef]`).
fn stable_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let bytes = name.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |from: usize| from + 16 <= bytes.len() && bytes[from..from + 16].iter().all(u8::is_ascii_hexdigit);
        // A crate disambiguator: 5 to 16 hex digits in brackets (not a slice type like `[u8]`).
        let digits = bytes[i + 1..].iter().take_while(|b| b.is_ascii_hexdigit()).count();
        if bytes[i] == b'[' && (5..=16).contains(&digits) && bytes.get(i + 1 + digits) == Some(&b']') {
            i += digits + 2;
        } else if name[i..].starts_with("::h") && hex(i + 3) && i + 19 == bytes.len() {
            break;
        } else {
            let c = name[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    // What the toolchain appends to tell apart local copies of one name (`alloc_impl_runtime.635`,
    // `finish_grow[2]`): numbers that shift with any change elsewhere.
    let trailing_digits = |s: &str| s.bytes().rev().take_while(u8::is_ascii_digit).count();
    loop {
        let n = trailing_digits(&out);
        if n > 0 && out[..out.len() - n].ends_with('.') {
            out.truncate(out.len() - n - 1);
            continue;
        }
        if let Some(inner) = out.strip_suffix(']') {
            let n = trailing_digits(inner);
            if n > 0 && inner[..inner.len() - n].ends_with('[') {
                out.truncate(inner.len() - n - 1);
                continue;
            }
        }
        break;
    }
    out
}

/// The runtime's own functions, which stay whatever the profile says: the allocator, the memory
/// intrinsics and the glue's externref table, which run before the app has handed its exports
/// to the loader (a stub there could not load anything), and from then on everywhere; and
/// wasm-bindgen's adapters (`Closure(…) -> Externref externref shim`), whose names number them in
/// the order the glue made them, which any new closure shifts.
fn runtime(name: &str) -> bool {
    if name.ends_with(" shim") || name.starts_with("Closure(") || name.contains(") -> ") {
        return true;
    }
    const PARTS: &[&str] = &["alloc::alloc::", "dlmalloc", "raw_vec::", "__externref", "wasm_bindgen::externref", "wasm_bindgen::__rt"];
    const INTRINSICS: &[&str] = &["memcpy", "memmove", "memset", "memcmp", "bcmp"];
    !name.contains("waker_playground") && (PARTS.iter().any(|p| name.contains(p)) || INTRINSICS.contains(&name))
}

/// `--names IN HITS OUT`: the stable names of the functions HITS lists by index, sorted.
/// Fails if the module (the whole app, names kept) formats floats with the standard library:
/// `{}`, `{:?}` or `{:.3}` of an `f64` pulls in `core::num::flt2dec` and its tables, about 10 KB
/// of wasm (7.5 KB of gzip) for what `core::Fixed` does in integers. The size budget cannot spare
/// it, and nothing else would notice it come back (it did, twice).
/// The standard library's float formatting (10 KB of wasm) is the language's (`{}` of a learner's
/// `f64`), never the page's: none of its functions that the split would move may be kept in the
/// first module by the profile (`keep`), so an embed never loads it before its first Run.
fn no_float_formatting(input: &str, keep_file: &str) -> Result<()> {
    let m = parse(&std::fs::read(input).with_context(|| format!("reading {input}"))?)?;
    if m.funcs.iter().filter(|f| f.name.is_some()).count() * 2 < m.funcs.iter().count() {
        bail!("{input} has no function names: give the module as wasm-bindgen writes it");
    }
    let text = std::fs::read_to_string(keep_file).with_context(|| format!("reading {keep_file}"))?;
    let keep: HashSet<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    let float = |n: &str| {
        n.contains("::num::flt2dec::")
            || ["f64 as core", "f32 as core"]
                .iter()
                .any(|t| n.contains(t) && (n.contains("::fmt::Display>") || n.contains("::fmt::Debug>")))
    };
    let movable = |f: &walrus::Function| matches!(&f.kind, FunctionKind::Local(l) if l.size() >= MIN_SPLIT);
    let all: Vec<String> =
        m.funcs.iter().filter(|f| movable(f)).filter_map(|f| f.name.as_deref()).filter(|n| float(n)).map(stable_name).collect();
    let kept: BTreeSet<&String> = all.iter().filter(|n| keep.contains(n.as_str()) || ALWAYS.iter().any(|a| n.contains(a))).collect();
    if !kept.is_empty() {
        bail!(
            "the page's first module formats floats with the standard library ({}): the page should write them with core::Fixed; find the caller with twiggy on this file",
            kept.into_iter().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    println!(
        "lazy-split: {input}'s first module formats no float with the standard library ({} such functions, all in the second)",
        all.len()
    );
    Ok(())
}

fn names(input: &str, hits: &str, output: &str) -> Result<()> {
    let m = parse(&std::fs::read(input)?)?;
    let hit: HashSet<usize> = std::fs::read_to_string(hits)?.split_whitespace().map(str::parse).collect::<Result<_, _>>()?;
    let names: BTreeSet<String> =
        m.funcs.iter().filter(|f| hit.contains(&f.id().index())).filter_map(|f| f.name.as_deref().map(stable_name)).collect();
    let mut text = String::from(
        "# Functions the page runs before it loads the secondary module: see tools/lazy-split.\n# Written by `make lazy-profile`.\n",
    );
    for n in &names {
        text.push_str(n);
        text.push('\n');
    }
    std::fs::write(output, text)?;
    eprintln!("lazy-split: {} functions entered, {} names", hit.len(), names.len());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lazy-split: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// What a set of function bodies calls, and the segments it uses. (The secondary imports every
/// global, memory and table of the primary, so those are not collected.)
#[derive(Default)]
struct Uses {
    funcs: HashSet<FunctionId>,
    data: HashSet<DataId>,
    elements: HashSet<ElementId>,
}

impl<'a> Visitor<'a> for Uses {
    fn visit_function_id(&mut self, f: &FunctionId) {
        self.funcs.insert(*f);
    }
    fn visit_data_id(&mut self, d: &DataId) {
        self.data.insert(*d);
    }
    fn visit_element_id(&mut self, e: &ElementId) {
        self.elements.insert(*e);
    }
}

/// Points calls at other functions.
struct Remap<'a>(&'a HashMap<FunctionId, FunctionId>);

impl VisitorMut for Remap<'_> {
    fn visit_function_id_mut(&mut self, f: &mut FunctionId) {
        if let Some(to) = self.0.get(f) {
            *f = *to;
        }
    }
}

fn parse(bytes: &[u8]) -> Result<Module> {
    ModuleConfig::new().parse(bytes).context("reading the wasm")
}

/// Ids are per module: the three parses of one file give the same items the same indices.
fn funcs_by_index(m: &Module) -> HashMap<usize, FunctionId> {
    m.funcs.iter().map(|f| (f.id().index(), f.id())).collect()
}

fn local(m: &Module, f: FunctionId) -> Option<&walrus::LocalFunction> {
    match &m.funcs.get(f).kind {
        FunctionKind::Local(l) => Some(l),
        _ => None,
    }
}

fn uses_of(m: &Module, funcs: &[FunctionId]) -> Uses {
    let mut uses = Uses::default();
    for &f in funcs {
        if let Some(l) = local(m, f) {
            dfs_in_order(&mut uses, l, l.entry_block());
        }
    }
    uses
}

/// The addresses a set of function bodies names: every 32-bit word of a constant (an `i32.const`;
/// both halves of an `i64.const`, which LLVM makes of two adjacent stores, a `&str`'s pointer and
/// length; the four of a `v128.const`), and every constant offset of a memory access. Some are
/// numbers and not addresses; taking them all is the safe side.
///
/// `lengths` keeps, for each address, the constants that come right after it: an `i32.const`
/// followed by another in the same sequence of instructions (a `&str` handed to a call: its
/// pointer, then its length), and the high half of an `i64.const` for its low half. Most are no
/// lengths at all; [`text_to_move`] trusts them only where every one given for an address is
/// the same and ends a string exactly at the next address anything names, and only for an
/// address that `bare` does not hold: an `i32.const` followed by anything else (a pointer kept
/// for later, a loop's start) or last in its sequence, an `i64.const`'s high half, a
/// `v128.const`'s words.
#[derive(Default)]
struct Addresses {
    consts: BTreeSet<u32>,
    offsets: BTreeSet<u32>,
    lengths: BTreeMap<u32, BTreeSet<u32>>,
    bare: BTreeSet<u32>,
    /// The last instruction's constant, if it was an `i32.const`.
    last: Option<u32>,
}

impl Addresses {
    /// The sequence of instructions ends (or another starts): a constant last in it is bare.
    fn cut(&mut self) {
        if let Some(a) = self.last.take() {
            self.bare.insert(a);
        }
    }
}

impl<'a> Visitor<'a> for Addresses {
    fn start_instr_seq(&mut self, _: &'a ir::InstrSeq) {
        self.cut();
    }

    fn end_instr_seq(&mut self, _: &'a ir::InstrSeq) {
        self.cut();
    }

    fn visit_instr(&mut self, instr: &'a ir::Instr, _: &'a ir::InstrLocId) {
        let last = self.last.take();
        if let (Some(a), false) = (last, matches!(instr, ir::Instr::Const(ir::Const { value: ir::Value::I32(_) }))) {
            self.bare.insert(a);
        }
        let offset = match instr {
            ir::Instr::Const(ir::Const { value }) => {
                match *value {
                    ir::Value::I32(v) => {
                        self.consts.insert(v as u32);
                        if let Some(a) = last {
                            self.lengths.entry(a).or_default().insert(v as u32);
                        }
                        self.last = Some(v as u32);
                    }
                    ir::Value::I64(v) => {
                        let (low, high) = (v as u64 as u32, ((v as u64) >> 32) as u32);
                        self.consts.extend([low, high]);
                        // The low half a `&str`'s pointer, the high half its length; or the
                        // high half a pointer of its own, with no length.
                        self.lengths.entry(low).or_default().insert(high);
                        self.bare.insert(high);
                    }
                    ir::Value::V128(v) => {
                        let words = (0..4).map(|i| (v >> (32 * i)) as u32);
                        self.consts.extend(words.clone());
                        self.bare.extend(words);
                    }
                    ir::Value::F32(_) | ir::Value::F64(_) => {}
                }
                return;
            }
            ir::Instr::Load(ir::Load { arg, .. })
            | ir::Instr::Store(ir::Store { arg, .. })
            | ir::Instr::AtomicRmw(ir::AtomicRmw { arg, .. })
            | ir::Instr::Cmpxchg(ir::Cmpxchg { arg, .. })
            | ir::Instr::AtomicNotify(ir::AtomicNotify { arg, .. })
            | ir::Instr::AtomicWait(ir::AtomicWait { arg, .. })
            | ir::Instr::LoadSimd(ir::LoadSimd { arg, .. }) => arg.offset,
            _ => return,
        };
        if let Ok(a) = u32::try_from(offset) {
            self.offsets.insert(a);
        }
    }
}

fn addresses_of(m: &Module, funcs: &[FunctionId]) -> Addresses {
    let mut a = Addresses::default();
    for &f in funcs {
        if let Some(l) = local(m, f) {
            dfs_in_order(&mut a, l, l.entry_block());
        }
    }
    a
}

/// How far past a constant offset of a kept function's memory access its reads may go unnamed:
/// LLVM folds an index's constant part into the offset (`TABLE[c - b'0']` reads at
/// `offset=TABLE-48`), so the table itself is never named.
const OFFSET_REACH: u32 = 256;

/// The shortest text worth moving: four bytes, which no pointer or small number of the data can be
/// (each has a zero byte in any four).
const MIN_TEXT: usize = 4;

/// The longest start of `bytes` that is text: UTF-8 without control characters but line breaks
/// and tabs. Never a pointer, a length or a small number (their zero bytes are control
/// characters).
fn text_prefix(bytes: &[u8]) -> &[u8] {
    let valid = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
    };
    let end = valid.find(|c: char| c.is_control() && !matches!(c, '\n' | '\t' | '\r')).unwrap_or(valid.len());
    &bytes[..end]
}

/// The length of the `format_args!` template that `bytes` starts with, its end byte included, if
/// it is one whole: rustc 1.9x encodes a format string with placeholders as a byte sequence (see
/// `core::fmt::Arguments`): literal pieces after their length (a byte under 0x80, or 0x80 and a
/// 16-bit length over 127), placeholders (a byte of 0xC0 or above, then the fields its low four
/// bits say are present: flags, width, precision, argument), and a zero byte at the end. Not text
/// (its length bytes are control characters), but exactly delimited: a split function formats
/// with it, and reads no byte past its end.
///
/// Numbers and pointers must not pass for one (a placeholder byte and a zero later would do it):
/// so there must be a placeholder, every literal piece must be text ([`text_prefix`] whole), at
/// least [`MIN_TEXT`] bytes of them in all, the flags must be flags (bit 31 clear, a `char` as the
/// fill), and a width or precision taken from an argument must have its field.
fn template_len(bytes: &[u8]) -> Option<usize> {
    let u16_at = |i: usize| Some(u16::from_le_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
    let (mut i, mut placeholders, mut text) = (0, 0, 0);
    loop {
        let n = *bytes.get(i)?;
        i += 1;
        let literal = match n {
            0 => return (placeholders > 0 && text >= MIN_TEXT).then_some(i),
            1..=0x7f => usize::from(n),
            0x80 => {
                let len = usize::from(u16_at(i)?);
                i += 2;
                if len < 0x80 {
                    return None;
                }
                len
            }
            0x81..=0xbf => return None,
            _ => {
                if (n & 0x10 != 0 && n & 2 == 0) || (n & 0x20 != 0 && n & 4 == 0) {
                    return None;
                }
                if n & 1 != 0 {
                    let flags = u32::from(u16_at(i)?) | (u32::from(u16_at(i + 2)?) << 16);
                    if flags >> 31 != 0 || char::from_u32(flags & 0x1f_ffff).is_none() {
                        return None;
                    }
                    i += 4;
                }
                i += usize::from(n & 2 != 0) * 2 + usize::from(n & 4 != 0) * 2 + usize::from(n & 8 != 0) * 2;
                placeholders += 1;
                0
            }
        };
        let piece = bytes.get(i..i + literal)?;
        if text_prefix(piece).len() != literal {
            return None;
        }
        text += literal;
        i += literal;
    }
}

/// Text that only split functions use, which the secondary can bring: pieces of the read-only
/// data segment (`.rodata`, so named by the linker), as `(address, bytes)`.
///
/// The segment is cut at every address that any code names ([`Addresses`]), at every aligned
/// word of any data segment that points into a segment, and at every global's initial value. A
/// piece runs from one cut to the next. Rust's string literals are such pieces, named by their
/// first byte; so are `format_args!`'s templates ([`template_len`]). A piece moves, a whole
/// template that starts it or as far as its start is text ([`text_prefix`]), at least
/// [`MIN_TEXT`] bytes, when split functions name its first byte and:
/// - no kept function, data word or global names it;
/// - no kept read may run on into it: the piece before is not one a kept function names (of
///   which mostly only the start is known: a string whose end a split function names, a static
///   whose field it names), nor, through pieces of nothing but text, after one. A kept piece's
///   read surely ends at its end, and runs on into nothing, when it is a string whose length
///   kept functions give right after its pointer wherever they name it ([`Addresses`]), always
///   exactly the piece's, or a panic's `Location` ([`is_location`]);
/// - no kept memory access has a constant offset up to [`OFFSET_REACH`] bytes before it.
///
/// What is left is a kept function reaching text it never names from further away (an index into
/// a table of text, with its base more than `OFFSET_REACH` before the table): the Playwright tests
/// of an embed run without the secondary, and would show zero bytes where text is.
fn text_to_move(m: &Module, kept: &[FunctionId], split: &[FunctionId]) -> Vec<(u32, Vec<u8>)> {
    let segments: Vec<(u32, &walrus::Data)> = m
        .data
        .iter()
        .filter_map(|d| match d.kind {
            walrus::DataKind::Active { offset: ConstExpr::Value(ir::Value::I32(at)), .. } => Some((at as u32, d)),
            _ => None,
        })
        .collect();
    let inside = |a: u32| segments.iter().any(|(at, d)| a >= *at && ((a - at) as usize) < d.value.len());
    let kept = addresses_of(m, kept);
    // What data words and globals point at: read by whoever loads the pointer, for as long as
    // the code does not say.
    let mut pointed: BTreeSet<u32> = BTreeSet::new();
    for g in m.globals.iter() {
        if let GlobalKind::Local(ConstExpr::Value(ir::Value::I32(v))) = g.kind {
            pointed.insert(v as u32);
        }
    }
    for (at, d) in &segments {
        let skip = (4 - at % 4) % 4;
        for w in d.value.get(skip as usize..).unwrap_or(&[]).chunks_exact(4) {
            let v = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            if inside(v) {
                pointed.insert(v);
            }
        }
    }
    let pinned: BTreeSet<u32> = kept.consts.iter().chain(&kept.offsets).chain(&pointed).copied().collect();
    let wanted = addresses_of(m, split);
    let wanted: BTreeSet<u32> = wanted.consts.union(&wanted.offsets).copied().collect();
    let read = |a: u32, len: u32| {
        segments.iter().find_map(|(at, d)| {
            let from = a.checked_sub(*at)? as usize;
            d.value.get(from..from.checked_add(len as usize)?)
        })
    };
    let reached = |a: u32| kept.offsets.range(a.saturating_sub(OFFSET_REACH - 1)..=a).next().is_some();
    // Where a kept read of the piece [a, b) surely ends at b: a string whose length a kept
    // function gives right after its pointer, exactly b - a, every time it names it (no other
    // constant after it, no bare name, no pointer to it in the data, no offset near it); or a
    // panic's `Location`, whose 16 bytes a panic reads and no more.
    let ends_at = |a: u32, b: u32, bytes: &[u8]| {
        let string = text_prefix(bytes).len() == bytes.len()
            && !kept.bare.contains(&a)
            && !pointed.contains(&a)
            && !reached(a)
            && kept.lengths.get(&a).is_some_and(|ls| ls.iter().all(|&l| l == b - a));
        string || is_location(bytes, read)
    };
    let mut out: Vec<(u32, Vec<u8>)> = Vec::new();
    for (at, d) in &segments {
        if d.name.as_deref() != Some(".rodata") {
            continue;
        }
        let end = at + d.value.len() as u32;
        let cuts: Vec<u32> =
            pinned.range(at..&end).chain(wanted.range(at..&end)).copied().collect::<BTreeSet<u32>>().into_iter().chain([end]).collect();
        // Whether a kept function's read may run on into this piece: a piece it names may be
        // longer than the next cut (a string whose end a split function names), and so on
        // through the pieces of text after it.
        let mut may_run_on = false;
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let bytes = &d.value[(a - at) as usize..(b - at) as usize];
            let text = text_prefix(bytes);
            let kept_here = pinned.contains(&a);
            let run_into = may_run_on;
            // A kept read that may run on goes on through text, and stops at anything else: as
            // before templates moved, a string is taken to have no control characters but line
            // breaks and tabs (a template's length bytes are control characters).
            may_run_on = (kept_here && !ends_at(a, b, bytes)) || (run_into && text.len() == bytes.len());
            let moving = template_len(bytes).map_or(text, |n| &bytes[..n]);
            if wanted.contains(&a) && !kept_here && !run_into && !reached(a) && moving.len() >= MIN_TEXT {
                match out.last_mut() {
                    Some((start, run)) if *start + run.len() as u32 == a => run.extend_from_slice(moving),
                    _ => out.push((a, moving.to_vec())),
                }
            }
        }
    }
    out
}

/// Whether `bytes` is a `core::panic::Location`: the pointer and the length of a source file's
/// path (text ending in `.rs`, which `read(address, length)` finds in the data), a line and a
/// column, 16 bytes in all.
fn is_location<'a>(bytes: &[u8], read: impl Fn(u32, u32) -> Option<&'a [u8]>) -> bool {
    let Ok(words) = <[u8; 16]>::try_from(bytes) else { return false };
    let word = |i: usize| u32::from_le_bytes([words[4 * i], words[4 * i + 1], words[4 * i + 2], words[4 * i + 3]]);
    let (path, len, line, column) = (word(0), word(1), word(2), word(3));
    (1..=4096).contains(&len)
        && (1..1 << 24).contains(&line)
        && (1..1 << 16).contains(&column)
        && read(path, len).is_some_and(|p| text_prefix(p).len() == p.len() && p.ends_with(b".rs"))
}

/// The loader: the one imported function that the `__lazy_keep` export calls.
fn loader(m: &Module) -> Result<FunctionId> {
    let keep = m
        .exports
        .iter()
        .find_map(|e| match e.item {
            ExportItem::Function(f) if e.name == KEEP_EXPORT => Some(f),
            _ => None,
        })
        .with_context(|| format!("the module exports no `{KEEP_EXPORT}` (the app's declaration of the loader)"))?;
    let called: Vec<FunctionId> =
        uses_of(m, &[keep]).funcs.into_iter().filter(|f| matches!(m.funcs.get(*f).kind, FunctionKind::Import(_))).collect();
    match called[..] {
        [f] => Ok(f),
        _ => bail!("`{KEEP_EXPORT}` should call exactly one imported function (the loader); it calls {}", called.len()),
    }
}

/// `lazy-split --instrument IN.wasm OUT.wasm`: every local function sets a global of its own when
/// first entered (`hit<index>`, exported), for finding by hand which functions a use of the page
/// runs. Not part of the build.
fn instrument(input: &str, output: &str) -> Result<()> {
    let mut m = parse(&std::fs::read(input)?)?;
    let funcs: Vec<FunctionId> = m.funcs.iter().filter(|f| matches!(f.kind, FunctionKind::Local(_))).map(|f| f.id()).collect();
    for f in funcs {
        let g = m.globals.add_local(walrus::ValType::I32, true, false, ConstExpr::Value(ir::Value::I32(0)));
        m.exports.add(&format!("hit{}", f.index()), g);
        if let FunctionKind::Local(l) = &mut m.funcs.get_mut(f).kind {
            let mut body = l.builder_mut().func_body();
            body.instr_at(0, ir::Const { value: ir::Value::I32(1) });
            body.instr_at(1, ir::GlobalSet { global: g });
        }
    }
    std::fs::write(output, m.emit_wasm())?;
    Ok(())
}

/// A function of type `ty` that calls slot `slot` of `table` with its arguments and returns
/// what that returns; with `load`, it first calls `load` if the slot is empty (a stub).
fn forwarder(m: &mut Module, ty: walrus::TypeId, table: TableId, slot: usize, load: Option<FunctionId>) -> walrus::LocalFunction {
    let (params, results) = {
        let t = m.types.get(ty);
        (t.params().to_vec(), t.results().to_vec())
    };
    let mut b = FunctionBuilder::new(&mut m.types, &params, &results);
    let locals: Vec<LocalId> = params.iter().map(|t| m.locals.add(*t)).collect();
    {
        let mut body = b.func_body();
        if let Some(load) = load {
            body.i32_const(slot as i32).table_get(table).ref_is_null().if_else(
                None,
                |then| {
                    then.call(load);
                },
                |_| {},
            );
        }
        for l in &locals {
            body.local_get(*l);
        }
        body.i32_const(slot as i32).call_indirect(ty, table);
    }
    b.local_func(locals)
}

fn run() -> Result<()> {
    let all: Vec<String> = std::env::args().skip(1).collect();
    match &all[..] {
        [flag, input, output] if flag == "--instrument" => return instrument(input, output),
        [flag, input, hits, output] if flag == "--names" => return names(input, hits, output),
        [flag, input, keep] if flag == "--no-float-formatting" => return no_float_formatting(input, keep),
        _ => {}
    }
    let args = args(&all)?;
    let bytes = std::fs::read(&args.input).with_context(|| format!("reading {}", args.input))?;
    let m = parse(&bytes)?;

    let exported: HashSet<FunctionId> = m
        .exports
        .iter()
        .filter_map(|e| match e.item {
            ExportItem::Function(f) => Some(f),
            _ => None,
        })
        .collect();
    let loader = loader(&m)?;
    let named = m.funcs.iter().filter(|f| f.name.is_some()).count();
    if named * 2 < m.funcs.iter().count() {
        bail!("the module has no function names (run before wasm-opt, on wasm-bindgen's output)");
    }
    let split: Vec<FunctionId> = m
        .funcs
        .iter()
        .filter(|f| matches!(f.kind, FunctionKind::Local(_)) && !exported.contains(&f.id()) && m.start != Some(f.id()))
        .filter(|f| match &f.kind {
            FunctionKind::Local(l) => {
                let name = stable_name(f.name.as_deref().unwrap_or(""));
                l.size() >= MIN_SPLIT && !args.keep.contains(&name) && !ALWAYS.iter().any(|m| name.contains(m)) && !runtime(&name)
            }
            _ => false,
        })
        .map(|f| f.id())
        .collect();
    if split.is_empty() {
        bail!("every function is in the keep file: nothing to split");
    }
    let in_split: HashSet<FunctionId> = split.iter().copied().collect();
    let uses = uses_of(&m, &split);
    let kept: Vec<FunctionId> = m.funcs.iter().map(|f| f.id()).filter(|f| !in_split.contains(f)).collect();
    let text = text_to_move(&m, &kept, &split);
    if !uses.data.is_empty() || !uses.elements.is_empty() {
        bail!("a split function uses a data or element segment (memory.init, table.init): not supported");
    }
    // What the secondary takes from the primary, by index (sorted, for a stable output).
    let needed: BTreeSet<usize> = uses.funcs.iter().filter(|f| !in_split.contains(f)).map(|f| f.index()).collect();
    let globals: BTreeSet<usize> = m.globals.iter().map(|g| g.id().index()).collect();
    let memories: BTreeSet<usize> = m.memories.iter().map(|x| x.id().index()).collect();
    let tables: BTreeSet<usize> = m.tables.iter().map(|t| t.id().index()).collect();
    let split_index: Vec<usize> = split.iter().map(|f| f.index()).collect();
    let n = split.len() as u64;

    // Function pointers to split functions: (table, slot) of each, from the constant-offset
    // active segments, so that the secondary writes the body where the pointer leads.
    let mut pointers: Vec<(usize, u64, usize)> = Vec::new();
    for e in m.elements.iter() {
        if let (ElementKind::Active { table, offset: ConstExpr::Value(ir::Value::I32(at)) }, ElementItems::Functions(fs)) =
            (&e.kind, &e.items)
        {
            for (i, f) in fs.iter().enumerate() {
                if in_split.contains(f) {
                    pointers.push((table.index(), *at as u64 + i as u64, f.index()));
                }
            }
        }
    }

    // The primary: stubs in place of the split functions.
    let mut p = parse(&bytes)?;
    let pf = funcs_by_index(&p);
    let lazy = p.tables.add_local(false, n, Some(n), RefType::FUNCREF);
    p.exports.add(LAZY_TABLE, lazy);
    let loader_p = pf[&loader.index()];
    for (k, i) in split_index.iter().enumerate() {
        let f = pf[i];
        let ty = p.funcs.get(f).ty();
        p.funcs.get_mut(f).kind = FunctionKind::Local(forwarder(&mut p, ty, lazy, k, Some(loader_p)));
    }
    // What the secondary calls in the primary, in a table of its own rather than as exports:
    // every exported function is a JS object in each page that loads the module (a thousand
    // exports weighed 230 KB of JS heap an embed), a table slot is not.
    let calls = needed.len() as u64;
    let exports_table = p.tables.add_local(false, calls, Some(calls), RefType::FUNCREF);
    let seg = p.elements.add(
        ElementKind::Active { table: exports_table, offset: ConstExpr::Value(ir::Value::I32(0)) },
        ElementItems::Functions(needed.iter().map(|i| pf[i]).collect()),
    );
    p.tables.get_mut(exports_table).elem_segments.insert(seg);
    p.exports.add(CALLS_TABLE, exports_table);
    let pg: HashMap<usize, GlobalId> = p.globals.iter().map(|g| (g.id().index(), g.id())).collect();
    let pm: HashMap<usize, MemoryId> = p.memories.iter().map(|x| (x.id().index(), x.id())).collect();
    let pt: HashMap<usize, TableId> = p.tables.iter().map(|t| (t.id().index(), t.id())).collect();
    for i in &globals {
        p.exports.add(&format!("g{i}"), pg[i]);
    }
    for i in &memories {
        p.exports.add(&format!("m{i}"), pm[i]);
    }
    for i in &tables {
        p.exports.add(&format!("t{i}"), pt[i]);
    }
    // The text the secondary brings is zero in the primary (which `wasm-opt` then leaves out).
    let rodata: Vec<DataId> = p.data.iter().filter(|d| d.name.as_deref() == Some(".rodata")).map(|d| d.id()).collect();
    for id in rodata {
        let d = p.data.get_mut(id);
        let walrus::DataKind::Active { offset: ConstExpr::Value(ir::Value::I32(at)), .. } = d.kind else {
            continue;
        };
        for (a, bytes) in &text {
            let from = (a - at as u32) as usize;
            d.value[from..from + bytes.len()].fill(0);
        }
    }
    walrus::passes::gc::run(&mut p);

    // The secondary: the split bodies, everything else imported.
    let mut q = parse(&bytes)?;
    let qf = funcs_by_index(&q);
    let mut remap = HashMap::new();
    // The module's own tables, before any is added.
    let tids: Vec<TableId> = q.tables.iter().map(|t| t.id()).collect();
    let qt: HashMap<usize, TableId> = tids.iter().map(|t| (t.index(), *t)).collect();
    let (calls_q, _) = q.add_import_table(PRIMARY, CALLS_TABLE, false, calls, Some(calls), RefType::FUNCREF);
    for (j, i) in needed.iter().enumerate() {
        // A function of the same type that calls the primary's through the table.
        let ty = q.funcs.get(qf[i]).ty();
        let thunk = forwarder(&mut q, ty, calls_q, j, None);
        let thunk = q.funcs.add_local(thunk);
        remap.insert(qf[i], thunk);
    }
    for i in &split_index {
        if let FunctionKind::Local(l) = &mut q.funcs.get_mut(qf[i]).kind {
            let entry = l.entry_block();
            dfs_pre_order_mut(&mut Remap(&remap), l, entry);
        }
    }
    let data: Vec<DataId> = q.data.iter().map(|d| d.id()).collect();
    for d in data {
        q.data.delete(d);
    }
    let elements: Vec<ElementId> = q.elements.iter().map(|e| e.id()).collect();
    for e in elements {
        q.elements.delete(e);
    }
    let gids: Vec<GlobalId> = q.globals.iter().map(|g| g.id()).collect();
    for g in gids {
        let import = q.imports.add(PRIMARY, &format!("g{}", g.index()), ImportKind::Global(g));
        q.globals.get_mut(g).kind = GlobalKind::Import(import);
    }
    let mids: Vec<MemoryId> = q.memories.iter().map(|x| x.id()).collect();
    for &x in &mids {
        let import = q.imports.add(PRIMARY, &format!("m{}", x.index()), ImportKind::Memory(x));
        let mem = q.memories.get_mut(x);
        mem.import = Some(import);
        mem.data_segments.clear();
    }
    // The text only split functions use: written where it was when the secondary is instantiated.
    if let (Some(&memory), false) = (mids.first(), text.is_empty()) {
        for (a, bytes) in &text {
            let d = q.data.add(walrus::DataKind::Active { memory, offset: ConstExpr::Value(ir::Value::I32(*a as i32)) }, bytes.clone());
            q.memories.get_mut(memory).data_segments.insert(d);
        }
    }
    for &t in &tids {
        let import = q.imports.add(PRIMARY, &format!("t{}", t.index()), ImportKind::Table(t));
        let table = q.tables.get_mut(t);
        table.import = Some(import);
        table.elem_segments.clear();
        table.init = None;
    }
    let (lazy_q, _) = q.add_import_table(PRIMARY, LAZY_TABLE, false, n, Some(n), RefType::FUNCREF);
    let bodies: Vec<FunctionId> = split_index.iter().map(|i| qf[i]).collect();
    let seg =
        q.elements.add(ElementKind::Active { table: lazy_q, offset: ConstExpr::Value(ir::Value::I32(0)) }, ElementItems::Functions(bodies));
    q.tables.get_mut(lazy_q).elem_segments.insert(seg);
    for (t, slot, f) in &pointers {
        let table = qt[t];
        let seg = q.elements.add(
            ElementKind::Active { table, offset: ConstExpr::Value(ir::Value::I32(*slot as i32)) },
            ElementItems::Functions(vec![qf[f]]),
        );
        q.tables.get_mut(table).elem_segments.insert(seg);
    }
    let exports: Vec<_> = q.exports.iter().map(|e| e.id()).collect();
    for e in exports {
        q.exports.delete(e);
    }
    q.start = None;
    walrus::passes::gc::run(&mut q);

    let (pb, qb) = (p.emit_wasm(), q.emit_wasm());
    std::fs::write(&args.primary, &pb).with_context(|| format!("writing {}", args.primary))?;
    std::fs::write(&args.secondary, &qb).with_context(|| format!("writing {}", args.secondary))?;
    eprintln!(
        "lazy-split: {} functions split out ({} pointers to them), {} taken from the primary, {} B of text in {} pieces moved; {} B -> {} B + {} B",
        split.len(),
        pointers.len(),
        needed.len(),
        text.iter().map(|(_, b)| b.len()).sum::<usize>(),
        text.len(),
        bytes.len(),
        pb.len(),
        qb.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{runtime, stable_name, template_len, text_prefix, text_to_move, MIN_TEXT};
    use walrus::{ConstExpr, DataKind, FunctionBuilder, FunctionId, Module, ModuleConfig};

    /// How a test function names an address.
    #[derive(Clone, Copy)]
    enum Name {
        /// `i32.const a`.
        Const(u32),
        /// `i64.const` of a `&str` stored whole: its length (`len`) above its pointer (`a`).
        Str64(u32, u32),
        /// A load at offset `a`.
        Offset(u32),
        /// `i32.const a` then `i32.const len` (a `&str` handed to a call).
        Pair(u32, u32),
    }

    /// A module with a memory whose `.rodata` segment is `bytes`, at address 1000.
    fn rodata_module(bytes: Vec<u8>) -> (Module, walrus::DataId) {
        let mut m = Module::with_config(ModuleConfig::new());
        let memory = m.memories.add_local(false, false, 1, None, None);
        let d = m.data.add(DataKind::Active { memory, offset: ConstExpr::Value(walrus::ir::Value::I32(1000)) }, bytes);
        m.data.get_mut(d).name = Some(".rodata".into());
        (m, d)
    }

    /// A function that names each of `names`.
    fn naming(m: &mut Module, names: &[Name]) -> FunctionId {
        let memory = m.memories.iter().next().map(|x| x.id()).expect("a memory");
        let mut b = FunctionBuilder::new(&mut m.types, &[], &[]);
        let mut body = b.func_body();
        for &n in names {
            match n {
                Name::Const(a) => {
                    body.i32_const(a as i32);
                }
                Name::Str64(a, len) => {
                    body.i64_const(((u64::from(len) << 32) | u64::from(a)) as i64);
                }
                Name::Pair(a, len) => {
                    body.i32_const(a as i32).i32_const(len as i32).drop();
                }
                Name::Offset(a) => {
                    body.i32_const(0).load(
                        memory,
                        walrus::ir::LoadKind::I32_8 { kind: walrus::ir::ExtendedLoad::ZeroExtend },
                        walrus::ir::MemArg { align: 1, offset: u64::from(a) },
                    );
                }
            }
            body.drop();
        }
        b.finish(vec![], &mut m.funcs)
    }

    #[test]
    fn only_text_that_split_functions_alone_name_moves() {
        use Name::*;
        // A `.rodata` segment at 1000, zero where nothing is put.
        let mut bytes = vec![0u8; 1000];
        let mut put = |at: usize, b: &[u8]| bytes[at - 1000..at - 1000 + b.len()].copy_from_slice(b);
        // Split functions alone name it: it moves.
        put(1000, b"split text");
        // A word of data points at it.
        put(1032, &1100u32.to_le_bytes());
        put(1100, b"pointed at");
        // A kept function names it in an `i64.const` (a `&str` stored whole).
        put(1200, b"kept by i64");
        // A kept string a split function names the middle of, twice: the kept read runs on.
        put(1300, b"kept string that runs on");
        // Text right after bytes a kept function names (a table, a field): they may run on.
        put(1400, &[0xff, 1, 2, 3]);
        put(1404, b"after binary");
        // A kept load's offset 48 bytes before it (`TABLE[c - b'0']`, folded by LLVM).
        put(1500, b"0123456789");
        // Split functions alone name it, far from all that: it moves.
        put(1800, b"far text");
        // Split alone, but too short to be told from a number.
        put(1900, b"ab");
        // Zeros before each case, at addresses split functions name: a run of a kept read stops
        // there.
        let gaps = [1190, 1290, 1390, 1490, 1790, 1890].map(Const);
        let (mut m, d) = rodata_module(bytes);
        let kept = vec![naming(&mut m, &[Str64(1200, 11), Const(1300), Const(1400)]), naming(&mut m, &[Offset(1452)])];
        let split = vec![
            naming(
                &mut m,
                &[
                    Const(1000),
                    Const(1032),
                    Const(1100),
                    Const(1200),
                    Const(1305),
                    Const(1312),
                    Const(1404),
                    Const(1500),
                    Const(1800),
                    Const(1900),
                ],
            ),
            naming(&mut m, &gaps),
        ];
        let moved = text_to_move(&m, &kept, &split);
        let show: Vec<(u32, String)> = moved.iter().map(|(a, b)| (*a, String::from_utf8_lossy(b).into_owned())).collect();
        assert_eq!(show, vec![(1000, "split text".to_string()), (1800, "far text".to_string())]);
        // Each rule holds on its own: without the kept function that names it, each piece moves.
        for (names, at, text) in [
            (vec![Const(1300), Const(1400)], 1200, "kept by i64"),
            (vec![Str64(1200, 11), Const(1400)], 1305, "string that runs on"),
            (vec![Str64(1200, 11), Const(1300)], 1404, "after binary"),
        ] {
            let kept = vec![naming(&mut m, &names), naming(&mut m, &[Offset(1452)])];
            let moved = text_to_move(&m, &kept, &split);
            assert!(moved.iter().any(|(a, b)| *a == at && b.starts_with(&text.as_bytes()[..4])), "{text}: {moved:?}");
        }
        let kept_no_offset = vec![naming(&mut m, &[Str64(1200, 11), Const(1300), Const(1400)])];
        assert!(text_to_move(&m, &kept_no_offset, &split).iter().any(|(a, _)| *a == 1500));
        // Not from another segment than `.rodata`.
        m.data.get_mut(d).name = Some(".data".into());
        assert!(text_to_move(&m, &kept, &split).is_empty());
    }

    #[test]
    fn a_format_template_moves_whole_and_only_whole() {
        use Name::*;
        // `format_args!("event {} of {}", ..)` as rustc encodes it, and `"{:5} ms."` (a
        // placeholder with its width), each followed by bytes that are not theirs.
        let event = b"\x06event \xc0\x04 of \xc0\x00";
        let width = b"\xc2\x05\x00\x04 ms.\x00";
        assert_eq!(template_len(event), Some(event.len()));
        assert_eq!(template_len(width), Some(width.len()));
        assert_eq!(template_len(&[&event[..], b"\xff\xff tail"].concat()), Some(event.len()));
        // A long literal piece (0x80, then its 16-bit length).
        let long = [&[0x80, 200, 0][..], &[b'x'; 200], &[0xc0, 0]].concat();
        assert_eq!(template_len(&long), Some(long.len()));
        // Not templates: no placeholder (rustc keeps such a string plain), a piece that is not
        // UTF-8, a byte no template has, an end beyond the bytes.
        assert_eq!(template_len(b"\x03abc\x00"), None);
        assert_eq!(template_len(b"\x02\xff\xfe\xc0\x00"), None);
        assert_eq!(template_len(b"\x90\xc0\x00"), None);
        assert_eq!(template_len(&event[..event.len() - 1]), None);
        assert_eq!(template_len(b"\xc1\x01\x00"), None);
        // `{:>5}`: flags (align right, fill ' '), then the width.
        let flags = (1u32 << 29) | u32::from(b' ');
        let right = [&[0xc3][..], &flags.to_le_bytes(), &[5, 0], b"\x04 ms.\x00"].concat();
        assert_eq!(template_len(&right), Some(right.len()));
        // Numbers and pointers are not templates: `[-1i32, 5, 7]` (0xFF would be a placeholder
        // with every field, then the end), `[u32::MAX, 0, 0]`, a placeholder and a zero, flags
        // with bit 31, a width from an argument without its field, a literal with a control
        // character, a long piece short enough for one byte, too little text.
        let words = |w: &[u32]| w.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>();
        assert_eq!(template_len(&words(&[u32::MAX, 5, 7])), None);
        assert_eq!(template_len(&words(&[u32::MAX, 0, 0])), None);
        assert_eq!(template_len(b"\x01\x00\xc0\x00"), None);
        assert_eq!(template_len(&[&[0xc1][..], &(1u32 << 31 | 32).to_le_bytes(), b"\x04 ms.\x00"].concat()), None);
        assert_eq!(template_len(b"\xd0\x04 ms.\x00"), None);
        assert_eq!(template_len(b"\x04a\x1bbc\xc0\x00"), None);
        assert_eq!(template_len(b"\x80\x04\x00 ms.\xc0\x00"), None);
        assert_eq!(template_len(b"\x03 ms\xc0\x00"), None);

        let mut bytes = vec![0u8; 600];
        let mut put = |at: usize, b: &[u8]| bytes[at - 1000..at - 1000 + b.len()].copy_from_slice(b);
        // A kept string, whose end nothing says, then a template and text that split functions
        // alone name: the kept read may run on into the template, which stays; not through it
        // (no string has its length bytes), so the text after it moves.
        put(1400, b"kept text");
        put(1409, event);
        put(1425, b"more text");
        assert_eq!(1409 + event.len(), 1424);
        // Split functions alone name these: each moves, exactly its bytes.
        put(1000, event);
        put(1016, b"\x01\x02");
        put(1100, width);
        // A kept function names this one: it stays.
        put(1200, event);
        // Its end is past the next address named: not one whole template here, and it stays.
        // (The zeros at 1290, which a split function names, end the kept read's run from 1200.)
        put(1300, event);
        let (mut m, _) = rodata_module(bytes);
        let kept = vec![naming(&mut m, &[Const(1200), Const(1400)])];
        let split = vec![naming(
            &mut m,
            &[Const(1000), Const(1100), Const(1200), Const(1290), Const(1300), Const(1306), Const(1390), Const(1409), Const(1425)],
        )];
        let moved = text_to_move(&m, &kept, &split);
        assert_eq!(moved, vec![(1000, event.to_vec()), (1100, width.to_vec()), (1425, b"more text".to_vec())]);
        // Without the kept function, the one it named moves too.
        let moved = text_to_move(&m, &[], &split);
        assert_eq!(moved.iter().map(|(a, _)| *a).collect::<Vec<_>>(), vec![1000, 1100, 1200, 1409, 1425]);
    }

    #[test]
    fn a_kept_read_ends_where_its_length_or_a_location_says() {
        use Name::*;
        let mut bytes = vec![0u8; 1400];
        let mut put = |at: usize, b: &[u8]| bytes[at - 1000..at - 1000 + b.len()].copy_from_slice(b);
        // A kept string handed to a call with its length, 4: the text after it moves.
        put(1000, b"kept");
        put(1004, b"after a string");
        // The same, but another kept call reads 9 bytes from it: the text stays.
        put(1100, b"kept");
        put(1104, b"after a longer one");
        // A kept panic's `Location` (a path at 1500, 11 bytes, line 7, column 9): the text after
        // it moves.
        put(1200, &[1500u32, 11, 7, 9].iter().flat_map(|w| w.to_le_bytes()).collect::<Vec<u8>>());
        put(1216, b"after a location");
        // 16 bytes that are not one (the path is not a file's): the text stays.
        put(1300, &[1500u32, 5, 7, 9].iter().flat_map(|w| w.to_le_bytes()).collect::<Vec<u8>>());
        put(1316, b"after other bytes");
        // A kept string named without its length: the text stays.
        put(1400, b"kept");
        put(1404, b"after a bare name");
        put(1500, b"src/main.rs");
        // Given with its length, and also kept bare (a pointer kept for later): the text stays.
        put(1600, b"kept");
        put(1604, b"after a bare one too");
        // The length in an `i64.const`'s high half: the text moves.
        put(1700, b"kept");
        put(1704, b"after a whole &str");
        // Given with its length once, and once with another constant after it (a pointer, or its
        // length given elsewhere): its length is not known, the text stays.
        put(1800, b"kept");
        put(1804, b"after a pointer pair");
        // Given with its length, but a word of the data points at it too: the text stays.
        put(1850, b"kept");
        put(1854, b"after a data word");
        put(1896, &1850u32.to_le_bytes());
        // Its pointer last in a block, a constant after the block: no length, the text stays.
        put(1900, b"kept");
        put(1904, b"after a block");
        // Given with its length, 260, but a kept load reads from an offset just before it (an
        // index into it, folded): the text after it, past that offset's reach, stays.
        put(2000, &[b'k'; 260]);
        put(2260, b"after a long one");
        let (mut m, _) = rodata_module(bytes);
        let names = [
            Pair(1000, 4),
            Pair(1100, 4),
            Pair(1100, 9),
            Const(1200),
            Const(1300),
            Const(1400),
            Const(1500),
            Pair(1600, 4),
            Const(1600),
            Str64(1700, 4),
            Pair(1800, 4),
            Pair(1800, 5000),
            Pair(1850, 4),
            Pair(2000, 260),
            Offset(1990),
        ];
        let mut kept = vec![naming(&mut m, &names)];
        let mut b = FunctionBuilder::new(&mut m.types, &[], &[]);
        b.func_body().block(walrus::ValType::I32, |block| {
            block.i32_const(1900);
        });
        b.func_body().i32_const(4).drop().drop();
        kept.push(b.finish(vec![], &mut m.funcs));
        let gaps = [1090, 1190, 1290, 1390, 1490, 1590, 1690, 1790, 1840, 1880, 1890, 1990, 1995, 2290];
        let texts = [1004, 1104, 1216, 1316, 1404, 1604, 1704, 1804, 1854, 1904, 2260];
        let split = vec![naming(&mut m, &gaps.iter().chain(&texts).map(|&a| Const(a)).collect::<Vec<_>>())];
        let moved: Vec<u32> = text_to_move(&m, &kept, &split).into_iter().map(|(a, _)| a).collect();
        assert_eq!(moved, vec![1004, 1216, 1704]);
    }

    #[test]
    fn text_is_utf8_without_control_characters_but_line_breaks_and_tabs() {
        assert_eq!(text_prefix(b"line\n\tend\0tail"), b"line\n\tend");
        assert_eq!(text_prefix("caf\u{e9} \u{2014} ok".as_bytes()), "caf\u{e9} \u{2014} ok".as_bytes());
        // A character cut by the end of the piece, a byte that is no UTF-8, an escape character.
        assert_eq!(text_prefix(&"ab\u{e9}".as_bytes()[..3]), b"ab");
        assert_eq!(text_prefix(b"ab\xffcd"), b"ab");
        assert_eq!(text_prefix(b"ab\x1bcd"), b"ab");
        // A pointer's bytes (little-endian, under 16 MiB) have a zero in any four: never as long
        // as the shortest text that moves.
        for p in [0x0006_1a2bu32, 0x0006_2b2b, 0x0020_2020] {
            assert!(text_prefix(&p.to_le_bytes()).len() < MIN_TEXT);
        }
    }

    #[test]
    fn the_allocator_and_the_intrinsics_stay_and_instances_over_the_apps_types_are_the_profiles() {
        assert!(runtime("<alloc::alloc::Global>::alloc_impl_runtime"));
        assert!(runtime("memcpy"));
        assert!(runtime("<alloc::raw_vec::RawVecInner>::finish_grow"));
        assert!(!runtime("<core::fmt::Formatter>::pad"));
        assert!(!runtime("<alloc::raw_vec::RawVec<waker_playground::play::lang::value::Value>>::grow_one"));
        assert!(!runtime("<yew::html::component::lifecycle::ComponentState>::run"));
        assert!(!runtime("waker_playground::main"));
        assert!(runtime("Closure(Closure { owned: true, function: Function { arguments: [], shim_idx: 7, ret: Unit }, mutable: true }) -> Externref externref shim"));
    }

    #[test]
    fn a_stable_name_drops_the_hashes_and_the_crates_disambiguators_only() {
        // Legacy names: the trailing hash goes, and std's crate disambiguators.
        assert_eq!(
            stable_name("<alloc[3ca501edff3f0c7c]::string::String as core[c5930c85a12de822]::fmt::Display>::fmt"),
            "<alloc::string::String as core::fmt::Display>::fmt"
        );
        assert_eq!(stable_name("waker_playground::main::h3e50119a9178e117"), "waker_playground::main");
        // v0 names: disambiguators of any length from 5 hex digits, type arguments and closures kept.
        assert_eq!(
            stable_name("<yew[e725aa907f09fa7]::Html as waker_playground[86557c15221afe44]::Foo<[u8]>>::bar::{closure#3}"),
            "<yew::Html as waker_playground::Foo<[u8]>>::bar::{closure#3}"
        );
        // Not hashes: a slice of a hex-looking type, a short bracket, a hash not at the end.
        assert_eq!(stable_name("core::slice::<impl [f64]>::len"), "core::slice::<impl [f64]>::len");
        assert_eq!(stable_name("a::h0123456789abcdef::b"), "a::h0123456789abcdef::b");
        assert_eq!(stable_name("a::h0123"), "a::h0123");
        // The toolchain's numbers for local copies of a name.
        assert_eq!(
            stable_name("<alloc[3ca501edff3f0c7c]::alloc::Global>::alloc_impl_runtime.635"),
            "<alloc::alloc::Global>::alloc_impl_runtime"
        );
        assert_eq!(stable_name("<alloc::raw_vec::RawVecInner>::finish_grow[2]"), "<alloc::raw_vec::RawVecInner>::finish_grow");
        assert_eq!(
            stable_name("<alloc::string::String as core::fmt::Debug>::fmt.473[1]"),
            "<alloc::string::String as core::fmt::Debug>::fmt"
        );
        assert_eq!(stable_name("a::<impl [u8; 4]>::f"), "a::<impl [u8; 4]>::f");
    }
}
