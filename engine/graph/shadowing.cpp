#include "graph/shadowing.hpp"

#include <algorithm>
#include <string_view>

#include "graph/pathways.hpp"

namespace luohu {
namespace {

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// Lower bound `a` is at least as tight as lower bound `b`.
bool tighter_lower(const Limit& a, const Limit& b) { return a.value > b.value || (a.value == b.value && (a.strict || !b.strict)); }
bool tighter_upper(const Limit& a, const Limit& b) { return a.value < b.value || (a.value == b.value && (a.strict || !b.strict)); }

// One option's conditions by kind, with the tightest bounds among them:
// "some condition of the option implies `weak`" is then one look-up, not a
// scan (the scan, and contradiction() recomputed inside it, made a 22 KB
// policy take 33 s: 256 x 256 options x clauses squared per channel pair).
struct KindIndex {
  std::optional<Limit> lower, upper;  // the tightest of the option's conditions of this kind
  std::vector<const ConditionModel*> all;
};
struct OptionIndex {
  const Option* option = nullptr;
  bool contradictory = false;
  std::vector<std::pair<std::string_view, KindIndex>> kinds;  // sorted by kind
  const KindIndex* find(std::string_view kind) const {
    auto it = std::lower_bound(kinds.begin(), kinds.end(), kind, [](const auto& e, std::string_view k) { return e.first < k; });
    return it != kinds.end() && it->first == kind ? &it->second : nullptr;
  }
};

OptionIndex index_option(const Option& o) {
  OptionIndex x;
  x.option = &o;
  x.contradictory = contradiction(o).has_value();
  for (const ConditionModel* c : o) {
    auto it = std::find_if(x.kinds.begin(), x.kinds.end(), [&](const auto& e) { return e.first == c->kind; });
    if (it == x.kinds.end()) it = x.kinds.insert(x.kinds.end(), {std::string_view(c->kind), KindIndex{}});
    KindIndex& k = it->second;
    k.all.push_back(c);
    Bound b = bound_of(*c);
    if (b.lower && (!k.lower || tighter_lower(*b.lower, *k.lower))) k.lower = b.lower;
    if (b.upper && (!k.upper || tighter_upper(*b.upper, *k.upper))) k.upper = b.upper;
  }
  std::sort(x.kinds.begin(), x.kinds.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return x;
}

// Some condition of `strong` implies `weak` (the same answer as scanning with implies()).
bool implied(const OptionIndex& strong, const ConditionModel& weak) {
  if (weak.kind == "any_of") return false;
  const KindIndex* k = strong.find(weak.kind);
  if (!k) return false;
  auto scan = [&] { return std::any_of(k->all.begin(), k->all.end(), [&](const ConditionModel* s) { return implies(*s, weak); }); };
  if (weak.kind == "residence" || weak.kind == "give_up_rural_rights") return scan();
  if (weak.op.empty()) return true;
  Bound w = bound_of(weak);
  if (w.lower && w.upper) return scan();  // both bounds must hold in one condition
  if (w.lower) return k->lower && tighter_lower(*k->lower, *w.lower);
  if (w.upper) return k->upper && tighter_upper(*k->upper, *w.upper);
  return true;
}

// Every option of `b` implies some option of `a`: meeting b means meeting a.
bool covers(const std::vector<OptionIndex>& a, const std::vector<OptionIndex>& b) {
  for (const auto& ob : b) {
    if (ob.contradictory) continue;
    bool met = std::any_of(a.begin(), a.end(), [&](const OptionIndex& oa) {
      if (oa.contradictory) return false;
      return std::all_of(oa.option->begin(), oa.option->end(), [&](const ConditionModel* weak) { return implied(ob, *weak); });
    });
    if (!met) return false;
  }
  return true;
}

bool subset(const std::vector<std::string>& small, const std::vector<std::string>& big) {
  return std::all_of(small.begin(), small.end(), [&](const std::string& x) { return has(big, x); });
}

bool covers(const ChannelModel& a, const ChannelModel& b, const std::vector<OptionIndex>& a_options,
            const std::vector<OptionIndex>& b_options) {
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
  std::vector<std::vector<OptionIndex>> indexed(options.size());
  for (std::size_t i = 0; i < options.size(); ++i) {
    if (i < chs.size() && !chs[i]->graph_facts.possible) continue;
    for (const auto& o : options[i]) indexed[i].push_back(index_option(o));
  }
  // graph_facts, not graph(): this runs inside the analysis that fills them.
  for (std::size_t i = 0; i < chs.size(); ++i) {
    if (!chs[i]->graph_facts.possible) continue;
    for (std::size_t j = 0; j < chs.size(); ++j) {
      if (i == j || !chs[j]->graph_facts.possible || !covers(*chs[j], *chs[i], indexed[j], indexed[i])) continue;
      // Two channels covering each other: only the later one is pointless.
      if (j > i && covers(*chs[i], *chs[j], indexed[i], indexed[j])) continue;
      out.emplace_back(chs[i].get(), chs[j].get());
      break;
    }
  }
  return out;
}

}  // namespace luohu
