#!/usr/bin/env bash
# Side by side: `bra` against pandas + scipy, Python polars + scipy, pymannkendall and
# matplotlib on the national-scale data set, on this machine. One command:
#
#   bash benches/compare/run.sh                  # the national table: 290 × 1,100 × 30 ≈ 9.6 M rows
#   bash benches/compare/run.sh --scale 0.1      # ≈ 1 M rows (a quick run)
#   bash benches/compare/run.sh --scale 0.1 --shape all   # the rates job on every input shape
#
# Options: --scale F (rates data set, default 1.0), --trend-scale F (trend data set, default
# 0.05: pymannkendall needs ~1 ms a series, so the full 319,000 series would take ~5 min),
# --repeat N (runs of each job, the median is reported; default 1), --work DIR (default
# /tmp/bra-compare; data, outputs and the venv live there), --shape S|all (the rates job only,
# on the counts file written in shape S, or in each shape: canonical, labels, names, cp1252,
# semicolon, quoted, decimal-comma; one table of all of them: shape, rows, the wall times, the
# ratios, bra's peak memory against the input size).
#
# It builds `bra` and the generator in release mode, creates a throwaway venv with pandas,
# polars, scipy, pymannkendall and matplotlib (reused on the next run), generates the data,
# runs each job under /usr/bin/time -v (wall time, peak resident memory), checks that the
# outputs agree to 1e-9 and prints the tables with the ratios. Jobs: rates (--scale), trend
# (--trend-scale) and charts: 290 trend charts as PNG, one `bra chart trend` call per kommun
# against one matplotlib process (compare/charts_matplotlib.py), on ten years of one
# indicator of the trend data set.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/benches/compare"
scale=1.0
trend_scale=0.05
repeat=1
work=/tmp/bra-compare
shapes=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=$2; shift 2 ;;
    --trend-scale) trend_scale=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --shape) shapes=$2; shift 2 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { echo "== $*" >&2; }

# --- tools ----------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  log "installing GNU time"
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
venv="$work/venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pandas, polars, scipy, pymannkendall, matplotlib' 2>/dev/null; then
  log "creating the Python venv in $venv (pandas, polars, scipy, pymannkendall, matplotlib)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check pandas polars scipy pymannkendall matplotlib
