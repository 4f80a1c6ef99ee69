//! The situation picture (lägesbild) of EST: an incident log counted in windows (a week, a
//! fortnight, a month or a quarter ending on the as-of date), each category and focus area
//! against what earlier windows lead one to expect, unusual counts flagged.
//!
//! The method (METHODS.md "Situation picture"): the expected count μ is the mean of the
//! baseline windows, which are, for each earlier year k = 1..5, the window 52·k weeks back
//! (the same calendar month or quarter k years back) and one window either side, when at least
//! two such years lie wholly inside the log; otherwise the previous 6 whole windows (at least
//! 3, else `too few`). The count is compared with a negative binomial with mean μ and the
//! baselines' dispersion ([`crate::stats::surveillance`]).

use crate::error::{Error, Location, Result};
use crate::incident::{IncidentCategories, IncidentLog, category_key};
use crate::indicator::FocusArea;
use crate::indicators::frame::FrameBuilder;
use crate::labels::Phrase;
use crate::labels::lagesbild as labels;
use crate::stats::surveillance::{Baseline, CountModel, assess};
use crate::warning::{Warning, WarningKind};
use chrono::{Datelike, Days, NaiveDate};
use polars::prelude::DataFrame;
use std::collections::{BTreeMap, HashMap};

pub use crate::schema::SITUATION_COLUMNS;
pub use crate::stats::surveillance::Flag;

pub use crate::schema::PLACE_COLUMNS;

/// How long a window is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WindowKind {
    /// 7 days ending on the as-of date, stepping back in whole weeks.
    Week,
    /// 14 days ending on the as-of date (EST meets every other week).
    Fortnight,
    /// Calendar months.
    Month,
    /// Calendar quarters (the local council's direction decisions).
    Quarter,
}

impl SituationPicture {
    /// The current window's dates for people (`2026-11-16 – 2026-11-29`, "(pågår)" when
    /// partial); empty for a picture without rows.
    pub(crate) fn current_window_text(&self, lang: crate::format::Lang) -> String {
        self.rows
            .first()
            .map(|r| {
                crate::labels::lagesbild::window_text(
                    r.window.window_start,
                    r.window.window_end,
                    r.window.partial,
                    lang,
                )
            })
            .unwrap_or_default()
    }
}

impl WindowKind {
    /// The window's length for people (`två veckor`, `fortnight`).
    pub(crate) fn phrase(self) -> Phrase {
        match self {
            WindowKind::Week => labels::WEEK,
            WindowKind::Fortnight => labels::FORTNIGHT,
            WindowKind::Month => labels::MONTH,
            WindowKind::Quarter => labels::QUARTER,
        }
    }
}

impl WindowKind {
    /// Windows in a year: 52, 26, 12, 4.
    fn per_year(self) -> usize {
        match self {
            WindowKind::Week => 52,
            WindowKind::Fortnight => 26,
            WindowKind::Month => 12,
            WindowKind::Quarter => 4,
        }
    }

    /// The code used in files and options: `week`, `fortnight`, `month`, `quarter`.
    pub fn code(self) -> &'static str {
        match self {
            WindowKind::Week => "week",
            WindowKind::Fortnight => "fortnight",
            WindowKind::Month => "month",
            WindowKind::Quarter => "quarter",
        }
    }
}

impl std::str::FromStr for WindowKind {
    type Err = Error;

    /// `week`/`vecka`, `fortnight`/`14`/`tvåveckor`, `month`/`månad`, `quarter`/`kvartal`.
    ///
    /// ```
    /// use bra_indicators::WindowKind;
    /// assert_eq!("kvartal".parse::<WindowKind>()?, WindowKind::Quarter);
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<WindowKind> {
        match s.trim().to_lowercase().as_str() {
            "week" | "vecka" | "7" => Ok(WindowKind::Week),
            "fortnight" | "tvåveckor" | "14" => Ok(WindowKind::Fortnight),
            "month" | "månad" => Ok(WindowKind::Month),
            "quarter" | "kvartal" => Ok(WindowKind::Quarter),
            _ => Err(Error::InvalidArgument(format!(
                "expected a window: week, fortnight, month or quarter; found \"{s}\""
            ))),
        }
    }
}

