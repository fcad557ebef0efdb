# Checks of the code as a whole: Clang's thread-safety analysis of the engine, and the format.
add_test(NAME arch.thread_safety COMMAND ${PROJECT_SOURCE_DIR}/scripts/check-thread-safety.sh)
set_tests_properties(arch.thread_safety PROPERTIES TIMEOUT 300 LABELS arch)
add_test(NAME arch.format COMMAND ${PROJECT_SOURCE_DIR}/scripts/check-format.sh)
set_tests_properties(arch.format PROPERTIES TIMEOUT 120 LABELS arch)
