//! SCB PC-Axis (`.px`) files.
//!
//! A PX file is a sequence of `KEYWORD[lang]("variable","value")=value;` entries ending with
//! `DATA=`. What this reader handles (see FORMATS.md §2):
//! - entries spanning lines, strings split into several quoted pieces (concatenated), lists
//!   wrapping lines, `[lang]` and `("var")` qualifiers (the file's default language is read);
//! - the encoding from `CODEPAGE` (`iso-8859-1`, `windows-1252`, `utf-8`), else Windows-1252
//!   as `CHARSET="ANSI"` means; CRLF or LF;
//! - `STUB`/`HEADING` cells in row-major order, the last variable varying fastest; `CODES`
//!   (else `VALUES`, also as `"1982 Fagersta"`); `VARIABLECODE`; `TIMEVAL` (`TLIST(A1)`,
//!   `Q1`, `M1`, `H1`, lists and ranges); `ELIMINATION` as `YES` or a value name;
//!   `CONTVARIABLE` with per-content `UNITS`;
//! - quoted symbols in DATA (`"."` ... `"......"`, `"-"`) with the meanings of
//!   `DATASYMBOL1`-`6` and `DATASYMBOLNIL` kept as the status;
//! - the sparse `KEYS` layout (each DATA row starts with its key values).
//!
//! A file whose declared dimensions do not match its data, or that declares more cells than
//! the limit, is refused; the limit is checked before the cells are allocated.

use super::csv::{Layout, ReadOptions};
use super::cube::{Cube, Dim, Elimination, Role, assign_roles};
use super::text::{TextEncoding, missing_marker};
use crate::area::normalise;
use crate::error::{Error, Location, Result};
use std::collections::HashMap;

/// Whether `body` (after a BOM and leading white space) starts like a PX file: an upper-case
/// keyword followed by `=` or a qualifier, and a `DATA=` entry somewhere.
pub(crate) fn looks_like_px(body: &[u8]) -> bool {
    let name_len = body
        .iter()
        .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || **b == b'-')
        .count();
    if name_len < 3 || !matches!(body.get(name_len), Some(b'=') | Some(b'[') | Some(b'(')) {
        return false;
    }
    // Keywords a PX file starts with: enough to say what it is even when DATA= is cut off.
    const FIRST: [&[u8]; 6] = [
        b"CHARSET",
        b"AXIS-VERSION",
        b"CODEPAGE",
        b"LANGUAGE",
        b"CREATION-DATE",
        b"MATRIX",
    ];
    FIRST.contains(&&body[..name_len])
        || body.windows(5).any(|w| w == b"DATA=")
        || body
            .windows(6)
            .any(|w| w.starts_with(b"DATA") && w[4..].contains(&b'='))
}

/// One `KEYWORD[lang](args)=value;` entry.
#[derive(Debug, Clone)]
struct Entry<'a> {
    key: &'a str,
    lang: Option<&'a str>,
    args: Vec<String>,
    value: &'a str,
    line: u64,
}

/// A value item: a quoted string (its pieces concatenated) or a bare word.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Str(String),
    Word(String),
}

impl Item {
    fn text(&self) -> &str {
        match self {
            Item::Str(s) | Item::Word(s) => s,
        }
    }
}

/// Splits a value into items: `"a","b"` is two strings, `"a" "b"` (pieces on consecutive lines)
/// one string `ab`; bare words such as `YES` or `TLIST(A1)` are words.
fn items(raw: &str) -> std::result::Result<Vec<Item>, String> {
    let mut out: Vec<Item> = Vec::new();
    let mut chars = raw.char_indices().peekable();
    let mut joinable = false; // the last item is a string and no comma followed it yet
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let start = i + 1;
                let mut end = None;
                for (j, d) in chars.by_ref() {
                    if d == '"' {
                        end = Some(j);
                        break;
                    }
                }
                let Some(end) = end else {
                    return Err("a string is not closed by '\"'".to_string());
                };
                let piece = &raw[start..end];
                match out.last_mut() {
                    Some(Item::Str(s)) if joinable => s.push_str(piece),
                    _ => out.push(Item::Str(piece.to_string())),
                }
                joinable = true;
            }
            ',' => joinable = false,
            c if c.is_whitespace() => {}
            _ => {
                let mut end = raw.len();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_whitespace() || d == ',' || d == '"' {
                        end = j;
                        break;
                    }
                    chars.next();
                }
                out.push(Item::Word(raw[i..end].to_string()));
                joinable = false;
            }
        }
    }
    Ok(out)
}

