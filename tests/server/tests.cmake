# The server's tests compare the API with the command line (shapes_test, scenario_api_test), so
# their binary links the CLI too; the server library itself never does. cpp-httplib is their
# HTTP client only: the server runs on src/http.
if(TARGET ordo_server_tests)
  target_link_libraries(ordo_server_tests PRIVATE ordo_cli PkgConfig::HTTPLIB)
endif()
