//! Text decoding and the Swedish spelling of numbers and missing-value markers.

use crate::error::{Error, Location, Result};

/// The encoding a text file was found to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (Brå's CSV files).
    Utf8Bom,
    /// Windows-1252 (a superset of ISO-8859-1), as SCB's "ANSI" exports and old Excel.
    Windows1252,
    /// UTF-16 with a byte-order mark (Excel's "Unicode text" export).
    Utf16,
    /// Not a text file: an Excel workbook (its strings are Unicode inside).
    Binary,
}

impl TextEncoding {
    /// The encoding of a UTF-8 text (JSON): [`TextEncoding::Utf8Bom`] when it starts with a
    /// byte-order mark.
    pub(crate) fn of_utf8(bytes: &[u8]) -> TextEncoding {
        if bytes.starts_with(b"\xEF\xBB\xBF") {
            TextEncoding::Utf8Bom
        } else {
            TextEncoding::Utf8
        }
    }
}

/// A delimited field as every reader takes it: without surrounding white space or a stray
/// byte-order mark.
pub(crate) fn trim_field(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Decodes `bytes` as UTF-8 (with or without BOM), falling back to Windows-1252, and turns
/// CRLF (and lone CR) line ends into LF so that line numbers in messages are right.
pub(crate) fn decode(name: &str, bytes: &[u8]) -> Result<(String, TextEncoding)> {
    let (text, encoding) = decode_raw(name, bytes)?;
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok((text, encoding))
}

fn decode_raw(name: &str, bytes: &[u8]) -> Result<(String, TextEncoding)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(
            Location::file(name),
            "the file is empty: expected a header row and data rows",
        ));
    }
    // Excel's "Unicode text" (tab-separated UTF-16LE with a byte-order mark).
    for (bom, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(body) = bytes.strip_prefix(bom) {
            let (s, bad) = encoding.decode_without_bom_handling(body);
            if bad || s.contains('\0') {
                return Err(Error::input(
                    Location::file(name),
                    "the file starts like UTF-16 text but is not valid UTF-16: expected a text \
                     file in UTF-8, Windows-1252 or UTF-16",
                ));
            }
            return Ok((s.into_owned(), TextEncoding::Utf16));
        }
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        // ASCII text in UTF-16 without a byte-order mark: every other byte is NUL.
        let sample = &bytes[..bytes.len().min(256)];
        let nul_share = sample.iter().filter(|&&b| b == 0).count() as f64 / sample.len() as f64;
        let line = 1 + bytes[..i].iter().filter(|&&b| b == b'\n').count() as u64;
        let what = if (0.3..=0.7).contains(&nul_share) {
            "the file looks like UTF-16 text without a byte-order mark: expected UTF-8 or \
             Windows-1252 (save it as \"CSV UTF-8\"), or UTF-16 with its byte-order mark"
        } else {
            "the file contains NUL bytes: expected a text (CSV) file, not a binary one \
             (an Excel file must be saved as CSV first)"
        };
        return Err(Error::input(Location::file(name).line(line), what));
    }
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(s) => Ok((
            s.to_string(),
            if bom {
                TextEncoding::Utf8Bom
            } else {
                TextEncoding::Utf8
            },
        )),
        Err(_) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            Ok((s.into_owned(), TextEncoding::Windows1252))
        }
    }
}

/// A cell read as a number, or the reason it is missing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// A finite number.
    Number(f64),
    /// A missing-value marker, with the status it stands for.
    Missing(&'static str),
}

/// The status a missing-value marker stands for, if `s` is one.
pub(crate) fn missing_marker(s: &str) -> Option<&'static str> {
    match s {
        "" => Some("missing"),
        ".." => Some("suppressed"),
        "." | "..." | "...." | "....." | "......" => Some("missing"),
        "-" | "–" | "—" => Some("nil"),
        _ => None,
    }
}

/// Reads a number as Swedish files write it: spaces, no-break spaces or thin spaces as
/// thousands separators (`11 777`), a decimal comma (`812,3`), a trailing `.0` (`181.0`),
/// and the markers `..` (suppressed), `.` (missing), `-` (nil) and an empty cell.
///
/// Returns the text of what was expected on failure.
pub(crate) fn parse_cell(raw: &str) -> std::result::Result<Cell, String> {
    let s = trim_field(raw);
    if let Some(status) = missing_marker(s) {
        return Ok(Cell::Missing(status));
    }
    // A plain number (`181.0`, `-3`, `1e5`), as most cells are: nothing below would change it,
    // so it is parsed as it stands, without the copies.
    if s.bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return match s.parse::<f64>() {
            Ok(v) if v.is_finite() && s.bytes().any(|b| b.is_ascii_digit()) => Ok(Cell::Number(v)),
            _ => Err(format!("expected a number, found \"{raw}\"")),
        };
    }
    let mut t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\'')
        .collect();
    if t.contains(',') {
        if t.contains('.') {
            return Err(format!(
                "expected a number, found \"{raw}\" (both ',' and '.' in it)"
            ));
        }
        t = t.replace(',', ".");
    }
    let t = t.replace('\u{2212}', "-");
    let looks_numeric = !t.is_empty()
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
        && t.bytes().any(|b| b.is_ascii_digit());
    match t.parse::<f64>() {
        Ok(v) if v.is_finite() && looks_numeric => Ok(Cell::Number(v)),
        _ => Err(format!("expected a number, found \"{raw}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_numbers() {
        let n = |s: &str| match parse_cell(s).unwrap() {
            Cell::Number(v) => v,
            Cell::Missing(m) => panic!("{s} missing: {m}"),
        };
        assert_eq!(n("11 777"), 11777.0);
        assert_eq!(n("2\u{a0}537"), 2537.0);
        assert_eq!(n("1\u{202f}002,7"), 1002.7);
        assert_eq!(n("812,3"), 812.3);
        assert_eq!(n("181.0"), 181.0);
        assert_eq!(n("-3"), -3.0);
        assert_eq!(n("\u{2212}3"), -3.0);
        assert_eq!(parse_cell("..").unwrap(), Cell::Missing("suppressed"));
        assert_eq!(parse_cell("-").unwrap(), Cell::Missing("nil"));
        assert_eq!(parse_cell(" ").unwrap(), Cell::Missing("missing"));
        for bad in ["abc", "NaN", "inf", "1,2.3", "12a", "e"] {
            assert!(parse_cell(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn decodes_bom_and_windows_1252() {
        let (s, e) = decode("x", b"\xEF\xBB\xBFKommun;Antal").unwrap();
        assert_eq!((s.as_str(), e), ("Kommun;Antal", TextEncoding::Utf8Bom));
        let (s, e) = decode("x", b"V\xE4ster\xE5s;K\xF6ping").unwrap();
        assert_eq!(
            (s.as_str(), e),
            ("Västerås;Köping", TextEncoding::Windows1252)
        );
        let utf16: Vec<u8> = "\u{feff}Kommun\tAntal\nVästerås\t12\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (s, e) = decode("x", &utf16).unwrap();
        assert_eq!(
            (s.as_str(), e),
            ("Kommun\tAntal\nVästerås\t12\n", TextEncoding::Utf16)
        );
        let err = decode("x", &utf16[2..]).unwrap_err().to_string();
        assert!(
            err.contains("UTF-16 text without a byte-order mark"),
            "{err}"
        );
        assert!(decode("x", b"").is_err());
        assert!(decode("x", b"PK\x03\x04\x00\x00").is_err());
    }
}
