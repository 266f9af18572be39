#include "graph/facts.hpp"

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
  if (n == "channel") return object(channel);
  if (n == "via_permit") return via_permit;
  if (n == "social_insurance_years") return social_insurance_years;
  if (n == "residence_years") return residence_years;
  if (n == "permit_social_insurance_years") return permit_social_insurance_years;
  if (n == "permit_years") return permit_years;
  if (n == "channel_social_insurance_years") return channel_social_insurance_years;
  if (n == "clauses") return objects(clauses);
  return {};
}

Value GroupModel::field(std::string_view n) const {
  if (n == "id") return id;
  if (n == "channels") return objects(channels);
  if (n == "reachable") return reachable;
  if (n == "open") return open;
  if (n == "social_insurance_years") return optional_number(social_insurance_years);
  if (n == "residence_years") return optional_number(residence_years);
  if (n == "route") return object(route);
  return {};
}

Value ConflictModel::field(std::string_view n) const {
  if (n == "kind") return kind;
  if (n == "channel") return object(channel);
  if (n == "by") return object(by);
  if (n == "clauses") return objects(clauses);
  return {};
}

Value PathwayFacts::field(std::string_view n) const {
  if (n == "routes") return owned(routes);
  if (n == "groups") return owned(groups);
  if (n == "conflicts") return owned(conflicts);
  return {};
}

Value channel_fact(const ChannelFacts& f, std::string_view n) {
  if (n == "possible") return f.possible;
  if (n == "route") return object(f.route);
  if (n == "shadowed_by") return object(f.shadowed_by);
  return {};
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
