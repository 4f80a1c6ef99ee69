//! Rates per 100 000 with intervals: one computation for every reader's table.
//!
//! Every counts table reaches the rates dictionary-encoded ([`CodedCounts`]): the fast CSV
//! reader (`ingest/fast.rs`: polars' CSV reader into categorical columns) builds it straight
//! from the file; every other reader's [`Table`] is encoded by [`CodedCounts::from_table`].
//! The population is then joined once per distinct (area, period), each interval computed
//! once per distinct count (the national table has a few thousand distinct counts, so the
//! exact chi-square quantiles are a lookup), each status and source text built once, and the
//! rows are made on demand: as a frame ([`rates`], [`RatesRun::to_dataframe`]) or streamed
//! as CSV in parallel chunks ([`RatesRun::write_csv`]) without building the result table.

use super::{missing_population, population_note};
use crate::coded::{CodedCounts, CountCell, CountsTable, get_or_first};
use crate::error::{Error, Result};
use crate::stats::Level;
use crate::stats::rate::{CountInterval, RateMethod, count_interval};
use crate::table::{Population, Table, add_status};
use crate::tally::WarningTally;
use crate::warning::{Warning, WarningKind, WarningSummary};
use polars::prelude::*;
use std::collections::HashMap;
use std::io::Write;

use super::population_year::PopulationYear;

/// Options for [`rates`].
///
/// # Examples
/// ```
/// use bra_indicators::{RateOptions, RateMethod, Level};
/// use bra_indicators::PopulationYear;
/// let opts = RateOptions { per: 1000.0, method: RateMethod::Exact, ..RateOptions::default() };
/// assert_eq!(opts.level, Level::P95);
/// assert_eq!(opts.population_year, PopulationYear::Previous);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateOptions {
    /// The multiplier: rates are per this many inhabitants (100,000 by default).
    pub per: f64,
    /// The interval method (`auto` by default).
    pub method: RateMethod,
    /// The confidence level (0.95 by default).
    pub level: Level,
    /// Leave out the rate of counts under 10 (they are always flagged `unstable`).
    pub suppress_small: bool,
    /// Which year-end population a count is divided by (Brå's: the year before, by default).
    pub population_year: PopulationYear,
}

impl Default for RateOptions {
    fn default() -> Self {
        RateOptions {
            per: 100_000.0,
            method: RateMethod::Auto,
            level: Level::P95,
            suppress_small: false,
            population_year: PopulationYear::Previous,
        }
    }
}

/// A computed table with the warnings that arose.
#[derive(Debug, Clone)]
pub struct Computed {
    /// The result, one row per input row.
    pub frame: DataFrame,
    /// What the computation noticed (rows without population, small counts).
    pub warnings: Vec<Warning>,
}

pub use crate::schema::RATE_COLUMNS;

/// Rates per `per` inhabitants with confidence intervals for every row of a counts table.
///
/// Counts are joined with the population of their area on 31 December of the year before
/// their calendar year, as Brå computes its rates ([`PopulationYear::Previous`], the default;
/// [`PopulationYear::Same`] takes the count's own year). A monthly or quarterly count takes
/// the population its year takes; its rate is per period, not annualised. `population_period`
/// is the year whose year-end population was used. Rows without that population (never
/// another year's instead), and rows whose count is missing (`..`), are kept with an empty
/// rate and a status saying why; counts under 10 are flagged `unstable`. `published_rate` is
/// Brå's own figure: the input row's `value` where its `method` is `published`.
///
/// The table is dictionary-encoded first and computed as [`rates_of`] computes a counts
/// file: the same code gives every rate.
///
/// Output columns: [`RATE_COLUMNS`].
///
/// # Errors
/// [`Error::InvalidArgument`] when `per` is not positive, or a count that has a population is
/// negative or not finite; polars errors are wrapped.
///
/// # Examples
/// ```
/// use bra_indicators::{rates, read_table_bytes, read_population_bytes, RateOptions, ReadOptions};
/// let counts = read_table_bytes("c.csv", b"area,period,indicator,count\n1982,2020,brott.totalt,1577\n", &ReadOptions::default())?;
/// // Fagersta had 13,391 inhabitants at the end of 2019.
/// let (pop, _) = read_population_bytes("p.csv", b"area,period,population\n1982,2019,13391\n")?;
/// let out = rates(&counts.table, &pop, &RateOptions::default())?;
/// let rate = out.frame.column("rate").unwrap().f64().unwrap().get(0).unwrap();
/// assert_eq!(rate.round(), 11777.0);
/// let used = out.frame.column("population_period").unwrap().str().unwrap().get(0);
/// assert_eq!(used, Some("2019"));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn rates(counts: &Table, population: &Population, options: &RateOptions) -> Result<Computed> {
    let computed = RateRows::new(CodedCounts::from_table(counts), population, options)?;
    let mut warnings = Vec::new();
    computed.each_warning(|_, make| warnings.push(make()));
    Ok(Computed {
        frame: computed.to_dataframe()?,
        warnings,
    })
}

