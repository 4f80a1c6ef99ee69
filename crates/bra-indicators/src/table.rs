//! The canonical table: one observation per row, keyed by area, period, indicator and group.

use crate::error::{Error, Result};
use crate::period::Period;
use crate::schema::TABLE_FRAME_COLUMNS;
use polars::prelude::*;
use std::collections::HashMap;

/// One observation of the canonical table (see DESIGN.md).
///
/// Missing values are `None` and keep their reason in `status` (`suppressed` for `..`, `nil`
/// for `-`, `missing` for `.` or an empty cell); they are never turned into 0.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Observation {
    /// Area code (`1982`, `19`, `00`).
    pub area: String,
    /// The period the value refers to.
    pub period: Period,
    /// Indicator id (`brott.totalt`).
    pub indicator: String,
    /// Breakdown, `total` by default.
    pub group: String,
    /// Numerator count (reported crimes, survey "yes" answers).
    pub count: Option<f64>,
    /// Denominator: inhabitants, or survey sample size n.
    pub population: Option<f64>,
    /// The estimate: a rate, percent or index.
    pub value: Option<f64>,
    /// Lower interval bound.
    pub lower: Option<f64>,
    /// Upper interval bound.
    pub upper: Option<f64>,
    /// The interval's confidence level as a fraction.
    pub level: Option<f64>,
    /// What made the interval (`exact`, `byar`, `wilson`, `published`, ...).
    pub method: Option<String>,
    /// Why a value is missing or special, several joined by `;`.
    pub status: Option<String>,
    /// The survey year, where it differs from the reference period (NTU).
    pub survey_year: Option<String>,
    /// Where the row came from.
    pub source: String,
    /// A published standard error of the estimate, kept as read (SCB's indices); Compute
    /// turns it into the interval (`indicators::survey::intervals_from_standard_errors`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub se: Option<StandardError>,
}

/// A published standard error of a row's estimate, as a reader found it.
///
/// # Examples
/// ```
/// use bra_indicators::StandardError;
/// let se = StandardError { se: 2.1, scale: Some((0.0, 100.0)) };
/// assert_eq!(se.scale, Some((0.0, 100.0)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct StandardError {
    /// The standard error, in the estimate's unit (a finite number ≥ 0 from the readers).
    pub se: f64,
    /// The scale the interval is cut to: `(0, 100)` for survey shares and indices, `None`
    /// for other estimates.
    pub scale: Option<(f64, f64)>,
}

impl Observation {
    /// An observation with only its key and source set.
    pub fn new(area: impl Into<String>, period: Period, indicator: impl Into<String>) -> Self {
        Observation {
            area: area.into(),
            period,
            indicator: indicator.into(),
            group: "total".to_string(),
            count: None,
            population: None,
            value: None,
            lower: None,
            upper: None,
            level: None,
            method: None,
            status: None,
            survey_year: None,
            source: String::new(),
            se: None,
        }
    }

    /// Adds a status flag, keeping earlier ones (`suppressed;preliminary`).
    pub fn add_status(&mut self, flag: &str) {
        add_status(&mut self.status, flag);
    }

    /// The key of the row: (area, period, indicator, group).
    pub(crate) fn key(&self) -> (String, Period, String, String) {
        (
            self.area.clone(),
            self.period,
            self.indicator.clone(),
            self.group.clone(),
        )
    }
}

/// Adds `flag` to a `;`-joined status, once.
pub(crate) fn add_status(status: &mut Option<String>, flag: &str) {
    match status {
        Some(s) if s.split(';').any(|f| f == flag) => {}
        Some(s) if !s.is_empty() => {
            s.push(';');
            s.push_str(flag);
        }
        _ => *status = Some(flag.to_string()),
    }
}

/// The canonical table: observations with unique (area, period, indicator, group) keys.
///
/// # Examples
/// ```
/// use bra_indicators::{Observation, Period, Table};
/// let mut a = Observation::new("1982", Period::Year(2020), "brott.totalt");
/// a.count = Some(1577.0);
/// let table = Table::new(vec![a.clone()])?;
/// assert_eq!(table.len(), 1);
/// assert!(Table::new(vec![a.clone(), a]).is_err()); // duplicate key
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    rows: Vec<Observation>,
}

impl Table {
    /// A table of `rows`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] on a duplicate (area, period, indicator, group) key.
    pub fn new(rows: Vec<Observation>) -> Result<Self> {
        let mut seen: HashMap<(&str, Period, &str, &str), usize> =
            HashMap::with_capacity(rows.len());
        for (i, r) in rows.iter().enumerate() {
            if let Some(j) = seen.insert((&r.area, r.period, &r.indicator, &r.group), i) {
                return Err(Error::InvalidArgument(format!(
                    "duplicate row for area {}, period {}, indicator {}, group {} (rows {} and {})",
                    r.area,
                    r.period,
                    r.indicator,
                    r.group,
                    j + 1,
                    i + 1
                )));
            }
        }
        Ok(Table { rows })
    }

