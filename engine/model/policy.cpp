#include "model/policy.hpp"

#include "model/serving.hpp"
#include "model/vocabulary.hpp"

#include <algorithm>

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

std::pair<std::vector<std::string>, std::vector<int>> unstated_provisions(const PolicyModel& policy) {
  std::pair<std::vector<std::string>, std::vector<int>> out;
  for (const auto& term : terms(Vocabulary::service)) {
    bool stated = std::any_of(policy.services.begin(), policy.services.end(),
                              [&](const auto& s) { return s->kind == term.id; });
    if (stated) continue;
    out.first.push_back(term.id);
    out.second.push_back(term.rank);
  }
  if (!policy.permit) {
    out.first.push_back("residence_permit");
    out.second.push_back(34);
  }
  return out;
}

// Each type's field(name) is its field_ref by id, so the two cannot disagree.
#define LUOHU_FIELD_BY_NAME(Type)                    \
  Value Type::field(std::string_view n) const {     \
    Value tmp;                                      \
    return field_ref(field_id(n), tmp);             \
  }
LUOHU_FIELD_BY_NAME(CityModel)
LUOHU_FIELD_BY_NAME(ZoneModel)
LUOHU_FIELD_BY_NAME(ConditionModel)
LUOHU_FIELD_BY_NAME(ChannelModel)
LUOHU_FIELD_BY_NAME(StatementModel)
LUOHU_FIELD_BY_NAME(FactorModel)
LUOHU_FIELD_BY_NAME(PointsModel)
LUOHU_FIELD_BY_NAME(PermitModel)
LUOHU_FIELD_BY_NAME(ServiceModel)
LUOHU_FIELD_BY_NAME(RuralExitModel)
LUOHU_FIELD_BY_NAME(PolicyModel)
#undef LUOHU_FIELD_BY_NAME

const Value& CityModel::field_ref(FieldId id, Value& tmp) const {
  using F = FieldId;
  constexpr std::size_t kSlots = 7;
  tmp = Value();
  if (!city) return tmp;
  switch (id) {
    case F::code: return cache_.get(0, kSlots, [&] { return Value(city->code); });
    case F::name: return cache_.get(1, kSlots, [&] { return Value(city->name_zh); });
    case F::name_en: return cache_.get(2, kSlots, [&] { return Value(city->name_en); });
    case F::province: return cache_.get(3, kSlots, [&] { return Value(city->province_zh); });
    case F::level: return cache_.get(4, kSlots, [&] { return Value(city->level); });
    case F::levels: return cache_.get(5, kSlots, [&] { return strings(city->levels()); });
    case F::capital: tmp = Value(city->capital); break;
    case F::tier:  // a band the rule's tiers cover renders as its tiers ("small_i|small_ii", labelled 'I型小城市或II型小城市')
      return cache_.get(6, kSlots, [&] { return city->tiers.empty() ? Value() : Value(city->tier_key()); });
    case F::population:
      if (city->population) tmp = Value(static_cast<double>(*city->population));
      break;
    case F::registered_share: tmp = optional_number(city->registered_share); break;
    default: break;
  }
  return tmp;
}

const Value& ZoneModel::field_ref(FieldId id, Value& tmp) const {
  constexpr std::size_t kSlots = 2;
  switch (id) {
    case FieldId::name: return cache_.get(0, kSlots, [&] { return Value(name); });
    case FieldId::kind: return cache_.get(1, kSlots, [&] { return Value(kind); });
    default: tmp = Value(); return tmp;
  }
}

const Value& ConditionModel::field_ref(FieldId id, Value& tmp) const {
  using F = FieldId;
  constexpr std::size_t kSlots = 7;
  tmp = Value();
  switch (id) {
    case F::kind: return cache_.get(0, kSlots, [&] { return Value(kind); });
    case F::op: return cache_.get(1, kSlots, [&] { return Value(op); });
    case F::value: tmp = optional_number(value); break;
    case F::years: {
      if (is_time_valued(kind)) tmp = optional_number(value);
      break;
    }
    case F::level: return cache_.get(2, kSlots, [&] { return level ? Value(*level) : Value(); });
    case F::level_rank:
      if (level_rank) tmp = Value(*level_rank);
      break;
    case F::rental: return cache_.get(3, kSlots, [&] { return Value(rental); });
    case F::rights: return cache_.get(4, kSlots, [&] { return strings(rights); });
    case F::context: return cache_.get(5, kSlots, [&] { return Value(context); });
    case F::channel: tmp = Value(static_cast<const ModelObject*>(channel)); break;
    case F::in_any_of: tmp = Value(in_any_of); break;
    case F::proof: tmp = Value(proves_belonging(kind)); break;
    case F::allowed_when_open: tmp = Value(allowed_when_open(*this)); break;
    case F::alternatives: return cache_.get(6, kSlots, [&] { return objects(alternatives); });
    default: break;
  }
  return tmp;
}

