//! The report's workbook: one sheet per table, numbers as numbers.

use super::{ReportData, report_tables};
use crate::error::{Error, Result};
use crate::output::{XlsxCell, write_sheet_cells};
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
    let what = format!("sheet {name}");
    let xl = |e: rust_xlsxwriter::XlsxError| Error::InvalidArgument(format!("{what}: {e}"));
    let header = Format::new().set_bold().set_background_color("#F3F5F8");
    // Swedish-friendly: thousands grouped, one decimal for rates; Excel shows the locale's
    // separators (space and comma in Swedish Excel).
    let whole = Format::new().set_num_format("# ##0");
    let decimal = Format::new().set_num_format("# ##0.0");
    let sheet = book.add_worksheet();
    sheet.set_name(name).map_err(xl)?;
    let names: Vec<&str> = frame.columns().iter().map(|c| c.name().as_str()).collect();
    let columns = frame.columns();
    write_sheet_cells(
        sheet,
        &names,
        &header,
        frame.height(),
        |i, j| {
            let column = &columns[j];
            let fmt = match names[j] {
                "count" | "population" => &whole,
                _ => &decimal,
            };
            Ok(
                match column
                    .get(i)
                    .map_err(|e| Error::polars("reading a cell", e))?
                {
                    AnyValue::Null => XlsxCell::Empty,
                    AnyValue::Float64(x) if x.is_finite() => {
                        // Levels, p-values and Kendall's tau keep every decimal.
                        let plain =
                            matches!(names[j], "level" | "mk_p" | "ols_p" | "mk_tau" | "mk_tau_b");
                        XlsxCell::Number(x, (!plain).then_some(fmt))
                    }
                    AnyValue::UInt32(x) => XlsxCell::Number(x as f64, None),
                    AnyValue::String(s) => XlsxCell::Text(s.to_string().into()),
                    AnyValue::StringOwned(s) => XlsxCell::Text(s.to_string().into()),
                    other => XlsxCell::Text(other.to_string().into()),
                },
            )
        },
        &what,
    )?;
    sheet.autofit();
    Ok(())
}
