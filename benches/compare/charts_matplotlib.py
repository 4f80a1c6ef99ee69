"""The charts job with matplotlib: one PNG trend chart per area of a rates table (the output
of `bra rates`, one indicator), drawn as `bra chart trend` draws it: 1600 × 900 pixels, the
rate as a line with markers, the 95 % interval as a shaded band, the latest value labelled,
title, subtitle, legend, horizontal grid lines, axis titles, the source line and a note on
missing periods. Agg backend, one process for all charts (a new figure for each, closed
after saving); the table is read once.

    python charts_matplotlib.py rates.csv OUT_DIR
"""

import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
import polars as pl  # noqa: E402

BLUE = "#0072B2"
TEXT = "#1F1F1F"
MUTED = "#595959"
GRID = "#E3E3E3"
AXIS = "#8C8C8C"

TITLES = {"brott.misshandel": "Misshandel inkl. grov", "brott.totalt": "Anmälda brott totalt"}


def sv(v, decimals):
    """A number as Swedish text: comma for the decimal point, narrow spaces between thousands."""
    text = f"{v:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def decimals_for(values):
    """Decimals that show about three significant digits of the largest value."""
    top = max(abs(v) for v in values)
    if top <= 0:
        return 0
    return max(0, min(3, 2 - int(math.floor(math.log10(top)))))


rates_path, out_dir = sys.argv[1:3]
os.makedirs(out_dir, exist_ok=True)
df = pl.read_csv(
    rates_path,
    columns=["area", "period", "indicator", "rate", "lower", "upper", "area_name"],
    schema_overrides={"area": pl.String, "period": pl.Int64, "indicator": pl.String},
).sort(["area", "period"])

written = 0
for (area,), part in df.group_by(["area"], maintain_order=True):
    indicator = part["indicator"][0]
    name = part["area_name"][0] or area
    years = part["period"].to_list()
    rate = part["rate"].to_numpy()
    lower = part["lower"].to_numpy()
    upper = part["upper"].to_numpy()
    present = [i for i, v in enumerate(rate) if not math.isnan(v)]
    if not present:
        continue
    last = present[-1]
    missing = [str(years[i]) for i in range(len(years)) if math.isnan(rate[i])]
    decimals = decimals_for(rate[present])

    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    ax.plot(years, rate, color=BLUE, linewidth=3, marker="o", markersize=9,
            markeredgecolor="white", markeredgewidth=1.5, label=name)
    ax.fill_between(years, lower, upper, color=BLUE, alpha=0.18, linewidth=0,
                    label="95 % konfidensintervall")
    ax.annotate(sv(rate[last], decimals), (years[last], rate[last]), xytext=(10, 0),
                textcoords="offset points", va="center", color=BLUE, fontsize=16,
                fontweight="bold")
    ax.set_ylim(bottom=0)
    ax.set_xticks(years)
    ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: sv(v, 0)))
    ax.grid(axis="y", color=GRID, linewidth=1.5)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(AXIS)
    ax.tick_params(colors=MUTED, labelsize=15, left=False)
    ax.set_xlabel("År", color=MUTED, fontsize=15)
    ax.set_ylabel("per 100 000 invånare", color=MUTED, fontsize=15)
    fig.suptitle(TITLES.get(indicator, indicator), x=0.02, y=0.97, ha="left",
                 fontsize=26, fontweight="bold", color=TEXT)
    fig.text(0.02, 0.88, f"{name} · per 100 000 invånare · {years[0]}–{years[-1]}",
             fontsize=17, color=MUTED)
    fig.text(0.02, 0.02, "Källa: Brå", fontsize=14, color=MUTED)
    if missing:
        fig.text(0.98, 0.02, "Uppgift saknas: " + ", ".join(missing), fontsize=14,
                 color=MUTED, ha="right")
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncol=2, frameon=False, fontsize=16)
    fig.subplots_adjust(left=0.08, right=0.93, top=0.78, bottom=0.14)
    fig.savefig(os.path.join(out_dir, f"{area}.png"), dpi=100)
    plt.close(fig)
    written += 1
print(f"{written} charts", file=sys.stderr)
