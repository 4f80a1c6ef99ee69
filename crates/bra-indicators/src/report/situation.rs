//! The situation picture's tables as a workbook to share outside the EST group: small counts
//! can be shown as `<K`, and on such rows nothing that would give the count away (the ratio
//! and the tail probabilities) is written.

use crate::error::{Error, Result};
use crate::incident::is_suppressed;
use crate::indicators::situation::{
    PLACE_COLUMNS, SITUATION_COLUMNS, SituationPicture, WindowAssessment,
};
use crate::output::{XlsxCell, write_sheet_cells};
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;

/// One cell of a table row: a number, a text, or nothing.
enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

fn count_cell(count: Option<u64>, suppress_below: Option<u64>) -> Cell {
    match (count, suppress_below) {
        (None, _) => Cell::Empty,
        (Some(c), Some(k)) if is_suppressed(c, Some(k)) => Cell::Text(format!("<{k}")),
        (Some(c), _) => Cell::Number(c as f64),
    }
}

fn number(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Number)
}

/// The window's cells from `window_start` on, in [`SITUATION_COLUMNS`]' order.
fn window_cells(w: &WindowAssessment, suppress_below: Option<u64>) -> Vec<Cell> {
    // A hidden count must not be recoverable: count = ratio × expected, and the tail
    // probabilities pin it down too.
    let secret = is_suppressed(w.count, suppress_below);
    let unless_secret = |v: Option<f64>| if secret { Cell::Empty } else { number(v) };
    vec![
        Cell::Text(w.window_start.format("%Y-%m-%d").to_string()),
        Cell::Text(w.window_end.format("%Y-%m-%d").to_string()),
        count_cell(Some(w.count), suppress_below),
        count_cell(w.previous, suppress_below),
        count_cell(w.same_period_last_year, suppress_below),
        number(w.expected),
        number(w.dispersion),
        unless_secret(w.ratio),
        unless_secret(w.p_high),
        unless_secret(w.p_low),
        Cell::Text(w.flag.code().to_string()),
        Cell::Text(if w.partial { "true" } else { "false" }.to_string()),
    ]
}

fn write_sheet(sheet: &mut Worksheet, columns: &[&str], rows: &[Vec<Cell>]) -> Result<()> {
    write_sheet_cells(
        sheet,
        columns,
        &Format::new().set_bold(),
        rows.len(),
        |i, j| {
            Ok(match rows[i].get(j) {
                Some(Cell::Number(x)) => XlsxCell::Number(*x, None),
                Some(Cell::Text(t)) => XlsxCell::Text(t.as_str().into()),
                Some(Cell::Empty) | None => XlsxCell::Empty,
            })
        },
        "writing the situation picture's workbook",
    )
}

/// Writes the situation picture's table (sheet `lagesbild`) and its places (sheet `platser`)
/// as one workbook, atomically. With `suppress_below` = K, counts 1..K−1 are written as the
/// text `<K`, and rows whose own count is hidden get no ratio, p_high or p_low.
///
/// # Errors
/// An I/O error naming the file.
///
/// # Examples
/// ```no_run
/// # fn main() -> Result<(), bra_indicators::Error> {
/// use bra_indicators::{read_incidents, situation_picture, write_situation_workbook, IncidentCategories, SituationOptions};
/// let (log, _) = read_incidents("händelser.csv".as_ref())?;
/// let picture = situation_picture(&log, &IncidentCategories::builtin(), &SituationOptions::default())?;
/// write_situation_workbook(&picture, "lagesbild.xlsx".as_ref(), Some(3))?;
/// # Ok(()) }
/// ```
pub fn write_situation_workbook(
    picture: &SituationPicture,
    path: &Path,
    suppress_below: Option<u64>,
) -> Result<()> {
    let rows: Vec<Vec<Cell>> = picture
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                Cell::Text(r.level.code().to_string()),
                r.category.clone().map_or(Cell::Empty, Cell::Text),
                Cell::Text(r.focus_area.code().to_string()),
            ];
            cells.extend(window_cells(&r.window, suppress_below));
            cells
        })
        .collect();
    let places: Vec<Vec<Cell>> = picture
        .places
        .iter()
        .map(|p| {
            let mut cells = vec![Cell::Text(p.place.clone())];
            cells.extend(window_cells(&p.window, suppress_below));
            cells
        })
        .collect();
    let mut book = Workbook::new();
    let xl = |e: rust_xlsxwriter::XlsxError| {
        Error::InvalidArgument(format!("{}: writing the workbook: {e}", path.display()))
    };
    write_sheet(
        book.add_worksheet().set_name("lagesbild").map_err(xl)?,
        &SITUATION_COLUMNS,
        &rows,
    )?;
    write_sheet(
        book.add_worksheet().set_name("platser").map_err(xl)?,
        &PLACE_COLUMNS,
        &places,
    )?;
    let bytes = book.save_to_buffer().map_err(xl)?;
    crate::output::write_atomically(path, |f| {
        std::io::Write::write_all(f, &bytes).map_err(|e| Error::io(path, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_and_cannot_be_recovered() {
        assert!(is_suppressed(1, Some(3)) && is_suppressed(2, Some(3)));
        assert!(
            !is_suppressed(0, Some(3)) && !is_suppressed(3, Some(3)) && !is_suppressed(2, None)
        );
        let w = WindowAssessment {
            window_start: chrono::NaiveDate::from_ymd_opt(2026, 11, 16).unwrap(),
            window_end: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            count: 2,
            previous: Some(7),
            same_period_last_year: Some(1),
            expected: Some(4.0),
            dispersion: Some(1.0),
            ratio: Some(0.5),
            p_high: Some(0.9),
            p_low: Some(0.24),
            band_low: Some(0),
            band_high: Some(10),
            flag: crate::stats::surveillance::Flag::Normal,
            partial: false,
        };
        let cells = window_cells(&w, Some(3));
        assert!(matches!(&cells[2], Cell::Text(t) if t == "<3"));
        assert!(matches!(cells[3], Cell::Number(7.0)));
        assert!(matches!(&cells[4], Cell::Text(t) if t == "<3"));
        assert!(matches!(cells[5], Cell::Number(4.0)));
        for i in [7, 8, 9] {
            assert!(matches!(cells[i], Cell::Empty), "column {i}");
        }
        let open = window_cells(&w, None);
        assert!(matches!(open[2], Cell::Number(2.0)) && matches!(open[7], Cell::Number(0.5)));
    }
}
