// Words for what the pathway analysis found: a clause as written, the sum a
// route adds up to, and the related locations of a finding about a route,
// a group or a conflict (each clause of the chain, then the sum).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/pathway_facts.hpp"
#include "model/policy.hpp"

namespace luohu {

std::string describe(const ConditionModel& c, Lang lang);  // "社会保险 >= 2 年"
std::string route_sum(const RouteModel& r, Lang lang);     // "居住证 2 年 + 持有居住证 3 年 = 5 年"

// Appends notes for a finding about `it` when it is a route, group or conflict;
// in both languages, or only in `only` (Checker::message_language).
void add_graph_notes(const ModelObject& it, SourceRange primary, std::vector<RelatedLocation>& related,
                     std::optional<Lang> only = std::nullopt);

}  // namespace luohu
