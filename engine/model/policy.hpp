// The policy model: a city's policy with every name resolved against the
// vocabulary and the registry. Rules see it only through ModelObject fields
// (listed in policy_schema()), so rules stay data.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/pathway_facts.hpp"
#include "model/schema.hpp"
#include "model/value.hpp"
#include "registry/registry.hpp"

namespace luohu {

struct ChannelModel;
struct PolicyModel;

// A 原文 of the policy: the sentence of its source text a part of the model
// stands for (docs/language.md#provenance).
struct Citation {
  std::string text;
  SourceRange range;  // the quoted string in the policy, quote marks included
};

// What a model object cites: its own 原文, else those of the channel or block
// it lies in (a finding shows the nearest).
struct Cited {
  std::vector<Citation> quotes;
  const Cited* enclosing = nullptr;
  const std::vector<Citation>* nearest() const {
    for (const Cited* c = this; c; c = c->enclosing) {
      if (!c->quotes.empty()) return &c->quotes;
    }
    return nullptr;
  }
};

// A 来源 statement: a source text, by its path as written (relative to the
// file holding the statement).
struct SourceReference {
  std::string path;
  SourceRange range;  // the path's string
};

// Fields whose reading starts the pathway analysis (FieldId::none, a field
// read by name, may be any of them).
bool reads_pathways(FieldId id);

struct CityModel : ModelObject {
  const City* city = nullptr;
  SourceRange where;  // the policy's city statement
  std::string_view type_name() const override { return "city"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct ZoneModel : ModelObject, Cited {
  std::string name;
  std::string kind;  // main_urban | suburb | new_area | other
  SourceRange where;
  std::string_view type_name() const override { return "zone"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct ConditionModel : ModelObject, Cited {
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
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

// One statement of a channel (指标, 区域, 随迁), so that a finding about it
// points at it rather than at the channel's name.
struct StatementModel : ModelObject, Cited {
  std::string kind;  // quota | zones | family
  const ChannelModel* channel = nullptr;
  SourceRange where;
  std::string_view type_name() const override { return "statement"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct ChannelModel : ModelObject, Cited {
  std::string name;
  std::vector<std::string> targets;
  std::vector<std::string> zones;  // zone names; empty = every zone
  std::vector<std::unique_ptr<ConditionModel>> conditions;
  std::vector<std::string> family;
  std::optional<double> quota;
  std::optional<double> previous_quota;
  SourceRange where;       // the whole channel
  SourceRange name_range;  // its name
  std::optional<StatementModel> quota_at, zones_at;  // its 指标, 区域 statements, when written
  std::optional<StatementModel> family_at;           // its 随迁 statement; without one, its name
  // The pathway analysis's facts about this channel: empty until
  // analyse_pathways (graph/pathways.hpp) has run on the policy.
  const ChannelFacts& graph() const { return graph_facts; }
  ChannelFacts graph_facts;
  std::string_view type_name() const override { return "channel"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return name_range; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct FactorModel : ModelObject, Cited {
  std::string kind;
  std::optional<double> weight;
  std::optional<double> cap;
  SourceRange where;
  std::string_view type_name() const override { return "factor"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct PointsModel : ModelObject, Cited {
  std::vector<std::unique_ptr<FactorModel>> factors;
  std::optional<double> threshold;
  std::optional<double> quota;
  SourceRange where;
  std::string_view type_name() const override { return "points"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct ServiceModel : ModelObject, Cited {
  std::string kind;
  std::string treatment;  // equal | delayed | denied
  std::optional<double> delay_years;
  SourceRange where;
  std::string_view type_name() const override { return "service"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct PermitModel : ModelObject, Cited {
  std::vector<std::unique_ptr<ConditionModel>> conditions;
  std::vector<std::unique_ptr<ServiceModel>> services;  // holders' services (Art. 12, 13)
  SourceRange where;
  std::string_view type_name() const override { return "residence_permit"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct RuralExitModel : ModelObject, Cited {
  std::string scope;  // within_collective | unrestricted
  SourceRange where;
  std::string_view type_name() const override { return "rural_rights_exit"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return where; }
 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

struct PolicyModel : ModelObject, Cited {
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
  // Provenance: 来源 statements, 核实 (a verification id, "" when absent),
  // the 公共服务 block's own 原文, and every 原文 in the file (to verify).
  std::vector<SourceReference> sources;
  std::string verification;
  SourceRange verification_range;
  Cited services_block;
  std::vector<Citation> citations;

  // The pathway analysis's facts (policy.routes, groups, conflicts; each
  // channel's possible, route, shadowed_by). The model does not compute them:
  // analyse_pathways (graph/pathways.hpp) fills them, and Checker::evaluate
  // runs it only when an applicable rule reads a pathway field.
  const PathwayFacts& pathways() const { return pathway_facts; }
  bool pathways_analysed() const { return analysed; }
  PathwayFacts pathway_facts;
  bool analysed = false;  // set by analyse_pathways once every fact is filled

  std::vector<const ConditionModel*> all_conditions() const;  // channels', flattened
  std::string_view type_name() const override { return "policy"; }
  Value field(std::string_view name) const override;
  const Value& field_ref(FieldId id, Value& tmp) const override;
  SourceRange range() const override { return header; }

 private:
  FieldCache cache_;  // lists and strings handed to predicates (model/value.hpp)
};

// The provisions of tasks 22–30 (services, vocabulary order) and 34 (the
// residence permit) the policy does not state, with their tasks.
std::pair<std::vector<std::string>, std::vector<int>> unstated_provisions(const PolicyModel& policy);

// Field names and types of every model object, for checking predicates.
const Schema& policy_schema();

}  // namespace luohu
