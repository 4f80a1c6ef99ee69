#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) one after another, for at most SECONDS each
# (default 600) and, with RUNS set, at most RUNS executions each (whichever comes first), and
# prints a Markdown table per target: executions, wall seconds, exec/s, corpus size, crashes.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); the stable toolchain is used with
# RUSTC_BOOTSTRAP=1. The build links the library without default features (no charts, no
# Parquet writer): see fuzz/README.md.
#
#   bash fuzz/run_all.sh                       # 10 minutes each
#   bash fuzz/run_all.sh 60 px                 # one minute, one target
#   RUNS=1000000 bash fuzz/run_all.sh 1200     # 1 M executions each, 20 minutes at most
#   NO_BUILD=1 bash fuzz/run_all.sh 60 px      # reuse the last build
#
# New corpus entries go to fuzz/corpus/<target> (not committed), crashes to
# fuzz/artifacts/<target>, logs to fuzz/logs/<target>.log; seeds are read from
# fuzz/seeds/<target>. A crash input is minimised with `cargo fuzz tmin -s none <target> <file>`
# and turned into a regression test by copying it to tests/fuzz_regressions/<target>/ (replayed
# by tests/it/fuzz_regressions.rs in every `cargo test`).
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
if [ -z "${NO_BUILD:-}" ]; then
  cargo fuzz build -s none >logs/build.log 2>&1 || { echo "run_all.sh: the build failed, see fuzz/logs/build.log" >&2; exit 1; }
fi
limit=(-max_total_time="$seconds")
if [ -n "${RUNS:-}" ]; then limit+=(-runs="$RUNS"); fi
printf '| target | executions | seconds | exec/s | corpus | crashes |\n|---|---:|---:|---:|---:|---:|\n'
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  start=$(date +%s)
  cargo fuzz run -s none "$t" "corpus/$t" "seeds/$t" -- \
    "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"logs/$t.log" 2>&1
  took=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "logs/$t.log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "logs/$t.log" | tail -1)
  corpus=$(find "corpus/$t" -type f | wc -l)
  crashes=$(find "artifacts/$t" -type f | wc -l)
  printf '| %s | %s | %s | %s | %s | %s |\n' "$t" "${runs:-?}" "$took" "${rate:-?}" "$corpus" "$crashes"
done
