//! A fast reader for large canonical counts files (the national table: ~10 million rows).
//!
//! polars' multi-threaded CSV reader parses every used column straight into a categorical
//! (dictionary-encoded) column, so each row costs a few codes instead of several
//! `String`s. Every check and conversion of the slow reader (`csv.rs`) then runs once per
//! *distinct* value (a few hundred areas, periods and indicators, some thousand counts) with
//! the very same functions: the tolerant area lookup, the period parser, the indicator
//! registry, the Swedish number parser. Duplicate keys are found on the dictionary codes.
//!
//! A counts file ([`read_counts`]) is read and parsed in chunks of 2 MiB, each cut after a
//! line end and given a copy of the header; one thread parses two chunks at a time side by
//! side while another merges the chunks' codes and distinct strings in file order, so the
//! whole file is never held: the peak is a code a row and column read (one byte while a
//! column has fewer than 256 distinct strings, two below 65,536) plus what parsing a few
//! chunks takes.
//!
//! Every CSV shape of the canonical layout is read this way: `,`, `;` or tab; UTF-8 or
//! Windows-1252 (decoded chunk by chunk, then the same path); quoted fields; area codes or names;
//! indicator ids, registry labels or other labels (given the id of their slug, with one
//! warning per distinct label, as the slow reader gives it); Swedish numbers in the count
//! (`1 577,0`, parsed once per distinct string).
//!
//! The fast reader gives up (returns `None`) on anything it cannot read exactly as the slow
//! reader would: another layout than the plain canonical one, UTF-16, NUL bytes, a line end
//! inside quotes or a quote inside an unquoted field, ragged lines or lines of only spaces or
//! delimiters (empty lines are dropped before parsing, their line numbers kept), an unknown area
//! or a district outside the built-in list, a bad period or count, an empty indicator, a
//! duplicate key. The caller then reads the file with the slow reader, which gives the same
//! table or the precise file:line:column message.

use super::csv::{CanonicalColumns, Layout, canonical_header};
use super::records::sniff_delimiter;
use super::resolve as lookup;
use super::text::{Cell, missing_marker, parse_cell, trim_field as trim};
use super::{Ingested, TextEncoding};
use crate::area::AreaRegistry;
use crate::coded::{Coded, CodedArea, CodedCounts, Codes, CountCell, LineMap, get_or_first};
use crate::error::Location;
use crate::limits::Limits;
use crate::period::Period;
use crate::table::{Observation, Table, add_status};
use crate::warning::{Warning, WarningKind};
use polars::prelude::*;
use std::collections::HashMap;
use std::path::Path;

