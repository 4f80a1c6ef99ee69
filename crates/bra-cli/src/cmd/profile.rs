//! `bra profile`.

use crate::cli::{Global, Lang, ProfileArgs};
use crate::print;
use anyhow::{Result, bail};
use bra_indicators::chart::{Chart, PNG_SIZE, SVG_SIZE, write_chart};
use bra_indicators::labels::cli as phrase;
use bra_indicators::{
    AreaKind, AreaRegistry, CompareOptions, IndicatorRegistry, Profile, ProfileOptions,
    ReadOptions, Table, format_number, label_or_code, profile, read_indicator_table,
    with_se_intervals,
};
use std::path::Path;

pub fn run(args: &ProfileArgs, global: &Global) -> Result<()> {
    let areas = AreaRegistry::builtin();
    let indicators = IndicatorRegistry::builtin();
    let code = |name: &str, what: &str| -> Result<String> {
        match areas.code_of(name) {
            Some(c) => Ok(c.to_string()),
            None => bail!("{what}: \"{name}\" is not a known area (list them with `bra areas`)"),
        }
    };
    let area = code(&args.area, "--area")?;
    let benchmarks = args
        .benchmark
        .iter()
        .map(|b| code(b, "--benchmark"))
        .collect::<Result<Vec<_>>>()?;
    let mut comparison = Vec::new();
    if args.all_kommuner {
        comparison.extend(areas.kommuner().map(|a| a.code.clone()));
    }
    for a in &args.areas {
        let c = code(a, "--areas")?;
        match areas.get(&c) {
            Some(found) if found.kind == AreaKind::Lan => comparison.extend(
                areas
                    .children(&c)
                    .filter(|k| k.kind == AreaKind::Kommun)
                    .map(|k| k.code.clone()),
            ),
            _ => comparison.push(c),
        }
    }
    let read = ReadOptions {
        limits: global.limits(),
        ..ReadOptions::default()
    };
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for input in &args.input {
        let ingested = with_se_intervals(read_indicator_table(input, &read)?)?;
        rows.extend(ingested.table.into_rows());
        warnings.extend(ingested.warnings);
    }
    let table = Table::new(rows)?;
    let options = ProfileOptions {
        area,
        benchmarks,
        comparison,
        compare: CompareOptions {
            levels: super::levels(&args.levels)?,
        },
    };
    let p = profile(&table, areas, indicators, &options)?;
    warnings.extend(p.warnings.iter().cloned());
    match print::file_output(args.output.as_deref()) {
        Some(path) if is_chart(path) => write_spine_chart(&p, path, global)?,
        Some(path) => print::write_file(&p.to_frame()?, path, global)?,
        None => print_profile(&p, indicators, global.lang)?,
    }
    if !global.quiet {
        print::warnings(&warnings, global.lang);
    }
    Ok(())
}

/// Whether `path` asks for a picture (`.png`, `.svg`) rather than a table.
pub(crate) fn is_chart(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("png") || e.eq_ignore_ascii_case("svg"))
}

/// The spine chart of the profile against its first benchmark, PNG or SVG by the extension.
fn write_spine_chart(p: &Profile, path: &Path, global: &Global) -> Result<()> {
    let data = p.chart_data(
        None,
        AreaRegistry::builtin(),
        IndicatorRegistry::builtin(),
        global.lang,
    )?;
    let chart = Chart::Profile(data);
    let base = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("svg"))
    {
        SVG_SIZE
    } else {
        PNG_SIZE
    };
    let size = chart.size_for(base);
    write_chart(&chart, path, Some(size))?;
    if !global.quiet {
        eprintln!(
            "{}",
            phrase::WROTE_PROFILE.fill(
                global.lang,
                &[
                    ("path", &path.display()),
                    ("width", &size.0),
                    ("height", &size.1),
                ],
            )
        );
    }
    Ok(())
}

/// The profile as a table for people: one line per indicator and benchmark.
fn print_profile(p: &Profile, indicators: &IndicatorRegistry, lang: Lang) -> Result<()> {
    let l = lang;
    let headings = [
        phrase::INDICATOR,
        phrase::PERIOD,
        phrase::VALUE,
        phrase::BENCHMARK,
        phrase::ITS_VALUE,
        phrase::ASSESSMENT,
        phrase::MIN,
        phrase::MEDIAN,
        phrase::MAX,
        phrase::RANK,
    ];
    let mut cells = vec![
        headings
            .iter()
            .map(|h| h.get(lang).to_string())
            .collect::<Vec<_>>(),
    ];
    let number = |v: f64| format_number(v, 1, l);
    for r in &p.rows {
        let name = indicators
            .get(&r.indicator)
            .map(|i| lang.pick(&i.name_sv, &i.name_en).to_string())
            .unwrap_or_else(|| r.indicator.clone());
        let rank = r.rank.map_or_else(String::new, |k| {
            phrase::RANK_OF.fill(lang, &[("rank", &k), ("count", &r.n_areas)])
        });
        cells.push(vec![
            name,
            r.period.to_string(),
            number(r.value),
            r.benchmark_area.clone(),
            r.benchmark_value.map(number).unwrap_or_default(),
            label_or_code(r.assessment.code(), lang).to_string(),
            r.spread.map(|s| number(s.min)).unwrap_or_default(),
            r.spread.map(|s| number(s.median)).unwrap_or_default(),
            r.spread.map(|s| number(s.max)).unwrap_or_default(),
            rank,
        ]);
    }
    print::text_table(
        &cells,
        &[
            false, false, true, false, true, false, true, true, true, true,
        ],
    )
}
