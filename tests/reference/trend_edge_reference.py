#!/usr/bin/env python3
"""Reference values for the numerical edge cases of issue 18, written to trend_edge_cases.json.

The Rust unit tests in `crates/bra-indicators/src/stats/trend.rs` and `stats/compare.rs` read the
JSON (no Python at test time) and compare with 1e-9 relative, or 1e-12 absolute where the
reference is below 1e-300 (METHODS.md "Trends" and "Degenerate trends (2026-12)").

Sections:

- `normal_tail`: the two-sided normal tail P(|Z| >= |z|) = erfc(|z|/sqrt 2) at given double z
  from 0 to 38.5 (p from 1 down to 1e-324), at 50 digits with mpmath: the accuracy of the one
  function every normal p-value goes through (1e-12 relative in the test; statrs' erfc is only
  within about 1e-10 relative, libm's within 4e-16).
- `mk_tail`: Mann-Kendall on strongly trending series, n = 20...3000, monotone and
  near-monotone, with and without ties, two-sided p from about 1e-3 down past 1e-300 (and
  underflow). S and Var(S) from pymannkendall.original_test. The p-value is computed
  independently of pymannkendall's, which is 2 (1 - Phi(|z|)) and cancels (it is kept as
  `p_pymk` to show it): `p` = mpmath.erfc(|z|/sqrt 2) at 50 digits with the exact
  z = (S - sgn S)/sqrt(Var S) from the integers S and 18 Var(S); `p_scipy` =
  scipy.special.erfc(|z|/sqrt 2) in doubles as a cross-check.
- `z_test`: the pooled two-proportion z-test at extreme z (up to about 40),
  statsmodels.stats.proportion.proportions_ztest([x2, x1], [n2, n1]) (its p is
  2 * scipy.stats.norm.sf(|z|), accurate in the tail), and mpmath's erfc of the exact z as `p_mp`.
- `ols_tail`: OLS slope p-values at extreme t (|t| up to about 1e4, p down past 1e-300).
  The fixture holds the exact fit of the (double) data: slope, intercept and residual sum of
  squares in rational arithmetic (fractions), se, t and p = I_{df/(df+t^2)}(df/2, 1/2) at 50
  digits with mpmath, the interval with scipy.stats.t.ppf. statsmodels.OLS on [1, t]
  (t = time - first time; pvalues = 2 * scipy.stats.t.sf) is checked against it to 1e-8 here
  and kept as `statsmodels_se`, `statsmodels_p`: at |t| = 1e4 its QR loses digits (1.6e-9
  relative in p), so it cannot be the 1e-9 reference itself.
- `ols_degenerate`: constant series, perfect fits (exact, or exact up to the binary rounding of
  the values and times) (n = 3...30, years, quarters, months), and n = 2. What statsmodels gives there (NaN, inf, 0 or a p-value of
  rounding noise: `statsmodels_p`, `statsmodels_bse`, null for NaN/inf) is kept for the record;
  ours is empty by design (METHODS.md "Degenerate trends"): the expected slope and intercept are
  the exact line (fractions), and se, interval and p are null.
- `constant`: Mann-Kendall, Sen's slope and APC on constant series. pymannkendall gives
  S = 0, Var(S) = 0, z = 0, p = 1 (kept: given the ties every order has S = 0, so the exact
  P(|S'| >= 0) is 1); scipy's kendalltau gives NaN for tau-b (null: ours is empty). Sen's
  slope is 0 with the interval (0, 0) (every pairwise slope is 0; numpy). APC: statsmodels GLM
  Poisson with offset log(population) and phi = max(1, X^2/(n - 2)).
- `random_mk`: a batch of random trending series (n = 10...200) with Mann-Kendall p from
  mpmath as above, to 1e-9 relative everywhere (the older fixture, trend_cases.json, compares
  with pymannkendall's p with an absolute floor of 1e-12 because of its cancellation).

Run (from the repository root):
    python3 -m venv /tmp/venv-num
    /tmp/venv-num/bin/pip install numpy scipy statsmodels pymannkendall mpmath
    /tmp/venv-num/bin/python tests/reference/trend_edge_reference.py \
        > tests/reference/trend_edge_cases.json

The committed fixture was produced with Python 3.11 and the versions recorded in the JSON.
"""

