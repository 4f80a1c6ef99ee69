//! Survey results: NTU (Brå's national crime survey) and SCB's citizen survey.
//!
//! Two shapes are read:
//! - the canonical long CSV (DESIGN.md), with a `survey_year` column for NTU and a
//!   standard-error column (`se`) for the citizen survey's indices; every row is checked as a
//!   survey result (percentages and indices within 0-100, `count` at most `n`, the estimate
//!   inside its interval);
//! - **Brå's wide layout** (the NTU sheets of Brå's per-kommun indicator workbooks, saved as
//!   CSV; FORMATS.md §1c): title rows, then a row with the area names, then the header with a
//!   block `Andel | KI undre | KI övre` per area, then one row per year. Several such tables
//!   may follow each other in one file.
//!
//! NTU's years: in NTU 2020, victimisation refers to 2019, unsafety and worry to 2020. `period`
//! is the reference year and `survey_year` the survey's; the registry knows each indicator's
//! lag ([`IndicatorRegistry::reference_lag`]). The years in the wide layout are survey years
//! (`2020` or `NTU 2020`) unless the year column's header says `Referensår` (or `Avser år`).

use super::text::{Cell, decode, parse_cell};
use super::{Ingested, Layout, ReadOptions, read_table_bytes};
use crate::area::{AreaMatch, normalise};
use crate::error::{Error, Location, Result};
use crate::indicator::{IndicatorKind, IndicatorRegistry, is_indicator_id};
use crate::limits::Limits;
use crate::period::Period;
use crate::schema::PUBLISHED;
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use std::collections::HashMap;
use std::path::Path;

/// A number of a survey row, for naming the column of an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Count,
    Value,
    Lower,
    Upper,
    Level,
}

impl Part {
    /// The canonical column name.
    pub(super) fn name(self) -> &'static str {
        match self {
            Part::Count => "count",
            Part::Value => "value",
            Part::Lower => "lower",
            Part::Upper => "upper",
            Part::Level => "level",
        }
    }
}

/// Whether a row of `indicator` is read as a survey result: always with
/// [`ReadOptions::survey`], else when the registry says it is a share or an index.
pub(super) fn is_survey_row(options: &ReadOptions, indicator: &str) -> bool {
    options.survey || is_survey_indicator(options.indicator_registry(), indicator)
}

/// Whether the registry knows `indicator` as a survey share or index.
fn is_survey_indicator(registry: &IndicatorRegistry, indicator: &str) -> bool {
    registry.get(indicator).is_some_and(|i| {
        matches!(
            i.kind,
            IndicatorKind::SurveyProportion | IndicatorKind::Index
        )
    })
}

/// Checks the level of the interval a row's standard error is to become (Compute makes it:
/// `indicators::survey::intervals_from_standard_errors`): strictly between 0 and 1 (0.95
/// when the row gives none), for a row with an estimate and no interval of its own.
pub(super) fn check_standard_error_level(
    obs: &Observation,
) -> std::result::Result<(), (Part, String)> {
    let makes_interval =
        obs.se.is_some() && obs.value.is_some() && obs.lower.is_none() && obs.upper.is_none();
    match obs.level {
        Some(level) if makes_interval && !(level > 0.0 && level < 1.0) => Err((
            Part::Level,
            format!(
                "expected a confidence level strictly between 0 and 1 (such as 0.95 or 95) for \
                 the interval from the standard error, found {level}"
            ),
        )),
        _ => Ok(()),
    }
}

