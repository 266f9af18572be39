#include "graph/pathways.hpp"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "graph/pathway_graph.hpp"
#include "graph/shadowing.hpp"
#include "model/serving.hpp"
#include "model/vocabulary.hpp"

namespace luohu {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void expand(const ConditionModel& c, std::vector<Option>& out) {
  if (c.kind != "any_of") {
    out.push_back({&c});
    return;
  }
  for (const auto& alt : c.alternatives) {
    if (out.size() >= kMaxOptions) return;
    expand(*alt, out);
  }
}

// The least a clause set demands of one time condition: its lower bound.
const ConditionModel* lower_bound(const Option& option, const std::string& kind, double& years) {
  years = 0;
  const ConditionModel* which = nullptr;
  for (auto* c : option) {
    if (c->kind != kind || !c->value) continue;
    if ((c->op == ">=" || c->op == ">" || c->op == "=") && *c->value >= years) {
      years = *c->value;
      which = c;
    }
  }
  return which;
}

struct Demand {
  double social_insurance = 0, residence = 0, permit_years = 0;
  const ConditionModel *si = nullptr, *res = nullptr, *hold = nullptr;
};

Demand demand(const Option& option) {
  Demand d;
  d.si = lower_bound(option, "social_insurance", d.social_insurance);
  d.res = lower_bound(option, "residence_years", d.residence);
  d.hold = lower_bound(option, "residence_permit_years", d.permit_years);
  return d;
}

Vertex add_status(PathwayGraph& g, Status::Kind kind, std::string zone = {}) {
  return boost::add_vertex(Status{kind, std::move(zone)}, g);
}

// Admits a step (filtered_graph needs a default-constructible, assignable
// predicate: a pointer to the real one, no std::function per edge).
template <typename Keep>
struct EdgeFilter {
  const PathwayGraph* g = nullptr;
  const Keep* keep = nullptr;
  bool operator()(const Edge& e) const { return (*keep)((*g)[e]); }
};

// Least cost from the resident to any settled status over the steps `keep`
// admits, for one weight; returns the cost and the path's edges.
template <typename Keep>
std::pair<double, std::vector<Edge>> least(const Pathways& p, double Step::*weight, const Keep& keep) {
  using Filter = EdgeFilter<Keep>;
  boost::filtered_graph<PathwayGraph, Filter> fg(p.graph, Filter{&p.graph, &keep});
  const auto n = boost::num_vertices(p.graph);
  std::vector<double> dist(n, kInf);
  std::vector<Vertex> pred(n);
  boost::dijkstra_shortest_paths(
      fg, p.resident,
      boost::weight_map(boost::get(weight, p.graph))
          .distance_map(boost::make_iterator_property_map(dist.begin(), boost::get(boost::vertex_index, p.graph)))
          .predecessor_map(boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, p.graph)))
          .distance_inf(kInf));
  Vertex best = p.resident;
  double cost = kInf;
  for (Vertex v = 0; v < n; ++v) {
    auto kind = p.graph[v].kind;
    if ((kind == Status::Kind::settled || kind == Status::Kind::zone) && dist[v] < cost) {
      cost = dist[v];
      best = v;
    }
  }
  std::vector<Edge> path;
  if (cost == kInf) return {cost, path};
  for (Vertex v = best; v != p.resident && pred[v] != v;) {
    Vertex u = pred[v];
    // The cheapest admitted edge u -> v is the one Dijkstra relaxed.
    std::optional<Edge> chosen;
    for (auto [e, end] = boost::out_edges(u, p.graph); e != end; ++e) {
      if (boost::target(*e, p.graph) != v || !keep(p.graph[*e])) continue;
      if (!chosen || p.graph[*e].*weight < p.graph[*chosen].*weight) chosen = *e;
    }
    if (!chosen) break;
    path.push_back(*chosen);
    v = u;
  }
  std::reverse(path.begin(), path.end());
  return {cost, path};
}

struct KeepAll {
  bool operator()(const Step&) const { return true; }
};

// The graph one channel's route is searched in: every status, the steps that
// are not channels, and this channel's own steps, each source's out-edges in
// the whole graph's order. Dijkstra then runs exactly as over the whole graph
// filtered to the channel, in time independent of the other channels.
class ChannelGraphs {
 public:
  explicit ChannelGraphs(const Pathways& whole) : whole_(whole) {
    const auto& g = whole.graph;
    for (auto [e, end] = boost::edges(g); e != end; ++e) {  // by source, each in insertion order
      const Step& s = g[*e];
      if (s.kind == Step::Kind::channel) own_[s.channel].push_back(*e);
      else others_.push_back(*e);
    }
  }