import json
import math
import sys
import warnings
from fractions import Fraction
from importlib.metadata import version

import mpmath
import numpy as np
import pymannkendall as pymk
import scipy
import scipy.special as sp
import scipy.stats as st
import statsmodels.api as sm
from statsmodels.stats.proportion import proportions_ztest

SEED = 20261206
mpmath.mp.dps = 50


def fnum(x):
    """A JSON number, or null for NaN/inf/None."""
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def mp_two_sided(s, var18):
    """erfc(|z|/sqrt 2) at 50 digits for z = (S - sgn S)/sqrt(var18/18), as a double."""
    if s == 0 or var18 == 0:
        return 1.0
    num = mpmath.mpf(abs(s) - 1)
    z = num / mpmath.sqrt(mpmath.mpf(var18) / 18)
    return float(mpmath.erfc(z / mpmath.sqrt(2)))


def mk_var18(x):
    """18 Var(S) as an exact integer: n(n-1)(2n+5) - sum over tie groups t(t-1)(2t+5)."""
    n = len(x)
    _, counts = np.unique(x, return_counts=True)
    return n * (n - 1) * (2 * n + 5) - sum(int(t) * (int(t) - 1) * (2 * int(t) + 5) for t in counts)


def mk_case(kind, idx, x):
    x = np.asarray(x, dtype=float)
    mk = pymk.original_test(x)
    var18 = mk_var18(x)
    assert abs(var18 / 18 - mk.var_s) <= 1e-9 * mk.var_s, (idx, var18, mk.var_s)
    s = int(mk.s)
    z = float(mk.z)
    return {
        "id": f"{kind}-{idx:03d}",
        "n": len(x),
        "ties": bool(len(np.unique(x)) < len(x)),
        "values": [float(v) for v in x],
        "s": s,
        "var_s": float(mk.var_s),
        "z": z,
        "p": mp_two_sided(s, var18),
        "p_scipy": float(sp.erfc(abs(z) / math.sqrt(2))),
        "p_pymk": float(mk.p),
    }


def mk_tail_cases(rng):
    cases = []
    # (n, noise relative to the trend over the whole series, rounding step for ties or 0)
    plan = []
    for n in [20, 30, 50, 80, 120, 200, 300, 500, 700, 1000, 1500, 2000, 3000]:
        for noise in [0.0, 0.02, 0.1, 0.3, 0.6]:
            for step in [0.0, 1.0]:
                plan.append((n, noise, step))
    for i, (n, noise, step) in enumerate(plan):
        if n >= 1500 and noise not in (0.3, 0.6):
            continue  # keep the fixture small: the long series that do not underflow
        t = np.arange(n, dtype=float)
        sign = 1.0 if i % 2 == 0 else -1.0
        x = sign * t + rng.normal(0, 1, n) * noise * n
        if step:
            x = np.round(x / (step * max(1.0, n / 40)))  # many ties
        else:
            x = np.round(x, 3)
        cases.append(mk_case("mk-tail", i, x))
    return cases


def random_mk_cases(rng, count):
    cases = []
    for i in range(count):
        n = int(rng.integers(10, 201))
        t = np.arange(n, dtype=float)
        slope = rng.choice([0.0, 0.02, 0.05, 0.1, 0.3, 1.0]) * rng.choice([-1.0, 1.0])
        x = 50 + slope * t + rng.normal(0, 3, n)
        x = np.round(x, int(rng.choice([0, 1, 3])))
        if np.ptp(x) == 0:
            continue
        cases.append(mk_case("mk-random", i, x))
    return cases


