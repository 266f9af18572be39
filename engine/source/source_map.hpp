// One offset space over several files, like clang's SourceManager: a merged
// policy's ranges stay two integers, and each file owns a slice of offsets.
// The checked file is always first, at base 0, so a report without imports
// needs no map at all.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "source/source_range.hpp"
#include "source/source_file.hpp"

namespace luohu {

struct SourceSlice {
  std::shared_ptr<const SourceFile> source;
  std::uint32_t base = 0;               // its first byte in the shared offset space
  std::optional<std::size_t> importer;  // the file whose 导入 brought it in (none for the checked file)
  SourceRange imported_at;              // that 导入 statement, in the shared space
};

struct SourceMap {
  std::vector<SourceSlice> files;  // [0]: the checked file, base 0; then by base
  // The file that owns a shared offset.
  std::size_t index_of(std::uint32_t offset) const;
};

// A range in one file's own offsets.
struct Located {
  const SourceFile* source = nullptr;
  SourceRange range;
  std::size_t file = 0;  // index into SourceMap::files; 0: the checked file
};

}  // namespace luohu