/// The bytes without their empty lines (`\n\n`, `\r\n\r\n`) after the header, and where they
/// were: the slow reader skips them but counts their lines. Unchanged without empty lines.
fn drop_empty_lines(bytes: Vec<u8>) -> (Vec<u8>, LineMap) {
    if memchr::memmem::find(&bytes, b"\n\n").is_none()
        && memchr::memmem::find(&bytes, b"\n\r\n").is_none()
    {
        return (bytes, LineMap::default());
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = LineMap::default();
    let mut lines = bytes.split_inclusive(|&b| b == b'\n');
    // The header (the first line) is left to the shape check.
    if let Some(header) = lines.next() {
        out.extend_from_slice(header);
    }
    let mut rows = 0usize;
    for line in lines {
        if line == b"\n" || line == b"\r\n" {
            map.blank_after_rows.push(rows);
        } else {
            out.extend_from_slice(line);
            rows += 1;
        }
    }
    (out, map)
}

/// Reads a canonical counts file fast, or `None` when it must go through the slow reader
/// (see the module documentation). Also `None` when the file cannot be read, or a panic
/// (inside polars, say) stops the fast reader: the slow reader then reads the file, or
/// reports what is wrong with it.
pub(crate) fn read_counts(path: &Path, limits: &Limits) -> Option<CodedCounts> {
    let name = path.display().to_string();
    crate::error::catch_reader_panic(&name, || Ok(read_counts_fast(path, limits)))
        .ok()
        .flatten()
}

fn read_counts_fast(path: &Path, limits: &Limits) -> Option<CodedCounts> {
    // UTF-8 first; a file that is not UTF-8 is read again as Windows-1252 from the start (the
    // slow reader decodes a whole file one way), usually after its first chunk.
    match read_counts_chunked(path, limits, false, READ_CHUNK)? {
        Chunked::Read(table) => Some(*table),
        Chunked::NotUtf8 => match read_counts_chunked(path, limits, true, READ_CHUNK)? {
            Chunked::Read(table) => Some(*table),
            Chunked::NotUtf8 => None,
        },
    }
}

/// Bytes of a counts file read and parsed at a time (cut after a line end): the reader holds
/// a few chunks ([`CHUNKS_AT_ONCE`] being parsed, as many parsed and waiting to be merged) and
/// the dictionary codes of the rows read (one or two bytes a row and column), never the whole
/// file, so the national monthly table (115 M rows, 5 GB) needs about 1 GB.
/// Parsing a chunk takes a few times its size (polars' buffers on each thread, the copy with
/// the header), memory the allocator keeps for the next chunk: 2 MiB chunks keep that near
/// 10 MiB (8 MiB chunks took about 30 MiB more at 1 M rows) and cost no measurable time.
const READ_CHUNK: usize = 2 << 20;

/// What [`read_counts_chunked`] found.
enum Chunked {
    Read(Box<CodedCounts>),
    /// A chunk is not UTF-8: the file is to be read as Windows-1252.
    NotUtf8,
}

/// Reads a counts file chunk by chunk: each chunk (the header line, then whole lines) is
/// checked and parsed as a file of its own would be ([`check_shape`], [`parse`]), and its
/// codes are appended to the file's (the distinct strings of every chunk merged), so the
/// table is the one a single parse of the whole file gives. As UTF-8, or as Windows-1252
/// (`windows_1252`); chunks of about `chunk` bytes.
fn read_counts_chunked(
    path: &Path,
    limits: &Limits,
    windows_1252: bool,
    chunk: usize,
) -> Option<Chunked> {
    let name = path.display().to_string();
    let chunks = Chunks::open(path, windows_1252, chunk)?;
    let mut columns: HashMap<usize, MergedColumn> = HashMap::new();
    let mut lines = LineMap::default();
    let mut rows = 0usize;
    // One thread reads and parses (batches of chunks side by side); this one merges each
    // chunk's codes in file order while the next are parsed.
    let cols = std::thread::scope(|scope| {
        let (sender, parsed) = std::sync::mpsc::sync_channel::<Parsed>(CHUNKS_AT_ONCE);
        let parsing = scope.spawn(move || parse_chunks(chunks, limits, &sender));
        for next in parsed {
            let chunk = match next {
                Parsed::Chunk(chunk) => chunk,
                Parsed::NotUtf8 => return Err(Some(Chunked::NotUtf8)),
                Parsed::GiveUp => return Err(None),
            };
            lines
                .blank_after_rows
                .extend(chunk.blanks.blank_after_rows.iter().map(|r| r + rows));
            let Some(raw) = chunk.raw else {
                continue;
            };
            rows += raw.rows;
            for (j, column) in raw.columns {
                columns.entry(j).or_default().append(column);
            }
        }
        // The parsing thread has sent its last chunk: it returns the header it found.
        parsing.join().ok().flatten().ok_or(None)
    });
    let cols = match cols {
        Ok(cols) => cols,
        Err(stop) => return stop,
    };
    let mut raw = RawTable {
        rows,
        columns: columns
            .into_iter()
            .map(|(j, c)| {
                (
                    j,
                    RawColumn {
                        codes: c.codes,
                        values: c.values,
                    },
                )
            })
            .collect(),
        floats: HashMap::new(),
    };
    resolve(&name, &mut raw, &cols, lines).map(|t| Chunked::Read(Box::new(t)))
}

/// Chunks parsed side by side (and at most as many held, parsed, for the merging side): as
/// fast as four at 10 M rows, with about 10 MiB less memory.
const CHUNKS_AT_ONCE: usize = 2;

/// What the parsing side of [`read_counts_chunked`] hands the merging side, in file order.
enum Parsed {
    Chunk(ParsedChunk),
    /// A chunk is not UTF-8 (when reading as UTF-8).
    NotUtf8,
    /// The fast reader gives up: the slow reader reads the file.
    GiveUp,
}

/// A chunk checked and parsed as a file of its own.
struct ParsedChunk {
    /// `None` for a chunk without rows (only empty lines, or an empty file).
    raw: Option<RawTable>,
    /// Its empty lines, dropped before parsing.
    blanks: LineMap,
}

/// Reads `chunks` in batches of [`CHUNKS_AT_ONCE`], parses each batch's chunks on all cores
/// ([`parse_chunk`]) and sends them in file order; the header's columns when every chunk
/// was sent, `None` after sending [`Parsed::GiveUp`] or [`Parsed::NotUtf8`] (or when the
/// merging side stopped listening).
fn parse_chunks(
    mut chunks: Chunks,
    limits: &Limits,
    sender: &std::sync::mpsc::SyncSender<Parsed>,
) -> Option<CanonicalColumns> {
    let give_up = |why: Parsed| {
        let _ = sender.send(why);
        None
    };
    let mut header: Option<(Vec<u8>, CanonicalColumns)> = None;
    let mut first = true;
    loop {
        let mut batch = Vec::with_capacity(CHUNKS_AT_ONCE);
        let mut end = false;
        while batch.len() < CHUNKS_AT_ONCE {
            match chunks.next() {
                None => return give_up(Parsed::GiveUp),
                Some(None) => {
                    end = true;
                    break;
                }
                Some(Some(ChunkText::NotUtf8)) => return give_up(Parsed::NotUtf8),
                Some(Some(ChunkText::Text(text))) => batch.push(text),
            }
        }
        if header.is_none()
            && let Some(text) = batch.first()
        {
            // The first chunk starts with the header line; the others get a copy of it.
            let body = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
            let end = memchr::memchr(b'\n', body).map_or(body.len(), |e| e + 1);
            let mut line = body[..end].to_vec();
            if !line.ends_with(b"\n") {
                line.push(b'\n');
            }
            match header_of(body, limits) {
                Some((cols, _, _)) if cols.is_counts_only() => header = Some((line, cols)),
                _ => return give_up(Parsed::GiveUp),
            }
        }
        let Some((line, cols)) = &header else {
            return give_up(Parsed::GiveUp); // an empty file
        };
        let batch: Vec<(bool, Vec<u8>)> = batch
            .into_iter()
            .map(|text| (std::mem::take(&mut first), text))
            .collect();
        let parsed = crate::parallel::parallel_map(&batch, |(first, text)| {
            parse_chunk(text, (!first).then_some(&line[..]), cols, limits)
        });
        for chunk in parsed {
            let Some(chunk) = chunk else {
                return give_up(Parsed::GiveUp);
            };
            sender.send(Parsed::Chunk(chunk)).ok()?;
        }
        if end {
            return header.map(|(_, cols)| cols);
        }
    }
}

/// Checks and parses one chunk ([`check_shape`], [`parse`]), after `header` (the header line,
/// for every chunk but the first, which has it) and with its empty lines dropped; `None` when
/// the fast reader gives up on it.
fn parse_chunk(
    text: &[u8],
    header: Option<&[u8]>,
    cols: &CanonicalColumns,
    limits: &Limits,
) -> Option<ParsedChunk> {
    let mut chunk = Vec::with_capacity(header.map_or(0, <[u8]>::len) + text.len());
    chunk.extend_from_slice(header.unwrap_or_default());
    chunk.extend_from_slice(text);
    let (chunk, blanks) = drop_empty_lines(chunk);
    let header_end = memchr::memchr(b'\n', &chunk).map_or(chunk.len(), |e| e + 1);
    if header_end == chunk.len() {
        // No rows: only empty lines (counted in `blanks`), or an empty file.
        return Some(ParsedChunk { raw: None, blanks });
    }
    let (_, shape) = check_shape(&chunk, limits)?;
    let raw = parse(&chunk, cols, shape.delimiter)?;
    drop(chunk);
    if raw.rows != shape.lines - 1 || !raw.floats.is_empty() {
        // polars skipped or merged a line (let the slow reader say why), or a number column
        // other than the count (a counts file has none: `is_counts_only`).
        return None;
    }
    Some(ParsedChunk {
        raw: Some(raw),
        blanks,
    })
}

/// A column's codes over the chunks read so far, and the distinct strings of all of them.
#[derive(Default)]
struct MergedColumn {
    codes: Codes,
    values: Vec<Option<String>>,
    index: HashMap<String, u32>,
}

impl MergedColumn {
    /// Appends a chunk's column, its codes turned into the file's.
    fn append(&mut self, column: RawColumn) {
        let map: Vec<u32> = column
            .values
            .into_iter()
            .map(|v| match v {
                Some(s) => match self.index.get(&s) {
                    Some(&code) => code,
                    None => {
                        // ok: fewer distinct strings than rows, and rows fit in u32 codes
                        let code = self.values.len() as u32;
                        self.values.push(Some(s.clone()));
                        self.index.insert(s, code);
                        code
                    }
                },
                None => u32::MAX, // a code that no row has
            })
            .collect();
        self.codes.widen_for(self.values.len());
        self.codes
            .extend(column.codes.iter().map(|c| map[c as usize]));
    }
}

/// A chunk of a file's text: whole lines, as UTF-8.
enum ChunkText {
    Text(Vec<u8>),
    /// The chunk is not UTF-8 (when reading as UTF-8).
    NotUtf8,
}

/// A file read in chunks of about `size` bytes, each cut after its last line end.
struct Chunks {
    file: std::fs::File,
    size: usize,
    /// Bytes read after the last cut.
    pending: Vec<u8>,
    done: bool,
    first: bool,
    /// Decoding Windows-1252 (else checking UTF-8).
    decoder: Option<encoding_rs::Decoder>,
}

impl Chunks {
    fn open(path: &Path, windows_1252: bool, size: usize) -> Option<Chunks> {
        Some(Chunks {
            file: std::fs::File::open(path).ok()?,
            size,
            pending: Vec::new(),
            done: false,
            first: true,
            decoder: windows_1252
                .then(|| encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling()),
        })
    }

    /// The next chunk, `Some(None)` after the last; `None` when the file cannot be read, or
    /// holds UTF-16, a NUL byte or a line longer than a chunk (the slow reader decides).
    fn next(&mut self) -> Option<Option<ChunkText>> {
        use std::io::Read;
        if self.done && self.pending.is_empty() {
            return Some(None);
        }
        // Read up to a chunk, and on until a line end. Only the bytes just read are searched
        // for it (what is left from the last cut has none), and past a chunk the reads grow
        // by an eighth of one: a line longer than two chunks costs linear time, not a search
        // of the whole buffer per step.
        let step = (self.size / 8).clamp(64, 1 << 16);
        let (mut searched, mut line_end) = (0, false);
        while !self.done && (self.pending.len() < self.size || !line_end) {
            if self.pending.len() > 2 * self.size.max(1 << 16) {
                return None;
            }
            let want = self.size.saturating_sub(self.pending.len()).max(step);
            match (&mut self.file)
                .take(want as u64)
                .read_to_end(&mut self.pending)
            {
                Ok(0) => self.done = true,
                Ok(_) => {}
                Err(_) => return None,
            }
            line_end = line_end || memchr::memchr(b'\n', &self.pending[searched..]).is_some();
            searched = self.pending.len();
        }
        let cut = if self.done {
            self.pending.len()
        } else {
            memchr::memrchr(b'\n', &self.pending)? + 1
        };
        let rest = self.pending.split_off(cut);
        let mut raw = std::mem::replace(&mut self.pending, rest);
        let first = std::mem::take(&mut self.first);
        if first && (raw.starts_with(b"\xFF\xFE") || raw.starts_with(b"\xFE\xFF")) {
            return None;
        }
        if memchr::memchr(0, &raw).is_some() {
            return None;
        }
        let Some(decoder) = &mut self.decoder else {
            let body = if first {
                raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&raw)
            } else {
                &raw
            };
            return Some(Some(if std::str::from_utf8(body).is_ok() {
                ChunkText::Text(raw)
            } else {
                ChunkText::NotUtf8
            }));
        };
        if first && raw.starts_with(b"\xEF\xBB\xBF") {
            raw.drain(..3);
        }
        // Room for the worst case (three bytes a byte), so one call decodes it all; only the
        // bytes written are ever touched.
        let mut text = String::with_capacity(decoder.max_utf8_buffer_length(raw.len())?);
        let (result, read, _) = decoder.decode_to_string(&raw, &mut text, self.done);
        if result != encoding_rs::CoderResult::InputEmpty || read != raw.len() {
            return None;
        }
        Some(Some(ChunkText::Text(text.into_bytes())))
    }
}

