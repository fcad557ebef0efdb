#!/usr/bin/env bash
# The HTTP transport (src/http) alone under wrk on loopback: bench/http_bench_server answers every request
# with a fixed ~1.5 KB JSON body. Prints a markdown table (docs/http-transport.md) and fails when any run
# had a timeout, a socket error or a non-2xx answer.
#
#   bench/http_bench.sh [BUILD_DIR]                 16, 256 and 1,000 connections, 10 s each
#   CONNECTIONS="16" DURATION=30 bench/http_bench.sh build
#   SERVER_ARGS="--io-threads 2" bench/http_bench.sh build
set -euo pipefail

BUILD=${1:-build}
CONNECTIONS=${CONNECTIONS:-"16 256 1000"}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
SERVER_ARGS=${SERVER_ARGS:-}
URL_PATH=${URL_PATH:-"/api/entity/RU-MUR?at=2024-03-01"}

command -v wrk >/dev/null || { echo "http_bench: wrk is missing (scripts/install-deps.sh installs it)" >&2; exit 2; }
cmake --build "$BUILD" --target http_bench_server >&2
ulimit -n 8192 2>/dev/null || ulimit -n "$(ulimit -Hn)"

out=$(mktemp)
# shellcheck disable=SC2086
"$BUILD/bench/http_bench_server" $SERVER_ARGS >"$out" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 100); do grep -q listening "$out" && break; sleep 0.05; done
port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$out")
[ -n "$port" ] || { echo "http_bench: the server did not start" >&2; exit 2; }
echo "server: $(cat "$out"); wrk -t$THREADS, ${DURATION} s per run; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

failed=0
echo "| connections | req/s | p50 | p99 | timeouts | errors | non-2xx |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for c in $CONNECTIONS; do
  r=$(wrk -t"$THREADS" -c"$c" -d"${DURATION}s" --latency "http://127.0.0.1:$port$URL_PATH")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$r")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$r")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$r")
  # "Socket errors: connect 0, read 0, write 0, timeout 0"
  read -r connect read_e write_e timeouts < <(sed -n 's/.*connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' <<<"$r"; echo)
  connect=${connect:-0} read_e=${read_e:-0} write_e=${write_e:-0} timeouts=${timeouts:-0}
  non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$r")
  non2xx=${non2xx:-0}
  errors=$((connect + read_e + write_e))
  echo "| $c | $rps | $p50 | $p99 | $timeouts | $errors | $non2xx |"
  if [ "$timeouts" != 0 ] || [ "$errors" != 0 ] || [ "$non2xx" != 0 ]; then failed=1; fi
done
exit $failed
