"""Checks that the outputs of the side-by-side jobs agree.

    python check.py rates BRA.csv PANDAS.csv POLARS.csv      # rates to 1e-9 relative
    python check.py trend BRA_TRENDS.csv PYMK.csv            # Mann-Kendall and Sen
Prints one line per comparison and exits 1 on any disagreement.
"""

import sys

import polars as pl

REL = 1e-9


def close(a: str, b: str, rel: float = REL, absolute: float = 1e-12) -> pl.Expr:
    """Both null, or both present and within rel (or absolute, for values near 0)."""
    x, y = pl.col(a), pl.col(b)
    both_null = x.is_null() & y.is_null()
    near = (x - y).abs() <= pl.max_horizontal(rel * pl.max_horizontal(x.abs(), y.abs()), pl.lit(absolute))
    return both_null | (x.is_not_null() & y.is_not_null() & near)


def compare(name: str, left: pl.DataFrame, right: pl.DataFrame, keys: list[str], cols: dict[str, str]) -> bool:
    if left.height != right.height:
        print(f"check: {name}: {left.height} rows vs {right.height}")
        return False
    j = left.join(right, on=keys, how="left", suffix="_r")
    ok = True
    for a, b in cols.items():
        bad = j.filter(~close(a, b))
        worst = j.select(
            ((pl.col(a) - pl.col(b)).abs() / pl.max_horizontal(pl.col(a).abs(), pl.col(b).abs(), pl.lit(1e-300))).max()
        ).item()
        if bad.height:
            ok = False
            print(f"check: {name}: {a} vs {b}: {bad.height} rows differ, e.g.\n{bad.head(3)}")
        else:
            print(f"check: {name}: {a} agrees on {j.height} rows (max relative difference {worst or 0:.1e})")
    return ok


FOLD = str.maketrans("åäáàâöøóòôéèêëüú", "aaaaaoooooeeeeuu")


def indicator_id(label: str) -> str:
    """The id bra gives an indicator label it does not know (`indicator::slug`): an id as it
    is, else `brott.` and the label folded to lower-case ASCII words joined by `_`."""
    if label.startswith("brott."):
        return label
    words, word = [], ""
    for c in label.lower().translate(FOLD):
        if c.isascii() and c.isalnum():
            word += c
        elif word:
            words.append(word)
            word = ""
    return "brott." + "_".join(words + ([word] if word else []))


def rates(bra: str, *others: str) -> bool:
    keys = ["area", "period", "indicator"]
    schema = {"area": pl.String, "period": pl.String, "indicator": pl.String}
    cols = ["count", "population", "rate", "lower", "upper"]
    b = pl.read_csv(bra, schema_overrides=schema, columns=keys + cols)
    ok = True
    for path in others:
        o = pl.read_csv(path, schema_overrides=schema, columns=keys + cols)
        # The Python peers keep indicator labels as they are; bra gives them ids.
        labels = o["indicator"].unique().to_list()
        o = o.with_columns(pl.col("indicator").replace_strict({x: indicator_id(x) for x in labels}))
        ok &= compare(f"bra vs {path.rsplit('/', 1)[-1]}", b, o, keys, {c: f"{c}_r" for c in cols})
    return ok


def trend(bra: str, pymk: str) -> bool:
    keys = ["area", "indicator"]
    schema = {"area": pl.String, "indicator": pl.String}
    b = pl.read_csv(bra, schema_overrides=schema).filter(pl.col("n_periods") >= 3)
    p = pl.read_csv(pymk, schema_overrides=schema)
    # pymannkendall's Sen slope uses the index as time: compare it on series without gaps.
    full = b["n_periods"].max()
    ok = compare("bra trend vs pymannkendall (all series)", b.select(keys + ["mk_s", "mk_var_s", "mk_tau"]),
                 p.select(keys + ["s", "var_s", "tau"]), keys, {"mk_s": "s", "mk_var_s": "var_s", "mk_tau": "tau"})
    # z and p: bra's p is exact for n <= 10 without ties, pymannkendall's always normal.
    normal = b.filter(pl.col("mk_p_method") == "normal")
    ok &= compare("bra trend vs pymannkendall (normal p)", normal.select(keys + ["mk_z", "mk_p"]),
                  p.join(normal.select(keys), on=keys).select(keys + ["z", "p"]), keys, {"mk_z": "z", "mk_p": "p"})
    complete = b.filter(pl.col("n_periods") == full)
    ok &= compare(f"bra trend vs pymannkendall (Sen, {full} periods)",
                  complete.select(keys + ["sen_slope", "sen_intercept"]),
                  p.join(complete.select(keys), on=keys).select(keys + ["slope", "intercept"]), keys,
                  {"sen_slope": "slope", "sen_intercept": "intercept"})
    return ok


if __name__ == "__main__":
    job, *paths = sys.argv[1:]
    good = rates(*paths) if job == "rates" else trend(*paths)
    sys.exit(0 if good else 1)
