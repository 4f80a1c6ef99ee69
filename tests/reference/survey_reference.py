#!/usr/bin/env python3
"""Reference values for `bra survey` and `bra compare` on data/samples and the survey fixtures.

Writes survey_cases.csv beside this script: `case,key,field,expected`, where `case` names a
command that tests/it/survey.rs runs, `key` names an output row (`area|period|indicator`, or
`area|indicator` for the change table) and `expected` is a number at full precision (compared
with a relative tolerance) or a text (compared exactly). Computed independently of the Rust
code:

- shares: statsmodels `proportion_confint` (method "wilson" / "beta" for Clopper-Pearson);
- published standard errors: value ± scipy.stats.norm.ppf(1 - α/2) · se, cut to 0-100;
- rates: PHE's formulas (METHODS.md) with scipy's chi-square quantiles (Garwood exact below
  10 events, Byar's from 10);
- the Fingertips rule (METHODS.md) written out below;
- change: scipy.stats.binomtest (rate-ratio-exact), statsmodels proportions_ztest
  (two-proportion-z), and interval overlap.

The cases and their commands (run from the repository root):
  survey-shares-wilson   bra survey --input tests/fixtures/survey/shares_counts.csv
  survey-shares-cp998    ... --ci clopper-pearson --level 0.998
  survey-mu              bra survey --input data/samples/mu.csv
  compare-rates-19       bra rates ... (data/samples) -o rates.csv; bra compare --input rates.csv --benchmark 19
  compare-ntu-00         bra compare --input data/samples/ntu.csv --benchmark 00 --areas data/samples/areas.toml
  compare-mu-00          bra compare --input data/samples/mu.csv --benchmark 00
  change-rates           bra compare --input rates.csv --between 2019,2024
  change-mu              bra compare --input data/samples/mu.csv --between 2019,2023
  change-ntu             bra compare --input data/samples/ntu.csv --between 2019,2022 --areas data/samples/areas.toml

Run in a throwaway virtual environment:

    python3 -m venv /tmp/venv-survey
    /tmp/venv-survey/bin/pip install numpy scipy statsmodels
    /tmp/venv-survey/bin/python tests/reference/survey_reference.py

Made with Python 3.11, NumPy 2.4.6, SciPy 1.17.1 and statsmodels 0.15.0.
"""

import csv
import math
from pathlib import Path

from scipy.stats import binomtest, chi2, norm
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SAMPLES = ROOT / "data" / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "survey"
LOWER_IS_BETTER = {"ntu.utsatt_enskild_person", "ntu.otrygghet", "ntu.oro_brottslighet"}
HIGHER_IS_BETTER = {"ntu.fortroende_rattsvasendet", "mu.trygghet", "mu.trygg_kvall"}

rows = []


def add(case, key, field, value):
    if isinstance(value, float):
        value = repr(value)
    elif isinstance(value, bool):
        value = "true" if value else "false"
    rows.append([case, key, field, str(value)])


def z(level):
    return float(norm.ppf(1 - (1 - level) / 2))


def share_interval(x, n, level, method):
    lo, up = proportion_confint(x, n, alpha=1 - level, method=method)
    lo, up = max(float(lo), 0.0), min(float(up), 1.0)
    if x == 0:
        lo = 0.0
    if x == n:
        up = 1.0
    return 100 * lo, 100 * up


def count_interval(x, level):
    """PHE: exact (Garwood) below 10 events, Byar's from 10; lower limit at least 0."""
    a = 1 - level
    if x < 10:
        lo = 0.0 if x == 0 else chi2.ppf(a / 2, 2 * x) / 2
        return float(lo), float(chi2.ppf(1 - a / 2, 2 * x + 2) / 2), "exact"
    zz = z(level)
    lo = x * (1 - 1 / (9 * x) - zz / (3 * math.sqrt(x))) ** 3
    up = (x + 1) * (1 - 1 / (9 * (x + 1)) + zz / (3 * math.sqrt(x + 1))) ** 3
    return max(lo, 0.0), up, "byar"


def fingertips(i95, i998, bench, polarity):
    """METHODS.md: (comparison, assessment)."""
    if i95 is None or bench is None:
        return "not compared", "not compared"
    lo, up = i95
    comparison = "higher" if bench < lo else "lower" if bench > up else "similar"
    if polarity == "neutral":
        return comparison, "not compared"
    if comparison == "similar":
        return comparison, "similar"
    much = False
    if i998 is not None:
        l2, u2 = i998
        much = (bench < l2) if comparison == "higher" else (bench > u2)
    good = (comparison == "lower") == (polarity == "lower")
    return comparison, ("much " if much else "") + ("better" if good else "worse")


