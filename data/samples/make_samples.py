#!/usr/bin/env python3
"""Generate the example data in data/samples/ (counts.csv and population.csv).

Fagersta (1982) and the other kommuner of Västmanlands län (19), the county itself
and riket (00), years 2015-2024, seven crime indicators.

Only two numbers are real: Fagersta 2020, 1 577 reported crimes (Totalt antal brott),
and 13 391 inhabitants on 31 December 2019, the population Brå divides the 2020 count by
(11 777 per 100 000). Everything else is ILLUSTRATIVE: plausible levels and trends,
drawn with a fixed seed, so the files are the same on every run. See README.md.

Deterministic: python3 standard library only, fixed seed, no dependence on dict
order or the clock. Run from anywhere:

    python3 data/samples/make_samples.py

Writes UTF-8 (no BOM), LF, comma-separated files next to this script and prints
the hidden true values behind the suppressed cells (the county sums use them).
"""

import math
import os
import random

SEED = 20200_1982  # any fixed integer; change it to get another draw
YEARS = list(range(2015, 2025))
# Population on 31 December of each year from the year before the first count year: Brå
# divides a count for year Y by the population at the end of Y - 1.
POP_YEARS = list(range(YEARS[0] - 1, YEARS[-1] + 1))
HERE = os.path.dirname(os.path.abspath(__file__))

# Kommun codes checked against swedish-geodata municipalities.csv (county_code 19).
KOMMUNER = [
    ("1904", "Skinnskatteberg"),
    ("1907", "Surahammar"),
    ("1960", "Kungsör"),
    ("1961", "Hallstahammar"),
    ("1962", "Norberg"),
    ("1980", "Västerås"),
    ("1981", "Sala"),
    ("1982", "Fagersta"),
    ("1983", "Köping"),
    ("1984", "Arboga"),
]
COUNTY = "19"
RIKET = "00"

# Population (folkmängd) on 31 December, approximations of the real figures, 2014..2024
# (POP_YEARS). Fagersta 2019 = 13 391 is the real value; the rest are rounded guesses.
POPULATION = {
    "1904": [4440, 4460, 4470, 4450, 4430, 4410, 4400, 4390, 4380, 4370, 4360],
    "1907": [9960, 10030, 10090, 10120, 10110, 10090, 10070, 10050, 10030, 10010, 9990],
    "1960": [8480, 8560, 8630, 8670, 8700, 8720, 8740, 8750, 8760, 8770, 8780],
    "1961": [15560, 15700, 15850, 15980, 16100, 16200, 16250, 16280, 16300, 16290, 16280],
    "1962": [5700, 5760, 5790, 5800, 5780, 5760, 5740, 5720, 5700, 5680, 5660],
    "1980": [149100, 150900, 152600, 154000, 154900, 155700, 156300, 157000, 157600, 158100,
             158500],
    "1981": [22030, 22280, 22480, 22640, 22770, 22850, 22900, 22950, 22980, 22990, 23000],
    "1982": [13180, 13290, 13350, 13380, 13402, 13391, 13330, 13280, 13240, 13190, 13150],
    "1983": [25300, 25450, 25600, 25720, 25810, 25880, 25920, 25950, 25970, 25990, 26000],
    "1984": [13530, 13620, 13750, 13880, 13930, 13980, 13950, 13920, 13890, 13860, 13830],
    RIKET: [9747000, 9851000, 9995000, 10120000, 10230000, 10327000,
            10379000, 10452000, 10512000, 10551000, 10588000],
}


def denominator(area, year):
    """The population a count for `year` is divided by: 31 December of the year before."""
    return POPULATION[area][POP_YEARS.index(year - 1)]

INDICATORS = [
    "brott.totalt",          # Totalt antal brott
    "brott.person",          # Brott mot brottsbalken, 3-7 kap. Brott mot person
    "brott.misshandel",      # därav misshandel inkl. grov
    "brott.stold",           # 8 kap. Stöld, rån m.m.
    "brott.skadegorelse",    # 12 kap. Skadegörelsebrott
    "brott.bostadsinbrott",  # därav inbrottsstöld i bostad
    "brott.narkotika",       # narkotikabrott (Brott mot narkotikastrafflagen)
]

# National level per 100 000 inhabitants, 2015..2024 (illustrative, shaped like the
# real national series: total roughly flat then falling, stöld and bostadsinbrott
# falling, narkotika rising).
NATIONAL_RATE = {
    "brott.totalt":         [15490, 15370, 15160, 15300, 15140, 15170, 14440, 13790, 13700, 13320],
    "brott.person":         [2060, 2090, 2130, 2200, 2230, 2250, 2290, 2270, 2250, 2230],
    "brott.misshandel":     [880, 870, 870, 870, 860, 850, 820, 810, 800, 780],
    "brott.stold":          [4900, 4750, 4580, 4450, 4300, 3900, 3700, 3600, 3500, 3350],
    "brott.skadegorelse":   [1950, 1900, 1880, 1900, 1880, 1800, 1720, 1650, 1600, 1560],
    "brott.bostadsinbrott": [225, 215, 210, 200, 180, 145, 125, 115, 105, 95],
    "brott.narkotika":      [900, 930, 960, 1000, 1050, 1110, 1150, 1180, 1220, 1260],
}

