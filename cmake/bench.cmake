# Benchmarks (bench/README.md): the policy generator luohu-gen and the Google
# Benchmark suite luohu_bench. Not part of the default build ("bench" target).
find_package(benchmark QUIET)
add_library(luohu_gen_lib STATIC EXCLUDE_FROM_ALL ${CMAKE_SOURCE_DIR}/bench/generate.cpp)
target_link_libraries(luohu_gen_lib PUBLIC luohu_engine PRIVATE luohu_warnings)
add_executable(luohu-gen EXCLUDE_FROM_ALL ${CMAKE_SOURCE_DIR}/bench/luohu_gen.cpp)
target_link_libraries(luohu-gen PRIVATE luohu_gen_lib CLI11::CLI11 luohu_warnings)
target_compile_definitions(luohu-gen PRIVATE LUOHU_SOURCE_DIR="${CMAKE_SOURCE_DIR}")  # benchmarks are never installed
set(LUOHU_BENCH_TARGETS luohu-gen)
if(benchmark_FOUND)
  add_executable(luohu_bench EXCLUDE_FROM_ALL ${CMAKE_SOURCE_DIR}/bench/luohu_bench.cpp)
  target_link_libraries(luohu_bench PRIVATE luohu_gen_lib benchmark::benchmark luohu_warnings)
  target_compile_definitions(luohu_bench PRIVATE LUOHU_SOURCE_DIR="${CMAKE_SOURCE_DIR}")
  list(APPEND LUOHU_BENCH_TARGETS luohu_bench)
endif()
add_custom_target(bench DEPENDS ${LUOHU_BENCH_TARGETS} luohu)
