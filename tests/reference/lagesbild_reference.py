#!/usr/bin/env python3
"""Reference values for `bra lagesbild` -> tests/fixtures/lagesbild/*.

Run (from the repository root, in a throwaway virtual environment):

    python3 -m venv /tmp/venv-num
    /tmp/venv-num/bin/pip install numpy scipy pandas
    /tmp/venv-num/bin/python tests/reference/lagesbild_reference.py

Writes (deterministic, fixed seeds):
- log.csv: a generated 30-month incident log (6 categories over 4 focus areas, a few places,
  some rows with `antal`, times on some dates, a free-text column);
- categories.toml: its categories file (one category with an alias used in the log);
- expected.json: for several as-of dates and every window kind, per category and focus area,
  the counts counted independently with pandas (count, previous, same period last year), the
  baseline windows' mean and dispersion, and scipy's nbinom/poisson p_high = sf(y - 1) and
  p_low = cdf(y), as ../shared/METHODS.md ("Situation picture") defines them;
- spikes.csv and spikes.json: a two-year log of four steady categories (Poisson, 3 a
  fortnight) with spikes injected into eight fortnights of the second year, and the list of
  spiked (category, window end): every spike must be flagged and false flags be as rare as
  alpha says.

The window logic here is written from METHODS.md with pandas date arithmetic, independently of
the Rust code: weeks/fortnights end on the as-of date and step back 7/14 days; months and
quarters are calendar periods (the current one partial when the as-of date is not its last
day, its expected count scaled by covered days / days in the period); the baseline is, for
each year k = 1..5, the window 52*k weeks back (the same calendar period k years back) and
one either side, used when at least two such years lie wholly on or after the log's first
date; else the previous 6 whole windows (at least 3, else "too few").
"""

import csv
import json
import random
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
from scipy.stats import nbinom, poisson

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "lagesbild"

CATEGORIES = [
    # label, focus area, weekly rate, alias used in the log
    ("klotter", "disorder-and-unsafety", 3.0, "Graffiti"),
    ("brand", "disorder-and-unsafety", 0.8, None),
    ("hot mot personal", "threats-and-violence", 0.6, None),
    ("narkotikainnehav", "andt", 1.2, None),
    ("orosanmälan", "youth-and-schools", 1.5, None),
    ("skolincident", "youth-and-schools", 0.9, None),
]
PLACES = ["Centrum", "Västanfors", "Resecentrum", "Brinkskolan", ""]
FIRST = pd.Timestamp("2024-03-04")
LAST = pd.Timestamp("2026-08-30")


def generate_log(rng):
    rows = []
    np_rng = np.random.default_rng(rng.randrange(2**32))
    for day in pd.date_range(FIRST, LAST, freq="D"):
        summer = 1.0 + 0.6 * np.exp(-(((day.day_of_year - 190) / 35.0) ** 2))
        for label, _, weekly, alias in CATEGORIES:
            n = np_rng.poisson(weekly / 7.0 * summer)
            for _ in range(n):
                written = alias if alias and rng.random() < 0.3 else label
                if rng.random() < 0.2:
                    written = written.upper()
                count = rng.choice([1, 1, 1, 1, 2, 3]) if rng.random() < 0.3 else None
                date = day.strftime("%Y-%m-%d")
                if rng.random() < 0.4:
                    date += f" {rng.randrange(24):02d}:{rng.randrange(60):02d}"
                rows.append((date, written, rng.choice(PLACES), count))
    # Guarantee the first and last dates.
    rows.insert(0, (FIRST.strftime("%Y-%m-%d"), "klotter", "Centrum", None))
    rows.append((LAST.strftime("%Y-%m-%d"), "brand", "Resecentrum", None))
    return rows


def write_log(rows, path):
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["Datum", "Kategori", "Plats", "Antal", "Beskrivning"])
        for date, category, place, count in rows:
            w.writerow([date, category, place, "" if count is None else count, "fri text"])


def frame(rows):
    df = pd.DataFrame(rows, columns=["date", "category", "place", "count"])
    df["date"] = pd.to_datetime(df["date"].str.slice(0, 10))
    df["count"] = df["count"].fillna(1).astype(int)
    key = {}
    for label, area, _, alias in CATEGORIES:
        key[label] = (label, area)
        if alias:
            key[alias.lower()] = (label, area)
    df["label"] = df["category"].str.lower().map(lambda c: key[c][0])
    df["focus_area"] = df["category"].str.lower().map(lambda c: key[c][1])
    return df


class Windows:
    def __init__(self, kind, as_of, first):
        self.kind, self.as_of, self.first = kind, pd.Timestamp(as_of), pd.Timestamp(first)
        self.per_year = {"week": 52, "fortnight": 26, "month": 12, "quarter": 4}[kind]

    def bounds(self, k):
        if self.kind in ("week", "fortnight"):
            days = 7 if self.kind == "week" else 14
            end = self.as_of - pd.Timedelta(days=k * days)
            return end - pd.Timedelta(days=days - 1), end
        freq = "M" if self.kind == "month" else "Q"
        period = self.as_of.to_period(freq) - k
        return period.start_time.normalize(), period.end_time.normalize()

    def whole(self, k):
        return self.bounds(k)[0] >= self.first

    def count(self, df, k):
        start, end = self.bounds(k)
        end = min(end, self.as_of)
        return int(df.loc[(df["date"] >= start) & (df["date"] <= end), "count"].sum())

    def baseline(self, k):
        seasonal = []
        for year in range(1, 6):
            c = k + year * self.per_year
            if self.whole(c + 1):
                seasonal += [c - 1, c, c + 1]
        if len(seasonal) >= 6:
            return seasonal
        previous = [i for i in range(k + 1, k + 7) if self.whole(i)]
        return previous if len(previous) >= 3 else None

    def covered(self):
        if self.kind in ("week", "fortnight"):
            return 1.0
        start, end = self.bounds(0)
        return ((self.as_of - start).days + 1) / ((end - start).days + 1)