/// Reads any plain canonical table fast (the outputs of `bra rates` and `bra survey` too),
/// or `None` when it must go through the slow reader, as [`read_counts`]. Number columns
/// other than the count (or, without one, the value) are parsed by polars as numbers: a cell
/// polars cannot parse, such as `1 577` or a marker, sends the file the slow way.
pub(crate) fn read_table(path: &Path, limits: &Limits) -> Option<Ingested> {
    let name = path.display().to_string();
    crate::error::catch_reader_panic(&name, || Ok(read_table_fast(path, limits)))
        .ok()
        .flatten()
}

fn read_table_fast(path: &Path, limits: &Limits) -> Option<Ingested> {
    let (bytes, encoding) = read_utf8(path)?;
    let (bytes, lines) = drop_empty_lines(bytes);
    let name = path.display().to_string();
    let (cols, shape) = check_shape(&bytes, limits)?;
    let mut raw = parse(&bytes, &cols, shape.delimiter)?;
    drop(bytes);
    if raw.rows != shape.lines - 1 {
        return None;
    }
    let fast = resolve(&name, &mut raw, &cols, lines)?;
    let mut text = |j: Option<usize>| -> Option<Option<(Coded, Vec<Option<String>>)>> {
        let Some(j) = j else { return Some(None) };
        let column = raw.columns.remove(&j)?;
        code_column(column, |v| {
            let t = trim(v);
            Some((!t.is_empty()).then(|| t.to_string()))
        })
        .map(Some)
    };
    let method = text(cols.method)?;
    let survey_year = text(cols.survey_year)?;
    let mut number = |j: Option<usize>, min: Option<f64>| -> Option<Option<Vec<Option<f64>>>> {
        let Some(j) = j else { return Some(None) };
        let v = raw.floats.remove(&j)?;
        let bad = v
            .iter()
            .flatten()
            .any(|x| !x.is_finite() || min.is_some_and(|m| *x < m));
        (!bad).then_some(Some(v))
    };
    let value = if cols.count.is_some() {
        number(cols.value, None)?
    } else {
        None
    };
    let population = number(cols.population, Some(0.0))?;
    if population.iter().flatten().flatten().any(|p| *p == 0.0) {
        return None; // the slow reader's error: a rate cannot be computed per 0 inhabitants
    }
    let lower = number(cols.lower, None)?;
    let upper = number(cols.upper, None)?;
    let level = number(cols.level, Some(0.0))?;
    let at = |c: &Option<Vec<Option<f64>>>, i: usize| c.as_ref().and_then(|c| c[i]);
    let text_at = |c: &Option<(Coded, Vec<Option<String>>)>, i: usize| {
        c.as_ref()
            .and_then(|(coded, values)| values[coded.get(i)].clone())
    };

    let counts_primary = cols.count.is_some();
    let row = |i: usize| {
        let cell = &fast.counts[fast.count.get(i)];
        let mut obs = Observation::new(
            fast.areas[fast.area.get(i)].code.clone(),
            fast.periods[fast.period.get(i)],
            fast.indicators[fast.indicator.get(i)].clone(),
        );
        obs.group = fast.groups[get_or_first(&fast.group, i)].clone();
        obs.source = fast.sources[get_or_first(&fast.source, i)].clone();
        obs.status = fast.status_of(get_or_first(&fast.status, i), cell);
        if counts_primary {
            obs.count = cell.value;
            obs.value = at(&value, i);
        } else {
            obs.value = cell.value;
        }
        obs.population = at(&population, i);
        obs.lower = at(&lower, i);
        obs.upper = at(&upper, i);
        obs.level = at(&level, i).map(|l| if l > 1.0 { l / 100.0 } else { l });
        obs.method = text_at(&method, i);
        obs.survey_year = text_at(&survey_year, i);
        obs
    };
    // (Built on one core: in parallel, moving the parts together cost more than it saved.)
    let rows: Vec<Observation> = (0..fast.rows).map(row).collect();
    let mut warnings = Vec::new();
    // The label warnings and the missing counts in row order, as the slow reader gives them
    // (a row's indicator is read before its count).
    let mut labels = fast.label_warnings.iter().peekable();
    for (i, obs) in rows.iter().enumerate() {
        while let Some((_, w)) = labels.next_if(|(row, _)| *row <= i) {
            warnings.push(w.clone());
        }
        if counts_primary && obs.count.is_none() {
            let why = obs.status.clone().unwrap_or_default();
            warnings.push(
                Warning::new(
                    WarningKind::MissingValue,
                    Some(Location::file(&name).line(fast.lines.line(i))),
                    format!(
                        "count of {} {} {} is missing ({why}): kept as missing, not 0",
                        obs.area, obs.period, obs.indicator
                    ),
                )
                .about_area(&obs.area)
                .about_indicator(&obs.indicator),
            );
        }
    }
    Some(Ingested {
        table: Table::from_unique(rows), // keys checked in `resolve`
        warnings,
        layout: Layout::Canonical,
        encoding,
        skipped: 0,
    })
}

