//! Readers that turn real files into the canonical [`Table`](crate::Table).
//!
//! Each reader knows one format; all of them detect the text encoding (UTF-8, UTF-8 with BOM,
//! Windows-1252), keep missing-value markers as a `status` (never as 0), and report bad input
//! with file, line and column.

mod csv;
pub(crate) mod fast;
mod text;

pub use self::csv::{
    Layout, ReadOptions, read_population, read_population_bytes, read_table, read_table_bytes,
};
pub use text::TextEncoding;

use crate::table::Table;
use crate::warning::Warning;

/// What a reader produced: the table, what it noticed, and how the file looked.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The canonical table.
    pub table: Table,
    /// Warnings: skipped rows, unknown labels, missing cells.
    pub warnings: Vec<Warning>,
    /// The layout that was recognised.
    pub layout: Layout,
    /// The text encoding that was detected.
    pub encoding: TextEncoding,
    /// How many data rows were skipped (each one is also in `warnings`).
    pub skipped: usize,
}
