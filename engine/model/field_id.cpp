#include "model/field_id.hpp"

#include <algorithm>
#include <array>

namespace luohu {
namespace {

constexpr std::string_view kNames[] = {
#define LUOHU_FIELD_NAME(n) #n,
    LUOHU_MODEL_FIELDS(LUOHU_FIELD_NAME)
#undef LUOHU_FIELD_NAME
};
constexpr std::size_t kCount = std::size(kNames);

}  // namespace

FieldId field_id(std::string_view name) {
  // Called when a predicate is compiled and by name-based field(): a linear
  // scan of ~60 short names is cheap next to either.
  for (std::size_t i = 0; i < kCount; ++i) {
    if (kNames[i] == name) return static_cast<FieldId>(i);
  }
  return FieldId::none;
}

std::string_view field_name(FieldId id) {
  auto i = static_cast<std::size_t>(id);
  return i < kCount ? kNames[i] : std::string_view();
}

}  // namespace luohu