/// What to compute.
#[derive(Debug, Clone)]
pub struct SituationOptions {
    /// The window length (default a fortnight).
    pub window: WindowKind,
    /// The last day of the current window (default the last date in the log).
    pub as_of: Option<NaiveDate>,
    /// Significance for the flags (default 0.01).
    pub alpha: f64,
    /// How many places to list (default 10).
    pub places: usize,
    /// How many windows each focus area's series holds, for charts (default 26).
    pub series_windows: usize,
}

impl Default for SituationOptions {
    fn default() -> Self {
        SituationOptions {
            window: WindowKind::Fortnight,
            as_of: None,
            alpha: 0.01,
            places: 10,
            series_windows: 26,
        }
    }
}

/// Is a row about one category or a whole focus area?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SituationLevel {
    /// One category of incidents.
    Category,
    /// All categories of a focus area together.
    FocusArea,
}

impl SituationLevel {
    /// `category` or `focus_area`.
    pub fn code(self) -> &'static str {
        match self {
            SituationLevel::Category => "category",
            SituationLevel::FocusArea => "focus_area",
        }
    }
}

/// One window of one series counted and assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct WindowAssessment {
    /// The window's first day.
    pub window_start: NaiveDate,
    /// The window's last day (a calendar period's last day even when it is partial).
    pub window_end: NaiveDate,
    /// Incidents in the window.
    pub count: u64,
    /// Incidents in the window before (empty when the log does not cover it wholly).
    pub previous: Option<u64>,
    /// Incidents in the window 52 weeks earlier (the same calendar period a year earlier).
    pub same_period_last_year: Option<u64>,
    /// μ: the expected count (scaled to the covered days of a partial period).
    pub expected: Option<f64>,
    /// φ: the baseline windows' dispersion (1 = Poisson).
    pub dispersion: Option<f64>,
    /// count / μ (empty when μ is 0 or unknown).
    pub ratio: Option<f64>,
    /// P(Y ≥ count).
    pub p_high: Option<f64>,
    /// P(Y ≤ count).
    pub p_low: Option<f64>,
    /// The 0.005 quantile of Y (the lower end of the 99 % band).
    pub band_low: Option<u64>,
    /// The 0.995 quantile of Y.
    pub band_high: Option<u64>,
    /// high, low, normal or too few.
    pub flag: Flag,
    /// A calendar month or quarter that the as-of date does not complete.
    pub partial: bool,
}

/// One row of the situation picture's table.
#[derive(Debug, Clone, PartialEq)]
pub struct SituationRow {
    /// Category or focus area.
    pub level: SituationLevel,
    /// The category's label (the categories file's, or as the log writes it); `None` on a
    /// focus-area row.
    pub category: Option<String>,
    /// The category's name for people in Swedish and English.
    pub category_names: Option<(String, String)>,
    /// The focus area of the citizen promise.
    pub focus_area: FocusArea,
    /// The current window.
    pub window: WindowAssessment,
}

/// One of the places with most incidents in the current window.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRow {
    /// The place as the log writes it.
    pub place: String,
    /// The current window.
    pub window: WindowAssessment,
}

/// A focus area's latest windows, oldest first, for its chart.
#[derive(Debug, Clone, PartialEq)]
pub struct FocusAreaSeries {
    /// The focus area.
    pub focus_area: FocusArea,
    /// The windows, oldest first; the last is the current one.
    pub windows: Vec<WindowAssessment>,
}

