// The pathway analysis: from the policy model to the facts rules read
// (model/pathway_facts.hpp). The Boost.Graph graph it walks is in
// graph/pathway_graph.hpp, for the analysis and the DOT picture only.
// docs/pathways.md explains the reading.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/policy.hpp"

namespace luohu {

// One conjunction of simple clauses: a channel's conditions with every 任一
// expanded (disjunctive normal form, at most kMaxOptions).
using Option = std::vector<const ConditionModel*>;
inline constexpr std::size_t kMaxOptions = 256;
std::vector<Option> options_of(const std::vector<std::unique_ptr<ConditionModel>>& conditions);

// Two clauses of an option no one can meet together, or nothing.
std::optional<std::pair<const ConditionModel*, const ConditionModel*>> contradiction(const Option& option);

// Builds the graph (graph/pathway_graph.hpp) and fills policy.pathway_facts
// and every channel's graph_facts; once: a second call on an analysed policy
// does nothing. The model must be complete. Checker::evaluate calls it when an
// applicable rule reads a pathway field; pictures call it before drawing.
void analyse_pathways(PolicyModel& policy);

}  // namespace luohu
