//! The kommun profile (Fingertips' "area profile", a spine chart as a table): one area on
//! every indicator at once, at each indicator's latest period, against its benchmarks (by the
//! one comparison engine) and the spread of the comparison areas (METHODS.md "Profile").

use crate::area::{AreaKind, AreaRegistry};
use crate::error::{Error, Result};
use crate::format::Lang;
use crate::indicator::{FocusArea, IndicatorKind, IndicatorRegistry};
use crate::indicators::compare::{CompareOptions, benchmark_value, compare_row};
use crate::indicators::frame::FrameBuilder;
use crate::period::Period;
use crate::stats::Polarity;
use crate::stats::compare::Assessment;
use crate::stats::profile::{Spread, rank};
use crate::table::{Observation, Table};
use crate::warning::{Warning, WarningKind};
use polars::prelude::DataFrame;
use std::collections::{BTreeMap, HashMap};

pub use crate::schema::PROFILE_COLUMNS;

/// Which area to profile, against what.
#[derive(Debug, Clone, Default)]
pub struct ProfileOptions {
    /// The area's code (`1982`).
    pub area: String,
    /// Benchmark area codes (`19`, `00`); default the area's county and riket.
    pub benchmarks: Vec<String>,
    /// The comparison areas for the spread and the rank; default the kommuner of the first
    /// benchmark that is a county (or of the area's own county).
    pub comparison: Vec<String>,
    /// The comparison levels (95 % and 99.8 % by default).
    pub compare: CompareOptions,
}

/// One indicator of the profile against one benchmark area.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRow {
    /// The indicator id.
    pub indicator: String,
    /// Its focus area of the citizen promise (for grouping the chart).
    pub focus_area: FocusArea,
    /// The area's latest period with a value.
    pub period: Period,
    /// The area's value there.
    pub value: f64,
    /// Its interval, if the table has one.
    pub interval: Option<(f64, f64)>,
    /// The benchmark area's code.
    pub benchmark_area: String,
    /// The benchmark's value at the same period.
    pub benchmark_value: Option<f64>,
    /// Better / similar / worse than the benchmark.
    pub assessment: Assessment,
    /// The spread of the comparison areas' values at the same period.
    pub spread: Option<Spread>,
    /// The area's rank among them (1 = best), none for a neutral indicator.
    pub rank: Option<usize>,
    /// How many areas have a value there (the area itself included).
    pub n_areas: usize,
    /// Which direction is good.
    pub polarity: Polarity,
}

/// The profile of one area.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The area's code.
    pub area: String,
    /// The comparison areas used for the spread and the ranks.
    pub comparison: Vec<String>,
    /// Rows by focus area, then indicator, then benchmark in the order given.
    pub rows: Vec<ProfileRow>,
    /// Indicators left out (no value for the area) and rows of other groups.
    pub warnings: Vec<Warning>,
}

