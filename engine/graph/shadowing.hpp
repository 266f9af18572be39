// Comparing clauses: the bound a clause sets on its quantity, whether one
// clause is at least as strict as another, and channels that another channel
// makes pointless (same people, same zones, weaker or equal conditions).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "model/policy.hpp"

namespace luohu {

struct Limit {
  double value = 0;
  bool strict = false;  // > or <
};

// A clause's comparison as lower and upper bounds on its quantity (the level
// rank for education and skill).
struct Bound {
  std::optional<Limit> lower, upper;
};
Bound bound_of(const ConditionModel& c);

// Whoever meets `strong` meets `weak` (same kind, bound at least as tight).
bool implies(const ConditionModel& strong, const ConditionModel& weak);

// (shadowed channel, the earlier channel that covers it), in channel order,
// from each channel's options_of(conditions), in channel order (graph/pathways.hpp's
// Option is a std::vector<const ConditionModel*>). Reads each channel's
// graph_facts.possible: part of the pathway analysis.
std::vector<std::pair<const ChannelModel*, const ChannelModel*>> find_shadowed(
    const PolicyModel& policy, const std::vector<std::vector<std::vector<const ConditionModel*>>>& options);

}  // namespace luohu
