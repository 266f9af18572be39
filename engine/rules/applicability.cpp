#include "rules/applicability.hpp"

#include <algorithm>

#include "registry/registry.hpp"
#include "rules/rule.hpp"

namespace luohu {

Applicability applicability(const Rule& rule, const City& city) {
  if (!rule.tiers.empty()) {
    if (!city.tier) return Applicability::tier_unknown;
    if (std::find(rule.tiers.begin(), rule.tiers.end(), *city.tier) == rule.tiers.end())
      return Applicability::not_applicable;
  }
  if (rule.levels.empty()) return Applicability::applies;
  const auto levels = city.levels();
  for (const auto& l : rule.levels) {
    if (std::find(levels.begin(), levels.end(), l) != levels.end()) return Applicability::applies;
  }
  return Applicability::not_applicable;
}

}  // namespace luohu
