// What the pathway analysis (graph/pathways.hpp) tells rules: model objects
// derived from the settlement graph, so rules predicate on paths in YAML
// (policy.routes, policy.groups, policy.conflicts) with no rule-specific code.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/schema.hpp"
#include "model/value.hpp"

namespace luohu {

struct ChannelModel;
struct ConditionModel;

// The least-social-insurance way to settle through one channel: possibly
// first obtaining a residence permit, then holding it some years.
struct RouteModel : ModelObject {
  const ChannelModel* channel = nullptr;
  bool via_permit = false;
  double social_insurance_years = 0;  // effective, summed along the path
  double residence_years = 0;         // effective, least over the channel's options
  double permit_social_insurance_years = 0;   // the permit's own demand (0 when not via the permit)
  double permit_years = 0;                    // years of holding the permit the channel demands
  double channel_social_insurance_years = 0;  // the channel's own clause on this route
  std::vector<const ConditionModel*> clauses;  // the clauses whose figures were summed, in path order
  SourceRange where;
  std::string_view type_name() const override { return "route"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }

 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

// A target group and how it reaches settlement.
struct GroupModel : ModelObject {
  std::string id;
  std::vector<const ChannelModel*> channels;  // channels serving it
  bool reachable = false;                     // some serving channel can be met
  bool open = false;  // a serving channel is fully open (model/serving.hpp: allowed_when_open)
  std::optional<double> social_insurance_years;  // least over every path (Dijkstra)
  std::optional<double> residence_years;         // least over every path (Dijkstra)
  const RouteModel* route = nullptr;             // the least-social-insurance route
  SourceRange where;
  std::string_view type_name() const override { return "group"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }

 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

// A channel no one can use (impossible) or no one needs (shadowed).
struct ConflictModel : ModelObject {
  std::string kind;  // impossible | shadowed
  const ChannelModel* channel = nullptr;
  const ChannelModel* by = nullptr;            // shadowed: the channel that makes it pointless
  std::vector<const ConditionModel*> clauses;  // impossible: the clauses in contradiction
  SourceRange where;
  std::string_view type_name() const override { return "conflict"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }

 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

// Per channel, filled by the analysis.
struct ChannelFacts {
  bool possible = true;
  const RouteModel* route = nullptr;  // null when impossible
  const ChannelModel* shadowed_by = nullptr;
};

// Per policy, filled by the analysis.
struct PathwayFacts {
  std::vector<std::unique_ptr<RouteModel>> routes;
  std::vector<std::unique_ptr<GroupModel>> groups;
  std::vector<std::unique_ptr<ConflictModel>> conflicts;
  Value field(FieldId id) const;  // routes | groups | conflicts
};

Value channel_fact(const ChannelFacts& facts, FieldId id);  // possible | route | shadowed_by

// Adds route, group and conflict types and the graph fields of channel and policy.
void add_pathway_schema(Schema& schema);

}  // namespace luohu
