// Text -> syntax tree (names unresolved). Never throws for bad input.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "predicate/node.hpp"

namespace luohu::predicate {

// A problem at a byte offset of the text that was parsed or checked.
struct Diagnostic {
  std::uint32_t offset = 0;
  std::string message;
};

struct ParseResult {
  std::unique_ptr<Node> root;  // null iff there is an error
  Diagnostic error;
};

// `text` must be valid UTF-8 (see text.hpp).
ParseResult parse(std::string_view text);

}  // namespace luohu::predicate
