//! Charts for follow-up reports: trend, compare, funnel, survey waves and goals, as PNG (for
//! Word and PowerPoint) and SVG, drawn with plotters.
//!
//! Each kind has a plain data struct ([`TrendChartData`], [`CompareChartData`],
//! [`FunnelChartData`], [`SurveyChartData`], [`GoalsChartData`]), built in Compute by
//! [`crate::indicators::chart_data`] from a table (goals: from goal results), and a `draw`
//! method here that draws onto **any** plotters [`DrawingArea`] (so tests render to an
//! in-memory SVG string). Charts draw what they are handed: they read no files and compute no
//! statistics of their own. [`Chart`] holds one of them;
//! [`render_svg_string`], [`render_png`], [`write_svg`], [`write_png`] and [`write_chart`] turn
//! it into a picture.
//!
//! Every chart has a title, a subtitle with the area and the unit, axis labels, a legend,
//! a source line (`Källa: Brå`), Swedish number format (`11 777`, `18,1 %`; English with
//! [`Lang::En`](crate::format::Lang::En)) and colours that colour-blind readers can tell apart (Okabe-Ito, see
//! [`theme`]), except the conventional better / similar / worse colours. The text is DejaVu Sans,
//! embedded in the program (licence in `src/chart/FONT-LICENSE.txt`), so a PNG looks the same
//! on a machine without fonts. The layout is made for 800 × 450 and scales: the default PNG is
//! 1600 × 900 (twice the resolution, sharp at the width of a Word page); SVG is scalable.
//!
//! This module is behind the default cargo feature `charts`.
//!
//! # Examples
//! ```
//! use bra_indicators::chart::{Chart, ChartPoint, TrendChartData, ValueFormat, render_svg_string};
//! use bra_indicators::{Lang, Period};
//! let data = TrendChartData {
//!     title: "Anmälda brott totalt".into(),
//!     unit: "per 100 000 invånare".into(),
//!     area_name: "Fagersta".into(),
//!     points: (2020..=2024)
//!         .zip([11_777.0, 11_460.0, 11_184.0, 10_930.0, 10_826.0])
//!         .map(|(y, v)| ChartPoint { period: Period::Year(y), value: v, lower: Some(v - 550.0), upper: Some(v + 560.0) })
//!         .collect(),
//!     benchmarks: vec![("Riket".into(), vec![(Period::Year(2020), 14_500.0), (Period::Year(2024), 13_400.0)])],
//!     goal: None,
//!     smoothed: vec![],
//!     missing: vec![],
//!     level: Some(0.95),
//!     format: ValueFormat { decimals: 0, percent: false },
//!     source: "Brå".into(),
//!     lang: Lang::Sv,
//! };
//! let svg = render_svg_string(&Chart::Trend(data), (800, 450))?;
//! assert!(svg.contains("Anmälda brott totalt"));
//! assert!(svg.contains("10\u{a0}826")); // the latest value, labelled
//! # Ok::<(), bra_indicators::Error>(())
//! ```

mod canvas;
mod compare;
mod funnel;
mod goals;
mod profile;
mod situation;
mod survey;
mod text;
pub mod theme;
mod trend;

// The data the charts draw are built in Compute (`indicators::chart_data`); their types are
// re-exported here so that a user finds them beside the drawing.
pub use crate::indicators::chart_data::{
    Chart, ChartKind, ChartPoint, CompareBar, CompareChartData, FunnelChartData, FunnelPoint,
    GoalBar, GoalMarks, GoalsChartData, Selection, SurveyChartData, SurveySeries, SurveyWave,
    TrendChartData, ValueFormat,
};
pub use crate::indicators::chart_data::{
    SeriesWindow, SituationBar, SituationBarsChartData, SituationSeriesChartData,
};
pub use crate::indicators::funnel::FunnelKind;
pub use crate::indicators::profile::{ProfileChartData, ProfileChartRow};
pub use goals::{goal_status_colour, goal_status_label};
pub use situation::flag_colour;

