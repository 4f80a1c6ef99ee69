#!/usr/bin/env python3
"""Reference values for `bra_indicators::stats::trend`, written to trend_cases.json.

Independent implementations the Rust unit tests in `crates/bra-indicators/src/stats/trend.rs`
compare against (relative tolerance about 1e-9, see the tests):

- Mann-Kendall: pymannkendall.original_test (s, var_s, z, p, Tau) on every series (it only
  looks at the values, in time order); Kendall tau-b from scipy.stats.kendalltau(times, values);
  for n <= 10 without ties also the exact two-sided p of scipy.stats.kendalltau(method="exact").
- Sen's slope: pymannkendall.sens_slope assumes unit spacing (its slopes are divided by the
  index difference), so it is used only on unit-spaced series (`sen_pymk`). For every series,
  including gapped and sub-annual ones, the Sen slope is recomputed here in numpy as the median
  of the pairwise slopes (x_j - x_i)/(t_j - t_i) with the real times, the intercept as
  median(x) - slope * median(t) with t = time - first time, and the confidence interval by the
  rank rule of METHODS.md implemented independently: C = z * sqrt(Var(S)) (Var(S) from
  pymannkendall, tie-corrected), lower = rank round((N - C)/2), upper = rank
  round((N + C)/2 + 1), 1-based into the sorted slopes, numpy's round-half-to-even; a rank below
  1 or above N gives null.
- OLS: scipy.stats.linregress(t, values) with t = time - first time (so the intercept is the
  value at the first period); CI = slope -/+ scipy.stats.t.ppf(1 - alpha/2, n - 2) * stderr;
  p = linregress's two-sided pvalue (null for a constant series, where scipy gives NaN). Exact or nearly exact straight lines are not generated
  (|r| > 1 - 1e-9), because scipy's p-value for them depends on its internal TINY constant.
- APC: statsmodels GLM(Poisson, log link) of counts on [1, t] with offset log(population),
  fitted by IRLS to a tight tolerance; phi = max(1, pearson_chi2 / (n - 2)); se(b) =
  bse(b) * sqrt(phi); apc = 100 (e^b - 1), CI = 100 (e^(b -/+ z se) - 1).

Series are seeded and deterministic: lengths 3-30; integer-valued (many ties), one-decimal and
full real values; unit-spaced years, years with some skipped, quarters (k * 0.25) and months
(k / 12), with and without gaps; a few constant series; count series with populations,
including zero counts.

Run (from the repository root):
    python3 -m venv /tmp/venv-ref
    /tmp/venv-ref/bin/pip install numpy scipy statsmodels pymannkendall
    /tmp/venv-ref/bin/python tests/reference/trend_reference.py > tests/reference/trend_cases.json

The committed fixture was produced with Python 3 and numpy 2.4.6, scipy 1.17.1,
statsmodels 0.15.0, pymannkendall 1.4.3 (the versions are also recorded in the JSON).
"""

import json
import math
import sys
import warnings
from importlib.metadata import version

import numpy as np
import pymannkendall as pymk
import scipy
import scipy.stats as st
import statsmodels.api as sm

SEED = 20240601
N_SERIES = 330
N_APC = 130
LEVELS = [0.95, 0.95, 0.95, 0.998, 0.9]


