//! The report page: one self-contained HTML file (inline CSS, no scripts, no network).

use super::{IndicatorSummary, POPULATION_YEAR, ReportData, SeriesPoint, WaveChange};
use crate::area::AreaRegistry;
use crate::format::{Lang, format_number};
use crate::goals::{GoalResults, GoalStatus};
use crate::indicator::IndicatorKind;
use crate::indicators::PopulationYear;
use crate::labels::Phrase;
use crate::labels::report as labels;
use crate::stats::compare::Assessment;
use crate::warning::summarise_warnings;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
///
/// ```
/// # use bra_indicators::escape_html;
/// assert_eq!(escape_html("<script>\"x\" & 'y'"), "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --ink:#1b1b1b; --muted:#5a5a5a; --line:#d0d0d0; --accent:#0072B2; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); margin: 0; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; }
h2 { font-size: 1.35rem; margin-top: 2.4rem; border-bottom: 2px solid var(--accent); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
.meta { color: var(--muted); margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f8; font-weight: 600; }
table.series { width: auto; min-width: 60%; }
th.num { text-align: right; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: .8rem; font-size: .85rem; white-space: nowrap; }
.note { color: var(--muted); font-size: .9rem; }
.chart { margin: .8rem 0 1.4rem; }
.wide { overflow-x: auto; }
table.goals td, table.goals th { font-size: .85rem; }
.chart svg { width: 100%; height: auto; }
.chart img { max-width: 100%; height: auto; }
ul.warnings li { margin-bottom: .3rem; }
@media print {
  main { max-width: none; padding: 0; }
  h2 { break-before: page; }
  h2.first { break-before: auto; }
  table, .chart { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The date the report says it was made: today, or the date of `SOURCE_DATE_EPOCH` (seconds
/// since 1970, the reproducible-builds convention) when set, so that a report can be rebuilt
/// byte for byte (the golden tests do).
fn created_date() -> String {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|t| chrono::DateTime::from_timestamp(t, 0))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| chrono::Local::now().format("%Y-%m-%d").to_string())
}

/// Renders the whole report page.
pub(crate) fn render(data: &ReportData, charts: &BTreeMap<String, String>) -> String {
    let lang = data.config.language;
    let bench_name = |code: &str| {
        data.names
            .get(code)
            .cloned()
            .or_else(|| AreaRegistry::builtin().get(code).map(|a| a.name.clone()))
            .unwrap_or_else(|| code.to_string())
    };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        escape_html(&data.config.title)
    );
    let _ = write!(
        h,
        "<h1>{}</h1>\n<p class=\"meta\">{} {}",
        escape_html(&data.config.title),
        labels::AREA.get(lang),
        escape_html(&data.area_name)
    );
    if let Some(author) = &data.config.author {
        let _ = write!(h, " · {}", escape_html(author));
    }
    let _ = writeln!(h, " · {} {}</p>", labels::CREATED.get(lang), created_date());

    // Summary.
    let _ = writeln!(
        h,
        "<section id=\"sammanfattning\">\n<h2 class=\"first\">{}</h2>",
        labels::SUMMARY.get(lang)
    );
    h.push_str(&super::profile::summary_html(data, charts.get("profile")));
    let _ = writeln!(h, "<p>{}</p>", labels::SUMMARY_INTRO.get(lang));
    if let Some(goals) = &data.goals {
        h.push_str(&goal_counts(goals, lang));
    }
    h.push_str(&key_table(data, lang, &bench_name, true));
    h.push_str("</section>\n");

    // One section per focus area.
    for (focus, list) in &data.sections {
        let title = if lang == Lang::Sv {
            focus.label_sv()
        } else {
            focus.label_en()
        };
        let _ = writeln!(
            h,
            "<section class=\"focus\">\n<h2>{}</h2>",
            escape_html(title)
        );
        for s in list {
            h.push_str(&indicator_section(
                s,
                lang,
                &bench_name,
                charts.get(&s.indicator.id),
            ));
        }
        h.push_str("</section>\n");
    }

    // The biennial evaluation of the surveys.
    h.push_str(&survey_section(data, lang));

    // Goals.
    if let Some(goals) = &data.goals {
        let section = goals_section(goals, lang);
        match charts.get("goals") {
            // The chart goes after the table, inside the section.
            Some(svg) => h.push_str(&section.replace(
                "</section>\n",
                &format!("<div class=\"chart\">{}</div>\n</section>\n", scalable(svg)),
            )),
            None => h.push_str(&section),
        }
    }

    // The quarterly situation picture of the EST incident log.
    if let Some(picture) = &data.situation {
        h.push_str(&super::situation_section::render(
            picture,
            lang,
            charts.get("lagesbild"),
        ));
    }

    // Sources and methods.
    let _ = writeln!(
        h,
        "<section id=\"kallor\">\n<h2>{}</h2>\n<ul>",
        labels::DATA_SOURCES.get(lang)
    );
    for s in &data.sources {
        let _ = writeln!(h, "<li>{}</li>", escape_html(s));
    }
    let _ = writeln!(
        h,
        "</ul>\n<p class=\"note\">{}</p>\n</section>",
        labels::REPORTED_CRIME_BR_POPULATION_SCB.get(lang)
    );
    let _ = writeln!(
        h,
        "<section id=\"metod\">\n<h2>{}</h2>",
        labels::METHODS.get(lang)
    );
    h.push_str(&methods_note(lang));
    h.push_str(&super::profile::methods_html(lang));
    h.push_str("</section>\n");

    // Warnings.
    let summary = summarise_warnings(&data.warnings, 5);
    let _ = writeln!(
        h,
        "<section id=\"varningar\">\n<h2>{}</h2>",
        labels::WARNINGS.get(lang)
    );
    if summary.is_empty() {
        let _ = writeln!(h, "<p>{}</p>", labels::NO_WARNINGS.get(lang));
    } else {
        h.push_str("<ul class=\"warnings\">\n");
        for s in summary {
            let _ = write!(
                h,
                "<li><strong>{}</strong> {}<ul>",
                s.count,
                escape_html(s.kind.describe())
            );
            for e in &s.examples {
                let _ = write!(h, "<li>{}</li>", escape_html(e));
            }
            h.push_str("</ul></li>\n");
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n</main>\n</body>\n</html>\n");
    h
}

/// The index page of a many-area run: a link to each area's report, or why it has none.
pub(crate) fn render_index(
    title: &str,
    areas: &[(String, String, Result<String, String>)],
    lang: Lang,
) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        escape_html(title),
        escape_html(title)
    );
    let ok = areas.iter().filter(|a| a.2.is_ok()).count();
    let _ = writeln!(
        h,
        "<p class=\"meta\">{} {ok} {}</p>",
        labels::REPORTS_FOR.get(lang),
        labels::AREAS.get(lang)
    );
    h.push_str("<table>\n");
    h.push_str(&table_head(&[
        (labels::CODE.get(lang), false),
        (labels::AREA_2.get(lang), false),
        (labels::REPORT.get(lang), false),
    ]));
    for (code, name, folder) in areas {
        let cell = match folder {
            Ok(f) => format!(
                "<a href=\"{}/index.html\">{}</a>",
                escape_html(f),
                labels::OPEN.get(lang)
            ),
            Err(why) => format!("<span class=\"note\">{}</span>", escape_html(why)),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{cell}</td></tr>",
            escape_html(code),
            escape_html(name)
        );
    }
    h.push_str("</tbody></table>\n</main>\n</body>\n</html>\n");
    h
}

/// An SVG that scales to the page's width: its fixed size becomes a viewBox.
pub(crate) fn scalable(svg: &str) -> String {
    let attr = |name: &str| -> Option<&str> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let len = svg[start..].find('"')?;
        Some(&svg[start..start + len])
    };
    match (attr("width"), attr("height")) {
        (Some(w), Some(h)) if !svg.contains("viewBox") => svg.replacen(
            &format!("width=\"{w}\" height=\"{h}\""),
            &format!("viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\""),
            1,
        ),
        _ => svg.to_string(),
    }
}