use crate::error::{Error, Result};
use crate::output::write_atomically;
use plotters::coord::Shift;
use plotters::prelude::{BitMapBackend, DrawingArea, DrawingBackend, IntoDrawingArea, SVGBackend};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The default PNG size: 1600 × 900 pixels, the 800 × 450 layout at twice the resolution.
pub const PNG_SIZE: (u32, u32) = (1600, 900);
/// The default SVG size (scalable; in CSS pixels).
pub const SVG_SIZE: (u32, u32) = (800, 450);

impl Chart {
    /// Draws the chart on `area`, any plotters backend; the caller presents the area.
    ///
    /// # Errors
    /// [`Error::Chart`] if the backend fails; [`Error::InvalidArgument`] for data that cannot
    /// be drawn (no points).
    pub fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<()> {
        match self {
            Chart::Trend(d) => d.draw(area),
            Chart::Compare(d) => d.draw(area),
            Chart::Funnel(d) => d.draw(area),
            Chart::Survey(d) => d.draw(area),
            Chart::Goals(d) => d.draw(area),
            Chart::SituationSeries(d) => d.draw(area),
            Chart::SituationBars(d) => d.draw(area),
            Chart::Profile(d) => d.draw(area),
        }
    }

    /// The size this chart wants at `base` (e.g. [`PNG_SIZE`]): taller than 16:9 when it has
    /// many rows (bars of a compare chart, goals), so that rows stay readable.
    ///
    /// ```
    /// use bra_indicators::chart::{Chart, GoalsChartData, PNG_SIZE};
    /// let few = Chart::Goals(GoalsChartData { goals: vec![], ..GoalsChartData::default() });
    /// assert_eq!(few.size_for(PNG_SIZE), (1600, 900));
    /// ```
    pub fn size_for(&self, base: (u32, u32)) -> (u32, u32) {
        let rows = match self {
            Chart::Compare(d) => d.bars.len(),
            Chart::Goals(d) => d.goals.len(),
            Chart::SituationBars(d) => d.bars.len(),
            // Each line of the profile's table (rows, focus-area headings, column headings)
            // as a row; its legend takes two lines.
            Chart::Profile(d) => d.lines() + 1,
            _ => 0,
        };
        // The 450 base-pixel layout fits about 12 rows; each further row takes 26.
        let base_h = (450.0_f64).max(138.0 + 26.0 * rows as f64);
        let scale = base.0 as f64 / 800.0;
        (base.0, base.1.max((base_h * scale).round() as u32))
    }
}

/// Renders `chart` as an SVG document of `size` (width, height) CSS pixels.
///
/// # Errors
/// As [`Chart::draw`].
pub fn render_svg_string(chart: &Chart, size: (u32, u32)) -> Result<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(canvas::chart_err)?;
    }
    Ok(svg)
}

/// Renders `chart` as a PNG image of `size` pixels; returns the encoded file.
///
/// # Errors
/// As [`Chart::draw`]; [`Error::InvalidArgument`] for a size of 0 or above 20 000 pixels.
pub fn render_png(chart: &Chart, size: (u32, u32)) -> Result<Vec<u8>> {
    let (w, h) = size;
    if w == 0 || h == 0 || w > 20_000 || h > 20_000 {
        return Err(Error::InvalidArgument(format!(
            "chart size {w}×{h}: expected 1 to 20 000 pixels each way"
        )));
    }
    // Zeroed (fresh pages from the system, no pass over them): every chart paints its
    // whole canvas white first (`Canvas::new`).
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        chart.draw(&root)?;
        root.present().map_err(canvas::chart_err)?;
    }
    let mut out = Vec::with_capacity(rgb.len() / 8);
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // fdeflate with the Paeth filter: about 4 times as fast as zlib's default level on a
        // 1600 × 900 chart (1.2 ms against 4.3 ms), for a file about twice the size (≈ 120 kB
        // against 60 kB; matplotlib writes ≈ 85 kB). Measured in benches/README.md (charts).
        encoder.set_compression(png::Compression::Fast);
        encoder.set_filter(png::FilterType::Paeth);
        let mut writer = encoder
            .write_header()
            .map_err(|e| Error::Chart(format!("encoding the PNG: {e}")))?;
        writer
            .write_image_data(&rgb)
            .map_err(|e| Error::Chart(format!("encoding the PNG: {e}")))?;
        writer
            .finish()
            .map_err(|e| Error::Chart(format!("encoding the PNG: {e}")))?;
    }
    Ok(out)
}

