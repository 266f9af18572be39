// Which of the plan's tasks the pack enforces, and why the others are not
// checkable: `luohu rules --coverage` and the generated docs read this.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace luohu {

struct CoverageRow {
  const TaskEntry* task = nullptr;
  std::vector<const Rule*> rules;  // by id
};

std::vector<CoverageRow> coverage(const RulePack& pack);  // task order
// [{task, section, status, rules, reason{zh,en}, responsible}]
nlohmann::json coverage_json(const RulePack& pack, Lang lang);
std::string coverage_text(const RulePack& pack, Lang lang);

}  // namespace luohu
