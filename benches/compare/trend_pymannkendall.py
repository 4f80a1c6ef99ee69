"""The trend job with pymannkendall: Mann-Kendall test and Sen's slope for every area ×
indicator series of a rates table (the output of `bra rates`), series in period order,
periods without a rate left out. Reading uses polars; the series are cut with numpy so that
only pymannkendall's own time is left to compare.

    python trend_pymannkendall.py rates.csv out.csv
"""

import sys

import numpy as np
import polars as pl
import pymannkendall as mk

rates_path, out_path = sys.argv[1:3]
df = (
    pl.read_csv(
        rates_path,
        columns=["area", "period", "indicator", "rate"],
        schema_overrides={"area": pl.String, "period": pl.String, "indicator": pl.String, "rate": pl.Float64},
    )
    .drop_nulls("rate")
    .sort(["area", "indicator", "period"])
)
area = df["area"].to_numpy()
indicator = df["indicator"].to_numpy()
rate = df["rate"].to_numpy()
change = np.flatnonzero((area[1:] != area[:-1]) | (indicator[1:] != indicator[:-1])) + 1
bounds = np.concatenate(([0], change, [len(rate)]))
rows = []
for a, b in zip(bounds[:-1], bounds[1:]):
    x = rate[a:b]
    if len(x) < 3:
        continue
    r = mk.original_test(x)
    rows.append((area[a], indicator[a], len(x), r.s, r.var_s, r.z, r.p, r.Tau, r.slope, r.intercept))
pl.DataFrame(
    rows,
    schema=["area", "indicator", "n", "s", "var_s", "z", "p", "tau", "slope", "intercept"],
    orient="row",
).write_csv(out_path)
