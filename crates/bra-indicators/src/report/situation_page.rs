//! The situation picture (lägesbild) as one printable A4 page for the EST meeting, with its
//! charts and tables in a folder (`bra lagesbild --out DIR`), and as a section of the
//! follow-up report ("Lägesbild per kvartal").
//!
//! The page is self-contained (inline CSS and SVG, no scripts, no network) and shows only
//! counted columns: the log's free text never reaches it (the incident reader keeps only
//! date, category, place, source and count). With a suppression threshold K, counts 1..K−1
//! read `<K` in the page, the charts and the workbook, and the ratio of such rows is left out;
//! the CSV tables, which keep exact counts, are then not written.

use super::html::{escape_html, scalable};
use super::write::{check_out_folder, in_temporary_folder};
use crate::error::{Error, Result};
use crate::format::{Lang, format_number};
use crate::incident::is_suppressed;
use crate::indicators::situation::{
    PlaceRow, SituationLevel, SituationPicture, SituationRow, WindowAssessment,
};
use crate::labels::lagesbild as labels;
use crate::stats::surveillance::Flag;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// What the page shows besides the picture.
#[derive(Debug, Clone)]
pub struct SituationPageOptions {
    /// The label language (Swedish by default).
    pub lang: Lang,
    /// Counts 1..K−1 are shown as `<K`.
    pub suppress_below: Option<u64>,
    /// The kommun (or group) the picture is about, printed in the heading.
    pub area: Option<String>,
    /// The significance level the flags were computed at (for the method note).
    pub alpha: f64,
}

impl Default for SituationPageOptions {
    fn default() -> Self {
        SituationPageOptions {
            lang: Lang::Sv,
            suppress_below: None,
            area: None,
            alpha: 0.01,
        }
    }
}

/// What [`write_situation_page`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SituationPageSummary {
    /// The output folder.
    pub folder: PathBuf,
    /// Charts written (each as PNG and SVG).
    pub charts: usize,
    /// The tables written, relative to the folder.
    pub tables: Vec<PathBuf>,
    /// Whether the CSV tables were left out because counts are suppressed.
    pub csv_left_out: bool,
}

/// The colour of a flag's badge: the charts' colours ([`crate::chart::flag_colour`]).
fn flag_colours(flag: Flag) -> (&'static str, &'static str) {
    match flag {
        Flag::High => ("#D55E00", "#FFFFFF"),
        Flag::Low => ("#0072B2", "#FFFFFF"),
        Flag::Normal => ("#9A9A9A", "#FFFFFF"),
        Flag::TooFew => ("#C9C9C9", "#1F1F1F"),
    }
}

fn badge(flag: Flag, lang: Lang) -> String {
    let (bg, fg) = flag_colours(flag);
    format!(
        "<span class=\"badge\" style=\"background:{bg};color:{fg}\">{}</span>",
        labels::flag(flag).get(lang)
    )
}

fn count_text(count: Option<u64>, k: Option<u64>, lang: Lang) -> String {
    match (count, k) {
        (None, _) => String::new(),
        (Some(c), Some(k)) if is_suppressed(c, Some(k)) => format!("&lt;{k}"),
        (Some(c), _) => format_number(c as f64, 0, lang),
    }
}

/// The cells after the name: count, (previous, last year,) expected, ratio, flag; `full`
/// with the previous window and last year.
fn window_cells(w: &WindowAssessment, k: Option<u64>, lang: Lang, full: bool) -> String {
    let ratio = w
        .ratio
        .filter(|_| !is_suppressed(w.count, k))
        .map(|r| format_number(r, 2, lang))
        .unwrap_or_default();
    let mut h = format!(
        "<td class=\"num\">{}</td>",
        count_text(Some(w.count), k, lang)
    );
    if full {
        let _ = write!(
            h,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td>",
            count_text(w.previous, k, lang),
            count_text(w.same_period_last_year, k, lang)
        );
    }
    let _ = write!(
        h,
        "<td class=\"num\">{}</td><td class=\"num\">{ratio}</td><td>{}</td>",
        w.expected
            .map(|e| format_number(e, 1, lang))
            .unwrap_or_default(),
        badge(w.flag, lang)
    );
    h
}

fn head(first: &[&str], lang: Lang, full: bool) -> String {
    let mut h = String::from("<thead><tr>");
    for f in first {
        let _ = write!(h, "<th>{}</th>", escape_html(f));
    }
    let columns: &[crate::labels::Phrase] = if full {
        &[
            labels::COUNT,
            labels::COL_PREVIOUS,
            labels::COL_LAST_YEAR,
            labels::EXPECTED,
            labels::COL_RATIO,
        ]
    } else {
        &[labels::COUNT, labels::EXPECTED, labels::COL_RATIO]
    };
    for p in columns {
        let _ = write!(h, "<th class=\"num\">{}</th>", p.get(lang));
    }
    let _ = write!(
        h,
        "<th>{}</th></tr></thead>\n<tbody>\n",
        labels::COL_FLAG.get(lang)
    );
    h
}

