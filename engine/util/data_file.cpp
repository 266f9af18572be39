#include "util/data_file.hpp"

#include "util/file_io.hpp"

namespace luohu {

std::optional<std::string> read_file(const std::string& path) {
  auto read = read_regular_file(path, kMaxDataFileBytes);
  return std::move(read.text);
}

}  // namespace luohu
