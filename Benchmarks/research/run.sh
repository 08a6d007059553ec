#!/usr/bin/env bash
# The research benchmark: import + full analysis of a generated corpus (default 10,000 toolkits x 300
# codes x 20 descriptors x 3 coders = 9 million codings). In the same run on the same machine, twice
# each and alternating: weave analyze; the vectorised pandas + SciPy reference (pandas_reference.py);
# and DuckDB's bare load of codings.csv (duckdb_load.py), the floor for "just reading the data".
# Prints wall time and peak memory of each and the ratios; results go in docs/benchmarks.md by hand,
# with the date, the machine and its load. WEAVE_BENCH_LOOPS=1 also runs the older per-table
# pandas_baseline.py (minutes).
#
#   Benchmarks/research/run.sh [--toolkits N] [--codes N] ...   (arguments go to generate_corpus.py)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${WEAVE_BENCH_DIR:-/tmp/weave-research-bench}
rm -rf "$work" && mkdir -p "$work"

python3 -c "import pandas, scipy, statsmodels, krippendorff, duckdb" 2>/dev/null \
  || pip install --quiet pandas scipy statsmodels krippendorff duckdb
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null

echo "== generating corpus"
python3 "$here/generate_corpus.py" "$work/corpus" "$@"
wc -l "$work/corpus/"*.csv

echo "== building weave (release)"
[ -n "${WEAVE_BENCH_SKIP_BUILD:-}" ] || (cd "$root" && swift build -c release --product weave >/dev/null)
weave="$root/.build/release/weave"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"

measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" "$@" >"$work/$label.out" 2>"$work/$label.time" || { cat "$work/$label.time"; exit 1; }
  read -r seconds kib < <(tail -1 "$work/$label.time")
  echo "$label: $seconds s wall, $((kib / 1024)) MiB peak RSS, load $(cut -d' ' -f1 /proc/loadavg)"
  echo "$label $seconds" >>"$work/times"
}

echo "== weave analyze, the vectorised pandas reference, DuckDB's load; twice each, alternating"
: >"$work/times"
for round in 1 2; do
  measure "weave-$round" "$weave" analyze "$work/corpus" --report "$work/weave-report" --quiet
  measure "pandas-$round" python3 "$here/pandas_reference.py" "$work/corpus" "$work/pandas-report"
  measure "duckdb-$round" python3 "$here/duckdb_load.py" "$work/corpus"
done
grep -h "^Import" "$work"/weave-*.out || true
if [ -n "${WEAVE_BENCH_LOOPS:-}" ]; then
  measure "pandas-loops" python3 "$here/pandas_baseline.py" "$work/corpus" "$work/pandas-loops-report"
fi
awk '{ split($1, a, "-"); if (!(a[1] in best) || $2 < best[a[1]]) best[a[1]] = $2 }
     END { printf "== best of two: weave %.2f s, pandas %.2f s, duckdb %.2f s; pandas/weave %.1fx, weave/duckdb %.1fx\n",
           best["weave"], best["pandas"], best["duckdb"], best["pandas"] / best["weave"], best["weave"] / best["duckdb"] }' "$work/times"
