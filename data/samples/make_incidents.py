#!/usr/bin/env python3
"""Writes data/samples/incidents.csv: an illustrative EST incident log for Fagersta, two years
(2024-10-01 to 2026-11-29), for `bra lagesbild`.

The numbers are made up (fixed seed) but shaped like a real log: categories such as klotter,
skadegörelse, bränder, ordningsstörning, hot mot personal, narkotikainnehav; places such as
Centrum, Västanfors, Resecentrum and a few schools; fires around Valborg (30 April) and New
Year's Eve, more disturbances in summer, graffiti in waves, school incidents only in term
time. A free-text column (`beskrivning`) is there as in real logs: `bra` never copies it.
The last fortnight has a cluster of fires at Resecentrum, which the picture flags.

Run: python3 data/samples/make_incidents.py (Python 3 standard library only).
"""

import csv
import datetime as dt
import math
import random
from pathlib import Path

OUT = Path(__file__).with_name("incidents.csv")
START = dt.date(2024, 10, 1)
END = dt.date(2026, 11, 29)

PLACES = ["Centrum", "Västanfors", "Resecentrum", "Brinkskolan", "Risbroskolan", "Kolarbacken",
          "Hagaparken", "Norra Fagersta", "Eskilsbo", "Fagersta Centrum Galleria"]
SCHOOLS = ["Brinkskolan", "Risbroskolan", "Kolarbyskolan"]
SOURCES = ["polis", "kommunens säkerhetsfunktion", "fastighetsbolag", "räddningstjänst", "skola"]

# category, weekly base rate, seasonal shape, places, source
CATEGORIES = [
    ("Klotter", 2.2, "waves", ["Centrum", "Resecentrum", "Västanfors", "Hagaparken"], "fastighetsbolag"),
    ("Skadegörelse", 1.6, "summer", ["Centrum", "Västanfors", "Kolarbacken", "Brinkskolan"], "fastighetsbolag"),
    ("Brand", 0.6, "fires", ["Västanfors", "Resecentrum", "Norra Fagersta", "Eskilsbo"], "räddningstjänst"),
    ("Ordningsstörning", 1.8, "summer", ["Centrum", "Resecentrum", "Hagaparken", "Fagersta Centrum Galleria"], "polis"),
    ("Hot mot personal", 0.5, "flat", ["Fagersta Centrum Galleria", "Centrum", "Brinkskolan"], "kommunens säkerhetsfunktion"),
    ("Narkotikainnehav", 0.7, "flat", ["Resecentrum", "Hagaparken", "Centrum"], "polis"),
    ("Incident i skola", 0.9, "term", SCHOOLS, "skola"),
    ("Orosanmälan", 1.1, "term", [None], "skola"),
    ("Nedskräpning", 0.8, "summer", ["Hagaparken", "Centrum", "Kolarbacken"], "kommunens säkerhetsfunktion"),
    ("Fyrverkerier", 0.05, "newyear", ["Centrum", "Västanfors", "Norra Fagersta"], "polis"),
]

DESCRIPTIONS = ["rapporterat via app", "iakttaget vid rond", "samtal från boende", "anmält till polis",
                "åtgärdat samma dag", "återkommande plats"]


def seasonal(shape, day):
    doy = day.timetuple().tm_yday
    if shape == "summer":
        return 1.0 + 0.7 * math.exp(-((doy - 190) / 40.0) ** 2)
    if shape == "waves":
        return 1.0 + 0.5 * math.sin(2 * math.pi * doy / 91.0)
    if shape == "fires":
        valborg = abs((day - dt.date(day.year, 4, 30)).days)
        newyear = min(abs((day - dt.date(day.year, 12, 31)).days), abs((day - dt.date(day.year - 1, 12, 31)).days))
        return 1.0 + 5.0 * math.exp(-valborg / 2.0) + 6.0 * math.exp(-newyear / 2.0)
    if shape == "newyear":
        newyear = min(abs((day - dt.date(day.year, 12, 31)).days), abs((day - dt.date(day.year - 1, 12, 31)).days))
        return 1.0 + 60.0 * math.exp(-newyear / 1.5)
    if shape == "term":
        summer = dt.date(day.year, 6, 12) <= day <= dt.date(day.year, 8, 18)
        christmas = day.month == 12 and day.day >= 21 or day.month == 1 and day.day <= 7
        return 0.1 if summer or christmas else 1.2
    return 1.0


def poisson(rng, lam):
    # Knuth's method; lam is small here.
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def main():
    rng = random.Random(20261206)
    rows = []
    day = START
    while day <= END:
        for name, weekly, shape, places, source in CATEGORIES:
            lam = weekly / 7.0 * seasonal(shape, day)
            for _ in range(poisson(rng, lam)):
                place = rng.choice(places)
                rows.append((day, name, place, source))
        day += dt.timedelta(days=1)
    # The last fortnight: a cluster of fires at Resecentrum.
    for d in [dt.date(2026, 11, 17), dt.date(2026, 11, 19), dt.date(2026, 11, 21), dt.date(2026, 11, 22),
              dt.date(2026, 11, 23), dt.date(2026, 11, 25), dt.date(2026, 11, 26), dt.date(2026, 11, 27),
              dt.date(2026, 11, 28), dt.date(2026, 11, 28)]:
        rows.append((d, "Brand", "Resecentrum", "räddningstjänst"))
    rows.sort(key=lambda r: (r[0], r[1]))
    with OUT.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["datum", "kategori", "plats", "källa", "beskrivning"])
        for d, name, place, source in rows:
            hour, minute = rng.randrange(24), rng.randrange(60)
            w.writerow([f"{d.isoformat()} {hour:02d}:{minute:02d}", name, place or "", source, rng.choice(DESCRIPTIONS)])
    print(f"{OUT}: {len(rows)} incidents")


if __name__ == "__main__":
    main()
