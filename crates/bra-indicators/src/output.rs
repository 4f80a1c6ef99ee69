//! Writing result tables: CSV, JSON, Parquet and Excel, always atomically.
//!
//! Every file is written to a temporary file in the same folder and renamed into place, so a
//! failed run never leaves half a file behind.

use crate::error::{Error, Result};
use polars::prelude::*;
use std::io::Write;
use std::path::Path;

/// File formats for result tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Comma-separated, `.` decimals, UTF-8 without BOM, full precision.
    Csv,
    /// An array of row objects.
    Json,
    /// Apache Parquet.
    Parquet,
    /// An Excel workbook with one sheet: a bold header row, numbers as numbers.
    Xlsx,
}

impl OutputFormat {
    /// The format for a file name by its extension (`.csv`, `.json`, `.parquet`, `.xlsx`).
    ///
    /// ```
    /// use bra_indicators::OutputFormat;
    /// assert_eq!(OutputFormat::from_path("out/rates.parquet".as_ref())?, OutputFormat::Parquet);
    /// assert!(OutputFormat::from_path("rates.txt".as_ref()).is_err());
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for any other extension.
    pub fn from_path(path: &Path) -> Result<Self> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("csv") => Ok(OutputFormat::Csv),
            Some("json") => Ok(OutputFormat::Json),
            Some("parquet") | Some("pq") => Ok(OutputFormat::Parquet),
            Some("xlsx") => Ok(OutputFormat::Xlsx),
            _ => Err(Error::InvalidArgument(format!(
                "{}: expected an output file ending in .csv, .json, .parquet or .xlsx",
                path.display()
            ))),
        }
    }
}

/// Writes `frame` to `path` in the format its extension names, atomically.
///
/// # Errors
/// An unknown extension, or an I/O or polars error naming the file.
pub fn write_frame(frame: &DataFrame, path: &Path) -> Result<()> {
    let format = OutputFormat::from_path(path)?;
    write_atomically(path, |file| match format {
        OutputFormat::Csv => write_csv(frame, file),
        OutputFormat::Json => write_json(frame, file),
        OutputFormat::Xlsx => write_xlsx(frame, &sheet_name(path), file),
        #[cfg(feature = "parquet")]
        OutputFormat::Parquet => {
            let mut df = frame.clone();
            ParquetWriter::new(file)
                .finish(&mut df)
                .map(|_| ())
                .map_err(|e| Error::polars(path.display().to_string(), e))
        }
        #[cfg(not(feature = "parquet"))]
        OutputFormat::Parquet => Err(Error::InvalidArgument(format!(
            "{}: this build has no Parquet output (bra-indicators without its `parquet` \
             feature); write .csv or .json instead",
            path.display()
        ))),
    })
}

/// Writes a frame as CSV (comma, `.` decimals, full precision, empty cells for nulls).
///
/// # Errors
/// I/O or polars errors.
pub fn write_csv(frame: &DataFrame, out: &mut dyn Write) -> Result<()> {
    let mut df = frame.clone();
    CsvWriter::new(out)
        .include_header(true)
        .finish(&mut df)
        .map_err(|e| Error::polars("writing CSV", e))
}

/// A worksheet name from a file name: its stem without the characters Excel refuses
/// (`[]:*?/\\`), at most 31 characters.
fn sheet_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let clean: String = stem
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "data".to_string()
    } else {
        clean
    }
}

/// Writes a frame as an Excel workbook of one sheet named `sheet`: a bold header row frozen
/// above the data, numbers as numbers (full precision), text as text, empty cells for nulls.
///
/// # Errors
/// I/O errors, or a cell Excel cannot hold (a text over 32 767 characters).
pub fn write_xlsx(frame: &DataFrame, sheet: &str, out: &mut dyn Write) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    const WHAT: &str = "writing the workbook";
    let xl = |e: rust_xlsxwriter::XlsxError| Error::InvalidArgument(format!("{WHAT}: {e}"));
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).map_err(xl)?;
    let names: Vec<&str> = frame.columns().iter().map(|c| c.name().as_str()).collect();
    let columns = frame.columns();
    write_sheet_cells(
        ws,
        &names,
        &Format::new().set_bold(),
        frame.height(),
        |i, j| {
            Ok(
                match columns[j]
                    .get(i)
                    .map_err(|e| Error::polars("reading a cell", e))?
                {
                    AnyValue::Null => XlsxCell::Empty,
                    AnyValue::Boolean(b) => XlsxCell::Bool(b),
                    AnyValue::String(s) => XlsxCell::Text(s.to_string().into()),
                    AnyValue::StringOwned(s) => XlsxCell::Text(s.to_string().into()),
                    AnyValue::Float64(x) if x.is_finite() => XlsxCell::Number(x, None),
                    AnyValue::Float32(x) if x.is_finite() => XlsxCell::Number(x as f64, None),
                    AnyValue::Int32(x) => XlsxCell::Number(x as f64, None),
                    AnyValue::Int64(x) => XlsxCell::Number(x as f64, None),
                    AnyValue::UInt32(x) => XlsxCell::Number(x as f64, None),
                    AnyValue::UInt64(x) => XlsxCell::Number(x as f64, None),
                    other => XlsxCell::Text(other.to_string().into()),
                },
            )
        },
        WHAT,
    )?;
    let bytes = book.save_to_buffer().map_err(xl)?;
    out.write_all(&bytes).map_err(|e| Error::io("<xlsx>", e))
}

