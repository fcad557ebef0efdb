# A short fuzzing run of the order-language parser (scripts/fuzz.sh builds its own Clang build
# in build-fuzz/). Serial: it keeps a core busy for a minute.
add_test(NAME lang.fuzz_smoke COMMAND ${PROJECT_SOURCE_DIR}/scripts/fuzz.sh 60)
set_tests_properties(lang.fuzz_smoke PROPERTIES TIMEOUT 900 RUN_SERIAL TRUE LABELS fuzz)