    /// A table of rows whose keys the caller has already found unique (the fast reader
    /// checks them on dictionary codes).
    pub(crate) fn from_unique(rows: Vec<Observation>) -> Self {
        Table { rows }
    }

    /// The rows.
    pub fn rows(&self) -> &[Observation] {
        &self.rows
    }

    /// The rows, by value.
    pub fn into_rows(self) -> Vec<Observation> {
        self.rows
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The table as a polars DataFrame with the canonical columns, plus `time` (decimal
    /// years, see [`Period::time`]) and `year` (the calendar year, null for multi-year ranges).
    ///
    /// # Errors
    /// Only if polars fails to build the frame.
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let r = &self.rows;
        let s = |f: fn(&Observation) -> &str| r.iter().map(f).collect::<Vec<&str>>();
        let o =
            |f: fn(&Observation) -> Option<&str>| r.iter().map(f).collect::<Vec<Option<&str>>>();
        let n = |f: fn(&Observation) -> Option<f64>| r.iter().map(f).collect::<Vec<Option<f64>>>();
        let periods: Vec<String> = r.iter().map(|x| x.period.to_string()).collect();
        // In TABLE_FRAME_COLUMNS order (the array's length is checked against the list's).
        let values: [Column; TABLE_FRAME_COLUMNS.len()] = [
            Column::new(PlSmallStr::EMPTY, s(|x| &x.area)),
            Column::new(PlSmallStr::EMPTY, periods),
            Column::new(PlSmallStr::EMPTY, s(|x| &x.indicator)),
            Column::new(PlSmallStr::EMPTY, s(|x| &x.group)),
            Column::new(PlSmallStr::EMPTY, n(|x| x.count)),
            Column::new(PlSmallStr::EMPTY, n(|x| x.population)),
            Column::new(PlSmallStr::EMPTY, n(|x| x.value)),
            Column::new(PlSmallStr::EMPTY, n(|x| x.lower)),
            Column::new(PlSmallStr::EMPTY, n(|x| x.upper)),
            Column::new(PlSmallStr::EMPTY, n(|x| x.level)),
            Column::new(PlSmallStr::EMPTY, o(|x| x.method.as_deref())),
            Column::new(PlSmallStr::EMPTY, o(|x| x.status.as_deref())),
            Column::new(PlSmallStr::EMPTY, o(|x| x.survey_year.as_deref())),
            Column::new(PlSmallStr::EMPTY, s(|x| &x.source)),
            Column::new(
                PlSmallStr::EMPTY,
                r.iter().map(|x| x.period.time()).collect::<Vec<f64>>(),
            ),
            Column::new(
                PlSmallStr::EMPTY,
                r.iter()
                    .map(|x| x.period.calendar_year())
                    .collect::<Vec<Option<i32>>>(),
            ),
        ];
        let columns = values
            .into_iter()
            .zip(TABLE_FRAME_COLUMNS)
            .map(|(c, name)| c.with_name(name.into()))
            .collect::<Vec<_>>();
        DataFrame::new(r.len(), columns)
            .map_err(|e| Error::polars("building the canonical table", e))
    }

    /// A table from a frame with the canonical columns, as [`Table::to_dataframe`] and the
    /// computations ([`rates`](crate::rates), [`survey`](crate::survey)) give them: `rate`
    /// is read as `value` and `n` as `population`; other columns (`area_name`, `time`) are
    /// ignored. Area codes are taken as they are (not looked up).
    ///
    /// ```
    /// use bra_indicators::{Observation, Period, Table};
    /// let mut a = Observation::new("1982", Period::Year(2020), "brott.totalt");
    /// a.count = Some(1577.0);
    /// a.status = Some("preliminary".into());
    /// let table = Table::new(vec![a])?;
    /// assert_eq!(Table::from_dataframe(&table.to_dataframe()?)?, table);
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `area`, `period` or `indicator` is missing or a period
    /// cannot be read, or on a duplicate key; [`Error::Polars`] when a column has a type that
    /// cannot be cast.
    pub fn from_dataframe(frame: &DataFrame) -> Result<Self> {
        let polars = |e| Error::polars("reading a computed table", e);
        let text = |names: &[&str]| -> Result<Option<Vec<Option<String>>>> {
            let Some(c) = names.iter().find_map(|n| frame.column(n).ok()) else {
                return Ok(None);
            };
            let c = c.cast(&DataType::String).map_err(polars)?;
            let v = c.str().map_err(polars)?;
            Ok(Some(v.iter().map(|s| s.map(str::to_string)).collect()))
        };
        let number = |names: &[&str]| -> Result<Option<Vec<Option<f64>>>> {
            let Some(c) = names.iter().find_map(|n| frame.column(n).ok()) else {
                return Ok(None);
            };
            let c = c.cast(&DataType::Float64).map_err(polars)?;
            Ok(Some(c.f64().map_err(polars)?.iter().collect()))
        };
        let required = |name: &str| -> Result<Vec<Option<String>>> {
            text(&[name])?.ok_or_else(|| {
                Error::InvalidArgument(format!("the table has no column \"{name}\""))
            })
        };
        let (area, period, indicator) = (
            required("area")?,
            required("period")?,
            required("indicator")?,
        );
        let group = text(&["group"])?;
        let (method, status) = (text(&["method"])?, text(&["status"])?);
        let (survey_year, source) = (text(&["survey_year"])?, text(&["source"])?);
        let count = number(&["count"])?;
        let population = number(&["population", "n"])?;
        let value = number(&["value", "rate"])?;
        let (lower, upper, level) = (
            number(&["lower"])?,
            number(&["upper"])?,
            number(&["level"])?,
        );
        let at = |c: &Option<Vec<Option<f64>>>, i: usize| c.as_ref().and_then(|c| c[i]);
        let text_at =
            |c: &Option<Vec<Option<String>>>, i: usize| c.as_ref().and_then(|c| c[i].clone());
        let mut rows = Vec::with_capacity(frame.height());
        for i in 0..frame.height() {
            let key = |c: &Vec<Option<String>>, what: &str| {
                c[i].clone()
                    .ok_or_else(|| Error::InvalidArgument(format!("row {}: no {what}", i + 1)))
            };
            let period: Period = key(&period, "period")?.parse()?;
            let mut o =
                Observation::new(key(&area, "area")?, period, key(&indicator, "indicator")?);
            if let Some(g) = text_at(&group, i) {
                o.group = g;
            }
            o.count = at(&count, i);
            o.population = at(&population, i);
            o.value = at(&value, i);
            o.lower = at(&lower, i);
            o.upper = at(&upper, i);
            o.level = at(&level, i);
            o.method = text_at(&method, i);
            o.status = text_at(&status, i);
            o.survey_year = text_at(&survey_year, i);
            o.source = text_at(&source, i).unwrap_or_default();
            rows.push(o);
        }
        Table::new(rows)
    }
}

/// Population (or another denominator) per area and calendar year.
///
/// # Examples
/// ```
/// use bra_indicators::Population;
/// let mut pop = Population::new("population.csv");
/// pop.insert("1982", 2020, 13391.0)?;
/// assert_eq!(pop.get("1982", 2020), Some(13391.0));
/// assert!(pop.insert("1982", 2021, 0.0).is_err());
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Population {
    values: HashMap<(String, i32), f64>,
    /// Where the figures came from, recorded in every rate's `source`.
    pub source: String,
}

impl Population {
    /// An empty population table from `source`.
    pub fn new(source: impl Into<String>) -> Self {
        Population {
            values: HashMap::new(),
            source: source.into(),
        }
    }

