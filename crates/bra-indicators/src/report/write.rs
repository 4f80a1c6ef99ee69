//! Writing the report: the page, the charts, the tables and the workbook, into a temporary
//! folder that replaces the output folder at the end.

use super::assemble::{ReportData, assemble, assemble_from};
#[cfg(feature = "charts")]
use super::charts;
use super::config::ReportConfig;
use super::load::load;
use super::{html, xlsx};
use crate::area::AreaRegistry;
use crate::error::{Error, Result};
#[cfg(not(feature = "charts"))]
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What a finished report wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSummary {
    /// The report folder.
    pub folder: PathBuf,
    /// Number of area reports written (1 for a single report).
    pub reports: usize,
    /// Number of charts written.
    pub charts: usize,
    /// Number of tables written (CSV files; the workbook has one sheet per table).
    pub tables: usize,
    /// Number of warnings.
    pub warnings: usize,
}

/// Builds the whole report for `config` into `out`, atomically: everything is written to a
/// temporary folder beside `out` and renamed at the end, so an error leaves no half-written
/// report. An existing `out` is replaced only if it holds an earlier report (an
/// `index.html`); any other existing, non-empty folder is an error.
///
/// `progress(step, done, total)` is called as the work advances.
///
/// # Errors
/// Reading or computing errors, or I/O errors naming the file.
pub fn build_report(
    config: &ReportConfig,
    out: &Path,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<ReportSummary> {
    check_out_folder(out)?;
    progress("läser och beräknar", 0, 2);
    let data = assemble(config)?;
    let (tables, charts) = in_temporary_folder(out, |tmp| {
        progress("skriver rapporten", 1, 2);
        write_report_files(&data, tmp)
    })?;
    progress("klar", 2, 2);
    Ok(ReportSummary {
        folder: out.to_path_buf(),
        reports: 1,
        charts,
        tables,
        warnings: data.warnings.len(),
    })
}

/// Builds one report per area (e.g. every kommun) under `out/<code>-<name>/`, plus an
/// `index.html` listing them, atomically as [`build_report`]. The data are read once. A
/// benchmark that is a län is replaced by each kommun's own län. An area whose report cannot
/// be made (an indicator without data there) is listed with the reason instead.
///
/// # Errors
/// Reading errors, or I/O errors naming the file.
pub fn build_reports(
    config: &ReportConfig,
    areas: &[String],
    out: &Path,
    progress: &mut dyn FnMut(&str, usize, usize),
) -> Result<ReportSummary> {
    check_out_folder(out)?;
    let registry = AreaRegistry::builtin();
    let total = areas.len() + 1;
    progress("läser data", 0, total);
    let loaded = load(config)?;
    in_temporary_folder(out, |tmp| {
        let mut listed = Vec::new();
        let (mut reports, mut tables, mut charts, mut warnings) = (0, 0, 0, 0);
        for (i, code) in areas.iter().enumerate() {
            let area = registry.get(code).ok_or_else(|| {
                Error::InvalidArgument(format!(
                    "unknown area \"{code}\": expected an area code (see `bra areas`)"
                ))
            })?;
            progress(&area.name, i + 1, total);
            let mut cfg = config.clone();
            cfg.area = area.code.clone();
            let own_county = area
                .parent
                .clone()
                .filter(|_| area.kind == crate::area::AreaKind::Kommun);
            cfg.benchmarks = config
                .benchmarks
                .iter()
                .map(|b| match (registry.get(b).map(|a| a.kind), &own_county) {
                    (Some(crate::area::AreaKind::Lan), Some(c)) => c.clone(),
                    _ => b.clone(),
                })
                .collect();
            let folder = folder_name(&area.code, &area.name);
            match assemble_from(&cfg, &loaded) {
                Ok(data) => {
                    let dir = tmp.join(&folder);
                    let (t, c) = write_report_files(&data, &dir)?;
                    tables += t;
                    charts += c;
                    warnings += data.warnings.len();
                    reports += 1;
                    listed.push((area.code.clone(), area.name.clone(), Ok(folder)));
                }
                Err(e) => listed.push((area.code.clone(), area.name.clone(), Err(e.to_string()))),
            }
        }
        let page = html::render_index(&config.title, &listed, config.language);
        std::fs::write(tmp.join("index.html"), page)
            .map_err(|e| Error::io(tmp.join("index.html"), e))?;
        progress("klar", total, total);
        Ok(ReportSummary {
            folder: out.to_path_buf(),
            reports,
            charts,
            tables,
            warnings,
        })
    })
}

/// A safe folder name for an area: `1982-fagersta` (no `/`, `..` or control characters).
///
/// ```
/// # use bra_indicators::folder_name;
/// assert_eq!(folder_name("2023", "Malung-Sälen"), "2023-malung_salen");
/// assert_eq!(folder_name("../x", "a/b"), "x-a_b");
/// ```
pub fn folder_name(code: &str, name: &str) -> String {
    let code: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    format!("{code}-{}", crate::indicator::slug(name))
}

/// Writes index.html, the charts, the tables and the workbook of one report into `dir`;
/// returns the number of tables and of charts.
fn write_report_files(data: &ReportData, dir: &Path) -> Result<(usize, usize)> {
    std::fs::create_dir_all(dir.join("tables")).map_err(|e| Error::io(dir, e))?;
    std::fs::create_dir_all(dir.join("charts")).map_err(|e| Error::io(dir, e))?;
    let tables = write_tables(data, &dir.join("tables"))?;
    xlsx::write_workbook(data, &dir.join("tables").join("indikatorer.xlsx"))?;
    #[cfg(feature = "charts")]
    let (inline, charts) = charts::write_charts(data, &dir.join("charts"))?;
    #[cfg(not(feature = "charts"))]
    let (inline, charts) = (BTreeMap::new(), 0);
    let page = html::render(data, &inline);
    std::fs::write(dir.join("index.html"), page)
        .map_err(|e| Error::io(dir.join("index.html"), e))?;
    Ok((tables, charts))
}

/// Runs `write` on a fresh temporary folder beside `out`, then puts it in place of `out`;
/// on error the temporary folder is removed and `out` is left as it was.
pub(crate) fn in_temporary_folder<T>(
    out: &Path,
    write: impl FnOnce(&Path) -> Result<T>,
) -> Result<T> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "report".into());
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    }
    std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
    match write(&tmp) {
        Ok(v) => {
            replace_folder(&tmp, out)?;
            Ok(v)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(e)
        }
    }
}