const Value& StatementModel::field_ref(FieldId id, Value& tmp) const {
  tmp = Value();
  if (id == FieldId::kind) return cache_.get(0, 1, [&] { return Value(kind); });
  if (id == FieldId::channel) tmp = Value(static_cast<const ModelObject*>(channel));
  return tmp;
}

namespace {
Value statement(const std::optional<StatementModel>& s) {
  return s ? Value(static_cast<const ModelObject*>(&*s)) : Value();
}
}  // namespace

const Value& ChannelModel::field_ref(FieldId id, Value& tmp) const {
  using F = FieldId;
  constexpr std::size_t kSlots = 7;
  tmp = Value();
  switch (id) {
    case F::name: return cache_.get(0, kSlots, [&] { return Value(name); });
    case F::targets: return cache_.get(1, kSlots, [&] { return strings(targets); });
    case F::serves: return cache_.get(6, kSlots, [&] { return strings(served_groups(targets)); });
    case F::zones: return cache_.get(2, kSlots, [&] { return strings(zones); });
    case F::all_zones: tmp = Value(zones.empty()); break;
    case F::conditions: return cache_.get(3, kSlots, [&] { return objects(conditions); });
    case F::all_conditions:
      return cache_.get(4, kSlots, [&] {
        std::vector<const ConditionModel*> flat;
        flatten(conditions, flat);
        ValueList out;
        for (auto* c : flat) out.emplace_back(static_cast<const ModelObject*>(c));
        return Value(std::move(out));
      });
    case F::family: return cache_.get(5, kSlots, [&] { return strings(family); });
    case F::quota: tmp = optional_number(quota); break;
    case F::previous_quota: tmp = optional_number(previous_quota); break;
    case F::quota_at: tmp = statement(quota_at); break;
    case F::zones_at: tmp = statement(zones_at); break;
    case F::family_at: tmp = statement(family_at); break;
    case F::possible:
    case F::route:
    case F::shadowed_by: tmp = channel_fact(graph(), id); break;
    default: break;
  }
  return tmp;
}

const Value& FactorModel::field_ref(FieldId id, Value& tmp) const {
  tmp = Value();
  switch (id) {
    case FieldId::kind: return cache_.get(0, 1, [&] { return Value(kind); });
    case FieldId::weight: tmp = optional_number(weight); break;
    case FieldId::cap: tmp = optional_number(cap); break;
    default: break;
  }
  return tmp;
}

const Value& PointsModel::field_ref(FieldId id, Value& tmp) const {
  tmp = Value();
  switch (id) {
    case FieldId::factors: return cache_.get(0, 1, [&] { return objects(factors); });
    case FieldId::threshold: tmp = optional_number(threshold); break;
    case FieldId::quota: tmp = optional_number(quota); break;
    default: break;
  }
  return tmp;
}

const Value& PermitModel::field_ref(FieldId id, Value& tmp) const {
  constexpr std::size_t kSlots = 3;
  switch (id) {
    case FieldId::conditions: return cache_.get(0, kSlots, [&] { return objects(conditions); });
    case FieldId::all_conditions:
      return cache_.get(1, kSlots, [&] {
        std::vector<const ConditionModel*> flat;
        flatten(conditions, flat);
        ValueList out;
        for (auto* c : flat) out.emplace_back(static_cast<const ModelObject*>(c));
        return Value(std::move(out));
      });
    case FieldId::services: return cache_.get(2, kSlots, [&] { return objects(services); });
    default: tmp = Value(); return tmp;
  }
}