/// Checks a survey row: estimate and bounds within 0-100, lower ≤ upper, the estimate inside
/// its interval, count ≤ n, no count without n. Says which number is wrong and why.
pub(super) fn check_row(obs: &Observation) -> std::result::Result<(), (Part, String)> {
    for (part, v) in [
        (Part::Value, obs.value),
        (Part::Lower, obs.lower),
        (Part::Upper, obs.upper),
    ] {
        if let Some(v) = v
            && !(0.0..=100.0).contains(&v)
        {
            return Err((
                part,
                format!(
                    "expected a percentage (or an index) between 0 and 100, found {v}{}",
                    if v > 100.0 {
                        " (above 100 %)"
                    } else {
                        " (below 0)"
                    }
                ),
            ));
        }
    }
    if let (Some(l), Some(u)) = (obs.lower, obs.upper) {
        if l > u {
            return Err((
                Part::Lower,
                format!("the lower bound {l} is above the upper bound {u}"),
            ));
        }
        if let Some(v) = obs.value
            && !(l..=u).contains(&v)
        {
            return Err((
                Part::Value,
                format!("the estimate {v} lies outside its interval ({l}, {u})"),
            ));
        }
    }
    // A count alone is no result: without n (or a published share) there is no proportion.
    if let (Some(c), None, None, None) = (obs.count, obs.population, obs.value, &obs.status) {
        return Err((
            Part::Count,
            format!(
                "a count of {c} without the number of respondents: expected n (or the column \
                 \"population\") beside the count, or a published value"
            ),
        ));
    }
    if let (Some(c), Some(n)) = (obs.count, obs.population)
        && c > n
    {
        return Err((
            Part::Count,
            format!(
                "the count {c} is larger than the number of respondents n = {n}: expected at most n"
            ),
        ));
    }
    Ok(())
}

/// Sets `survey_year` of a survey indicator's row from its period and the indicator's lag
/// (NTU victimisation: period 2019 → survey 2020), unless the file gave it.
pub(super) fn fill_survey_year(obs: &mut Observation, registry: &IndicatorRegistry) {
    if obs.survey_year.is_some() || !is_survey_indicator(registry, &obs.indicator) {
        return;
    }
    if let Some(p) = shift(obs.period, registry.reference_lag(&obs.indicator)) {
        obs.survey_year = Some(p.to_string());
    }
}

/// A year or a range of years moved by `years`; other periods are not survey years.
fn shift(period: Period, years: i32) -> Option<Period> {
    match period {
        Period::Year(y) => Some(Period::Year(y + years)),
        Period::Range(a, b) => Some(Period::Range(a + years, b + years)),
        _ => None,
    }
}

/// Reads survey results: Brå's wide NTU layout, or the canonical long CSV with every row
/// checked as a survey result ([`ReadOptions::survey`] is set).
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Input`] with file, line and column for
/// bad content: a percentage above 100 or below 0, a lower bound above the upper one, the
/// estimate outside its interval, n = 0, a count above n, an unknown area, an unknown
/// indicator in a wide table's title, and everything [`read_table`](super::read_table)
/// rejects.
pub fn read_survey(path: &Path, options: &ReadOptions) -> Result<Ingested> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_survey_bytes(&path.display().to_string(), &bytes, options)
}

/// [`read_survey`] on bytes; `name` is used in messages.
///
/// # Examples
/// Brå's wide layout: NTU 2020 asked about victimisation in 2019.
/// ```
/// use bra_indicators::{read_survey_bytes, Period, ReadOptions};
/// let csv = "\
/// Självrapporterad utsatthet för något brott mot enskild person. Andel (%);;;;;;
/// ;Västmanlands län;;;Hela landet;;
/// År;Andel;KI undre;KI övre;Andel;KI undre;KI övre
/// 2020;19,0;17,2;20,8;22,6;22,2;23,0
/// 2021;..;..;..;21,9;21,5;22,3
/// ";
/// let got = read_survey_bytes("ntu.csv", csv.as_bytes(), &ReadOptions::default())?;
/// let row = &got.table.rows()[0];
/// assert_eq!((row.area.as_str(), row.indicator.as_str()), ("19", "ntu.utsatt_enskild_person"));
/// assert_eq!((row.period, row.survey_year.as_deref()), (Period::Year(2019), Some("2020")));
/// assert_eq!((row.value, row.lower, row.upper), (Some(19.0), Some(17.2), Some(20.8)));
/// assert_eq!(row.method.as_deref(), Some("published"));
/// let missing = got.table.rows().iter().find(|r| r.area == "19" && r.period == Period::Year(2020)).unwrap();
/// assert_eq!((missing.value, missing.status.as_deref()), (None, Some("suppressed")));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
///
/// # Errors
/// As [`read_survey`].
pub fn read_survey_bytes(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Ingested> {
    let options = ReadOptions {
        survey: true,
        ..options.clone()
    };
    read_indicator_table_bytes(name, bytes, &options)
}

/// Reads any table of indicator values: Brå's wide NTU layout, or whatever
/// [`read_table`](super::read_table) reads (the canonical long CSV, also the outputs of
/// `bra rates` and `bra survey`). Rows of survey indicators are checked as survey results.
///
/// # Errors
/// As [`read_survey`].
pub fn read_indicator_table(path: &Path, options: &ReadOptions) -> Result<Ingested> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_indicator_table_bytes(&path.display().to_string(), &bytes, options)
}