/// `<thead>` with one heading per (label, numeric) pair, numeric ones right-aligned, then
/// `<tbody>`.
fn table_head(headings: &[(&str, bool)]) -> String {
    let mut h = String::from("<thead><tr>");
    for (label, numeric) in headings {
        let class = if *numeric { " class=\"num\"" } else { "" };
        let _ = write!(h, "<th{class}>{}</th>", escape_html(label));
    }
    h.push_str("</tr></thead><tbody>\n");
    h
}

/// Colours of goal statuses: greens for met and on track, amber for at risk, reds for off
/// track and missed, grey without data.
fn status_colour(status: GoalStatus) -> (&'static str, &'static str) {
    match status {
        GoalStatus::Achieved => ("#1A7F37", "#ffffff"),
        GoalStatus::OnTrack => ("#92D050", "#1b1b1b"),
        GoalStatus::AtRisk => ("#FFC000", "#1b1b1b"),
        GoalStatus::OffTrack => ("#C00000", "#ffffff"),
        GoalStatus::Missed => ("#7F0000", "#ffffff"),
        GoalStatus::NoData => ("#C9C9C9", "#1b1b1b"),
    }
}

fn status_badge(status: GoalStatus, lang: Lang) -> String {
    let (bg, fg) = status_colour(status);
    let label = if lang == Lang::Sv {
        status.label_sv()
    } else {
        status.code()
    };
    format!(
        "<span class=\"badge\" style=\"background:{bg};color:{fg}\">{}</span>",
        escape_html(label)
    )
}

