#!/usr/bin/env python3
"""Reference values for the kommun profile and empirical-Bayes smoothing -> profile_cases.json.

Run (from the repository root, in a throwaway virtual environment):

    python3 -m venv /tmp/venv-num
    /tmp/venv-num/bin/pip install numpy pandas
    /tmp/venv-num/bin/python tests/reference/profile_reference.py

Deterministic (fixed seed). As ../shared/METHODS.md fixes them:
- profile: min, q25, median, q75, max by pandas' `Series.quantile` (linear interpolation),
  ranks by pandas' `Series.rank(method="min")`, ascending for lower-is-better, descending for
  higher-is-better (1 = best; ties share the smallest rank);
- smoothing (Marshall 1991, global estimator), written here with numpy from the formula:
  r = x/n, m = sum x / sum n, s2 = sum n (r - m)^2 / sum n, A = max(0, s2 - m / (sum n / k)),
  C = A / (A + m/n), smoothed = (m + C (r - m)) * 100000, shrinkage = 1 - C; m = 0 gives 0 and 1.
"""

import json
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd

OUT = Path(__file__).with_name("profile_cases.json")


def profile_case(values):
    s = pd.Series(values, dtype=float)
    return {
        "values": values,
        "min": float(s.min()),
        "q25": float(s.quantile(0.25)),
        "median": float(s.quantile(0.5)),
        "q75": float(s.quantile(0.75)),
        "max": float(s.max()),
        "rank_lower": [int(v) for v in s.rank(method="min", ascending=True)],
        "rank_higher": [int(v) for v in s.rank(method="min", ascending=False)],
    }


def smoothing_case(counts, populations):
    x, n = np.array(counts, dtype=float), np.array(populations, dtype=float)
    k = len(x)
    m = x.sum() / n.sum()
    if m == 0:
        smoothed, shrinkage = np.zeros(k), np.ones(k)
    else:
        r = x / n
        s2 = (n * (r - m) ** 2).sum() / n.sum()
        a = max(0.0, s2 - m / (n.sum() / k))
        c = a / (a + m / n)
        smoothed, shrinkage = (m + c * (r - m)) * 100000.0, 1.0 - c
    return {"counts": counts, "populations": populations,
            "smoothed": [float(v) for v in smoothed], "shrinkage": [float(v) for v in shrinkage]}


def main():
    rng = random.Random(20261219)
    profile = [profile_case([5.0]), profile_case([3.0, 3.0, 3.0]), profile_case([1.0, 2.0, 3.0, 4.0])]
    while len(profile) < 120:
        k = rng.choice([2, 3, 5, 7, 10, 12, 26, 49, 290])
        if rng.random() < 0.3:
            values = [float(rng.randrange(0, 8)) for _ in range(k)]  # many ties
        else:
            values = [round(rng.lognormvariate(7, 0.5), rng.choice([0, 1, 3, 12])) for _ in range(k)]
        profile.append(profile_case(values))
    smoothing = [smoothing_case([0, 0, 0], [1000, 2000, 3000]),
                 smoothing_case([10, 20], [1000, 2000]),
                 smoothing_case([30, 1000, 1200], [2000, 100000, 110000])]
    while len(smoothing) < 120:
        k = rng.choice([2, 3, 5, 10, 26, 49, 290])
        rate = rng.choice([0.0005, 0.005, 0.05, 0.12])
        populations = [float(int(rng.lognormvariate(9.6, 1.0)) + 1000) for _ in range(k)]
        counts = [float(np.random.default_rng(rng.randrange(2**32)).poisson(rate * n * rng.uniform(0.5, 1.8)))
                  for n in populations]
        smoothing.append(smoothing_case(counts, populations))
    OUT.write_text(json.dumps({
        "generator": f"profile_reference.py; Python {sys.version.split()[0]}, pandas {pd.__version__}, NumPy {np.__version__}",
        "profile": profile, "smoothing": smoothing}, indent=1) + "\n")
    print(f"{OUT}: {len(profile)} profile cases, {len(smoothing)} smoothing cases")


if __name__ == "__main__":
    main()