/// [`read_indicator_table`] on bytes; `name` is used in messages.
///
/// # Errors
/// As [`read_survey`].
pub fn read_indicator_table_bytes(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Result<Ingested> {
    crate::error::catch_reader_panic(name, || read_indicator_table_in(name, bytes, options))
}

fn read_indicator_table_in(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Ingested> {
    // Not text (a workbook, say): whatever reads it, or says why not.
    let Ok((text, encoding)) = decode(name, bytes) else {
        return read_table_bytes(name, bytes, options);
    };
    options.limits.check_lines(name, text.as_bytes())?;
    // A wide table's header is near the top: look there, so that a large long file is not
    // parsed three times over.
    let head_end = text
        .match_indices('\n')
        .nth(WIDE_HEADER_WITHIN)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    for delimiter in [b';', b'\t', b','] {
        let wide = records(name, head, delimiter, options.limits)
            .is_ok_and(|head| head.iter().any(|(_, r)| !blocks(r).is_empty()));
        if wide {
            let records = records(name, &text, delimiter, options.limits)?;
            let mut wide = WideReader {
                name,
                options,
                rows: Vec::new(),
                keys: HashMap::new(),
                warnings: Vec::new(),
                skipped: 0,
            };
            wide.read(&records)?;
            return Ok(Ingested {
                table: Table::new(wide.rows)?,
                warnings: wide.warnings,
                layout: Layout::NtuWide,
                encoding,
                skipped: wide.skipped,
            });
        }
    }
    read_table_bytes(name, bytes, options)
}

/// How many lines from the top a wide table's first header may start.
const WIDE_HEADER_WITHIN: usize = 50;

/// The records of `text` split at `delimiter`, each with its line; blank records are kept
/// (as empty vectors) because they end a table.
fn records(
    name: &str,
    text: &str,
    delimiter: u8,
    limits: Limits,
) -> Result<Vec<(u64, Vec<String>)>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            Error::input(
                Location::file(name).line(line),
                super::records::record_error(&e),
            )
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        limits.check_columns(Location::file(name).line(line), record.len())?;
        if let Some(i) = record.iter().position(|f| f.len() > limits.max_field_bytes) {
            let at = Location::file(name).line(line);
            limits.check_field(at, &format!("field {}", i + 1), record[i].len())?;
        }
        let mut fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
        while fields.last().is_some_and(String::is_empty) {
            fields.pop();
        }
        out.push((line, fields));
    }
    Ok(out)
}

/// What a header cell of the wide layout stands for.
fn header_part(cell: &str) -> Option<Part> {
    let c = normalise(cell);
    if c.starts_with("andel") || c == "procent" || c == "%" || c == "värde" {
        Some(Part::Value)
    } else if c.contains("undre") || c.contains("nedre") || c == "lower" {
        Some(Part::Lower)
    } else if c.contains("övre") || c == "upper" {
        Some(Part::Upper)
    } else {
        None
    }
}