/// The file as UTF-8 (a UTF-8 byte-order mark kept), and the encoding it was read in: UTF-8
/// as it is, anything else as Windows-1252, as the slow reader decodes it. `None` for UTF-16
/// and NUL bytes (the slow reader reads or refuses them), and for a file that cannot be read.
///
/// A Windows-1252 file is decoded by [`windows_1252`] after its raw bytes are dropped, so
/// that the two are never held at once (the peak stays at the decoded size).
fn read_utf8(path: &Path) -> Option<(Vec<u8>, TextEncoding)> {
    let bytes = std::fs::read(path).ok()?;
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return None;
    }
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &bytes[3..] } else { &bytes[..] };
    if std::str::from_utf8(body).is_ok() {
        let encoding = if bom {
            TextEncoding::Utf8Bom
        } else {
            TextEncoding::Utf8
        };
        return Some((bytes, encoding));
    }
    if memchr::memchr(0, body).is_some() {
        return None;
    }
    let size = bytes.len();
    drop(bytes);
    let text = windows_1252(path, if bom { 3 } else { 0 }, size)?;
    Some((text, TextEncoding::Windows1252))
}

/// Decodes the file at `path` (without its first `skip` bytes) as Windows-1252 into UTF-8,
/// reading and decoding it in chunks of 1 MiB (encoding_rs's streaming decoder) into one
/// buffer: what `encoding_rs` decodes in one call, without a second copy of the file.
/// `size` is the file's size, the room first made (the text grows where a byte becomes two
/// or three).
fn windows_1252(path: &Path, mut skip: usize, size: usize) -> Option<Vec<u8>> {
    use std::io::Read;
    const CHUNK: usize = 1 << 20;
    let mut file = std::fs::File::open(path).ok()?;
    let mut decoder = encoding_rs::WINDOWS_1252.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(size + size / 16 + CHUNK);
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match file.read(&mut chunk) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        let last = n == 0;
        let skipped = skip.min(n);
        skip -= skipped;
        let mut input = &chunk[skipped..n];
        loop {
            let (result, read, _) = decoder.decode_to_string(input, &mut text, last);
            input = &input[read..];
            match result {
                encoding_rs::CoderResult::InputEmpty => break,
                encoding_rs::CoderResult::OutputFull => {
                    text.reserve(decoder.max_utf8_buffer_length(input.len())?);
                }
            }
        }
        if last {
            return Some(text.into_bytes());
        }
    }
}

/// Splits a header line at `delimiter` outside double quotes, unquoting quoted fields.
fn split_header(line: &str, delimiter: u8) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(f) = fields.last_mut() {
                    f.push('"');
                }
            }
            '"' => quoted = !quoted,
            c if !quoted && c == delimiter as char => fields.push(String::new()),
            c => {
                if let Some(f) = fields.last_mut() {
                    f.push(c);
                }
            }
        }
    }
    fields
}