/// The entries of a PX file up to `DATA=`, and where DATA's values start.
struct Parsed<'a> {
    entries: Vec<Entry<'a>>,
    data: Option<(usize, u64)>,
}

fn parse_entries<'a>(name: &str, text: &'a str) -> Result<Parsed<'a>> {
    let bytes = text.as_bytes();
    let mut pos = 0usize;
    let mut line = 1u64;
    let mut entries = Vec::new();
    let at = |line: u64| Location::file(name).line(line);
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            if bytes[pos] == b'\n' {
                line += 1;
            }
            pos += 1;
        }
        if pos >= bytes.len() {
            return Ok(Parsed {
                entries,
                data: None,
            });
        }
        let start_line = line;
        let key_start = pos;
        while pos < bytes.len()
            && (bytes[pos].is_ascii_alphanumeric() || bytes[pos] == b'-' || bytes[pos] == b'_')
        {
            pos += 1;
        }
        let key = &text[key_start..pos];
        if key.is_empty() {
            let found: String = text[pos..].chars().take(20).collect();
            return Err(Error::input(
                at(line),
                format!("expected a keyword such as TITLE= or DATA=, found \"{found}\""),
            ));
        }
        let mut lang = None;
        if bytes.get(pos) == Some(&b'[') {
            let close = text[pos..].find(']').map(|i| pos + i);
            let Some(close) = close.filter(|&c| !text[pos..c].contains('\n')) else {
                return Err(Error::input(
                    at(line),
                    format!("{key}: the language qualifier '[' is not closed by ']'"),
                ));
            };
            lang = Some(text[pos + 1..close].trim());
            pos = close + 1;
        }
        let mut args = Vec::new();
        if bytes.get(pos) == Some(&b'(') {
            pos += 1;
            loop {
                while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
                    if bytes[pos] == b'\n' {
                        line += 1;
                    }
                    pos += 1;
                }
                match bytes.get(pos) {
                    Some(b'"') => {
                        let Some(end) = text[pos + 1..].find('"').map(|i| pos + 1 + i) else {
                            return Err(Error::input(
                                at(line),
                                format!("{key}: a quoted variable name is not closed by '\"'"),
                            ));
                        };
                        args.push(text[pos + 1..end].to_string());
                        line += text[pos..end].matches('\n').count() as u64;
                        pos = end + 1;
                    }
                    Some(b',') => pos += 1,
                    Some(b')') => {
                        pos += 1;
                        break;
                    }
                    _ => {
                        return Err(Error::input(
                            at(line),
                            format!(
                                "{key}: expected quoted names in parentheses, as in {key}(\"region\")="
                            ),
                        ));
                    }
                }
            }
        }
        while pos < bytes.len() && (bytes[pos] == b' ' || bytes[pos] == b'\t') {
            pos += 1;
        }
        if bytes.get(pos) != Some(&b'=') {
            return Err(Error::input(
                at(line),
                format!("{key}: expected '=' after the keyword"),
            ));
        }
        pos += 1;
        if key == "DATA" {
            return Ok(Parsed {
                entries,
                data: Some((pos, line)),
            });
        }
        // The value runs to the next ';' outside quotes.
        let value_start = pos;
        let mut quoted = false;
        let mut quote_line = line;
        while pos < bytes.len() && (quoted || bytes[pos] != b';') {
            match bytes[pos] {
                b'"' => {
                    quoted = !quoted;
                    quote_line = line;
                }
                b'\n' => line += 1,
                _ => {}
            }
            pos += 1;
        }
        if pos >= bytes.len() {
            return Err(Error::input(
                at(if quoted { quote_line } else { start_line }),
                if quoted {
                    format!("{key}: a string is not closed by '\"' (the file is truncated?)")
                } else {
                    format!("{key}: the entry is not ended by ';' (the file is truncated?)")
                },
            ));
        }
        entries.push(Entry {
            key,
            lang,
            args,
            value: &text[value_start..pos],
            line: start_line,
        });
        pos += 1;
    }
}

