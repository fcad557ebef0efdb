# The evaluation corpus of `ordo read` (tests/read/README.md): every annotated span is its text,
# every entity id is in data/, a third of each language is in the test split.
find_program(ORDO_PYTHON3 python3)
if(ORDO_PYTHON3)
  add_test(NAME read.corpus COMMAND ${ORDO_PYTHON3} ${CMAKE_CURRENT_LIST_DIR}/check.py
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
else()
  add_test(NAME read.corpus COMMAND sh -c "echo 'SKIP: python3 is missing'; exit 77")
endif()
set_tests_properties(read.corpus PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 60 LABELS "read")

# The scorer of the corpus, shared by the tests and by ordo_read_eval (the figures of docs/read.md).
target_sources(ordo_read_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}/corpus.cc)
add_executable(ordo_read_eval ${CMAKE_CURRENT_LIST_DIR}/eval_main.cc ${CMAKE_CURRENT_LIST_DIR}/corpus.cc)
target_include_directories(ordo_read_eval PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
target_link_libraries(ordo_read_eval PRIVATE ordo_read nlohmann_json::nlohmann_json)
target_compile_definitions(ordo_read_eval PRIVATE ORDO_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
