#!/usr/bin/env bash
# Starts N `weave serve` processes at the same moment on an EMPTY PostgreSQL database (as replicas on a first
# deploy) and reports, per round, how long until every one answers 200 on /health/ready, and what each logged
# about migrating. Usage: Benchmarks/startup/race.sh [ROUNDS=5] [N=3]
# Needs: a built weave (swift build), psql and curl; WEAVE_TEST_POSTGRES_URL naming a role that may create databases.
set -euo pipefail
rounds=${1:-5}; count=${2:-3}
base=${WEAVE_TEST_POSTGRES_URL:?set WEAVE_TEST_POSTGRES_URL=postgres://user:password@127.0.0.1:5432/db}
weave=${WEAVE_BIN:-.build/debug/weave}
admin="${base%%\?*}"
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
for round in $(seq 1 "$rounds"); do
  db="weave_race_$$_$round"
  psql -q "$admin" -c "CREATE DATABASE $db" >/dev/null
  url="${admin%/*}/$db?sslmode=disable"
  start=$(date +%s%N)
  pids=()
  for i in $(seq 1 "$count"); do
    WEAVE_DATABASE="$url" "$weave" serve --port $((18080 + i)) >"$work/$i.out" 2>"$work/$i.err" &
    pids+=($!)
  done
  for i in $(seq 1 "$count"); do
    until curl -fs "http://127.0.0.1:$((18080 + i))/health/ready" >/dev/null 2>&1; do
      kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { echo "round $round: server $i exited:"; cat "$work/$i.err"; exit 1; }
      sleep 0.02
    done
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  applied=$(grep -l "Applying migrations" "$work"/*.err | wc -l)
  waited=$(grep -l "applied the migrations while this one waited" "$work"/*.err | wc -l)
  echo "round $round: all $count ready in $ms ms; applied by $applied, waited and found them applied: $waited"
  kill -TERM "${pids[@]}"; wait "${pids[@]}" 2>/dev/null || true
  psql -q "$admin" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
done
