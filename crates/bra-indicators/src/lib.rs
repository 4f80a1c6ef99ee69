//! # bra-indicators
//!
//! Key indicators (nyckeltal) for following up local crime prevention in Swedish
//! municipalities: reported crime per 100,000 inhabitants with confidence intervals, survey
//! shares, comparisons with the county and the country, trends and SMART goals.
//!
//! The central types:
//! - [`Table`] — the canonical long table (one [`Observation`] per area, period, indicator
//!   and group), produced by every reader ([`read_table`], [`read_population`]);
//! - [`AreaRegistry`] — the 290 kommuner, 21 län, 7 police regions and riket, with tolerant
//!   name lookup; [`Period`] — years, half-years, quarters (`2020K1`) and months (`2020M03`);
//! - [`stats`] — pure numerics on plain numbers ([`rate`], [`count_interval`], [`Level`]);
//! - [`rates`] — the group-wise computation over whole tables (polars).
//!
//! ## Example
//! ```
//! use bra_indicators::{rates, read_population_bytes, read_table_bytes, RateOptions, ReadOptions};
//!
//! let counts = "area;period;indicator;count\nFagersta kommun;2020;Totalt antal brott;1 577\n";
//! let population = "area,period,population\n1982,2020,13391\n";
//! let counts = read_table_bytes("counts.csv", counts.as_bytes(), &ReadOptions::default())?;
//! let (population, _) = read_population_bytes("population.csv", population.as_bytes())?;
//! let out = rates(&counts.table, &population, &RateOptions::default())?;
//! let rate = out.frame.column("rate").unwrap().f64().unwrap().get(0).unwrap();
//! assert_eq!(rate.round(), 11777.0); // Fagersta 2020: 11 777 per 100 000
//! # Ok::<(), bra_indicators::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod area;
mod error;
mod format;
mod indicator;
mod indicators;
pub mod ingest;
mod output;
mod period;
pub mod stats;
mod table;
mod warning;

pub use area::{Area, AreaKind, AreaMatch, AreaRegistry};
pub use error::{Error, Location, Result};
pub use format::{format_number, format_percent};
pub use indicator::{
    FocusArea, Indicator, IndicatorKind, IndicatorRegistry, is_indicator_id, slug,
};
pub use indicators::{
    Computed, RATE_COLUMNS, RateOptions, RatesRun, TREND_COLUMNS, TrendMethod, TrendOptions,
    TrendRow, WARNING_EXAMPLES, rates, rates_from_files, trend_rows, trends,
};
pub use ingest::{
    Ingested, Layout, ReadOptions, TextEncoding, read_population, read_population_bytes,
    read_table, read_table_bytes,
};
pub use output::{
    OutputFormat, frame_to_json, write_atomically, write_csv, write_frame, write_json,
};
pub use period::Period;
pub use stats::rate::{
    CountInterval, RateEstimate, RateMethod, count_interval, rate, rate_two_levels,
};
pub use stats::{Level, Polarity};
pub use table::{Observation, Population, Table};
pub use warning::{Warning, WarningKind, WarningSummary, summarise_warnings};

/// Re-export of polars, so users can work with the frames this crate returns.
pub use polars;
