// "did you mean" for unknown names in expressions (util/suggest.hpp does the matching).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace luohu::predicate {

// "; did you mean 'x'?" for the closest candidate, or "" if none is close.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace luohu::predicate
