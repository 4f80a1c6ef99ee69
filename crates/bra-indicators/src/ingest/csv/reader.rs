//! The row-by-row reader of a delimited table: the header, then each row resolved, checked
//! and kept, in every layout of the module (canonical, Brå's annual file, SOL's long export).

use super::header::{Columns, Field};
use super::{Layout, ReadOptions, field_error, no_known_layout, unknown_area};
use crate::area::normalise;
use crate::error::{Error, Location, Result};
use crate::ingest::Ingested;
use crate::ingest::codes::ShortCodes;
use crate::ingest::records::Source;
use crate::ingest::resolve::{AreaHit, Resolver};
use crate::ingest::survey;
use crate::ingest::text::{Cell, missing_marker, parse_cell};
use crate::period::{Period, month_from_name};
use crate::table::{Observation, StandardError, Table};
use crate::warning::{Warning, WarningKind};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The state of reading one table.
pub(super) struct TableReader<'s, 'o> {
    src: &'s Source<'s>,
    options: &'o ReadOptions,
    cols: Option<std::rc::Rc<Columns>>,
    layout: Layout,
    rows: Vec<Observation>,
    keys: HashMap<(String, Period, String, String), u64>,
    warnings: Vec<Warning>,
    skipped: usize,
    unknown_labels: HashSet<String>,
    file_period: Option<Period>,
    /// Area codes without their leading zero (`114`).
    short: ShortCodes,
    /// Areas, periods and indicators, each distinct text resolved once.
    resolve: Resolver<'o>,
}

impl<'s, 'o> TableReader<'s, 'o> {
    pub(super) fn new(src: &'s Source<'s>, options: &'o ReadOptions) -> Self {
        TableReader {
            src,
            options,
            cols: None,
            layout: Layout::Canonical,
            rows: Vec::new(),
            keys: HashMap::new(),
            warnings: Vec::new(),
            skipped: 0,
            unknown_labels: HashSet::new(),
            file_period: None,
            short: ShortCodes::default(),
            resolve: Resolver::new(options.area_registry(), options.indicator_registry()),
        }
    }

    pub(super) fn record(&mut self, line: u64, fields: &[String]) -> Result<()> {
        if self.cols.is_none() {
            return self.header(line, fields);
        }
        self.row(line, fields)
    }

    /// Recognises the layout from the first record.
    fn header(&mut self, line: u64, fields: &[String]) -> Result<()> {
        let numeric_second =
            fields.len() >= 2 && matches!(parse_cell(&fields[1]), Ok(Cell::Number(_)));
        if numeric_second {
            // Brå's 2021 file: no header, `Ale kommun;2731;8547`.
            self.layout = Layout::BraAnnualNoHeader;
            let mut names = vec!["Kommun".to_string(), "Antal".to_string()];
            if fields.len() >= 3 {
                names.push("Per 100 000 inv.".to_string());
            }
            names.truncate(fields.len());
            self.cols = Some(std::rc::Rc::new(Columns::from_header(&names)));
            self.file_period = Some(self.period_from_file(line)?);
            return self.row(line, fields);
        }
        let cols = Columns::from_header(fields);
        let has = |f| cols.get(f).is_some();
        self.layout = if has(Field::PeriodType) || has(Field::PeriodLabel) {
            Layout::SolLong
        } else if !has(Field::Period) && has(Field::Area) && has(Field::Count) {
            Layout::BraAnnual
        } else {
            Layout::Canonical
        };
        let shown = fields.join(&(self.src.delimiter as char).to_string());
        if !has(Field::Area) {
            return Err(Error::input(
                Location::file(self.src.name),
                no_known_layout(&shown, "missing column \"area\""),
            ));
        }
        if !has(Field::Count) && !has(Field::Value) {
            return Err(Error::input(
                Location::file(self.src.name),
                no_known_layout(&shown, "missing column \"count\" (or \"value\")"),
            ));
        }
        match self.layout {
            Layout::BraAnnual => self.file_period = Some(self.period_from_file(line)?),
            Layout::Canonical => {
                if !has(Field::Period) {
                    return Err(Error::input(
                        self.src.at(line),
                        format!(
                            "missing column \"period\": expected a header such as area,period,indicator,count, found {shown}"
                        ),
                    ));
                }
                if !has(Field::Indicator) && self.options.indicator.is_none() {
                    return Err(Error::input(
                        self.src.at(line),
                        format!(
                            "missing column \"indicator\": expected a header such as area,period,indicator,count, found {shown}"
                        ),
                    ));
                }
            }
            _ => {}
        }
        self.cols = Some(std::rc::Rc::new(cols));
        Ok(())
    }