/// The situation picture: the table, the places and the series.
#[derive(Debug, Clone)]
pub struct SituationPicture {
    /// The window length.
    pub window: WindowKind,
    /// The last day of the current window.
    pub as_of: NaiveDate,
    /// The log's first date (history starts there).
    pub first_date: NaiveDate,
    /// Per focus area: its row, then its categories' rows (by count, then label).
    pub rows: Vec<SituationRow>,
    /// The places with most incidents in the current window.
    pub places: Vec<PlaceRow>,
    /// Per focus area with incidents, its latest windows.
    pub series: Vec<FocusAreaSeries>,
    /// What was assumed or left out (unmapped categories, incidents after the as-of date).
    pub warnings: Vec<Warning>,
}

/// The windows ending on the as-of date, numbered 0 (current), 1 (the one before), ...
#[derive(Debug, Clone, Copy)]
struct Windows {
    kind: WindowKind,
    as_of: NaiveDate,
    first_date: NaiveDate,
}

impl Windows {
    fn days(self) -> Option<u64> {
        match self.kind {
            WindowKind::Week => Some(7),
            WindowKind::Fortnight => Some(14),
            _ => None,
        }
    }

    /// Months (or quarters) since year 0, for calendar windows.
    fn calendar_index(self, d: NaiveDate) -> i64 {
        let month = d.year() as i64 * 12 + d.month0() as i64;
        match self.kind {
            WindowKind::Quarter => month.div_euclid(3),
            _ => month,
        }
    }

    /// The window a date falls in, or `None` after the as-of date.
    fn index_of(self, d: NaiveDate) -> Option<usize> {
        if d > self.as_of {
            return None;
        }
        match self.days() {
            Some(len) => Some(((self.as_of - d).num_days() as u64 / len) as usize),
            None => Some((self.calendar_index(self.as_of) - self.calendar_index(d)) as usize),
        }
    }

    fn calendar_start(self, index: i64) -> NaiveDate {
        let month = match self.kind {
            WindowKind::Quarter => index * 3,
            _ => index,
        };
        // ok: a month index from a valid date stays within chrono's range here.
        NaiveDate::from_ymd_opt(
            month.div_euclid(12) as i32,
            month.rem_euclid(12) as u32 + 1,
            1,
        )
        .unwrap_or(NaiveDate::MIN)
    }

    fn start(self, k: usize) -> NaiveDate {
        match self.days() {
            Some(len) => self
                .as_of
                .checked_sub_days(Days::new((k as u64 + 1) * len - 1))
                .unwrap_or(NaiveDate::MIN),
            None => self.calendar_start(self.calendar_index(self.as_of) - k as i64),
        }
    }

    fn end(self, k: usize) -> NaiveDate {
        match self.days() {
            Some(len) => self
                .as_of
                .checked_sub_days(Days::new(k as u64 * len))
                .unwrap_or(NaiveDate::MIN),
            None => self
                .calendar_start(self.calendar_index(self.as_of) - k as i64 + 1)
                .pred_opt()
                .unwrap_or(NaiveDate::MIN),
        }
    }

    /// Does the log cover window k wholly (it starts on or after the log's first date)?
    fn is_whole(self, k: usize) -> bool {
        self.start(k) >= self.first_date
    }

    /// The share of window 0 that the as-of date covers (1 for week and fortnight windows).
    fn covered(self, k: usize) -> f64 {
        if k > 0 || self.days().is_some() {
            return 1.0;
        }
        let (start, end) = (self.start(0), self.end(0));
        let days = (end - start).num_days() as f64 + 1.0;
        ((self.as_of - start).num_days() as f64 + 1.0) / days
    }

    /// How many windows (from 0) reach back to the log's first date.
    fn count(self) -> usize {
        self.index_of(self.first_date).map_or(0, |k| k + 1)
    }

