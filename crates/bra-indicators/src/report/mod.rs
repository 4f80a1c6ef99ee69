//! The follow-up report (uppföljning) for the local crime-prevention council and the
//! municipal board: one folder with `index.html` (self-contained), the tables as CSV and one
//! XLSX workbook, written atomically.
//!
//! The parts: [`load`] reads the files a config names ([`LoadedData`]); `assemble` computes
//! what the report shows ([`ReportData`], through the Compute functions: rates, surveys,
//! trends, goals); `assessment` holds the benchmark assessment and the change between the
//! latest two periods; `write` renders and writes the folder atomically ([`build_report`]);
//! [`outputs`] reads this program's own outputs back (for `bra chart --input`).

mod assemble;
mod assessment;
#[cfg(feature = "charts")]
mod charts;
mod config;
mod html;
mod load;
pub mod outputs;
mod profile;
mod situation;
mod situation_page;
mod situation_section;
mod write;
mod xlsx;

pub use assemble::{
    BenchmarkComparison, IndicatorSummary, ReportData, SeriesPoint, WaveChange, assemble,
    assemble_from,
};
pub use config::{DataFiles, FocusAreaConfig, ReportConfig};
pub use html::escape_html;
pub use load::{LoadedData, load, read_goals};
pub use situation::write_situation_workbook;
pub use situation_page::{SituationPageOptions, SituationPageSummary, write_situation_page};
pub(crate) use write::report_tables;
pub use write::{ReportSummary, build_report, build_reports, folder_name};

use crate::indicators::PopulationYear;

/// The population year of the report's rates (Brå's convention), which its methods note names.
pub(crate) const POPULATION_YEAR: PopulationYear = PopulationYear::Previous;