def assess(df, w):
    y = w.count(df, 0)
    out = {
        "count": y,
        "previous": w.count(df, 1) if w.whole(1) else None,
        "same_period_last_year": w.count(df, w.per_year) if w.whole(w.per_year) else None,
    }
    base = w.baseline(0)
    if base is None:
        out.update(expected=None, dispersion=None, p_high=None, p_low=None, flag="too few")
        return out
    ys = np.array([w.count(df, i) for i in base], dtype=float)
    mean = ys.mean()
    phi = 1.0 if mean == 0 else max(1.0, ((ys - mean) ** 2).sum() / mean / (len(ys) - 1))
    mu = mean * w.covered()
    if mu == 0:
        p_high, p_low = (1.0 if y == 0 else 0.0), 1.0
    else:
        d = poisson(mu) if phi == 1.0 else nbinom(mu / (phi - 1.0), 1.0 / phi)
        p_high = 1.0 if y == 0 else float(d.sf(y - 1))
        p_low = float(d.cdf(y))
    flag = "high" if p_high < 0.01 and y >= 3 else "low" if p_low < 0.01 and mu >= 5 else "normal"
    out.update(expected=mu, dispersion=phi, p_high=p_high, p_low=p_low, flag=flag)
    return out


def expected(df):
    cases = []
    first = df["date"].min()
    for as_of in ["2026-08-30", "2026-05-17", "2025-12-31", "2025-02-10", "2024-05-01"]:
        for kind in ["week", "fortnight", "month", "quarter"]:
            w = Windows(kind, as_of, first)
            upto = df[df["date"] <= pd.Timestamp(as_of)]
            rows = []
            for label, area, _, _ in CATEGORIES:
                rows.append({"level": "category", "category": label, "focus_area": area,
                             **assess(upto[upto["label"] == label], w)})
            for area in sorted({a for _, a, _, _ in CATEGORIES}):
                rows.append({"level": "focus_area", "category": None, "focus_area": area,
                             **assess(upto[upto["focus_area"] == area], w)})
            start, end = w.bounds(0)
            cases.append({"as_of": as_of, "period": kind, "window_start": start.strftime("%Y-%m-%d"),
                          "window_end": end.strftime("%Y-%m-%d"), "rows": rows})
    return cases


def spikes(rng):
    np_rng = np.random.default_rng(rng.randrange(2**32))
    first, last = pd.Timestamp("2024-09-02"), pd.Timestamp("2026-08-30")
    labels = ["klotter", "brand", "narkotikainnehav", "orosanmälan"]
    rows = []
    for day in pd.date_range(first, last, freq="D"):
        for label in labels:
            for _ in range(np_rng.poisson(3.0 / 14.0)):
                rows.append((day.strftime("%Y-%m-%d"), label))
    # Fortnight windows end on `last` and step back 14 days; spike eight of the second year's.
    ends = [last - pd.Timedelta(days=14 * k) for k in range(26)]
    spiked = []
    for i, k in enumerate([1, 4, 7, 11, 14, 18, 21, 24]):
        end = ends[k]
        label = labels[i % len(labels)]
        for j in range(12):
            rows.append(((end - pd.Timedelta(days=j % 14)).strftime("%Y-%m-%d"), label))
        spiked.append({"category": label, "window_end": end.strftime("%Y-%m-%d")})
    rows.sort()
    with (OUT / "spikes.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["date", "category"])
        w.writerows(rows)
    return {"first": first.strftime("%Y-%m-%d"), "window_ends": [e.strftime("%Y-%m-%d") for e in ends],
            "categories": labels, "spikes": spiked}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261206)
    rows = generate_log(rng)
    write_log(rows, OUT / "log.csv")
    with (OUT / "categories.toml").open("w", encoding="utf-8") as f:
        f.write("# Categories of log.csv (tests/reference/lagesbild_reference.py)\n")
        for label, area, _, alias in CATEGORIES:
            f.write(f'\n[[category]]\nlabel = "{label}"\n')
            if alias:
                f.write(f'aliases = ["{alias}"]\n')
            f.write(f'focus_area = "{area}"\n')
    df = frame(rows)
    generator = (f"lagesbild_reference.py; Python {sys.version.split()[0]}, pandas {pd.__version__}, "
                 f"NumPy {np.__version__}, SciPy {scipy.__version__}")
    (OUT / "expected.json").write_text(json.dumps({"generator": generator, "cases": expected(df)}, indent=1) + "\n")
    (OUT / "spikes.json").write_text(json.dumps({"generator": generator, **spikes(rng)}, indent=1) + "\n")
    print(f"{OUT}: log.csv ({len(rows)} rows), expected.json, spikes.csv, spikes.json")


if __name__ == "__main__":
    main()