    /// The baseline windows of window k, or `None` for too little history.
    fn baseline(self, k: usize) -> Option<Vec<usize>> {
        let p = self.kind.per_year();
        let seasonal: Vec<usize> = (1..=5)
            .map(|year| k + year * p)
            .filter(|&c| self.is_whole(c + 1))
            .flat_map(|c| [c - 1, c, c + 1])
            .collect();
        if seasonal.len() >= 6 {
            return Some(seasonal);
        }
        let previous: Vec<usize> = (k + 1..=k + 6).filter(|&i| self.is_whole(i)).collect();
        (previous.len() >= 3).then_some(previous)
    }

    fn assess(self, counts: &[u64], k: usize, alpha: f64) -> WindowAssessment {
        let at = |i: usize| counts.get(i).copied().unwrap_or(0);
        let whole = |i: usize| self.is_whole(i).then(|| at(i));
        let mut out = WindowAssessment {
            window_start: self.start(k),
            window_end: self.end(k),
            count: at(k),
            previous: whole(k + 1),
            same_period_last_year: whole(k + self.kind.per_year()),
            expected: None,
            dispersion: None,
            ratio: None,
            p_high: None,
            p_low: None,
            band_low: None,
            band_high: None,
            flag: Flag::TooFew,
            partial: self.covered(k) < 1.0,
        };
        let Some(windows) = self.baseline(k) else {
            return out;
        };
        let values: Vec<f64> = windows.iter().map(|&i| at(i) as f64).collect();
        let Some(baseline) = Baseline::of(&values) else {
            return out;
        };
        let baseline = baseline.scaled(self.covered(k));
        let Some(model) = CountModel::of(&baseline) else {
            return out;
        };
        let a = assess(out.count, &model, alpha);
        out.expected = Some(baseline.mean);
        out.dispersion = Some(baseline.dispersion);
        out.ratio = (baseline.mean > 0.0).then(|| out.count as f64 / baseline.mean);
        out.p_high = Some(a.p_high);
        out.p_low = Some(a.p_low);
        out.band_low = Some(model.quantile(0.005));
        out.band_high = Some(model.quantile(0.995));
        out.flag = a.flag;
        out
    }
}

/// A category as the picture groups it.
struct CategoryInfo {
    label: String,
    names: (String, String),
    focus_area: FocusArea,
}

/// Counts the log in windows and assesses every category, focus area and the busiest places.
///
/// # Examples
/// ```
/// use bra_indicators::{situation_picture, IncidentCategories, IncidentLog, Incident, SituationOptions};
/// use chrono::NaiveDate;
/// // One incident a week for a year, then 12 more in the last fortnight (which also holds one
/// // of the weekly ones).
/// let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let mut incidents = Vec::new();
/// for day in (0..364).step_by(7) {
///     incidents.push(Incident { date: start + chrono::Days::new(day), category: "Klotter".into(), place: None, source: None, count: 1 });
/// }
/// incidents.push(Incident { date: start + chrono::Days::new(370), category: "Klotter".into(), place: Some("Centrum".into()), source: None, count: 12 });
/// let log = IncidentLog { incidents, ..Default::default() };
/// let picture = situation_picture(&log, &IncidentCategories::builtin(), &SituationOptions::default())?;
/// let klotter = picture.rows.iter().find(|r| r.category.as_deref() == Some("klotter")).unwrap();
/// assert_eq!((klotter.window.count, klotter.window.expected), (13, Some(2.0)));
/// assert_eq!(klotter.window.flag.code(), "high");
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn situation_picture(
    log: &IncidentLog,
    categories: &IncidentCategories,
    options: &SituationOptions,
) -> Result<SituationPicture> {
    let windows = windows_of(log, options)?;
    let counts = WindowCounts::of(log, categories, windows);
    let warnings = counts.warnings(&log.source, windows.as_of);
    let (rows, series) = counts.focus_area_rows(windows, options);
    let places = counts.busiest_places(windows, options);
    Ok(SituationPicture {
        window: options.window,
        as_of: windows.as_of,
        first_date: windows.first_date,
        rows,
        places,
        series,
        warnings,
    })
}

