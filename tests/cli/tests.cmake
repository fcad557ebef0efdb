# The CLI's unit tests link the ordo_cli library when the top-level build defines it; otherwise
# they compile the CLI's sources (all but main.cc) themselves.
if(TARGET ordo_cli_tests AND NOT TARGET ordo_cli)
  file(GLOB ORDO_CLI_TESTED_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/cli/*.cc)
  list(FILTER ORDO_CLI_TESTED_SOURCES EXCLUDE REGEX "/main\\.cc$")
  target_sources(ordo_cli_tests PRIVATE ${ORDO_CLI_TESTED_SOURCES})
  target_link_libraries(ordo_cli_tests PRIVATE CLI11::CLI11)
endif()