/// Decodes a PX file by its CODEPAGE (else Windows-1252, as `CHARSET="ANSI"` means); a UTF-8
/// BOM means UTF-8. CRLF becomes LF.
fn decode(name: &str, bytes: &[u8]) -> Result<(String, TextEncoding)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(
            Location::file(name),
            "the file is empty: expected PX keywords and DATA",
        ));
    }
    if let Some(i) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..i].iter().filter(|&&b| b == b'\n').count() as u64;
        return Err(Error::input(
            Location::file(name).line(line),
            "a NUL byte: expected a text (PX) file, not a binary one",
        ));
    }
    let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    // CODEPAGE is ASCII: find it in the raw bytes before DATA.
    let mut codepage: Option<(String, u64)> = None;
    for (i, raw_line) in body.split(|&b| b == b'\n').enumerate() {
        let l = raw_line.trim_ascii_start();
        if l.starts_with(b"DATA") {
            break;
        }
        if let Some(rest) = l.strip_prefix(b"CODEPAGE") {
            let rest = String::from_utf8_lossy(rest);
            let label: String = rest
                .trim_start_matches(|c: char| c == '=' || c.is_whitespace())
                .trim_end_matches(|c: char| c == ';' || c.is_whitespace())
                .trim_matches('"')
                .to_string();
            codepage = Some((label, i as u64 + 1));
            break;
        }
    }
    let encoding = match &codepage {
        Some((label, line)) => encoding_rs::Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| {
                Error::input(
                    Location::file(name).line(*line),
                    format!(
                        "CODEPAGE: unknown code page \"{label}\": expected iso-8859-1, windows-1252 or utf-8"
                    ),
                )
            })?,
        None if bom => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1252,
    };
    let (text, kind) = if encoding == encoding_rs::UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => (
                s.to_string(),
                if bom {
                    TextEncoding::Utf8Bom
                } else {
                    TextEncoding::Utf8
                },
            ),
            Err(e) => {
                let good = e.valid_up_to();
                let line = 1 + body[..good].iter().filter(|&&b| b == b'\n').count() as u64;
                let byte = body.get(good).copied().unwrap_or(0);
                return Err(Error::input(
                    Location::file(name).line(line),
                    format!(
                        "the byte 0x{byte:02X} is not UTF-8, which {} says the file is: expected \
                         a CODEPAGE that matches the bytes (SCB's files are iso-8859-1)",
                        if codepage.is_some() {
                            "its CODEPAGE"
                        } else {
                            "its byte-order mark"
                        }
                    ),
                ));
            }
        }
    } else {
        let (s, _) = encoding.decode_without_bom_handling(body);
        (s.into_owned(), TextEncoding::Windows1252)
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok((text, kind))
}

/// The entries of the file's default language, looked up by keyword and arguments.
struct Meta<'a> {
    name: &'a str,
    entries: Vec<Entry<'a>>,
    index: HashMap<(&'a str, Vec<String>), usize>,
}

impl<'a> Meta<'a> {
    fn new(name: &'a str, all: Vec<Entry<'a>>) -> Result<Self> {
        let default_lang = all
            .iter()
            .find(|e| e.key == "LANGUAGE" && e.lang.is_none())
            .and_then(|e| items(e.value).ok())
            .and_then(|v| v.first().map(|i| i.text().to_string()));
        let entries: Vec<Entry<'a>> = all
            .into_iter()
            .filter(|e| match e.lang {
                None => true,
                Some(l) => default_lang.as_deref() == Some(l),
            })
            .collect();
        let mut index = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if let Some(first) = index.insert((e.key, e.args.clone()), i)
                && matches!(
                    e.key,
                    "STUB" | "HEADING" | "VALUES" | "CODES" | "KEYS" | "TIMEVAL" | "CONTVARIABLE"
                )
            {
                return Err(Error::input(
                    Location::file(name).line(e.line),
                    format!(
                        "{} is given twice (also on line {}): expected it once",
                        show_key(e),
                        entries[first].line
                    ),
                ));
            }
        }
        Ok(Meta {
            name,
            entries,
            index,
        })
    }

    fn get(&self, key: &str, args: &[&str]) -> Option<&Entry<'a>> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        // The first of duplicate entries counts (the index keeps the last: look it up again).
        let i = *self.index.get(&(key, args.clone()))?;
        self.entries[..=i]
            .iter()
            .find(|e| e.key == key && e.args == args)
    }

    fn items(&self, e: &Entry<'_>) -> Result<Vec<Item>> {
        items(e.value).map_err(|m| {
            Error::input(
                Location::file(self.name).line(e.line),
                format!("{}: {m}", show_key(e)),
            )
        })
    }

    /// A list of strings (`STUB`, `VALUES`).
    fn strings(&self, key: &str, args: &[&str]) -> Result<Option<(Vec<String>, u64)>> {
        let Some(e) = self.get(key, args) else {
            return Ok(None);
        };
        let list = self.items(e)?;
        Ok(Some((
            list.iter().map(|i| i.text().to_string()).collect(),
            e.line,
        )))
    }

    /// A single string or word (`CONTENTS`, `CODEPAGE`).
    fn string(&self, key: &str, args: &[&str]) -> Result<Option<String>> {
        Ok(self
            .strings(key, args)?
            .and_then(|(v, _)| (!v.is_empty()).then(|| v.join(" "))))
    }
}

