// Hover text (Markdown) for a position: the findings there, with the task
// quoted, then what the word under the cursor means; on a 城市 statement,
// the city's registry record (as luohu city prints it) and the rules its
// tier brings (the caps on social-insurance years, the ban on points, ...).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "registry/registry.hpp"
#include "rules/rule.hpp"
#include "source/source_file.hpp"
#include "syntax/ast.hpp"

namespace luohu::lsp {

struct HoverInfo {
  std::string markdown;
  SourceRange range;
};

// `tree`, when given, adds the 原文 of the clause or statement under the cursor
// (or of the channel or block whose name it is). `as_of` (YYYY-MM-DD) keeps
// the tier's rules to those in force that day; empty or "effective": all.
std::optional<HoverInfo> hover(const SourceFile& source, const std::vector<Diagnostic>& diagnostics,
                               const RulePack& rules, Lang lang, std::uint32_t offset,
                               const syntax::File* tree = nullptr, const Registry* registry = nullptr,
                               const std::string& as_of = {});

}  // namespace luohu::lsp
