#!/usr/bin/env python3
"""Reference values for `bra goals` on data/samples, written to goal_cases.csv.

An independent implementation of METHODS.md, "SMART goals", in the standard library only
(python 3.11+: tomllib, csv, statistics), on data/samples/goals.toml and the rates file it
names. The end-to-end test `tests/it/goals.rs` runs `bra goals --goals data/samples/goals.toml
-o goals.csv` (and with `--as-of 2022`) and compares every number to these, to 1e-9 relative.

Rules, as METHODS.md states them:
- b = baseline.value, else the data's value at p0; t = value, b*(1 + change_percent/100) or
  b + change_absolute; decrease when t < b.
- clock = as_of, else the latest period with a value; the evaluated point (p, v) is the latest
  point after p0 at or before min(clock, deadline).
- progress = (v - b)/(t - b); expected = (p - p0)/(pT - p0) clamped to [0, 1].
- slope = median of the pairwise slopes of (p0, b) and the points in (p0, p] when there are 3 or
  more points, else (v - b)/(p - p0); projected = v + slope*(pT - p).
- status: achieved if v meets t; missed once clock >= pT; on track if progress >= expected;
  at risk if progress > 0; off track otherwise; no data without a point.
- milestone: the latest one at or before the clock; met / not met by the data at its period,
  pending without data there.
The significance column is checked in the Rust unit tests against SciPy values; not here.

Years only (the sample data are annual).

    python3 tests/reference/goals_reference.py
"""

import csv
import statistics
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOALS = ROOT / "data/samples/goals.toml"
OUT = ROOT / "tests/reference/goal_cases.csv"

registry_names = {"Fagersta": "1982", "Fagersta kommun": "1982"}


def evaluate(goal, series, as_of):
    p0 = int(goal["baseline"]["period"])
    pt = int(goal["deadline"])
    b = goal["baseline"].get("value", series.get(p0))
    tg = goal["target"]
    if "value" in tg:
        t = float(tg["value"])
    elif "change_percent" in tg:
        t = b * (1 + tg["change_percent"] / 100)
    else:
        t = b + tg["change_absolute"]
    decrease = t < b

    def meets(v, target):
        return v <= target if decrease else v >= target

    clock = as_of if as_of is not None else max(series)
    row = {
        "goal": goal["id"],
        "baseline": b,
        "target": t,
        "as_of": clock,
        "latest_period": "",
        "latest": "",
        "progress": "",
        "expected_progress": "",
        "slope": "",
        "projected": "",
        "status": "no data",
        "milestone_period": "",
        "milestone": "",
    }
    past = [int(k) for k in goal.get("milestones", {}) if int(k) <= clock]
    if past:
        m = max(past)
        value = goal["milestones"][str(m)]
        row["milestone_period"] = m
        row["milestone"] = (
            "pending" if m not in series else ("met" if meets(series[m], value) else "not met")
        )
    after = [q for q in series if p0 < q <= min(clock, pt)]
    if not after:
        return row
    p = max(after)
    v = series[p]
    progress = (v - b) / (t - b)
    expected = min(1.0, max(0.0, (p - p0) / (pt - p0)))
    points = [(p0, b)] + [(q, series[q]) for q in sorted(series) if p0 < q <= p]
    if len(points) >= 3:
        slope = statistics.median(
            (points[j][1] - points[i][1]) / (points[j][0] - points[i][0])
            for i in range(len(points))
            for j in range(i + 1, len(points))
        )
    else:
        slope = (v - b) / (p - p0)
    if meets(v, t):
        status = "achieved"
    elif clock >= pt:
        status = "missed"
    elif progress >= expected:
        status = "on track"
    elif progress > 0:
        status = "at risk"
    else:
        status = "off track"
    row.update(
        latest_period=p,
        latest=v,
        progress=progress,
        expected_progress=expected,
        slope=slope,
        projected=v + slope * (pt - p),
        status=status,
    )
    return row


def main():
    goals = tomllib.loads(GOALS.read_text(encoding="utf-8"))
    data = {}
    for name in goals["data"]:
        with open(GOALS.parent / name, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                if r["rate"]:
                    key = (r["area"], r["indicator"], r["group"])
                    data.setdefault(key, {})[int(r["period"])] = float(r["rate"])
    fields = [
        "as_of_option", "goal", "baseline", "target", "as_of", "latest_period", "latest",
        "progress", "expected_progress", "slope", "projected", "status", "milestone_period",
        "milestone",
    ]
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        for as_of in (None, 2022):
            for g in goals["goal"]:
                area = registry_names.get(g["area"], g["area"])
                series = data[(area, g["indicator"], g.get("group", "total"))]
                row = evaluate(g, series, as_of)
                row["as_of_option"] = "" if as_of is None else as_of
                w.writerow({k: (repr(x) if isinstance(x, float) else x) for k, x in row.items()})
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