/// Checks every string of the keywords (a string's pieces joined, as read) and their
/// arguments against [`Limits::max_field_bytes`](crate::Limits::max_field_bytes); the error
/// names the keyword's line and the keyword.
fn check_strings(name: &str, entries: &[Entry<'_>], limits: &crate::limits::Limits) -> Result<()> {
    for e in entries {
        let at = || Location::file(name).line(e.line);
        for arg in &e.args {
            limits.check_field(at(), &show_key(e), arg.len())?;
        }
        // A value that cannot be split is reported where it is used.
        for item in items(e.value).unwrap_or_default() {
            limits.check_field(at(), &show_key(e), item.text().len())?;
        }
    }
    Ok(())
}

fn show_key(e: &Entry<'_>) -> String {
    let mut s = e.key.to_string();
    if let Some(l) = e.lang {
        s.push_str(&format!("[{l}]"));
    }
    if !e.args.is_empty() {
        let quoted: Vec<String> = e.args.iter().map(|a| format!("\"{a}\"")).collect();
        s.push_str(&format!("({})", quoted.join(",")));
    }
    s
}

/// The TLIST format and, for the range form `TLIST(A1, "1994"-"1996")`, its values.
fn timeval(raw: &str) -> Option<(String, Option<Vec<String>>)> {
    let start = raw.find("TLIST(")? + "TLIST(".len();
    let rest = &raw[start..];
    let end = rest.find([',', ')'])?;
    let format = rest[..end].trim().to_string();
    let after = &rest[end..];
    if let Some(inner) = after.strip_prefix(',')
        && let Some(close) = inner.find(')')
        && let Some((a, b)) = inner[..close].split_once('-')
    {
        let (a, b) = (a.trim().trim_matches('"'), b.trim().trim_matches('"'));
        let (a, b): (i32, i32) = (a.parse().ok()?, b.parse().ok()?);
        if format.eq_ignore_ascii_case("A1") && a <= b && b - a < 1000 {
            return Some((format, Some((a..=b).map(|y| y.to_string()).collect())));
        }
        return Some((format, None));
    }
    Some((format, None))
}

/// Reads a PX file into a cube.
pub(crate) fn read(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Cube> {
    let max_cells = options.limits.max_cells;
    let (text, encoding) = decode(name, bytes)?;
    options.limits.check_lines(name, text.as_bytes())?;
    let parsed = parse_entries(name, &text)?;
    let Some((data_pos, data_line)) = parsed.data else {
        return Err(Error::input(
            Location::file(name),
            "no DATA= entry: expected the keywords, then DATA= with the values (the file is truncated?)",
        ));
    };
    check_strings(name, &parsed.entries, &options.limits)?;
    let meta = Meta::new(name, parsed.entries)?;
    let at = |line: u64| Location::file(name).line(line);

    let stub = meta.strings("STUB", &[])?;
    let heading = meta.strings("HEADING", &[])?;
    if stub.is_none() && heading.is_none() {
        return Err(Error::input(
            at(data_line),
            "neither STUB nor HEADING: expected the variables, e.g. STUB=\"region\"; HEADING=\"år\";",
        ));
    }
    let stub_vars = stub.map(|s| s.0).unwrap_or_default();
    let heading_vars = heading.map(|h| h.0).unwrap_or_default();
    let contvariable = meta.string("CONTVARIABLE", &[])?;

    let mut dims = Vec::new();
    for var in stub_vars.iter().chain(&heading_vars) {
        if dims.iter().any(|d: &Dim| &d.name == var) {
            return Err(Error::input(
                at(data_line),
                format!("the variable \"{var}\" is in STUB and HEADING twice: expected each once"),
            ));
        }
        dims.push(dim(&meta, var, contvariable.as_deref())?);
    }
    assign_roles(&mut dims);

    // The size check comes before anything is allocated for the cells.
    let mut total: usize = 1;
    for d in &dims {
        total = total.saturating_mul(d.len());
    }
    let sizes: Vec<String> = dims
        .iter()
        .map(|d| format!("{} {}", d.name, d.len()))
        .collect();
    if total > max_cells {
        return Err(Error::limit(
            at(data_line),
            format!(
                "the file declares {} cells ({}), more than the limit of {max_cells}: refused \
                 before reading",
                if total == usize::MAX {
                    "more than 2^64".to_string()
                } else {
                    total.to_string()
                },
                sizes.join(" × ")
            ),
            "max_cells",
        ));
    }

    let symbols = Symbols::new(&meta)?;
    let keys: Vec<(usize, bool)> = stub_vars
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            meta.string("KEYS", &[v])
                .ok()
                .flatten()
                .map(|k| (i, k.eq_ignore_ascii_case("CODES")))
        })
        .collect();
    let data = Data {
        name,
        text: &text[data_pos..],
        line: data_line,
    };
    let mut cube = Cube {
        name: name.to_string(),
        layout: if keys.is_empty() {
            Layout::Px
        } else {
            Layout::PxKeys
        },
        encoding,
        source: String::new(),
        namespace: "px",
        contents: meta.string("CONTENTS", &[])?.unwrap_or_default(),
        contents_code: meta.string("MATRIX", &[])?,
        unit: meta.string("UNITS", &[])?,
        dims,
        values: Vec::new(),
        present: None,
        status: HashMap::new(),
        statuses: symbols.statuses.clone(),
        lines: HashMap::new(),
        data_at: at(data_line),
        warnings: Vec::new(),
    };
    let source_text = meta
        .string("SOURCE", &[])?
        .unwrap_or_default()
        .to_lowercase();
    if ["scb", "statistics sweden", "statistiska centralbyrån"]
        .iter()
        .any(|s| source_text.contains(s))
    {
        cube.namespace = "scb";
    }
    let table_id = meta
        .string("TABLEID", &[])?
        .or_else(|| cube.contents_code.clone());
    cube.source = match &table_id {
        Some(id) => format!("{name} ({id})"),
        None => name.to_string(),
    };
    if cube.contents.is_empty() {
        cube.contents = meta.string("TITLE", &[])?.unwrap_or_default();
    }
    if keys.is_empty() {
        data.dense(&mut cube, total, &symbols, &sizes)?;
    } else {
        data.sparse(&mut cube, total, &symbols, &keys)?;
    }
    Ok(cube)
}

