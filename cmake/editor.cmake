# The editor side (issue 5): Neovim end-to-end test of `luohu lsp`, and the
# edit-to-diagnostics latency benchmark. The VS Code extension is built by
# .ci/steps/20-editor.sh (npm), not by CMake.
if(LUOHU_BUILD_TESTS)
  find_program(LUOHU_NVIM nvim)
  if(LUOHU_NVIM)
    add_test(NAME nvim_lsp_e2e
             COMMAND ${LUOHU_NVIM} --headless --clean -u NONE -c "luafile ${CMAKE_SOURCE_DIR}/tests/nvim/lsp_e2e.lua")
    set_tests_properties(nvim_lsp_e2e PROPERTIES
      ENVIRONMENT "LUOHU_BINARY=$<TARGET_FILE:luohu>;LUOHU_SOURCE_DIR=${CMAKE_SOURCE_DIR};LC_ALL=C.UTF-8"
      PASS_REGULAR_EXPRESSION "PASS: "
      TIMEOUT 120)
  else()
    add_test(NAME nvim_lsp_e2e
             COMMAND sh -c "echo 'SKIPPED: nvim not found; install neovim (scripts/packages/editor.txt)'; exit 77")
    set_tests_properties(nvim_lsp_e2e PROPERTIES SKIP_RETURN_CODE 77)
  endif()
endif()

find_package(benchmark QUIET)
if(benchmark_FOUND)
  add_executable(lsp_latency bench/lsp_latency.cpp)
  target_link_libraries(lsp_latency PRIVATE luohu_engine benchmark::benchmark luohu_warnings)
endif()

# The VS Code extension finds luohu (setting, bundled bin/, PATH) and says so when it cannot.
if(LUOHU_BUILD_TESTS)
  find_program(LUOHU_NODE node)
  if(LUOHU_NODE)
    add_test(NAME editor.vscode_server_path COMMAND ${LUOHU_NODE} ${CMAKE_SOURCE_DIR}/editors/vscode/test/server-path.test.js)
  else()
    add_test(NAME editor.vscode_server_path COMMAND sh -c "echo 'SKIPPED: node not found'; exit 77")
    set_tests_properties(editor.vscode_server_path PROPERTIES SKIP_RETURN_CODE 77)
  endif()
endif()
