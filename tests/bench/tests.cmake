# A smoke run of the benchmark harness: ordo and SQLite only (no servers), tiny sizes, a few
# seconds. It checks that the harness builds, loads a generated history and that ordo and
# SQLite give the same answers. The real runs are `make bench` (docs/benchmarks.md).
if(ORDO_BUILD_BENCH)
  add_test(NAME bench_smoke
           COMMAND compare_bench --territories 300 --versions 5 --units 300 --districts 50 --peers ordo,sqlite
                   --lookups 2000 --peer-lookups 200 --paths 200 --peer-paths 50 --ingest 2000
                   --tx-sizes 1,10 --tx-facts 40 --no-reopen --scratch ${CMAKE_CURRENT_BINARY_DIR}/bench-smoke)
  set_tests_properties(bench_smoke PROPERTIES TIMEOUT 120 LABELS bench)
endif()
