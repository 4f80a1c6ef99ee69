#!/usr/bin/env bash
# Regenerates the chart gallery (docs/gallery/*.png) with one command:
#   bash docs/gallery/make.sh
# trend, compare, funnel and profile are drawn from data/samples (through `bra rates`); survey and goals
# from the chart fixtures in tests/fixtures/charts (the samples have no survey or goals output
# yet). The output is the same on every run.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build -q -p bra-cli
bra() { cargo run -q -p bra-cli -- "$@"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=docs/gallery

bra -q rates --counts data/samples/counts.csv --population data/samples/population.csv -o "$tmp/rates.csv"

# Fagersta's reported crime with the county and the country, and a goal: 10 500 by 2026.
bra -q chart trend --input "$tmp/rates.csv" --area Fagersta --indicator brott.totalt \
  --benchmark 19,00 --target 10500 --deadline 2026 --baseline 2019 -o "$out/trend.png"

# The same in English.
bra -q --lang en chart trend --input "$tmp/rates.csv" --area Fagersta --indicator brott.totalt \
  --benchmark 19,00 -o "$out/trend-en.png"

# The kommuner of Västmanlands län against the county, 2024.
bra -q chart compare --input "$tmp/rates.csv" --area Fagersta --indicator brott.totalt \
  --benchmark 19 --period 2024 -o "$out/compare.png"

# Funnel of the same kommuner around the county's rate.
bra -q chart funnel --input "$tmp/rates.csv" --area Fagersta --indicator brott.totalt \
  --benchmark 19 --period 2024 -o "$out/funnel.png"

# Fagersta's kommun profile: every indicator against the county, the spread of its kommuner.
bra -q profile --input "$tmp/rates.csv" --area Fagersta --benchmark 19 -o "$out/profile.png"

# Survey waves (illustrative NTU-like fixture) and goals (a `bra goals`-shaped fixture).
bra -q chart survey --input tests/fixtures/charts/survey.csv --area 19 --indicator ntu.otrygghet \
  --benchmark 00 --title "Otrygghet ute sent på kvällen" --source "Brå, NTU (illustrativa värden)" \
  -o "$out/survey.png"
bra -q chart goals --input tests/fixtures/charts/goals.csv \
  --source "Brå (illustrativa mål)" -o "$out/goals.png"

ls -l "$out"/*.png