    /// The period of a file without a period column: the option, else a year in its name.
    fn period_from_file(&self, line: u64) -> Result<Period> {
        if let Some(p) = self.options.period {
            return Ok(p);
        }
        let stem = Path::new(self.src.name)
            .file_name()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let years: Vec<i32> = stem
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| s.len() == 4)
            .filter_map(|s| s.parse().ok())
            .filter(|y| (1950..=2100).contains(y))
            .collect();
        match years.as_slice() {
            [y] => Ok(Period::Year(*y)),
            _ => Err(Error::Setting {
                message: format!(
                    "{}: this looks like Brå's annual kommun file (Kommun;Antal;Per 100 000 \
                     inv.), which has no period column: expected one year in the file name \
                     (e.g. \"Anmälda brott i kommunerna 2023.csv\") or the period of the \
                     read options (`period`)",
                    self.src.at(line)
                ),
                setting: "period",
            }),
        }
    }

    /// Reads one data row: its key (area, period, indicator), its labels, its numbers and
    /// their checks, then keeps it (a second row with the same key is an error).
    fn row(&mut self, line: u64, fields: &[String]) -> Result<()> {
        let Some(cols) = self.cols.clone() else {
            return Ok(());
        };
        let Some(area) = self.row_area(line, fields, &cols)? else {
            return Ok(()); // not an area: skipped and counted
        };
        let mut status: Option<String> = None;
        let period = self.row_period(line, fields, &cols, &mut status)?;
        let indicator = match cols.field(fields, Field::Indicator) {
            Some((ii, raw)) => self.indicator_id(line, cols.name(ii), raw)?,
            None => self
                .options
                .indicator
                .clone()
                .unwrap_or_else(|| "brott.totalt".to_string()),
        };
        let mut obs = Observation::new(area, period, indicator);
        self.row_labels(&mut obs, fields, &cols, status);
        let survey = survey::is_survey_row(self.options, &obs.indicator);
        let (se, nothing) = self.row_numbers(line, fields, &cols, &mut obs, survey)?;
        self.row_method(&mut obs, fields, &cols);
        self.row_checks(line, &cols, &mut obs, se, survey)?;
        if obs.count.is_none()
            && cols.get(Field::Count).is_some()
            && !survey
            && (nothing || obs.status.is_some())
        {
            let why = obs.status.clone().unwrap_or_default();
            self.warnings.push(
                Warning::new(
                    WarningKind::MissingValue,
                    Some(self.src.at(line)),
                    format!(
                        "count of {} {} {} is missing ({why}): kept as missing, not 0",
                        obs.area, obs.period, obs.indicator
                    ),
                )
                .about_area(&obs.area)
                .about_indicator(&obs.indicator),
            );
        }
        self.keep(line, obs)
    }

    /// The row's area code; `None` for a name known not to be an area (the row is skipped,
    /// with a warning). An unknown area is an error naming the cell.
    fn row_area(&mut self, line: u64, fields: &[String], cols: &Columns) -> Result<Option<String>> {
        let src = self.src;
        let (ai, area_raw) = cols.field(fields, Field::Area).unwrap_or((0, ""));
        let area = match self.resolve.area(area_raw) {
            AreaHit::Found(code) => code.clone(),
            AreaHit::NotAnArea => {
                self.skipped += 1;
                self.warnings.push(Warning::new(
                    WarningKind::NotAnArea,
                    Some(src.at(line)),
                    format!("\"{area_raw}\" is not a kommun, län or riket: row skipped"),
                ));
                return Ok(None);
            }
            AreaHit::Unknown => return Err(unknown_area(src, line, cols.name(ai), area_raw)),
        };
        self.short
            .note(area_raw, &area, || src.at(line).field(cols.name(ai)))?;
        Ok(Some(area))
    }

    /// The row's period: the file's (Brå's annual files), from SOL's period columns, or the
    /// period column's; `status` gets `preliminary` for SOL's preliminary periods.
    fn row_period(
        &mut self,
        line: u64,
        fields: &[String],
        cols: &Columns,
        status: &mut Option<String>,
    ) -> Result<Period> {
        match self.layout {
            Layout::BraAnnual | Layout::BraAnnualNoHeader => {
                Ok(self.file_period.unwrap_or(Period::Year(0)))
            }
            Layout::SolLong => self.sol_period(line, fields, status),
            // Canonical and NtuWide (the other layouts are not read here).
            _ => {
                let (pi, raw) = cols.field(fields, Field::Period).unwrap_or((0, ""));
                self.resolve
                    .period(raw)
                    .map_err(|e| field_error(self.src, line, cols.name(pi), e))
            }
        }
    }

    /// Group, source and status of the row (markers in a status column become their status
    /// names; `status` is the period's).
    fn row_labels(
        &self,
        obs: &mut Observation,
        fields: &[String],
        cols: &Columns,
        status: Option<String>,
    ) {
        if let Some((_, g)) = cols.field(fields, Field::Group)
            && !g.is_empty()
        {
            obs.group = g.to_string();
        }
        obs.source = self.src.name.to_string();
        if let Some((_, s)) = cols.field(fields, Field::Source)
            && !s.is_empty()
        {
            obs.source = s.to_string();
        }
        if let Some((_, s)) = cols.field(fields, Field::Status) {
            for flag in s.split(';').map(str::trim).filter(|f| !f.is_empty()) {
                obs.add_status(missing_marker(flag).unwrap_or(flag));
            }
        }
        if let Some(s) = status {
            obs.add_status(&s);
        }
    }

    /// The row's numbers. A marker in the count (or, without a count column, the value)
    /// becomes the row's status; in the other number columns an empty cell is simply absent. A
    /// survey row is missing only when it has neither an estimate nor a count. Returns the
    /// standard error, and whether the row has no number at all.
    fn row_numbers(
        &self,
        line: u64,
        fields: &[String],
        cols: &Columns,
        obs: &mut Observation,
        survey: bool,
    ) -> Result<(Option<f64>, bool)> {
        let src = self.src;
        let primary = if cols.get(Field::Count).is_some() {
            Field::Count
        } else {
            Field::Value
        };
        let mut markers: Vec<(Field, &'static str)> = Vec::new();
        let mut read = |f: Field, what: &str, min: Option<f64>| -> Result<Option<f64>> {
            let Some((i, raw)) = cols.field(fields, f) else {
                return Ok(None);
            };
            match parse_cell(raw) {
                Ok(Cell::Number(v)) if min.is_some_and(|m| v < m) => Err(Error::input(
                    src.at(line).field(cols.name(i)),
                    format!("expected {what}, found \"{raw}\""),
                )),
                Ok(Cell::Number(v)) => Ok(Some(v)),
                // An empty count beside a value or population (as `bra import` writes
                // population rows) is not a missing value: decided below.
                Ok(Cell::Missing(flag)) => {
                    markers.push((f, flag));
                    Ok(None)
                }
                Err(message) => Err(Error::input(src.at(line).field(cols.name(i)), message)),
            }
        };
        obs.count = read(Field::Count, "a non-negative count", Some(0.0))?;
        obs.population = read(Field::Population, "a non-negative population", Some(0.0))?;
        obs.value = read(Field::Value, "a number", None)?;
        obs.lower = read(Field::Lower, "a number", None)?;
        obs.upper = read(Field::Upper, "a number", None)?;
        obs.level = read(Field::Level, "a level such as 0.95", Some(0.0))?
            .map(|l| if l > 1.0 { l / 100.0 } else { l });
        let se = read(Field::StdErr, "a non-negative standard error", Some(0.0))?;
        let marker = |f: Field| markers.iter().find(|(g, _)| *g == f).map(|(_, m)| *m);
        // An empty count beside a value or population (as `bra import` writes population
        // rows) is not a missing value; a row with no number at all is.
        let nothing = obs.count.is_none() && obs.value.is_none() && obs.population.is_none();
        let flag = if !survey {
            marker(primary).filter(|m| *m != "missing" || nothing)
        } else if obs.value.is_none() && obs.count.is_none() {
            [marker(Field::Value), marker(Field::Count)]
                .into_iter()
                .flatten()
                .find(|m| *m != "missing")
                .or(marker(Field::Value))
                .or(marker(Field::Count))
        } else {
            None
        };
        // An empty cell says nothing new when the status column gave the reason already.
        if let Some(flag) = flag.filter(|f| *f != "missing" || obs.status.is_none()) {
            obs.add_status(flag);
        }
        Ok((se, nothing))
    }

    /// The row's method and survey year; Brå's own per-100 000 figure is its published rate
    /// (DESIGN.md, Decisions of 2026-12).
    fn row_method(&self, obs: &mut Observation, fields: &[String], cols: &Columns) {
        if let Some((_, m)) = cols.field(fields, Field::Method)
            && !m.is_empty()
        {
            obs.method = Some(m.to_string());
        }
        if obs.method.is_none()
            && obs.value.is_some()
            && matches!(
                self.layout,
                Layout::BraAnnual | Layout::BraAnnualNoHeader | Layout::SolLong
            )
        {
            obs.method = Some("published".to_string());
        }
        if let Some((_, y)) = cols.field(fields, Field::SurveyYear)
            && !y.is_empty()
        {
            obs.survey_year = Some(y.to_string());
        }
    }

    /// Checks the row's numbers together: a population of 0, a standard error (kept for
    /// Compute, with the level its interval is to have), a survey row, bounds in order. Errors
    /// name the cell.
    fn row_checks(
        &mut self,
        line: u64,
        cols: &Columns,
        obs: &mut Observation,
        se: Option<f64>,
        survey: bool,
    ) -> Result<()> {
        let src = self.src;
        if let (Some(pi), Some(0.0)) = (cols.get(Field::Population), obs.population) {
            return Err(Error::input(
                src.at(line).field(cols.name(pi)),
                if survey {
                    "expected a positive number of respondents n, found 0 (a share of nobody cannot be computed)"
                } else {
                    "expected a positive population, found 0 (a rate cannot be computed per 0 inhabitants)"
                },
            ));
        }
        let column = |part: survey::Part| {
            let f = match part {
                survey::Part::Count => Field::Count,
                survey::Part::Value => Field::Value,
                survey::Part::Lower => Field::Lower,
                survey::Part::Upper => Field::Upper,
                survey::Part::Level => Field::Level,
            };
            cols.get(f)
                .map_or(part.name(), |i| cols.name(i))
                .to_string()
        };
        let fail = |(part, message)| Error::input(src.at(line).field(column(part)), message);
        if let Some(se) = se {
            // Kept as data: Compute makes the interval. Shares and indices stay within 0-100.
            obs.se = Some(StandardError {
                se,
                scale: survey.then_some((0.0, 100.0)),
            });
            survey::check_standard_error_level(obs).map_err(fail)?;
        }
        if survey {
            survey::check_row(obs).map_err(fail)?;
            survey::fill_survey_year(obs, self.options.indicator_registry());
            if obs.value.is_none() && obs.count.is_none() {
                let why = obs.status.clone().unwrap_or_default();
                self.warnings.push(
                    Warning::new(
                        WarningKind::MissingValue,
                        Some(src.at(line)),
                        format!(
                            "value of {} {} {} is missing ({why}): kept as missing, not 0",
                            obs.area, obs.period, obs.indicator
                        ),
                    )
                    .about_area(&obs.area)
                    .about_indicator(&obs.indicator),
                );
            }
        } else if let (Some(l), Some(u)) = (obs.lower, obs.upper)
            && l > u
        {
            let i = cols.get(Field::Lower).unwrap_or(0);
            return Err(Error::input(
                src.at(line).field(cols.name(i)),
                format!("the lower bound {l} is above the upper bound {u}"),
            ));
        }
        Ok(())
    }

    /// Keeps the row, unless its key is on an earlier line.
    fn keep(&mut self, line: u64, obs: Observation) -> Result<()> {
        if let Some(first) = self.keys.insert(obs.key(), line) {
            return Err(Error::input(
                self.src.at(line),
                format!(
                    "duplicate row: area {}, period {}, indicator {}, group {} is already on line {first}",
                    obs.area, obs.period, obs.indicator, obs.group
                ),
            ));
        }
        self.rows.push(obs);
        Ok(())
    }

    /// The period of a SOL row, from its period type and year/month/quarter columns, or else
    /// from its label (`2026 prel., Aug`). Marks preliminary periods.
    fn sol_period(
        &mut self,
        line: u64,
        fields: &[String],
        status: &mut Option<String>,
    ) -> Result<Period> {
        let Some(cols) = self.cols.clone() else {
            return Err(Error::input(self.src.at(line), "no header"));
        };
        let get = |f: Field| cols.get(f).map(|i| fields[i].as_str()).unwrap_or("");
        let label = get(Field::PeriodLabel);
        let prelim = matches!(
            get(Field::Preliminary).to_lowercase().as_str(),
            "true" | "ja" | "1" | "yes"
        ) || label.to_lowercase().contains("prel");
        if prelim {
            crate::table::add_status(status, "preliminary");
            self.warnings.push(Warning::new(
                WarningKind::Preliminary,
                Some(self.src.at(line)),
                format!("preliminary period \"{label}\""),
            ));
        }
        let bad = |what: &str| {
            Error::input(
                self.src.at(line),
                format!(
                    "expected a period (År with Periodtyp År/Kvartal/Månad, or a label such as \"2026 prel., Aug\"), found {what}"
                ),
            )
        };
        let whole = |s: &str| -> Option<i32> {
            let v: f64 = s.trim().parse().ok()?;
            (v.fract() == 0.0).then_some(v as i32)
        };
        let year = whole(get(Field::Period));
        let kind = normalise(get(Field::PeriodType));
        let period = match (kind.as_str(), year) {
            ("år" | "ar" | "year", Some(y)) => Some(Period::Year(y)),
            ("kvartal" | "quarter", Some(y)) => {
                whole(get(Field::Quarter)).map(|q| Period::Quarter(y, q as u8))
            }
            ("månad" | "manad" | "month", Some(y)) => {
                whole(get(Field::Month)).map(|m| Period::Month(y, m as u8))
            }
            _ => None,
        };
        let period = match period {
            Some(p) => p,
            None => {
                // From the label: "2026 prel., Aug", "2025", "2025 K3".
                let l = label.replace("prel.", " ").replace(',', " ");
                let mut parts = l.split_whitespace();
                let y = parts
                    .next()
                    .and_then(whole)
                    .ok_or_else(|| bad(&format!("\"{label}\"")))?;
                match parts.next() {
                    None => Period::Year(y),
                    Some(rest) => match month_from_name(rest) {
                        Some(m) => Period::Month(y, m),
                        None => format!("{y}{rest}")
                            .parse()
                            .map_err(|_| bad(&format!("\"{label}\"")))?,
                    },
                }
            }
        };
        // Validate ranges (a month 13 would otherwise pass through the constructor).
        period
            .to_string()
            .parse()
            .map_err(|_| bad(&format!("\"{period}\"")))
    }

    fn indicator_id(&mut self, line: u64, column: &str, raw: &str) -> Result<String> {
        if raw.is_empty() {
            return Err(Error::input(
                self.src.at(line).field(column),
                "expected an indicator id such as brott.totalt or a Brå category, found an empty cell",
            ));
        }
        let Some((id, known)) = self.resolve.indicator(raw) else {
            return Err(Error::input(
                self.src.at(line).field(column),
                format!("expected an indicator id or label, found \"{raw}\""),
            ));
        };
        if known {
            return Ok(id);
        }
        if self.unknown_labels.insert(raw.to_string()) {
            self.warnings.push(Warning::new(
                WarningKind::UnknownIndicator,
                Some(self.src.at(line)),
                format!("unknown indicator \"{raw}\": given the id {id}"),
            ));
        }
        Ok(id)
    }

    pub(super) fn finish(mut self) -> Result<Ingested> {
        self.warnings.extend(self.short.warning(self.src.name));
        if self.rows.is_empty() && self.skipped == 0 {
            let what = if self.layout == Layout::BraAnnualNoHeader {
                "no data rows"
            } else {
                "a header but no data rows"
            };
            return Err(Error::input(
                Location::file(self.src.name),
                format!("the file has {what}: expected at least one row after the header"),
            ));
        }
        Ok(Ingested {
            table: Table::new(self.rows)?,
            warnings: self.warnings,
            layout: self.layout,
            encoding: self.src.encoding,
            skipped: self.skipped,
        })
    }
}
