#!/usr/bin/env bash
# The research benchmark: import + full analysis of a generated corpus (default 10,000 toolkits x 300
# codes x 20 descriptors x 3 coders = 9 million codings), Weave against the pandas + SciPy baseline,
# in the same run on the same machine. Prints wall time and peak memory of each; results go in
# docs/benchmarks.md by hand, with the date and machine.
#
#   Benchmarks/research/run.sh [--toolkits N] [--codes N] ...   (arguments go to generate_corpus.py)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=${WEAVE_BENCH_DIR:-/tmp/weave-research-bench}
rm -rf "$work" && mkdir -p "$work"

python3 -c "import pandas, scipy, statsmodels, krippendorff" 2>/dev/null \
  || pip install --quiet pandas scipy statsmodels krippendorff
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null

echo "== generating corpus"
python3 "$here/generate_corpus.py" "$work/corpus" "$@"
wc -l "$work/corpus/"*.csv

echo "== building weave (release)"
(cd "$root" && swift build -c release --product weave >/dev/null)
weave="$root/.build/release/weave"

measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "$label: %e s wall, %M KiB peak RSS" "$@" >/dev/null 2>"$work/$label.time" || { cat "$work/$label.time"; exit 1; }
  tail -1 "$work/$label.time"
}

echo "== weave analyze (import + analysis), then the pandas baseline; twice each, alternating"
for round in 1 2; do
  measure "weave-$round" "$weave" analyze "$work/corpus" --report "$work/weave-report" --quiet
  measure "pandas-$round" python3 "$here/pandas_baseline.py" "$work/corpus" "$work/pandas-report"
done
