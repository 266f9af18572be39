#include "predicate/suggest.hpp"

#include "util/suggest.hpp"

namespace luohu::predicate {

std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates) {
  std::vector<std::string> names;
  names.reserve(candidates.size());
  for (std::string_view c : candidates) {
    if (c != name) names.emplace_back(c);
  }
  auto best = closest_match(name, names);
  if (!best) return {};
  return "; did you mean '" + *best + "'?";
}

}  // namespace luohu::predicate
