#include "report/dot.hpp"

#include <fmt/format.h>

#include <boost/graph/graphviz.hpp>
#include <algorithm>
#include <set>
#include <sstream>

#include "graph/notes.hpp"
#include "graph/pathway_graph.hpp"

namespace luohu {
namespace {

std::string dot_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

bool inside(SourceRange r, SourceRange where) { return !where.empty() && r.begin >= where.begin && r.end <= where.end; }

std::string status_label(const Status& s, Lang lang) {
  bool zh = lang == Lang::zh;
  switch (s.kind) {
    case Status::Kind::resident: return zh ? "常住未落户" : "resident, not settled";
    case Status::Kind::permit: return zh ? "居住证持有人" : "residence-permit holder";
    case Status::Kind::settled: return zh ? "落户（全市）" : "settled (whole city)";
    case Status::Kind::zone: return zh ? fmt::format("落户：{}", s.zone) : fmt::format("settled: {}", s.zone);
  }
  return "";
}

}  // namespace

std::string pathway_dot(const PolicyModel& policy, const std::vector<Diagnostic>& findings, Lang lang) {
  Pathways whole = build_pathways(policy);
  // At most kMaxDrawnChannels channel steps: Graphviz lays out one edge per
  // channel (10,000 channels took 57 s); the title says how many were left out.
  PathwayGraph g;
  for (Vertex v = 0; v < boost::num_vertices(whole.graph); ++v) boost::add_vertex(whole.graph[v], g);
  std::size_t channel_steps = 0;
  for (auto [e, end] = boost::edges(whole.graph); e != end; ++e) {
    const Step& s = whole.graph[*e];
    if (s.kind == Step::Kind::channel && ++channel_steps > kMaxDrawnChannels) continue;
    boost::add_edge(boost::source(*e, whole.graph), boost::target(*e, whole.graph), s, g);
  }
  const std::size_t not_drawn = channel_steps > kMaxDrawnChannels ? channel_steps - kMaxDrawnChannels : 0;
  bool zh = lang == Lang::zh;
  // Findings by position, so each edge finds its own in O(log n): the scan of
  // every finding per edge was quadratic in channels.
  std::vector<const Diagnostic*> shown;
  for (const auto& d : findings) {
    if (!d.input_error && d.severity != Severity::note) shown.push_back(&d);
  }
  std::sort(shown.begin(), shown.end(), [](const Diagnostic* a, const Diagnostic* b) { return a->range.begin < b->range.begin; });
  auto rules_in = [&](SourceRange where) {
    std::set<std::string> ids;
    if (where.empty()) return ids;
    auto it = std::lower_bound(shown.begin(), shown.end(), where.begin,
                               [](const Diagnostic* d, std::uint32_t at) { return d->range.begin < at; });
    for (; it != shown.end() && (*it)->range.begin < where.end; ++it) {
      if (inside((*it)->range, where)) ids.insert((*it)->code);
    }
    return ids;
  };
  std::set<std::string> whole_policy;  // findings about the policy as a whole
  for (const auto& d : findings) {
    if (!d.input_error && d.severity != Severity::note && d.range.begin == policy.header.begin) whole_policy.insert(d.code);
  }
  auto vertex_writer = [&](std::ostream& out, Vertex v) {
    const Status& s = g[v];
    std::string shape = s.kind == Status::Kind::resident ? "ellipse" : s.kind == Status::Kind::permit ? "box" : "doubleoctagon";
    out << "[label=" << dot_string(status_label(s, lang)) << ", shape=" << shape << "]";
  };
  auto edge_writer = [&](std::ostream& out, Edge e) {
    const Step& s = g[e];
    if (s.kind == Step::Kind::zone) {
      out << "[style=dashed, arrowhead=none, color=gray]";
      return;
    }
    std::vector<std::string> lines;
    SourceRange where;
    if (s.kind == Step::Kind::permit) {
      lines.push_back(zh ? "居住证" : "residence permit");
      if (policy.permit) where = policy.permit->where;
    } else {
      lines.push_back(zh ? fmt::format("渠道“{}”", s.channel->name) : fmt::format("channel '{}'", s.channel->name));
      where = s.channel->where;
    }
    for (const auto* c : s.clauses) lines.push_back(describe(*c, lang));
    if (!policy.permit && s.kind == Step::Kind::permit) lines.push_back(zh ? "（条例：居住半年）" : "(regulation: half a year)");
    lines.push_back(zh ? fmt::format("社保 +{} 年，居住 +{} 年", s.social_insurance, s.residence)
                       : fmt::format("social insurance +{} y, residence +{} y", s.social_insurance, s.residence));
    auto ids = rules_in(where);
    if (!ids.empty()) lines.push_back(fmt::format("{}", fmt::join(ids, ", ")));
    std::string label;
    for (const auto& l : lines) label += l + "\n";
    out << "[label=" << dot_string(label) << (ids.empty() ? "" : ", color=red, fontcolor=red, penwidth=2") << "]";
  };
  auto graph_writer = [&](std::ostream& out) {
    std::string title = policy.city.city ? (zh ? policy.city.city->name_zh : policy.city.city->name_en) : "";
    if (!policy.title.empty()) title += "\n" + policy.title;
    if (!whole_policy.empty()) title += "\n" + fmt::format("{}", fmt::join(whole_policy, ", "));
    if (not_drawn > 0)
      title += "\n" + (zh ? fmt::format("（另有 {} 个渠道未画出：每图最多 {} 个）", not_drawn, kMaxDrawnChannels)
                           : fmt::format("({} more channels not drawn: at most {} per graph)", not_drawn, kMaxDrawnChannels));
    out << "rankdir=LR;\nlabelloc=t;\nlabel=" << dot_string(title) << ";\n";
    out << "node [fontname=\"Noto Sans CJK SC,sans-serif\"];\nedge [fontname=\"Noto Sans CJK SC,sans-serif\", fontsize=10];\n";
    if (!whole_policy.empty()) out << "fontcolor=red;\n";
  };
  std::ostringstream out;
  boost::write_graphviz(out, g, vertex_writer, edge_writer, graph_writer);
  return out.str();
}

}  // namespace luohu
