// Checking a policy together with the baselines it imports: the merged policy
// (merge.hpp) goes through the builder and the rule pack as one, findings in
// imported clauses point into the imported file with a note at the 导入
// statement, and waivers are read in the file they sit in.
#pragma once

#include <memory>

#include "check/checker.hpp"
#include "graph/imports.hpp"

namespace luohu::compose {

struct Checked {
  FileReport report;
  std::unique_ptr<PolicyModel> policy;  // the merged policy, when it was built (for pictures)
};

// Checks plan.files[root] merged with everything it imports; the plan's
// files are shared, not re-read, so an audit parses each file once.
Checked check(const Checker& checker, const ImportPlan& plan, std::size_t root);

// Checker::check_text's route for a parsed file that imports others or names
// no city (a baseline checked directly gets an error saying how to check it).
FileReport check_parsed(const Checker& checker, std::shared_ptr<const SourceFile> source, syntax::ParseResult parsed);

// For a consumer that shows one file (the editor): moves each diagnostic in
// an imported file onto the checked file's 导入 statement, naming where it lies.
void confine_to_root(FileReport& report);

}  // namespace luohu::compose
