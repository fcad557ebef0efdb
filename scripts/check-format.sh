#!/usr/bin/env bash
# Checks that every C++ file of the repository is formatted as .clang-format says (CI runs it).
#   scripts/check-format.sh        report the files that differ (exit 1 if any)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if ! command -v clang-format >/dev/null; then
  echo "check-format.sh: clang-format is needed (scripts/install-deps.sh installs it)" >&2
  exit 2
fi
mapfile -t files < <(git ls-files '*.cc' '*.h' 2>/dev/null || find src include tests bench fuzz -name '*.cc' -o -name '*.h')
clang-format --dry-run --Werror "${files[@]}"
