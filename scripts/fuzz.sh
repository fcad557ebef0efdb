#!/usr/bin/env bash
# Fuzzes the order language's readers (orders, queries, CSV imports: fuzz/parse_fuzz.cc): builds
# fuzz/parse_fuzz with Clang (libFuzzer, ASan, UBSan) in build-fuzz/ and runs it for SECONDS on a
# copy of fuzz/corpus/parse (the seed corpus stays as committed). Fails on any finding; the
# reproducer is left in build-fuzz/artifacts/.
#
#   scripts/fuzz.sh SECONDS [libFuzzer flags or extra read-only seed folders...]   e.g. scripts/fuzz.sh 600
#
# Environment: ORDO_FUZZ_BUILD (default: build-fuzz), ORDO_FUZZ_JOBS (build jobs, default 2).
set -euo pipefail

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 SECONDS [libFuzzer flags or extra read-only seed folders...]" >&2
  exit 2
fi
seconds="$1"
shift

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
cmake --build "$build" --target parse_fuzz -j "$jobs"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$root/fuzz/corpus/parse" "$work/corpus"
mkdir -p "$build/artifacts"

status=0
"$build/fuzz/parse_fuzz" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=2048 \
  -dict="$root/fuzz/parse.dict" -artifact_prefix="$build/artifacts/" -print_final_stats=1 \
  "$work/corpus" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "fuzz.sh: the fuzzer found a problem (exit $status); reproducer in $build/artifacts/" >&2
  echo "fuzz.sh: add it to fuzz/regressions/ and fix it (tests/lang/fuzz_regression_test.cc runs that folder)" >&2
  exit 1
fi
