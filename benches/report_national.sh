#!/usr/bin/env bash
# Times `bra report --all-kommuner` on a national-size sample: all 290 kommuner, their 21 län
# and riket, 7 crime categories, 2015-2024 (deterministic, made by report_national.py).
#   bash benches/report_national.sh            # release build, then one timed run
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
python3 benches/report_national.py "$dir"
cargo build --release -q -p bra-cli
# The target folder cargo uses (CARGO_TARGET_DIR or ./target).
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
start=$(date +%s.%N)
"$target/release/bra" -q report --config "$dir/report.toml" --out "$dir/alla" --all-kommuner
end=$(date +%s.%N)
reports=$(find "$dir/alla" -mindepth 2 -maxdepth 2 -name index.html | wc -l)
charts=$(find "$dir/alla" -path '*/charts/*.png' | wc -l)
printf 'all-kommuner report: %d reports, %d PNG charts (and as many SVG) in %.1f s\n' \
  "$reports" "$charts" "$(echo "$end - $start" | bc)"
rm -rf "$dir"
