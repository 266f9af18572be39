// Every field name of the policy model's objects (policy_schema() and the
// pathway types), as a number. A predicate's field access is resolved to one
// when the predicate is compiled, so evaluation switches on an integer
// instead of comparing names.
#pragma once

#include <cstdint>
#include <string_view>

namespace luohu {

#define LUOHU_MODEL_FIELDS(X)                                                                                   \
  X(allowed_when_open) X(alternatives) X(all_conditions) X(all_zones) X(by) X(capital) X(channel) X(channel_social_insurance_years) \
  X(channels) X(city) X(clauses) X(code) X(conditions) X(conflicts) X(context) X(cap) X(delay_years)           \
  X(document) X(effective) X(family_at) X(factors) X(family) X(groups) X(id) X(in_any_of) X(kind) X(level) X(level_rank)    \
  X(levels) X(name) X(name_en) X(op) X(open) X(permit_social_insurance_years) X(permit_years) X(points)        \
  X(population) X(possible) X(proof) X(previous_quota) X(province) X(quota) X(quota_at) X(reachable) X(registered_share) X(rental)  \
  X(residence_permit) X(residence_years) X(rights) X(route) X(routes) X(rural_rights_exit) X(scope)            \
  X(serves) X(services) X(shadowed_by) X(social_insurance_years) X(targets) X(threshold) X(tier) X(title) X(treatment) X(unstated) X(unstated_tasks)   \
  X(value) X(via_permit) X(weight) X(years) X(zones) X(zones_at)

enum class FieldId : std::uint16_t {
#define LUOHU_FIELD_ENUM(n) n,
  LUOHU_MODEL_FIELDS(LUOHU_FIELD_ENUM)
#undef LUOHU_FIELD_ENUM
  none,  // not a model field name (a custom object's, in tests): looked up by name
};

// FieldId::none for a name no model object has.
FieldId field_id(std::string_view name);
// "" for FieldId::none.
std::string_view field_name(FieldId id);

}  // namespace luohu