/// One variable from its VALUES, CODES, VARIABLECODE, TIMEVAL, ELIMINATION, UNITS.
fn dim(meta: &Meta<'_>, var: &str, contvariable: Option<&str>) -> Result<Dim> {
    let at = |line: u64| Location::file(meta.name).line(line);
    let Some((labels, line)) = meta.strings("VALUES", &[var])? else {
        return Err(Error::input(
            Location::file(meta.name),
            format!("no VALUES(\"{var}\"): expected the values of every STUB and HEADING variable"),
        ));
    };
    if labels.is_empty() {
        return Err(Error::input(
            at(line),
            format!("VALUES(\"{var}\") is empty: expected at least one value"),
        ));
    }
    let codes = match meta.strings("CODES", &[var])? {
        Some((codes, cline)) => {
            if codes.len() != labels.len() {
                return Err(Error::input(
                    at(cline),
                    format!(
                        "CODES(\"{var}\") has {} codes but VALUES(\"{var}\") has {} values: expected as many",
                        codes.len(),
                        labels.len()
                    ),
                ));
            }
            codes
        }
        None => labels.clone(),
    };
    let mut role = Role::Other;
    let mut time_format = None;
    if let Some(e) = meta.get("TIMEVAL", &[var]) {
        role = Role::Time;
        if let Some((format, range)) = timeval(e.value) {
            time_format = Some(format);
            if let Some(range) = range
                && range.len() != labels.len()
            {
                return Err(Error::input(
                    at(e.line),
                    format!(
                        "TIMEVAL(\"{var}\") spans {} periods but VALUES(\"{var}\") has {}: expected as many",
                        range.len(),
                        labels.len()
                    ),
                ));
            }
        }
    }
    match meta.string("VARIABLE-TYPE", &[var])?.as_deref() {
        Some("T") | Some("t") => role = Role::Time,
        Some("G") | Some("g") if role == Role::Other => role = Role::Region,
        _ => {}
    }
    if contvariable == Some(var) {
        role = Role::Content;
    }
    if role == Role::Other
        && (meta.get("MAP", &[var]).is_some()
            || meta
                .string("DOMAIN", &[var])?
                .is_some_and(|d| normalise(&d).starts_with("region")))
    {
        role = Role::Region;
    }
    let elimination = match meta.get("ELIMINATION", &[var]) {
        None => Elimination::Unknown,
        Some(e) => match meta.items(e)?.first() {
            Some(Item::Word(w)) if w.eq_ignore_ascii_case("YES") => Elimination::Sum,
            Some(Item::Word(w)) if w.eq_ignore_ascii_case("NO") => Elimination::No,
            Some(item) => {
                let v = item.text();
                match labels
                    .iter()
                    .position(|l| l == v)
                    .or_else(|| codes.iter().position(|c| c == v))
                {
                    Some(i) => Elimination::Value(i),
                    None => {
                        return Err(Error::input(
                            at(e.line),
                            format!(
                                "ELIMINATION(\"{var}\")=\"{v}\" is not one of VALUES(\"{var}\"): expected YES, NO or a value name"
                            ),
                        ));
                    }
                }
            }
            None => Elimination::Unknown,
        },
    };
    let units = if role == Role::Content {
        labels
            .iter()
            .map(|l| meta.string("UNITS", &[l]))
            .collect::<Result<Vec<_>>>()?
    } else {
        Vec::new()
    };
    Ok(Dim {
        name: var.to_string(),
        code: meta
            .string("VARIABLECODE", &[var])?
            .unwrap_or_else(|| var.to_string()),
        codes,
        labels,
        role,
        elimination,
        time_format,
        units,
        at: at(line),
        what: format!("VALUES(\"{var}\")"),
    })
}