/// The profile of `options.area` over every indicator of `table` (rows of group `total`).
///
/// # Examples
/// ```
/// use bra_indicators::{profile, AreaRegistry, IndicatorRegistry, Observation, Period, ProfileOptions, Table};
/// let row = |area: &str, value: f64, count: f64, population: f64| {
///     let mut o = Observation::new(area, Period::Year(2024), "brott.totalt");
///     (o.value, o.count, o.population) = (Some(value), Some(count), Some(population));
///     o
/// };
/// let table = Table::new(vec![
///     row("1982", 11_000.0, 1_440.0, 13_100.0),   // Fagersta
///     row("1983", 9_000.0, 630.0, 7_000.0),       // Köping
///     row("1980", 12_000.0, 19_200.0, 160_000.0), // Västerås
///     row("19", 11_500.0, 32_000.0, 278_000.0),
/// ])?;
/// let options = ProfileOptions { area: "1982".into(), benchmarks: vec!["19".into()], ..Default::default() };
/// let p = profile(&table, AreaRegistry::builtin(), IndicatorRegistry::builtin(), &options)?;
/// let r = &p.rows[0];
/// assert_eq!((r.rank, r.n_areas), (Some(2), 3)); // lower is better: 9 000 < 11 000 < 12 000
/// assert_eq!(r.spread.unwrap().median, 11_000.0);
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn profile(
    table: &Table,
    areas: &AreaRegistry,
    indicators: &IndicatorRegistry,
    options: &ProfileOptions,
) -> Result<Profile> {
    let area = areas.get(&options.area).ok_or_else(|| {
        Error::InvalidArgument(format!(
            "the area \"{}\" to profile is not a known area code",
            options.area
        ))
    })?;
    let benchmarks = benchmarks_of(area.code.as_str(), area.parent.as_deref(), options);
    let comparison = comparison_set(areas, &benchmarks, area.parent.as_deref(), options)?;
    let mut warnings = Vec::new();

    // Rows by (indicator, period), area → row; only the total group.
    let mut by_key: HashMap<(&str, Period), HashMap<&str, &Observation>> = HashMap::new();
    let mut other_groups = 0usize;
    for row in table.rows() {
        if row.group != "total" && !row.group.is_empty() {
            other_groups += 1;
            continue;
        }
        by_key
            .entry((row.indicator.as_str(), row.period))
            .or_default()
            .insert(row.area.as_str(), row);
    }
    if other_groups > 0 {
        warnings.push(Warning::new(
            WarningKind::NotComputed,
            None,
            format!("{other_groups} rows of groups other than total are not in the profile"),
        ));
    }

    // The area's latest period with a value, per indicator.
    let mut latest: BTreeMap<&str, Period> = BTreeMap::new();
    for ((indicator, period), rows) in &by_key {
        if rows.get(area.code.as_str()).and_then(|r| r.value).is_some() {
            let e = latest.entry(indicator).or_insert(*period);
            if *period > *e {
                *e = *period;
            }
        }
    }
    let all_indicators: std::collections::BTreeSet<&str> = by_key.keys().map(|(i, _)| *i).collect();
    for missing in all_indicators.iter().filter(|i| !latest.contains_key(*i)) {
        warnings.push(Warning::new(
            WarningKind::NotComputed,
            None,
            format!(
                "{missing}: no value for {} in any period: not in the profile",
                area.code
            ),
        ));
    }

    let mut rows = Vec::new();
    for (indicator, period) in &latest {
        let at = &by_key[&(*indicator, *period)];
        let own = at[area.code.as_str()];
        let meta = indicators.get(indicator);
        let polarity = meta.map_or(Polarity::Neutral, |m| m.polarity);
        let focus_area = meta.map_or(FocusArea::Other, |m| m.focus_area);
        let mut values: Vec<f64> = comparison
            .iter()
            .filter(|c| **c != area.code)
            .filter_map(|c| at.get(c.as_str()).and_then(|r| r.value))
            .collect();
        let value = own.value.unwrap_or(f64::NAN);
        values.push(value);
        let spread = Spread::of(&values);
        let rank = rank(&values, value, polarity);
        for benchmark in &benchmarks {
            let bench_row = at.get(benchmark.as_str());
            let bench_value = bench_row.and_then(|r| benchmark_value(r, indicators));
            let assessment = compare_row(own, bench_value, polarity, &options.compare, indicators)
                .map(|c| c.assessment)
                .unwrap_or(Assessment::NotCompared);
            rows.push(ProfileRow {
                indicator: indicator.to_string(),
                focus_area,
                period: *period,
                value,
                interval: own.lower.zip(own.upper),
                benchmark_area: benchmark.clone(),
                benchmark_value: bench_value,
                assessment,
                spread,
                rank,
                n_areas: values.len(),
                polarity,
            });
        }
    }
    if rows.is_empty() {
        return Err(nothing_to_profile(table, areas, &area.code, &area.name));
    }
    rows.sort_by(|a, b| (a.focus_area, &a.indicator).cmp(&(b.focus_area, &b.indicator)));
    Ok(Profile {
        area: area.code.clone(),
        comparison,
        rows,
        warnings,
    })
}

/// Why a profile has no rows: the table has no rows of the area, or none with a value (a
/// table of counts, not of rates or shares), said with what the table has instead.
fn nothing_to_profile(table: &Table, areas: &AreaRegistry, code: &str, name: &str) -> Error {
    let own = table.rows().iter().filter(|r| r.area == code).count();
    if own == 0 {
        let mut others: Vec<&str> = table.rows().iter().map(|r| r.area.as_str()).collect();
        others.sort_unstable();
        others.dedup();
        let shown: Vec<String> = others
            .iter()
            .take(5)
            .map(|c| match areas.get(c) {
                Some(a) => format!("{c} {}", a.name),
                None => c.to_string(),
            })
            .collect();
        let more = if others.len() > shown.len() {
            ", ..."
        } else {
            ""
        };
        return Error::InvalidArgument(format!(
            "nothing to profile: the input has no rows of {code} {name}; expected rows of the \
             area (the input has {} area{}: {}{more})",
            others.len(),
            if others.len() == 1 { "" } else { "s" },
            shown.join(", ")
        ));
    }
    Error::InvalidArgument(format!(
        "nothing to profile: none of the {own} rows of {code} {name} has a value (a rate or a \
         share); expected a table of rates or survey results such as `bra rates` or `bra \
         survey` output, not counts"
    ))
}

/// The benchmarks given, or the area's county and riket.
fn benchmarks_of(area: &str, county: Option<&str>, options: &ProfileOptions) -> Vec<String> {
    if !options.benchmarks.is_empty() {
        return options.benchmarks.clone();
    }
    county
        .into_iter()
        .map(str::to_string)
        .chain(std::iter::once("00".to_string()))
        .filter(|b| b != area)
        .collect()
}

