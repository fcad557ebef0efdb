#!/usr/bin/env bash
# Runs the side-by-side benchmarks (docs/benchmarks.md): installs PostgreSQL 15 and MariaDB
# 10.11 when missing, starts each as a throwaway server on loopback in a temp dir (4 GB of
# buffers, run as an unprivileged user), runs bench/compare_bench for each size, then stops them.
#
#   scripts/bench.sh BUILD_DIR               the sizes of docs/benchmarks.md
#   SIZES="100000x10" scripts/bench.sh build  only some sizes (TERRITORIESxVERSIONS, space-separated)
#   PEERS=ordo,sqlite scripts/bench.sh build  no servers
# Results: the markdown tables on stdout, raw figures appended to $OUT (default BUILD_DIR/bench-results.tsv),
# query plans in $EXPLAIN_DIR (default docs/benchmarks).
set -euo pipefail

BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIZES=${SIZES:-"100000x10 100000x100 1000000x10"}
PEERS=${PEERS:-ordo,sqlite,postgres,mariadb}
OUT=${OUT:-$BUILD/bench-results.tsv}
EXPLAIN_DIR=${EXPLAIN_DIR:-$ROOT/docs/benchmarks}
EXTRA=${EXTRA:-}
PG_PORT=${PG_PORT:-54329}
BENCH_USER=${BENCH_USER:-nobody}

need_pg() { [[ $PEERS == *postgres* ]]; }
need_my() { [[ $PEERS == *mariadb* ]]; }

install_missing() {
  local pkgs=()
  if need_pg; then
    [[ -x /usr/lib/postgresql/15/bin/postgres ]] || pkgs+=(postgresql postgresql-contrib)
    [[ -f /usr/include/postgresql/libpq-fe.h ]] || pkgs+=(libpq-dev)
  fi
  if need_my; then
    command -v mariadbd >/dev/null || pkgs+=(mariadb-server)
    [[ -f /usr/include/mariadb/mysql.h ]] || pkgs+=(libmariadb-dev)
  fi
  if ((${#pkgs[@]})); then
    echo "bench: installing ${pkgs[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2
    # Debian's packages start a system-wide server; the benchmark uses its own.
    service postgresql stop >/dev/null 2>&1 || true
    service mariadb stop >/dev/null 2>&1 || true
    # Reconfigure so that the harness picks up the client libraries.
    cmake -S "$ROOT" -B "$BUILD" >/dev/null
  fi
}

install_missing
cmake --build "$BUILD" -j "${JOBS:-2}" --target compare_bench

TMP=$(mktemp -d /tmp/ordo-bench.XXXXXX)
chmod 755 "$TMP"
chown "$BENCH_USER" "$TMP"
PG_DIR=$TMP/pg
MY_DIR=$TMP/mariadb
as_user() { if [[ $(id -u) == 0 ]]; then runuser -u "$BENCH_USER" -- "$@"; else "$@"; fi; }

cleanup() {
  if [[ -f $PG_DIR/postmaster.pid ]]; then as_user /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_DIR" -m fast stop >/dev/null || true; fi
  if [[ -f $MY_DIR/mariadbd.pid ]]; then kill "$(cat "$MY_DIR/mariadbd.pid")" 2>/dev/null || true; sleep 2; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

if need_pg; then
  install -d -o "$BENCH_USER" "$PG_DIR"
  as_user /usr/lib/postgresql/15/bin/initdb -D "$PG_DIR" -U postgres -A trust >/dev/null
  as_user /usr/lib/postgresql/15/bin/pg_ctl -D "$PG_DIR" -l "$TMP/pg.log" -w start -o \
    "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR \
     -c shared_buffers=4GB -c effective_cache_size=8GB -c work_mem=256MB -c maintenance_work_mem=2GB \
     -c max_wal_size=8GB -c checkpoint_timeout=30min -c dynamic_shared_memory_type=mmap \
     -c max_parallel_workers_per_gather=0 -c jit=off" >/dev/null
fi
if need_my; then
  install -d -o "$BENCH_USER" "$MY_DIR" "$MY_DIR/data"
  as_user mariadb-install-db --no-defaults --datadir="$MY_DIR/data" --auth-root-authentication-method=normal \
    --skip-test-db >/dev/null
  as_user mariadbd --no-defaults --datadir="$MY_DIR/data" --socket="$MY_DIR/my.sock" --pid-file="$MY_DIR/mariadbd.pid" \
    --skip-networking --local-infile=1 --innodb-buffer-pool-size=4G --innodb-log-file-size=2G \
    --innodb-flush-method=fsync --log-error="$TMP/mariadb.log" &
  for _ in $(seq 1 60); do [[ -S $MY_DIR/my.sock ]] && break; sleep 1; done
  [[ -S $MY_DIR/my.sock ]] || { echo "bench: MariaDB did not start; see $TMP/mariadb.log" >&2; cat "$TMP/mariadb.log" >&2; exit 1; }
fi

echo "bench: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)" >&2
mkdir -p "$EXPLAIN_DIR"
for size in $SIZES; do
  t=${size%x*}
  k=${size#*x}
  "$BUILD/bench/compare_bench" --territories "$t" --versions "$k" --peers "$PEERS" \
    --pg "host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres" --mariadb-socket "$MY_DIR/my.sock" \
    --scratch "$TMP/scratch" --tsv "$OUT" --explain-dir "$EXPLAIN_DIR/$size" $EXTRA
done
