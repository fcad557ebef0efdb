#!/usr/bin/env bash
# Proves the engine's locking rules at compile time: Clang's -Wthread-safety over every engine
# source (GUARDED_BY / REQUIRES in src/engine/database_impl.h; src/base/mutex.h), as errors. Then
# checks that the analysis is on at all: a file that breaks a rule must fail to compile.
#   scripts/check-thread-safety.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v clang++ >/dev/null; then
  echo "check-thread-safety.sh: clang++ is needed (scripts/install-deps.sh installs it)" >&2
  exit 2
fi
flags=(-std=c++20 -fsyntax-only -Wthread-safety -Werror "-I$root/include" "-I$root/src")
status=0
for f in "$root"/src/engine/*.cc; do
  clang++ "${flags[@]}" "$f" || status=1
done
if clang++ "${flags[@]}" "$root/tests/arch/thread_safety_violation.cc" 2>/dev/null; then
  echo "check-thread-safety.sh: a file that reads a guarded member without its lock compiled: the analysis is off" >&2
  status=1
fi
exit $status
