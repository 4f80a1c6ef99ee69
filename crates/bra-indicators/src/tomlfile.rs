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

/// Refuses a TOML text (from the file `name`) with a string, or a line, longer than the
/// default [`Limits::max_field_bytes`](crate::Limits::max_field_bytes) (64 KiB: a name or
/// label of a goals file, report config, areas or indicators file is a few words); the error
/// names the line, the column and the key. Runs before the text is parsed. The cap is fixed
/// (the loaders take no limits), so the error is an [`Error::Input`], not an
/// [`Error::Limit`] that would ask to raise it.
pub(crate) fn check_strings(name: &str, text: &str) -> Result<()> {
    check_strings_within(name, text).map_err(|e| match e {
        Error::Limit {
            location, message, ..
        } => Error::input(location, message),
        other => other,
    })
}

fn check_strings_within(name: &str, text: &str) -> Result<()> {
    let limits = crate::limits::Limits::default();
    let max = limits.max_field_bytes;
    if text.len() <= max {
        return Ok(());
    }
    let b = text.as_bytes();
    let at = |start: usize| {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() as u64 + 1;
        let before = text[line_start..start].trim_end();
        let key = match before.strip_suffix('=') {
            Some(k) if !k.trim().is_empty() && k.trim().len() <= max => k.trim(),
            _ => "a string",
        };
        (
            Location::file(name)
                .line(line_at(text, start))
                .column(column),
            key,
        )
    };
    let mut i = 0;
    let mut line_start = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                if i - line_start > max {
                    let (loc, _) = at(line_start);
                    return limits.check_field(loc, "the line", i - line_start);
                }
                line_start = i + 1;
                i += 1;
            }
            b'#' => i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n),
            q @ (b'"' | b'\'') => {
                let triple = b[i..].starts_with(if q == b'"' { b"\"\"\"" } else { b"\'\'\'" });
                let open = if triple { 3 } else { 1 };
                let mut j = i + open;
                while j < b.len() {
                    if q == b'"' && b[j] == b'\\' {
                        j += 2;
                        continue;
                    }
                    if b[j] == q && (!triple || b[j..].starts_with(&[q, q, q])) {
                        break;
                    }
                    if !triple && b[j] == b'\n' {
                        break; // an unclosed string: the TOML parser says where
                    }
                    j += 1;
                }
                let len = j.min(b.len()) - (i + open);
                if len > max {
                    let (loc, key) = at(i);
                    return limits.check_field(loc, key, len);
                }
                // Newlines inside a multi-line string are not line ends of the file's lines.
                if let Some(n) = b[i..j.min(b.len())].iter().rposition(|&c| c == b'\n') {
                    line_start = i + n + 1;
                }
                i = (j + if triple { 3 } else { 1 }).min(b.len());
            }
            _ => i += 1,
        }
    }
    if b.len() - line_start > max {
        let (loc, _) = at(line_start);
        return limits.check_field(loc, "the line", b.len() - line_start);
    }
    Ok(())
}

/// Parses `text` (from the file `name`) into `T`; a syntax or shape error names the line, and
/// a string longer than the field cap is refused first ([`check_strings`]).
pub(crate) fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Result<T> {
    check_strings(name, text)?;
    toml::from_str(text).map_err(|e| {
        let mut at = Location::file(name);
        if let Some(span) = e.span() {
            at = at.line(line_at(text, span.start));
        }
        Error::input(at, message(&e, text))
    })
}

/// The message of a TOML error, naming the key where the parser only points at it
/// (`duplicate key "owner"`), and a value of the wrong type as `key "title": expected a
/// string, found integer `5`` rather than serde's `invalid type: ...`.
pub(crate) fn message(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim();
    match e.span().and_then(|s| text.get(s.clone()).map(|k| (s, k))) {
        Some((_, key)) if message == "duplicate key" => {
            format!("duplicate key \"{}\": expected each key once", key.trim())
        }
        Some((span, _)) if message.starts_with("invalid type: ") => {
            let rest = &message["invalid type: ".len()..];
            let what = match rest.split_once(", expected ") {
                Some((found, expected)) => {
                    // serde names Rust types: say what they are.
                    let expected = match expected.trim() {
                        "f64" | "f32" => "a number",
                        "i64" | "i32" | "i16" | "i8" | "u64" | "u32" | "u16" | "u8" | "usize" => {
                            "an integer"
                        }
                        other => other,
                    };
                    format!("expected {expected}, found {found}")
                }
                None => format!("a value of the wrong type: {rest}"),
            };
            // The key of `key = value` (also inside an inline table, `{ key = value`) on the
            // line where the value starts.
            let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let key = text[line_start..span.start]
                .trim_end()
                .strip_suffix('=')
                .map(|k| k.rsplit(['{', ',']).next().unwrap_or(k).trim())
                .filter(|k| !k.is_empty());
            match key {
                Some(key) => format!("key \"{key}\": {what}"),
                None => what,
            }
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
    fn long_strings_are_refused_with_line_column_and_key() {
        let long = "x".repeat(70_000);
        let text = format!("# a \"comment\n[[goal]]\nid = \"a\"\ntitle = \"{long}\"\n");
        let err = check_strings("g.toml", &text).unwrap_err();
        assert!(
            err.to_string().starts_with(
                "g.toml:4:9: field \"title\" is 70,000 bytes long, longer than the limit of 65,536"
            ),
            "{err}"
        );
        let text = format!("a = \'\'\'\n{long}\'\'\'\n");
        let err = check_strings("g.toml", &text).unwrap_err();
        assert!(
            err.to_string().starts_with("g.toml:1:5: field \"a\""),
            "{err}"
        );
        let text = format!("a = [\n  \"{}\",\n  \"x\\\"y\"]\n", "y".repeat(60_000));
        assert!(check_strings("g.toml", &text).is_ok());
        let text = format!("{long} = 1\n");
        let err = check_strings("g.toml", &text).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("g.toml:1:1: field \"the line\""),
            "{err}"
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = parse::<Doc>("x.toml", "# comment\n\nb = 1\n").expect_err("unknown field");
        assert!(err.to_string().starts_with("x.toml:3: "), "{err}");
        let err = parse::<Doc>("x.toml", "a = 1\na = \n").expect_err("syntax");
        assert!(err.to_string().starts_with("x.toml:2: "), "{err}");
        assert_eq!(line_at("a\nb\nc", 4), 3);
        let err = parse::<Doc>("x.toml", "a = \"x\"\n").expect_err("a string");
        assert_eq!(
            err.to_string(),
            "x.toml:1: key \"a\": expected an integer, found string \"x\""
        );
        let err = parse::<Doc>("x.toml", "a = 1\na = 2\n").expect_err("duplicate");
        assert_eq!(
            err.to_string(),
            "x.toml:2: duplicate key \"a\": expected each key once"
        );
    }
}
