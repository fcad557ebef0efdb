# Tests of the web UI.
# - web_unit: the pure functions of web/src (colour assignment, dates, URL state, legend
#   counting, names, the time bar's layout, coverage) with `node --test tests/web/unit/`.
# - web_e2e: a node script drives Debian's Chromium (playwright-core) against `ordo serve` on
#   the bundled data.
# Both are skipped (exit 77), not failed, when node is missing; web_e2e also when Chromium or
# web/node_modules are missing (scripts/install-deps.sh and scripts/web-build.sh provide them).
find_program(ORDO_NODE node)
if(ORDO_NODE)
  add_test(NAME web_unit COMMAND ${ORDO_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/unit/)
else()
  add_test(NAME web_unit COMMAND sh -c "echo 'SKIP: node is missing'; exit 77")
endif()
set_tests_properties(web_unit PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120 LABELS "web")

if(TARGET ordo_server)
  # Stands in for `ordo serve` until the CLI has the command; the script prefers `ordo serve`.
  add_executable(ordo_web_serve ${CMAKE_CURRENT_LIST_DIR}/serve_main.cc)
  target_include_directories(ordo_web_serve PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(ordo_web_serve PRIVATE ordo_server)

  if(ORDO_NODE)
    add_test(NAME web_e2e COMMAND ${ORDO_NODE} ${CMAKE_CURRENT_LIST_DIR}/e2e.mjs)
    set_tests_properties(web_e2e PROPERTIES
      ENVIRONMENT "ORDO_BIN=$<TARGET_FILE:ordo>;ORDO_SERVE_BIN=$<TARGET_FILE:ordo_web_serve>;ORDO_SOURCE_DIR=${PROJECT_SOURCE_DIR};ORDO_TEST_OUTPUT=${PROJECT_BINARY_DIR}/test-output/web"
      SKIP_RETURN_CODE 77
      TIMEOUT 300
      RUN_SERIAL TRUE
      LABELS "web")
  endif()
endif()
