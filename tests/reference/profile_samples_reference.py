#!/usr/bin/env python3
"""The kommun profile of Fagersta on data/samples, computed with pandas
-> tests/fixtures/profile/fagersta.csv.

Run (from the repository root):

    /tmp/venv-num/bin/python tests/reference/profile_samples_reference.py

Input: tests/golden/rates.csv (`bra rates` on data/samples, kept by the golden-output test).
For every indicator, Fagersta's (1982) latest year with a rate; over the kommuner of
Västmanlands län (codes 19xx) with a rate that year: min, q25, median, q75, max by
`Series.quantile` (linear interpolation) and Fagersta's rank by `Series.rank(method="min")`
(ascending: reported crime is lower-is-better), and n_areas.
"""

from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]


def main():
    rates = pd.read_csv(ROOT / "tests/golden/rates.csv", dtype={"area": str, "period": str})
    rates = rates[rates["group"] == "total"]
    out = []
    for indicator, rows in rates.groupby("indicator"):
        own = rows[(rows["area"] == "1982") & rows["rate"].notna()]
        period = own["period"].max()
        year = rows[(rows["period"] == period) & rows["area"].str.match(r"^19\d\d$") & rows["rate"].notna()]
        values = year.set_index("area")["rate"]
        ranks = values.rank(method="min", ascending=True)
        out.append({
            "indicator": indicator, "period": period, "value": values["1982"],
            "min": values.min(), "q25": values.quantile(0.25), "median": values.quantile(0.5),
            "q75": values.quantile(0.75), "max": values.max(), "rank": int(ranks["1982"]),
            "n_areas": len(values),
        })
    path = ROOT / "tests/fixtures/profile/fagersta.csv"
    pd.DataFrame(out).to_csv(path, index=False, float_format="%.17g")
    print(f"{path}: {len(out)} indicators")


if __name__ == "__main__":
    main()