/// How many example messages of each warning kind a [`RatesRun`] keeps.
pub const WARNING_EXAMPLES: usize = 10;

/// The rates of a counts table, ready to be written: from [`rates_of`].
///
/// The rows are not held as a table but computed while they are written
/// ([`RatesRun::write_csv`]); [`RatesRun::to_dataframe`] builds the same table in memory.
#[derive(Debug)]
pub struct RatesRun {
    rows: Box<RateRows>,
    warnings: Vec<WarningSummary>,
    fast_reader: bool,
}

/// Rates per `per` inhabitants with confidence intervals for every row of a counts table read
/// by [`read_counts_table`](crate::read_counts_table) (or encoded by
/// [`CountsTable::from_table`]), as [`rates`] computes them, with the same output and errors.
/// `population_warnings` are the population reader's: they are counted after the counts
/// reader's and before the computation's, as `bra rates` reports them.
///
/// Warnings are kept as counts per kind with the first [`WARNING_EXAMPLES`] messages (the
/// national table has millions of small counts).
///
/// # Errors
/// As [`rates`].
///
/// # Examples
/// ```
/// use bra_indicators::{rates_of, read_counts_table, read_population_with, RateOptions, ReadOptions};
/// let dir = tempfile::tempdir()?;
/// let (counts, population) = (dir.path().join("c.csv"), dir.path().join("p.csv"));
/// std::fs::write(&counts, "area,period,indicator,count\n1982,2020,brott.totalt,1577\n")?;
/// std::fs::write(&population, "area,period,population\n1982,2019,13391\n")?;
/// let read = ReadOptions::default();
/// let table = read_counts_table(&counts, &read)?;
/// let (pop, pop_warnings) = read_population_with(&population, &read)?;
/// let run = rates_of(table, &pop, &pop_warnings, &RateOptions::default())?;
/// assert!(run.is_fast());
/// let mut csv = Vec::new();
/// run.write_csv(&mut csv)?;
/// let csv = String::from_utf8(csv)?;
/// assert!(csv.lines().nth(1).unwrap().starts_with("1982,2020,brott.totalt,total,1577.0,13391.0,2019,11776.566"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rates_of(
    counts: CountsTable,
    population: &Population,
    population_warnings: &[Warning],
    options: &RateOptions,
) -> Result<RatesRun> {
    let mut tally = WarningTally::new(WARNING_EXAMPLES);
    counts.tally_warnings(&mut tally);
    let fast_reader = counts.is_fast();
    let rows = RateRows::new(counts.coded, population, options)?;
    tally.extend(population_warnings);
    rows.each_warning(|kind, make| tally.add(kind, make));
    Ok(RatesRun {
        rows: Box::new(rows),
        warnings: tally.into_summaries(),
        fast_reader,
    })
}

impl RatesRun {
    /// Number of rows (one per row of the counts file that was kept).
    pub fn height(&self) -> usize {
        self.rows.counts.rows
    }

