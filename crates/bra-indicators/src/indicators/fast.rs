//! `rates` from files at national scale (~10 million rows on two cores).
//!
//! [`rates_from_files`] reads a canonical counts file (in any of its CSV shapes) with the fast
//! reader (`ingest/fast.rs`: polars' CSV reader into dictionary-encoded columns), joins the
//! population once per distinct (area, period), computes each interval once per distinct count
//! (counts repeat a lot: the national table has a few thousand distinct counts, so the exact
//! chi-square quantiles are a lookup), and streams the CSV out in parallel chunks without
//! building the result table. Every other file goes through the row-by-row readers and
//! [`rates`](super::rates), so outputs, warnings and errors are the same either way.

use super::{RATE_COLUMNS, RateOptions, missing_population, population_note, rates};
use crate::error::{Error, Result};
use crate::ingest::fast::{CountCell, FastCounts, WarningTally, get_or_first, read_counts};
use crate::ingest::{ReadOptions, read_population_with, read_table};
use crate::output::{OutputFormat, write_atomically, write_frame};
use crate::stats::rate::{CountInterval, count_interval};
use crate::table::{Population, add_status};
use crate::warning::{Warning, WarningKind, WarningSummary};
use polars::prelude::*;
use std::io::Write;
use std::path::Path;

/// How many example messages of each warning kind a [`RatesRun`] keeps.
pub const WARNING_EXAMPLES: usize = 10;

/// The rates of a counts file, ready to be written: from [`rates_from_files`].
///
/// At national scale the rows are not held as a table but computed while they are written
/// ([`RatesRun::write_csv`]); [`RatesRun::to_dataframe`] builds the same table in memory.
#[derive(Debug)]
pub struct RatesRun {
    inner: Inner,
    warnings: Vec<WarningSummary>,
}

#[derive(Debug)]
enum Inner {
    Frame(DataFrame),
    Fast(Box<FastRates>),
}

/// Rates per `per` inhabitants with confidence intervals for every row of a counts file, as
/// [`rates`] computes them after [`read_table`] and [`read_population`], with the same
/// output, warnings and errors — fast for canonical counts files
/// (`area,period,indicator,count`, optionally `group`, `status`, `source`) in every shape the
/// fast reader reads (`,`, `;` or tab, UTF-8 or Windows-1252, quoted fields, area names,
/// indicator labels, Swedish numbers in the count; see `ingest/fast.rs`).
///
/// Warnings are kept as counts per kind with the first [`WARNING_EXAMPLES`] messages (the
/// national table has millions of small counts).
///
/// # Errors
/// As [`read_table`], [`read_population`] and [`rates`], in that order.
///
/// # Examples
/// ```
/// use bra_indicators::{rates_from_files, RateOptions, ReadOptions};
/// let dir = tempfile::tempdir()?;
/// let (counts, population) = (dir.path().join("c.csv"), dir.path().join("p.csv"));
/// std::fs::write(&counts, "area,period,indicator,count\n1982,2020,brott.totalt,1577\n")?;
/// std::fs::write(&population, "area,period,population\n1982,2019,13391\n")?;
/// let run = rates_from_files(&counts, &population, &ReadOptions::default(), &RateOptions::default())?;
/// assert!(run.is_fast());
/// let mut csv = Vec::new();
/// run.write_csv(&mut csv)?;
/// let csv = String::from_utf8(csv)?;
/// assert!(csv.lines().nth(1).unwrap().starts_with("1982,2020,brott.totalt,total,1577.0,13391.0,2019,11776.566"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rates_from_files(
    counts: &Path,
    population: &Path,
    read: &ReadOptions,
    options: &RateOptions,
) -> Result<RatesRun> {
    // Only for what the fast reader reads exactly: CSV (or detected), built-in areas and
    // indicators, no forced period.
    let plain = matches!(
        read.format,
        crate::ingest::Format::Auto | crate::ingest::Format::Csv
    ) && read.areas.is_none()
        && read.indicators.is_none()
        && read.period.is_none()
        && read.indicator.is_none()
        && !read.survey;
    if plain && let Some(fast) = read_counts(counts, &read.limits) {
        let (population, pop_warnings) = read_population_with(population, read)?;
        if let Some(run) = FastRates::run(fast, &population, &pop_warnings, options)? {
            return Ok(run);
        }
    }
    let table = read_table(counts, read)?;
    let (population, pop_warnings) = read_population_with(population, read)?;
    let computed = rates(&table.table, &population, options)?;
    let mut tally = WarningTally::new(WARNING_EXAMPLES);
    tally.extend(&table.warnings);
    tally.extend(&pop_warnings);
    tally.extend(&computed.warnings);
    Ok(RatesRun {
        inner: Inner::Frame(computed.frame),
        warnings: tally.into_summaries(),
    })
}

impl RatesRun {
    /// Number of rows (one per row of the counts file that was kept).
    pub fn height(&self) -> usize {
        match &self.inner {
            Inner::Frame(f) => f.height(),
            Inner::Fast(f) => f.counts.rows,
        }
    }

    /// Whether the fast reader read the counts file.
    pub fn is_fast(&self) -> bool {
        matches!(self.inner, Inner::Fast(_))
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
        match &self.inner {
            Inner::Frame(f) => Ok(f.clone()),
            Inner::Fast(f) => f.to_dataframe(),
        }
    }