def fnum(x):
    """A JSON number, or null for NaN/inf/None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def make_times(rng, n):
    """Times in years: unit-spaced, gapped years, quarters or months (with or without gaps)."""
    scheme = rng.choice(["unit", "unit", "gapped", "quarter", "quarter-gapped", "month"])
    start = int(rng.integers(1996, 2015))
    if scheme == "unit":
        steps = np.arange(n)
        step = 1.0
    elif scheme == "gapped":
        steps = np.sort(rng.choice(np.arange(n + int(rng.integers(1, 8))), n, replace=False))
        step = 1.0
    elif scheme == "quarter":
        steps = np.arange(n)
        step = 0.25
    elif scheme == "quarter-gapped":
        steps = np.sort(rng.choice(np.arange(n + int(rng.integers(1, 6))), n, replace=False))
        step = 0.25
    else:
        steps = np.arange(n)
        step = 1.0 / 12.0
    times = start + steps * step
    unit = bool(scheme == "unit" or (scheme == "gapped" and steps[-1] - steps[0] == n - 1))
    return scheme, times.astype(float), unit


def make_values(rng, t):
    n = len(t)
    kind = rng.choice(["int-few", "int", "one-decimal", "real", "rate"])
    slope = rng.normal(0, 1) * rng.choice([0.0, 0.3, 1.0, 3.0])
    if kind == "int-few":  # heavy ties
        x = np.round(rng.integers(0, 4, n) + slope * 0.3 * t)
    elif kind == "int":
        x = np.round(rng.normal(20, 5, n) + slope * t)
    elif kind == "one-decimal":
        x = np.round(rng.normal(50, 4, n) + slope * t, 1)
    elif kind == "real":
        x = rng.normal(0, 1, n) * 3.7 + slope * t
    else:  # rates per 100,000, like the METHODS.md example
        x = np.round(1500 + slope * 10 * t + rng.normal(0, 25, n), 1)
    return kind, x.astype(float)


def sen_numpy(times, x, var_s, level):
    n = len(x)
    slopes = np.array(
        [(x[j] - x[i]) / (times[j] - times[i]) for i in range(n) for j in range(i + 1, n)]
    )
    slope = float(np.median(slopes))
    t = times - times[0]
    intercept = float(np.median(x) - slope * np.median(t))
    big_n = len(slopes)
    z = st.norm.ppf(1 - (1 - level) / 2)
    c = z * math.sqrt(var_s)
    lo_rank = int(np.round((big_n - c) / 2))
    hi_rank = int(np.round((big_n + c) / 2 + 1))
    srt = np.sort(slopes)
    lower = float(srt[lo_rank - 1]) if 1 <= lo_rank <= big_n else None
    upper = float(srt[hi_rank - 1]) if 1 <= hi_rank <= big_n else None
    return {
        "slope": slope,
        "intercept": intercept,
        "lower": lower,
        "upper": upper,
        "n_slopes": big_n,
        "lower_rank": lo_rank,
        "upper_rank": hi_rank,
    }


def series_case(rng, idx, constant=False):
    while True:
        n = int(rng.integers(3, 31))
        scheme, times, unit = make_times(rng, n)
        if constant:
            kind, x = "constant", np.full(n, float(rng.choice([0.0, 12.5, 1500.3])))
            break
        kind, x = make_values(rng, times)
        if np.ptp(x) == 0:
            continue
        r = st.linregress(times - times[0], x).rvalue
        if abs(r) <= 1 - 1e-9:
            break
    level = float(rng.choice(LEVELS))
    t = times - times[0]

    mk = pymk.original_test(x)
    ties = len(np.unique(x)) < n
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tau-b of a constant series is NaN (null in JSON)
        tau_b = st.kendalltau(times, x).statistic
    p_exact = None
    if n <= 10 and not ties:
        p_exact = float(st.kendalltau(times, x, method="exact").pvalue)

    case = {
        "id": f"series-{idx:03d}",
        "scheme": scheme,
        "kind": kind,
        "unit_spaced": unit,
        "level": level,
        "times": [float(v) for v in times],
        "values": [float(v) for v in x],
        "mk": {
            "s": int(mk.s),
            "var_s": float(mk.var_s),
            "z": float(mk.z),
            "p": float(mk.p),
            "tau_a": float(mk.Tau),
            "tau_b": fnum(tau_b),
            "p_exact": p_exact,
        },
        "sen": sen_numpy(times, x, float(mk.var_s), level),
    }
    if unit:
        ss = pymk.sens_slope(x)
        case["sen_pymk"] = {"slope": float(ss.slope), "intercept": float(ss.intercept)}

    lr = st.linregress(t, x)
    tq = st.t.ppf(1 - (1 - level) / 2, n - 2)
    # For a constant series scipy gives NaN stderr/p (null here); ours: se 0, p 1.
    case["ols"] = {
        "slope": float(lr.slope),
        "intercept": float(lr.intercept),
        "stderr": fnum(lr.stderr),
        "lower": fnum(lr.slope - tq * lr.stderr),
        "upper": fnum(lr.slope + tq * lr.stderr),
        "p": fnum(lr.pvalue),
    }
    return case


def apc_case(rng, idx):
    while True:
        n = int(rng.integers(3, 31))
        scheme, times, _ = make_times(rng, n)
        t = times - times[0]
        pop = np.round(rng.uniform(2_000, 200_000) * (1 + rng.normal(0.005, 0.01) * t))
        base = rng.choice([2e-4, 1e-3, 1e-2, 0.1])
        b_true = rng.normal(0, 0.04)
        mu = pop * base * np.exp(b_true * t)
        if rng.random() < 0.5:
            y = rng.poisson(mu).astype(float)
        else:  # overdispersed: negative binomial with the same mean
            k = rng.choice([2.0, 10.0, 50.0])
            y = rng.negative_binomial(k, k / (k + mu)).astype(float)
        nz = np.flatnonzero(y)
        if len(nz) == 0:
            continue
        if len(np.unique(times[nz])) == 1 and nz[0] in (0, n - 1):
            continue  # no finite maximum-likelihood slope
        if n >= 4 and rng.random() < 0.15 and y[1] > 0:
            y[1] = 0.0  # make sure some series hold a zero count
        break
    level = float(rng.choice(LEVELS))
    X = np.column_stack([np.ones(n), t])
    model = sm.GLM(y, X, family=sm.families.Poisson(), offset=np.log(pop))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tight tolerance may run to maxiter: still converged
        res = model.fit(method="IRLS", maxiter=200, atol=0.0, rtol=1e-15)
        # statsmodels takes bse from the last weighted least-squares step, whose weights come
        # from the previous iterate; refit from the converged parameters so that they are the
        # weights at the solution (otherwise bse can be ~1e-10 relative off).
        res = model.fit(method="IRLS", maxiter=200, atol=0.0, rtol=1e-15, start_params=res.params)
    a, b = (float(v) for v in res.params)
    fitted = np.exp(np.log(pop) + a + b * t)
    score = np.array([np.sum(y - fitted), np.sum(t * (y - fitted))])
    assert np.all(np.abs(score) <= 1e-7 * (1 + np.sum(y))), (idx, score)
    phi = max(1.0, float(res.pearson_chi2) / (n - 2))
    se = float(res.bse[1]) * math.sqrt(phi)
    z = st.norm.ppf(1 - (1 - level) / 2)
    return {
        "id": f"apc-{idx:03d}",
        "scheme": scheme,
        "level": level,
        "times": [float(v) for v in times],
        "counts": [float(v) for v in y],
        "populations": [float(v) for v in pop],
        "a": a,
        "b": b,
        "se_b": se,
        "dispersion": phi,
        "pearson_chi2": float(res.pearson_chi2),
        "apc": float(100 * np.expm1(b)),
        "lower": float(100 * np.expm1(b - z * se)),
        "upper": float(100 * np.expm1(b + z * se)),
    }


def main():
    rng = np.random.default_rng(SEED)
    series = [series_case(rng, i) for i in range(N_SERIES)]
    series += [series_case(rng, N_SERIES + i, constant=True) for i in range(4)]
    apc = [apc_case(rng, i) for i in range(N_APC)]
    out = {
        "generator": "tests/reference/trend_reference.py",
        "seed": SEED,
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": sm.__version__ if hasattr(sm, "__version__") else version("statsmodels"),
            "pymannkendall": version("pymannkendall"),
        },
        "series": series,
        "apc": apc,
    }
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"), allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