/// The first columns of the `Andel | KI undre | KI övre` blocks of a header row (none if it is
/// not one).
fn blocks(row: &[String]) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut j = 1;
    while j + 2 < row.len() {
        if header_part(&row[j]) == Some(Part::Value)
            && header_part(&row[j + 1]) == Some(Part::Lower)
            && header_part(&row[j + 2]) == Some(Part::Upper)
        {
            starts.push(j);
            j += 3;
        } else {
            j += 1;
        }
    }
    starts
}

/// A spreadsheet column letter for a 0-based index: 0 → A, 26 → AA.
fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

/// A year label of the wide layout: `2020`, `NTU 2020`, `2017–2019`; and whether it named the
/// survey explicitly (`NTU 2020`).
fn year_label(cell: &str) -> Option<(Period, bool)> {
    let t = cell.trim().trim_end_matches(['*', ')', '(']).trim();
    let (t, ntu) = match t.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("ntu") => (t[3..].trim(), true),
        _ => (t, false),
    };
    let t: String = t
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    match t.parse::<Period>().ok()? {
        p @ (Period::Year(_) | Period::Range(..)) => Some((p, ntu)),
        _ => None,
    }
}

/// The state of reading Brå's wide layout.
struct WideReader<'a> {
    name: &'a str,
    options: &'a ReadOptions,
    rows: Vec<Observation>,
    keys: HashMap<(String, Period, String, String), u64>,
    warnings: Vec<Warning>,
    skipped: usize,
}

