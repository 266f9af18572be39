// Source text -> syntax tree. Never throws: problems come back as
// diagnostics, and the parser resumes at the next clause after an error.
#pragma once

#include <optional>
#include <vector>

#include "diag/diagnostic.hpp"
#include "source/source_file.hpp"
#include "syntax/ast.hpp"

namespace luohu::syntax {

struct Limits {
  std::size_t max_file_bytes = 10 * 1024 * 1024;  // 10 MiB
  std::size_t max_errors = 50;
  std::size_t max_nesting = 32;  // any_of inside any_of ...
};

struct ParseResult {
  File file;
  std::vector<Diagnostic> diagnostics;  // input errors only
  bool ok() const { return diagnostics.empty(); }
};

ParseResult parse(const SourceFile& source, const Limits& limits = {});

// The top-level items of source.text()[begin, end), which must start where
// an item (or the file) ends and end where one begins; ranges are in the
// whole text. nullopt on any syntax error: syntax/incremental.hpp then
// parses the whole file, so errors are always reported as a full parse would.
std::optional<File> parse_items(const SourceFile& source, std::uint32_t begin, std::uint32_t end,
                                const Limits& limits = {});

}  // namespace luohu::syntax
