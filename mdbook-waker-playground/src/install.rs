//! `mdbook-waker-playground install`: puts a copy of the built playground into a book, so the
//! book's embeds work offline, from any host, with nothing else to deploy.
//!
//! The copy goes to `<book>/<book.src>/waker-playground/`, which mdBook copies into its output
//! like any other file; chapters reach it by a relative URL. A marker file says the folder is
//! ours, so a later install may replace it, and nothing else is ever deleted.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use mdbook_preprocessor::config::Config;

use crate::config::NAME;
use crate::embed::INSTALL_DIR;

/// The file that marks an installed copy.
pub const MARKER: &str = ".waker-playground-install";

/// What the marker file says: the tool and its version, nothing about the machine it ran on
/// (the file is published with the book).
pub fn marker_text() -> String {
    format!("mdbook-waker-playground {}\n", env!("CARGO_PKG_VERSION"))
}

/// The playground's release build in this repository, found at compile time.
pub const DEFAULT_DIST: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../dist");

/// The table `install` adds to a `book.toml` that has none.
/// After mdBook's `links` preprocessor, so a fence made of `{{#include …}}` lines holds the
/// listing by the time it is read (mdBook runs `links` first by default; this says so for books
/// that reorder their preprocessors).
pub const TABLE: &str = "\n[preprocessor.waker-playground]\ncommand = \"mdbook-waker-playground\"\nafter = [\"links\"]\n";

/// How to call `install`.
pub const USAGE: &str = "\
usage: mdbook-waker-playground install [BOOK_DIR] [--dist DIR]

Copies the playground's release build (DIR, default: the repository's dist/, made by `make build`)
into BOOK_DIR/<book.src>/waker-playground/ (replacing an earlier install), and adds
[preprocessor.waker-playground] to BOOK_DIR/book.toml if it has none. BOOK_DIR defaults to `.`.";

/// The arguments of `install`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Args {
    /// The book's folder (the one with `book.toml`).
    pub book: PathBuf,
    /// The playground's release build.
    pub dist: PathBuf,
}

/// Parses the arguments after `install`. `Ok(None)` means help was asked for.
pub fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut book = None;
    let mut dist = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--dist" => match it.next() {
                Some(d) if dist.is_none() => dist = Some(PathBuf::from(d)),
                Some(_) => return Err("--dist is given twice".into()),
                None => return Err("--dist needs a folder, as in --dist ../waker-playground/dist".into()),
            },
            a if a.starts_with("--dist=") => {
                if dist.is_some() {
                    return Err("--dist is given twice".into());
                }
                dist = Some(PathBuf::from(&a["--dist=".len()..]));
            }
            a if a.starts_with('-') => return Err(format!("unknown option {a}")),
            a if book.is_none() => book = Some(PathBuf::from(a)),
            a => return Err(format!("unexpected argument {a}: give one book folder")),
        }
    }
    Ok(Some(Args { book: book.unwrap_or_else(|| PathBuf::from(".")), dist: dist.unwrap_or_else(|| PathBuf::from(DEFAULT_DIST)) }))
}

/// Checks that `dist` looks like the playground's release build: `index.html` and a `.wasm`.
fn check_dist(dist: &Path) -> Result<(), String> {
    if !dist.is_dir() {
        return Err(format!(
            "the playground's build is missing: {} is not a folder. Build the playground first (`make build` in the \
             waker-playground repository) or pass --dist DIR",
            dist.display()
        ));
    }
    if !dist.join("index.html").is_file() {
        return Err(format!("{} does not look like the playground's build: it has no index.html", dist.display()));
    }
    let entries = fs::read_dir(dist).map_err(|e| format!("cannot read {}: {e}", dist.display()))?;
    let has_wasm = entries.flatten().any(|e| e.path().extension().is_some_and(|x| x == "wasm") && e.path().is_file());
    if !has_wasm {
        return Err(format!("{} does not look like the playground's build: it has no .wasm file", dist.display()));
    }
    Ok(())
}

/// Copies a folder recursively; returns (files, bytes). Symlinked files are copied as files;
/// symlinked folders are refused, as a loop would never end.
fn copy_dir(from: &Path, to: &Path) -> Result<(usize, u64), String> {
    fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let mut totals = (0, 0);
    let entries = fs::read_dir(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let meta = fs::metadata(&src).map_err(|e| format!("cannot read {}: {e}", src.display()))?;
        let is_link = entry.file_type().map(|t| t.is_symlink()).unwrap_or(false);
        if meta.is_dir() {
            if is_link {
                return Err(format!("{} is a symbolic link to a folder; copy the build without links", src.display()));
            }
            let (n, b) = copy_dir(&src, &dst)?;
            totals = (totals.0 + n, totals.1 + b);
        } else if entry.file_name() != MARKER {
            let bytes = fs::copy(&src, &dst).map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))?;
            totals = (totals.0 + 1, totals.1 + bytes);
        }
    }
    Ok(totals)
}

