#!/usr/bin/env bash
# `ordo serve` over the bundled record under wrk on loopback: GET /api/entity/RU-MUR?at=2024-03-01 at
# 16, 256 and 1,000 connections. With a second binary (and the data/ it reads), both servers are
# measured in the same run, alternating at each connection count. Prints a markdown table and fails when
# a run of this build had a timeout, a socket error or a non-2xx answer.
#
#   bench/serve_bench.sh [BUILD_DIR]
#   bench/serve_bench.sh build /path/to/old/build/ordo /path/to/old/data    # this build against another
#   CONNECTIONS="16" DURATION=30 bench/serve_bench.sh build
#   THIS_ARGS="--cache-mb 0" bench/serve_bench.sh build      # options of this build's `ordo serve`
set -euo pipefail

BUILD=${1:-build}
OTHER=${2:-}
OTHER_DATA=${3:-data}
CONNECTIONS=${CONNECTIONS:-"16 256 1000"}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
URL_PATH=${URL_PATH:-"/api/entity/RU-MUR?at=2024-03-01"}
THIS_ARGS=${THIS_ARGS:-}
PORT=${PORT:-$((20000 + RANDOM % 20000))}

command -v wrk >/dev/null || { echo "serve_bench: wrk is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"
tmp=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT

# start NAME BINARY DATA PORT [ARGS]: loads DATA into a fresh database and serves it on PORT.
start() {
  "$2" --db "$tmp/$1.db" load "$3" >/dev/null
  # shellcheck disable=SC2086
  "$2" --db "$tmp/$1.db" serve --port "$4" ${5:-} >"$tmp/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q "open http" "$tmp/$1.log" && return; sleep 0.05; done
  echo "serve_bench: $1 did not start: $(cat "$tmp/$1.log")" >&2
  exit 2
}

names=(this)
start this "$BUILD/ordo" data "$PORT" "$THIS_ARGS"
if [ -n "$OTHER" ]; then
  names+=(other)
  start other "$OTHER" "$OTHER_DATA" $((PORT + 1))
fi
echo "wrk -t$THREADS, ${DURATION} s per run, $URL_PATH; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

failed=0
echo "| server | connections | req/s | p50 | p99 | timeouts | errors | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for c in $CONNECTIONS; do
  for i in "${!names[@]}"; do
    port=$((PORT + i))
    r=$(wrk -t"$THREADS" -c"$c" -d"${DURATION}s" --latency "http://127.0.0.1:$port$URL_PATH")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$r")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$r")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$r")
    read -r connect read_e write_e timeouts < <(sed -n 's/.*connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' <<<"$r"; echo)
    connect=${connect:-0} read_e=${read_e:-0} write_e=${write_e:-0} timeouts=${timeouts:-0}
    non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$r")
    non2xx=${non2xx:-0}
    errors=$((connect + read_e + write_e))
    echo "| ${names[$i]} | $c | $rps | $p50 | $p99 | $timeouts | $errors | $non2xx |"
    if [ "${names[$i]}" = this ] && { [ "$timeouts" != 0 ] || [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; }; then failed=1; fi
  done
done
exit $failed