def z_cases(rng):
    cases = []
    fixed = [
        (10, 100_000, 900, 100_000),
        (0, 50_000, 1_000, 50_000),
        (5, 1_000_000, 10_000, 1_000_000),
        (2_000, 10_000, 8_000, 10_000),
        (9_990, 10_000, 10, 10_000),
        (1, 1_000_000, 1_000, 1_000_000),
        (450, 1_000, 550, 1_000),
        (12, 487_603, 11, 487_603),
    ]
    for n1 in [1_000, 20_000, 300_000, 2_000_000]:
        for target_z in [5.5, 6.5, 8, 12, 20, 28, 34, 37.5, 39]:
            p1 = float(rng.uniform(0.05, 0.5))
            n2 = int(n1 * rng.uniform(0.5, 2.0))
            # Solve roughly for p2 that gives target_z, then round to counts.
            se0 = math.sqrt(p1 * (1 - p1) * (1 / n1 + 1 / n2))
            p2 = min(0.999, p1 + target_z * se0 * 1.05)
            fixed.append((round(p1 * n1), n1, round(p2 * n2), n2))
    for i, (x1, n1, x2, n2) in enumerate(fixed):
        zs, p = proportions_ztest([x2, x1], [n2, n1])
        pooled = Fraction(x1 + x2, n1 + n2)
        var = pooled * (1 - pooled) * (Fraction(1, n1) + Fraction(1, n2))
        diff = Fraction(x2, n2) - Fraction(x1, n1)
        z_mp = mpmath.mpf(diff.numerator) / diff.denominator / mpmath.sqrt(
            mpmath.mpf(var.numerator) / var.denominator
        )
        cases.append(
            {
                "id": f"z-{i:03d}",
                "x1": float(x1),
                "n1": float(n1),
                "x2": float(x2),
                "n2": float(n2),
                "z": float(zs),
                "p": float(p),
                "p_mp": float(mpmath.erfc(abs(z_mp) / mpmath.sqrt(2))),
            }
        )
    return cases


def ols_statsmodels(t, x, level):
    X = np.column_stack([np.ones(len(t)), t])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = sm.OLS(x, X).fit()
        ci = res.conf_int(alpha=1 - level)
    return res, ci


def mp(q):
    """A Fraction as an mpmath number."""
    return mpmath.mpf(q.numerator) / q.denominator


def ols_exact(times, x, level):
    """OLS of the doubles x on t = times - times[0] in exact rational arithmetic, then the
    standard error, t and the two-sided p = I_{df/(df+t^2)}(df/2, 1/2) at 50 digits with
    mpmath; the interval with scipy's t.ppf(1 - alpha/2, df)."""
    t = [Fraction(v) - Fraction(times[0]) for v in times]
    y = [Fraction(v) for v in x]
    n = len(t)
    tm, ym = sum(t) / n, sum(y) / n
    sxx = sum((a - tm) ** 2 for a in t)
    sxy = sum((a - tm) * (b - ym) for a, b in zip(t, y))
    slope = sxy / sxx
    intercept = ym - slope * tm
    ssr = sum((b - intercept - slope * a) ** 2 for a, b in zip(t, y))
    df = n - 2
    se = mpmath.sqrt(mp(ssr) / df / mp(sxx))
    tstat = mp(slope) / se
    p = mpmath.betainc(mpmath.mpf(df) / 2, mpmath.mpf(1) / 2, 0, df / (df + tstat**2), regularized=True)
    q = mpmath.mpf(float(st.t.ppf(1 - (1 - level) / 2, df)))
    return {
        "slope": float(slope),
        "intercept": float(intercept),
        "se": float(se),
        "t": float(tstat),
        "lower": float(mp(slope) - q * se),
        "upper": float(mp(slope) + q * se),
        "p": float(p),
    }