    /// Whether the fast reader read the counts file (see [`CountsTable::is_fast`]).
    pub fn is_fast(&self) -> bool {
        self.fast_reader
    }

    /// The warnings by kind, with up to [`WARNING_EXAMPLES`] examples each, ordered as
    /// [`crate::summarise_warnings`] orders them.
    pub fn warnings(&self) -> &[WarningSummary] {
        &self.warnings
    }

    /// The result table, with the columns [`RATE_COLUMNS`].
    ///
    /// # Errors
    /// Only if polars fails to build the frame.
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        self.rows.to_dataframe()
    }

    /// Writes the result as CSV, exactly as [`crate::write_csv`] writes
    /// [`RatesRun::to_dataframe`].
    ///
    /// # Errors
    /// I/O errors.
    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        self.rows.write_csv(out)
    }
}

/// The status a row gets on top of the reader's: see [`RateRows::row`].
const PLAIN: usize = 0;
const UNSTABLE: usize = 1;
const SUPPRESSED_SMALL: usize = 2;
const NO_POPULATION: usize = 3;
/// Then one variant per missing-value marker, in this order.
const MARKERS: [&str; 3] = ["missing", "suppressed", "nil"];
const VARIANTS: usize = 4 + MARKERS.len();

/// Rates for a fast-read counts table: per-distinct-value tables, rows computed on demand.
#[derive(Debug)]
struct RateRows {
    counts: CodedCounts,
    options: RateOptions,
    /// Population by area and period index (`area * periods + period`).
    population: Vec<Option<f64>>,
    /// By period: the year whose year-end population the period's counts are divided by.
    population_years: Vec<Option<i32>>,
    /// The interval of each count cell (`None` where the count is missing).
    intervals: Vec<Option<CountInterval>>,
    /// `statuses[status * VARIANTS + variant]`.
    statuses: Vec<Option<String>>,
    /// `sources[source * (1 + periods) + 0]` without, `+ 1 + period` with the population note.
    sources: Vec<String>,
}

/// One output row, as indices into the tables and numbers.
struct Row {
    area: usize,
    period: usize,
    indicator: usize,
    group: usize,
    count: Option<f64>,
    /// The count's cell in `CodedCounts::counts`.
    count_cell: usize,
    population: Option<f64>,
    /// The population's index in `RateRows::population`.
    population_index: usize,
    rate: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    method: Option<&'static str>,
    status: usize,
    source: usize,
}

