#!/usr/bin/env python3
"""Empirical-Bayes smoothed rates of the kommuner of Västmanlands län on data/samples, with
numpy from the formula -> tests/fixtures/profile/smoothed_vastmanland.csv.

Run (from the repository root):

    /tmp/venv-num/bin/python tests/reference/smoothing_samples_reference.py

Input: tests/golden/rates.csv (`bra rates` on data/samples, kept by the golden-output test).
For every indicator and period, over the kommuner of Västmanlands län (codes 19xx) with a
count and a positive population (the comparison set of `bra chart funnel|trend --smooth eb`):
Marshall's global estimator (Marshall 1991), r = x/n, m = Σx/Σn,
s² = Σn(r − m)²/Σn, A = max(0, s² − m/(Σn/k)), C = A/(A + m/n),
smoothed = (m + C(r − m)) · 100 000, shrinkage = 1 − C; m = 0 gives 0 and 1.
"""

from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]


def marshall(x, n):
    x, n = np.asarray(x, float), np.asarray(n, float)
    k = len(x)
    m = x.sum() / n.sum()
    if m == 0:
        return np.zeros(k), np.ones(k)
    r = x / n
    s2 = (n * (r - m) ** 2).sum() / n.sum()
    a = max(0.0, s2 - m / (n.sum() / k))
    c = a / (a + m / n)
    return (m + c * (r - m)) * 100000.0, 1.0 - c


def main():
    rates = pd.read_csv(ROOT / "tests/golden/rates.csv", dtype={"area": str, "period": str})
    rates = rates[(rates["group"] == "total") & rates["area"].str.match(r"^19\d\d$")]
    rates = rates[rates["count"].notna() & (rates["population"] > 0)]
    out = []
    for (indicator, period), rows in rates.groupby(["indicator", "period"]):
        if len(rows) < 2:
            continue
        smoothed, shrinkage = marshall(rows["count"], rows["population"])
        for area, s, k in zip(rows["area"], smoothed, shrinkage):
            out.append({"area": area, "period": period, "indicator": indicator,
                        "smoothed": s, "shrinkage": k})
    path = ROOT / "tests/fixtures/profile/smoothed_vastmanland.csv"
    pd.DataFrame(out).to_csv(path, index=False, float_format="%.17g")
    print(f"{path}: {len(out)} rows")


if __name__ == "__main__":
    main()
