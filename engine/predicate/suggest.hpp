// "did you mean" for unknown names: the closest candidate by edit distance.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace luohu::predicate {

std::size_t edit_distance(std::string_view a, std::string_view b);

// "; did you mean 'x'?" for the closest candidate, or "" if none is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace luohu::predicate
