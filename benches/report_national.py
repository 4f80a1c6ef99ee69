"""Writes a national-size sample for `bra report --all-kommuner` into the folder given:
counts.csv (290 kommuner, their län and riket, 7 categories, 2015-2024), population.csv and
report.toml. Illustrative numbers (seeded), built from the project's own area list."""
import csv, random, sys
from pathlib import Path

out = Path(sys.argv[1])
root = Path(__file__).resolve().parent.parent
areas = list(csv.DictReader(line for line in open(root / "crates/bra-indicators/data/areas.csv", encoding="utf-8") if not line.startswith("#")))
kommuner = [a for a in areas if a["kind"] == "kommun"]
rates = {"brott.totalt": 12000, "brott.person": 2000, "brott.misshandel": 750, "brott.stold": 4000,
         "brott.skadegorelse": 1800, "brott.bostadsinbrott": 250, "brott.narkotika": 900}
rng = random.Random(2026)
years = range(2015, 2025)
counts, pops = {}, {}
for k in kommuner:
    base = rng.randint(2500, 200000)
    for y in years:
        p = int(base * (1 + 0.004 * (y - 2015)))
        pops[(k["code"], y)] = p
        for ind, r in rates.items():
            lam = r * p / 1e5 * rng.uniform(0.7, 1.3)
            counts[(k["code"], y, ind)] = max(0, int(rng.gauss(lam, lam ** 0.5)))
def add_up(code_of):
    for (a, y, ind), c in list(counts.items()):
        if len(a) == 4:
            key = (code_of(a), y, ind)
            counts[key] = counts.get(key, 0) + c
    for (a, y), p in list(pops.items()):
        if len(a) == 4:
            key = (code_of(a), y)
            pops[key] = pops.get(key, 0) + p
parent = {k["code"]: k["parent"] for k in kommuner}
add_up(lambda a: parent[a])
add_up(lambda a: "00")
with open(out / "counts.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["area", "period", "indicator", "count"])
    for (a, y, ind), c in sorted(counts.items()):
        w.writerow([a, y, ind, c])
with open(out / "population.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["area", "period", "population"])
    for (a, y), p in sorted(pops.items()):
        w.writerow([a, y, p])
(out / "report.toml").write_text('''title = "Uppföljning (nationellt test)"
area = "1982"
benchmarks = ["19", "00"]
[data]
counts = "counts.csv"
population = "population.csv"
''', encoding="utf-8")
print(f"{len(counts)} count rows, {len(pops)} population rows in {out}")
