// The outline of a policy: city and header statements, zones, channels (with
// their statements and conditions) and the points / permit / services blocks.
#pragma once

#include <string>
#include <vector>

#include "syntax/ast.hpp"

namespace luohu::lsp {

struct Symbol {
  enum class Kind { statement, zone, channel, block, conditions, clause };
  std::string name;
  std::string detail;
  Kind kind;
  SourceRange range;      // the whole construct
  SourceRange selection;  // its name
  std::vector<Symbol> children;
};

std::vector<Symbol> document_symbols(const syntax::File& file, const std::string& text);

}  // namespace luohu::lsp