/// The delimiters outside double quotes, if every quote is where both readers read it the same
/// way: a quoted field starts right at a line start or after a delimiter, ends right before a
/// delimiter or a line end, holds `""` for a quote and no line end (line numbers stay
/// row + 2). `None` otherwise: the slow reader reads the file.
fn delimiters_outside_quotes(bytes: &[u8], delimiter: u8) -> Option<usize> {
    let mut delimiters = 0;
    let mut i = 0;
    let mut field_start = true;
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        if b == b'"' {
            if !field_start {
                return None; // a quote inside an unquoted field
            }
            // A quoted field: up to the closing quote.
            i += 1;
            loop {
                let j = i + memchr::memchr3(b'"', b'\n', b'\r', &bytes[i..])?;
                if bytes[j] != b'"' {
                    return None; // a line end inside quotes
                }
                if bytes.get(j + 1) == Some(&b'"') {
                    i = j + 2;
                    continue;
                }
                i = j + 1;
                break;
            }
            match bytes.get(i) {
                None | Some(b'\n' | b'\r') => {}
                Some(&d) if d == delimiter => {}
                Some(_) => return None, // text after the closing quote
            }
            field_start = false;
            continue;
        }
        if b == delimiter {
            delimiters += 1;
            field_start = true;
        } else {
            field_start = b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    Some(delimiters)
}

/// What [`check_shape`] found out about a file.
struct Shape {
    delimiter: u8,
    /// Lines, the header included.
    lines: usize,
}

/// Checks the bytes for what the fast reader cannot read exactly like the slow one, and
/// reads the header. Every line must have as many fields as the header: the delimiter count
/// is checked here in total, and polars fails on a line with too many (so none has too few).
/// A file that may break the `limits` (a header wider than allowed, a line that may be longer)
/// goes the slow way too, which says which line.
fn check_shape(bytes: &[u8], limits: &Limits) -> Option<(CanonicalColumns, Shape)> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (header, delimiter, fields) = header_of(body, limits)?;
    let stats = ByteStats::of(body, delimiter);
    // A line longer than the limit holds at least (length / 2 - 2 × 255) / 255 blocks without
    // a line end in one of the two halves (see `ByteStats::of`).
    if (stats.longest_run + 2) * 255 * 2 >= limits.max_line_bytes {
        return None;
    }
    // So does a file whose longest line may hold a field longer than allowed.
    if (stats.longest_run + 2) * 255 * 2 >= limits.max_field_bytes {
        return None;
    }
    // NUL bytes go the slow way, so does text that is not UTF-8 (see `read_utf8`); quotes are
    // read where both readers read them alike.
    if stats.non_ascii && std::str::from_utf8(body).is_err() {
        return None;
    }
    let delimiters = if stats.quote_or_nul {
        if memchr::memchr(0, body).is_some() {
            return None;
        }
        delimiters_outside_quotes(body, delimiter)?
    } else {
        stats.delimiters
    };
    // Line ends: LF or CRLF; a lone CR is a line end to the slow reader but not to polars.
    if stats.cr > 0 && stats.cr != body.windows(2).filter(|w| w == b"\r\n").count() {
        return None;
    }
    let lines = stats.lf + usize::from(!body.ends_with(b"\n"));
    if lines < 2 || delimiters != (fields - 1) * lines {
        return None;
    }
    Some((header, Shape { delimiter, lines }))
}

/// The canonical header of the first line of `body` (without a byte-order mark), its
/// delimiter and its number of fields; `None` for another layout or more columns than allowed.
fn header_of(body: &[u8], limits: &Limits) -> Option<(CanonicalColumns, u8, usize)> {
    let end = memchr::memchr(b'\n', body).unwrap_or(body.len());
    let first = std::str::from_utf8(&body[..end]).ok()?;
    if first.trim().is_empty() {
        return None;
    }
    let delimiter = sniff_delimiter(first);
    let fields: Vec<String> = split_header(first, delimiter)
        .iter()
        .map(|f| trim(f).to_string())
        .collect();
    if fields.len() > limits.max_columns {
        return None;
    }
    Some((canonical_header(&fields)?, delimiter, fields.len()))
}

/// What one pass over a file's bytes counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct ByteStats {
    lf: usize,
    cr: usize,
    delimiters: usize,
    quote_or_nul: bool,
    non_ascii: bool,
    /// The most blocks of 255 bytes in a row without a line end (a bound on the longest line).
    longest_run: usize,
    /// Blocks without a line end at the end of the bytes counted.
    run: usize,
}

impl ByteStats {
    /// Counts `bytes` in one pass, on two threads for large files.
    fn of(bytes: &[u8], delimiter: u8) -> Self {
        const PARALLEL_FROM: usize = 1 << 24;
        if bytes.len() < PARALLEL_FROM {
            return Self::count(bytes, delimiter);
        }
        let (a, b) = bytes.split_at(bytes.len() / 2);
        std::thread::scope(|s| {
            let other = s.spawn(|| Self::count(b, delimiter));
            let first = Self::count(a, delimiter);
            // A panic in a counting loop cannot happen; counting again is the fallback.
            let second = other.join().unwrap_or_else(|_| Self::count(b, delimiter));
            first.add(second)
        })
    }

    fn add(self, o: Self) -> Self {
        ByteStats {
            lf: self.lf + o.lf,
            cr: self.cr + o.cr,
            delimiters: self.delimiters + o.delimiters,
            quote_or_nul: self.quote_or_nul || o.quote_or_nul,
            non_ascii: self.non_ascii || o.non_ascii,
            longest_run: self.longest_run.max(o.longest_run),
            run: o.run,
        }
    }

    /// Blocks of 255 bytes keep the counters in bytes, so the loop vectorises.
    fn count(bytes: &[u8], delimiter: u8) -> Self {
        let mut total = ByteStats::default();
        for block in bytes.chunks(255) {
            let (mut lf, mut cr, mut d, mut odd, mut high) = (0u8, 0u8, 0u8, 0u8, 0u8);
            for &b in block {
                lf += u8::from(b == b'\n');
                cr += u8::from(b == b'\r');
                d += u8::from(b == delimiter);
                odd |= u8::from(b == b'"') | u8::from(b == 0);
                high |= b;
            }
            total.lf += lf as usize;
            total.cr += cr as usize;
            total.delimiters += d as usize;
            total.quote_or_nul |= odd != 0;
            total.non_ascii |= high >= 0x80;
            total.run = if lf == 0 { total.run + 1 } else { 0 };
            total.longest_run = total.longest_run.max(total.run);
        }
        total
    }
}

/// A used column as polars read it: a code per row and the distinct strings.
struct RawColumn {
    codes: Codes,
    /// The string of each code (`None` for codes that do not occur).
    values: Vec<Option<String>>,
}

struct RawTable {
    rows: usize,
    /// Text columns, by header index.
    columns: HashMap<usize, RawColumn>,
    /// Number columns (other than the count or value), by header index.
    floats: HashMap<usize, Vec<Option<f64>>>,
}