fn category_name(r: &SituationRow, lang: Lang) -> String {
    match (&r.category_names, &r.category) {
        (Some((sv, en)), _) => lang.pick(sv, en).to_string(),
        (None, Some(c)) => c.clone(),
        (None, None) => String::new(),
    }
}

/// The focus-area table: one row per focus area of the picture.
pub(super) fn focus_table(picture: &SituationPicture, k: Option<u64>, lang: Lang) -> String {
    let mut h = String::from("<table class=\"situation\">\n");
    h.push_str(&head(&[labels::COL_FOCUS_AREA.get(lang)], lang, true));
    for r in picture
        .rows
        .iter()
        .filter(|r| r.level == SituationLevel::FocusArea)
    {
        let _ = writeln!(
            h,
            "<tr><td>{}</td>{}</tr>",
            escape_html(labels::focus_name(r.focus_area, lang)),
            window_cells(&r.window, k, lang, true)
        );
    }
    h.push_str("</tbody></table>\n");
    h
}

/// The flagged categories (high or low), or a sentence saying there are none.
fn flagged_table(picture: &SituationPicture, k: Option<u64>, lang: Lang) -> String {
    let flagged: Vec<&SituationRow> = picture
        .rows
        .iter()
        .filter(|r| r.level == SituationLevel::Category)
        .filter(|r| matches!(r.window.flag, Flag::High | Flag::Low))
        .collect();
    if flagged.is_empty() {
        return format!("<p>{}</p>\n", labels::NONE_FLAGGED.get(lang));
    }
    let mut h = String::from("<table class=\"situation\">\n");
    h.push_str(&head(
        &[
            labels::COL_CATEGORY.get(lang),
            labels::COL_FOCUS_AREA.get(lang),
        ],
        lang,
        false,
    ));
    for r in flagged {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"small\">{}</td>{}</tr>",
            escape_html(&category_name(r, lang)),
            escape_html(labels::focus_name(r.focus_area, lang)),
            window_cells(&r.window, k, lang, false)
        );
    }
    h.push_str("</tbody></table>\n");
    h
}

fn places_table(places: &[PlaceRow], k: Option<u64>, lang: Lang) -> String {
    if places.is_empty() {
        return format!("<p>{}</p>\n", labels::NO_PLACES.get(lang));
    }
    let mut h = String::from("<table class=\"situation\">\n");
    h.push_str(&head(&[labels::COL_PLACE.get(lang)], lang, false));
    for p in places {
        let _ = writeln!(
            h,
            "<tr><td>{}</td>{}</tr>",
            escape_html(&p.place),
            window_cells(&p.window, k, lang, false)
        );
    }
    h.push_str("</tbody></table>\n");
    h
}

pub(super) fn notes(k: Option<u64>, alpha: f64, lang: Lang) -> String {
    let mut text = labels::METHOD
        .get(lang)
        .replace("{alpha}", &format_number(alpha, 2, lang));
    if let Some(k) = k {
        text.push(' ');
        text.push_str(
            &labels::SUPPRESSED
                .get(lang)
                .replace("{k1}", &k.saturating_sub(1).to_string())
                .replace("{k}", &k.to_string()),
        );
    }
    format!("<p class=\"note\">{}</p>\n", escape_html(&text))
}