def polarity_of(indicator):
    if indicator.startswith("brott.") or indicator in LOWER_IS_BETTER:
        return "lower"
    if indicator in HIGHER_IS_BETTER:
        return "higher"
    return "neutral"


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def num(s):
    return None if s in ("", "..", ".") else float(s)


# --- bra survey on count and n -------------------------------------------------------------
for case, level, method in (("survey-shares-wilson", 0.95, "wilson"),
                            ("survey-shares-cp998", 0.998, "beta")):
    for r in read(FIXTURES / "shares_counts.csv"):
        x, n = float(r["count"]), float(r["n"])
        lo, up = share_interval(x, n, level, method)
        key = f"{r['area']}|{r['period']}|{r['indicator']}"
        add(case, key, "value", 100 * x / n)
        add(case, key, "lower", lo)
        add(case, key, "upper", up)
        add(case, key, "level", level)
        add(case, key, "method", "wilson" if method == "wilson" else "clopper-pearson")

# --- bra survey on the citizen-survey sample ------------------------------------------------
mu = read(SAMPLES / "mu.csv")


def mu_interval(r, level):
    """The interval of a citizen-survey row at `level`, as bra makes it (None when only a
    published 95 % interval or standard error can give the 95 % one)."""
    v, n, se = num(r["value"]), num(r["n"]), num(r["se"])
    if r["indicator"] == "mu.trygg_kvall":
        return share_interval(v / 100 * n, n, level, "wilson")
    if se is not None and level == 0.95:
        h = z(0.95) * se
        return max(v - h, 0.0), min(v + h, 100.0)
    return None


for r in mu:
    key = f"{r['area']}|{r['period']}|{r['indicator']}"
    lo, up = mu_interval(r, 0.95)
    add("survey-mu", key, "lower", lo)
    add("survey-mu", key, "upper", up)
    add("survey-mu", key, "method", "wilson" if r["indicator"] == "mu.trygg_kvall" else "published-se")
    if r["indicator"] == "mu.trygg_kvall":
        add("survey-mu", key, "count", num(r["value"]) / 100 * num(r["n"]))

# --- bra compare on the rates of data/samples, benchmark Västmanlands län (19) --------------
counts = read(SAMPLES / "counts.csv")
population = {(r["area"], r["period"]): float(r["population"]) for r in read(SAMPLES / "population.csv")}
rate_rows = {}
for r in counts:
    c = num(r["count"])
    if c is None:
        continue
    rate_rows[(r["area"], r["period"], r["indicator"])] = (c, population[(r["area"], r["period"])])

for (area, period, indicator), (c, p) in rate_rows.items():
    if area not in ("1982", "1904"):
        continue
    key = f"{area}|{period}|{indicator}"
    scale = 100_000 / p
    l95, u95, method = count_interval(c, 0.95)
    l998, u998, _ = count_interval(c, 0.998)
    bc, bp = rate_rows[("19", period, indicator)]
    bench = bc / bp * 100_000
    i95, i998 = (l95 * scale, u95 * scale), (l998 * scale, u998 * scale)
    comparison, assessment = fingertips(i95, i998, bench, "lower")
    add("compare-rates-19", key, "value", c * scale)
    add("compare-rates-19", key, "lower", i95[0])
    add("compare-rates-19", key, "upper", i95[1])
    add("compare-rates-19", key, "outer_lower", i998[0])
    add("compare-rates-19", key, "outer_upper", i998[1])
    add("compare-rates-19", key, "method", method)
    add("compare-rates-19", key, "benchmark_value", bench)
    add("compare-rates-19", key, "comparison", comparison)
    add("compare-rates-19", key, "assessment", assessment)

# --- bra compare on the NTU sample (published intervals only: never "much") ----------------
ntu = read(SAMPLES / "ntu.csv")
ntu_by = {(r["area"], r["period"], r["indicator"]): r for r in ntu}
for r in ntu:
    if r["area"] != "lpo:norra-vastmanland":
        continue
    key = f"{r['area']}|{r['period']}|{r['indicator']}"
    v, lo, up = num(r["value"]), num(r["lower"]), num(r["upper"])
    bench = num(ntu_by[("00", r["period"], r["indicator"])]["value"])
    i95 = None if lo is None else (lo, up)
    comparison, assessment = fingertips(i95, None, bench, polarity_of(r["indicator"]))
    add("compare-ntu-00", key, "benchmark_value", bench)
    add("compare-ntu-00", key, "comparison", comparison)
    add("compare-ntu-00", key, "assessment", assessment)