# Kommun level relative to the national rate (illustrative). One factor for the
# kommun, and a per-indicator tweak drawn from the seed below.
KOMMUN_LEVEL = {
    "1904": 0.86, "1907": 0.87, "1960": 0.88, "1961": 0.88, "1962": 0.87,
    "1980": 1.00, "1981": 0.88, "1982": 0.86, "1983": 0.95, "1984": 0.92,
}
# Indicator-specific factor for the kommuner of the county against riket
# (illustrative: more villa burglaries, a little more misshandel outside the big cities).
INDICATOR_LEVEL = {
    "brott.totalt": 1.0, "brott.person": 1.0, "brott.misshandel": 1.05,
    "brott.stold": 1.0, "brott.skadegorelse": 1.0, "brott.bostadsinbrott": 1.5,
    "brott.narkotika": 1.0,
}

# Fagersta's total: the real 2020 value and an illustrative series around it that
# decreases every year 2020-2024.
FAGERSTA_TOTAL = [1598, 1642, 1571, 1620, 1605, 1577, 1534, 1497, 1463, 1428]

# Suppressed cells (written as ".."). The county row still uses the true value.
SUPPRESSED = [
    ("1904", 2019, "brott.bostadsinbrott"),
    ("1904", 2022, "brott.misshandel"),
    ("1962", 2023, "brott.bostadsinbrott"),
]


def noisy_count(rng, mean, rel_sd):
    """A count around `mean`: multiplicative level noise plus Poisson-like noise."""
    level = mean * math.exp(rng.gauss(0.0, rel_sd))
    if level < 30:
        # Knuth's Poisson sampler for small means: keeps small counts integer-honest.
        limit, k, p = math.exp(-level), 0, 1.0
        while True:
            p *= rng.random()
            if p <= limit:
                return k
            k += 1
    return max(0, round(rng.gauss(level, math.sqrt(level))))


def generate():
    rng = random.Random(SEED)
    tweak = {
        (code, ind): rng.uniform(0.9, 1.1)
        for code, _ in KOMMUNER
        for ind in INDICATORS
    }
    counts = {}  # (area, year, indicator) -> int (true value)
    for code, _ in KOMMUNER:
        for yi, year in enumerate(YEARS):
            pop = denominator(code, year)
            for ind in INDICATORS:
                rate = (NATIONAL_RATE[ind][yi] * KOMMUN_LEVEL[code]
                        * INDICATOR_LEVEL[ind] * tweak[(code, ind)])
                rel_sd = 0.03 if ind == "brott.totalt" else 0.05
                counts[(code, year, ind)] = noisy_count(rng, rate * pop / 1e5, rel_sd)
        if code == "1982":
            for yi, year in enumerate(YEARS):
                counts[(code, year, "brott.totalt")] = FAGERSTA_TOTAL[yi]
    for yi, year in enumerate(YEARS):
        for ind in INDICATORS:
            counts[(COUNTY, year, ind)] = sum(counts[(c, year, ind)] for c, _ in KOMMUNER)
            pop = denominator(RIKET, year)
            counts[(RIKET, year, ind)] = round(
                NATIONAL_RATE[ind][yi] * pop / 1e5 * math.exp(rng.gauss(0.0, 0.005))
            )
    check(counts)
    return counts


def check(counts):
    """Sanity checks: the parts fit inside their wholes, the real seed is kept."""
    assert counts[("1982", 2020, "brott.totalt")] == 1577
    assert denominator("1982", 2020) == 13391
    assert round(1577 / 13391 * 1e5) == 11777
    areas = [c for c, _ in KOMMUNER] + [COUNTY, RIKET]
    for area in areas:
        for year in YEARS:
            c = {ind: counts[(area, year, ind)] for ind in INDICATORS}
            parts = c["brott.person"] + c["brott.stold"] + c["brott.skadegorelse"] + c["brott.narkotika"]
            assert parts < c["brott.totalt"], (area, year)
            assert c["brott.misshandel"] < c["brott.person"], (area, year)
            assert c["brott.bostadsinbrott"] < c["brott.stold"], (area, year)
    fag = [counts[("1982", y, "brott.totalt")] for y in range(2020, 2025)]
    assert all(a > b for a, b in zip(fag, fag[1:])), fag


def write(counts):
    areas = [c for c, _ in KOMMUNER] + [COUNTY, RIKET]
    suppressed = set(SUPPRESSED)
    lines = ["area,period,indicator,count,status"]
    for area in areas:
        for year in YEARS:
            for ind in INDICATORS:
                value = counts[(area, year, ind)]
                shown = ".." if (area, year, ind) in suppressed else str(value)
                lines.append(f"{area},{year},{ind},{shown},")
    with open(os.path.join(HERE, "counts.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    lines = ["area,period,population"]
    for area in areas:
        for yi, year in enumerate(POP_YEARS):
            if area == COUNTY:
                pop = sum(POPULATION[c][yi] for c, _ in KOMMUNER)
            else:
                pop = POPULATION[area][yi]
            lines.append(f"{area},{year},{pop}")
    with open(os.path.join(HERE, "population.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def main():
    counts = generate()
    write(counts)
    print("wrote counts.csv and population.csv in", HERE)
    print("suppressed cells (shown as '..'; true value used in the county sum):")
    for area, year, ind in SUPPRESSED:
        print(f"  {area},{year},{ind}: true value {counts[(area, year, ind)]}")
    small = sorted(
        (a, y, i, v) for (a, y, i), v in counts.items()
        if v < 10 and (a, y, i) not in set(SUPPRESSED)
    )
    print(f"counts under 10 (not suppressed): {len(small)}")
    for a, y, i, v in small:
        print(f"  {a},{y},{i},{v}")


if __name__ == "__main__":
    main()
