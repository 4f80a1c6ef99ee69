"""The rates job in pandas + scipy: read counts and population, join, rate per 100,000 with
Garwood's exact 95 % interval (scipy.stats.chi2), write CSV. Written as an analyst would:
vectorised over whole columns.

    python rates_pandas.py counts.csv population.csv out.csv [--sep ';'] [--encoding cp1252]
        [--decimal-comma] [--area-names areas.csv]

The options read the other shapes of the counts file as an analyst would: another separator,
Windows-1252, Swedish numbers (`1 577,0`), kommun names joined to their codes through a
`code,name` table. Indicator labels are kept as the indicator.
"""

import argparse

import numpy as np
import pandas as pd
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
counts = pd.read_csv(
    counts_path,
    sep=args.sep,
    encoding=args.encoding,
    dtype={"area": "string", "period": "string", "indicator": "string", "count": "float64"},
    na_values=[".."],
    keep_default_na=False,
    **({"decimal": ",", "thousands": " "} if args.decimal_comma else {}),
)
if args.area_names:
    # Kommun names to codes through the code table.
    names = pd.read_csv(args.area_names, dtype="string").rename(columns={"name": "area"})
    counts = counts.merge(names, on="area", how="left")
    counts["area"] = counts["code"]
    counts = counts.drop(columns="code")
population = pd.read_csv(
    population_path, dtype={"area": "string", "period": "string", "population": "float64"}
)
counts["year"] = counts["period"].str.slice(0, 4)
population = population.rename(columns={"period": "year"})
# Brå's convention: a count for year Y is divided by the population on 31 December of Y - 1.
population["year"] = (population["year"].astype("int64") + 1).astype("string")
df = counts.merge(population, on=["area", "year"], how="left")

x = df["count"].to_numpy()
scale = PER / df["population"].to_numpy()
with np.errstate(invalid="ignore"):
    lower = np.where(x == 0, 0.0, chi2.ppf(ALPHA / 2, 2 * x) / 2)
    upper = chi2.ppf(1 - ALPHA / 2, 2 * x + 2) / 2
df["rate"] = x * scale
df["lower"] = lower * scale
df["upper"] = upper * scale
df[["area", "period", "indicator", "count", "population", "rate", "lower", "upper"]].to_csv(
    out_path, index=False
)