fi
py="$venv/bin/python"
log "building bra and the generator (release)"
(cd "$root" && nice -n 10 cargo build -q --release -p bra-cli --bin bra --example gen_national)
target=$(cd "$root" && cargo metadata --format-version 1 --no-deps | "$py" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bra="$target/release/bra"
gen="$target/release/examples/gen_national"

# --- measuring ------------------------------------------------------------------------------
# measure NAME CMD...: runs CMD $repeat times under /usr/bin/time -v; records the median wall
# time (s) and the peak resident memory (MiB) of those runs in $out/NAME.time. Each run starts
# (not timed) with the files in $fresh removed and a `sync`, so that no run pays for the last
# one's output: a rates table of 10 M rows is 1.9 GB, which this machine's disk writes in 6.7 s,
# and on ext4 replacing an existing file by a rename makes the kernel write the new file out at
# once (`auto_da_alloc`). Three bra runs back to back took 6.5 s each; after a sync, writing
# over the last output 6.2 and 8.8 s, a fresh file 4.1 and 4.2 s. Every tool's rates job gets
# the same (`fresh=FILE measure ...`).
measure() {
  local name=$1; shift
  local walls=() rss=()
  for i in $(seq "$repeat"); do
    if [ -n "${fresh:-}" ]; then rm -f "$fresh"; fi
    sync
    /usr/bin/time -v -o "$out/$name.tv" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" || {
      echo "run.sh: $name failed:" >&2; tail -5 "$out/$name.stderr" >&2; exit 1; }
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/$name.tv")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$out/$name.tv")")
  done
  local mid=$(( (repeat + 1) / 2 ))
  echo "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${mid}p") $(printf '%s\n' "${rss[@]}" | sort -g | sed -n "${mid}p")" >"$out/$name.time"
  log "$name: $(cat "$out/$name.time") (s, MiB)"
}
# --- the rates job on each input shape (--shape) ------------------------------------------
if [ -n "$shapes" ]; then
  [ "$shapes" = all ] && shapes="canonical labels names cp1252 semicolon quoted decimal-comma"
  out="$work/out-shapes"
  rm -rf "$out" && mkdir -p "$out"
  pyrun=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py")
  agree=0
  : >"$out/shapes.txt"
  for shape in $shapes; do
    sdata="$work/data-$scale/$shape"
    if [ ! -s "$sdata/counts.csv" ]; then
      log "generating the $shape data set at scale $scale"
      "$gen" --scale "$scale" --shape "$shape" --out "$sdata"
    fi
    # How an analyst reads each shape with pandas or polars.
    case "$shape" in
      names) pyopts=(--area-names areas.csv) ;;
      cp1252) pyopts=(--encoding cp1252 --area-names areas.csv) ;;
      semicolon) pyopts=(--sep ';') ;;
      decimal-comma) pyopts=(--sep ';' --decimal-comma) ;;
      *) pyopts=() ;;
    esac
    cd "$sdata"
    rows=$(($(wc -l <counts.csv) - 1))
    log "rates job, shape $shape: $rows rows ($(du -m counts.csv | cut -f1) MiB)"
    cat counts.csv population.csv >/dev/null   # warm the page cache for every job alike
    fresh="$out/rates_bra_$shape.csv" measure "bra_$shape" "$bra" --quiet rates --ci exact --counts counts.csv --population population.csv -o "$out/rates_bra_$shape.csv"
    fresh="$out/rates_pandas_$shape.csv" measure "pandas_$shape" "${pyrun[@]}" "$here/rates_pandas.py" counts.csv population.csv "$out/rates_pandas_$shape.csv" ${pyopts[@]+"${pyopts[@]}"}
    fresh="$out/rates_polars_$shape.csv" measure "polars_$shape" "${pyrun[@]}" "$here/rates_polars.py" counts.csv population.csv "$out/rates_polars_$shape.csv" ${pyopts[@]+"${pyopts[@]}"}
    "${pyrun[@]}" "$here/check.py" rates "$out/rates_bra_$shape.csv" "$out/rates_pandas_$shape.csv" "$out/rates_polars_$shape.csv" >"$out/check_$shape.txt" || agree=1
    cat "$out/check_$shape.txt" >&2
    echo "$shape $rows $(stat -c %s counts.csv)" >>"$out/shapes.txt"
    rm -f "$out/rates_pandas_$shape.csv" "$out/rates_polars_$shape.csv"
    # bra's outputs of the shapes must be the same bytes (the source column names the same
    # file name, counts.csv, in each folder); only the first is kept.
    if [ -z "${first:-}" ]; then
      first=$shape
    else
      if cmp -s "$out/rates_bra_$first.csv" "$out/rates_bra_$shape.csv"; then
        log "bra's output of $shape is the same bytes as that of $first"
      else
        echo "run.sh: bra's output of shape $shape differs from that of $first" >&2; agree=1
      fi
      rm -f "$out/rates_bra_$shape.csv"
    fi
  done
  "$py" - "$out" "$scale" "$(nproc)" <<'EOF'
import sys
out, scale, cores = sys.argv[1:]
def get(name):
    wall, rss = open(f"{out}/{name}.time").read().split()
    return float(wall), float(rss)
rows = [line.split() for line in open(f"{out}/shapes.txt")]
best = max(min(get(f"bra_{s}")[0] for s, _, _ in rows), 0.01)
print(f"\nrates job by input shape (scale {scale}, {cores} cores): read counts + population, join the "
      "year before, rate per 100,000 with exact 95 % intervals, write CSV")
