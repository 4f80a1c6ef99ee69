//! The national-scale data set of the benchmarks, deterministic and seeded: reported-crime
//! counts for the 290 real kommun codes × N crime categories × Y years (or months), and the
//! matching population file. Shared by the generator (`gen_national.rs`), the criterion
//! benches and the integration tests (`#[path]` modules), so all use the same data.
//!
//! The skew is realistic: kommun populations are log-normal (median ≈ 16,000, 2,400 to
//! 1,000,000), category rates are log-normal over five orders of magnitude, counts are Poisson,
//! so most cells are small counts or zeros; a share of cells is `..` (suppressed). The same
//! configuration always gives the same bytes.

use bra_indicators::AreaRegistry;
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::Path;

/// What to generate. `Config::default()` is the national table: 290 × 1,100 × 30 ≈ 9.6 M rows.
#[derive(Debug, Clone)]
pub struct Config {
    /// Multiplies the number of categories (at least 1 is kept): 0.1 gives ≈ 1 M rows.
    pub scale: f64,
    /// Crime categories at scale 1.
    pub categories: usize,
    /// Number of years.
    pub years: i32,
    /// The first year.
    pub first_year: i32,
    /// Monthly periods (`1996M01`...): twelve times the rows.
    pub monthly: bool,
    /// Share of cells written as `..` (suppressed).
    pub suppressed: f64,
    /// The seed.
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scale: 1.0,
            categories: 1100,
            years: 30,
            first_year: 1996,
            monthly: false,
            suppressed: 0.005,
            seed: 2025,
        }
    }
}

/// splitmix64: small, fast and good enough for synthetic data; deterministic across platforms.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    /// Poisson: Knuth's product method for small means, a rounded normal for large ones.
    fn poisson(&mut self, mean: f64) -> u64 {
        if mean <= 0.0 {
            return 0;
        }
        if mean < 30.0 {
            let limit = (-mean).exp();
            let mut k = 0;
            let mut p = self.uniform();
            while p > limit {
                k += 1;
                p *= self.uniform();
            }
            return k;
        }
        (mean + mean.sqrt() * self.normal()).round().max(0.0) as u64
    }
}

/// Slugs of Brå-like category names; ids are `brott.<base>_<number>`.
const BASES: &[&str] = &[
    "misshandel",
    "misshandel_inomhus_bekant",
    "stold_och_snatteri",
    "bostadsinbrott_villa",
    "bedrageri_och_annan_oredlighet",
    "skadegorelse_klotter",
    "olaga_hot",
    "narkotikabrott_eget_bruk",
    "trafikbrott_rattfylleri",
    "ran_mot_person",
    "sexualbrott_mot_barn",
    "brott_mot_brottsbalken_3_7_kap",
    "cykelstold",
    "fordonsbrott",
    "vapenbrott",
    "ofredande",
];

/// How the counts file writes the same rows: the shapes an analyst meets in real files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `area,period,indicator,count`: kommun codes, registry-style ids, UTF-8, `,`.
    Canonical,
    /// Indicator labels as Brå writes categories (`Stöld och snatteri 0003`), which `bra`
    /// gives the id of their slug (`brott.stold_och_snatteri_0003`, the canonical id).
    Labels,
    /// Kommun names (`Upplands Väsby`) instead of codes.
    Names,
    /// Kommun names, in Windows-1252 (an "ANSI" export).
    Cp1252,
    /// `;` as the separator.
    Semicolon,
    /// Every field in double quotes.
    Quoted,
    /// `;` as the separator and counts as Swedish spreadsheets write them: a thousands space
    /// and a decimal comma (`1 577,0`).
    DecimalComma,
}

impl Shape {
    /// Every shape, canonical first.
    pub const ALL: [Shape; 7] = [
        Shape::Canonical,
        Shape::Labels,
        Shape::Names,
        Shape::Cp1252,
        Shape::Semicolon,
        Shape::Quoted,
        Shape::DecimalComma,
    ];

    /// The name on the command line (`--shape`) and of the subfolder.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Canonical => "canonical",
            Shape::Labels => "labels",
            Shape::Names => "names",
            Shape::Cp1252 => "cp1252",
            Shape::Semicolon => "semicolon",
            Shape::Quoted => "quoted",
            Shape::DecimalComma => "decimal-comma",
        }
    }

    /// The shape of a name, if it is one.
    pub fn from_name(name: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|s| s.name() == name)
    }

    fn separator(self) -> u8 {
        match self {
            Shape::Semicolon | Shape::DecimalComma => b';',
            _ => b',',
        }
    }
}

/// Category texts of the labels shape, one per [`BASES`] entry: the slug of
/// `"{text} {number:04}"` is `"{base}_{number:04}"`.
const LABELS: &[&str] = &[
    "Misshandel",
    "Misshandel inomhus - bekant",
    "Stöld och snatteri",
    "Bostadsinbrott - villa",
    "Bedrägeri och annan oredlighet",
    "Skadegörelse - klotter",
    "Olaga hot",
    "Narkotikabrott - eget bruk",
    "Trafikbrott - rattfylleri",
    "Rån mot person",
    "Sexualbrott mot barn",
    "Brott mot brottsbalken 3-7 kap.",
    "Cykelstöld",
    "Fordonsbrott",
    "Vapenbrott",
    "Ofredande",
];

/// `text` in Windows-1252 (Swedish names are all within Latin-1, whose code points are the
/// Windows-1252 bytes).
fn cp1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