/// The quoted symbols of DATA and the status each stands for.
struct Symbols {
    by_symbol: HashMap<String, u32>,
    statuses: Vec<String>,
}

impl Symbols {
    /// `"."` ... `"......"` take the meaning of DATASYMBOL1-6, `"-"` that of DATASYMBOLNIL.
    /// The status is `missing`, `suppressed` or `nil` by the symbol (or by the meaning, when the
    /// meaning is itself a symbol, as in SCB's `DATASYMBOL3=".."`), followed by the meaning
    /// when it is words (`missing;n.a.`).
    fn new(meta: &Meta<'_>) -> Result<Self> {
        let mut s = Symbols {
            by_symbol: HashMap::new(),
            statuses: Vec::new(),
        };
        for n in 1..=6usize {
            let symbol = ".".repeat(n);
            let meaning = meta.string(&format!("DATASYMBOL{n}"), &[])?;
            s.add(&symbol, meaning.as_deref());
        }
        let nil = meta.string("DATASYMBOLNIL", &[])?;
        s.add("-", nil.as_deref());
        Ok(s)
    }

    fn add(&mut self, symbol: &str, meaning: Option<&str>) {
        let meaning = meaning.map(str::trim).filter(|m| !m.is_empty());
        let base = meaning
            .and_then(missing_marker)
            .or_else(|| missing_marker(symbol))
            .unwrap_or("missing");
        let mut status = base.to_string();
        if let Some(m) = meaning
            && missing_marker(m).is_none()
        {
            status.push(';');
            status.push_str(&m.replace(';', ","));
        }
        let i = match self.statuses.iter().position(|x| *x == status) {
            Some(i) => i,
            None => {
                self.statuses.push(status);
                self.statuses.len() - 1
            }
        };
        self.by_symbol.insert(symbol.to_string(), i as u32);
    }
}

/// A DATA token: a number, a symbol (quoted, or a bare marker), or the end.
enum Tok<'a> {
    Number(f64),
    Symbol(&'a str),
    Quoted(&'a str),
    End,
    Eof,
}

/// The DATA part of a file.
struct Data<'a> {
    name: &'a str,
    text: &'a str,
    line: u64,
}

/// A cursor over DATA that tracks the line.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: u64,
}

impl<'a> Cursor<'a> {
    fn next(&mut self, name: &str) -> Result<(Tok<'a>, u64)> {
        let b = self.text.as_bytes();
        while self.pos < b.len() && (b[self.pos].is_ascii_whitespace() || b[self.pos] == b',') {
            if b[self.pos] == b'\n' {
                self.line += 1;
            }
            self.pos += 1;
        }
        let line = self.line;
        match b.get(self.pos) {
            None => Ok((Tok::Eof, line)),
            Some(b';') => {
                self.pos += 1;
                Ok((Tok::End, line))
            }
            Some(b'"') => {
                let start = self.pos + 1;
                let Some(len) = self.text[start..].find(['"', '\n']) else {
                    return Err(Error::input(
                        Location::file(name).line(line),
                        "DATA: a quoted symbol is not closed by '\"' (the file is truncated?)",
                    ));
                };
                if b[start + len] == b'\n' {
                    return Err(Error::input(
                        Location::file(name).line(line),
                        "DATA: a quoted symbol is not closed by '\"' on its line",
                    ));
                }
                self.pos = start + len + 1;
                Ok((Tok::Quoted(&self.text[start..start + len]), line))
            }
            Some(_) => {
                let start = self.pos;
                while self.pos < b.len()
                    && !b[self.pos].is_ascii_whitespace()
                    && !matches!(b[self.pos], b',' | b';' | b'"')
                {
                    self.pos += 1;
                }
                let word = &self.text[start..self.pos];
                if missing_marker(word).is_some() {
                    return Ok((Tok::Symbol(word), line));
                }
                let numeric = word
                    .bytes()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'e' | b'E'))
                    && word.bytes().any(|c| c.is_ascii_digit());
                match word.parse::<f64>() {
                    Ok(v) if numeric && v.is_finite() => Ok((Tok::Number(v), line)),
                    _ => Err(Error::input(
                        Location::file(name).line(line),
                        format!(
                            "DATA: expected a number or a quoted symbol such as \"..\", found \"{word}\""
                        ),
                    )),
                }
            }
        }
    }
}

