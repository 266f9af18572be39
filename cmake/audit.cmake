# luohu audit: parallel checks (oneTBB) and SHA-256 provenance (OpenSSL libcrypto).

# The HTML report in headless Chromium (skipped, exit 77, without Chromium or poppler-utils):
# its inline script must draw the expected figures and the map; printed to PDF, the paper must
# hold the header, every error message and every document number of the bundled corpus.
if(LUOHU_BUILD_TESTS)
  add_test(NAME audit.html_renders_in_chromium
           COMMAND ${CMAKE_SOURCE_DIR}/tests/html/audit_html_test.sh $<TARGET_FILE:luohu> ${CMAKE_SOURCE_DIR})
  set_tests_properties(audit.html_renders_in_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 240)
  add_test(NAME audit.html_prints_to_pdf
           COMMAND ${CMAKE_SOURCE_DIR}/tests/html/audit_print_test.sh $<TARGET_FILE:luohu> ${CMAKE_SOURCE_DIR})
  set_tests_properties(audit.html_prints_to_pdf PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 400)
endif()
