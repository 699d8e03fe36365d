//! The book's settings for this preprocessor: `[preprocessor.waker-playground]` in `book.toml`,
//! and the theme mdBook's HTML output starts in.
//!
//! ```toml
//! [preprocessor.waker-playground]
//! url = "https://example.org/waker-playground/"   # optional: the default is the installed copy
//! theme = "dark"                                   # optional: auto | light | dark
//! same-origin = true                               # optional, installed copy only
//! ```
//!
//! The frame's theme is fixed when the book is built (or, with `auto`, follows the reader's
//! system). mdBook's theme picker (the brush menu) only changes the book's page: the frames do not
//! follow it.

use mdbook_preprocessor::config::Config;
use serde_json::Value;
use waker_playground::play::Theme;

use crate::fence::quote;

/// The preprocessor's name, and so its table in `book.toml`.
pub const NAME: &str = "waker-playground";

/// Keys of our table: ours, and the ones mdBook itself reads from every preprocessor table.
pub const KNOWN_KEYS: [&str; 9] = ["url", "theme", "same-origin", "rust-blocks", "command", "renderers", "before", "after", "optional"];

/// What the whole book's embeds share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Where the playground is hosted: an absolute URL (`https://…`, `/…`), used as given, or
    /// one relative to the book's root; `None` for the copy `install` puts in the book. Relative
    /// URLs are made relative to each chapter ([`crate::embed::chapter_url`]).
    pub url: Option<String>,
    /// The theme of fences without `theme=`.
    pub theme: Theme,
    /// `same-origin = true`: the frames' sandbox gets `allow-same-origin`, so the installed copy
    /// loads from the book's own host without a CORS header. Never with `url`.
    pub same_origin: bool,
    /// `rust-blocks = "button"`: every ordinary ```rust block the playground's language accepts
    /// gets a "Run in the page" button that swaps it for an embed of it (`"off"`, the default:
    /// ```rust blocks are left alone).
    pub rust_blocks: bool,
}

/// The scheme of a URL: the text before the first `:`, if no `/` comes before it.
fn scheme(url: &str) -> Option<&str> {
    url.split_once(':').map(|(s, _)| s).filter(|s| !s.contains('/'))
}

/// Whether a (checked) URL is relative to the page: no scheme, and no leading `/` (which also
/// covers `//host/…`).
pub fn is_relative(url: &str) -> bool {
    !url.starts_with('/') && scheme(url).is_none()
}

/// Checks a configured playground URL. It is written into an attribute (escaped all the same)
/// and gets `?query#fragment` appended, so anything that would break either is refused.
pub fn check_url(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Err("url is empty".into());
    }
    if let Some(c) = url.chars().find(|&c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '?' | '#')) {
        return Err(format!("url {} contains {}, which is not allowed in it", quote(url), quote(&c.to_string())));
    }
    // A scheme is the text before the first ':' if no '/' comes before it. Only web URLs make
    // sense for an iframe; this keeps `javascript:` and `data:` out.
    if let Some(scheme) = scheme(url) {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(format!("url {} should be an http(s) URL or a relative path", quote(url)));
        }
    }
    // `?embed` is appended as is: `…/waker-playground?embed` only works on hosts that redirect
    // the folder's name to the folder, and the relative assets of the page need the final `/`.
    if !url.ends_with('/') && !url.to_ascii_lowercase().ends_with(".html") {
        return Err(format!(
            "url {} should end with \"/\" (the playground's folder) or \".html\" (its page): \
             not every host redirects a folder's name to the folder",
            quote(url)
        ));
    }
    Ok(())
}

/// Whether an mdBook theme is light (`Some(false)`), dark (`Some(true)`) or unknown (custom).
fn is_dark(theme: &str) -> Option<bool> {
    match theme.to_ascii_lowercase().as_str() {
        "light" | "rust" => Some(false),
        "coal" | "navy" | "ayu" => Some(true),
        _ => None,
    }
}

/// The playground theme that matches the book's `[output.html]`.
///
/// mdBook starts a reader whose system prefers dark on `preferred-dark-theme` (default `navy`),
/// and everyone else on `default-theme` (default `light`): see `index.hbs` in mdbook-html 0.5.4,
/// `const default_theme = window.matchMedia("(prefers-color-scheme: dark)").matches ?
/// default_dark_theme : default_light_theme;`. So the frames are `light` only if both are light
/// themes (`light`, `rust`), `dark` only if both are dark (`coal`, `navy`, `ayu`), and `auto`
/// (the reader's system preference) otherwise, an unknown (custom) theme included.
pub fn theme_for_book(default_theme: Option<&str>, preferred_dark_theme: Option<&str>) -> Theme {
    match (is_dark(default_theme.unwrap_or("light")), is_dark(preferred_dark_theme.unwrap_or("navy"))) {
        (Some(false), Some(false)) => Theme::Light,
        (Some(true), Some(true)) => Theme::Dark,
        _ => Theme::Auto,
    }
}

