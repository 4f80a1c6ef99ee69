#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) one after another and prints, per target,
# the executions, the corpus size and whether it crashed. Needs cargo-fuzz
# (`cargo install cargo-fuzz`); the stable toolchain is used with RUSTC_BOOTSTRAP=1.
#
#   bash fuzz/run_all.sh            # 10 minutes each
#   bash fuzz/run_all.sh 60 px      # one minute, one target
#
# New corpus entries go to fuzz/corpus/<target> (not committed), crashes to
# fuzz/artifacts/<target>; seeds are read from fuzz/seeds/<target>. A crash input is turned
# into a regression test by copying it to tests/fuzz_regressions/<target>/ (run by
# tests/it/fuzz_regressions.rs in every `cargo test`).
set -uo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"/\1/p' Cargo.toml | grep -v bra-indicators-fuzz)
fi
export RUSTC_BOOTSTRAP=1
mkdir -p logs
cargo fuzz build -s none >logs/build.log 2>&1 || { echo "run_all.sh: the build failed, see fuzz/logs/build.log" >&2; exit 1; }
printf '| target | seconds | executions | exec/s | corpus | crashes |\n|---|---:|---:|---:|---:|---:|\n'
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  cargo fuzz run -s none "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"logs/$t.log" 2>&1
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$t.log" | tail -1)
  corpus=$(find "corpus/$t" -type f | wc -l)
  crashes=$(find "artifacts/$t" -type f | wc -l)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$t" "$seconds" "${runs:-?}" "${rate:-?}" "$corpus" "$crashes"
done
