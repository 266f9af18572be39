# docs/rules/*.md are generated from rules/*.yaml by the luohu binary itself
# (`luohu rules --docs DIR`); never edit them by hand. `cmake --build B
# --target rules-docs` regenerates them; the test "docs/rules is generated
# from the pack and up to date" (tests/rules_coverage_test.cpp) fails when
# the committed pages are stale, and the ctest below checks the CLI path.
file(GLOB LUOHU_RULE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rules/*.yaml)
add_custom_target(rules-docs
  COMMAND $<TARGET_FILE:luohu> --rules ${CMAKE_SOURCE_DIR}/rules --registry ${CMAKE_SOURCE_DIR}/registry/cities.yaml rules --docs ${CMAKE_SOURCE_DIR}/docs/rules
  DEPENDS luohu ${LUOHU_RULE_FILES}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  COMMENT "Generating docs/rules from rules/*.yaml"
  VERBATIM)

if(LUOHU_BUILD_TESTS)
  add_test(NAME rules_docs_cli_matches_committed
    COMMAND sh -c "rm -rf \"$1\" && \"$0\" --rules rules --registry registry/cities.yaml rules --docs \"$1\" >/dev/null && diff -r \"$1\" \"$2\""
            $<TARGET_FILE:luohu> ${CMAKE_BINARY_DIR}/rules-docs-check ${CMAKE_SOURCE_DIR}/docs/rules
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
endif()