/// One cell of a worksheet: a number (in a number format, or Excel's general one), a text, a
/// boolean, or nothing.
pub(crate) enum XlsxCell<'a> {
    /// No cell.
    Empty,
    /// A number, with its number format if it has one.
    Number(f64, Option<&'a rust_xlsxwriter::Format>),
    /// A text.
    Text(std::borrow::Cow<'a, str>),
    /// TRUE or FALSE.
    Bool(bool),
}

/// The one writer of a worksheet's cells (the result tables, the report's workbook, the
/// situation picture's): `header` in `header_format` on the first row, frozen above the data,
/// then `height` rows of `cell(row, column)`, column by column. Errors start with `what`.
///
/// # Errors
/// A cell Excel cannot hold, more columns or rows than Excel has, or `cell`'s error.
pub(crate) fn write_sheet_cells<'a>(
    sheet: &mut rust_xlsxwriter::Worksheet,
    header: &[&str],
    header_format: &rust_xlsxwriter::Format,
    height: usize,
    mut cell: impl FnMut(usize, usize) -> Result<XlsxCell<'a>>,
    what: &str,
) -> Result<()> {
    let xl = |e: rust_xlsxwriter::XlsxError| Error::InvalidArgument(format!("{what}: {e}"));
    for (j, name) in header.iter().enumerate() {
        let col = u16::try_from(j)
            .map_err(|_| Error::InvalidArgument(format!("{what}: more than 65 535 columns")))?;
        sheet
            .write_string_with_format(0, col, *name, header_format)
            .map_err(xl)?;
        for i in 0..height {
            let row = u32::try_from(i + 1).map_err(|_| {
                Error::InvalidArgument(format!("{what}: more rows than Excel holds"))
            })?;
            match cell(i, j)? {
                XlsxCell::Empty => continue,
                XlsxCell::Number(x, None) => sheet.write_number(row, col, x),
                XlsxCell::Number(x, Some(f)) => sheet.write_number_with_format(row, col, x, f),
                XlsxCell::Text(t) => sheet.write_string(row, col, t.as_ref()),
                XlsxCell::Bool(b) => sheet.write_boolean(row, col, b),
            }
            .map_err(xl)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xl)?;
    Ok(())
}

/// Writes a frame as a JSON array of row objects (nulls as `null`).
///
/// # Errors
/// I/O errors.
pub fn write_json(frame: &DataFrame, out: &mut dyn Write) -> Result<()> {
    let rows = frame_to_json(frame)?;
    serde_json::to_writer_pretty(&mut *out, &rows)
        .map_err(|e| Error::InvalidArgument(format!("writing JSON: {e}")))?;
    out.write_all(b"\n").map_err(|e| Error::io("<json>", e))
}

/// The frame as JSON row objects.
///
/// # Errors
/// Only on a column type that has no JSON form (none in this crate's outputs).
pub fn frame_to_json(frame: &DataFrame) -> Result<Vec<serde_json::Map<String, serde_json::Value>>> {
    let columns = frame.columns();
    let mut rows = Vec::with_capacity(frame.height());
    for i in 0..frame.height() {
        let mut row = serde_json::Map::new();
        for c in columns {
            let v = c.get(i).map_err(|e| Error::polars("reading a cell", e))?;
            let json = match v {
                AnyValue::Null => serde_json::Value::Null,
                AnyValue::Boolean(b) => b.into(),
                AnyValue::String(s) => s.into(),
                AnyValue::StringOwned(s) => s.as_str().into(),
                AnyValue::Float64(x) => {
                    serde_json::Number::from_f64(x).map_or(serde_json::Value::Null, Into::into)
                }
                AnyValue::Float32(x) => serde_json::Number::from_f64(x as f64)
                    .map_or(serde_json::Value::Null, Into::into),
                AnyValue::Int32(x) => x.into(),
                AnyValue::Int64(x) => x.into(),
                AnyValue::UInt32(x) => x.into(),
                AnyValue::UInt64(x) => x.into(),
                other => other.to_string().into(),
            };
            row.insert(c.name().to_string(), json);
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Runs `write` on a temporary file beside `path`, then renames it to `path`; on error the
/// temporary file is removed and `path` is left as it was.
///
/// Atomic for the run and for readers: a failed or killed run leaves no half file, and a
/// program reading `path` sees the old file or the whole new one. The file is not `fsync`ed
/// before the rename, as polars, pandas and most data tools do not: an output can be made
/// again from its inputs, and waiting for the disk made a national rates table (1.9 GB) take
/// 8.1 s instead of 4.8 s on a disk that writes 280 MB/s (`benches/README.md`). After a
/// power cut within the kernel's writeback delay (about 30 s) the file may be empty.
///
/// # Errors
/// The error of `write`, or an I/O error naming the file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, e))?;
        write(&mut file)?;
        file.flush().map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
