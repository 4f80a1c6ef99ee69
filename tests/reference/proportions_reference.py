#!/usr/bin/env python3
"""Reference values for proportion intervals and change tests.

Writes, next to this script:
- proportion_cases.csv (count,n,level,method,lower,upper): Wilson score and Clopper-Pearson
  intervals from statsmodels.stats.proportion.proportion_confint(method="wilson" / "beta");
  `method` is written as the library's code, `wilson` or `clopper-pearson`.
- change_cases.csv (test,x1,n1,x2,n2,statistic,p_value):
  - rate-ratio-exact: p = scipy.stats.binomtest(x2, x1 + x2, n2/(n1 + n2)).pvalue (two-sided),
    statistic = rate ratio (x2/n2)/(x1/n1), empty when x1 = 0;
  - two-proportion-z: statsmodels.stats.proportion.proportions_ztest([x2, x1], [n2, n1])
    (pooled variance, two-sided), so statistic z = (p2 - p1)/se.

Run (from the repository root, in a throwaway virtual environment):

    python3 -m venv /tmp/venv-prop
    /tmp/venv-prop/bin/pip install numpy scipy statsmodels
    /tmp/venv-prop/bin/python tests/reference/proportions_reference.py

The committed CSV files were made with Python 3.11.7, NumPy 2.4.6, SciPy 1.17.1 and
statsmodels 0.15.0. The output is deterministic (fixed seed); numbers are written at full
precision (repr).
"""

import csv
import math
import random
import sys
from pathlib import Path

import numpy as np
import scipy
import statsmodels
from scipy.stats import binomtest
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

HERE = Path(__file__).parent
METHODS = {"wilson": "wilson", "clopper-pearson": "beta"}


def num(x):
    """Whole numbers as integers, others at full precision."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def proportion_rows(rng):
    cases = [
        # PHE test data (METHODS.md, "Proportions")
        (65, 100), (1, 100), (999, 3456), (1045, 5000),
        # edges: none, all, tiny n
        (0, 1), (1, 1), (0, 10), (10, 10), (0, 1000), (1000, 1000), (1, 2), (5, 20),
        (0, 250000), (250000, 250000), (1, 250000), (249999, 250000),
        # weighted (non-integer) counts, as survey estimates times n can give
        (12.5, 40), (0.5, 3), (333.3, 1000),
    ]
    while len(cases) < 60:
        n = round(10 ** rng.uniform(0.5, 6))
        if rng.random() < 0.3:
            count = rng.randint(0, min(n, 15))
        else:
            count = rng.randint(0, n)
        cases.append((count, n))
    levels = [0.95, 0.998, 0.9, 0.99]
    rows = []
    for i, (count, n) in enumerate(cases):
        # every case at 95 % and 99.8 %, and one of the others in turn
        for level in (0.95, 0.998, levels[2 + i % 2]):
            for code, sm_method in METHODS.items():
                lo, up = proportion_confint(count, n, alpha=1 - level, method=sm_method)
                rows.append([num(count), num(n), repr(level), code,
                             repr(float(lo)), repr(float(up))])
    return rows


def rate_ratio_rows(rng):
    cases = [
        (10, 10000, 20, 10000), (20, 10000, 10, 10000), (0, 5000, 3, 5000), (3, 5000, 0, 5000),
        (1577, 13391, 1480, 13472), (65, 100, 65, 100), (5, 1000, 5, 2000), (1, 100, 9, 100),
        (100000, 10000000, 101000, 10050000), (9856, 12345, 9500, 12400),
        (4, 3, 4, 3), (7, 1, 7, 1), (0, 100, 1, 100), (250, 220, 222, 3215),
        (12, 3000, 30, 3100), (30, 3100, 12, 3000),
    ]
    while len(cases) < 50:
        n1 = round(10 ** rng.uniform(2, 7))
        n2 = round(n1 * rng.uniform(0.8, 1.25))
        scale = 10 ** rng.uniform(0, 5)
        rate = rng.uniform(0.001, 0.2)
        c1 = min(round(scale * rng.random()), round(n1 * rate))
        c2 = max(0, round(c1 * n2 / n1 * rng.uniform(0.7, 1.4)))
        if c1 + c2 == 0:
            continue
        cases.append((c1, n1, c2, n2))
    rows = []
    for c1, n1, c2, n2 in cases:
        p = binomtest(c2, c1 + c2, n2 / (n1 + n2)).pvalue
        ratio = "" if c1 == 0 else repr((c2 / n2) / (c1 / n1))
        rows.append(["rate-ratio-exact", c1, n1, c2, n2, ratio, repr(float(p))])
    return rows


def ztest_rows(rng):
    cases = [
        (65, 100, 50, 100), (999, 3456, 1045, 5000), (1, 100, 5, 100), (0, 50, 3, 50),
        (30, 30, 25, 30), (412, 1520, 388, 1497), (5000, 20000, 5300, 20000),
        (10, 12, 3, 12),
    ]
    while len(cases) < 30:
        n1 = round(10 ** rng.uniform(1, 5))
        n2 = round(10 ** rng.uniform(1, 5))
        p1 = rng.uniform(0.02, 0.98)
        p2 = min(max(p1 + rng.uniform(-0.1, 0.1), 0.0), 1.0)
        cases.append((round(p1 * n1), n1, round(p2 * n2), n2))
    rows = []
    for x1, n1, x2, n2 in cases:
        z, p = proportions_ztest([x2, x1], [n2, n1])
        rows.append(["two-proportion-z", x1, n1, x2, n2, repr(float(z)), repr(float(p))])
    return rows


def write(name, header, rows):
    with (HERE / name).open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {len(rows)} cases to {HERE / name}")


def main():
    rng = random.Random(20240602)
    write("proportion_cases.csv", ["count", "n", "level", "method", "lower", "upper"],
          proportion_rows(rng))
    write("change_cases.csv", ["test", "x1", "n1", "x2", "n2", "statistic", "p_value"],
          rate_ratio_rows(rng) + ztest_rows(rng))
    print(f"Python {sys.version.split()[0]}, NumPy {np.__version__}, SciPy {scipy.__version__}, "
          f"statsmodels {statsmodels.__version__}")


if __name__ == "__main__":
    main()
