// libFuzzer entry point: see targets.hpp (run_snapshot) and fuzz/README.md.
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (!luohu::fuzz::run_snapshot({reinterpret_cast<const char*>(data), size})) __builtin_trap();
  return 0;
}