const CSS: &str = r#"
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: #1b1b1b; margin: 0; font-size: 15px; line-height: 1.3; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.75em; margin: 0 0 .1em; }
h2 { font-size: 1.15em; margin: .8em 0 .3em; border-bottom: 2px solid #0072B2; padding-bottom: .1em; }
.meta { color: #5a5a5a; margin: 0 0 .4em; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border-bottom: 1px solid #d0d0d0; padding: .15em .45em; text-align: left; vertical-align: middle; }
th { background: #f3f5f8; font-weight: 600; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.small { color: #5a5a5a; font-size: .9em; }
.badge { display: inline-block; padding: 0 .55em; border-radius: .8em; font-size: .9em; white-space: nowrap; }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.2em; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: .4em 1em; }
.charts svg { width: 100%; height: auto; display: block; }
.note { color: #5a5a5a; font-size: .8em; margin: .6em 0 0; }
@media print {
  body { font-size: 8pt; }
  main { max-width: none; padding: 0; }
  h1 { font-size: 15pt; }
  h2 { margin: .6em 0 .2em; }
  th, td { padding: .05em .4em; }
  .charts { gap: 0 1em; }
  .cols td { white-space: nowrap; }
  .cols td:first-child { max-width: 10em; overflow: hidden; text-overflow: ellipsis; }
  .cols td.small { max-width: 7em; overflow: hidden; text-overflow: ellipsis; }
  table, .chart { break-inside: avoid; }
}
"#;

/// Renders the page; `charts` holds the inline SVGs by key (`fokus_<code>`, `kategorier`).
pub(crate) fn render_page(
    picture: &SituationPicture,
    options: &SituationPageOptions,
    charts: &[(String, String)],
) -> String {
    let lang = options.lang;
    let k = options.suppress_below;
    let title = match &options.area {
        Some(a) => format!("{} – {}", labels::TITLE.get(lang), a),
        None => labels::TITLE.get(lang).to_string(),
    };
    let current = picture.current_window_text(lang);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main class=\"page\">\n\
         <h1>{t}</h1>\n<p class=\"meta\">{}: {} · {}: {} · {} {}</p>\n",
        labels::PERIOD.get(lang),
        picture.window.phrase().get(lang),
        labels::WINDOW.get(lang),
        escape_html(&current),
        labels::AS_OF.get(lang),
        picture.as_of,
        t = escape_html(&title),
    );
    let _ = writeln!(
        h,
        "<section>\n<h2>{}</h2>\n{}</section>",
        labels::FOCUS_AREAS.get(lang),
        focus_table(picture, k, lang)
    );
    let _ = writeln!(
        h,
        "<div class=\"cols\">\n<section>\n<h2>{}</h2>\n{}</section>\n<section>\n<h2>{}</h2>\n{}</section>\n</div>",
        labels::FLAGGED.get(lang),
        flagged_table(picture, k, lang),
        labels::PLACES.get(lang),
        places_table(&picture.places, k, lang)
    );
    let series: Vec<&(String, String)> = charts
        .iter()
        .filter(|(key, _)| key.starts_with("fokus_"))
        .collect();
    if !series.is_empty() {
        let _ = writeln!(
            h,
            "<section>\n<h2>{}</h2>\n<div class=\"charts\">",
            labels::OVER_TIME.get(lang)
        );
        for (_, svg) in series {
            let _ = writeln!(h, "<div class=\"chart\">{}</div>", scalable(svg));
        }
        h.push_str("</div>\n</section>\n");
    }
    h.push_str(&notes(k, options.alpha, lang));
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// The picture's charts: one series chart per focus area (`fokus_<code>`), the categories'
/// bars (`kategorier`) and the focus areas' bars (`fokusomraden`).
#[cfg(feature = "charts")]
pub(crate) fn page_charts(
    picture: &SituationPicture,
    lang: Lang,
    k: Option<u64>,
) -> Vec<(String, crate::indicators::chart_data::Chart)> {
    use crate::indicators::chart_data::{Chart, situation_bars_chart, situation_series_charts};
    let mut charts: Vec<(String, Chart)> = situation_series_charts(picture, lang, k)
        .into_iter()
        .map(|(key, d)| (key, Chart::SituationSeries(d)))
        .collect();
    charts.push((
        "kategorier".to_string(),
        Chart::SituationBars(situation_bars_chart(
            picture,
            SituationLevel::Category,
            lang,
            k,
        )),
    ));
    charts.push((
        "fokusomraden".to_string(),
        Chart::SituationBars(situation_bars_chart(
            picture,
            SituationLevel::FocusArea,
            lang,
            k,
        )),
    ));
    charts
}

/// Draws `charts` into `dir` as `<key>.png` (1600 px wide) and `<key>.svg`; returns each
/// key with its SVG at `svg_size`.
#[cfg(feature = "charts")]
pub(crate) fn write_page_charts(
    charts: &[(String, crate::indicators::chart_data::Chart)],
    dir: &Path,
    svg_size: (u32, u32),
) -> Result<Vec<(String, String)>> {
    use crate::chart::{PNG_SIZE, render_png, render_svg_string};
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut inline = Vec::new();
    for (key, chart) in charts {
        let svg = render_svg_string(chart, chart.size_for(svg_size))?;
        let png = render_png(chart, chart.size_for(PNG_SIZE))?;
        let (svg_path, png_path) = (
            dir.join(format!("{key}.svg")),
            dir.join(format!("{key}.png")),
        );
        std::fs::write(&svg_path, svg.as_bytes()).map_err(|e| Error::io(&svg_path, e))?;
        std::fs::write(&png_path, &png).map_err(|e| Error::io(&png_path, e))?;
        inline.push((key.clone(), svg));
    }
    Ok(inline)
}

/// Writes the situation picture into the folder `out`: `index.html` (one printable A4 page),
/// `charts/*.png|svg` (a series chart per focus area, the categories' and the focus areas'
/// counts against expected), and `tables/lagesbild.xlsx` (sheets lagesbild and platser) with
/// `tables/lagesbild.csv` and `tables/platser.csv`. With `suppress_below`, counts 1..K−1 read
/// `<K` in the page, the charts and the workbook, and the CSV tables (exact counts) are not
/// written.
///
/// Atomic as the follow-up report: everything is written to a temporary folder beside `out`
/// and renamed into place at the end. An existing `out` is replaced only if it is empty or
/// holds an earlier output (an `index.html`).
///
/// # Examples
/// ```
/// use bra_indicators::{situation_picture, read_incidents, write_situation_page, IncidentCategories, SituationOptions, SituationPageOptions};
/// let (log, _) = read_incidents("../../data/samples/incidents.csv".as_ref())?;
/// let picture = situation_picture(&log, &IncidentCategories::builtin(), &SituationOptions::default())?;
/// let dir = tempfile::tempdir()?;
/// let out = dir.path().join("lagesbild");
/// let summary = write_situation_page(&picture, &SituationPageOptions::default(), &out)?;
/// let page = std::fs::read_to_string(out.join("index.html"))?;
/// assert!(page.contains("@page { size: A4"));
/// assert!(out.join("tables/lagesbild.xlsx").is_file());
/// assert!(!summary.csv_left_out);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `out` exists and is neither empty nor an earlier output, or
/// for a `suppress_below` below 2; I/O errors naming the file.
pub fn write_situation_page(
    picture: &SituationPicture,
    options: &SituationPageOptions,
    out: &Path,
) -> Result<SituationPageSummary> {
    if let Some(k) = options.suppress_below.filter(|k| *k < 2) {
        return Err(Error::InvalidArgument(format!(
            "suppress_below {k}: expected a threshold of 2 or more (counts 1..K-1 are hidden)"
        )));
    }
    check_out_folder(out)?;
    #[cfg(feature = "charts")]
    let lang = options.lang;
    let k = options.suppress_below;
    #[cfg(feature = "charts")]
    let charts = page_charts(picture, lang, k);
    in_temporary_folder(out, |tmp| {
        let tables_dir = tmp.join("tables");
        std::fs::create_dir_all(&tables_dir).map_err(|e| Error::io(&tables_dir, e))?;
        let mut tables = vec![PathBuf::from("tables/lagesbild.xlsx")];
        super::situation::write_situation_workbook(picture, &tables_dir.join("lagesbild.xlsx"), k)?;
        if k.is_none() {
            crate::output::write_frame(&picture.to_frame()?, &tables_dir.join("lagesbild.csv"))?;
            crate::output::write_frame(&picture.places_frame()?, &tables_dir.join("platser.csv"))?;
            tables.push(PathBuf::from("tables/lagesbild.csv"));
            tables.push(PathBuf::from("tables/platser.csv"));
        }
        #[cfg(feature = "charts")]
        let inline = write_page_charts(&charts, &tmp.join("charts"), (800, 360))?;
        #[cfg(not(feature = "charts"))]
        let inline: Vec<(String, String)> = Vec::new();
        let page = render_page(picture, options, &inline);
        let index = tmp.join("index.html");
        std::fs::write(&index, page).map_err(|e| Error::io(&index, e))?;
        Ok(SituationPageSummary {
            folder: out.to_path_buf(),
            charts: inline.len(),
            tables,
            csv_left_out: k.is_some(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "charts")]
    #[test]
    fn badge_colours_are_the_charts() {
        for f in [Flag::High, Flag::Low, Flag::Normal, Flag::TooFew] {
            let plotters::style::RGBColor(r, g, b) = crate::chart::flag_colour(f);
            assert_eq!(
                flag_colours(f).0,
                format!("#{r:02X}{g:02X}{b:02X}"),
                "{f:?}"
            );
        }
    }

    #[test]
    fn hidden_counts_read_less_than_k() {
        assert_eq!(count_text(Some(2), Some(3), Lang::Sv), "&lt;3");
        assert_eq!(count_text(Some(0), Some(3), Lang::Sv), "0");
        assert_eq!(count_text(Some(1234), Some(3), Lang::Sv), "1\u{a0}234");
        assert_eq!(count_text(None, Some(3), Lang::Sv), "");
    }
}
