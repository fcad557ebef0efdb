#!/usr/bin/env bash
# Installs the Debian packages ordo needs, only those that are missing.
# Uses sudo when not root. Safe to run repeatedly.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang clang-format libclang-rt-14-dev
  libsqlite3-dev sqlite3 libfmt-dev nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
  libboost-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libstemmer-dev libhunspell-dev hunspell-uk
)
# The web UI (scripts/web-build.sh), its end-to-end tests (tests/web) and the HTTP benchmark.
packages+=(nodejs chromium wrk)
# python3 runs the check of the reading corpus (tests/read/check.py).
packages+=(python3)
# GDAL's ogrinfo reads the UI's GeoJSON and Linked Places downloads in the web tests.
packages+=(gdal-bin)
# Debian's npm only when there is none (a NodeSource nodejs ships its own and conflicts).
command -v npm >/dev/null 2>&1 || packages+=(npm)
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing Debian packages: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
