//! The data of the situation picture's (lägesbild) charts, built from the computed picture
//! ([`SituationPicture`]): per focus area its latest windows with the 99 % band of the count
//! model, and the current window's count against the expected count by category or focus
//! area.

use crate::format::Lang;
use crate::indicators::situation::{
    Flag, SituationLevel, SituationPicture, WindowAssessment, WindowKind,
};
use crate::labels::lagesbild as labels;
use chrono::NaiveDate;

/// One window of a focus area's series.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesWindow {
    /// The window's first day.
    pub start: NaiveDate,
    /// Its last day.
    pub end: NaiveDate,
    /// Incidents in it.
    pub count: u64,
    /// The expected count μ.
    pub expected: Option<f64>,
    /// The 99 % interval of the count under the model: its 0.005 and 0.995 quantiles.
    pub band: Option<(u64, u64)>,
    /// The window's flag.
    pub flag: Flag,
    /// A calendar window the as-of date does not complete.
    pub partial: bool,
}

impl From<&WindowAssessment> for SeriesWindow {
    fn from(w: &WindowAssessment) -> Self {
        SeriesWindow {
            start: w.window_start,
            end: w.window_end,
            count: w.count,
            expected: w.expected,
            band: w.band_low.zip(w.band_high),
            flag: w.flag,
            partial: w.partial,
        }
    }
}

/// A focus area's latest windows, the last one current.
#[derive(Debug, Clone, PartialEq)]
pub struct SituationSeriesChartData {
    /// The title (the focus area).
    pub title: String,
    /// The subtitle (what is counted).
    pub subtitle: String,
    /// The window length (for the axis labels).
    pub window: WindowKind,
    /// The windows, oldest first.
    pub windows: Vec<SeriesWindow>,
    /// Counts 1..K−1 are hidden.
    pub suppress_below: Option<u64>,
    /// Where the data come from.
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

/// One row of a bars chart: a category or a focus area in the current window.
#[derive(Debug, Clone, PartialEq)]
pub struct SituationBar {
    /// The row's name.
    pub label: String,
    /// Incidents in the current window.
    pub count: u64,
    /// The expected count.
    pub expected: Option<f64>,
    /// The flag.
    pub flag: Flag,
}

/// The current window's count against the expected count, one row per category (or focus
/// area), coloured by flag.
#[derive(Debug, Clone, PartialEq)]
pub struct SituationBarsChartData {
    /// The title.
    pub title: String,
    /// The subtitle (the window).
    pub subtitle: String,
    /// The rows, top to bottom.
    pub bars: Vec<SituationBar>,
    /// Counts 1..K−1 are hidden.
    pub suppress_below: Option<u64>,
    /// Where the data come from.
    pub source: String,
    /// The label language.
    pub lang: Lang,
}

/// One series chart per focus area of the picture (in the picture's order), with the keys
/// `fokus_<code>` the files are named by.
///
/// ```
/// use bra_indicators::{situation_picture, read_incidents, IncidentCategories, SituationOptions, Lang};
/// use bra_indicators::chart::{render_svg_string, Chart};
/// use bra_indicators::indicators::chart_data::situation_series_charts;
/// let (log, _) = read_incidents("../../data/samples/incidents.csv".as_ref())?;
/// let picture = situation_picture(&log, &IncidentCategories::builtin(), &SituationOptions::default())?;
/// let charts = situation_series_charts(&picture, Lang::Sv, Some(3));
/// assert_eq!(charts.len(), picture.series.len());
/// assert_eq!(charts[0].1.windows.len(), 26);
/// let svg = render_svg_string(&Chart::SituationSeries(charts[0].1.clone()), (800, 450))?;
/// assert!(svg.contains("Förväntat intervall"));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn situation_series_charts(
    picture: &SituationPicture,
    lang: Lang,
    suppress_below: Option<u64>,
) -> Vec<(String, SituationSeriesChartData)> {
    picture
        .series
        .iter()
        .map(|s| {
            (
                format!("fokus_{}", s.focus_area.code().replace('-', "_")),
                SituationSeriesChartData {
                    title: labels::focus_name(s.focus_area, lang).to_string(),
                    subtitle: format!(
                        "{} {}",
                        labels::PER.get(lang),
                        picture.window.phrase().get(lang)
                    ),
                    window: picture.window,
                    windows: s.windows.iter().map(SeriesWindow::from).collect(),
                    suppress_below,
                    source: labels::SOURCE.get(lang).to_string(),
                    lang,
                },
            )
        })
        .collect()
}

/// The bars chart of the picture's categories ([`SituationLevel::Category`], by focus area
/// as in the table) or of its focus areas.
///
/// ```
/// use bra_indicators::{situation_picture, read_incidents, IncidentCategories, SituationOptions, SituationLevel, Lang};
/// use bra_indicators::indicators::chart_data::situation_bars_chart;
/// let (log, _) = read_incidents("../../data/samples/incidents.csv".as_ref())?;
/// let picture = situation_picture(&log, &IncidentCategories::builtin(), &SituationOptions::default())?;
/// let bars = situation_bars_chart(&picture, SituationLevel::FocusArea, Lang::En, None);
/// assert_eq!(bars.bars.len(), picture.series.len());
/// assert_eq!(bars.title, "Focus areas: count against expected");
/// # Ok::<(), bra_indicators::Error>(())
/// ```
pub fn situation_bars_chart(
    picture: &SituationPicture,
    level: SituationLevel,
    lang: Lang,
    suppress_below: Option<u64>,
) -> SituationBarsChartData {
    let bars = picture
        .rows
        .iter()
        .filter(|r| r.level == level)
        .map(|r| SituationBar {
            label: match (&r.category_names, &r.category) {
                (Some((sv, en)), _) => lang.pick(sv, en).to_string(),
                (None, Some(c)) => c.clone(),
                (None, None) => labels::focus_name(r.focus_area, lang).to_string(),
            },
            count: r.window.count,
            expected: r.window.expected,
            flag: r.window.flag,
        })
        .collect();
    let window = picture.current_window_text(lang);
    SituationBarsChartData {
        title: match level {
            SituationLevel::Category => labels::BARS_CATEGORIES.get(lang),
            SituationLevel::FocusArea => labels::BARS_FOCUS_AREAS.get(lang),
        }
        .to_string(),
        subtitle: window,
        bars,
        suppress_below,
        source: labels::SOURCE.get(lang).to_string(),
        lang,
    }
}