/// "Mål: 1 uppnått · 2 i fas · ..." for the summary.
fn goal_counts(goals: &GoalResults, lang: Lang) -> String {
    let mut h = format!("<p><strong>{}</strong> ", labels::GOALS.get(lang));
    let parts: Vec<String> = GoalStatus::ALL
        .iter()
        .filter_map(|s| {
            let n = goals.results.iter().filter(|r| r.status == *s).count();
            (n > 0).then(|| format!("{n} {}", status_badge(*s, lang)))
        })
        .collect();
    h.push_str(&parts.join(" "));
    h.push_str("</p>\n");
    h
}

fn goals_section(goals: &GoalResults, lang: Lang) -> String {
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<section id=\"mal\">\n<h2>{}</h2>",
        labels::GOALS_2.get(lang)
    );
    let _ = writeln!(h, "<p>{}</p>", labels::PROGRESS_THE_SHARE_OF_THE.get(lang));
    h.push_str("<div class=\"wide\"><table class=\"goals\">\n");
    h.push_str(&table_head(&[
        (labels::GOAL.get(lang), false),
        (labels::INDICATOR.get(lang), false),
        (labels::BASELINE.get(lang), true),
        (labels::TARGET.get(lang), true),
        (labels::LATEST.get(lang), true),
        (labels::PROGRESS.get(lang), true),
        (labels::EXPECTED.get(lang), true),
        (labels::PROJECTED.get(lang), true),
        (labels::STATUS.get(lang), false),
        (labels::MILESTONE.get(lang), false),
    ]));
    let pct = |v: Option<f64>| {
        v.map(|x| crate::format::format_percent(100.0 * x, 0, lang))
            .unwrap_or_else(|| "–".into())
    };
    for r in &goals.results {
        let latest = match (r.latest_period, r.latest) {
            (Some(p), Some(v)) => format!("{} ({p})", format_number(v, 0, lang)),
            _ => "–".to_string(),
        };
        let milestone = r
            .milestone
            .map(|m| {
                if lang == Lang::Sv {
                    m.label_sv()
                } else {
                    m.code()
                }
            })
            .unwrap_or("");
        let _ = writeln!(
            h,
            "<tr><td>{}<br><span class=\"note\">{} · {}</span></td><td>{}</td><td class=\"num\">{} ({})</td><td class=\"num\">{} ({})</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape_html(&r.title),
            escape_html(&r.goal),
            escape_html(&r.owner),
            escape_html(&r.indicator),
            format_number(r.baseline, 0, lang),
            r.baseline_period,
            format_number(r.target, 0, lang),
            r.deadline,
            latest,
            pct(r.progress),
            pct(r.expected_progress),
            fmt(r.projected, 0, lang),
            status_badge(r.status, lang),
            escape_html(milestone)
        );
    }
    h.push_str("</tbody></table></div>\n</section>\n");
    h
}