  Pathways of(const ChannelModel& channel) const {
    const auto& g = whole_.graph;
    Pathways p;
    p.resident = whole_.resident;
    p.permit = whole_.permit;
    p.settled = whole_.settled;
    const auto n = boost::num_vertices(g);
    for (Vertex v = 0; v < n; ++v) boost::add_vertex(g[v], p.graph);
    static const std::vector<Edge> none;
    auto it = own_.find(&channel);
    const auto& own = it == own_.end() ? none : it->second;
    for (Vertex u = 0; u < n; ++u) {  // per source: other steps were added before any channel's
      for (const Edge& e : others_) {
        if (boost::source(e, g) == u) boost::add_edge(u, boost::target(e, g), g[e], p.graph);
      }
      for (const Edge& e : own) {
        if (boost::source(e, g) == u) boost::add_edge(u, boost::target(e, g), g[e], p.graph);
      }
    }
    return p;
  }

 private:
  const Pathways& whole_;
  std::vector<Edge> others_;  // the permit and zone steps
  std::unordered_map<const ChannelModel*, std::vector<Edge>> own_;  // each in the whole graph's edge order
};

std::unique_ptr<RouteModel> make_route(const Pathways& p, const ChannelModel& channel) {
  KeepAll only;  // `p` holds this channel's steps alone (ChannelGraphs)
  auto [si, path] = least(p, &Step::social_insurance, only);
  if (si == kInf) return nullptr;
  auto route = std::make_unique<RouteModel>();
  route->channel = &channel;
  route->social_insurance_years = si;
  route->residence_years = least(p, &Step::residence, only).first;
  const Step* step = nullptr;
  for (const auto& e : path) {
    const Step& s = p.graph[e];
    if (s.kind == Step::Kind::permit) {
      route->via_permit = true;
      route->permit_social_insurance_years = s.own_social_insurance;
      if (s.social_insurance_clause) route->clauses.push_back(s.social_insurance_clause);
    }
    if (s.kind == Step::Kind::channel) step = &s;
  }
  route->where = channel.name_range;
  if (step) {
    route->permit_years = step->permit_years;
    route->channel_social_insurance_years = step->own_social_insurance;
    if (step->permit_years_clause) route->clauses.push_back(step->permit_years_clause);
    if (step->social_insurance_clause) route->clauses.push_back(step->social_insurance_clause);
    if (route->via_permit && step->permit_years_clause) route->where = step->permit_years_clause->where;
    else if (step->social_insurance_clause) route->where = step->social_insurance_clause->where;
  }
  return route;
}

// An option a fully open channel may ask (model/serving.hpp).
bool open_option(const Option& option) {
  return std::all_of(option.begin(), option.end(), [](const ConditionModel* c) { return allowed_when_open(*c); });
}

}  // namespace

std::vector<Option> options_of(const std::vector<std::unique_ptr<ConditionModel>>& conditions) {
  std::vector<Option> result{{}};
  for (const auto& c : conditions) {
    std::vector<Option> alternatives;
    expand(*c, alternatives);
    std::vector<Option> next;
    for (const auto& prefix : result) {
      for (const auto& alt : alternatives) {
        if (next.size() >= kMaxOptions) break;
        Option o = prefix;
        o.insert(o.end(), alt.begin(), alt.end());
        next.push_back(std::move(o));
      }
    }
    result = std::move(next);
  }
  return result;
}

