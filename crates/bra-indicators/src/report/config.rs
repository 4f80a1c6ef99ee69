//! The report configuration file (`report.toml`).

use crate::area::AreaRegistry;
use crate::error::{Error, Location, Result};
use crate::format::Lang;
use crate::indicator::FocusArea;
use crate::period::Period;
use std::path::{Path, PathBuf};

/// The report's configuration, as written in `report.toml`. Paths are relative to the file.
///
/// # Examples
/// ```
/// use bra_indicators::ReportConfig;
/// let text = r#"
/// title = "Uppföljning 2024"
/// area = "Fagersta"
/// benchmarks = ["19", "00"]
/// [data]
/// counts = "counts.csv"
/// population = "population.csv"
/// "#;
/// let config = ReportConfig::from_toml_str(text, "report.toml".as_ref())?;
/// assert_eq!(config.area, "1982");
/// assert_eq!(config.data.counts.as_deref(), Some("counts.csv".as_ref()));
/// # Ok::<(), bra_indicators::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportConfig {
    /// The report's title.
    pub title: String,
    /// Who made it (the coordinator, a unit), printed under the title.
    #[serde(default)]
    pub author: Option<String>,
    /// The area the report is about: a kommun code or name (`1982`, `Fagersta`).
    pub area: String,
    /// Areas to compare with, as codes or names (the county and riket as a rule).
    #[serde(default)]
    pub benchmarks: Vec<String>,
    /// The area whose survey results stand for the kommun where it has none of its own: NTU
    /// is published by police area (e.g. `lpo:norra-vastmanland` from `[data] areas`).
    #[serde(default)]
    pub survey_area: Option<String>,
    /// Label language: `sv` (default) or `en`.
    #[serde(default)]
    pub language: Lang,
    /// First period shown (all when absent).
    #[serde(default)]
    pub from: Option<Period>,
    /// Last period shown (all when absent).
    #[serde(default)]
    pub to: Option<Period>,
    /// The data files.
    pub data: DataFiles,
    /// Which indicators to show under each focus area of the citizen promise; when absent,
    /// every indicator in the data under the focus area the registry gives it.
    #[serde(default)]
    pub focus_areas: Vec<FocusAreaConfig>,
    /// The folder the config was read from (paths are relative to it).
    #[serde(skip)]
    pub base: PathBuf,
    /// The config file itself, for messages.
    #[serde(skip)]
    pub file: PathBuf,
    /// The caps the counts, population and survey files are read with (not from the file:
    /// the caller's, e.g. `bra --max-line-bytes`).
    #[serde(skip)]
    pub limits: crate::limits::Limits,
}

/// The data files of a report (relative to the config file).
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFiles {
    /// Reported crime counts (any layout `bra rates` reads).
    #[serde(default)]
    pub counts: Option<PathBuf>,
    /// Population per area and year.
    #[serde(default)]
    pub population: Option<PathBuf>,
    /// A SMART-goals file (see `bra goals`); its goals are followed up in the report, on the
    /// data files the goals file names.
    #[serde(default)]
    pub goals: Option<PathBuf>,
    /// Survey results (NTU, SCB's citizen survey; any layout `bra survey` reads).
    #[serde(default)]
    pub survey: Vec<PathBuf>,
    /// The user's own areas (TOML, as `--areas`), e.g. the local police area.
    #[serde(default)]
    pub areas: Option<PathBuf>,
    /// An EST incident log (as `bra lagesbild --incidents`): the report adds the section
    /// "Lägesbild per kvartal", the latest quarter by focus area.
    #[serde(default)]
    pub incidents: Option<PathBuf>,
    /// The incident categories file (as `bra lagesbild --categories`); the built-in list when
    /// absent.
    #[serde(default)]
    pub incident_categories: Option<PathBuf>,
}

/// The indicators of one focus area.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FocusAreaConfig {
    /// The focus area (`threats-and-violence`, `disorder-and-unsafety`,
    /// `extremism-and-networks`, `youth-and-schools`, `andt`, `other`).
    pub focus_area: FocusArea,
    /// Indicator ids, in the order to show them.
    pub indicators: Vec<String>,
}

impl ReportConfig {
    /// Reads and checks a config file.
    ///
    /// # Errors
    /// An I/O error, or an input error naming the file and line for bad TOML, an unknown key,
    /// a missing field or an unknown area.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_toml_str(&text, path)
    }

    /// Parses a config from text; `path` names it in messages and anchors relative paths.
    ///
    /// # Errors
    /// As [`ReportConfig::from_file`].
    pub fn from_toml_str(text: &str, path: &Path) -> Result<Self> {
        let name = path.display().to_string();
        crate::error::catch_reader_panic(&name, || Self::from_toml_in(text, path, &name))
    }

    fn from_toml_in(text: &str, path: &Path, name: &str) -> Result<Self> {
        let name = name.to_string();
        crate::tomlfile::check_strings(&name, text)?;
        let mut config: ReportConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            let mut at = Location::file(&name);
            at.line = line;
            Error::input(
                at,
                format!(
                    "{}: expected a report config (see data/samples/report.toml)",
                    crate::tomlfile::message(&e, text)
                ),
            )
        })?;
        config.base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        config.file = path.to_path_buf();
        let areas = AreaRegistry::builtin();
        let resolve = |raw: &str, key: &str| -> Result<String> {
            areas.code_of(raw).map(str::to_string).ok_or_else(|| {
                let line = text.find(raw).map(|i| line_of(text, i));
                let mut at = Location::file(&name).field(key);
                at.line = line;
                Error::input(
                    at,
                    format!("unknown area \"{raw}\": expected a kommun, län or riket name or code"),
                )
            })
        };
        config.area = resolve(&config.area, "area")?;
        config.benchmarks = config
            .benchmarks
            .iter()
            .map(|b| resolve(b, "benchmarks"))
            .collect::<Result<_>>()?;
        Ok(config)
    }

    /// A data path resolved against the config's folder.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.base.join(path)
        }
    }

    /// Checks that every data file the config names exists, so that a wrong path is reported
    /// with the config file and its key rather than as a bare missing file.
    ///
    /// ```
    /// use bra_indicators::ReportConfig;
    /// let text = "title = \"x\"\narea = \"Fagersta\"\n[data]\ncounts = \"finns_inte.csv\"\n";
    /// let config = ReportConfig::from_toml_str(text, "report.toml".as_ref())?;
    /// let err = config.check_files().unwrap_err().to_string();
    /// assert_eq!(err, "report.toml: [data] counts = \"finns_inte.csv\": the file finns_inte.csv does not exist");
    /// # Ok::<(), bra_indicators::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Input`] naming the config file, the key and the file that is missing.
    pub fn check_files(&self) -> Result<()> {
        let d = &self.data;
        let named = [
            ("counts", d.counts.as_ref()),
            ("population", d.population.as_ref()),
            ("goals", d.goals.as_ref()),
            ("areas", d.areas.as_ref()),
            ("incidents", d.incidents.as_ref()),
            ("incident_categories", d.incident_categories.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, p)| p.map(|p| (k, p)))
        .chain(d.survey.iter().map(|p| ("survey", p)));
        for (key, raw) in named {
            let path = self.resolve(raw);
            if !path.exists() {
                return Err(Error::input(
                    Location::file(self.file.display().to_string()),
                    format!(
                        "[data] {key} = \"{}\": the file {} does not exist",
                        raw.display(),
                        path.display()
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The 1-based line of byte offset `at` in `text`.
pub(crate) fn line_of(text: &str, at: usize) -> u64 {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}
