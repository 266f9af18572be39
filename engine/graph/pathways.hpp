// The pathway graph (Boost.Graph): statuses a person can hold as vertices
// (migrant resident, residence-permit holder, settled in the city or in a
// zone), the residence permit and each way of meeting a channel as edges
// carrying years of social insurance and of residence. Shortest paths give
// the effective requirements; the results are stored on the policy model
// (graph/facts.hpp) for rules to read. docs/pathways.md explains the reading.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <map>
#include <string>
#include <vector>

#include "model/policy.hpp"

namespace luohu {

struct Status {
  enum class Kind { resident, permit, settled, zone };
  Kind kind = Kind::resident;
  std::string zone;  // Kind::zone
};

struct Step {
  enum class Kind { permit, channel, zone };
  Kind kind = Kind::channel;
  const ChannelModel* channel = nullptr;  // Kind::channel
  // Weights: what this step adds to the path, in years (see docs/pathways.md).
  double social_insurance = 0;
  double residence = 0;
  // What the step's clauses demand on their own.
  double own_social_insurance = 0, own_residence = 0, permit_years = 0;
  const ConditionModel* social_insurance_clause = nullptr;
  const ConditionModel* residence_clause = nullptr;
  const ConditionModel* permit_years_clause = nullptr;
  std::vector<const ConditionModel*> clauses;  // every clause of this way of meeting it
};

using PathwayGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Status, Step>;
using Vertex = boost::graph_traits<PathwayGraph>::vertex_descriptor;
using Edge = boost::graph_traits<PathwayGraph>::edge_descriptor;

struct Pathways {
  PathwayGraph graph;
  Vertex resident = 0, permit = 0, settled = 0;
  std::map<std::string, Vertex> zones;
  double permit_social_insurance = 0, permit_residence = 0;  // least to obtain the permit
};

// One conjunction of simple clauses: a channel's conditions with every 任一
// expanded (disjunctive normal form, at most kMaxOptions).
using Option = std::vector<const ConditionModel*>;
inline constexpr std::size_t kMaxOptions = 256;
std::vector<Option> options_of(const std::vector<std::unique_ptr<ConditionModel>>& conditions);

// Two clauses of an option no one can meet together, or nothing.
std::optional<std::pair<const ConditionModel*, const ConditionModel*>> contradiction(const Option& option);

Pathways build_pathways(const PolicyModel& policy);

// Builds the graph and fills policy.pathway_facts and every channel's
// graph_facts. PolicyModel::pathways() calls it on first use; calling it
// again after a predicate read a pathway field would leave that read stale.
void analyse_pathways(PolicyModel& policy);

}  // namespace luohu