fn badge(a: Assessment, lang: Lang) -> String {
    let text_colour = match a {
        Assessment::Worse | Assessment::MuchWorse | Assessment::MuchBetter => "#ffffff",
        _ => "#1b1b1b",
    };
    let label = if lang == Lang::Sv {
        a.label_sv()
    } else {
        a.code()
    };
    format!(
        "<span class=\"badge\" style=\"background:{};color:{text_colour}\">{}</span>",
        a.colour(),
        escape_html(label)
    )
}

fn fmt(v: Option<f64>, decimals: usize, lang: Lang) -> String {
    v.map(|x| format_number(x, decimals, lang))
        .unwrap_or_else(|| "–".to_string())
}

fn key_table(
    data: &ReportData,
    lang: Lang,
    bench_name: &dyn Fn(&str) -> String,
    _summary: bool,
) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<table class=\"key\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th>",
        labels::INDICATOR.get(lang),
        labels::PERIOD.get(lang),
        labels::VALUE.get(lang),
        labels::N_95_CI.get(lang)
    );
    for b in &data.config.benchmarks {
        let _ = write!(
            h,
            "<th>{} {}</th>",
            labels::COMPARED_WITH.get(lang),
            escape_html(&bench_name(b))
        );
    }
    let _ = writeln!(
        h,
        "<th>{}</th></tr></thead>\n<tbody>",
        labels::TREND.get(lang)
    );
    for (_, list) in &data.sections {
        for s in list {
            h.push_str(&key_row(s, lang, bench_name));
        }
    }
    h.push_str("</tbody>\n</table>\n");
    h
}

fn key_row(s: &IndicatorSummary, lang: Lang, bench_name: &dyn Fn(&str) -> String) -> String {
    let name = if lang == Lang::Sv {
        &s.indicator.name_sv
    } else {
        &s.indicator.name_en
    };
    let mut h = format!(
        "<tr><td>{}<br><span class=\"note\">{}</span></td>",
        escape_html(name),
        escape_html(&unit_and_area(s, bench_name))
    );
    match &s.latest {
        Some(p) => {
            let _ = write!(
                h,
                "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}–{}</td>",
                p.period,
                value(s, p.value, lang),
                value(s, p.lower, lang),
                value(s, p.upper, lang)
            );
        }
        None => h.push_str("<td>–</td><td class=\"num\">–</td><td class=\"num\">–</td>"),
    }
    for b in &s.benchmark_columns {
        match s.comparisons.iter().find(|c| &c.area == b) {
            Some(c) => {
                let _ = write!(h, "<td>{}</td>", badge(c.assessment, lang));
            }
            None => h.push_str("<td>–</td>"),
        }
    }
    let _ = writeln!(h, "<td>{}</td></tr>", escape_html(&trend_text(s, lang)));
    h
}

