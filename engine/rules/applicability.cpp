#include "rules/applicability.hpp"

#include <algorithm>

#include "registry/registry.hpp"
#include "rules/rule.hpp"

namespace luohu {

Applicability applicability(const Rule& rule, const City& city) {
  if (!rule.tiers.empty()) {
    // A band the registry could only narrow to several tiers binds a rule when
    // every tier in it does; one the rule splits is as unknown as no tier.
    auto binds = tiers_include(rule.tiers, city);
    if (!binds) return Applicability::tier_unknown;
    if (!*binds) return Applicability::not_applicable;
  }
  if (rule.levels.empty()) return Applicability::applies;
  const auto levels = city.levels();
  for (const auto& l : rule.levels) {
    if (std::find(levels.begin(), levels.end(), l) != levels.end()) return Applicability::applies;
  }
  return Applicability::not_applicable;
}

}  // namespace luohu
