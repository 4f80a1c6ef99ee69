//! Writes the national-scale data set of the benchmarks (see `national.rs`): counts for the
//! 290 real kommun codes × N crime categories × Y years (or months), and the population file.
//!
//! ```sh
//! cargo run --release -p bra-cli --example gen_national -- --out /tmp/national            # ≈ 9.6 M rows
//! cargo run --release -p bra-cli --example gen_national -- --scale 0.1 --out /tmp/n1m     # ≈ 1 M rows
//! cargo run --release -p bra-cli --example gen_national -- --monthly --out /tmp/monthly   # ≈ 115 M rows
//! ```
//!
//! Options: `--scale F` multiplies the number of categories (default 1.0: 1,100 categories;
//! 10 gives ≈ 96 M annual rows), `--categories N`, `--years Y` (30), `--first-year Y` (1996),
//! `--monthly` (periods `1996M01`...: twelve times the rows), `--suppressed F` (share of `..`
//! cells, 0.005), `--seed S` (2025), `--shape S` (`canonical`, `labels`, `names`, `cp1252`,
//! `semicolon`, `quoted`, `decimal-comma`, or `all`: one subfolder per shape, `DIR/labels/`...;
//! default `canonical`), `--out DIR` (required). Writes `DIR/counts.csv`
//! (`area,period,indicator,count` in the shape: the same rows in each), `DIR/population.csv`
//! (`area,period,population`) and `DIR/areas.csv` (`code,name`).

#[path = "national.rs"]
mod national;

use std::path::PathBuf;

/// The shapes to write: one, or all (each into its own subfolder).
enum Shapes {
    One(national::Shape),
    All,
}

fn parse_args() -> Result<(national::Config, Shapes, PathBuf), String> {
    let mut c = national::Config::default();
    let mut out = None;
    let mut shapes = Shapes::One(national::Shape::Canonical);
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--monthly" {
            c.monthly = true;
            continue;
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag}: expected a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--scale" => c.scale = value.parse().map_err(|e| bad(&e))?,
            "--categories" => c.categories = value.parse().map_err(|e| bad(&e))?,
            "--years" => c.years = value.parse().map_err(|e| bad(&e))?,
            "--first-year" => c.first_year = value.parse().map_err(|e| bad(&e))?,
            "--suppressed" => c.suppressed = value.parse().map_err(|e| bad(&e))?,
            "--seed" => c.seed = value.parse().map_err(|e| bad(&e))?,
            "--out" => out = Some(PathBuf::from(value)),
            "--shape" if value == "all" => shapes = Shapes::All,
            "--shape" => {
                shapes = Shapes::One(national::Shape::from_name(&value).ok_or_else(|| {
                    bad(&"expected canonical, labels, names, cp1252, semicolon, quoted, decimal-comma or all")
                })?)
            }
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !(c.scale > 0.0 && c.years >= 1) {
        return Err("expected a positive --scale and --years".into());
    }
    Ok((c, shapes, out.ok_or("expected --out DIR")?))
}

fn main() -> Result<(), String> {
    let (config, shapes, out) = parse_args().map_err(|e| format!("gen_national: {e}"))?;
    let jobs: Vec<(national::Shape, PathBuf)> = match shapes {
        Shapes::One(shape) => vec![(shape, out)],
        Shapes::All => national::Shape::ALL
            .into_iter()
            .map(|s| (s, out.join(s.name())))
            .collect(),
    };
    for (shape, dir) in jobs {
        let rows = national::generate_shape(&config, shape, &dir)
            .map_err(|e| format!("gen_national: {}: {e}", dir.display()))?;
        eprintln!(
            "gen_national: wrote {rows} rows ({}) to {}",
            shape.name(),
            dir.display()
        );
    }
    Ok(())
}
