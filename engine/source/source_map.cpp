#include "source/source_map.hpp"

#include <algorithm>

namespace luohu {

std::size_t SourceMap::index_of(std::uint32_t offset) const {
  // Files are sorted by base; the owner is the last one starting at or before the offset.
  auto it = std::upper_bound(files.begin(), files.end(), offset,
                             [](std::uint32_t o, const SourceSlice& f) { return o < f.base; });
  return it == files.begin() ? 0 : static_cast<std::size_t>(it - files.begin() - 1);
}

}  // namespace luohu
