# The corpus's source texts (policies/sources/*.txt) must be what their
# sidecars' origins extract to (scripts/extract-sources); skipped without the mirror.
find_package(Python3 COMPONENTS Interpreter)
if(LUOHU_BUILD_TESTS AND Python3_Interpreter_FOUND)
  add_test(NAME sources.extract_matches_origin
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/extract-sources --skip-without-mirror
                   ${CMAKE_SOURCE_DIR}/policies/sources)
  set_tests_properties(sources.extract_matches_origin PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
endif()