std::optional<std::pair<const ConditionModel*, const ConditionModel*>> contradiction(const Option& option) {
  // First in one pass: per kind, the tightest lower and upper bounds. Some
  // pair contradicts exactly when those two do; only then is the pair found
  // (the first in option order, as before). Every option of every channel is
  // tested, so the quadratic scan alone made a 22 KB policy take 30 s.
  struct Extremes {
    std::string_view kind;
    std::optional<Limit> lower, upper;
  };
  std::vector<Extremes> kinds;
  bool possible = false;
  for (auto* c : option) {
    Bound b = bound_of(*c);
    if (!b.lower && !b.upper) continue;
    auto it = std::find_if(kinds.begin(), kinds.end(), [&](const Extremes& e) { return e.kind == c->kind; });
    if (it == kinds.end()) it = kinds.insert(kinds.end(), Extremes{c->kind, {}, {}});
    if (b.lower && (!it->lower || b.lower->value > it->lower->value ||
                    (b.lower->value == it->lower->value && b.lower->strict)))
      it->lower = b.lower;
    if (b.upper && (!it->upper || b.upper->value < it->upper->value ||
                    (b.upper->value == it->upper->value && b.upper->strict)))
      it->upper = b.upper;
    if (it->lower && it->upper &&
        (it->lower->value > it->upper->value ||
         (it->lower->value == it->upper->value && (it->lower->strict || it->upper->strict))))
      possible = true;
  }
  if (!possible) return std::nullopt;
  for (auto* a : option) {
    for (auto* b : option) {
      if (a == b || a->kind != b->kind) continue;
      auto lo = bound_of(*a), hi = bound_of(*b);
      if (!lo.lower || !hi.upper) continue;
      if (lo.lower->value > hi.upper->value ||
          (lo.lower->value == hi.upper->value && (lo.lower->strict || hi.upper->strict)))
        return std::make_pair(a, b);
    }
  }
  return std::nullopt;
}

Pathways build_pathways(const PolicyModel& policy) {
  Pathways p;
  auto& g = p.graph;
  p.resident = add_status(g, Status::Kind::resident);
  p.permit = add_status(g, Status::Kind::permit);
  p.settled = add_status(g, Status::Kind::settled);
  auto zone = [&](const std::string& name) {
    auto it = p.zones.find(name);
    if (it != p.zones.end()) return it->second;
    Vertex v = add_status(g, Status::Kind::zone, name);
    p.zones[name] = v;
    Step s;
    s.kind = Step::Kind::zone;  // settled in the city: in any zone
    boost::add_edge(p.settled, v, s, g);
    return v;
  };
  for (const auto& z : policy.zones) zone(z->name);

  // The permit: without a 居住证 block, the regulation's half year of residence.
  bool permit_possible = true;
  if (!policy.permit || policy.permit->conditions.empty()) {
    p.permit_residence = 0.5;
    Step s;
    s.kind = Step::Kind::permit;
    s.residence = s.own_residence = 0.5;
    boost::add_edge(p.resident, p.permit, s, g);
  } else {
    double least_si = kInf, least_res = kInf;
    Step best;
    best.kind = Step::Kind::permit;
    for (const auto& o : options_of(policy.permit->conditions)) {
      if (contradiction(o)) continue;
      Demand d = demand(o);
      if (d.social_insurance < least_si) {
        least_si = d.social_insurance;
        best.social_insurance = best.own_social_insurance = d.social_insurance;
        best.social_insurance_clause = d.si;
        best.clauses = o;
      }
      if (d.residence < least_res) {
        least_res = d.residence;
        best.residence = best.own_residence = d.residence;
        best.residence_clause = d.res;
      }
    }
    permit_possible = least_si != kInf;
    if (permit_possible) {
      p.permit_social_insurance = least_si;
      p.permit_residence = least_res;
      boost::add_edge(p.resident, p.permit, best, g);
    }
  }

  for (const auto& ch : policy.channels) {
    std::vector<Vertex> ends;
    if (ch->zones.empty()) ends.push_back(p.settled);
    for (const auto& z : ch->zones) ends.push_back(zone(z));
    for (const auto& o : options_of(ch->conditions)) {
      if (contradiction(o)) continue;
      Demand d = demand(o);
      Step s;
      s.channel = ch.get();
      s.clauses = o;
      s.own_social_insurance = d.social_insurance;
      s.own_residence = d.residence;
      s.permit_years = d.permit_years;
      s.social_insurance_clause = d.si;
      s.residence_clause = d.res;
      s.permit_years_clause = d.hold;
      Vertex from = p.resident;
      if (d.hold) {
        if (!permit_possible) continue;
        from = p.permit;
        // Holding the permit keeps its conditions: a permit granted on social
        // insurance keeps it paid; holding it always means residing.
        double si_total = p.permit_social_insurance > 0
                              ? std::max(p.permit_social_insurance + d.permit_years, d.social_insurance)
                              : std::max(p.permit_social_insurance, d.social_insurance);
        double res_total = std::max(p.permit_residence + d.permit_years, d.residence);
        s.social_insurance = si_total - p.permit_social_insurance;
        s.residence = res_total - p.permit_residence;
      } else {
        s.social_insurance = d.social_insurance;
        s.residence = d.residence;
      }
      for (Vertex v : ends) boost::add_edge(from, v, s, g);
    }
  }
  return p;
}