/// Writes `chart` to `path` as a PNG of `size` pixels, atomically (a temporary file, then a
/// rename).
///
/// # Errors
/// As [`render_png`]; [`Error::Io`] naming the file.
pub fn write_png(chart: &Chart, path: &Path, size: (u32, u32)) -> Result<()> {
    let bytes = render_png(chart, size)?;
    write_atomically(path, |f| {
        f.write_all(&bytes).map_err(|e| Error::io(path, e))
    })
}

/// Writes `chart` to `path` as an SVG of `size` CSS pixels, atomically.
///
/// # Errors
/// As [`render_svg_string`]; [`Error::Io`] naming the file.
pub fn write_svg(chart: &Chart, path: &Path, size: (u32, u32)) -> Result<()> {
    let svg = render_svg_string(chart, size)?;
    write_atomically(path, |f| {
        f.write_all(svg.as_bytes()).map_err(|e| Error::io(path, e))
    })
}

/// Writes trend charts for many areas, one file each, drawn on every core: `charts` as
/// [`trend_charts`](crate::indicators::chart_data::trend_charts) builds them (each area's code
/// and data). Each goes to `pattern` with `{area}` replaced by the area's code (folders are made
/// as needed), PNG or SVG by its extension, at `size` or the default. Returns the files, in the
/// order of `charts`.
///
/// ```
/// use bra_indicators::chart::{write_trend_charts, Selection};
/// use bra_indicators::indicators::chart_data::trend_charts;
/// use bra_indicators::{read_table_bytes, ReadOptions};
/// let csv = "area,period,indicator,value\n1982,2023,brott.totalt,10930\n1982,2024,brott.totalt,10826\n\
///            1980,2023,brott.totalt,12100\n1980,2024,brott.totalt,11990\n";
/// let table = read_table_bytes("rates.csv", csv.as_bytes(), &ReadOptions::default())?.table;
/// let dir = tempfile::tempdir()?;
/// let pattern = dir.path().join("trend/{area}.svg");
/// let charts = trend_charts(&table, &Selection::default())?;
/// let files = write_trend_charts(charts, &pattern.to_string_lossy(), None)?;
/// assert_eq!(files, [dir.path().join("trend/1980.svg"), dir.path().join("trend/1982.svg")]);
/// assert!(std::fs::read_to_string(&files[1])?.contains("Fagersta"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `pattern` has no `{area}`; then as [`write_chart`].
pub fn write_trend_charts(
    charts: Vec<(String, TrendChartData)>,
    pattern: &str,
    size: Option<(u32, u32)>,
) -> Result<Vec<PathBuf>> {
    if !pattern.contains("{area}") {
        return Err(Error::InvalidArgument(format!(
            "the output \"{pattern}\" has no {{area}}: expected a file name such as \
             charts/{{area}}.png, {{area}} standing for each area's code"
        )));
    }
    let (files, charts): (Vec<PathBuf>, Vec<Chart>) = charts
        .into_iter()
        .map(|(area, data)| {
            (
                PathBuf::from(pattern.replace("{area}", &area)),
                Chart::Trend(data),
            )
        })
        .unzip();
    for folder in files.iter().filter_map(|f| f.parent()) {
        if !folder.as_os_str().is_empty() && !folder.is_dir() {
            std::fs::create_dir_all(folder).map_err(|e| Error::io(folder, e))?;
        }
    }
    let jobs: Vec<(&Chart, &PathBuf)> = charts.iter().zip(&files).collect();
    crate::parallel::parallel_map(&jobs, |(chart, path)| write_chart(chart, path, size))
        .into_iter()
        .collect::<Result<Vec<()>>>()?;
    Ok(files)
}

