//! The report's workbook: one sheet per table, numbers as numbers.

use super::{ReportData, report_tables};
use crate::error::{Error, Result};
use polars::prelude::{AnyValue, DataFrame};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// Writes every table of the report as a sheet of one workbook, atomically.
pub(super) fn write_workbook(data: &ReportData, path: &Path) -> Result<()> {
    let mut book = Workbook::new();
    for (name, frame) in report_tables(data)? {
        add_sheet(&mut book, name, &frame)?;
    }
    let bytes = book.save_to_buffer().map_err(|e| {
        Error::InvalidArgument(format!("{}: writing the workbook: {e}", path.display()))
    })?;
    crate::output::write_atomically(path, |f| {
        std::io::Write::write_all(f, &bytes).map_err(|e| Error::io(path, e))
    })
}

fn add_sheet(book: &mut Workbook, name: &str, frame: &DataFrame) -> Result<()> {
    let xl = |e: rust_xlsxwriter::XlsxError| Error::InvalidArgument(format!("sheet {name}: {e}"));
    let header = Format::new().set_bold().set_background_color("#F3F5F8");
    // Swedish-friendly: thousands grouped, one decimal for rates; Excel shows the locale's
    // separators (space and comma in Swedish Excel).
    let whole = Format::new().set_num_format("# ##0");
    let decimal = Format::new().set_num_format("# ##0.0");
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(xl)?;
    for (j, column) in frame.columns().iter().enumerate() {
        let col = j as u16;
        sheet
            .write_string_with_format(0, col, column.name().as_str(), &header)
            .map_err(xl)?;
        let fmt = match column.name().as_str() {
            "count" | "population" => &whole,
            _ => &decimal,
        };
        for i in 0..frame.height() {
            let row = (i + 1) as u32;
            match column
                .get(i)
                .map_err(|e| Error::polars("reading a cell", e))?
            {
                AnyValue::Null => {}
                AnyValue::Float64(x) if x.is_finite() => {
                    if matches!(
                        column.name().as_str(),
                        "level" | "mk_p" | "ols_p" | "mk_tau" | "mk_tau_b"
                    ) {
                        sheet.write_number(row, col, x).map_err(xl)?;
                    } else {
                        sheet
                            .write_number_with_format(row, col, x, fmt)
                            .map_err(xl)?;
                    }
                }
                AnyValue::UInt32(x) => {
                    sheet.write_number(row, col, x as f64).map_err(xl)?;
                }
                AnyValue::String(s) => {
                    sheet.write_string(row, col, s).map_err(xl)?;
                }
                AnyValue::StringOwned(s) => {
                    sheet.write_string(row, col, s.as_str()).map_err(xl)?;
                }
                other => {
                    sheet
                        .write_string(row, col, other.to_string())
                        .map_err(xl)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xl)?;
    sheet.autofit();
    Ok(())
}
