#include "graph/shadowing.hpp"

#include <algorithm>

#include "graph/pathways.hpp"

namespace luohu {
namespace {

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Lower bound `a` is at least as tight as lower bound `b`.
bool tighter_lower(const Limit& a, const Limit& b) { return a.value > b.value || (a.value == b.value && (a.strict || !b.strict)); }
bool tighter_upper(const Limit& a, const Limit& b) { return a.value < b.value || (a.value == b.value && (a.strict || !b.strict)); }

// Every option of `b` implies some option of `a`: meeting b means meeting a.
bool covers(const std::vector<Option>& a, const std::vector<Option>& b) {
  for (const auto& ob : b) {
    if (contradiction(ob)) continue;
    bool met = std::any_of(a.begin(), a.end(), [&](const Option& oa) {
      if (contradiction(oa)) return false;
      return std::all_of(oa.begin(), oa.end(), [&](const ConditionModel* weak) {
        return std::any_of(ob.begin(), ob.end(), [&](const ConditionModel* strong) { return implies(*strong, *weak); });
      });
    });
    if (!met) return false;
  }
  return true;
}

bool subset(const std::vector<std::string>& small, const std::vector<std::string>& big) {
  return std::all_of(small.begin(), small.end(), [&](const std::string& x) { return has(big, x); });
}

bool covers(const ChannelModel& a, const ChannelModel& b, const std::vector<Option>& a_options,
            const std::vector<Option>& b_options) {
  if (!has(a.targets, "resident") && !subset(b.targets, a.targets)) return false;
  if (!a.zones.empty() && (b.zones.empty() || !subset(b.zones, a.zones))) return false;
  if (a.quota && !b.quota) return false;
  if (!subset(b.family, a.family)) return false;
  return covers(a_options, b_options);
}

}  // namespace

Bound bound_of(const ConditionModel& c) {
  Bound b;
  std::optional<double> v = c.level_rank ? std::optional<double>(*c.level_rank) : c.value;
  if (!v || c.op.empty()) return b;
  if (c.op == ">=" || c.op == "=") b.lower = Limit{*v, false};
  if (c.op == ">") b.lower = Limit{*v, true};
  if (c.op == "<=" || c.op == "=") b.upper = Limit{*v, false};
  if (c.op == "<") b.upper = Limit{*v, true};
  return b;
}

bool implies(const ConditionModel& strong, const ConditionModel& weak) {
  if (strong.kind != weak.kind || weak.kind == "any_of") return false;
  if (weak.kind == "residence") return weak.rental != "excluded" || strong.rental == "excluded";
  if (weak.kind == "give_up_rural_rights") return weak.rights.empty() ? strong.rights.empty() : subset(weak.rights, strong.rights) || strong.rights.empty();
  Bound w = bound_of(weak), s = bound_of(strong);
  if (weak.op.empty()) return true;  // "employment;" is met by "employment >= 1 year;"
  if (w.lower && (!s.lower || !tighter_lower(*s.lower, *w.lower))) return false;
  if (w.upper && (!s.upper || !tighter_upper(*s.upper, *w.upper))) return false;
  return true;
}

std::vector<std::pair<const ChannelModel*, const ChannelModel*>> find_shadowed(
    const PolicyModel& policy, const std::vector<std::vector<Option>>& options) {
  std::vector<std::pair<const ChannelModel*, const ChannelModel*>> out;
  const auto& chs = policy.channels;
  // graph_facts, not graph(): this runs inside the analysis that fills them.
  for (std::size_t i = 0; i < chs.size(); ++i) {
    if (!chs[i]->graph_facts.possible) continue;
    for (std::size_t j = 0; j < chs.size(); ++j) {
      if (i == j || !chs[j]->graph_facts.possible || !covers(*chs[j], *chs[i], options[j], options[i])) continue;
      // Two channels covering each other: only the later one is pointless.
      if (j > i && covers(*chs[i], *chs[j], options[i], options[j])) continue;
      out.emplace_back(chs[i].get(), chs[j].get());
      break;
    }
  }
  return out;
}

}  // namespace luohu
