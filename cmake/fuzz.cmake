# libFuzzer targets (fuzz/README.md). Only with clang and -DLUOHU_FUZZ=ON: the
# engine is then instrumented for coverage and built with ASan and UBSan.
option(LUOHU_FUZZ "Build the libFuzzer targets in fuzz/ (clang only)" "$ENV{LUOHU_FUZZ}")  # env default: see .ci/run
if(LUOHU_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "LUOHU_FUZZ=ON needs clang (configure with -DCMAKE_CXX_COMPILER=clang++)")
  endif()
  set(LUOHU_FUZZ_FLAGS -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  target_compile_options(luohu_flags INTERFACE ${LUOHU_FUZZ_FLAGS})
  target_link_options(luohu_flags INTERFACE -fsanitize=address,undefined)
  file(GLOB LUOHU_FUZZ_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/fuzz_*.cpp)
  foreach(source ${LUOHU_FUZZ_SOURCES})
    get_filename_component(name ${source} NAME_WE)
    add_executable(${name} ${source})
    target_link_libraries(${name} PRIVATE luohu_engine luohu_warnings)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
    target_compile_definitions(${name} PRIVATE LUOHU_SOURCE_DIR="${CMAKE_SOURCE_DIR}")  # never installed
  endforeach()
endif()
