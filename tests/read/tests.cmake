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