    /// Sets the population of `area` in `year`.
    ///
    /// # Errors
    /// When the figure is not a positive number, or the area and year are already set.
    pub fn insert(&mut self, area: &str, year: i32, population: f64) -> Result<()> {
        if !population.is_finite() || population <= 0.0 {
            return Err(Error::InvalidArgument(format!(
                "expected a positive population, found {population}"
            )));
        }
        if self
            .values
            .insert((area.to_string(), year), population)
            .is_some()
        {
            return Err(Error::InvalidArgument(format!(
                "population for area {area}, year {year} given twice"
            )));
        }
        Ok(())
    }

    /// The population of `area` in `year`.
    pub fn get(&self, area: &str, year: i32) -> Option<f64> {
        self.values.get(&(area.to_string(), year)).copied()
    }

    /// Number of (area, year) figures.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there are no figures.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// As a polars DataFrame with columns `area`, `year`, `population`, sorted.
    ///
    /// # Errors
    /// Only if polars fails to build the frame.
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let mut rows: Vec<(&String, i32, f64)> =
            self.values.iter().map(|((a, y), p)| (a, *y, *p)).collect();
        rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let columns = vec![
            Column::new(
                "area".into(),
                rows.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ),
            Column::new(
                "year".into(),
                rows.iter().map(|r| r.1).collect::<Vec<i32>>(),
            ),
            Column::new(
                "population".into(),
                rows.iter().map(|r| r.2).collect::<Vec<f64>>(),
            ),
        ];
        DataFrame::new(rows.len(), columns)
            .map_err(|e| Error::polars("building the population table", e))
    }
}
