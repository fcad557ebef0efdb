# Golden tests: tests/golden/*.test scripts run against the `ordo` binary, one ctest test each.
# Format and update mode (ORDO_GOLDEN_UPDATE=1): see golden_runner.cc.
if(TARGET ordo)
  add_executable(ordo_golden_runner ${CMAKE_CURRENT_LIST_DIR}/golden_runner.cc)
  add_dependencies(ordo_golden_runner ordo)
  file(GLOB ORDO_GOLDEN_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.test)
  foreach(script ${ORDO_GOLDEN_SCRIPTS})
    get_filename_component(name ${script} NAME_WE)
    add_test(NAME golden.${name} COMMAND ordo_golden_runner $<TARGET_FILE:ordo> ${script})
    set_tests_properties(golden.${name} PROPERTIES TIMEOUT 120)
  endforeach()
endif()