/// `n` as a Swedish spreadsheet writes it: `1 577,0`.
fn swedish(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(d);
    }
    out + ",0"
}

/// Writes `dir/counts.csv` (`area,period,indicator,count`) and `dir/population.csv`
/// (`area,period,population`); returns the number of count rows.
///
/// # Errors
/// I/O errors.
#[allow(dead_code)] // the generator writes every shape through `generate_shape`
pub fn generate(config: &Config, dir: &Path) -> std::io::Result<u64> {
    generate_shape(config, Shape::Canonical, dir)
}

/// Writes the same rows as [`generate`] in `shape` (`dir/counts.csv`), the same
/// `dir/population.csv`, and `dir/areas.csv` (`code,name` of the kommuner, for the Python
/// peers to join names to codes); returns the number of count rows.
///
/// # Errors
/// I/O errors.
pub fn generate_shape(config: &Config, shape: Shape, dir: &Path) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut rng = Rng(config.seed);
    let n_cat = ((config.categories as f64 * config.scale).round() as usize).max(1);
    let years = config.first_year..config.first_year + config.years.max(1);

    // Kommun populations in the first year and their yearly growth.
    let registry = AreaRegistry::builtin();
    let areas: Vec<(&str, f64, f64)> = registry
        .kommuner()
        .map(|a| {
            let pop = (16_000f64.ln() + rng.normal())
                .exp()
                .clamp(2_400.0, 1_000_000.0);
            let growth = 0.003 + 0.005 * rng.normal();
            (a.code.as_str(), pop, growth)
        })
        .collect();
    let names: Vec<&str> = registry.kommuner().map(|a| a.name.as_str()).collect();
    let mut areas_out = BufWriter::new(std::fs::File::create(dir.join("areas.csv"))?);
    writeln!(areas_out, "code,name")?;
    for (a, name) in areas.iter().zip(&names) {
        writeln!(areas_out, "{},{name}", a.0)?;
    }
    areas_out.flush()?;
    // Categories: an id and a national rate per 100,000 a year.
    let categories: Vec<(String, f64)> = (0..n_cat)
        .map(|i| {
            let id = match shape {
                Shape::Labels => format!("{} {:04}", LABELS[i % LABELS.len()], i + 1),
                _ => format!("brott.{}_{:04}", BASES[i % BASES.len()], i + 1),
            };
            let rate = (20f64.ln() + 2.0 * rng.normal())
                .exp()
                .clamp(0.01, 20_000.0);
            (id, rate)
        })
        .collect();
    let population = |a: &(&str, f64, f64), year: i32| -> f64 {
        (a.1 * (1.0 + a.2).powi(year - config.first_year)).round()
    };

    let mut pop_out = BufWriter::new(std::fs::File::create(dir.join("population.csv"))?);
    writeln!(pop_out, "area,period,population")?;
    for a in &areas {
        // From the year before the first: a count of year Y is divided by the population on
        // 31 December of Y - 1 (Brå's convention).
        for y in years.start - 1..years.end {
            writeln!(pop_out, "{},{y},{}", a.0, population(a, y))?;
        }
    }
    pop_out.flush()?;

    let periods: Vec<(i32, String)> = years
        .flat_map(|y| {
            if config.monthly {
                (1..=12).map(|m| (y, format!("{y}M{m:02}"))).collect()
            } else {
                vec![(y, y.to_string())]
            }
        })
        .collect();
    let per_period = if config.monthly { 12.0 } else { 1.0 };
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join("counts.csv"))?);
    let sep = shape.separator();
    // One field as the shape writes it, followed by `end`.
    let field = |out: &mut dyn Write, text: &str, end: u8| -> std::io::Result<()> {
        match shape {
            Shape::Quoted => write!(out, "\"{}\"", text.replace('"', "\"\""))?,
            Shape::Cp1252 => out.write_all(&cp1252(text))?,
            _ => out.write_all(text.as_bytes())?,
        }
        out.write_all(&[end])
    };
    for (i, h) in ["area", "period", "indicator", "count"].iter().enumerate() {
        field(&mut out, h, if i == 3 { b'\n' } else { sep })?;
    }
    let mut rows = 0u64;
    let mut count_text = String::new();
    for (a, name) in areas.iter().zip(&names) {
        // Some kommuner report more of everything than their size says (tourism, commuting).
        let area_factor = (0.3 * rng.normal()).exp();
        let area = match shape {
            Shape::Names | Shape::Cp1252 => name,
            _ => a.0,
        };
        for (year, period) in &periods {
            let pop = population(a, *year);
            for (id, rate) in &categories {
                let count = rng.poisson(rate / 1e5 * pop * area_factor / per_period);
                let suppressed = rng.uniform() < config.suppressed;
                if shape == Shape::Canonical {
                    // The plain shape as before, without the per-field calls.
                    if suppressed {
                        writeln!(out, "{},{period},{id},..", a.0)?;
                    } else {
                        writeln!(out, "{},{period},{id},{count}", a.0)?;
                    }
                    rows += 1;
                    continue;
                }
                count_text.clear();
                if suppressed {
                    count_text.push_str("..");
                } else if shape == Shape::DecimalComma {
                    count_text.push_str(&swedish(count));
                } else {
                    write!(count_text, "{count}").map_err(std::io::Error::other)?;
                }
                field(&mut out, area, sep)?;
                field(&mut out, period, sep)?;
                field(&mut out, id, sep)?;
                field(&mut out, &count_text, b'\n')?;
                rows += 1;
            }
        }
    }
    out.flush()?;
    Ok(rows)
}
