// "Did you mean" suggestions for unknown names, as ninja and clang give them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace luohu {

// Edit distance counted in code points, so a one-character slip in Chinese
// costs 1 like it does in English.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance that scales with the word's length.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace luohu