impl RateRows {
    /// The run, or `None` when a count cannot get an interval (the slow path then reports it).
    /// The population, intervals, statuses and sources of every distinct value.
    ///
    /// # Errors
    /// `per` not positive; a count that has a population but no interval (negative or not
    /// finite), the first such row's.
    fn new(counts: CodedCounts, population: &Population, options: &RateOptions) -> Result<Self> {
        if !(options.per.is_finite() && options.per > 0.0) {
            return Err(Error::Setting {
                message: format!(
                    "the rate multiplier `per`: expected a positive number, found {}",
                    options.per
                ),
                setting: "per",
            });
        }
        let n_periods = counts.periods.len();
        let years: Vec<Option<i32>> = counts
            .periods
            .iter()
            .map(|p| options.population_year.year_for(p))
            .collect();
        let mut pop = Vec::with_capacity(counts.areas.len() * n_periods);
        for area in &counts.areas {
            for year in &years {
                pop.push(year.and_then(|y| population.get(&area.code, y)));
            }
        }
        // A count without an interval is an error only on a row that has a population.
        let mut intervals = Vec::with_capacity(counts.counts.len());
        let mut failed: HashMap<usize, Error> = HashMap::new();
        for (j, cell) in counts.counts.iter().enumerate() {
            intervals.push(match cell.value {
                Some(x) => match count_interval(x, options.level, options.method) {
                    Ok(ci) => Some(ci),
                    Err(e) => {
                        failed.insert(j, e);
                        None
                    }
                },
                None => None,
            });
        }
        let mut statuses = Vec::with_capacity(counts.statuses.len() * VARIANTS);
        for st in 0..counts.statuses.len() {
            let base = &counts.statuses[st];
            for variant in 0..VARIANTS {
                let mut s = base.clone();
                match variant {
                    PLAIN => {}
                    UNSTABLE => add_status(&mut s, "unstable"),
                    SUPPRESSED_SMALL => {
                        add_status(&mut s, "unstable");
                        add_status(&mut s, "small-count-suppressed");
                    }
                    NO_POPULATION => add_status(&mut s, "no-population"),
                    m => {
                        let cell = CountCell {
                            value: None,
                            marker: Some(MARKERS[m - 4]),
                        };
                        s = counts.status_of(st, &cell);
                    }
                }
                statuses.push(s);
            }
        }
        let mut sources = Vec::with_capacity(counts.sources.len() * (1 + n_periods));
        for s in &counts.sources {
            sources.push(s.clone());
            for year in &years {
                sources.push(match year {
                    Some(y) => format!("{s}{}", population_note(&population.source, *y)),
                    None => s.clone(),
                });
            }
        }
        let mut rows = RateRows {
            counts,
            options: *options,
            population: pop,
            population_years: years,
            intervals,
            statuses,
            sources,
        };
        if !failed.is_empty() {
            let c = &rows.counts;
            for i in 0..c.rows {
                let cell = c.count.get(i);
                let index = c.area.get(i) * n_periods + c.period.get(i);
                if rows.population[index].is_some()
                    && let Some(e) = failed.remove(&cell)
                {
                    return Err(e);
                }
            }
        }
        rows.population.shrink_to_fit();
        Ok(rows)
    }

    /// Row `i`, as [`rates`] computes it.
    #[inline]
    fn row(&self, i: usize) -> Row {
        let c = &self.counts;
        let n_periods = c.periods.len();
        let area = c.area.get(i);
        let period = c.period.get(i);
        let code = c.count.get(i);
        let cell = &c.counts[code];
        let status = get_or_first(&c.status, i) * VARIANTS;
        let source = get_or_first(&c.source, i) * (1 + n_periods);
        let population_index = area * n_periods + period;
        let population = self.population[population_index];
        let mut row = Row {
            area,
            period,
            indicator: c.indicator.get(i),
            group: get_or_first(&c.group, i),
            count: cell.value,
            count_cell: code,
            population,
            population_index,
            rate: None,
            lower: None,
            upper: None,
            method: None,
            status: status + PLAIN,
            source,
        };
        match (cell.value, population, &self.intervals[code]) {
            (Some(x), Some(p), Some(ci)) => {
                let scale = self.options.per / p;
                let small = x < 10.0;
                if small && self.options.suppress_small {
                    row.status = status + SUPPRESSED_SMALL;
                } else {
                    if small {
                        row.status = status + UNSTABLE;
                    }
                    row.rate = Some(x * scale);
                    row.lower = Some(ci.lower * scale);
                    row.upper = Some(ci.upper * scale);
                    row.method = Some(ci.method.code());
                }
                row.source = source + 1 + period;
            }
            (Some(_), None, _) => row.status = status + NO_POPULATION,
            // A missing count: the reader's status as it is, with the marker's (the fast
            // reader's cells carry it; a table's status holds it already).
            _ => {
                row.status = match cell.marker {
                    Some(marker) => {
                        // Markers other than these are not made by `missing_marker`.
                        let m = MARKERS.iter().position(|k| *k == marker).unwrap_or(0);
                        status + 4 + m
                    }
                    None => status + PLAIN,
                }
            }
        }
        row
    }

