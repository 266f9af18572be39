// The policy model: a city's policy with every name resolved against the
// vocabulary and the registry. Rules see it only through ModelObject fields
// (listed in policy_schema()), so rules stay data.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph/facts.hpp"
#include "model/schema.hpp"
#include "model/value.hpp"
#include "registry/registry.hpp"

namespace luohu {

struct ChannelModel;

struct CityModel : ModelObject {
  const City* city = nullptr;
  SourceRange where;  // the policy's city statement
  std::string_view type_name() const override { return "city"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct ZoneModel : ModelObject {
  std::string name;
  std::string kind;  // main_urban | suburb | new_area | other
  SourceRange where;
  std::string_view type_name() const override { return "zone"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct ConditionModel : ModelObject {
  std::string kind;  // a condition id from the vocabulary
  std::string op;    // ">=", ">", "<=", "<", "=" or "" when no comparison
  std::optional<double> value;  // canonical unit: years, yuan, square metres, points, age
  std::optional<std::string> level;  // education / skill level id
  std::optional<int> level_rank;
  std::string rental = "unspecified";  // included | excluded | unspecified
  std::vector<std::string> rights;     // for give_up_rural_rights; empty = all
  std::string context;                 // channel | residence_permit
  const ChannelModel* channel = nullptr;
  bool in_any_of = false;
  std::vector<std::unique_ptr<ConditionModel>> alternatives;  // kind == any_of
  SourceRange where;
  std::string_view type_name() const override { return "condition"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct ChannelModel : ModelObject {
  std::string name;
  std::vector<std::string> targets;
  std::vector<std::string> zones;  // zone names; empty = every zone
  std::vector<std::unique_ptr<ConditionModel>> conditions;
  std::vector<std::string> family;
  std::optional<double> quota;
  std::optional<double> previous_quota;
  SourceRange where;       // the whole channel
  SourceRange name_range;  // its name
  ChannelFacts graph;      // from the pathway analysis (graph/pathways.hpp)
  std::string_view type_name() const override { return "channel"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return name_range; }
};

struct FactorModel : ModelObject {
  std::string kind;
  std::optional<double> weight;
  std::optional<double> cap;
  SourceRange where;
  std::string_view type_name() const override { return "factor"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct PointsModel : ModelObject {
  std::vector<std::unique_ptr<FactorModel>> factors;
  std::optional<double> threshold;
  std::optional<double> quota;
  SourceRange where;
  std::string_view type_name() const override { return "points"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct ServiceModel : ModelObject {
  std::string kind;
  std::string treatment;  // equal | delayed | denied
  std::optional<double> delay_years;
  SourceRange where;
  std::string_view type_name() const override { return "service"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct PermitModel : ModelObject {
  std::vector<std::unique_ptr<ConditionModel>> conditions;
  std::vector<std::unique_ptr<ServiceModel>> services;  // holders' services (Art. 12, 13)
  SourceRange where;
  std::string_view type_name() const override { return "residence_permit"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct RuralExitModel : ModelObject {
  std::string scope;  // within_collective | unrestricted
  SourceRange where;
  std::string_view type_name() const override { return "rural_rights_exit"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return where; }
};

struct PolicyModel : ModelObject {
  CityModel city;
  std::string title, document, effective;
  std::vector<std::unique_ptr<ZoneModel>> zones;
  std::vector<std::unique_ptr<ChannelModel>> channels;
  std::unique_ptr<PointsModel> points;
  std::unique_ptr<PermitModel> permit;
  std::vector<std::unique_ptr<ServiceModel>> services;
  std::unique_ptr<RuralExitModel> rural_exit;
  std::vector<std::string> imports;
  SourceRange header;  // where findings about the policy as a whole point
  PathwayFacts pathways;  // from the pathway analysis (graph/pathways.hpp)

  std::vector<const ConditionModel*> all_conditions() const;  // channels', flattened
  std::string_view type_name() const override { return "policy"; }
  Value field(std::string_view name) const override;
  SourceRange range() const override { return header; }
};

// Field names and types of every model object, for checking predicates.
const Schema& policy_schema();

}  // namespace luohu
