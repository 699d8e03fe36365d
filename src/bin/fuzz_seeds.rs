//! Writes the fuzz targets' seed corpora (`make fuzz`): `fuzz-seeds <dir>` fills
//! `<dir>/{share_link,trace_import,program_parser,interpreter}/` from what the tests use: every
//! preset's share link, program and exported trace (run on the simulated clock), and the
//! differential test's programs.
#![forbid(unsafe_code)]

use std::fs;
use std::path::Path;
use std::rc::Rc;

use waker_playground::core::{export_trace, Config, Executor, Recorder, SimPlatform};
use waker_playground::play::{encode_share, ScenarioRun, PRESETS};

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: fuzz-seeds <corpus dir>");
        std::process::exit(2);
    };
    let out = Path::new(&out);
    let dir = |name: &str| {
        let d = out.join(name);
        fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        d
    };
    let (share, traces, parser, interp) = (dir("share_link"), dir("trace_import"), dir("program_parser"), dir("interpreter"));
    let mut written = 0;
    let mut write = |d: &Path, name: &str, text: &str| {
        fs::write(d.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
        written += 1;
    };
    for p in PRESETS {
        let scenario = p.scenario();
        write(&share, &format!("preset-{}", p.id), &encode_share(&scenario));
        write(&share, &format!("p-{}", p.id), &format!("p={}", p.id));
        // The program each preset runs, typed or written from its steps.
        let program = scenario.program.clone().unwrap_or_else(|| scenario.to_program());
        write(&parser, &format!("preset-{}.rs", p.id), &program);
        write(&interp, &format!("preset-{}.rs", p.id), &program);
        // Its run, recorded on the simulated clock and exported. The 1,000-timer preset is
        // left out: its file is bigger than a fuzzer's inputs (4 KB by default).
        if scenario.tasks.len() <= 10 {
            let sim = SimPlatform::new();
            let exec: Executor<Recorder> = Executor::new(Rc::new(sim.clone()), Config::default());
            if let Ok(run) = ScenarioRun::start(&exec, &scenario) {
                sim.run_until_idle(60_000.0);
                drop(run);
                write(&traces, &format!("preset-{}.json", p.id), &exec.with_trace(export_trace));
            }
        }
    }
    for folder in ["tests/oracle/corpus", "src/play/programs"] {
        let Ok(entries) = fs::read_dir(folder) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Ok(text) = fs::read_to_string(e.path()) {
                write(&parser, &name, &text);
                write(&interp, &name, &text);
            }
        }
    }
    println!("{written} seed files in {}", out.display());
}