def ols_tail_cases(rng):
    cases = []
    levels = [0.95, 0.998, 0.9]
    i = 0
    for n in [3, 4, 5, 8, 12, 20, 30, 60, 120, 300, 1000, 3000]:
        for target_t in [8.0, 30.0, 100.0, 1e3, 1e4]:
            if n >= 1000 and target_t not in (30.0, 100.0):
                continue  # keep the fixture small
            t = np.arange(n, dtype=float) * float(rng.choice([1.0, 0.25, 1 / 12]))
            times = 2000.0 + t
            slope = float(rng.choice([-1.0, 1.0]) * rng.uniform(0.5, 20))
            noise = rng.normal(0, 1, n)
            noise -= noise.mean()
            noise -= np.dot(noise, t - t.mean()) / np.dot(t - t.mean(), t - t.mean()) * (t - t.mean())
            # t_stat = slope * sqrt(Sxx) / (sigma), sigma^2 = SSR / (n - 2)
            sxx = float(np.sum((t - t.mean()) ** 2))
            ssr1 = float(np.sum(noise**2))
            sigma1 = math.sqrt(ssr1 / max(n - 2, 1))
            k = abs(slope) * math.sqrt(sxx) / (target_t * sigma1)
            x = np.round(100.0 + slope * t + k * noise, 8)
            # Noise at least 1e-6 of the values, so the two fits agree to ~1e-12.
            if np.sqrt(np.mean((k * noise) ** 2)) < 1e-6 * np.max(np.abs(x)):
                continue
            level = levels[i % len(levels)]
            res, ci = ols_statsmodels(t, x, level)
            exact = ols_exact(times, x, level)
            # statsmodels (QR in doubles) loses digits when the residuals are tiny next to the
            # values: it stays within 1e-8 here, but the fixture holds the exact values.
            assert abs(float(res.pvalues[1]) - exact["p"]) <= 1e-8 * exact["p"] + 1e-300, (i, exact)
            assert abs(float(res.bse[1]) - exact["se"]) <= 1e-8 * exact["se"], (i, exact)
            cases.append(
                {
                    "id": f"ols-tail-{i:03d}",
                    "level": level,
                    "times": [float(v) for v in times],
                    "values": [float(v) for v in x],
                    **exact,
                    "statsmodels_se": float(res.bse[1]),
                    "statsmodels_p": float(res.pvalues[1]),
                }
            )
            i += 1
    return cases


def ols_degenerate_cases(rng):
    cases = []

    def add(why, values_num, step):
        """times = 2000 + k*step (step a Fraction); values are the exact points (Fractions),
        stored as the nearest doubles (as when "0.1" or "1523.7" is read from a file)."""
        times = [2000.0 + float(k * step) for k in range(len(values_num))]
        values = [float(v) for v in values_num]
        t = np.array(times) - times[0]
        x = np.array(values)
        res, ci = ols_statsmodels(t, x, 0.95) if len(x) > 2 else (None, None)
        # The exact line through the exact (rational) points.
        tt = [k * step for k in range(len(values_num))]
        n = len(tt)
        tm = sum(tt, Fraction(0)) / n
        xm = sum(values_num, Fraction(0)) / n
        sxx = sum((a - tm) ** 2 for a in tt)
        sxy = sum((a - tm) * (b - xm) for a, b in zip(tt, values_num))
        slope = sxy / sxx
        intercept = xm - slope * tm
        cases.append(
            {
                "id": f"ols-degenerate-{len(cases):03d}",
                "why": why,
                "times": times,
                "values": values,
                "slope": float(slope),
                "intercept": float(intercept),
                "se": None,
                "lower": None,
                "upper": None,
                "p": None,
                "statsmodels_bse": None if res is None else fnum(res.bse[1]),
                "statsmodels_p": None if res is None else fnum(res.pvalues[1]),
            }
        )

    one, quarter, month = Fraction(1), Fraction(1, 4), Fraction(1, 12)
    for n in [3, 4, 5, 7, 10, 16, 30]:
        for c in [Fraction(0), Fraction(125, 10), Fraction(15003, 10), Fraction(-7, 4)]:
            add("constant", [c] * n, [one, quarter, month][n % 3])
    for n in [3, 4, 5, 6, 10, 20, 30]:
        for a, b in [(1, 1), (Fraction(1, 10), Fraction(1, 10)), (Fraction(15237, 10), Fraction(-131, 10)),
                     (Fraction(1_000_000), Fraction(3, 10)), (Fraction(-5, 3), Fraction(2, 7))]:
            for step in [one, quarter, month]:
                values = [Fraction(a) + Fraction(b) * k * step for k in range(n)]
                add("perfect fit", values, step)
    for a, b in [(10, 4), (Fraction(15, 10), Fraction(-3, 10)), (0, 0)]:
        add("2 points", [Fraction(a), Fraction(a) + Fraction(b)], Fraction(2))
    return cases


