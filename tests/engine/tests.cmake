# The child process the crash test kills.
add_executable(ordo_crash_child ${CMAKE_CURRENT_LIST_DIR}/crash_child.cc)
target_include_directories(ordo_crash_child PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)
target_link_libraries(ordo_crash_child PRIVATE ordo_lib)
add_dependencies(ordo_engine_tests ordo_crash_child)
target_compile_definitions(ordo_engine_tests PRIVATE ORDO_CRASH_CHILD="$<TARGET_FILE:ordo_crash_child>")