    /// Writes the result as CSV, exactly as [`crate::write_csv`] writes
    /// [`RatesRun::to_dataframe`].
    ///
    /// # Errors
    /// I/O errors.
    pub fn write_csv(&self, out: &mut dyn Write) -> Result<()> {
        match &self.inner {
            Inner::Frame(f) => crate::output::write_csv(f, out),
            Inner::Fast(f) => f.write_csv(out),
        }
    }

    /// Writes the result to `path` in the format of its extension, atomically (as
    /// [`write_frame`]); CSV is streamed.
    ///
    /// # Errors
    /// An unknown extension, or an I/O or polars error naming the file.
    pub fn write(&self, path: &Path) -> Result<()> {
        match (&self.inner, OutputFormat::from_path(path)?) {
            (Inner::Fast(f), OutputFormat::Csv) => write_atomically(path, |file| f.write_csv(file)),
            _ => write_frame(&self.to_dataframe()?, path),
        }
    }
}

/// The status a row gets on top of the reader's: see [`FastRates::row`].
const PLAIN: usize = 0;
const UNSTABLE: usize = 1;
const SUPPRESSED_SMALL: usize = 2;
const NO_POPULATION: usize = 3;
/// Then one variant per missing-value marker, in this order.
const MARKERS: [&str; 3] = ["missing", "suppressed", "nil"];
const VARIANTS: usize = 4 + MARKERS.len();

/// Rates for a fast-read counts table: per-distinct-value tables, rows computed on demand.
#[derive(Debug)]
struct FastRates {
    counts: FastCounts,
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
    /// The count's cell in `FastCounts::counts`.
    count_cell: usize,
    population: Option<f64>,
    /// The population's index in `FastRates::population`.
    population_index: usize,
    rate: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    method: Option<&'static str>,
    status: usize,
    source: usize,
}

impl FastRates {
    /// The run, or `None` when a count cannot get an interval (the slow path then reports it).
    fn run(
        counts: FastCounts,
        population: &Population,
        pop_warnings: &[Warning],
        options: &RateOptions,
    ) -> Result<Option<RatesRun>> {
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
        let mut intervals = Vec::with_capacity(counts.counts.len());
        for cell in &counts.counts {
            intervals.push(match cell.value {
                Some(x) => match count_interval(x, options.level, options.method) {
                    Ok(ci) => Some(ci),
                    Err(_) => return Ok(None),
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
        let mut fast = FastRates {
            counts,
            options: *options,
            population: pop,
            population_years: years,
            intervals,
            statuses,
            sources,
        };
        if fast
            .counts
            .counts
            .iter()
            .any(|c| c.value.is_none() && !c.marker.is_some_and(|m| MARKERS.contains(&m)))
        {
            return Ok(None); // a marker this table does not know: the slow path handles it
        }
        let mut tally = WarningTally::new(WARNING_EXAMPLES);
        fast.counts.warnings(&mut tally);
        tally.extend(pop_warnings);
        fast.warnings(&mut tally);
        fast.population.shrink_to_fit();
        Ok(Some(RatesRun {
            inner: Inner::Fast(Box::new(fast)),
            warnings: tally.into_summaries(),
        }))
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
            _ => {
                let m = cell
                    .marker
                    .and_then(|m| MARKERS.iter().position(|k| *k == m))
                    .unwrap_or(0);
                row.status = status + 4 + m;
            }
        }
        row
    }

    /// The warnings of the computation, in row order: small counts and missing populations.
    fn warnings(&self, tally: &mut WarningTally) {
        let c = &self.counts;
        let mut small = 0usize;
        let mut no_pop = 0usize;
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
                Some(_) if x < 10.0 => {
                    if tally.is_full(WarningKind::SmallCount) {
                        small += 1;
                    } else {
                        tally.add(WarningKind::SmallCount, || {
                            Warning::new(
                                WarningKind::SmallCount,
                                None,
                                format!("{}: {x} events, rate unstable", what()),
                            )
                        });
                    }
                }
                Some(_) => {}
                None => {
                    if tally.is_full(WarningKind::MissingPopulation) {
                        no_pop += 1;
                    } else {
                        let year = self.population_years[period];
                        tally.add(WarningKind::MissingPopulation, || {
                            Warning::new(
                                WarningKind::MissingPopulation,
                                None,
                                format!(
                                    "{}: {}",
                                    what(),
                                    missing_population(&c.areas[area].code, year)
                                ),
                            )
                        });
                    }
                }
            }
        }
        tally.add_many(WarningKind::SmallCount, small);
        tally.add_many(WarningKind::MissingPopulation, no_pop);
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
            // The fast reader reads counts-only files: no published rates.
            Column::new("published_rate".into(), vec![None::<f64>; n]),
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
                texts(&rows, |r| c.areas[r.area].name.as_str()),
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
            // published_rate: always empty (the fast reader reads counts-only files).
            buf.push(b',');
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
const CHUNK_ROWS: usize = 1 << 14;
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
    fn new(r: &FastRates) -> Result<Self> {
        let c = &r.counts;
        let strings = |v: Vec<Option<&str>>| csv_cells(Column::new("x".into(), v));
        let mut header = Vec::new();
        crate::output::write_csv(
            &DataFrame::empty_with_schema(&Schema::from_iter(
                RATE_COLUMNS.map(|n| Field::new(n.into(), DataType::String)),
            )),
            &mut header,
        )?;
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
            area_name: strings(c.areas.iter().map(|a| Some(a.name.as_str())).collect())?,
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
