# luohu audit: parallel checks (oneTBB) and SHA-256 provenance (OpenSSL libcrypto).
find_package(TBB REQUIRED)
find_package(OpenSSL REQUIRED)
target_link_libraries(luohu_engine PUBLIC TBB::tbb OpenSSL::Crypto)

# The HTML report opened in headless Chromium: its inline script must draw the expected numbers.
if(LUOHU_BUILD_TESTS)
  add_test(NAME audit.html_renders_in_chromium
           COMMAND ${CMAKE_SOURCE_DIR}/tests/html/audit_html_test.sh $<TARGET_FILE:luohu> ${CMAKE_SOURCE_DIR})
  set_tests_properties(audit.html_renders_in_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 120)
endif()
