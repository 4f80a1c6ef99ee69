#!/usr/bin/env python3
"""Writes the survey samples: ntu.csv, ntu_wide.csv and mu.csv (see README.md beside this file).

Standard library only, deterministic (no randomness): run it again after changing the tables
below and the files come out byte for byte the same.

    python3 data/samples/make_survey_samples.py

REAL numbers (the project's seed): NTU 2020, victimisation (utsatthet för brott mot enskild
person) in 2019: 18.1 % in Norra Västmanland (the police area of Fagersta) and 22.6 % in all
of Sweden. Only these two estimates are real; their intervals and every other number here are
ILLUSTRATIVE, with plausible levels, and say so in the `source` column.
"""

from pathlib import Path

HERE = Path(__file__).parent
LPO = "lpo:norra-vastmanland"
RIKET = "00"
REAL = "Brå, NTU 2020 (estimate real; interval illustrative)"
ILLUSTRATIVE = "illustrative (not Brå's figure)"
ILLUSTRATIVE_MU = "illustrative (not SCB's figure)"

# NTU survey years 2017-2023. Victimisation refers to the year before the survey (lag 1);
# unsafety, worry and confidence to the survey year. None = suppressed ("..").
# indicator: (lag, {area: [(estimate, lower, upper) per survey year 2017..2023]})
SURVEY_YEARS = list(range(2017, 2024))
NTU = {
    "ntu.utsatt_enskild_person": (1, {
        LPO: [(17.0, 14.2, 20.2), (19.4, 16.4, 22.8), (17.6, 14.8, 20.8), (18.1, 15.3, 21.2),
              (16.9, 14.1, 20.1), (18.8, 15.9, 22.1), (17.5, 14.7, 20.7)],
        RIKET: [(23.4, 23.0, 23.8), (24.0, 23.6, 24.4), (23.3, 22.9, 23.7), (22.6, 22.2, 23.0),
                (21.6, 21.2, 22.0), (22.4, 22.0, 22.8), (22.9, 22.5, 23.3)],
    }),
    "ntu.otrygghet": (0, {
        LPO: [(27.5, 24.3, 30.9), (28.9, 25.6, 32.4), (30.1, 26.8, 33.6), (28.0, 24.8, 31.4),
              (27.1, 23.9, 30.5), (29.4, 26.1, 32.9), (33.8, 30.4, 37.4)],
        RIKET: [(28.8, 28.4, 29.2), (29.4, 29.0, 29.8), (30.2, 29.8, 30.6), (29.0, 28.6, 29.4),
                (28.2, 27.8, 28.6), (29.9, 29.5, 30.3), (30.7, 30.3, 31.1)],
    }),
    "ntu.oro_brottslighet": (0, {
        LPO: [(64.2, 60.6, 67.6), (66.8, 63.3, 70.1), (68.1, 64.7, 71.3), (65.5, 62.0, 68.8),
              (63.9, 60.3, 67.3), (67.0, 63.5, 70.3), (69.4, 66.0, 72.6)],
        RIKET: [(66.1, 65.7, 66.5), (67.9, 67.5, 68.3), (69.0, 68.6, 69.4), (66.8, 66.4, 67.2),
                (65.2, 64.8, 65.6), (68.3, 67.9, 68.7), (70.1, 69.7, 70.5)],
    }),
    "ntu.fortroende_rattsvasendet": (0, {
        LPO: [None, (56.9, 53.2, 60.5), (58.4, 54.7, 62.0), (60.2, 56.6, 63.7),
              (61.0, 57.4, 64.5), (59.3, 55.7, 62.8), (57.7, 54.0, 61.3)],
        RIKET: [(57.8, 57.4, 58.2), (59.5, 59.1, 59.9), (61.0, 60.6, 61.4), (62.8, 62.4, 63.2),
                (63.4, 63.0, 63.8), (62.1, 61.7, 62.5), (61.5, 61.1, 61.9)],
    }),
}