/// Parses the used columns with polars: text columns and the count (or value) straight into
/// categorical columns, the other number columns as numbers.
fn parse(bytes: &[u8], header: &CanonicalColumns, delimiter: u8) -> Option<RawTable> {
    let primary = header.primary();
    let floats: Vec<usize> = [
        header.count,
        header.value,
        header.population,
        header.lower,
        header.upper,
        header.level,
    ]
    .into_iter()
    .flatten()
    .filter(|j| *j != primary)
    .collect();
    let mut projection: Vec<usize> = [
        Some(header.area),
        Some(header.period),
        Some(header.indicator),
        Some(primary),
        header.group,
        header.status,
        header.source,
        header.method,
        header.survey_year,
    ]
    .into_iter()
    .flatten()
    .chain(floats.iter().copied())
    .collect();
    // polars checks for extra fields only when the last column is read, so it always is.
    projection.push(header.names.len() - 1);
    projection.sort_unstable();
    projection.dedup();
    let mut schema = Schema::with_capacity(header.names.len());
    for j in 0..header.names.len() {
        let dtype = if floats.contains(&j) {
            DataType::Float64
        } else if projection.contains(&j) {
            DataType::from_categories(Categories::random(
                PlSmallStr::from_static("bra-fast"),
                CategoricalPhysical::U32,
            ))
        } else {
            DataType::String
        };
        schema.with_column(format!("c{j}").into(), dtype);
    }
    let mut df = CsvReadOptions::default()
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema)))
        .with_projection(Some(Arc::new(projection.clone())))
        .map_parse_options(|p| {
            p.with_separator(delimiter)
                .with_missing_is_null(false)
                .with_truncate_ragged_lines(false)
        })
        .into_reader_with_file_handle(std::io::Cursor::new(bytes))
        .finish()
        .ok()?;
    let rows = df.height();
    let mut columns = HashMap::new();
    let mut numbers = HashMap::new();
    for &j in &projection {
        // Taken out of the frame, so only one column is held twice at a time.
        let column = df.drop_in_place(&format!("c{j}")).ok()?;
        if floats.contains(&j) {
            numbers.insert(j, column.f64().ok()?.iter().collect());
            continue;
        }
        let cat = column.cat32().ok()?;
        let mapping = cat.get_mapping();
        let mut values: Vec<Option<String>> = (0..mapping.num_cats_upper_bound())
            .map(|c| mapping.cat_to_str(c as u32).map(str::to_string))
            .collect();
        // polars reads an empty cell as null (no line is short: see `check_shape`).
        let empty = u32::try_from(values.len()).ok()?;
        let physical = cat.physical();
        let codes: Vec<u32> = if physical.null_count() > 0 {
            values.push(Some(String::new()));
            physical.iter().map(|c| c.unwrap_or(empty)).collect()
        } else {
            physical.into_no_null_iter().collect()
        };
        let codes = Codes::narrow(codes, values.len());
        columns.insert(j, RawColumn { codes, values });
    }
    Some(RawTable {
        rows,
        columns,
        floats: numbers,
    })
}

/// Resolves every distinct value with the slow reader's functions, builds the dictionary
/// maps, and checks that keys are unique.
fn resolve(
    name: &str,
    raw: &mut RawTable,
    header: &CanonicalColumns,
    lines: LineMap,
) -> Option<CodedCounts> {
    let rows = raw.rows;
    if rows == 0 {
        return None;
    }
    let mut take = |j: usize| raw.columns.remove(&j);
    let registry = AreaRegistry::builtin();

    // Areas: codes, names and spellings (the built-in city districts too); a district outside
    // the built-in list, or an unknown name, goes the slow way, which gives the same code.
    let mut found: Vec<&'static crate::area::Area> = Vec::new();
    // A code without its leading zero (`114`) is padded by the slow reader only when the file
    // does not also name the area otherwise, with a warning: such files go the slow way.
    let area = code_column(take(header.area)?, |v| {
        lookup::registered_area(registry, trim(v))
            .filter(|_| super::codes::short_code(trim(v)).is_none())
    })
    .map(|(coded, values)| dedup(coded, values, &mut found, |a| a.code.as_str()))??;
    let areas = found
        .into_iter()
        .map(|a| CodedArea {
            code: a.code.clone(),
            name: Some(a.name.clone()),
        })
        .collect();

    let mut periods: Vec<Period> = Vec::new();
    let period = code_column(take(header.period)?, |v| lookup::period(trim(v)).ok())
        .map(|(coded, values)| dedup(coded, values, &mut periods, |p| *p))??;

    // Indicators: ids and registry labels as they are; other labels get the id of their slug
    // and one warning each, at the first row that has them (as the slow reader gives it).
    let mut indicators: Vec<String> = Vec::new();
    let (coded, values) = code_column(take(header.indicator)?, |v| {
        let v = trim(v);
        match lookup::indicator(crate::indicator::IndicatorRegistry::builtin(), v)? {
            (id, true) => Some((id, None)),
            (id, false) => Some((id, Some(v.to_string()))),
        }
    })?;
    let label_warnings = label_warnings(name, &coded, &values, &lines);
    let ids: Vec<String> = values.into_iter().map(|(id, _)| id).collect();
    let indicator = dedup(coded, ids, &mut indicators, |s| s.clone())?;
    // Rows of survey indicators are checked as survey results (shares within 0-100, count at
    // most n) by the row-by-row reader: leave such tables to it.
    let registry = crate::indicator::IndicatorRegistry::builtin();
    if indicators.iter().any(|id| {
        registry.get(id).is_some_and(|i| {
            matches!(
                i.kind,
                crate::indicator::IndicatorKind::SurveyProportion
                    | crate::indicator::IndicatorKind::Index
            )
        })
    }) {
        return None;
    }

    let mut groups = vec!["total".to_string()];
    let group = match header.group {
        Some(j) => Some(
            code_column(take(j)?, |v| {
                let g = trim(v);
                Some(if g.is_empty() { "total" } else { g }.to_string())
            })
            .map(|(coded, values)| dedup(coded, values, &mut groups, |s| s.clone()))??,
        ),
        None => None,
    };

    let mut statuses: Vec<Option<String>> = vec![None];
    let status = match header.status {
        Some(j) => Some(
            code_column(take(j)?, |v| {
                let mut s = None;
                for flag in trim(v).split(';').map(str::trim).filter(|f| !f.is_empty()) {
                    add_status(&mut s, missing_marker(flag).unwrap_or(flag));
                }
                Some(s)
            })
            .map(|(coded, values)| dedup(coded, values, &mut statuses, |s| s.clone()))??,
        ),
        None => None,
    };

    let mut sources = vec![name.to_string()];
    let source = match header.source {
        Some(j) => Some(
            code_column(take(j)?, |v| {
                let s = trim(v);
                Some(if s.is_empty() { name } else { s }.to_string())
            })
            .map(|(coded, values)| dedup(coded, values, &mut sources, |s| s.clone()))??,
        ),
        None => None,
    };

    // The count (or the value): a count may not be negative.
    let min = if header.count.is_some() {
        0.0
    } else {
        f64::NEG_INFINITY
    };
    let (count, counts) = code_column(take(header.primary())?, |v| match parse_cell(trim(v)) {
        Ok(Cell::Number(x)) if x < min => None,
        Ok(Cell::Number(x)) => Some(CountCell {
            value: Some(x),
            marker: None,
        }),
        Ok(Cell::Missing(flag)) => Some(CountCell {
            value: None,
            marker: Some(flag),
        }),
        Err(_) => None,
    })?;

    let table = CodedCounts {
        name: name.to_string(),
        rows,
        area,
        areas,
        period,
        periods,
        indicator,
        indicators,
        group,
        groups,
        count,
        counts,
        status,
        statuses,
        source,
        sources,
        label_warnings,
        lines,
        published: None,
    };
    if has_duplicate_keys(&table) {
        return None;
    }
    Some(table)
}

