// Hover text (Markdown) for a position: the findings there, with the task
// quoted, then what the word under the cursor means.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "rules/rule.hpp"
#include "source/source_file.hpp"

namespace luohu::lsp {

struct HoverInfo {
  std::string markdown;
  SourceRange range;
};

std::optional<HoverInfo> hover(const SourceFile& source, const std::vector<Diagnostic>& diagnostics,
                               const RulePack& rules, Lang lang, std::uint32_t offset);

}  // namespace luohu::lsp