/// The windows of the picture: back from the as-of date (the log's last date unless given)
/// to the log's first; checks the as-of date and alpha.
fn windows_of(log: &IncidentLog, options: &SituationOptions) -> Result<Windows> {
    let (first_date, last_date) = log
        .date_range()
        .ok_or_else(|| Error::input(Location::file(&log.source), "the log has no incidents"))?;
    let as_of = options.as_of.unwrap_or(last_date);
    if as_of < first_date {
        return Err(Error::InvalidArgument(format!(
            "the as-of date {as_of} is before the log's first incident ({first_date}): expected a date the log covers"
        )));
    }
    if !(options.alpha > 0.0 && options.alpha < 1.0) {
        return Err(Error::InvalidArgument(format!(
            "the significance level alpha must lie between 0 and 1, found {}",
            options.alpha
        )));
    }
    Ok(Windows {
        kind: options.window,
        as_of,
        first_date,
    })
}

/// The log counted per window (index 0 = the latest) by category, focus area and place.
struct WindowCounts {
    /// How many windows reach back to the log's first date.
    n: usize,
    /// Each distinct label's category (aliases share one).
    resolved: HashMap<String, usize>,
    infos: Vec<CategoryInfo>,
    /// Categories not in the categories file, with their number of rows.
    unmapped: BTreeMap<usize, u64>,
    by_category: Vec<Vec<u64>>,
    by_focus: BTreeMap<FocusArea, Vec<u64>>,
    by_place: BTreeMap<String, Vec<u64>>,
    /// Rows and incidents dated after the as-of date (not counted).
    after: (u64, u64),
}

impl WindowCounts {
    /// Counts the log, resolving each distinct label once.
    fn of(log: &IncidentLog, categories: &IncidentCategories, windows: Windows) -> Self {
        let n = windows.count();
        let mut counts = WindowCounts {
            n,
            resolved: HashMap::new(),
            infos: Vec::new(),
            unmapped: BTreeMap::new(),
            by_category: Vec::new(),
            by_focus: BTreeMap::new(),
            by_place: BTreeMap::new(),
            after: (0, 0),
        };
        for incident in &log.incidents {
            let Some(k) = windows.index_of(incident.date) else {
                counts.after.0 += 1;
                counts.after.1 += incident.count;
                continue;
            };
            let c = counts.category_of(&incident.category, categories);
            if let Some(rows) = counts.unmapped.get_mut(&c) {
                *rows += 1;
            }
            counts.by_category[c][k] += incident.count;
            counts
                .by_focus
                .entry(counts.infos[c].focus_area)
                .or_insert_with(|| vec![0; n])[k] += incident.count;
            if let Some(place) = &incident.place {
                counts
                    .by_place
                    .entry(place.clone())
                    .or_insert_with(|| vec![0; n])[k] += incident.count;
            }
        }
        counts
    }

    /// The category of a label: looked up once; labels that the categories file maps to the
    /// same category (an alias) share its counts, and an unknown label is a category of its
    /// own under övrigt.
    fn category_of(&mut self, label: &str, categories: &IncidentCategories) -> usize {
        if let Some(&c) = self.resolved.get(&category_key(label)) {
            return c;
        }
        let found = categories.find(label);
        let info = match found {
            Some(c) => CategoryInfo {
                label: c.label.clone(),
                names: (c.name(false).to_string(), c.name(true).to_string()),
                focus_area: c.focus_area,
            },
            None => CategoryInfo {
                label: label.to_string(),
                names: (label.to_string(), label.to_string()),
                focus_area: FocusArea::Other,
            },
        };
        let canonical = category_key(&info.label);
        let c = match self.resolved.get(&canonical) {
            Some(&c) => c,
            None => {
                if found.is_none() {
                    self.unmapped.insert(self.infos.len(), 0);
                }
                self.infos.push(info);
                self.by_category.push(vec![0; self.n]);
                self.resolved.insert(canonical, self.infos.len() - 1);
                self.infos.len() - 1
            }
        };
        self.resolved.insert(category_key(label), c);
        c
    }