    /// The warnings of the computation, in row order: small counts and missing populations.
    /// `sink` gets each one's kind and a maker of its message, called only for the warnings
    /// it keeps (a tally keeps a few examples of millions).
    fn each_warning(&self, mut sink: impl FnMut(WarningKind, &dyn Fn() -> Warning)) {
        let c = &self.counts;
        for i in 0..c.rows {
            let code = c.count.get(i);
            let Some(x) = c.counts[code].value else {
                continue;
            };
            let area = c.area.get(i);
            let period = c.period.get(i);
            let what = || {
                format!(
                    "{} {} {}",
                    c.areas[area].code,
                    c.periods[period],
                    c.indicators[c.indicator.get(i)]
                )
            };
            match self.population[area * c.periods.len() + period] {
                Some(_) if x < 10.0 => sink(WarningKind::SmallCount, &|| {
                    Warning::new(
                        WarningKind::SmallCount,
                        None,
                        format!("{}: {x} events, rate unstable", what()),
                    )
                    .about_area(&c.areas[area].code)
                    .about_indicator(&c.indicators[c.indicator.get(i)])
                }),
                Some(_) => {}
                None => sink(WarningKind::MissingPopulation, &|| {
                    Warning::new(
                        WarningKind::MissingPopulation,
                        None,
                        format!(
                            "{}: {}",
                            what(),
                            missing_population(&c.areas[area].code, self.population_years[period])
                        ),
                    )
                    .about_area(&c.areas[area].code)
                    .about_indicator(&c.indicators[c.indicator.get(i)])
                }),
            }
        }
    }