# --- bra compare on the citizen-survey sample, benchmark 00 ---------------------------------
mu_by = {(r["area"], r["period"], r["indicator"]): r for r in mu}
for r in mu:
    if r["area"] != "1982":
        continue
    key = f"{r['area']}|{r['period']}|{r['indicator']}"
    b = mu_by[("00", r["period"], r["indicator"])]
    bench = num(b["value"])
    i95, i998 = mu_interval(r, 0.95), mu_interval(r, 0.998)
    comparison, assessment = fingertips(i95, i998, bench, polarity_of(r["indicator"]))
    add("compare-mu-00", key, "lower", i95[0])
    add("compare-mu-00", key, "upper", i95[1])
    if i998 is not None:
        add("compare-mu-00", key, "outer_lower", i998[0])
        add("compare-mu-00", key, "outer_upper", i998[1])
    add("compare-mu-00", key, "comparison", comparison)
    add("compare-mu-00", key, "assessment", assessment)

# --- change between two periods ---------------------------------------------------------------
areas = sorted({a for (a, _, _) in rate_rows})
indicators = sorted({i for (_, _, i) in rate_rows})
for area in areas:
    for indicator in indicators:
        a, b = rate_rows.get((area, "2019", indicator)), rate_rows.get((area, "2024", indicator))
        if a is None or b is None:
            continue
        (c1, n1), (c2, n2) = a, b
        key = f"{area}|{indicator}"
        p = binomtest(int(c2), int(c1 + c2), n2 / (n1 + n2)).pvalue
        add("change-rates", key, "value_1", c1 / n1 * 100_000)
        add("change-rates", key, "value_2", c2 / n2 * 100_000)
        add("change-rates", key, "change", c2 / n2 * 100_000 - c1 / n1 * 100_000)
        add("change-rates", key, "test", "rate-ratio-exact")
        if c1 > 0:
            add("change-rates", key, "statistic", (c2 / n2) / (c1 / n1))
        add("change-rates", key, "p_value", float(p))
        add("change-rates", key, "significant", bool(p < 0.05))

for area in ("1982", "00"):
    for indicator in ("mu.trygghet", "mu.trygg_kvall"):
        r1, r2 = mu_by[(area, "2019", indicator)], mu_by[(area, "2023", indicator)]
        key = f"{area}|{indicator}"
        v1, v2 = num(r1["value"]), num(r2["value"])
        add("change-mu", key, "change", v2 - v1)
        if indicator == "mu.trygg_kvall":
            n1, n2 = num(r1["n"]), num(r2["n"])
            zstat, p = proportions_ztest([v2 / 100 * n2, v1 / 100 * n1], [n2, n1])
            add("change-mu", key, "test", "two-proportion-z")
            add("change-mu", key, "statistic", float(zstat))
            add("change-mu", key, "p_value", float(p))
            add("change-mu", key, "significant", bool(p < 0.05))
        else:
            (l1, u1), (l2, u2) = mu_interval(r1, 0.95), mu_interval(r2, 0.95)
            add("change-mu", key, "test", "interval-overlap")
            add("change-mu", key, "significant", bool(u1 < l2 or u2 < l1))

for (area, period, indicator), r1 in ntu_by.items():
    if period != "2019":
        continue
    r2 = ntu_by.get((area, "2022", indicator))
    if r2 is None or num(r1["lower"]) is None or num(r2["lower"]) is None:
        continue
    key = f"{area}|{indicator}"
    l1, u1, l2, u2 = (num(r1["lower"]), num(r1["upper"]), num(r2["lower"]), num(r2["upper"]))
    add("change-ntu", key, "change", num(r2["value"]) - num(r1["value"]))
    add("change-ntu", key, "test", "interval-overlap")
    add("change-ntu", key, "significant", bool(u1 < l2 or u2 < l1))

with open(HERE / "survey_cases.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["case", "key", "field", "expected"])
    w.writerows(rows)
print(f"wrote {len(rows)} reference values to survey_cases.csv")
