//! The book's settings for this preprocessor: `[preprocessor.waker-playground]` in `book.toml`,
//! and the theme mdBook's HTML output starts in.
//!
//! ```toml
//! [preprocessor.waker-playground]
//! url = "https://example.org/waker-playground/"   # optional: the default is the installed copy
//! theme = "dark"                                   # optional: auto | light | dark
//! ```

use mdbook_preprocessor::config::Config;
use serde_json::Value;
use waker_playground::core::Theme;

use crate::fence::quote;

/// The preprocessor's name, and so its table in `book.toml`.
pub const NAME: &str = "waker-playground";

/// Keys of our table: ours, and the ones mdBook itself reads from every preprocessor table.
pub const KNOWN_KEYS: [&str; 7] = ["url", "theme", "command", "renderers", "before", "after", "optional"];

/// What the whole book's embeds share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Where the playground is hosted, used as given; `None` for the copy `install` puts in
    /// the book, reached by a URL relative to each chapter.
    pub url: Option<String>,
    /// The theme of fences without `theme=`.
    pub theme: Theme,
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
    if let Some((scheme, _)) = url.split_once(':').filter(|(s, _)| !s.contains('/')) {
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return Err(format!("url {} should be an http(s) URL or a relative path", quote(url)));
        }
    }
    Ok(())
}

/// The playground theme that matches mdBook's `[output.html] default-theme`: `light` and `rust`
/// are light, `coal`, `navy` and `ayu` dark. Without one mdBook follows the reader's system
/// preference, and so does `auto`; an unknown (custom) theme gets `auto` too.
pub fn theme_for_book(default_theme: Option<&str>) -> Theme {
    match default_theme.map(str::to_ascii_lowercase).as_deref() {
        Some("light" | "rust") => Theme::Light,
        Some("coal" | "navy" | "ayu") => Theme::Dark,
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
    let theme = match string("theme")? {
        Some(t) => {
            Theme::from_key(t).ok_or_else(|| format!("[preprocessor.{NAME}] unknown theme {} (known: auto, light, dark)", quote(t)))?
        }
        None => {
            // mdBook checks its own table; a value of the wrong type just gives `auto` here.
            let default_theme: Option<String> = config.get("output.html.default-theme").ok().flatten();
            theme_for_book(default_theme.as_deref())
        }
    };
    Ok(Settings { url, theme })
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
        assert_eq!(parse("[book]\ntitle = \"x\"\n"), Ok(Settings { url: None, theme: Theme::Auto }));
    }

    #[test]
    fn the_theme_follows_the_book_unless_set() {
        for (default, want) in [
            ("light", Theme::Light),
            ("rust", Theme::Light),
            ("coal", Theme::Dark),
            ("navy", Theme::Dark),
            ("ayu", Theme::Dark),
            ("Navy", Theme::Dark),
            ("my-own", Theme::Auto),
        ] {
            let got = parse(&format!("[output.html]\ndefault-theme = \"{default}\"\n")).unwrap().theme;
            assert_eq!(got, want, "{default}");
        }
        let set = "[output.html]\ndefault-theme = \"navy\"\n[preprocessor.waker-playground]\ntheme = \"light\"\n";
        assert_eq!(parse(set).unwrap().theme, Theme::Light);
        assert_eq!(parse("[preprocessor.waker-playground]\ntheme = \"auto\"\n").unwrap().theme, Theme::Auto);
    }

    #[test]
    fn url_and_mdbook_keys_are_accepted() {
        let toml = "[preprocessor.waker-playground]\ncommand = \"mdbook-waker-playground\"\nrenderers = [\"html\"]\n\
                    before = [\"links\"]\nafter = []\noptional = true\nurl = \"https://example.org/wp/\"\n";
        assert_eq!(parse(toml).unwrap().url.as_deref(), Some("https://example.org/wp/"));
        assert_eq!(parse("[preprocessor.waker-playground]\nurl = \"/static/wp/\"\n").unwrap().url.as_deref(), Some("/static/wp/"));
    }

    #[test]
    fn bad_settings_name_the_problem() {
        let cases = [
            ("colour = \"red\"", "unknown key \"colour\" in [preprocessor.waker-playground] (known: url, theme, command"),
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
        ];
        for (line, needle) in cases {
            let e = parse(&format!("[preprocessor.waker-playground]\n{line}\n")).expect_err(line);
            assert!(e.contains(needle), "{line}: {e}");
        }
        assert!(parse("[preprocessor]\nwaker-playground = 5\n").unwrap_err().contains("should be a table"));
    }
}