    fn to_dataframe(&self) -> Result<DataFrame> {
        let c = &self.counts;
        let n = c.rows;
        let rows: Vec<Row> = (0..n).map(|i| self.row(i)).collect();
        fn texts<'a>(rows: &[Row], f: impl Fn(&Row) -> &'a str) -> Vec<&'a str> {
            rows.iter().map(f).collect()
        }
        let number = |f: fn(&Row) -> Option<f64>| rows.iter().map(f).collect::<Vec<Option<f64>>>();
        let periods: Vec<String> = c.periods.iter().map(|p| p.to_string()).collect();
        let level = self.options.level.value();
        let columns = vec![
            Column::new("area".into(), texts(&rows, |r| &c.areas[r.area].code)),
            Column::new("period".into(), texts(&rows, |r| &periods[r.period])),
            Column::new(
                "indicator".into(),
                texts(&rows, |r| &c.indicators[r.indicator]),
            ),
            Column::new("group".into(), texts(&rows, |r| &c.groups[r.group])),
            Column::new("count".into(), number(|r| r.count)),
            Column::new("population".into(), number(|r| r.population)),
            Column::new(
                "population_period".into(),
                rows.iter()
                    .map(|r| {
                        r.population
                            .and(self.population_years[r.period])
                            .map(|y| y.to_string())
                    })
                    .collect::<Vec<_>>(),
            ),
            Column::new("rate".into(), number(|r| r.rate)),
            Column::new(
                "published_rate".into(),
                match &c.published {
                    Some(p) => p.clone(),
                    None => vec![None::<f64>; n],
                },
            ),
            Column::new("lower".into(), number(|r| r.lower)),
            Column::new("upper".into(), number(|r| r.upper)),
            Column::new(
                "method".into(),
                rows.iter().map(|r| r.method).collect::<Vec<_>>(),
            ),
            Column::new(
                "level".into(),
                rows.iter()
                    .map(|r| r.method.map(|_| level))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "status".into(),
                rows.iter()
                    .map(|r| self.statuses[r.status].as_deref())
                    .collect::<Vec<_>>(),
            ),
            Column::new("source".into(), texts(&rows, |r| &self.sources[r.source])),
            Column::new(
                "area_name".into(),
                rows.iter()
                    .map(|r| c.areas[r.area].name.as_deref())
                    .collect::<Vec<_>>(),
            ),
        ];
        DataFrame::new(n, columns).map_err(|e| Error::polars("computing rates", e))
    }

    /// Streams the CSV: worker threads format chunks of rows, this thread writes them in order.
    fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        let cells = Cells::new(self)?;
        out.write_all(&cells.header)
            .map_err(|e| Error::io("<csv>", e))?;
        let rows = self.counts.rows;
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let chunks = rows.div_ceil(CHUNK_ROWS);
        if workers == 1 || chunks <= 1 {
            let mut buf = Vec::with_capacity(CHUNK_BYTES);
            for k in 0..chunks {
                buf.clear();
                self.format_rows(
                    &cells,
                    k * CHUNK_ROWS..rows.min((k + 1) * CHUNK_ROWS),
                    &mut buf,
                );
                out.write_all(&buf).map_err(|e| Error::io("<csv>", e))?;
            }
            return Ok(());
        }
        std::thread::scope(|scope| {
            let mut channels = Vec::with_capacity(workers);
            for w in 0..workers {
                let (full_tx, full_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
                let (empty_tx, empty_rx) = std::sync::mpsc::channel::<Vec<u8>>();
                let cells = &cells;
                scope.spawn(move || {
                    // Two buffers per worker, handed back and forth: no memory is mapped
                    // afresh (and faulted in) for each chunk.
                    let mut spare: Vec<Vec<u8>> =
                        (0..2).map(|_| Vec::with_capacity(CHUNK_BYTES)).collect();
                    for k in (w..chunks).step_by(workers) {
                        let mut buf = match spare.pop() {
                            Some(buf) => buf,
                            None => match empty_rx.recv() {
                                Ok(buf) => buf,
                                Err(_) => return, // the writer stopped on an error
                            },
                        };
                        buf.clear();
                        self.format_rows(
                            cells,
                            k * CHUNK_ROWS..rows.min((k + 1) * CHUNK_ROWS),
                            &mut buf,
                        );
                        if full_tx.send(buf).is_err() {
                            return; // the writer stopped on an error
                        }
                    }
                });
                channels.push((full_rx, empty_tx));
            }
            for k in 0..chunks {
                let (full_rx, empty_tx) = &channels[k % workers];
                let buf = full_rx
                    .recv()
                    .map_err(|_| Error::InvalidArgument("a CSV worker thread stopped".into()))?;
                out.write_all(&buf).map_err(|e| Error::io("<csv>", e))?;
                let _ = empty_tx.send(buf);
            }
            Ok(())
        })
    }

    fn format_rows(&self, cells: &Cells, range: std::ops::Range<usize>, buf: &mut Vec<u8>) {
        let mut f = zmij::Buffer::new();
        // Each cell is followed by its separator: ',' or, after the last, '\n'.
        let text = |buf: &mut Vec<u8>, s: &[u8], end: u8| {
            buf.extend_from_slice(s);
            buf.push(end);
        };
        for i in range {
            let r = self.row(i);
            text(buf, &cells.area[r.area], b',');
            text(buf, &cells.period[r.period], b',');
            text(buf, &cells.indicator[r.indicator], b',');
            text(buf, &cells.group[r.group], b',');
            text(buf, &cells.count[r.count_cell], b',');
            text(buf, &cells.population[r.population_index], b',');
            let used = match r.population {
                Some(_) => &cells.population_period[r.period][..],
                None => b"",
            };
            text(buf, used, b',');
            let rate = r.rate.map_or(&b""[..], |x| f.format(x).as_bytes());
            text(buf, rate, b',');
            let published = self.counts.published.as_ref().and_then(|p| p[i]);
            text(
                buf,
                published.map_or(&b""[..], |x| f.format(x).as_bytes()),
                b',',
            );
            for x in [r.lower, r.upper] {
                let s = x.map_or(&b""[..], |x| f.format(x).as_bytes());
                text(buf, s, b',');
            }
            text(buf, r.method.map_or(&b""[..], str::as_bytes), b',');
            text(
                buf,
                if r.method.is_some() {
                    &cells.level
                } else {
                    b""
                },
                b',',
            );
            text(buf, &cells.status[r.status], b',');
            text(buf, &cells.source[r.source], b',');
            text(buf, &cells.area_name[r.area], b'\n');
        }
    }
}

