// Completion candidates at a position, from the raw text (which is often
// half-typed): keywords in both spellings for the enclosing block, and the
// vocabulary the current statement takes (groups, conditions, zones, ...).
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "source/source_file.hpp"

namespace luohu::lsp {

struct Candidate {
  enum class Kind { keyword, term, zone };
  std::string label;
  Kind kind;
  std::string detail;
  std::string documentation;
};

std::vector<Candidate> complete(const SourceFile& source, std::uint32_t offset, Lang lang);

}  // namespace luohu::lsp