# SCB's citizen survey (medborgarundersökningen) for Fagersta, waves 2019, 2021 and 2023
# (every other year: the gaps are normal). `00` stands for all participating kommuner.
# mu.trygghet: index 0-100 with its standard error; mu.trygg_kvall: share in percent with n.
MU_INDEX = {
    "1982": {2019: (58.0, 1.9), 2021: (60.0, 2.0), 2023: (55.0, 2.1)},
    RIKET: {2019: (60.0, 0.3), 2021: (61.0, 0.3), 2023: (59.0, 0.3)},
}
MU_SHARE = {
    "1982": {2019: (62.0, 480), 2021: (64.5, 455), 2023: (56.8, 430)},
    RIKET: {2019: (66.0, 118000), 2021: (67.2, 121500), 2023: (65.1, 119800)},
}


def num(x):
    return "" if x is None else f"{x:.1f}"


def write(name, text, encoding="utf-8", newline="\n"):
    data = text.replace("\n", newline).encode(encoding)
    (HERE / name).write_bytes(data)


def ntu_long():
    lines = ["area,period,survey_year,indicator,group,value,lower,upper,level,method,status,source"]
    for indicator, (lag, areas) in NTU.items():
        for area, series in areas.items():
            for year, cell in zip(SURVEY_YEARS, series):
                period = year - lag
                real = indicator == "ntu.utsatt_enskild_person" and year == 2020
                source = REAL if real else ILLUSTRATIVE
                if cell is None:
                    lines.append(f'{area},{period},{year},{indicator},total,..,..,..,0.95,,,"{source}"')
                    continue
                v, lo, up = cell
                assert lo <= v <= up, (indicator, area, year)
                lines.append(f"{area},{period},{year},{indicator},total,{num(v)},{num(lo)},"
                             f'{num(up)},0.95,published,,"{source}"')
    write("ntu.csv", "\n".join(lines) + "\n")


def sv(x):
    return ".." if x is None else f"{x:.1f}".replace(".", ",")


def ntu_wide():
    """Brå's wide layout as Excel saves it as CSV: UTF-8 with BOM, ';', CRLF, decimal comma."""
    names = {LPO: "Norra Västmanland", RIKET: "Hela landet"}
    titles = {
        "ntu.utsatt_enskild_person":
            "Självrapporterad utsatthet för något brott mot enskild person, enligt NTU 2017–2023. "
            "Andel (%) med 95 % konfidensintervall.",
        "ntu.otrygghet":
            "Otrygghet vid utevistelse sent på kvällen i det egna bostadsområdet, enligt NTU "
            "2017–2023. Andel (%) med 95 % konfidensintervall.",
    }
    width = 7
    pad = lambda cells: ";".join(cells + [""] * (width - len(cells)))
    out = []
    for indicator, title in titles.items():
        _, areas = NTU[indicator]
        out.append(pad([title]))
        out.append(pad(["Illustrativa värden utom NTU 2020 (utsatthet): se data/samples/README.md"]))
        out.append(pad([""]))
        row = [""]
        for area in areas:
            row += [names[area], "", ""]
        out.append(pad(row))
        out.append(pad(["NTU-år"] + ["Andel", "KI undre", "KI övre"] * len(areas)))
        for i, year in enumerate(SURVEY_YEARS):
            row = [str(year)]
            for series in areas.values():
                cell = series[i] or (None, None, None)
                row += [sv(c) for c in cell]
            out.append(pad(row))
        out.append(pad(["Källa: Brå, NTU. Åren är undersökningsår: utsattheten avser året före."]))
        out.append(pad([""]))
    write("ntu_wide.csv", "\ufeff" + "\n".join(out) + "\n", newline="\r\n")


def mu():
    lines = ["area,period,indicator,group,n,value,se,lower,upper,level,source"]
    for area, waves in MU_INDEX.items():
        for year, (v, se) in waves.items():
            lines.append(f'{area},{year},mu.trygghet,total,,{num(v)},{se},,,0.95,"{ILLUSTRATIVE_MU}"')
    for area, waves in MU_SHARE.items():
        for year, (v, n) in waves.items():
            lines.append(f'{area},{year},mu.trygg_kvall,total,{n},{num(v)},,,,,"{ILLUSTRATIVE_MU}"')
    write("mu.csv", "\n".join(lines) + "\n")


if __name__ == "__main__":
    ntu_long()
    ntu_wide()
    mu()
    print("wrote ntu.csv, ntu_wide.csv, mu.csv")