/// Reads the settings from the book's configuration. Any problem is an error: a typo in
/// `book.toml` should not silently give a different book.
pub fn settings(config: &Config) -> Result<Settings, String> {
    let table: Option<Value> =
        config.get(&format!("preprocessor.{NAME}")).map_err(|e| format!("[preprocessor.{NAME}] could not be read: {e:#}"))?;
    let table = match table {
        None => serde_json::Map::new(),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(format!("preprocessor.{NAME} should be a table")),
    };
    if let Some(key) = table.keys().find(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        return Err(format!("unknown key {} in [preprocessor.{NAME}] (known: {})", quote(key), KNOWN_KEYS.join(", ")));
    }
    let string = |key: &str| -> Result<Option<&str>, String> {
        match table.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(format!("[preprocessor.{NAME}] {key} should be a string")),
        }
    };
    let url = match string("url")? {
        Some(u) => {
            check_url(u).map_err(|e| format!("[preprocessor.{NAME}] {e}"))?;
            Some(u.to_string())
        }
        None => None,
    };
    let same_origin = match table.get("same-origin") {
        None | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(_) => return Err(format!("[preprocessor.{NAME}] same-origin should be true or false")),
    };
    if same_origin {
        if let Some(u) = &url {
            return Err(format!(
                "[preprocessor.{NAME}] same-origin = true only works with the installed copy, not with url = {}: \
                 with allow-scripts, allow-same-origin lets a frame act as the book's own page, so a copy from \
                 anywhere else must stay fully sandboxed. Remove url, or same-origin",
                quote(u)
            ));
        }
    }
    let theme = match string("theme")? {
        Some(t) => {
            Theme::from_key(t).ok_or_else(|| format!("[preprocessor.{NAME}] unknown theme {} (known: auto, light, dark)", quote(t)))?
        }
        None => {
            // mdBook checks its own table; a value of the wrong type is taken as unset here.
            let html = |key: &str| -> Option<String> { config.get(&format!("output.html.{key}")).ok().flatten() };
            theme_for_book(html("default-theme").as_deref(), html("preferred-dark-theme").as_deref())
        }
    };
    let rust_blocks = match string("rust-blocks")? {
        None | Some("off") => false,
        Some("button") => true,
        Some(other) => return Err(format!("[preprocessor.{NAME}] rust-blocks should be \"button\" or \"off\", not {}", quote(other))),
    };
    Ok(Settings { url, theme, same_origin, rust_blocks })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(toml: &str) -> Result<Settings, String> {
        let config: Config = toml.parse().map_err(|e| format!("{e:#}"))?;
        settings(&config)
    }

    #[test]
    fn defaults_without_a_table() {
        assert_eq!(
            parse("[book]\ntitle = \"x\"\n"),
            Ok(Settings { url: None, theme: Theme::Auto, same_origin: false, rust_blocks: false })
        );
    }

    #[test]
    fn the_theme_follows_both_of_the_books_themes_unless_set() {
        // (default-theme, preferred-dark-theme); None is unset (mdBook: "light", "navy").
        for (default, dark, want) in [
            (None, None, Theme::Auto),
            (Some("light"), None, Theme::Auto),
            (Some("rust"), None, Theme::Auto),
            (Some("coal"), None, Theme::Dark),
            (Some("navy"), None, Theme::Dark),
            (Some("ayu"), None, Theme::Dark),
            (Some("Navy"), None, Theme::Dark),
            (None, Some("rust"), Theme::Light),
            (Some("light"), Some("light"), Theme::Light),
            (Some("rust"), Some("Light"), Theme::Light),
            (Some("navy"), Some("coal"), Theme::Dark),
            (Some("ayu"), Some("rust"), Theme::Auto),
            (None, Some("ayu"), Theme::Auto),
            (Some("my-own"), None, Theme::Auto),
            (Some("light"), Some("my-own"), Theme::Auto),
            (Some("coal"), Some("my-own"), Theme::Auto),
        ] {
            let mut toml = String::from("[output.html]\n");
            for (key, value) in [("default-theme", default), ("preferred-dark-theme", dark)] {
                if let Some(value) = value {
                    toml.push_str(&format!("{key} = \"{value}\"\n"));
                }
            }
            assert_eq!(parse(&toml).unwrap().theme, want, "{default:?} / {dark:?}");
            assert_eq!(theme_for_book(default, dark), want, "{default:?} / {dark:?}");
        }
        // A value of the wrong type is taken as unset.
        assert_eq!(parse("[output.html]\npreferred-dark-theme = 3\ndefault-theme = \"coal\"\n").unwrap().theme, Theme::Dark);
        // Our own setting wins.
        let set = "[output.html]\ndefault-theme = \"navy\"\n[preprocessor.waker-playground]\ntheme = \"light\"\n";
        assert_eq!(parse(set).unwrap().theme, Theme::Light);
        let set =
            "[output.html]\ndefault-theme = \"rust\"\npreferred-dark-theme = \"rust\"\n[preprocessor.waker-playground]\ntheme = \"auto\"\n";
        assert_eq!(parse(set).unwrap().theme, Theme::Auto);
    }

    #[test]
    fn url_and_mdbook_keys_are_accepted() {
        let toml = "[preprocessor.waker-playground]\ncommand = \"mdbook-waker-playground\"\nrenderers = [\"html\"]\n\
                    before = [\"links\"]\nafter = []\noptional = true\nurl = \"https://example.org/wp/\"\n";
        assert_eq!(parse(toml).unwrap().url.as_deref(), Some("https://example.org/wp/"));
        for url in ["/static/wp/", "wp/", "https://example.org/wp/index.html", "../wp/Index.HTML", "https://example.org/"] {
            let toml = format!("[preprocessor.waker-playground]\nurl = \"{url}\"\n");
            assert_eq!(parse(&toml).unwrap().url.as_deref(), Some(url));
        }
    }

    #[test]
    fn same_origin_is_for_the_installed_copy_only() {
        let table = |lines: &str| parse(&format!("[preprocessor.waker-playground]\n{lines}\n"));
        assert!(table("same-origin = true").unwrap().same_origin);
        assert!(!table("same-origin = false").unwrap().same_origin);
        assert!(!table("").unwrap().same_origin);
        // false with a url is fine: that is the default.
        assert_eq!(
            table("same-origin = false\nurl = \"https://example.org/wp/\"").unwrap().url.as_deref(),
            Some("https://example.org/wp/")
        );
        // true with any url, even a relative one, is an error that says why.
        for url in ["https://example.org/wp/", "/static/wp/", "wp/"] {
            let e = table(&format!("same-origin = true\nurl = \"{url}\"")).unwrap_err();
            assert!(e.contains("same-origin = true only works with the installed copy"), "{e}");
            assert!(e.contains("must stay fully sandboxed"), "{e}");
            assert!(e.contains(url), "{e}");
        }
        for bad in ["same-origin = \"true\"", "same-origin = 1"] {
            assert!(table(bad).unwrap_err().contains("same-origin should be true or false"), "{bad}");
        }
    }

    #[test]
    fn relative_and_absolute_urls() {
        for url in ["wp/", "./wp/", "../wp/index.html", "static/wp/"] {
            assert!(is_relative(url), "{url}");
        }
        for url in ["/wp/", "//cdn.example.org/wp/", "https://example.org/", "HTTP://x.test/wp/"] {
            assert!(!is_relative(url), "{url}");
        }
    }

    #[test]
    fn bad_settings_name_the_problem() {
        let cases = [
            (
                "colour = \"red\"",
                "unknown key \"colour\" in [preprocessor.waker-playground] (known: url, theme, same-origin, rust-blocks, command",
            ),
            ("theme = \"navy\"", "unknown theme \"navy\" (known: auto, light, dark)"),
            ("theme = 3", "theme should be a string"),
            ("url = 3", "url should be a string"),
            ("url = \"\"", "url is empty"),
            ("url = \"https://x.test/\\\"><script>\"", "contains \"\\\"\""),
            ("url = \"https://x.test/<script>\"", "contains \"<\""),
            ("url = \"https://x.test/a b\"", "contains \" \""),
            ("url = \"https://x.test/?a=1\"", "contains \"?\""),
            ("url = \"https://x.test/#a\"", "contains \"#\""),
            ("url = \"javascript:alert(1)//\"", "should be an http(s) URL"),
            ("url = \"data:text/html,x\"", "should be an http(s) URL"),
            (
                "url = \"https://example.org/waker-playground\"",
                "url \"https://example.org/waker-playground\" should end with \"/\" (the playground's folder) or \".html\" (its page)",
            ),
            ("url = \"../wp\"", "should end with \"/\""),
            ("url = \"https://example.org/wp/index.htm\"", "should end with \"/\""),
        ];
        for (line, needle) in cases {
            let e = parse(&format!("[preprocessor.waker-playground]\n{line}\n")).expect_err(line);
            assert!(e.contains(needle), "{line}: {e}");
        }
        assert!(parse("[preprocessor]\nwaker-playground = 5\n").unwrap_err().contains("should be a table"));
    }
}