/// The comparison areas given, or the kommuner of the first county among the benchmarks (or
/// the area's own county).
fn comparison_set(
    areas: &AreaRegistry,
    benchmarks: &[String],
    county: Option<&str>,
    options: &ProfileOptions,
) -> Result<Vec<String>> {
    if !options.comparison.is_empty() {
        return Ok(options.comparison.clone());
    }
    let lan = benchmarks
        .iter()
        .find(|b| areas.get(b).is_some_and(|a| a.kind == AreaKind::Lan))
        .map(String::as_str)
        .or(county)
        .ok_or_else(|| {
            Error::InvalidArgument(
                "no comparison areas: give them, or a county among the benchmarks".to_string(),
            )
        })?;
    Ok(areas
        .children(lan)
        .filter(|a| a.kind == AreaKind::Kommun)
        .map(|a| a.code.clone())
        .collect())
}

impl Profile {
    /// The table with [`PROFILE_COLUMNS`].
    pub fn to_frame(&self) -> Result<DataFrame> {
        let rows = &self.rows;
        let mut b = FrameBuilder::new(&PROFILE_COLUMNS, rows.len());
        let spread = |f: fn(&Spread) -> f64| rows.iter().map(move |r| r.spread.as_ref().map(f));
        b.str(rows.iter().map(|r| Some(r.indicator.clone())));
        b.str(rows.iter().map(|r| Some(r.period.to_string())));
        b.f64(rows.iter().map(|r| Some(r.value)));
        b.f64(rows.iter().map(|r| r.interval.map(|i| i.0)));
        b.f64(rows.iter().map(|r| r.interval.map(|i| i.1)));
        b.str(rows.iter().map(|r| Some(r.benchmark_area.clone())));
        b.f64(rows.iter().map(|r| r.benchmark_value));
        b.str(rows.iter().map(|r| Some(r.assessment.code().to_string())));
        b.f64(spread(|s| s.min));
        b.f64(spread(|s| s.q25));
        b.f64(spread(|s| s.median));
        b.f64(spread(|s| s.q75));
        b.f64(spread(|s| s.max));
        b.f64(rows.iter().map(|r| r.rank.map(|k| k as f64)));
        b.f64(rows.iter().map(|r| Some(r.n_areas as f64)));
        b.str(rows.iter().map(|r| Some(r.polarity.code().to_string())));
        b.finish("the profile")
    }
}

/// One row of the spine chart: an indicator of the profile against the chart's benchmark,
/// with the spread of the comparison areas, as plain numbers and texts (built by
/// [`Profile::chart_data`]; the chart draws it and computes nothing).
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileChartRow {
    /// The indicator id.
    pub indicator: String,
    /// Its name for people, in the chart's language.
    pub name: String,
    /// Its focus area of the citizen promise (the rows are grouped under these).
    pub focus_area: FocusArea,
    /// The period of the values.
    pub period: Period,
    /// The area's value.
    pub value: f64,
    /// The benchmark's value (the line in the middle of the spine), if it has one.
    pub benchmark_value: Option<f64>,
    /// The area against the benchmark (the dot's colour).
    pub assessment: Assessment,
    /// The worst-to-best range and quartiles of the comparison areas, as (min, q25, q75, max);
    /// none when they have no values.
    pub spread: Option<(f64, f64, f64, f64)>,
    /// The median of the comparison areas.
    pub median: Option<f64>,
    /// Which direction is good (lower-is-better rows are mirrored, best to the right).
    pub polarity: Polarity,
    /// Decimals when the values are written.
    pub decimals: usize,
    /// Values are percentages.
    pub percent: bool,
}