/// The trend verdict in words: direction by Mann-Kendall and Sen's slope per year.
fn trend_text(s: &IndicatorSummary, lang: Lang) -> String {
    let Some(t) = &s.trend else {
        return labels::CANNOT_BE_CALCULATED.get(lang).to_string();
    };
    // The same words as the terminal's `bra trend` (the one labels table).
    let direction = match t.direction {
        Some(code @ ("increasing" | "decreasing")) => crate::labels::label_or_code(code, lang),
        Some(_) => crate::labels::label_or_code("no trend", lang),
        None => {
            return labels::CANNOT_BE_CALCULATED.get(lang).to_string();
        }
    };
    match t.sen_slope {
        Some(slope) => format!(
            "{direction} ({} {} {}, {}–{})",
            format_number(slope, 1, lang),
            labels::PER_YEAR.get(lang),
            labels::BY_SEN.get(lang),
            t.first_period,
            t.last_period
        ),
        None => direction.to_string(),
    }
}

fn indicator_section(
    s: &IndicatorSummary,
    lang: Lang,
    bench_name: &dyn Fn(&str) -> String,
    chart: Option<&String>,
) -> String {
    let name = if lang == Lang::Sv {
        &s.indicator.name_sv
    } else {
        &s.indicator.name_en
    };
    let mut h = format!(
        "<h3>{}</h3>\n<p class=\"note\">{}</p>\n",
        escape_html(name),
        escape_html(&unit_and_area(s, bench_name))
    );
    if let Some(p) = &s.latest {
        let _ = write!(
            h,
            "<p>{} {}: <strong>{}</strong> (95 % {} {}–{}).",
            labels::LATEST_VALUE.get(lang),
            p.period,
            value(s, p.value, lang),
            labels::CI.get(lang),
            value(s, p.lower, lang),
            value(s, p.upper, lang)
        );
        for c in &s.comparisons {
            let _ = write!(
                h,
                " {} {}: {} ({}).",
                labels::COMPARED_WITH.get(lang),
                escape_html(&bench_name(&c.area)),
                badge(c.assessment, lang),
                value(s, c.value, lang)
            );
        }
        let _ = writeln!(
            h,
            " {}: {}.</p>",
            labels::TREND.get(lang),
            escape_html(&trend_text(s, lang))
        );
        if let Some(w) = &s.waves {
            let _ = writeln!(h, "<p>{}</p>", change_text(s, w, lang));
        }
    }
    if let Some(svg) = chart {
        let _ = writeln!(h, "<div class=\"chart\">{}</div>", scalable(svg));
    }
    // The series as a table (also for readers of a printed copy).
    h.push_str("<table class=\"series\">");
    h.push_str(&table_head(&[
        (labels::PERIOD.get(lang), false),
        (labels::COUNT.get(lang), true),
        (labels::VALUE.get(lang), true),
        (labels::N_95_CI.get(lang), true),
        (labels::STATUS.get(lang), false),
    ]));
    for p in &s.series {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}–{}</td><td>{}</td></tr>",
            p.period,
            fmt(p.count, 0, lang),
            value(s, p.value, lang),
            value(s, p.lower, lang),
            value(s, p.upper, lang),
            escape_html(p.status.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</tbody></table>\n");
    h
}

/// A value as its indicator is read: rates whole, shares in percent with one decimal,
/// indices with one decimal.
fn value(s: &IndicatorSummary, v: Option<f64>, lang: Lang) -> String {
    match (s.indicator.kind, v) {
        (_, None) => "–".to_string(),
        (IndicatorKind::SurveyProportion, Some(x)) => crate::format::format_percent(x, 1, lang),
        (IndicatorKind::Index, Some(x)) => format_number(x, 1, lang),
        (_, Some(x)) => format_number(x, 0, lang),
    }
}

/// "per 100 000 invånare · Fagersta" or "procent · LPO Norra Västmanland".
fn unit_and_area(s: &IndicatorSummary, names: &dyn Fn(&str) -> String) -> String {
    format!(
        "{} · {} · {}",
        s.indicator.unit,
        names(&s.area_shown),
        s.indicator.source
    )
}

/// The change between the latest two periods in words, with the test's result.
fn change_text(s: &IndicatorSummary, w: &WaveChange, lang: Lang) -> String {
    let verdict = if w.change.significant {
        labels::A_STATISTICALLY_SIGNIFICANT_CHANGE.get(lang)
    } else {
        labels::NO_STATISTICALLY_SIGNIFICANT_CHANGE.get(lang)
    };
    let test = match (w.change.test.code(), w.change.p_value) {
        (code, Some(p)) => format!("{code}, p = {}", format_number(p, 3, lang)),
        (code, None) => code.to_string(),
    };
    format!(
        "{} {} ({}) {} {} ({}): {} ({}).",
        labels::FROM.get(lang),
        w.first.period,
        value(s, w.first.value, lang),
        labels::TO.get(lang),
        w.second.period,
        value(s, w.second.value, lang),
        escape_html(verdict),
        escape_html(&test)
    )
}

/// The biennial evaluation: the latest two waves of every survey indicator side by side.
fn survey_section(data: &ReportData, lang: Lang) -> String {
    let rows: Vec<&IndicatorSummary> = data
        .sections
        .iter()
        .flat_map(|(_, list)| list.iter())
        .filter(|s| s.indicator.kind != IndicatorKind::CountRate && s.waves.is_some())
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    let mut h = String::new();
    let _ = writeln!(
        h,
        "<section id=\"tvaarsuppfoljning\">\n<h2>{}</h2>\n<p>{}</p>",
        labels::BIENNIAL_EVALUATION_THE_LATEST_TWO.get(lang),
        escape_html(labels::THE_SAFETY_SURVEYS_SCB_S.get(lang))
    );
    h.push_str("<div class=\"wide\"><table>\n");
    h.push_str(&table_head(&[
        (labels::INDICATOR.get(lang), false),
        (labels::WAVE_1.get(lang), false),
        (labels::VALUE_95_CI.get(lang), true),
        (labels::WAVE_2.get(lang), false),
        (labels::VALUE_95_CI.get(lang), true),
        (labels::TEST.get(lang), false),
        (labels::SIGNIFICANT_CHANGE.get(lang), false),
    ]));
    for s in rows {
        let Some(w) = &s.waves else { continue };
        let name = if lang == Lang::Sv {
            &s.indicator.name_sv
        } else {
            &s.indicator.name_en
        };
        let cell = |p: &SeriesPoint| {
            format!(
                "{} ({}–{})",
                value(s, p.value, lang),
                value(s, p.lower, lang),
                value(s, p.upper, lang)
            )
        };
        let test = match w.change.p_value {
            Some(p) => format!(
                "{}, p = {}",
                w.change.test.code(),
                format_number(p, 3, lang)
            ),
            None => w.change.test.code().to_string(),
        };
        let _ = writeln!(
            h,
            "<tr><td>{}<br><span class=\"note\">{}</span></td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>",
            escape_html(name),
            escape_html(
                &data
                    .names
                    .get(&s.area_shown)
                    .cloned()
                    .unwrap_or_else(|| s.area_shown.clone())
            ),
            w.first.period,
            cell(&w.first),
            w.second.period,
            cell(&w.second),
            escape_html(&test),
            if w.change.significant {
                labels::YES.get(lang)
            } else {
                labels::NO.get(lang)
            }
        );
    }
    h.push_str("</tbody></table></div>\n</section>\n");
    h
}

/// The methods note's sentence on the population year, in Swedish and English.
fn population_year_note(year: PopulationYear) -> Phrase {
    match year {
        PopulationYear::Previous => labels::POPULATION_YEAR_BEFORE,
        PopulationYear::Same => labels::POPULATION_SAME_YEAR,
    }
}

fn methods_note(lang: Lang) -> String {
    let items: [Phrase; 5] = [
        population_year_note(POPULATION_YEAR),
        labels::METHODS_INTERVALS,
        labels::METHODS_COMPARISON,
        labels::METHODS_TREND,
        labels::METHODS_SMALL_COUNTS,
    ];
    let mut h = String::from("<ul>\n");
    for item in items {
        let _ = writeln!(h, "<li>{}</li>", escape_html(item.get(lang)));
    }
    h.push_str("</ul>\n");
    h
}
