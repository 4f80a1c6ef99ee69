"""The rates job in Python polars + scipy: read counts and population, join, rate per 100,000
with Garwood's exact 95 % interval (scipy.stats.chi2), write CSV.

    python rates_polars.py counts.csv population.csv out.csv
"""

import sys

import numpy as np
import polars as pl
from scipy.stats import chi2

PER = 100_000.0
ALPHA = 0.05

counts_path, population_path, out_path = sys.argv[1:4]
counts = pl.read_csv(
    counts_path,
    schema_overrides={"area": pl.String, "period": pl.String, "indicator": pl.String, "count": pl.Float64},
    null_values=[".."],
)
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