/// The warnings on indicator labels that got an id (`values[code].1` is the label): one per
/// distinct label, at the first row that has it, by row.
fn label_warnings(
    name: &str,
    coded: &Coded,
    values: &[(String, Option<String>)],
    lines: &LineMap,
) -> Vec<(usize, Warning)> {
    if values.iter().all(|(_, label)| label.is_none()) {
        return Vec::new();
    }
    let mut first = vec![usize::MAX; values.len()];
    let mut left = values.iter().filter(|(_, l)| l.is_some()).count();
    for (i, c) in coded.codes.iter().enumerate() {
        let c = c as usize;
        if first[c] == usize::MAX && values[c].1.is_some() {
            first[c] = i;
            left -= 1;
            if left == 0 {
                break;
            }
        }
    }
    let mut by_label: HashMap<&str, (usize, &str)> = HashMap::new();
    for (c, (id, label)) in values.iter().enumerate() {
        if let Some(label) = label
            && first[c] != usize::MAX
        {
            let e = by_label.entry(label.as_str()).or_insert((first[c], id));
            if first[c] < e.0 {
                *e = (first[c], id);
            }
        }
    }
    let mut out: Vec<(usize, Warning)> = by_label
        .into_iter()
        .map(|(label, (row, id))| {
            (
                row,
                Warning::new(
                    WarningKind::UnknownIndicator,
                    Some(Location::file(name).line(lines.line(row))),
                    format!("unknown indicator \"{label}\": given the id {id}"),
                ),
            )
        })
        .collect();
    out.sort_by_key(|(row, _)| *row);
    out
}

/// Resolves each distinct string of a column with `f`; `None` if any occurring one fails.
/// Returns the codes with an identity map, and the resolved value of each code.
fn code_column<T: Clone>(
    raw: RawColumn,
    mut f: impl FnMut(&str) -> Option<T>,
) -> Option<(Coded, Vec<T>)> {
    let mut resolved: Vec<Option<T>> = Vec::with_capacity(raw.values.len());
    for v in &raw.values {
        // Codes without a string do not occur in the column (checked below).
        resolved.push(match v {
            Some(s) => Some(f(s)?),
            None => None,
        });
    }
    if raw
        .codes
        .iter()
        .any(|c| resolved.get(c as usize).is_none_or(Option::is_none))
    {
        return None;
    }
    // Unused codes get a placeholder: the first resolved value (never read).
    let fill = resolved.iter().flatten().next()?.clone();
    let values: Vec<T> = resolved
        .into_iter()
        .map(|v| v.unwrap_or_else(|| fill.clone()))
        .collect();
    let map = (0..values.len() as u32).collect();
    Some((
        Coded {
            codes: raw.codes,
            map,
        },
        values,
    ))
}

/// Merges codes whose values have the same key into one index of `out` (which may hold
/// defaults already), rewriting the code map.
fn dedup<T: Clone, K: std::hash::Hash + Eq>(
    mut coded: Coded,
    values: Vec<T>,
    out: &mut Vec<T>,
    key: impl Fn(&T) -> K,
) -> Option<Coded> {
    let mut index: HashMap<K, u32> = out
        .iter()
        .enumerate()
        .map(|(i, v)| (key(v), i as u32))
        .collect();
    coded.map = values
        .iter()
        .map(|v| {
            *index.entry(key(v)).or_insert_with(|| {
                out.push(v.clone());
                (out.len() - 1) as u32
            })
        })
        .collect();
    u32::try_from(out.len()).ok().map(|_| coded)
}

