#!/usr/bin/env bash
# The scale-out run (issue 10, item 9): a fresh PostgreSQL database, two release `weave serve` processes
# behind nginx (docs/nginx.conf), thousands of live participants, one server killed with SIGKILL mid-run.
#
#   WEAVE_BENCH_POSTGRES=postgres://user:password@127.0.0.1:5432/postgres Benchmarks/scale/run.sh [bench options]
#
# WEAVE_BENCH_POSTGRES names a role that may create databases (the database part is only used to connect);
# the script (re)creates `weave_scale_bench` next to it. Without it, WEAVE_TEST_POSTGRES_URL is used.
# WEAVE_BENCH_SKIP_BUILD=1 skips the release builds. Options go to weave-scale-bench (see its main.swift):
# --sessions 350 --participants 5000 --edits 30 --interval-ms 2000 --kill-at 0.5.
set -euo pipefail
cd "$(dirname "$0")/../.."
admin=${WEAVE_BENCH_POSTGRES:-${WEAVE_TEST_POSTGRES_URL:?set WEAVE_BENCH_POSTGRES to a postgres:// URL of a role that may create databases}}
name=weave_scale_bench
# The same server and role, another database.
database=$(python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$admin" "$name")
psql "$admin" -q -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" -c "CREATE DATABASE $name"
if [ -z "${WEAVE_BENCH_SKIP_BUILD:-}" ]; then
    swift build -c release --product weave
    swift build -c release --product weave-scale-bench
fi
echo "ulimit -n $(ulimit -n) (hard $(ulimit -Hn)); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"
.build/release/weave-scale-bench --database "$database" --server .build/release/weave "$@"
