// Checking a policy as its author wrote it, the entry points every caller
// uses (CLI, language server, audit, explain): a file that imports nothing
// goes straight to Checker::check_single; one with imports is checked
// together with the baselines it imports: the merged policy (merge.hpp) goes
// through the builder and the rule pack as one, findings in imported clauses
// point into the imported file with a note at the 导入 statement, and waivers
// are read in the file they sit in. The checker knows nothing of imports.
#pragma once

#include <memory>

#include "check/checker.hpp"
#include "check/provenance.hpp"
#include "compose/imports.hpp"
#include "model/policy.hpp"

namespace luohu::compose {

struct Checked {
  FileReport report;
  std::unique_ptr<PolicyModel> policy;  // the merged policy, when it was built (for pictures)
};

// Checks plan.files[root] merged with everything it imports; the plan's
// files are shared, not re-read, so an audit parses each file once. `roots`:
// the batch's source roots, found once per folder (check/provenance.hpp).
Checked check(const Checker& checker, const ImportPlan& plan, std::size_t root, SourceRoots* roots = nullptr);

FileReport check_text(const Checker& checker, std::string path, std::string text);
FileReport check_file(const Checker& checker, const std::string& path);  // unreadable file -> input error
// The same, from a parse already made (the language server re-parses only
// what an edit touched: syntax/incremental.hpp); the tree is kept for the
// next edit and copied only for imports. `model`, when given, receives the
// policy model of a file without imports (Checker::check_single).
FileReport check_parsed(const Checker& checker, std::shared_ptr<const SourceFile> source,
                        const syntax::ParseResult& parsed, std::unique_ptr<PolicyModel>* model = nullptr);

// For a consumer that shows one file (the editor): moves each diagnostic in
// an imported file onto the checked file's 导入 statement, naming where it lies.
void confine_to_root(FileReport& report);

}  // namespace luohu::compose
