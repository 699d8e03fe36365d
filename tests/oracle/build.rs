//! Writes one module per corpus program (`corpus/*.rs`, and the presets' programs in
//! `src/play/programs/*.rs`, named `preset_…`), and a table of them.
use std::fmt::Write as _;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for (dir, prefix) in [(root.join("corpus"), ""), (root.join("../../src/play/programs"), "preset_")] {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut these: Vec<_> = std::fs::read_dir(&dir)
            .expect("a program folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .map(|p| (p, prefix))
            .collect();
        these.sort();
        files.extend(these);
    }
    let mut out = String::new();
    let mut table = String::from(
        "/// Every program: its name, its source, and how to start it.\npub const PROGRAMS: &[(&str, &str, crate::Entry)] = &[\n",
    );
    for (f, prefix) in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let stem = format!("{prefix}{}", f.file_stem().and_then(|s| s.to_str()).expect("a file name"));
        let text = std::fs::read_to_string(f).expect("readable");
        let module = format!("p_{}", stem.replace('-', "_"));
        let path = f.display().to_string();
        let is_async = text.contains("async fn main()");
        let start = if is_async {
            "pub fn __start() -> std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> { Box::pin(main()) }"
        } else {
            "pub fn __start() { main() }"
        };
        writeln!(out, "#[allow(unused, dead_code, non_snake_case, clippy::all)]\npub mod {module} {{\n    use crate::prelude::*;\n    include!({path:?});\n    {start}\n}}").ok();
        let entry =
            if is_async { format!("crate::Entry::Async({module}::__start)") } else { format!("crate::Entry::Sync({module}::__start)") };
        writeln!(table, "    ({stem:?}, include_str!({path:?}), {entry}),").ok();
    }
    table.push_str("];\n");
    out.push_str(&table);
    // The thread programs: real Rust, on real OS threads and the `futures` crate; their
    // `println!` is recorded with the real time, and their `select!` is futures' (not the
    // corpus's two- and three-arm one).
    // The thread presets too, but not the two bugs: on OS threads they hang (that is the bug).
    let mut threads = Vec::new();
    for dir in [root.join("threads"), root.join("../../src/play/programs/threads")] {
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut these: Vec<_> = std::fs::read_dir(&dir)
            .expect("a threads folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "rs"))
            .filter(|p| !p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.starts_with("bug_")))
            .collect();
        these.sort();
        threads.extend(these);
    }
    let mut table = String::from(
        "/// Every thread program: its name, its source, and its `main`.\npub const THREAD_PROGRAMS: &[(&str, &str, fn())] = &[\n",
    );
    for f in &threads {
        println!("cargo:rerun-if-changed={}", f.display());
        let stem = f.file_stem().and_then(|s| s.to_str()).expect("a file name").to_string();
        let module = format!("t_{}", stem.replace('-', "_"));
        let path = f.display().to_string();
        writeln!(
            out,
            "#[allow(unused, dead_code, non_snake_case, clippy::all)]\npub mod {module} {{\n    macro_rules! println {{ () => {{ $crate::threads::emit(String::new()) }}; ($($t:tt)*) => {{ $crate::threads::emit(::std::fmt::format(format_args!($($t)*))) }}; }}\n    macro_rules! select {{ ($($t:tt)*) => {{ futures::select!($($t)*) }}; }}\n    include!({path:?});\n    pub fn __start() {{ main() }}\n}}"
        )
        .ok();
        writeln!(table, "    ({stem:?}, include_str!({path:?}), {module}::__start),").ok();
    }
    table.push_str("];\n");
    out.push_str(&table);
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("corpus.rs");
    std::fs::write(dest, out).expect("writable");
}