/// Writes `chart` as PNG or SVG by the extension of `path`; without a `size`, the chart's
/// [`Chart::size_for`] of [`PNG_SIZE`] or [`SVG_SIZE`].
///
/// # Errors
/// [`Error::InvalidArgument`] for an extension other than `.png` or `.svg`; otherwise as
/// [`write_png`] and [`write_svg`].
pub fn write_chart(chart: &Chart, path: &Path, size: Option<(u32, u32)>) -> Result<()> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => write_png(
            chart,
            path,
            size.unwrap_or_else(|| chart.size_for(PNG_SIZE)),
        ),
        "svg" => write_svg(
            chart,
            path,
            size.unwrap_or_else(|| chart.size_for(SVG_SIZE)),
        ),
        _ => Err(Error::InvalidArgument(format!(
            "{}: expected a chart file ending in .png or .svg",
            path.display()
        ))),
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Shared by the chart tests: the sample rates and counting SVG elements.
    use crate::{Population, RateOptions, Table, rates, read_population, read_table};
    use std::path::PathBuf;
    use std::sync::OnceLock;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// `bra rates` on data/samples, as a table (computed once).
    pub fn sample_rates() -> Table {
        static TABLE: OnceLock<Table> = OnceLock::new();
        TABLE
            .get_or_init(|| {
                let counts =
                    read_table(&root().join("data/samples/counts.csv"), &Default::default())
                        .expect("sample counts")
                        .table;
                let (pop, _): (Population, _) =
                    read_population(&root().join("data/samples/population.csv"))
                        .expect("sample population");
                let out = rates(&counts, &pop, &RateOptions::default()).expect("rates");
                let mut csv = Vec::new();
                crate::write_csv(&out.frame, &mut csv).expect("csv");
                crate::read_table_bytes("rates.csv", &csv, &Default::default())
                    .expect("reads back")
                    .table
            })
            .clone()
    }

    /// A fixture under tests/fixtures/charts.
    pub fn fixture(name: &str) -> (String, Vec<u8>) {
        let path = root().join("tests/fixtures/charts").join(name);
        let bytes = std::fs::read(&path).expect("fixture");
        (path.display().to_string(), bytes)
    }

    /// Lines of `svg` that are a `tag` element with `attr` in it.
    pub fn count(svg: &str, tag: &str, attr: &str) -> usize {
        svg.lines()
            .filter(|l| l.trim_start().starts_with(tag) && l.contains(attr))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::chart_data::trend_data_from_table;

    #[test]
    fn kinds_parse() {
        assert_eq!(
            "Trend".parse::<ChartKind>().expect("kind"),
            ChartKind::Trend
        );
        assert_eq!(
            "goals".parse::<ChartKind>().expect("kind"),
            ChartKind::Goals
        );
        assert!("pie".parse::<ChartKind>().is_err());
    }

    #[test]
    fn png_has_the_size_and_is_not_blank() {
        let sel = Selection {
            area: Some("1982".into()),
            indicator: Some("brott.totalt".into()),
            ..Selection::default()
        };
        let chart =
            Chart::Trend(trend_data_from_table(&test_support::sample_rates(), &sel).expect("data"));
        let bytes = render_png(&chart, (800, 450)).expect("png");
        let decoder = png::Decoder::new(bytes.as_slice());
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("a frame");
        assert_eq!((info.width, info.height), (800, 450));
        let pixels = &buf[..info.buffer_size()];
        let white = pixels.chunks(3).filter(|p| p == &[255, 255, 255]).count();
        let blue = pixels
            .chunks(3)
            .filter(|p| p == &[0x00, 0x72, 0xB2])
            .count();
        let total = pixels.len() / 3;
        assert!(
            white < total * 97 / 100,
            "not blank: {white} of {total} white"
        );
        assert!(
            blue > 200,
            "the area's line and points are drawn: {blue} blue pixels"
        );
    }

    #[test]
    fn sizes_and_extensions() {
        assert!(render_png(&Chart::Goals(GoalsChartData::default()), (0, 10)).is_err());
        let dir = tempfile::tempdir().expect("tmp");
        let chart = Chart::Goals(GoalsChartData::default());
        let err = write_chart(&chart, &dir.path().join("x.jpg"), None).expect_err("jpg");
        assert!(err.to_string().contains(".png or .svg"));
        write_chart(&chart, &dir.path().join("x.svg"), None).expect("svg");
        let svg = std::fs::read_to_string(dir.path().join("x.svg")).expect("written");
        assert!(svg.starts_with("<svg width=\"800\" height=\"450\""));
    }
}