impl WideReader<'_> {
    fn at(&self, line: u64) -> Location {
        Location::file(self.name).line(line)
    }

    /// Reads every table in `records`.
    fn read(&mut self, records: &[(u64, Vec<String>)]) -> Result<()> {
        let mut start = 0; // where the text above the next table begins
        let mut i = 0;
        while i < records.len() {
            let starts = blocks(&records[i].1);
            if starts.is_empty() {
                i += 1;
                continue;
            }
            i = self.table(records, start, i, &starts)?;
            start = i;
        }
        if self.rows.is_empty() && self.skipped == 0 {
            return Err(Error::input(
                Location::file(self.name),
                "the table has a header but no year rows: expected rows such as 2020;18,1;16,2;20,1",
            ));
        }
        Ok(())
    }

    /// Reads the table whose header is record `h` (text above it from record `start`);
    /// returns the index of the first record after it.
    fn table(
        &mut self,
        records: &[(u64, Vec<String>)],
        start: usize,
        h: usize,
        starts: &[usize],
    ) -> Result<usize> {
        let (header_line, header) = (&records[h].0, &records[h].1);
        // The area names: the row right above the header.
        let Some(a) = h
            .checked_sub(1)
            .filter(|&a| a >= start && !records[a].1.is_empty())
        else {
            return Err(Error::input(
                self.at(*header_line),
                "expected the area names in the row right above the header \
                 (Andel | KI undre | KI övre), found none",
            ));
        };
        let (area_line, area_row) = (records[a].0, &records[a].1);
        let mut areas = Vec::with_capacity(starts.len());
        for &j in starts {
            let name = (j..j + 3)
                .filter_map(|k| area_row.get(k))
                .find(|c| !c.is_empty())
                .map(String::as_str)
                .unwrap_or("");
            let at = self.at(area_line).field(column_letter(j));
            if name.is_empty() {
                return Err(Error::input(
                    at,
                    "expected an area name above this block of Andel | KI undre | KI övre",
                ));
            }
            areas.push(match self.options.area_registry().lookup(name) {
                AreaMatch::Found(area) => area.code.clone(),
                _ => {
                    return Err(Error::input(
                        at,
                        format!(
                            "unknown area \"{name}\": expected riket, a police region, a län, a \
                             kommun, or an area of your own defined in an areas file"
                        ),
                    ));
                }
            });
        }
        // The title: the text of the records above the area names.
        let title: Vec<&str> = records[start..a]
            .iter()
            .flat_map(|(_, r)| r.iter().filter(|c| !c.is_empty()).take(1))
            .map(String::as_str)
            .collect();
        let title = title.join(" ");
        let title_line = records[start..a]
            .iter()
            .find(|(_, r)| !r.is_empty())
            .map_or(area_line, |(l, _)| *l);
        let indicator = self.indicator(&title, title_line)?;
        let lag = self.options.indicator_registry().reference_lag(&indicator);
        let reference_years = header.first().is_some_and(|c| {
            let c = normalise(c);
            c.contains("referens") || c.contains("avser")
        });

        let mut k = h + 1;
        while k < records.len() {
            let (line, row) = (records[k].0, &records[k].1);
            let Some(first) = row.first() else { break };
            let Some((label, named_survey)) = year_label(first) else {
                if row[1..].iter().any(|c| !c.is_empty()) {
                    return Err(Error::input(
                        self.at(line).field("A"),
                        format!(
                            "expected a year such as 2020, NTU 2020 or 2017-2019, found \"{first}\""
                        ),
                    ));
                }
                break; // a note below the table
            };
            let (period, survey) = if reference_years && !named_survey {
                (Some(label), shift(label, lag))
            } else {
                (shift(label, -lag), Some(label))
            };
            let Some(period) = period else { break };
            for (&j, area) in starts.iter().zip(&areas) {
                self.cell_block(line, row, j, area, &indicator, period, survey)?;
            }
            k += 1;
        }
        // Notes right below the table (up to a blank row) belong to it, not to the next title.
        while k < records.len() && !records[k].1.is_empty() && blocks(&records[k].1).is_empty() {
            k += 1;
        }
        Ok(k)
    }

    /// The indicator a table holds: the reader's option, an id in the title, or a name in it.
    fn indicator(&self, title: &str, line: u64) -> Result<String> {
        if let Some(id) = &self.options.indicator {
            return Ok(id.clone());
        }
        let registry = self.options.indicator_registry();
        if let Some(id) = title
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .map(|w| w.trim_end_matches(['.', ':']))
            .find(|w| is_indicator_id(w) && registry.get(w).is_some())
        {
            return Ok(id.to_string());
        }
        match registry.find_in_text(title) {
            Some(id) => Ok(id.to_string()),
            None => Err(Error::input(
                self.at(line),
                format!(
                    "cannot tell which indicator the table holds from its title \"{title}\": \
                     expected an NTU indicator name such as \"Otrygghet vid utevistelse sent på \
                     kvällen i det egna bostadsområdet\" (or add the name as a label of your \
                     indicator in an indicators file)"
                ),
            )),
        }
    }

    /// One area's `Andel | KI undre | KI övre` cells of a year row.
    #[allow(clippy::too_many_arguments)]
    fn cell_block(
        &mut self,
        line: u64,
        row: &[String],
        j: usize,
        area: &str,
        indicator: &str,
        period: Period,
        survey_year: Option<Period>,
    ) -> Result<()> {
        let mut numbers = [None; 3];
        let mut flags = [None; 3];
        for (k, slot) in numbers.iter_mut().enumerate() {
            let raw = row.get(j + k).map(String::as_str).unwrap_or("");
            match parse_cell(raw) {
                Ok(Cell::Number(v)) => *slot = Some(v),
                Ok(Cell::Missing(flag)) => flags[k] = Some(flag),
                Err(message) => {
                    return Err(Error::input(
                        self.at(line).field(column_letter(j + k)),
                        message,
                    ));
                }
            }
        }
        let mut obs = Observation::new(area, period, indicator);
        obs.value = numbers[0];
        obs.lower = numbers[1];
        obs.upper = numbers[2];
        obs.level = Some(0.95);
        obs.survey_year = survey_year.map(|p| p.to_string());
        obs.source = self.name.to_string();
        match (obs.value, obs.lower, obs.upper) {
            (Some(_), Some(_), Some(_)) => obs.method = Some(PUBLISHED.to_string()),
            (None, ..) => {
                obs.add_status(flags[0].unwrap_or("missing"));
                self.warnings.push(
                    Warning::new(
                        WarningKind::MissingValue,
                        Some(self.at(line).field(column_letter(j))),
                        format!(
                            "{indicator} {area} {period} is missing ({}): kept as missing, not 0",
                            obs.status.as_deref().unwrap_or("")
                        ),
                    )
                    .about_area(&obs.area)
                    .about_indicator(&obs.indicator),
                );
            }
            (Some(_), ..) => {
                let why = flags[1].or(flags[2]).unwrap_or("missing");
                obs.add_status(&format!("interval-{why}"));
            }
        }
        check_row(&obs).map_err(|(part, message)| {
            let k = match part {
                Part::Lower => 1,
                Part::Upper => 2,
                _ => 0,
            };
            Error::input(self.at(line).field(column_letter(j + k)), message)
        })?;
        if let Some(first) = self.keys.insert(obs.key(), line) {
            return Err(Error::input(
                self.at(line).field(column_letter(j)),
                format!(
                    "duplicate row: area {area}, period {period}, indicator {indicator} is already on line {first}"
                ),
            ));
        }
        self.rows.push(obs);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(csv: &str) -> Vec<Observation> {
        read_survey_bytes("s.csv", csv.as_bytes(), &ReadOptions::default())
            .expect("valid")
            .table
            .into_rows()
    }

    #[test]
    fn long_survey_rows_keep_reasons_and_years() {
        let rows = read(
            "area,period,indicator,count,n,value,lower,upper,se\n\
             00,2019,ntu.utsatt_enskild_person,,,22.6,22.2,23.0,\n\
             19,2019,ntu.utsatt_enskild_person,,,..,..,..,\n\
             19,2020,ntu.otrygghet,,,.,,,\n\
             1982,2023,mu.trygg_kvall,65,100,,,,\n\
             1982,2023,mu.trygghet,,,99.0,,,1.0\n",
        );
        // The survey year follows from the reference year and the indicator's lag.
        assert_eq!(rows[0].survey_year.as_deref(), Some("2020"));
        assert_eq!(rows[2].survey_year.as_deref(), Some("2020"));
        // A marker in `value` is the reason, even with an (empty) count column; a row with a
        // count and n is not missing although its value is empty.
        assert_eq!(rows[1].status.as_deref(), Some("suppressed"));
        assert_eq!(rows[2].status.as_deref(), Some("missing"));
        assert_eq!(rows[3].status, None);
        // A standard error is kept as read, with the survey scale its interval is cut to;
        // Compute makes the interval (indicators::survey).
        let se = &rows[4];
        assert_eq!(
            se.se,
            Some(crate::table::StandardError {
                se: 1.0,
                scale: Some((0.0, 100.0))
            })
        );
        assert_eq!(
            (se.lower, se.upper, se.level, se.method.as_deref()),
            (None, None, None, None)
        );
    }

    #[test]
    fn survey_checks() {
        let bad = |csv: &str, want: &str| {
            let err = read_survey_bytes("s.csv", csv.as_bytes(), &ReadOptions::default())
                .expect_err(want);
            assert!(err.to_string().starts_with(want), "{err}\nexpected: {want}");
        };
        let h = "area,period,indicator,count,n,value,lower,upper,se\n";
        bad(
            &format!("{h}00,2019,ntu.otrygghet,,,30,31,33,\n"),
            "s.csv:2: column \"value\": the estimate 30 lies outside its interval (31, 33)",
        );
        bad(
            &format!("{h}00,2019,ntu.otrygghet,,,30,-1,33,\n"),
            "s.csv:2: column \"lower\": expected a percentage (or an index) between 0 and 100, found -1",
        );
        bad(
            &format!("{h}00,2019,mu.trygghet,,,50,,,-2\n"),
            "s.csv:2: column \"se\": expected a non-negative standard error",
        );
        // The level of the interval a standard error is to become is checked while reading.
        bad(
            "area,period,indicator,value,se,level\n00,2019,mu.trygghet,50,2,1\n",
            "s.csv:2: column \"level\": expected a confidence level strictly between 0 and 1",
        );
        // A row with its own interval does not use its standard error, nor its level for it.
        assert!(
            read_survey_bytes(
                "s.csv",
                b"area,period,indicator,value,lower,upper,se,level\n00,2019,mu.trygghet,50,48,52,2,0\n",
                &ReadOptions::default()
            )
            .is_ok()
        );
        bad(
            &format!("{h}00,2019,ntu.otrygghet,,,30,28,101,\n"),
            "s.csv:2: column \"upper\": expected a percentage (or an index) between 0 and 100, found 101 (above 100 %)",
        );
        // Rates are not percentages: a crime row passes through `read_indicator_table`.
        let rates = "area,period,indicator,count,population,rate,lower,upper\n\
                     1982,2020,brott.totalt,1577,13391,11776.6,11202.4,12372.5\n";
        assert!(
            read_indicator_table_bytes("r.csv", rates.as_bytes(), &ReadOptions::default()).is_ok()
        );
    }

    #[test]
    fn wide_layout_needs_a_known_indicator_and_area_names() {
        let wide = |title: &str, areas: &str| {
            format!("{title}\n{areas}\nÅr;Andel;KI undre;KI övre\n2020;29,0;28,6;29,4\n")
        };
        let err = |text: String| {
            read_survey_bytes("w.csv", text.as_bytes(), &ReadOptions::default())
                .expect_err("bad")
                .to_string()
        };
        let e = err(wide("Något helt annat", ";Hela landet;;"));
        assert!(e.starts_with("w.csv:1: cannot tell which indicator"), "{e}");
        let e = err(wide("Otrygghet", ";;;"));
        assert!(
            e.starts_with("w.csv:3: expected the area names in the row right above"),
            "{e}"
        );
        let e = err(wide("Otrygghet", ";;;;Hela landet"));
        assert!(
            e.starts_with("w.csv:2: column \"B\": expected an area name"),
            "{e}"
        );
        // An id in the title, and the reader's option, are used too.
        let ok = read_survey_bytes(
            "w.csv",
            wide("ntu.oro_misshandel (egen tabell)", ";Hela landet;;").as_bytes(),
            &ReadOptions::default(),
        )
        .expect("valid");
        assert_eq!(ok.table.rows()[0].indicator, "ntu.oro_misshandel");
        assert_eq!(ok.layout, Layout::NtuWide);
        // A year row with text in it is an error, not a silently skipped row.
        let text = wide("Otrygghet", ";Hela landet;;").replace("2020;", "20x0;");
        assert!(err(text).starts_with("w.csv:4: column \"A\": expected a year"));
    }

    #[test]
    fn column_letters() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_letter)
            .collect();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn year_labels() {
        assert_eq!(year_label("2020"), Some((Period::Year(2020), false)));
        assert_eq!(year_label("NTU 2020"), Some((Period::Year(2020), true)));
        assert_eq!(
            year_label("2017–2019"),
            Some((Period::Range(2017, 2019), false))
        );
        assert_eq!(year_label("2020*"), Some((Period::Year(2020), false)));
        assert_eq!(year_label("Källa: Brå"), None);
        assert_eq!(year_label("2020K1"), None);
    }

    #[test]
    fn header_blocks() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert_eq!(
            blocks(&row(&[
                "År",
                "Andel",
                "KI undre",
                "KI övre",
                "Andel (%)",
                "KI nedre",
                "KI övre"
            ])),
            [1, 4]
        );
        assert!(blocks(&row(&["År", "Andel", "KI undre"])).is_empty());
        assert!(blocks(&row(&["area", "period", "value", "lower", "upper"])).is_empty());
    }
}