print("| shape | rows | input (MiB) | bra (s) | pandas (s) | polars (s) | vs pandas | vs polars | "
      "bra / best shape | bra peak (MiB) | peak / input |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
ok = True
for shape, n, size in rows:
    mb = int(size) / 2**20
    b, bm = get(f"bra_{shape}")
    p, _ = get(f"pandas_{shape}")
    q, _ = get(f"polars_{shape}")
    b = max(b, 0.01)
    ok &= b <= 1.5 * best and p / b >= 10 and q / b >= 3 and bm <= 2 * mb
    print(f"| {shape} | {int(n):,} | {mb:.0f} | {b:.2f} | {p:.2f} | {q:.2f} | {p / b:.1f}x | {q / b:.1f}x | "
          f"{b / best:.2f} | {bm:.0f} | {bm / mb:.2f} |")
print(f"\ntargets (every shape within 1.5x of the best, >= 10x pandas, >= 3x Python polars, peak memory "
      f"<= 2x the input): {'met' if ok else 'MISSED'}")
EOF
  if [ "$agree" = 0 ]; then
    echo "outputs agree: bra against pandas and polars on every shape (1e-9 relative), and bra's output files are the same bytes on every shape (details in $out/check_*.txt)"
  else
    echo "run.sh: the outputs DISAGREE: see $out/check_*.txt" >&2
    exit 1
  fi
  exit 0
fi

# --- data -----------------------------------------------------------------------------------
data="$work/data-$scale"
if [ ! -s "$data/counts.csv" ]; then
  log "generating the data set at scale $scale"
  "$gen" --scale "$scale" --out "$data"
fi
tdata="$work/trend-$trend_scale"
if [ ! -s "$tdata/counts.csv" ]; then
  log "generating the trend data set at scale $trend_scale"
  "$gen" --scale "$trend_scale" --out "$tdata"
fi
out="$work/out"
rm -rf "$out" && mkdir -p "$out"

# The Python peers get numpy's fastest kernels: OPENBLAS_CORETYPE, where a machine sets it to
# work around old OpenBLAS bugs, slows a current numpy down.
pyrun=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py")

# Every job runs in the data folder with the files named as an analyst names them (the
# `source` column of bra's output holds the names as given).
cd "$data"
counts=counts.csv
population=population.csv
log "rates job on $(($(wc -l <"$counts") - 1)) rows ($(du -m "$counts" | cut -f1) MiB)"
cat "$counts" "$population" >/dev/null   # warm the page cache for every job alike
measure scan wc -l "$counts"
fresh="$out/rates_bra.csv" measure bra "$bra" --quiet rates --ci exact --counts "$counts" --population "$population" -o "$out/rates_bra.csv"
# The I/O floor: read the input and write as many bytes as bra's output (no parsing at all).
fresh="$out/floor.bin" measure io_floor sh -c "cat '$counts' >/dev/null && head -c $(stat -c %s "$out/rates_bra.csv") /dev/zero >'$out/floor.bin'"
rm -f "$out/floor.bin"
fresh="$out/rates_pandas.csv" measure pandas "${pyrun[@]}" "$here/rates_pandas.py" "$counts" "$population" "$out/rates_pandas.csv"
fresh="$out/rates_polars.csv" measure polars "${pyrun[@]}" "$here/rates_polars.py" "$counts" "$population" "$out/rates_polars.csv"
log "checking that the three outputs agree (1e-9 relative)"
agree=0
"${pyrun[@]}" "$here/check.py" rates "$out/rates_bra.csv" "$out/rates_pandas.csv" "$out/rates_polars.csv" >"$out/check_rates.txt" || agree=1
cat "$out/check_rates.txt" >&2

log "trend job: Mann-Kendall and Sen's slope for every area × indicator series"
(cd "$tdata" && "$bra" --quiet rates --counts counts.csv --population population.csv -o "$out/trend_input.csv")
measure bra_trend "$bra" --quiet trend --input "$out/trend_input.csv" -o "$out/trends_bra.csv"
measure pymannkendall "${pyrun[@]}" "$here/trend_pymannkendall.py" "$out/trend_input.csv" "$out/trends_pymk.csv"
"${pyrun[@]}" "$here/check.py" trend "$out/trends_bra.csv" "$out/trends_pymk.csv" >"$out/check_trend.txt" || agree=1
cat "$out/check_trend.txt" >&2

# --- charts ---------------------------------------------------------------------------------
# 290 trend charts, one PNG per kommun (1600 × 900), of one indicator over the last ten years
# of the trend data set: `bra chart trend --each` (one process, the table read once, every
# core), as compare/charts_matplotlib.py does it (one process), and also `bra chart trend`
# called once per kommun (a new process that reads the table each time).
# The generated indicator ids carry a number (brott.misshandel_0001); it is dropped so that the
# chart has the registry's title and unit (Misshandel inkl. grov, per 100 000 invånare).
log "charts job: 290 trend charts, bra chart trend against matplotlib"
cinput="$out/charts_input.csv"
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next }
  $3 == "brott.misshandel_0001" && $2 >= 2016 { $3 = "brott.misshandel"; print }' \
  "$out/trend_input.csv" >"$cinput"
cut -d, -f1 "$cinput" | tail -n +2 | sort -u >"$out/charts_areas.txt"
rm -rf "$out/charts_each" "$out/charts_bra" "$out/charts_mpl" && mkdir -p "$out/charts_bra" "$out/charts_mpl"
measure bra_charts_each "$bra" --quiet chart trend -i "$cinput" --indicator brott.misshandel --each -o "$out/charts_each/{area}.png"
measure bra_charts sh -c "while read -r a; do '$bra' --quiet chart trend -i '$cinput' --area \"\$a\" -o '$out/charts_bra/'\"\$a\".png || exit 1; done <'$out/charts_areas.txt'"
measure matplotlib "${pyrun[@]}" "$here/charts_matplotlib.py" "$cinput" "$out/charts_mpl"
charts_ok=1
for d in charts_each charts_bra charts_mpl; do
  n=$(find "$out/$d" -name '*.png' -size +1k | wc -l)
  log "$d: $n PNG files of more than 1 kB (expected $(wc -l <"$out/charts_areas.txt"))"
  [ "$n" = "$(wc -l <"$out/charts_areas.txt")" ] || charts_ok=0
done
if [ "$charts_ok" = 0 ]; then
  echo "run.sh: a chart job did not write every PNG" >&2
  agree=1
