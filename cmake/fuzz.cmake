# libFuzzer targets (fuzz/README.md). Only with clang and -DLUOHU_FUZZ=ON: the
# engine is then instrumented for coverage and built with ASan and UBSan.
option(LUOHU_FUZZ "Build the libFuzzer targets in fuzz/ (clang only)" "$ENV{LUOHU_FUZZ}")  # env default: see .ci/run
if(LUOHU_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LUOHU_FUZZ=ON needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  target_compile_options(luohu_flags INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_link_options(luohu_flags INTERFACE -fsanitize=address,undefined)
  # Coverage for libFuzzer only where fuzzing looks: the engine's libraries. The tests and the CLI
  # need none (it made each test file 30% slower to compile, and every test run slower).
  function(luohu_fuzz_instrument_engine)
    get_property(targets DIRECTORY ${CMAKE_SOURCE_DIR}/engine PROPERTY BUILDSYSTEM_TARGETS)
    foreach(target ${targets})
      get_target_property(type ${target} TYPE)
      if(type STREQUAL "STATIC_LIBRARY")
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
      endif()
    endforeach()
  endfunction()
  cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL luohu_fuzz_instrument_engine)
  file(GLOB LUOHU_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/fuzz_*.cpp)
  foreach(source ${LUOHU_FUZZ_SOURCES})
    get_filename_component(name ${source} NAME_WE)
    add_executable(${name} ${source})
    target_link_libraries(${name} PRIVATE luohu_engine luohu_warnings)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_compile_definitions(${name} PRIVATE LUOHU_SOURCE_DIR="${CMAKE_SOURCE_DIR}")  # never installed
  endforeach()
endif()
