//! Reading the user's TOML files (areas, indicators) with errors that say where.

use crate::error::{Error, Location, Result};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Reads a whole file as UTF-8 text.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        Error::input(
            Location::file(path.display().to_string()),
            format!(
                "expected a UTF-8 text (TOML) file, found invalid UTF-8 at byte {}",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// Parses `text` (from the file `name`) into `T`; a syntax or shape error names the line.
pub(crate) fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let mut at = Location::file(name);
        if let Some(span) = e.span() {
            at = at.line(line_at(text, span.start));
        }
        Error::input(at, message(&e, text))
    })
}

/// The message of a TOML error, naming the key where the parser only points at it
/// (`duplicate key "owner"`).
pub(crate) fn message(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim();
    match e.span().and_then(|s| text.get(s)) {
        Some(key) if message == "duplicate key" => {
            format!("duplicate key \"{}\": expected each key once", key.trim())
        }
        _ => message.to_string(),
    }
}

/// The 1-based line of byte `offset` in `text`.
pub(crate) fn line_at(text: &str, offset: usize) -> u64 {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}

/// The location of a spanned value in the file `name`.
pub(crate) fn at(name: &str, text: &str, span: std::ops::Range<usize>) -> Location {
    Location::file(name).line(line_at(text, span.start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        a: i32,
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse::<Doc>("x.toml", "# comment\n\nb = 1\n").expect_err("unknown field");
        assert!(err.to_string().starts_with("x.toml:3: "), "{err}");
        let err = parse::<Doc>("x.toml", "a = 1\na = \n").expect_err("syntax");
        assert!(err.to_string().starts_with("x.toml:2: "), "{err}");
        assert_eq!(line_at("a\nb\nc", 4), 3);
        let err = parse::<Doc>("x.toml", "a = 1\na = 2\n").expect_err("duplicate");
        assert_eq!(
            err.to_string(),
            "x.toml:2: duplicate key \"a\": expected each key once"
        );
    }
}
