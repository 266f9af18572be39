// Quick fixes for a finding, derived from the syntax of the clause it points
// at and verified by re-checking the edited text, so no rule-specific code:
// - lower a comparison ("社会保险 >= 6 年" -> ">= 5 年") to the largest whole
//   value, in the author's unit, at which the rule no longer fires;
// - remove the clause (with its line when it stands alone), if that clears it.
#pragma once

#include <vector>

#include "check/checker.hpp"

namespace luohu::lsp {

struct QuickFix {
  Fix fix;
  bool preferred = false;
};

std::vector<QuickFix> quick_fixes(const Checker& checker, const SourceFile& source, const syntax::File& tree,
                                  const Diagnostic& finding);

}  // namespace luohu::lsp
