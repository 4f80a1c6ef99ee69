#!/usr/bin/env python3
"""Reference values for count intervals of rates per `per` inhabitants -> rate_cases.csv.

Run (from the repository root, in a throwaway virtual environment):

    python3 -m venv /tmp/venv-prop
    /tmp/venv-prop/bin/pip install numpy scipy statsmodels
    /tmp/venv-prop/bin/python tests/reference/rates_reference.py

The committed rate_cases.csv was made with Python 3.11.7, NumPy 2.4.6 and SciPy 1.17.1.
The output is deterministic (fixed seed); numbers are written at full precision (repr).

Methods, as ../../../shared/METHODS.md ("Rates per 100,000") fixes them, with alpha = 1 - level
and z = Phi^-1(1 - alpha/2):
- exact (Garwood): L = chi2.ppf(alpha/2, 2x)/2, U = chi2.ppf(1 - alpha/2, 2x + 2)/2; L = 0 at x = 0.
- byar: L = x(1 - 1/(9x) - z/(3 sqrt x))^3, U = (x + 1)(1 - 1/(9(x + 1)) + z/(3 sqrt(x + 1)))^3.
- normal (Wald): x -/+ z sqrt(x).
A lower limit below 0 is set to 0. At x = 0 every method gives L = 0 and the exact upper limit.
Count limits are divided by the population and multiplied by `per`.
Columns: count,population,per,level,method,rate,lower,upper.
"""

import csv
import math
import random
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.stats import chi2, norm

OUT = Path(__file__).with_name("rate_cases.csv")


def exact_upper(x, alpha):
    return chi2.ppf(1 - alpha / 2, 2 * x + 2) / 2


def count_limits(x, level, method):
    alpha = 1 - level
    z = norm.ppf(1 - alpha / 2)
    if x == 0:
        return 0.0, exact_upper(x, alpha)
    if method == "exact":
        return chi2.ppf(alpha / 2, 2 * x) / 2, exact_upper(x, alpha)
    if method == "byar":
        lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
        upper = (x + 1) * (1 - 1 / (9 * (x + 1)) + z / (3 * math.sqrt(x + 1))) ** 3
        return max(lower, 0.0), upper
    if method == "normal":
        return max(x - z * math.sqrt(x), 0.0), x + z * math.sqrt(x)
    raise ValueError(method)


def main():
    rng = random.Random(20240601)
    rows = []
    # PHE test data (METHODS.md reference table), per 100,000, at 95 % and 99.8 %.
    phe = [(1, 100), (5, 100), (20, 100), (65, 100), (9856, 12345), (222, 3215), (250, 220)]
    for count, population in phe:
        for level in (0.95, 0.998):
            for method in ("exact", "byar", "normal"):
                rows.append((count, population, 100000, level, method))
    counts = [0, 1, 2, 3, 5, 9, 10, 11, 20, 65, 100, 222, 1000, 9856, 12345, 100000]
    levels = [0.95, 0.998, 0.9, 0.99]
    for count in counts:
        for method in ("exact", "byar", "normal"):
            for level in levels:
                # log-uniform population from 100 to 10,000,000
                population = round(10 ** rng.uniform(2, 7))
                per = rng.choice([100000, 100000, 100000, 1000, 10000])
                rows.append((count, population, per, level, method))
    # Large counts: the exact limits of counts from 10^5 up (a national monthly table sums to a
    # few million; a broken file can hold anything: the fuzzer found 3.3e58), at the four levels.
    for count in [100000, 999999, 1000000, 1234567, 10**7, 10**9, 10**12, 10**15, 1e20,
                  1e30, 3.3e58]:
        for level in levels:
            rows.append((count, 10_000_000, 100000, level, "exact"))
    with OUT.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["count", "population", "per", "level", "method", "rate", "lower", "upper"])
        for count, population, per, level, method in rows:
            lo, up = count_limits(count, level, method)
            rate = count / population * per
            w.writerow([count, population, per, level, method,
                        repr(float(rate)), repr(float(lo / population * per)),
                        repr(float(up / population * per))])
    print(f"wrote {len(rows)} cases to {OUT} (Python {sys.version.split()[0]}, "
          f"NumPy {np.__version__}, SciPy {scipy.__version__})")


if __name__ == "__main__":
    main()
