// Whether a rule concerns a city: its tiers and administrative levels. One
// definition, for the checker (which rules run) and the audit summary (which
// cities a rule concerns).
#pragma once

namespace luohu {

struct Rule;
struct City;

enum class Applicability {
  applies,
  not_applicable,
  tier_unknown,  // the rule is for some tiers and the registry has no tier for the city, or a band the rule splits
};

Applicability applicability(const Rule& rule, const City& city);
inline bool applies(const Rule& rule, const City& city) { return applicability(rule, city) == Applicability::applies; }

}  // namespace luohu