def constant_cases(rng):
    cases = []
    for i, (n, c) in enumerate([(3, 0.0), (5, 12.5), (10, 1500.3), (11, 7.0), (30, -2.25), (100, 0.1)]):
        x = np.full(n, c)
        mk = pymk.original_test(x)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tau_b = st.kendalltau(np.arange(n), x).statistic
        times = 2010.0 + np.arange(n) * 0.25
        slopes = [(x[j] - x[k]) / (times[j] - times[k]) for k in range(n) for j in range(k + 1, n)]
        cases.append(
            {
                "id": f"constant-{i:03d}",
                "times": [float(v) for v in times],
                "values": [float(v) for v in x],
                "mk": {"s": int(mk.s), "var_s": float(mk.var_s), "z": float(mk.z), "p": float(mk.p), "tau_b": fnum(tau_b)},
                "sen": {"slope": float(np.median(slopes)), "intercept": float(np.median(x)), "lower": 0.0, "upper": 0.0},
            }
        )
    apc = []
    for i, (n, count, pop) in enumerate([(5, 40.0, 10_000.0), (8, 3.0, 2_500.0), (12, 250.0, 80_000.0)]):
        times = 2010.0 + np.arange(n)
        t = times - times[0]
        y = np.full(n, count)
        p = np.full(n, pop)
        X = np.column_stack([np.ones(n), t])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "perfect prediction": X^2 = 0, as it should be
            res = sm.GLM(y, X, family=sm.families.Poisson(), offset=np.log(p)).fit(
                method="IRLS", maxiter=200, atol=0.0, rtol=1e-15
            )
        phi = max(1.0, float(res.pearson_chi2) / (n - 2))
        se = float(res.bse[1]) * math.sqrt(phi)
        z = st.norm.ppf(0.975)
        b = float(res.params[1])
        apc.append(
            {
                "id": f"apc-constant-{i:03d}",
                "times": [float(v) for v in times],
                "counts": [float(v) for v in y],
                "populations": [float(v) for v in p],
                "b": b,
                "se_b": se,
                "dispersion": phi,
                "apc": float(100 * np.expm1(b)),
                "lower": float(100 * np.expm1(b - z * se)),
                "upper": float(100 * np.expm1(b + z * se)),
            }
        )
    return cases, apc


def normal_tail_cases():
    """(z, erfc(z/sqrt 2)) for double z from 0 to 38.5, the p-value at 50 digits (mpmath)."""
    zs = [0.0, 1e-8, 0.3, 0.674489750196, 1.0, 1.959963984540054, 2.5, 3.090232306167813]
    zs += [float(v) for v in np.linspace(3.5, 38.5, 141)]
    zs += [-2.204541, -12.25, 37.55, 38.45]
    return [{"z": z, "p": float(mpmath.erfc(abs(mpmath.mpf(z)) / mpmath.sqrt(2)))} for z in zs]


def main():
    rng = np.random.default_rng(SEED)
    mk_tail = mk_tail_cases(rng)
    random_mk = random_mk_cases(rng, 150)
    z_test = z_cases(rng)
    ols_tail = ols_tail_cases(rng)
    ols_degenerate = ols_degenerate_cases(rng)
    constant, apc_constant = constant_cases(rng)
    out = {
        "generator": "tests/reference/trend_edge_reference.py",
        "seed": SEED,
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "statsmodels": version("statsmodels"),
            "pymannkendall": version("pymannkendall"),
            "mpmath": mpmath.__version__,
        },
        "normal_tail": normal_tail_cases(),
        "mk_tail": mk_tail,
        "random_mk": random_mk,
        "z_test": z_test,
        "ols_tail": ols_tail,
        "ols_degenerate": ols_degenerate,
        "constant": constant,
        "apc_constant": apc_constant,
    }
    json.dump(out, sys.stdout, indent=None, separators=(",", ":"), allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