/// Rows per chunk of CSV output, and the room first made for them (rows are 150 to 250 bytes).
/// Each worker holds two chunks (one being written), so the buffers take about 4 MiB on two
/// cores (16,384 rows a chunk took 13 MiB more, for no measurable speed).
const CHUNK_ROWS: usize = 1 << 12;
const CHUNK_BYTES: usize = CHUNK_ROWS * 256;

/// Every distinct text cell of the output, already as polars' CSV writer writes it.
struct Cells {
    header: Vec<u8>,
    area: Vec<Vec<u8>>,
    period: Vec<Vec<u8>>,
    indicator: Vec<Vec<u8>>,
    group: Vec<Vec<u8>>,
    /// By count cell; by area and period.
    count: Vec<Vec<u8>>,
    population: Vec<Vec<u8>>,
    /// By period: the year-end used, written only where a population was found.
    population_period: Vec<Vec<u8>>,
    level: Vec<u8>,
    status: Vec<Vec<u8>>,
    source: Vec<Vec<u8>>,
    area_name: Vec<Vec<u8>>,
}

impl Cells {
    fn new(r: &RateRows) -> Result<Self> {
        let c = &r.counts;
        let strings = |v: Vec<Option<&str>>| csv_cells(Column::new("x".into(), v));
        // The header row as the CSV writer writes it (quoting included).
        let mut header = Vec::new();
        CsvWriter::new(&mut header)
            .include_header(true)
            .finish(&mut DataFrame::empty_with_schema(&Schema::from_iter(
                RATE_COLUMNS.map(|n| Field::new(n.into(), DataType::String)),
            )))
            .map_err(|e| Error::polars("writing CSV", e))?;
        Ok(Cells {
            header,
            area: strings(c.areas.iter().map(|a| Some(a.code.as_str())).collect())?,
            period: csv_cells(Column::new(
                "x".into(),
                c.periods.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            ))?,
            indicator: strings(c.indicators.iter().map(|s| Some(s.as_str())).collect())?,
            group: strings(c.groups.iter().map(|s| Some(s.as_str())).collect())?,
            count: csv_cells(Column::new(
                "x".into(),
                c.counts.iter().map(|c| c.value).collect::<Vec<_>>(),
            ))?,
            population: csv_cells(Column::new("x".into(), r.population.clone()))?,
            population_period: strings(
                r.population_years
                    .iter()
                    .map(|y| y.map(|y| y.to_string()))
                    .collect::<Vec<_>>()
                    .iter()
                    .map(|s| s.as_deref())
                    .collect(),
            )?,
            level: csv_cells(Column::new("x".into(), [r.options.level.value()]))?
                .pop()
                .unwrap_or_default(),
            status: strings(r.statuses.iter().map(|s| s.as_deref()).collect())?,
            source: strings(r.sources.iter().map(|s| Some(s.as_str())).collect())?,
            area_name: strings(c.areas.iter().map(|a| a.name.as_deref()).collect())?,
        })
    }
}

/// Each value of `column` as polars' CSV writer writes it (quoted where needed): the column is
/// written once and cut at the line ends outside quotes.
fn csv_cells(column: Column) -> Result<Vec<Vec<u8>>> {
    let n = column.len();
    let mut frame = DataFrame::new(n, vec![column]).map_err(|e| Error::polars("writing CSV", e))?;
    let mut bytes = Vec::new();
    CsvWriter::new(&mut bytes)
        .include_header(false)
        .finish(&mut frame)
        .map_err(|e| Error::polars("writing CSV", e))?;
    let mut cells = Vec::with_capacity(n);
    let (mut start, mut quoted) = (0, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                cells.push(bytes[start..i].to_vec());
                start = i + 1;
            }
            _ => {}
        }
    }
    if cells.len() != n {
        return Err(Error::InvalidArgument(format!(
            "writing CSV: expected {n} cells, found {}",
            cells.len()
        )));
    }
    Ok(cells)
}
