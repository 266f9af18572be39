// A range of one source buffer, as byte offsets: the position type every layer
// shares (syntax tree, model, diagnostics). Rendered as line/column only on
// output (source/source_file.hpp).
#pragma once

#include <cstdint>

namespace luohu {

struct SourceRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  bool empty() const { return begin == end; }
  bool operator==(const SourceRange&) const = default;
};

}  // namespace luohu
