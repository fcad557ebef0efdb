#!/usr/bin/env bash
# Runs one of the libFuzzer targets of fuzz/ for SECONDS: builds it with Clang (libFuzzer, ASan,
# UBSan) in build-fuzz/ and runs it on a copy of its seed corpus (the seeds stay as committed).
# Fails on any finding; the reproducer is left in build-fuzz/artifacts/. TARGET:
#   parse  the order language's readers (orders, queries, CSV imports: fuzz/parse_fuzz.cc), the default
#   http   the HTTP API's request handling and route table (fuzz/http_fuzz.cc, seeds fuzz/corpus/http)
#   db     a damaged database file opened and queried (fuzz/db_fuzz.cc; the seed is written at start)
#
#   scripts/fuzz.sh SECONDS [TARGET] [libFuzzer flags or extra read-only seed folders...]
#   e.g. scripts/fuzz.sh 600, scripts/fuzz.sh 60 http, scripts/fuzz.sh 0 http -runs=1000000
#
# Environment: ORDO_FUZZ_BUILD (default: build-fuzz), ORDO_FUZZ_JOBS (build jobs, default 2).
set -euo pipefail

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [parse|http|db] [libFuzzer flags or extra read-only seed folders...]" >&2
  exit 2
fi
seconds="$1"
shift
target=parse
if [ $# -gt 0 ] && [[ "$1" =~ ^(parse|http|db)$ ]]; then
  target="$1"
  shift
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${ORDO_FUZZ_BUILD:-$root/build-fuzz}"
jobs="${ORDO_FUZZ_JOBS:-2}"

if ! command -v clang++ >/dev/null; then
  echo "fuzz.sh: clang++ is needed (scripts/install-deps.sh installs it)" >&2
  exit 2
fi

mkdir -p "$build"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DORDO_FUZZ=ON -DORDO_BUILD_TESTS=OFF -DORDO_BUILD_BENCH=OFF >"$build/configure.log" 2>&1 ||
  { cat "$build/configure.log" >&2; exit 2; }
cmake --build "$build" --target "${target}_fuzz" -j "$jobs"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/corpus" "$build/artifacts"
flags=(-dict="$root/fuzz/$target.dict" -max_len=2048)
case "$target" in
  parse | http) cp -r "$root/fuzz/corpus/$target/." "$work/corpus/" ;;
  # The seed, a database file of tests/server/fixture, is larger than 2 KiB.
  db) export ORDO_DB_FUZZ_SEED_DIR="$work/corpus"; flags=(-max_len=1048576) ;;
esac
# 0 seconds: no time limit (for a run bounded by -runs=N).
[ "$seconds" -gt 0 ] && flags+=(-max_total_time="$seconds")

status=0
"$build/fuzz/${target}_fuzz" \
  -timeout=10 -rss_limit_mb=2048 "${flags[@]}" -artifact_prefix="$build/artifacts/" -print_final_stats=1 \
  "$work/corpus" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: the fuzzer found a problem (exit $status); reproducer in $build/artifacts/" >&2
  [ "$target" = parse ] &&
    echo "fuzz.sh: add it to fuzz/regressions/ and fix it (tests/lang/fuzz_regression_test.cc runs that folder)" >&2
  exit 1
fi
