#include "graph/notes.hpp"

#include <fmt/format.h>

#include "model/vocabulary.hpp"

namespace luohu {
namespace {

// A note in both languages, or only in `only` (Message::in falls back to it).
template <typename Zh, typename En>
Message words(std::optional<Lang> only, Zh&& zh, En&& en) {
  Message m;
  if (only != Lang::en) m.zh = zh();
  if (only != Lang::zh) m.en = en();
  return m;
}

Message clause_note(const ConditionModel& c, std::optional<Lang> only) {
  if (c.context == "residence_permit")
    return words(only, [&] { return fmt::format("居住证申领条件：{}", describe(c, Lang::zh)); },
                 [&] { return fmt::format("residence-permit condition: {}", describe(c, Lang::en)); });
  std::string name = c.channel ? c.channel->name : "";
  return words(only, [&] { return fmt::format("渠道“{}”的条件：{}", name, describe(c, Lang::zh)); },
               [&] { return fmt::format("condition of channel '{}': {}", name, describe(c, Lang::en)); });
}

void route_notes(const RouteModel& r, SourceRange primary, std::vector<RelatedLocation>& related,
                 std::optional<Lang> only) {
  for (const auto* c : r.clauses) {
    if (c->where.begin == primary.begin && c->where.end == primary.end) continue;
    related.push_back({c->where, clause_note(*c, only)});
  }
  related.push_back(
      {r.channel->name_range,
       words(only, [&] { return fmt::format("经渠道“{}”落户，社会保险年限合计：{}", r.channel->name, route_sum(r, Lang::zh)); },
             [&] {
               return fmt::format("settling through channel '{}' takes social insurance of {}", r.channel->name,
                                  route_sum(r, Lang::en));
             })});
}

}  // namespace

std::string describe(const ConditionModel& c, Lang lang) {
  std::string text = label(c.kind, lang);
  if (c.op.empty()) return text;
  if (c.level) return fmt::format("{} {} {}", text, c.op, label(*c.level, lang));
  if (!c.value) return text;
  if (is_time_valued(c.kind)) return fmt::format("{} {} {} {}", text, c.op, *c.value, lang == Lang::zh ? "年" : "years");
  return fmt::format("{} {} {}", text, c.op, *c.value);
}

std::string route_sum(const RouteModel& r, Lang lang) {
  bool zh = lang == Lang::zh;
  std::string years = zh ? "年" : "years";
  if (!r.via_permit || r.permit_social_insurance_years <= 0 ||
      r.channel_social_insurance_years >= r.permit_social_insurance_years + r.permit_years)
    return fmt::format("{} {}", r.social_insurance_years, years);
  return zh ? fmt::format("居住证申领 {} 年 + 持有居住证 {} 年 = {} 年", r.permit_social_insurance_years, r.permit_years,
                          r.social_insurance_years)
            : fmt::format("{} years for the permit + {} years holding it = {} years", r.permit_social_insurance_years,
                          r.permit_years, r.social_insurance_years);
}

void add_graph_notes(const ModelObject& it, SourceRange primary, std::vector<RelatedLocation>& related,
                     std::optional<Lang> only) {
  auto type = it.type_name();
  if (type == "route") route_notes(static_cast<const RouteModel&>(it), primary, related, only);
  if (type == "group") {
    const auto& g = static_cast<const GroupModel&>(it);
    if (g.route) route_notes(*g.route, primary, related, only);
  }
  if (type != "conflict") return;
  const auto& c = static_cast<const ConflictModel&>(it);
  if (c.kind == "impossible" && c.clauses.size() == 2) {
    related.push_back({c.clauses[0]->where,
                       words(only, [&] { return fmt::format("此条件：{}", describe(*c.clauses[0], Lang::zh)); },
                             [&] { return fmt::format("this condition: {}", describe(*c.clauses[0], Lang::en)); })});
    related.push_back({c.clauses[1]->where,
                       words(only, [&] { return fmt::format("与此条件矛盾：{}", describe(*c.clauses[1], Lang::zh)); },
                             [&] { return fmt::format("contradicts this one: {}", describe(*c.clauses[1], Lang::en)); })});
  }
  if (c.kind == "shadowed" && c.by) {
    related.push_back(
        {c.by->name_range,
         words(only,
               [&] {
                 return fmt::format("渠道“{}”面向相同人群与区域、条件不严于此，凡符合“{}”者均已可经它落户", c.by->name,
                                    c.channel->name);
               },
               [&] {
                 return fmt::format("channel '{}' serves the same people and zones on conditions no stricter: whoever "
                                    "meets '{}' can already settle through it",
                                    c.by->name, c.channel->name);
               })});
  }
}

}  // namespace luohu