/// Everything the spine chart of a profile shows (`bra profile -o profile.png`, the report's
/// first chart), built by [`Profile::chart_data`].
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileChartData {
    /// The profiled area's name (`Fagersta`).
    pub area_name: String,
    /// The benchmark's name (`Västmanlands län`).
    pub benchmark_name: String,
    /// What the comparison areas are (`kommunerna i Västmanlands län`), or their number.
    pub comparison_label: String,
    /// Rows grouped by focus area (in the citizen promise's order), then by indicator.
    pub rows: Vec<ProfileChartRow>,
    /// Where the data come from (`Brå`).
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

impl Profile {
    /// The spine chart's data: one row per indicator against `benchmark` (one of the
    /// profile's benchmark areas; `None` takes the first), names in `lang`.
    ///
    /// # Examples
    /// ```
    /// use bra_indicators::{profile, AreaRegistry, IndicatorRegistry, Lang, Observation, Period, ProfileOptions, Table};
    /// let row = |area: &str, value: f64| {
    ///     let mut o = Observation::new(area, Period::Year(2024), "brott.totalt");
    ///     o.value = Some(value);
    ///     o
    /// };
    /// let table = Table::new(vec![row("1982", 10_826.0), row("1983", 12_014.0), row("1980", 13_786.0), row("19", 12_192.0)])?;
    /// let options = ProfileOptions { area: "1982".into(), benchmarks: vec!["19".into()], ..Default::default() };
    /// let (areas, indicators) = (AreaRegistry::builtin(), IndicatorRegistry::builtin());
    /// let data = profile(&table, areas, indicators, &options)?.chart_data(None, areas, indicators, Lang::Sv)?;
    /// assert_eq!((data.area_name.as_str(), data.benchmark_name.as_str()), ("Fagersta", "Västmanlands län"));
    /// assert_eq!(data.rows[0].name, "Anmälda brott totalt");
    /// assert_eq!(data.rows[0].spread, Some((10_826.0, 11_420.0, 12_900.0, 13_786.0)));
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `benchmark` is not one of the profile's benchmarks, or
    /// the profile has no rows.
    pub fn chart_data(
        &self,
        benchmark: Option<&str>,
        areas: &AreaRegistry,
        indicators: &IndicatorRegistry,
        lang: Lang,
    ) -> Result<ProfileChartData> {
        let first = self.rows.first().ok_or_else(|| {
            Error::InvalidArgument(format!(
                "the profile of {} has no indicators to draw",
                self.area
            ))
        })?;
        let benchmark = benchmark.unwrap_or(first.benchmark_area.as_str());
        let rows: Vec<ProfileChartRow> = self
            .rows
            .iter()
            .filter(|r| r.benchmark_area == benchmark)
            .map(|r| {
                let meta = indicators.get(&r.indicator);
                let percent = meta.is_some_and(|m| m.kind == IndicatorKind::SurveyProportion);
                let name = meta.map_or_else(
                    || r.indicator.clone(),
                    |m| lang.pick(&m.name_sv, &m.name_en).to_string(),
                );
                let largest = r
                    .spread
                    .map_or(0.0, |s| s.max.abs().max(s.min.abs()))
                    .max(r.value.abs())
                    .max(r.benchmark_value.map_or(0.0, f64::abs));
                ProfileChartRow {
                    indicator: r.indicator.clone(),
                    name,
                    focus_area: r.focus_area,
                    period: r.period,
                    value: r.value,
                    benchmark_value: r.benchmark_value,
                    assessment: r.assessment,
                    spread: r.spread.map(|s| (s.min, s.q25, s.q75, s.max)),
                    median: r.spread.map(|s| s.median),
                    polarity: r.polarity,
                    decimals: decimals_for(largest, percent),
                    percent,
                }
            })
            .collect();
        if rows.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "the profile has no rows against the benchmark \"{benchmark}\""
            )));
        }
        let name = |code: &str| match areas.get(code) {
            Some(a) if a.kind == AreaKind::Riket => lang.pick("Riket", "Sweden").to_string(),
            Some(a) => a.name.clone(),
            None => code.to_string(),
        };
        let county = self
            .comparison
            .first()
            .and_then(|c| areas.get(c))
            .and_then(|a| a.parent.clone())
            .filter(|county| {
                let kids = areas
                    .children(county)
                    .filter(|a| a.kind == AreaKind::Kommun)
                    .count();
                kids == self.comparison.len()
                    && self
                        .comparison
                        .iter()
                        .all(|c| areas.get(c).and_then(|a| a.parent.as_deref()) == Some(county))
            });
        let all_kommuner = self.comparison.len() == areas.kommuner().count();
        let comparison_label = match (county, all_kommuner) {
            (_, true) => lang.pick("alla kommuner", "all municipalities").to_string(),
            (Some(c), false) => format!(
                "{} {}",
                lang.pick("kommunerna i", "the municipalities of"),
                name(&c)
            ),
            (None, false) => format!(
                "{} {}",
                self.comparison.len(),
                lang.pick("jämförelseområden", "comparison areas")
            ),
        };
        let mut sources: Vec<String> = Vec::new();
        for r in &rows {
            let source = indicators
                .get(&r.indicator)
                .map_or_else(|| "Brå".to_string(), |m| m.source.clone());
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
        Ok(ProfileChartData {
            area_name: name(&self.area),
            benchmark_name: name(benchmark),
            comparison_label,
            rows,
            source: sources.join(", "),
            lang,
        })
    }
}

/// Decimals for values up to `largest`: none from 100 up, one from 10 (or a percentage), two
/// below (as the other charts write values).
fn decimals_for(largest: f64, percent: bool) -> usize {
    if largest >= 100.0 {
        0
    } else if largest >= 10.0 || percent {
        1
    } else {
        2
    }
}
