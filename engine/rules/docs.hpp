// Rule reference pages generated from the rule pack (ruff/ESLint style: the
// rule's data is its documentation). Pure: returns file names and contents;
// `luohu rules --docs DIR` writes them to docs/rules/.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "rules/rule.hpp"

namespace luohu {

// {"README.md", ...}, {"T3-FULLY-OPEN.md", ...}: index with the coverage
// table, then one page per rule.
std::vector<std::pair<std::string, std::string>> rule_docs(const RulePack& pack);

// The address of a rule's page: file:///…/docs/rules/ID.md beside the rules
// directory it was loaded from (for the editor, on the machine it runs on).
std::string rule_doc_uri(const Rule& rule);
// The page relative to the data root: "docs/rules/ID.md" (for files filed elsewhere).
std::string rule_doc_path(const Rule& rule);

}  // namespace luohu