void analyse_pathways(PolicyModel& policy) {
  if (policy.analysed) return;
  Pathways p = build_pathways(policy);
  ChannelGraphs per_channel(p);
  PathwayFacts& facts = policy.pathway_facts;
  facts = {};
  // Each channel's options once, with whether each can be met at all.
  std::vector<std::vector<Option>> options;
  std::vector<std::vector<char>> contradictory;
  options.reserve(policy.channels.size());
  for (auto& ch : policy.channels) {
    ch->graph_facts = {};
    options.push_back(options_of(ch->conditions));
    auto& flags = contradictory.emplace_back();
    for (const auto& o : options.back()) flags.push_back(contradiction(o).has_value());
  }
  for (std::size_t i = 0; i < policy.channels.size(); ++i) {
    auto& ch = policy.channels[i];
    const auto& flags = contradictory[i];
    ch->graph_facts.possible = std::find(flags.begin(), flags.end(), 0) != flags.end();
    if (!ch->graph_facts.possible && !options[i].empty()) {
      auto pair = contradiction(options[i].front());
      auto conflict = std::make_unique<ConflictModel>();
      conflict->kind = "impossible";
      conflict->channel = ch.get();
      conflict->clauses = {pair->first, pair->second};
      conflict->where = ch->name_range;
      facts.conflicts.push_back(std::move(conflict));
    }
    if (auto route = make_route(per_channel.of(*ch), *ch)) {
      ch->graph_facts.route = route.get();
      facts.routes.push_back(std::move(route));
    }
  }
  std::unordered_map<const ChannelModel*, ChannelModel*> own;  // find_shadowed names channels read-only
  for (auto& ch : policy.channels) own[ch.get()] = ch.get();
  for (const auto& [shadowed, by] : find_shadowed(policy, options)) {
    own.at(shadowed)->graph_facts.shadowed_by = by;
    auto conflict = std::make_unique<ConflictModel>();
    conflict->kind = "shadowed";
    conflict->channel = shadowed;
    conflict->by = by;
    conflict->where = shadowed->name_range;
    facts.conflicts.push_back(std::move(conflict));
  }
  // Whether a channel is fully open: city-wide, no quota, an option asking only what 全面放开 allows.
  std::vector<char> fully_open(policy.channels.size(), 0);
  for (std::size_t i = 0; i < policy.channels.size(); ++i) {
    const auto& ch = *policy.channels[i];
    if (!ch.zones.empty() || ch.quota) continue;
    for (std::size_t k = 0; k < options[i].size(); ++k) {
      if (open_option(options[i][k]) && !contradictory[i][k]) fully_open[i] = 1;
    }
  }
  std::unordered_map<const ChannelModel*, std::size_t> index;
  for (std::size_t i = 0; i < policy.channels.size(); ++i) index.emplace(policy.channels[i].get(), i);
  std::vector<char> serving(policy.channels.size());
  std::vector<std::vector<std::string>> served;
  for (const auto& ch : policy.channels) served.push_back(served_groups(ch->targets));
  for (const auto& term : terms(Vocabulary::group)) {
    if (term.id == "resident") continue;
    auto group = std::make_unique<GroupModel>();
    group->id = term.id;
    group->where = policy.header;
    for (std::size_t i = 0; i < policy.channels.size(); ++i) {
      const auto& ch = policy.channels[i];
      serving[i] = std::find(served[i].begin(), served[i].end(), term.id) != served[i].end();
      if (!serving[i]) continue;
      group->channels.push_back(ch.get());
      if (ch->graph_facts.possible) group->reachable = true;
      if (fully_open[i]) group->open = true;
    }
    if (!group->channels.empty()) group->where = group->channels.front()->name_range;
    auto keep = [&](const Step& s) { return s.kind != Step::Kind::channel || serving[index.at(s.channel)]; };
    auto [si, path] = least(p, &Step::social_insurance, keep);
    if (si != kInf) {
      group->reachable = true;
      group->social_insurance_years = si;
      group->residence_years = least(p, &Step::residence, keep).first;
      for (const auto& e : path) {
        if (p.graph[e].kind == Step::Kind::channel) group->route = p.graph[e].channel->graph_facts.route;
      }
      if (group->route) group->where = group->route->where;
    } else {
      group->reachable = false;
    }
    facts.groups.push_back(std::move(group));
  }
  policy.analysed = true;
}

}  // namespace luohu
