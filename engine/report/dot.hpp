// The pathway graph as Graphviz DOT: statuses as nodes, the residence permit
// and each way of meeting a channel as edges labelled with their figures;
// edges whose clauses a finding points into are red, with the rule ids.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/policy.hpp"

namespace luohu {

// The policy must be analysed (graph/pathways.hpp analyse_pathways).
// Draws at most kMaxDrawnChannels channel steps (the title names how many more).
inline constexpr std::size_t kMaxDrawnChannels = 300;
std::string pathway_dot(const PolicyModel& policy, const std::vector<Diagnostic>& findings, Lang lang);

// Runs Graphviz's `dot -Tsvg`; nullopt with `error` set when dot is missing or fails.
std::optional<std::string> dot_to_svg(const std::string& dot, std::string& error);
// Many graphs in one `dot` run (an audit's cities); per graph its SVG or, in `errors`, why not.
std::vector<std::optional<std::string>> dots_to_svg(const std::vector<std::string>& dots, std::vector<std::string>& errors);

}  // namespace luohu
