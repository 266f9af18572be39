#include "model/pathway_facts.hpp"

#include "model/policy.hpp"

namespace luohu {
namespace {

Value object(const ModelObject* o) { return Value(o); }

template <typename T>
Value objects(const std::vector<T*>& v) {
  ValueList out;
  for (auto* p : v) out.emplace_back(static_cast<const ModelObject*>(p));
  return Value(std::move(out));
}

template <typename T>
Value owned(const std::vector<std::unique_ptr<T>>& v) {
  ValueList out;
  for (const auto& p : v) out.emplace_back(static_cast<const ModelObject*>(p.get()));
  return Value(std::move(out));
}

Value optional_number(const std::optional<double>& v) { return v ? Value(*v) : Value(); }

}  // namespace

Value RouteModel::field(std::string_view n) const {
  Value tmp;
  return field_ref(field_id(n), tmp);
}
Value GroupModel::field(std::string_view n) const {
  Value tmp;
  return field_ref(field_id(n), tmp);
}
Value ConflictModel::field(std::string_view n) const {
  Value tmp;
  return field_ref(field_id(n), tmp);
}

const Value& RouteModel::field_ref(FieldId id, Value& tmp) const {
  using F = FieldId;
  tmp = Value();
  switch (id) {
    case F::channel: tmp = object(channel); break;
    case F::via_permit: tmp = Value(via_permit); break;
    case F::social_insurance_years: tmp = Value(social_insurance_years); break;
    case F::residence_years: tmp = Value(residence_years); break;
    case F::permit_social_insurance_years: tmp = Value(permit_social_insurance_years); break;
    case F::permit_years: tmp = Value(permit_years); break;
    case F::channel_social_insurance_years: tmp = Value(channel_social_insurance_years); break;
    case F::clauses: return cache_.get(0, 1, [&] { return objects(clauses); });
    default: break;
  }
  return tmp;
}

const Value& GroupModel::field_ref(FieldId which, Value& tmp) const {
  using F = FieldId;
  constexpr std::size_t kSlots = 2;
  tmp = Value();
  switch (which) {
    case F::id: return cache_.get(0, kSlots, [&] { return Value(id); });
    case F::channels: return cache_.get(1, kSlots, [&] { return objects(channels); });
    case F::reachable: tmp = Value(reachable); break;
    case F::open: tmp = Value(open); break;
    case F::social_insurance_years: tmp = optional_number(social_insurance_years); break;
    case F::residence_years: tmp = optional_number(residence_years); break;
    case F::route: tmp = object(route); break;
    default: break;
  }
  return tmp;
}

const Value& ConflictModel::field_ref(FieldId id, Value& tmp) const {
  using F = FieldId;
  constexpr std::size_t kSlots = 2;
  tmp = Value();
  switch (id) {
    case F::kind: return cache_.get(0, kSlots, [&] { return Value(kind); });
    case F::channel: tmp = object(channel); break;
    case F::by: tmp = object(by); break;
    case F::clauses: return cache_.get(1, kSlots, [&] { return objects(clauses); });
    default: break;
  }
  return tmp;
}

Value PathwayFacts::field(FieldId id) const {
  switch (id) {
    case FieldId::routes: return owned(routes);
    case FieldId::groups: return owned(groups);
    case FieldId::conflicts: return owned(conflicts);
    default: return {};
  }
}

Value channel_fact(const ChannelFacts& f, FieldId id) {
  switch (id) {
    case FieldId::possible: return f.possible;
    case FieldId::route: return object(f.route);
    case FieldId::shadowed_by: return object(f.shadowed_by);
    default: return {};
  }
}

void add_pathway_schema(Schema& s) {
  using T = Type;
  auto conditions = T::list_of(T::object_of("condition"));
  s.add({"route",
         {{"channel", T::object_of("channel")},
          {"via_permit", T::boolean()},
          {"social_insurance_years", T::number()},
          {"residence_years", T::number()},
          {"permit_social_insurance_years", T::number()},
          {"permit_years", T::number()},
          {"channel_social_insurance_years", T::number()},
          {"clauses", conditions}}});
  s.add({"group",
         {{"id", T::string()},
          {"channels", T::list_of(T::object_of("channel"))},
          {"reachable", T::boolean()},
          {"open", T::boolean()},
          {"social_insurance_years", T::number(true)},
          {"residence_years", T::number(true)},
          {"route", T::object_of("route", true)}}});
  s.add({"conflict",
         {{"kind", T::string()},
          {"channel", T::object_of("channel")},
          {"by", T::object_of("channel", true)},
          {"clauses", conditions}}});
  if (const ObjectSchema* c = s.find("channel")) {
    ObjectSchema channel = *c;
    channel.fields["possible"] = T::boolean();
    channel.fields["route"] = T::object_of("route", true);
    channel.fields["shadowed_by"] = T::object_of("channel", true);
    s.add(std::move(channel));
  }
  if (const ObjectSchema* p = s.find("policy")) {
    ObjectSchema policy = *p;
    policy.fields["routes"] = T::list_of(T::object_of("route"));
    policy.fields["groups"] = T::list_of(T::object_of("group"));
    policy.fields["conflicts"] = T::list_of(T::object_of("conflict"));
    s.add(std::move(policy));
  }
}

}  // namespace luohu
