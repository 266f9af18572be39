#include "model/policy.hpp"

namespace luohu {
namespace {

Value strings(const std::vector<std::string>& v) {
  ValueList out;
  out.reserve(v.size());
  for (const auto& s : v) out.emplace_back(s);
  return Value(std::move(out));
}

template <typename T>
Value objects(const std::vector<std::unique_ptr<T>>& v) {
  ValueList out;
  out.reserve(v.size());
  for (const auto& p : v) out.emplace_back(static_cast<const ModelObject*>(p.get()));
  return Value(std::move(out));
}

Value optional_number(const std::optional<double>& v) { return v ? Value(*v) : Value(); }

void flatten(const std::vector<std::unique_ptr<ConditionModel>>& in, std::vector<const ConditionModel*>& out) {
  for (const auto& c : in) {
    out.push_back(c.get());
    flatten(c->alternatives, out);
  }
}

}  // namespace

Value CityModel::field(std::string_view n) const {
  if (!city) return {};
  if (n == "code") return city->code;
  if (n == "name") return city->name_zh;
  if (n == "name_en") return city->name_en;
  if (n == "province") return city->province_zh;
  if (n == "level") return city->level;
  if (n == "levels") return strings(city->levels());
  if (n == "capital") return city->capital;
  if (n == "tier") return city->tier ? Value(*city->tier) : Value();
  if (n == "population") return city->population ? Value(static_cast<double>(*city->population)) : Value();
  if (n == "registered_share") return optional_number(city->registered_share);
  return {};
}

Value ZoneModel::field(std::string_view n) const {
  if (n == "name") return name;
  if (n == "kind") return kind;
  return {};
}

Value ConditionModel::field(std::string_view n) const {
  if (n == "kind") return kind;
  if (n == "op") return op;
  if (n == "value") return optional_number(value);
  if (n == "years") {
    bool time = kind == "social_insurance" || kind == "residence_years" || kind == "residence_permit_years" ||
                kind == "employment";
    return time ? optional_number(value) : Value();
  }
  if (n == "level") return level ? Value(*level) : Value();
  if (n == "level_rank") return level_rank ? Value(*level_rank) : Value();
  if (n == "rental") return rental;
  if (n == "rights") return strings(rights);
  if (n == "context") return context;
  if (n == "channel") return Value(static_cast<const ModelObject*>(channel));
  if (n == "in_any_of") return in_any_of;
  if (n == "alternatives") return objects(alternatives);
  return {};
}

Value ChannelModel::field(std::string_view n) const {
  if (n == "name") return name;
  if (n == "targets") return strings(targets);
  if (n == "zones") return strings(zones);
  if (n == "all_zones") return zones.empty();
  if (n == "conditions") return objects(conditions);
  if (n == "all_conditions") {
    std::vector<const ConditionModel*> flat;
    flatten(conditions, flat);
    ValueList out;
    for (auto* c : flat) out.emplace_back(static_cast<const ModelObject*>(c));
    return Value(std::move(out));
  }
  if (n == "family") return strings(family);
  if (n == "quota") return optional_number(quota);
  if (n == "previous_quota") return optional_number(previous_quota);
  if (n == "possible" || n == "route" || n == "shadowed_by") return channel_fact(graph, n);
  return {};
}

Value FactorModel::field(std::string_view n) const {
  if (n == "kind") return kind;
  if (n == "weight") return optional_number(weight);
  if (n == "cap") return optional_number(cap);
  return {};
}

Value PointsModel::field(std::string_view n) const {
  if (n == "factors") return objects(factors);
  if (n == "threshold") return optional_number(threshold);
  if (n == "quota") return optional_number(quota);
  return {};
}

Value PermitModel::field(std::string_view n) const {
  if (n == "conditions") return objects(conditions);
  if (n == "all_conditions") {
    std::vector<const ConditionModel*> flat;
    flatten(conditions, flat);
    ValueList out;
    for (auto* c : flat) out.emplace_back(static_cast<const ModelObject*>(c));
    return Value(std::move(out));
  }
  if (n == "services") return objects(services);
  return {};
}

Value ServiceModel::field(std::string_view n) const {
  if (n == "kind") return kind;
  if (n == "treatment") return treatment;
  if (n == "delay_years") return optional_number(delay_years);
  return {};
}

Value RuralExitModel::field(std::string_view n) const {
  if (n == "scope") return scope;
  return {};
}

std::vector<const ConditionModel*> PolicyModel::all_conditions() const {
  std::vector<const ConditionModel*> out;
  for (const auto& ch : channels) flatten(ch->conditions, out);
  return out;
}

Value PolicyModel::field(std::string_view n) const {
  if (n == "city") return Value(static_cast<const ModelObject*>(&city));
  if (n == "title") return title;
  if (n == "document") return document;
  if (n == "effective") return effective;
  if (n == "zones") return objects(zones);
  if (n == "channels") return objects(channels);
  if (n == "conditions") {
    ValueList out;
    for (auto* c : all_conditions()) out.emplace_back(static_cast<const ModelObject*>(c));
    return Value(std::move(out));
  }
  if (n == "points") return Value(static_cast<const ModelObject*>(points.get()));
  if (n == "residence_permit") return Value(static_cast<const ModelObject*>(permit.get()));
  if (n == "services") return objects(services);
  if (n == "rural_rights_exit") return Value(static_cast<const ModelObject*>(rural_exit.get()));
  if (n == "routes" || n == "groups" || n == "conflicts") return pathways.field(n);
  return {};
}

const Schema& policy_schema() {
  static const Schema schema = [] {
    using T = Type;
    auto list_of_strings = T::list_of(T::string());
    Schema s;
    s.add({"city",
           {{"code", T::string()},
            {"name", T::string()},
            {"name_en", T::string()},
            {"province", T::string()},
            {"level", T::string()},
            {"levels", list_of_strings},
            {"capital", T::boolean()},
            {"tier", T::string(true)},
            {"population", T::number(true)},
            {"registered_share", T::number(true)}}});
    s.add({"zone", {{"name", T::string()}, {"kind", T::string()}}});
    s.add({"condition",
           {{"kind", T::string()},
            {"op", T::string()},
            {"value", T::number(true)},
            {"years", T::number(true)},
            {"level", T::string(true)},
            {"level_rank", T::number(true)},
            {"rental", T::string()},
            {"rights", list_of_strings},
            {"context", T::string()},
            {"channel", T::object_of("channel", true)},
            {"in_any_of", T::boolean()},
            {"alternatives", T::list_of(T::object_of("condition"))}}});
    s.add({"channel",
           {{"name", T::string()},
            {"targets", list_of_strings},
            {"zones", list_of_strings},
            {"all_zones", T::boolean()},
            {"conditions", T::list_of(T::object_of("condition"))},
            {"all_conditions", T::list_of(T::object_of("condition"))},
            {"family", list_of_strings},
            {"quota", T::number(true)},
            {"previous_quota", T::number(true)}}});
    s.add({"factor", {{"kind", T::string()}, {"weight", T::number(true)}, {"cap", T::number(true)}}});
    s.add({"points",
           {{"factors", T::list_of(T::object_of("factor"))},
            {"threshold", T::number(true)},
            {"quota", T::number(true)}}});
    s.add({"residence_permit",
           {{"conditions", T::list_of(T::object_of("condition"))},
            {"all_conditions", T::list_of(T::object_of("condition"))},
            {"services", T::list_of(T::object_of("service"))}}});
    s.add({"service", {{"kind", T::string()}, {"treatment", T::string()}, {"delay_years", T::number(true)}}});
    s.add({"rural_rights_exit", {{"scope", T::string()}}});
    s.add({"policy",
           {{"city", T::object_of("city")},
            {"title", T::string()},
            {"document", T::string()},
            {"effective", T::string()},
            {"zones", T::list_of(T::object_of("zone"))},
            {"channels", T::list_of(T::object_of("channel"))},
            {"conditions", T::list_of(T::object_of("condition"))},
            {"points", T::object_of("points", true)},
            {"residence_permit", T::object_of("residence_permit", true)},
            {"services", T::list_of(T::object_of("service"))},
            {"rural_rights_exit", T::object_of("rural_rights_exit", true)}}});
    add_pathway_schema(s);
    return s;
  }();
  return schema;
}

}  // namespace luohu