impl Data<'_> {
    fn cursor(&self) -> Cursor<'_> {
        Cursor {
            text: self.text,
            pos: 0,
            line: self.line,
        }
    }

    fn at(&self, line: u64) -> Location {
        Location::file(self.name).line(line)
    }

    /// Stores one cell value or symbol.
    fn put(
        &self,
        cube: &mut Cube,
        cell: usize,
        tok: Tok<'_>,
        line: u64,
        symbols: &Symbols,
    ) -> Result<()> {
        let slot = cube
            .values
            .get_mut(cell)
            .ok_or_else(|| Error::input(self.at(line), "DATA: a cell outside the table"))?;
        match tok {
            Tok::Number(v) => *slot = Some(v),
            Tok::Symbol(s) | Tok::Quoted(s) => {
                let Some(&status) = symbols.by_symbol.get(s) else {
                    return Err(Error::input(
                        self.at(line),
                        format!(
                            "DATA: unknown symbol \"{s}\": expected a number or one of \".\", \"..\", \
                             \"...\", \"....\", \".....\", \"......\", \"-\""
                        ),
                    ));
                };
                *slot = None;
                cube.status.insert(cell, status);
                cube.lines.insert(cell, line);
            }
            Tok::End | Tok::Eof => {}
        }
        Ok(())
    }

    /// Row-major cells over STUB × HEADING.
    fn dense(
        &self,
        cube: &mut Cube,
        total: usize,
        symbols: &Symbols,
        sizes: &[String],
    ) -> Result<()> {
        cube.values = vec![None; total];
        let mut cur = self.cursor();
        let mut n = 0usize;
        loop {
            let (tok, line) = cur.next(self.name)?;
            match tok {
                Tok::End => break,
                Tok::Eof => {
                    return Err(Error::input(
                        self.at(line),
                        format!(
                            "DATA ends after {n} of the {total} values without ';': the file is truncated"
                        ),
                    ));
                }
                tok => {
                    if n >= total {
                        return Err(Error::input(
                            self.at(line),
                            format!(
                                "DATA holds more values than the {total} cells that STUB and HEADING declare \
                                 ({}): the dimensions do not match the data",
                                sizes.join(" × ")
                            ),
                        ));
                    }
                    self.put(cube, n, tok, line, symbols)?;
                    n += 1;
                }
            }
        }
        if n < total {
            return Err(Error::input(
                self.at(cur.line),
                format!(
                    "DATA holds {n} values, but STUB and HEADING declare {total} cells ({}): the \
                     dimensions do not match the data",
                    sizes.join(" × ")
                ),
            ));
        }
        Ok(())
    }

    /// The KEYS layout: each row starts with the values (or codes) of the key variables, then
    /// the cells of the other STUB variables × HEADING.
    fn sparse(
        &self,
        cube: &mut Cube,
        total: usize,
        symbols: &Symbols,
        keys: &[(usize, bool)],
    ) -> Result<()> {
        let k = keys.len();
        if keys.iter().enumerate().any(|(i, (d, _))| i != *d) {
            return Err(Error::input(
                self.at(self.line),
                "KEYS: the key variables must come first in STUB: expected KEYS for the first STUB variables",
            ));
        }
        let row_len: usize = cube.dims[k..].iter().map(|d| d.len()).product();
        let mut strides = vec![0usize; k];
        for (i, s) in strides.iter_mut().enumerate() {
            *s = cube.dims[i + 1..].iter().map(|d| d.len()).product();
        }
        cube.values = vec![None; total];
        let mut present = vec![false; total];
        let mut cur = self.cursor();
        loop {
            let (tok, line) = cur.next(self.name)?;
            let mut base = 0usize;
            match tok {
                Tok::End => break,
                Tok::Eof => {
                    return Err(Error::input(
                        self.at(line),
                        "DATA is not ended by ';': the file is truncated",
                    ));
                }
                Tok::Quoted(first) => {
                    let mut key = first;
                    for (i, &(d, by_code)) in keys.iter().enumerate() {
                        if i > 0 {
                            match cur.next(self.name)? {
                                (Tok::Quoted(s), _) => key = s,
                                _ => {
                                    return Err(Error::input(
                                        self.at(line),
                                        format!(
                                            "DATA: expected {k} quoted keys at the start of the row"
                                        ),
                                    ));
                                }
                            }
                        }
                        let dim = &cube.dims[d];
                        let list = if by_code { &dim.codes } else { &dim.labels };
                        let Some(v) = list.iter().position(|x| x == key) else {
                            return Err(Error::input(
                                self.at(line),
                                format!(
                                    "DATA: the key \"{key}\" is not one of the {} of \"{}\"",
                                    if by_code { "CODES" } else { "VALUES" },
                                    dim.name
                                ),
                            ));
                        };
                        base += v * strides[i];
                    }
                }
                _ => {
                    return Err(Error::input(
                        self.at(line),
                        format!(
                            "DATA: expected a row starting with {k} quoted key{} (KEYS layout), found a value",
                            if k == 1 { "" } else { "s" }
                        ),
                    ));
                }
            }
            if present.get(base).copied().unwrap_or(false) {
                return Err(Error::input(
                    self.at(line),
                    "DATA: this key row is given twice: expected each key combination once",
                ));
            }
            for j in 0..row_len {
                let (tok, vline) = cur.next(self.name)?;
                match tok {
                    Tok::Number(_) | Tok::Symbol(_) | Tok::Quoted(_) => {
                        self.put(cube, base + j, tok, vline, symbols)?;
                        if let Some(p) = present.get_mut(base + j) {
                            *p = true;
                        }
                    }
                    _ => {
                        return Err(Error::input(
                            self.at(vline),
                            format!(
                                "DATA: the row of line {line} has {j} values, expected {row_len} (the \
                                 other STUB variables × HEADING): the dimensions do not match the data"
                            ),
                        ));
                    }
                }
            }
        }
        cube.present = Some(present);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_join_pieces_and_split_lists() {
        let got = items("\"Parts of Sö\"\n\"dertälje\", \"b\",\n\"c\"").unwrap();
        assert_eq!(
            got,
            vec![
                Item::Str("Parts of Södertälje".into()),
                Item::Str("b".into()),
                Item::Str("c".into())
            ]
        );
        assert_eq!(
            items("TLIST(A1),\"2020\"").unwrap(),
            vec![Item::Word("TLIST(A1)".into()), Item::Str("2020".into())]
        );
        assert_eq!(items("YES").unwrap(), vec![Item::Word("YES".into())]);
        assert!(items("\"open").is_err());
    }

    #[test]
    fn timeval_forms() {
        assert_eq!(
            timeval("TLIST(A1),\"2020\",\"2021\""),
            Some(("A1".into(), None))
        );
        assert_eq!(
            timeval("TLIST(A1, \"1994\"-\"1996\")"),
            Some((
                "A1".into(),
                Some(vec!["1994".into(), "1995".into(), "1996".into()])
            ))
        );
        assert_eq!(timeval("TLIST(M1),\"2025M11\""), Some(("M1".into(), None)));
        assert_eq!(timeval("\"2020\""), None);
    }

    #[test]
    fn symbols_keep_their_meanings() {
        let text =
            "DATASYMBOL1=\"n.a.\";\nDATASYMBOL3=\"..\";\nDATASYMBOLNIL=\"nothing\";\nDATA=\n1;";
        let parsed = parse_entries("x.px", text).unwrap();
        let meta = Meta::new("x.px", parsed.entries).unwrap();
        let s = Symbols::new(&meta).unwrap();
        let status = |sym: &str| s.statuses[s.by_symbol[sym] as usize].clone();
        assert_eq!(status("."), "missing;n.a.");
        assert_eq!(status(".."), "suppressed");
        assert_eq!(status("..."), "suppressed"); // shown as ".." in SCB's own files
        assert_eq!(status("...."), "missing");
        assert_eq!(status("-"), "nil;nothing");
    }

    #[test]
    fn detection() {
        assert!(looks_like_px(b"CHARSET=\"ANSI\";\nDATA=\n1;"));
        assert!(looks_like_px(b"AXIS-VERSION=\"2010\";\nDATA=\n1;"));
        assert!(!looks_like_px(b"area,period,indicator,count\n"));
        assert!(!looks_like_px(b"Kommun;Antal\n"));
        assert!(!looks_like_px(b"TITLE=\"x\";\n")); // no DATA
    }
}
