"""The rates job in Python polars + scipy: read counts and population, join, rate per 100,000
with Garwood's exact 95 % interval (scipy.stats.chi2), write CSV.

    python rates_polars.py counts.csv population.csv out.csv [--sep ';'] [--encoding cp1252]
        [--decimal-comma] [--area-names areas.csv]

The options read the other shapes of the counts file as an analyst would: another separator,
Windows-1252 (polars reads UTF-8 only: the text is decoded by Python first), Swedish numbers
(`1 577,0`: read as text, then the spaces dropped and the comma made a point), kommun names
joined to their codes through a `code,name` table. Indicator labels are kept as the indicator.
"""

import argparse
import io

import numpy as np
import polars as pl
from scipy.stats import chi2

PER = 100_000.0
ALPHA = 0.05

ap = argparse.ArgumentParser()
ap.add_argument("counts")
ap.add_argument("population")
ap.add_argument("out")
ap.add_argument("--sep", default=",")
ap.add_argument("--encoding", default="utf-8")
ap.add_argument("--decimal-comma", action="store_true")
ap.add_argument("--area-names")
args = ap.parse_args()
counts_path, population_path, out_path = args.counts, args.population, args.out
source = counts_path
if args.encoding.lower().replace("-", "") not in ("utf8", "utf8sig"):
    with open(counts_path, encoding=args.encoding) as f:
        source = io.BytesIO(f.read().encode("utf-8"))
counts = pl.read_csv(
    source,
    separator=args.sep,
    schema_overrides={
        "area": pl.String,
        "period": pl.String,
        "indicator": pl.String,
        "count": pl.String if args.decimal_comma else pl.Float64,
    },
    null_values=[".."],
)
if args.decimal_comma:
    counts = counts.with_columns(
        pl.col("count").str.replace_all(" ", "").str.replace(",", ".").cast(pl.Float64)
    )
if args.area_names:
    # Kommun names to codes through the code table.
    names = pl.read_csv(args.area_names, schema_overrides={"code": pl.String, "name": pl.String})
    counts = counts.join(names, left_on="area", right_on="name", how="left", maintain_order="left")
    counts = counts.with_columns(pl.col("code").alias("area")).drop("code")
population = pl.read_csv(
    population_path,
    schema_overrides={"area": pl.String, "period": pl.String, "population": pl.Float64},
).rename({"period": "year"})
# Brå's convention: a count for year Y is divided by the population on 31 December of Y - 1.
population = population.with_columns((pl.col("year").cast(pl.Int64) + 1).cast(pl.String))
df = counts.with_columns(pl.col("period").str.slice(0, 4).alias("year")).join(
    population, on=["area", "year"], how="left", maintain_order="left"
)

x = df["count"].to_numpy()
with np.errstate(invalid="ignore"):
    lower = np.where(x == 0, 0.0, chi2.ppf(ALPHA / 2, 2 * x) / 2)
    upper = chi2.ppf(1 - ALPHA / 2, 2 * x + 2) / 2
scale = PER / pl.col("population")
df = df.with_columns(
    pl.Series("lower", lower, nan_to_null=True), pl.Series("upper", upper, nan_to_null=True)
).with_columns(
    rate=pl.col("count") * scale, lower=pl.col("lower") * scale, upper=pl.col("upper") * scale
)
df.select("area", "period", "indicator", "count", "population", "rate", "lower", "upper").write_csv(
    out_path
)
