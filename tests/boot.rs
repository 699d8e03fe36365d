//! `static/boot.js` starts the language module's download beside the first module's for an
//! embed that will need it at once: a link to a program (`code=`), or to a preset written as a
//! program. It knows the latter by a list of their ids, which must be exactly those presets.

use waker_playground::play::PRESETS;

/// The ids in boot.js's `PROGRAM_PRESETS = [ … ]`.
fn boot_list() -> Vec<String> {
    let boot = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/boot.js")).expect("static/boot.js");
    let start = boot.find("PROGRAM_PRESETS = [").expect("boot.js has its PROGRAM_PRESETS list");
    let list = &boot[start..];
    let list = &list[list.find('[').unwrap_or(0) + 1..list.find(']').unwrap_or(0)];
    list.split(',').map(|s| s.trim().trim_matches('\'').to_string()).filter(|s| !s.is_empty()).collect()
}

#[test]
fn boot_js_knows_every_preset_written_as_a_program_and_no_other() {
    let mut programs: Vec<String> = PRESETS.iter().filter(|p| p.scenario().program.is_some()).map(|p| p.id.to_string()).collect();
    let mut listed = boot_list();
    assert!(programs.len() >= 10, "the presets written as programs: {programs:?}");
    programs.sort();
    listed.sort();
    assert_eq!(listed, programs, "static/boot.js's PROGRAM_PRESETS and the presets written as programs (src/play/presets.rs)");
}