    /// What the counting left out: categories not in the file, rows after the as-of date.
    fn warnings(&self, source: &str, as_of: NaiveDate) -> Vec<Warning> {
        let mut warnings = Vec::new();
        for (&c, &rows) in &self.unmapped {
            warnings.push(Warning::new(
                WarningKind::UnmappedCategory,
                Some(Location::file(source)),
                format!(
                    "category \"{}\" ({rows} rows) is not in the categories file: counted under övrigt",
                    self.infos[c].label
                ),
            ));
        }
        let (after, after_incidents) = self.after;
        if after > 0 {
            warnings.push(Warning::new(
                WarningKind::AfterAsOf,
                Some(Location::file(source)),
                format!(
                    "{after} rows ({after_incidents} incidents) dated after the as-of date {as_of} are not counted"
                ),
            ));
        }
        warnings
    }

    /// Each focus area's row followed by its categories' (the largest count first), and each
    /// focus area's series of the last `series_windows` windows.
    fn focus_area_rows(
        &self,
        windows: Windows,
        options: &SituationOptions,
    ) -> (Vec<SituationRow>, Vec<FocusAreaSeries>) {
        let alpha = options.alpha;
        let mut rows = Vec::new();
        let mut series = Vec::new();
        for (&focus_area, counts) in &self.by_focus {
            rows.push(SituationRow {
                level: SituationLevel::FocusArea,
                category: None,
                category_names: None,
                focus_area,
                window: windows.assess(counts, 0, alpha),
            });
            let mut members: Vec<SituationRow> = (0..self.infos.len())
                .filter(|&c| self.infos[c].focus_area == focus_area)
                .map(|c| SituationRow {
                    level: SituationLevel::Category,
                    category: Some(self.infos[c].label.clone()),
                    category_names: Some(self.infos[c].names.clone()),
                    focus_area,
                    window: windows.assess(&self.by_category[c], 0, alpha),
                })
                .collect();
            members.sort_by(|a, b| {
                b.window
                    .count
                    .cmp(&a.window.count)
                    .then_with(|| a.category.cmp(&b.category))
            });
            rows.extend(members);
            let last = options.series_windows.min(self.n).max(1);
            series.push(FocusAreaSeries {
                focus_area,
                windows: (0..last)
                    .rev()
                    .map(|k| windows.assess(counts, k, alpha))
                    .collect(),
            });
        }
        (rows, series)
    }

    /// The `places` busiest places of the latest window, assessed.
    fn busiest_places(&self, windows: Windows, options: &SituationOptions) -> Vec<PlaceRow> {
        let mut busiest: Vec<(&String, &Vec<u64>)> =
            self.by_place.iter().filter(|(_, c)| c[0] > 0).collect();
        busiest.sort_by(|a, b| b.1[0].cmp(&a.1[0]).then_with(|| a.0.cmp(b.0)));
        busiest
            .into_iter()
            .take(options.places)
            .map(|(place, counts)| PlaceRow {
                place: place.clone(),
                window: windows.assess(counts, 0, options.alpha),
            })
            .collect()
    }
}

impl SituationPicture {
    /// The table with [`SITUATION_COLUMNS`].
    pub fn to_frame(&self) -> Result<DataFrame> {
        let mut b = FrameBuilder::new(&SITUATION_COLUMNS, self.rows.len());
        b.str(self.rows.iter().map(|r| Some(r.level.code().to_string())));
        b.str(self.rows.iter().map(|r| r.category.clone()));
        b.str(
            self.rows
                .iter()
                .map(|r| Some(r.focus_area.code().to_string())),
        );
        window_columns(&mut b, self.rows.iter().map(|r| &r.window));
        b.finish("the situation picture")
    }