/// The tables of the report: what they are called and their frames.
pub(crate) fn report_tables(
    data: &ReportData,
) -> Result<Vec<(&'static str, polars::prelude::DataFrame)>> {
    let mut tables = vec![
        ("anmalda_brott", data.rates.clone()),
        ("trender", data.trends.clone()),
    ];
    if let Some(goals) = &data.goals {
        tables.push(("mal", goals.to_dataframe()?));
    }
    Ok(tables)
}

fn write_tables(data: &ReportData, dir: &Path) -> Result<usize> {
    let tables = report_tables(data)?;
    for (name, frame) in &tables {
        crate::output::write_frame(frame, &dir.join(format!("{name}.csv")))?;
    }
    Ok(tables.len())
}

pub(crate) fn check_out_folder(out: &Path) -> Result<()> {
    if out.exists() {
        let is_report = out.join("index.html").is_file();
        let empty = std::fs::read_dir(out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !out.is_dir() || !(is_report || empty) {
            return Err(Error::InvalidArgument(format!(
                "{} exists and is not an earlier report: choose another output folder",
                out.display()
            )));
        }
    }
    Ok(())
}

/// Moves `tmp` to `out`, replacing an earlier report there.
fn replace_folder(tmp: &Path, out: &Path) -> Result<()> {
    if out.exists() {
        let old = tmp.with_extension("old");
        std::fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        if let Err(e) = std::fs::rename(tmp, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(tmp);
            return Err(Error::io(out, e));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    } else {
        std::fs::rename(tmp, out).map_err(|e| {
            let _ = std::fs::remove_dir_all(tmp);
            Error::io(out, e)
        })
    }
}
