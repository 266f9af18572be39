#include "compose/source_map.hpp"

#include <algorithm>

#include "check/checker.hpp"

namespace luohu {

std::size_t SourceMap::index_of(std::uint32_t offset) const {
  // Files are sorted by base; the owner is the last one starting at or before the offset.
  auto it = std::upper_bound(files.begin(), files.end(), offset,
                             [](std::uint32_t o, const MappedFile& f) { return o < f.base; });
  return it == files.begin() ? 0 : static_cast<std::size_t>(it - files.begin() - 1);
}

Located locate(const FileReport& report, SourceRange range) {
  if (!report.sources || report.sources->files.size() < 2) return {report.source.get(), range, 0};
  std::size_t i = report.sources->index_of(range.begin);
  const auto& f = report.sources->files[i];
  return {f.source.get(), {range.begin - f.base, std::max(range.begin, range.end) - f.base}, i};
}

}  // namespace luohu