    /// The places table with [`PLACE_COLUMNS`].
    pub fn places_frame(&self) -> Result<DataFrame> {
        let mut b = FrameBuilder::new(&PLACE_COLUMNS, self.places.len());
        b.str(self.places.iter().map(|p| Some(p.place.clone())));
        window_columns(&mut b, self.places.iter().map(|p| &p.window));
        b.finish("the places of the situation picture")
    }
}

fn window_columns<'a>(
    b: &mut FrameBuilder,
    windows: impl Iterator<Item = &'a WindowAssessment> + Clone,
) {
    let date = |d: NaiveDate| Some(d.format("%Y-%m-%d").to_string());
    let whole = |v: Option<u64>| v.map(|v| v as f64);
    b.str(windows.clone().map(|w| date(w.window_start)));
    b.str(windows.clone().map(|w| date(w.window_end)));
    b.f64(windows.clone().map(|w| Some(w.count as f64)));
    b.f64(windows.clone().map(|w| whole(w.previous)));
    b.f64(windows.clone().map(|w| whole(w.same_period_last_year)));
    b.f64(windows.clone().map(|w| w.expected));
    b.f64(windows.clone().map(|w| w.dispersion));
    b.f64(windows.clone().map(|w| w.ratio));
    b.f64(windows.clone().map(|w| w.p_high));
    b.f64(windows.clone().map(|w| w.p_low));
    b.str(windows.clone().map(|w| Some(w.flag.code().to_string())));
    b.bool(windows.map(|w| Some(w.partial)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn fortnights_end_on_the_as_of_date() {
        let w = Windows {
            kind: WindowKind::Fortnight,
            as_of: day(2026, 5, 31),
            first_date: day(2024, 1, 1),
        };
        assert_eq!((w.start(0), w.end(0)), (day(2026, 5, 18), day(2026, 5, 31)));
        assert_eq!((w.start(1), w.end(1)), (day(2026, 5, 4), day(2026, 5, 17)));
        assert_eq!(w.index_of(day(2026, 5, 18)), Some(0));
        assert_eq!(w.index_of(day(2026, 5, 17)), Some(1));
        assert_eq!(w.index_of(day(2026, 6, 1)), None);
        // 52 weeks back: 26 fortnights.
        assert_eq!(w.end(26), day(2025, 6, 1));
        // Two whole earlier years (2025 and 2024): the seasonal baseline of 6 windows.
        assert_eq!(w.baseline(0).unwrap(), vec![25, 26, 27, 51, 52, 53]);
    }

    #[test]
    fn a_partial_month_scales_the_expected_count() {
        let w = Windows {
            kind: WindowKind::Month,
            as_of: day(2026, 4, 10),
            first_date: day(2025, 10, 1),
        };
        assert_eq!((w.start(0), w.end(0)), (day(2026, 4, 1), day(2026, 4, 30)));
        assert!((w.covered(0) - 10.0 / 30.0).abs() < 1e-15);
        assert_eq!((w.start(3), w.end(3)), (day(2026, 1, 1), day(2026, 1, 31)));
        // Six months of history: the previous 6 (Oct..Mar), no seasonal years.
        assert_eq!(w.baseline(0).unwrap(), vec![1, 2, 3, 4, 5, 6]);
        let a = w.assess(&[5, 30, 30, 30, 30, 30, 30], 0, 0.01);
        assert!(a.partial);
        assert_eq!(a.expected, Some(10.0));
        assert_eq!(a.flag, Flag::Normal);
    }

    #[test]
    fn quarters_and_too_little_history() {
        let w = Windows {
            kind: WindowKind::Quarter,
            as_of: day(2026, 9, 30),
            first_date: day(2026, 1, 1),
        };
        assert_eq!((w.start(0), w.end(0)), (day(2026, 7, 1), day(2026, 9, 30)));
        assert!(!w.assess(&[1, 1, 1], 0, 0.01).partial);
        assert_eq!(w.baseline(0), None); // two earlier quarters only
        assert_eq!(w.assess(&[9, 1, 1], 0, 0.01).flag, Flag::TooFew);
    }
}