const Value& ServiceModel::field_ref(FieldId id, Value& tmp) const {
  constexpr std::size_t kSlots = 2;
  tmp = Value();
  switch (id) {
    case FieldId::kind: return cache_.get(0, kSlots, [&] { return Value(kind); });
    case FieldId::treatment: return cache_.get(1, kSlots, [&] { return Value(treatment); });
    case FieldId::delay_years: tmp = optional_number(delay_years); break;
    default: break;
  }
  return tmp;
}

const Value& RuralExitModel::field_ref(FieldId id, Value& tmp) const {
  if (id == FieldId::scope) return cache_.get(0, 1, [&] { return Value(scope); });
  tmp = Value();
  return tmp;
}

std::vector<const ConditionModel*> PolicyModel::all_conditions() const {
  std::vector<const ConditionModel*> out;
  for (const auto& ch : channels) flatten(ch->conditions, out);
  return out;
}

bool reads_pathways(FieldId id) {
  using F = FieldId;
  switch (id) {
    case F::routes:
    case F::groups:
    case F::conflicts:
    case F::possible:
    case F::route:
    case F::shadowed_by:
    case F::none: return true;
    default: return false;
  }
}

const Value& PolicyModel::field_ref(FieldId id, Value& tmp) const {
  using F = FieldId;
  constexpr std::size_t kSlots = 12;
  tmp = Value();
  switch (id) {
    case F::city: tmp = Value(static_cast<const ModelObject*>(&city)); break;
    case F::title: return cache_.get(0, kSlots, [&] { return Value(title); });
    case F::document: return cache_.get(1, kSlots, [&] { return Value(document); });
    case F::effective: return cache_.get(2, kSlots, [&] { return Value(effective); });
    case F::zones: return cache_.get(3, kSlots, [&] { return objects(zones); });
    case F::channels: return cache_.get(4, kSlots, [&] { return objects(channels); });
    case F::conditions:
      return cache_.get(5, kSlots, [&] {
        ValueList out;
        for (auto* c : all_conditions()) out.emplace_back(static_cast<const ModelObject*>(c));
        return Value(std::move(out));
      });
    case F::points: tmp = Value(static_cast<const ModelObject*>(points.get())); break;
    case F::residence_permit: tmp = Value(static_cast<const ModelObject*>(permit.get())); break;
    case F::services: return cache_.get(6, kSlots, [&] { return objects(services); });
    case F::rural_rights_exit: tmp = Value(static_cast<const ModelObject*>(rural_exit.get())); break;
    case F::unstated: return cache_.get(10, kSlots, [&] { return strings(unstated_provisions(*this).first); });
    case F::unstated_tasks:
      return cache_.get(11, kSlots, [&] {
        ValueList out;
        for (int t : unstated_provisions(*this).second) out.emplace_back(static_cast<double>(t));
        return Value(std::move(out));
      });
    case F::routes: return cache_.get(7, kSlots, [&] { return pathways().field(id); });
    case F::groups: return cache_.get(8, kSlots, [&] { return pathways().field(id); });
    case F::conflicts: return cache_.get(9, kSlots, [&] { return pathways().field(id); });
    default: break;
  }
  return tmp;
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
            {"proof", T::boolean()},
            {"allowed_when_open", T::boolean()},
            {"alternatives", T::list_of(T::object_of("condition"))}}});
    s.add({"channel",
           {{"name", T::string()},
            {"targets", list_of_strings},
            {"serves", list_of_strings},
            {"zones", list_of_strings},
            {"all_zones", T::boolean()},
            {"conditions", T::list_of(T::object_of("condition"))},
            {"all_conditions", T::list_of(T::object_of("condition"))},
            {"family", list_of_strings},
            {"quota", T::number(true)},
            {"previous_quota", T::number(true)},
            {"quota_at", T::object_of("statement", true)},
            {"zones_at", T::object_of("statement", true)},
            {"family_at", T::object_of("statement")}}});
    s.add({"statement", {{"kind", T::string()}, {"channel", T::object_of("channel")}}});
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
            {"rural_rights_exit", T::object_of("rural_rights_exit", true)},
            {"unstated", list_of_strings},
            {"unstated_tasks", T::list_of(T::number())}}});
    add_pathway_schema(s);
    return s;
  }();
  return schema;
}

}  // namespace luohu