/// Whether two rows share (area, period, indicator, group). Keys are dense products of the
/// dictionary indices: a bitmap when they fit in 2^31 bits (256 MiB at most, 1.2 MB for the
/// national table), else a sorted list.
fn has_duplicate_keys(t: &CodedCounts) -> bool {
    let dims = [
        t.areas.len() as u64,
        t.periods.len() as u64,
        t.indicators.len() as u64,
        t.groups.len() as u64,
    ];
    let space = dims.iter().try_fold(1u64, |acc, d| acc.checked_mul(*d));
    let key = |i: usize| -> u64 {
        ((t.area.get(i) as u64 * dims[1] + t.period.get(i) as u64) * dims[2]
            + t.indicator.get(i) as u64)
            * dims[3]
            + get_or_first(&t.group, i) as u64
    };
    match space {
        Some(space) if space <= 1 << 31 => {
            let mut seen = vec![0u64; space.div_ceil(64) as usize];
            for i in 0..t.rows {
                let k = key(i);
                let (word, bit) = ((k / 64) as usize, 1u64 << (k % 64));
                if seen[word] & bit != 0 {
                    return true;
                }
                seen[word] |= bit;
            }
            false
        }
        Some(_) => {
            let mut keys: Vec<u64> = (0..t.rows).map(key).collect();
            keys.sort_unstable();
            keys.windows(2).any(|w| w[0] == w[1])
        }
        None => true, // cannot happen with u32 dictionaries; the slow reader decides
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_stats_count_as_a_plain_loop_does() {
        // Blocks of 255 bytes and two halves: lengths around both edges.
        let line = b"0114,1996,brott.x,12\r\n\"a\"\xC3\xA4";
        for n in [0, 1, 254, 255, 256, 511, 5000] {
            let bytes: Vec<u8> = line.iter().copied().cycle().take(n).collect();
            let naive = ByteStats {
                lf: bytes.iter().filter(|&&b| b == b'\n').count(),
                cr: bytes.iter().filter(|&&b| b == b'\r').count(),
                delimiters: bytes.iter().filter(|&&b| b == b',').count(),
                quote_or_nul: bytes.iter().any(|&b| b == b'"' || b == 0),
                non_ascii: bytes.iter().any(|&b| b >= 0x80),
                ..ByteStats::default()
            };
            let strip = |s: ByteStats| ByteStats {
                longest_run: 0,
                run: 0,
                ..s
            };
            assert_eq!(strip(ByteStats::count(&bytes, b',')), naive, "{n} bytes");
            let (a, b) = bytes.split_at(n / 2);
            assert_eq!(
                strip(ByteStats::count(a, b',').add(ByteStats::count(b, b','))),
                naive
            );
        }
    }

    #[test]
    fn shape_checks_send_odd_files_the_slow_way() {
        let ok = b"area,period,indicator,count\n1982,2020,brott.totalt,3\n";
        let limits = Limits::default();
        let (cols, shape) = check_shape(ok, &limits).expect("a plain canonical file");
        assert_eq!(
            (cols.count, shape.lines, shape.delimiter),
            (Some(3), 2, b',')
        );
        // Quoted fields, a delimiter and a doubled quote inside, a quoted header.
        let quoted = b"\"area\",period,indicator,count\n1982,2020,\"Olaga, \"\"hot\"\"\",3\n";
        let (cols, shape) = check_shape(quoted, &limits).expect("quoted fields");
        assert_eq!((cols.area, cols.count, shape.lines), (0, Some(3), 2));
        for bad in [
            &b"area,period,indicator,count\n1982,2020,\"brott\ntotalt\",3\n"[..], // line end in quotes
            b"area,period,indicator,count\n1982,2020,brott \"totalt\",3\n", // quote in a field
            b"area,period,indicator,count\n1982,2020,\"brott\" x,3\n",      // text after the quote
            b"area,period,indicator,count\n1982,2020,\"brott.totalt,3\n",   // quote left open
            b"area,period,indicator,count\n1982,2020,brott.totalt,3,4\n",   // ragged
            b"area,period,indicator,count\n\n1982,2020,brott.totalt,3\n",   // blank line
            b"area,period,indicator,count\r1982,2020,brott.totalt,3\r",     // lone CR
            b"area,period,indicator,count\nV\xE4ster\xE5s,2020,brott.totalt,3\n", // cp1252
            b"Kommun;Antal;Per 100 000 inv.\nFagersta;1577;11777\n",        // Brå's layout
            b"area,period,indicator,count\n",                               // no rows
        ] {
            assert!(
                check_shape(bad, &limits).is_none(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    /// Each row of a coded table as text, with its line, and the label warnings.
    fn rows_of(t: &CodedCounts) -> (Vec<String>, Vec<String>) {
        let rows = (0..t.rows)
            .map(|i| {
                let cell = &t.counts[t.count.get(i)];
                format!(
                    "{}:{} {:?} {} {} {} {:?} {:?} {}",
                    t.lines.line(i),
                    t.areas[t.area.get(i)].code,
                    t.areas[t.area.get(i)].name,
                    t.periods[t.period.get(i)],
                    t.indicators[t.indicator.get(i)],
                    t.groups[get_or_first(&t.group, i)],
                    cell,
                    t.status_of(get_or_first(&t.status, i), cell),
                    t.sources[get_or_first(&t.source, i)],
                )
            })
            .collect();
        let warnings = t
            .label_warnings
            .iter()
            .map(|(row, w)| format!("{row} {w}"))
            .collect();
        (rows, warnings)
    }

    #[test]
    fn chunks_give_the_table_of_one_whole_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut plain = String::from("area,period,indicator,count,status,group,source\n");
        for (i, area) in ["1982", "Fagersta", "0180", "Upplands Väsby", "0180:kista"]
            .iter()
            .cycle()
            .take(40)
            .enumerate()
        {
            let count = ["3", "..", "1 577,0", "", "12", "-"][i % 6];
            let status = ["", "preliminary", ""][i % 3];
            let label = ["brott.totalt", "Stöld och snatteri 0003", "Misshandel"][i % 3];
            plain.push_str(&format!(
                "{area},{},{label},\"{count}\",{status},{},\n",
                2000 + i / 5,
                ["total", "kvinnor"][i % 2]
            ));
            if i % 7 == 3 {
                plain.push('\n'); // an empty line, at varying places in the chunks
            }
        }
        let crlf = format!("\u{feff}{}", plain.replace('\n', "\r\n"));
        let cp1252: Vec<u8> = plain
            .chars()
            .map(|c| match c {
                'ä' => 0xE4,
                'ö' => 0xF6,
                c => c as u8,
            })
            .collect();
        let limits = Limits::default();
        for (name, bytes, windows) in [
            ("plain.csv", plain.as_bytes(), false),
            ("crlf.csv", crlf.as_bytes(), false),
            ("cp1252.csv", &cp1252[..], true),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let read = |windows, chunk| match read_counts_chunked(&path, &limits, windows, chunk) {
                Some(Chunked::Read(t)) => Some(*t),
                Some(Chunked::NotUtf8) => None,
                None => panic!("{name} in chunks of {chunk}: declined"),
            };
            let whole = rows_of(&read(windows, usize::MAX >> 1).expect("read whole"));
            assert_eq!(whole.0.len(), 40);
            assert!(whole.0[39].starts_with("47:0180:kista"), "{}", whole.0[39]);
            assert!(!whole.1.is_empty(), "{name}: label warnings");
            for chunk in [1, 30, 64, 100, 333, 1000] {
                assert_eq!(
                    rows_of(&read(windows, chunk).expect("read")),
                    whole,
                    "{name} in chunks of {chunk}"
                );
            }
            if windows {
                assert!(read(false, 64).is_none(), "not UTF-8");
                let table = read_counts(&path, &limits).expect("read fast");
                assert_eq!(rows_of(&table), whole);
            }
        }
    }

    #[test]
    fn codes_widen_across_chunks() {
        // 700 distinct counts and periods: their codes start as one byte a row and widen to
        // two in a later chunk; the table is the one of a whole read.
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::from("area,period,indicator,count\n");
        for i in 0..700 {
            let period = format!("{}M{:02}", 1960 + i / 12, 1 + i % 12);
            text.push_str(&format!("1982,{period},brott.totalt,{}\n", i * 7));
        }
        let path = dir.path().join("wide.csv");
        std::fs::write(&path, &text).unwrap();
        let limits = Limits::default();
        let read = |chunk| match read_counts_chunked(&path, &limits, false, chunk) {
            Some(Chunked::Read(t)) => *t,
            _ => panic!("declined in chunks of {chunk}"),
        };
        let whole = read(usize::MAX >> 1);
        assert!(matches!(whole.count.codes, Codes::U16(_)));
        let chunked = read(500);
        assert!(matches!(chunked.count.codes, Codes::U16(_)));
        assert!(matches!(chunked.period.codes, Codes::U16(_)));
        assert!(matches!(chunked.area.codes, Codes::U8(_)));
        assert_eq!(rows_of(&chunked), rows_of(&whole));
        assert_eq!(whole.counts[whole.count.get(699)].value, Some(4893.0));
    }

    #[test]
    fn a_field_that_may_be_too_long_goes_the_slow_way() {
        let mut file = b"area,period,indicator,count\n1982,2020,".to_vec();
        file.extend(std::iter::repeat_n(b'x', 5000));
        file.extend(b",3\n");
        assert!(check_shape(&file, &Limits::default()).is_some());
        let tight = Limits {
            max_field_bytes: 4096,
            ..Limits::default()
        };
        assert!(check_shape(&file, &tight).is_none());
    }
}