fi
echo "$(wc -l <"$out/charts_areas.txt") $(du -k "$out/charts_bra" | cut -f1) $(du -k "$out/charts_mpl" | cut -f1)" >"$out/charts.info"

# --- the table ------------------------------------------------------------------------------
csv_mb=$(du -m "$data/counts.csv" | cut -f1)
"$py" - "$out" "$csv_mb" "$scale" "$trend_scale" "$(nproc)" "$(($(wc -l <"$data/counts.csv") - 1))" \
  "$(($(wc -l <"$out/trends_bra.csv") - 1))" <<'EOF'
import sys
out, csv_mb, scale, trend_scale, cores, rows, series = sys.argv[1:]
def get(name):
    wall, rss = open(f"{out}/{name}.time").read().split()
    return float(wall), float(rss)
b, bm = get("bra")
print(f"\nrates job: {int(rows):,} rows, counts CSV {csv_mb} MiB (scale {scale}), {cores} cores; "
      "read counts + population, join, rate per 100,000 with exact 95 % intervals, write CSV")
print(f"| job | wall (s) | peak memory (MiB) | bra is faster by |")
print(f"|---|---:|---:|---:|")
for name, label in [("bra", "bra rates --ci exact"), ("pandas", "pandas + scipy"),
                    ("polars", "Python polars + scipy"), ("scan", "raw scan (wc -l)"),
                    ("io_floor", "I/O floor (read input, write output bytes)")]:
    w, m = get(name)
    print(f"| {label} | {w:.2f} | {m:.0f} | {w / b:.1f}x |")
target = lambda ok: "met" if ok else "MISSED"
# (time reports hundredths of a second: a scan of a small data set can show 0.00)
p, _ = get("pandas"); q, _ = get("polars"); s, _ = get("scan"); f, _ = get("io_floor")
print(f"\ntargets: >= 10x pandas: {p / b:.1f}x {target(p / b >= 10)}; >= 3x Python polars: {q / b:.1f}x "
      f"{target(q / b >= 3)}; within 3x of the raw scan: {b / max(s, 0.01):.1f}x {target(b / max(s, 0.01) <= 3)} "
      f"(of the I/O floor: {b / max(f, 0.01):.1f}x); peak memory at most 2x the CSV: {bm / float(csv_mb):.2f}x "
      f"{target(bm <= 2 * float(csv_mb))}")
t, tm = get("bra_trend"); k, km = get("pymannkendall")
print(f"\ntrend job: {int(series):,} series (scale {trend_scale}); Mann-Kendall + Sen's slope for every series")
print(f"| job | wall (s) | peak memory (MiB) | bra is faster by |")
print(f"|---|---:|---:|---:|")
print(f"| bra trend (all methods) | {t:.2f} | {tm:.0f} | 1.0x |")
print(f"| pymannkendall | {k:.2f} | {km:.0f} | {k / t:.1f}x |")
print(f"\ntargets: trends >= 10x pymannkendall: {k / t:.1f}x {target(k / t >= 10)}")
e, em = get("bra_charts_each"); c, cm = get("bra_charts"); g, gm = get("matplotlib")
charts, bra_kb, mpl_kb = open(f"{out}/charts.info").read().split()
print(f"\ncharts job: {charts} trend charts (PNG, 1600 x 900), one per kommun, 10 years of one indicator")
print(f"| job | wall (s) | peak memory (MiB) | written (MiB) | bra is faster by |")
print(f"|---|---:|---:|---:|---:|")
print(f"| bra chart trend --each (one process) | {e:.2f} | {em:.0f} | {int(bra_kb) / 1024:.1f} | 1.0x |")
print(f"| bra chart trend ({charts} calls) | {c:.2f} | {cm:.0f} | {int(bra_kb) / 1024:.1f} | {c / e:.1f}x |")
print(f"| matplotlib (one process) | {g:.2f} | {gm:.0f} | {int(mpl_kb) / 1024:.1f} | {g / e:.1f}x |")
print(f"\ntargets: charts >= 10x matplotlib (one process each): {g / e:.1f}x {target(g / e >= 10)} "
      f"({charts} separate bra calls: {g / c:.1f}x)")
EOF
if [ "$agree" = 0 ]; then
  echo "outputs agree: $(grep -c agrees "$out/check_rates.txt") rates and $(grep -c agrees "$out/check_trend.txt") trend comparisons (details in $out/check_*.txt); the three chart jobs each wrote $(wc -l <"$out/charts_areas.txt") PNG files"
else
  echo "run.sh: the outputs DISAGREE (or a chart job wrote too few PNG files): see $out/check_rates.txt and $out/check_trend.txt" >&2
  exit 1
fi
