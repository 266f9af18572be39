// The canonical layout of a .luohu file (luohu fmt, LSP formatting): one
// statement or clause per line, two-space indents, every comment kept, the
// author's spellings (Chinese or English keywords, quotes, ；) kept as written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "source/source_file.hpp"

namespace luohu::format {

struct FormatResult {
  std::optional<std::string> text;      // absent when the file does not parse
  std::vector<Diagnostic> diagnostics;  // the syntax errors that prevented formatting
};

FormatResult format_source(const SourceFile& source);

}  // namespace luohu::format
