// Fixes for findings (docs/fixes.md): the one home of what `luohu check --fix`
// applies and what the language server offers as code actions. Each fix is
// derived from the syntax of what the finding points at, never from the rule's
// id, and is kept only when re-checking the edited text shows the finding's
// rule fires less often, no code fires more often and the file still checks:
// - lower a comparison ("社会保险 >= 6 年" -> ">= 5 年") to the largest whole
//   value, in the author's unit, at which the rule no longer fires, by bisection (safe);
// - add to a 随迁 list, or give a channel one, the fewest family members that
//   clear it (safe);
// - remove a clause, or a block (积分 where points are forbidden), keeping the
//   comments on its lines (unsafe: it deletes what the author wrote);
// - insert a waiver skeleton above the finding, with the four fields an
//   approving authority must fill in (display only: never applied).
// Safe fixes come first; the first fix that can be applied is the preferred one.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "check/checker.hpp"
#include "syntax/ast.hpp"

namespace luohu::compose {

// The fixes of one finding of a report on `source` (whose tree is `tree`),
// best first. Input errors, findings of no rule, waived findings and findings
// in an imported file get none.
std::vector<Fix> fixes_for(const Checker& checker, const FileReport& report, const syntax::File& tree,
                           const Diagnostic& finding);

// Fills Diagnostic::fixes of every finding of the report.
void attach_fixes(const Checker& checker, FileReport& report, const syntax::File& tree);

struct FixOutcome {
  std::string text;        // the fixed text (the input when nothing applied)
  std::size_t edits = 0;   // edits applied
  std::size_t fixed = 0;   // findings those edits cleared
  FileReport report;       // the check of `text`
};

// Applies the preferred fix of every finding that has one (safe fixes, and
// unsafe ones when `unsafe`), re-checks and repeats until no fix applies (at
// most 50 rounds). Edits that overlap wait for the next round; a round whose
// edits together would break what each alone fixes applies only its first.
FixOutcome fix_text(const Checker& checker, std::string path, std::string text, bool unsafe);

// `text` with one fix applied.
std::string apply_fix(const std::string& text, const Fix& fix);

}  // namespace luohu::compose
