# The server's tests compare the API with the command line (shapes_test, scenario_api_test), so
# their binary links the CLI too; the server library itself never does. cpp-httplib is their
# HTTP client only: the server runs on src/http.
if(TARGET ordo_server_tests)
  target_link_libraries(ordo_server_tests PRIVATE ordo_cli PkgConfig::HTTPLIB)
endif()
# A short fuzzing run of the API's request handling and route table (fuzz/http_fuzz.cc; built by
# scripts/fuzz.sh in build-fuzz/). Serial: it keeps a core busy for a minute.
add_test(NAME server.http_fuzz_smoke COMMAND ${PROJECT_SOURCE_DIR}/scripts/fuzz.sh 60 http)
set_tests_properties(server.http_fuzz_smoke PROPERTIES TIMEOUT 1800 RUN_SERIAL TRUE LABELS fuzz)