/// Removes an earlier install, refusing to touch a folder that is not one.
fn clear_target(target: &Path) -> Result<bool, String> {
    let Ok(meta) = fs::symlink_metadata(target) else { return Ok(false) };
    if !meta.is_dir() || !target.join(MARKER).is_file() {
        return Err(format!(
            "{} already exists and was not made by `mdbook-waker-playground install` (it has no {MARKER}): \
             move it away or delete it yourself",
            target.display()
        ));
    }
    fs::remove_dir_all(target).map_err(|e| format!("cannot delete the earlier install {}: {e}", target.display()))?;
    Ok(true)
}

/// Runs `install`; returns what was done, one line per step.
pub fn install(args: &Args) -> Result<Vec<String>, String> {
    let toml_path = args.book.join("book.toml");
    let toml = fs::read_to_string(&toml_path).map_err(|e| {
        format!(
            "no book at {}: cannot read {} ({e}). Pass the book's folder, the one with book.toml",
            args.book.display(),
            toml_path.display()
        )
    })?;
    let config: Config = toml.parse().map_err(|e| format!("{} is not a valid mdBook config: {e:#}", toml_path.display()))?;
    check_dist(&args.dist)?;

    let target = args.book.join(&config.book.src).join(INSTALL_DIR);
    // Replacing the target must never delete the build it copies from.
    if let (Ok(dist), Ok(t)) = (args.dist.canonicalize(), target.canonicalize()) {
        if dist.starts_with(&t) || t.starts_with(&dist) {
            return Err(format!("--dist {} and the install folder {} overlap", dist.display(), t.display()));
        }
    }
    let mut done = Vec::new();
    if clear_target(&target)? {
        done.push(format!("removed the earlier install at {}", target.display()));
    }
    let (files, bytes) = copy_dir(&args.dist, &target)?;
    // Published with the book: the tool and its version only, no local path.
    fs::write(target.join(MARKER), marker_text()).map_err(|e| format!("cannot write {}: {e}", target.join(MARKER).display()))?;
    done.push(format!("copied {files} files ({} KiB) from {} to {}", bytes.div_ceil(1024), args.dist.display(), target.display()));

    if config.contains_key(&format!("preprocessor.{NAME}")) {
        done.push(format!("{} already has [preprocessor.{NAME}]: left as it is", toml_path.display()));
    } else {
        // Appended as text, so the user's comments and layout stay; checked before writing.
        let sep = if toml.is_empty() || toml.ends_with('\n') { "" } else { "\n" };
        let addition = format!("{sep}{TABLE}");
        format!("{toml}{addition}")
            .parse::<Config>()
            .map_err(|e| format!("adding [preprocessor.{NAME}] to {} would break it: {e:#}", toml_path.display()))?;
        fs::OpenOptions::new()
            .append(true)
            .open(&toml_path)
            .and_then(|mut f| f.write_all(addition.as_bytes()))
            .map_err(|e| format!("cannot update {}: {e}", toml_path.display()))?;
        done.push(format!("added [preprocessor.{NAME}] to {}", toml_path.display()));
    }
    done.push("now run `mdbook build` (with mdbook-waker-playground on PATH)".into());
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A fresh folder under the system's temp folder, removed on drop.
    struct Temp(PathBuf);

    impl Temp {
        fn new() -> Temp {
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!("wp-install-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).expect("temp dir");
            Temp(dir)
        }
    }

    impl Drop for Temp {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    fn fake_dist(root: &Path) -> PathBuf {
        let dist = root.join("dist");
        fs::create_dir_all(dist.join("static")).unwrap();
        fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        fs::write(dist.join("app_bg.wasm"), [0, 97, 115, 109]).unwrap();
        fs::write(dist.join("app.js"), "export {}").unwrap();
        fs::write(dist.join("static").join("style.css"), "body{}").unwrap();
        dist
    }

    fn args(v: &[&str]) -> Result<Option<Args>, String> {
        parse_args(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn arguments() {
        assert_eq!(args(&[]).unwrap(), Some(Args { book: ".".into(), dist: DEFAULT_DIST.into() }));
        assert_eq!(args(&["b", "--dist", "d"]).unwrap(), Some(Args { book: "b".into(), dist: "d".into() }));
        assert_eq!(args(&["--dist=d", "b"]).unwrap(), Some(Args { book: "b".into(), dist: "d".into() }));
        assert_eq!(args(&["b", "--help"]).unwrap(), None);
        assert_eq!(args(&["--frobnicate"]).unwrap_err(), "unknown option --frobnicate");
        assert!(args(&["a", "b"]).unwrap_err().contains("unexpected argument b"));
        assert!(args(&["--dist"]).unwrap_err().contains("needs a folder"));
        assert!(args(&["--dist", "a", "--dist", "b"]).unwrap_err().contains("twice"));
        assert!(DEFAULT_DIST.ends_with("mdbook-waker-playground/../dist"));
    }

    #[test]
    fn installs_replaces_and_adds_the_table_once() {
        let tmp = Temp::new();
        let dist = fake_dist(&tmp.0);
        let book = tmp.0.join("book");
        fs::create_dir_all(&book).unwrap();
        fs::write(book.join("book.toml"), "# mine\n[book]\ntitle = \"T\"\nsrc = \"text\"").unwrap();
        let a = Args { book: book.clone(), dist: dist.clone() };
        let done = install(&a).unwrap();
        let target = book.join("text").join(INSTALL_DIR);
        assert!(done[0].starts_with("copied 4 files (1 KiB) from "), "{done:?}");
        assert!(done[1].starts_with("added [preprocessor.waker-playground] to "), "{done:?}");
        for f in ["index.html", "app_bg.wasm", "app.js", "static/style.css", MARKER] {
            assert!(target.join(f).is_file(), "{f}");
        }
        // The marker is published with the book: no local path in it.
        let marker = fs::read_to_string(target.join(MARKER)).unwrap();
        assert_eq!(marker, format!("mdbook-waker-playground {}\n", env!("CARGO_PKG_VERSION")));
        assert_eq!(marker, marker_text());
        assert!(!marker.contains(&*tmp.0.to_string_lossy()), "{marker}");
        assert_eq!(
            fs::read_to_string(book.join("book.toml")).unwrap(),
            "# mine\n[book]\ntitle = \"T\"\nsrc = \"text\"\n\n[preprocessor.waker-playground]\ncommand = \"mdbook-waker-playground\"\nafter = [\"links\"]\n"
        );

        // Again: the old copy (with a stale file) is replaced, book.toml is left alone.
        fs::write(target.join("stale.js"), "old").unwrap();
        let done = install(&a).unwrap();
        assert!(done[0].starts_with("removed the earlier install"), "{done:?}");
        assert!(done[2].contains("already has [preprocessor.waker-playground]"), "{done:?}");
        assert!(!target.join("stale.js").exists());
        assert_eq!(fs::read_to_string(book.join("book.toml")).unwrap().matches("[preprocessor.waker-playground]").count(), 1);
    }

    #[test]
    fn refuses_what_is_not_ours_and_bad_inputs() {
        let tmp = Temp::new();
        let dist = fake_dist(&tmp.0);
        let book = tmp.0.join("book");
        fs::create_dir_all(book.join("src").join(INSTALL_DIR)).unwrap();
        fs::write(book.join("src").join(INSTALL_DIR).join("precious.txt"), "mine").unwrap();
        let a = Args { book: book.clone(), dist: dist.clone() };

        assert!(install(&a).unwrap_err().contains("cannot read"), "no book.toml");
        fs::write(book.join("book.toml"), "[book]\ntitle = \"T\"\n[preprocessor]\nwaker-playground = { command = \"x\" }\n").unwrap();
        assert!(install(&a).unwrap_err().contains("was not made by `mdbook-waker-playground install`"));
        assert!(book.join("src").join(INSTALL_DIR).join("precious.txt").is_file());

        let missing = Args { book: book.clone(), dist: tmp.0.join("nope") };
        let e = install(&missing).unwrap_err();
        assert!(e.contains("Build the playground first (`make build`") && e.contains("--dist"), "{e}");
        fs::remove_file(dist.join("app_bg.wasm")).unwrap();
        assert!(install(&a).unwrap_err().contains("no .wasm file"));
        fs::remove_file(dist.join("index.html")).unwrap();
        assert!(install(&a).unwrap_err().contains("no index.html"));

        fs::write(book.join("book.toml"), "[book\n").unwrap();
        assert!(install(&a).unwrap_err().contains("not a valid mdBook config"));
    }

    #[test]
    fn a_dist_inside_the_target_is_never_deleted() {
        let tmp = Temp::new();
        let book = tmp.0.join("book");
        let target = book.join("src").join(INSTALL_DIR);
        let dist = fake_dist(&target);
        fs::write(target.join(MARKER), "").unwrap();
        fs::write(book.join("book.toml"), "").unwrap();
        assert!(install(&Args { book, dist: dist.clone() }).unwrap_err().contains("overlap"));
        assert!(dist.join("index.html").is_file());
    }
}
