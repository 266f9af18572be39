// A data file's path and bytes, read once: what is hashed for the start-up
// snapshot's key is exactly what is parsed.
#pragma once

#include <optional>
#include <string>

namespace luohu {

struct DataFile {
  std::string path;
  std::string text;
};

// The whole file; nullopt when it cannot be read, is not a regular file or
// is over kMaxDataFileBytes (util/file_io.hpp).
std::optional<std::string> read_file(const std::string& path);

}  // namespace luohu
