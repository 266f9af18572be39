// The pathway graph (Boost.Graph): statuses a person can hold as vertices
// (migrant resident, residence-permit holder, settled in the city or in a
// zone), the residence permit and each way of meeting a channel as edges
// carrying years of social insurance and of residence. Shortest paths give
// the effective requirements (graph/pathways.cpp); the DOT picture draws it.
// Kept out of graph/pathways.hpp so that the checker does not parse Boost.Graph.
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

Pathways build_pathways(const PolicyModel& policy);

}  // namespace luohu
