#include "check/city_record.hpp"

#include <fmt/format.h>

#include "model/vocabulary.hpp"

namespace luohu {
namespace {

std::string number(std::int64_t n) {
  // 17751700 -> 17,751,700: figures are read at a glance.
  std::string s = std::to_string(n), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

std::string basis_text(const std::string& basis, Lang lang) {
  bool zh = lang == Lang::zh;
  if (basis == "figure") return zh ? "来源给出的数字" : "a figure from the source";
  if (basis == "list") return zh ? "来源将其列入该规模名单" : "the source names it in that tier's list";
  if (basis == "exclusion") return zh ? "排除得出：未列入任何已读名单" : "by exclusion: named in none of the read lists";
  if (basis == "total_bound")
    return zh ? "以全市普查常住人口为上限：城区是城市的一部分，城区人口不超过全市" : "bounded by the whole city's census population: the 城区 is part of the city";
  if (basis == "province_exclusion")
    return zh ? "省内排除得出：不在来源给出的本省完整名单中" : "by exclusion within its province: not in the source's complete lists for the province";
  return basis;
}

std::string source_line(const SourceRef& s) { return s.url.empty() ? s.title : fmt::format("{} <{}>", s.title, s.url); }

}  // namespace

std::string population_text(const City& c, Lang lang) {
  bool zh = lang == Lang::zh;
  if (c.population) return number(*c.population);
  if (!c.population_known) return zh ? "未知" : "unknown";
  if (!c.population_max) return zh ? fmt::format("{} 以上", number(c.population_min)) : fmt::format("at least {}", number(c.population_min));
  if (c.population_min == 0) return zh ? fmt::format("{} 以下", number(*c.population_max)) : fmt::format("below {}", number(*c.population_max));
  return zh ? fmt::format("{} 以上、{} 以下", number(c.population_min), number(*c.population_max))
            : fmt::format("at least {}, below {}", number(c.population_min), number(*c.population_max));
}

std::string population_source_text(const City& c) {
  std::string out;
  for (const auto& s : c.population_sources) out += (out.empty() ? "" : "; ") + s.key;
  return out;
}

std::string describe_city(const City& c, const Registry& registry, Lang lang, bool md) {
  bool zh = lang == Lang::zh;
  std::string out;
  auto field = [&](const char* zh_name, const char* en_name, const std::string& value) {
    out += md ? fmt::format("- **{}**: {}\n", zh ? zh_name : en_name, value) : fmt::format("{}: {}\n", zh ? zh_name : en_name, value);
  };
  out += md ? fmt::format("**{} {}** / {}\n\n", c.code, c.name_zh, c.name_en) : fmt::format("{} {} / {}\n", c.code, c.name_zh, c.name_en);
  field("省份", "province", fmt::format("{} / {}", c.province_zh, c.province_en));
  field("行政级别", "level", fmt::format("{} ({})", label(c.level, lang), c.level));
  field("省会", "capital", c.capital ? (zh ? "是" : "yes") : (zh ? "否" : "no"));
  if (!c.is_city()) {
    std::string seat = zh ? "未知（未读到来源）" : "unknown (no source read)";
    if (c.seat) {
      const City* s = registry.find(*c.seat);
      seat = s ? fmt::format("{} {} / {}", s->code, s->name_zh, s->name_en) : *c.seat;
    }
    field("驻地城市", "seat city", seat);
    for (const auto& s : c.seat_sources) field("驻地来源", "seat source", source_line(s));
    field("规模", "tier",
          zh ? "无：地区、自治州、盟不是城市，没有自己的城区；落户政策与规模属于驻地城市"
             : "none: a 地区, 自治州 or 盟 is not a city and has no 城区 of its own; the settlement policy and the tier are its seat city's");
    if (!c.note.empty()) field("说明", "note", c.note);
    return out;
  }
  std::string population = population_text(c, lang);
  if (c.population_known && c.population_year) population += fmt::format(" ({})", c.population_year);
  field("城区常住人口", "urban residents", population);
  if (c.population_known) field("依据", "basis", basis_text(c.population_basis, lang));
  for (const auto& s : c.population_sources) field("来源", "source", source_line(s));
  if (c.population_basis == "exclusion" && !registry.exclusion().text.zh.empty())
    field("排除读法", "reading by exclusion", registry.exclusion().text.in(lang));
  for (std::size_t i = 0; i < c.conflicts.size(); ++i) {
    const auto& k = c.conflicts[i];
    field(i == 0 ? "冲突（采用）" : "冲突（未采用）", i == 0 ? "conflict (taken)" : "conflict (not taken)",
          k.source.url.empty() ? fmt::format("{}: {}", k.source.key, k.says)
                               : fmt::format("{}: {} <{}>", k.source.key, k.says, k.source.url));
  }
  if (!c.decision.empty()) field("决定", "decision", c.decision);
  std::string tier;
  if (c.tier) tier = fmt::format("{} ({})", label(*c.tier, lang), *c.tier);
  else if (!c.tiers.empty())
    tier = zh ? fmt::format("{}（{}）：区分这些规模的规则无法判断是否适用", label(c.tier_key(), lang), c.tier_key())
              : fmt::format("{} ({}): rules that tell these tiers apart cannot be decided", label(c.tier_key(), lang), c.tier_key());
  else tier = zh ? "未知：按规模适用的规则不检查" : "unknown: tier-dependent rules are not checked";
  field("规模", "tier", tier);
  if (c.registered_share) field("户籍人口比重", "registered share", fmt::format("{:.3f}", *c.registered_share));
  if (!c.note.empty()) field("说明", "note", c.note);
  return out;
}

nlohmann::json city_record_json(const City& c, const Registry& registry) {
  using nlohmann::json;
  auto sources = [](const std::vector<SourceRef>& list) {
    json out = json::array();
    for (const auto& s : list) out.push_back({{"key", s.key}, {"title", s.title}, {"url", s.url}});
    return out;
  };
  json conflicts = json::array();
  for (std::size_t i = 0; i < c.conflicts.size(); ++i)
    conflicts.push_back({{"source", c.conflicts[i].source.key}, {"says", c.conflicts[i].says}, {"taken", i == 0}});
  json j = {{"code", c.code},
            {"name_zh", c.name_zh},
            {"name_en", c.name_en},
            {"province_zh", c.province_zh},
            {"province_en", c.province_en},
            {"level", c.level},
            {"level_zh", label(c.level, Lang::zh)},
            {"level_en", label(c.level, Lang::en)},
            {"is_city", c.is_city()},
            {"capital", c.capital},
            {"urban_population", c.population ? json(*c.population) : json(nullptr)},
            {"band", c.population_known && !c.population
                         ? json{{"at_least", c.population_min}, {"below", c.population_max ? json(*c.population_max) : json(nullptr)}}
                         : json(nullptr)},
            {"population_year", c.population_known ? json(c.population_year) : json(nullptr)},
            {"population_basis", c.population_known ? json(c.population_basis) : json(nullptr)},
            {"population_sources", sources(c.population_sources)},
            {"conflicts", conflicts},
            {"decision", c.decision.empty() ? json(nullptr) : json(c.decision)},
            {"tier", c.tier ? json(*c.tier) : json(nullptr)},
            {"tiers", c.tiers},
            {"tier_zh", c.tiers.empty() ? "规模未知" : label(c.tier_key(), Lang::zh)},
            {"tier_en", c.tiers.empty() ? "tier unknown" : label(c.tier_key(), Lang::en)},
            {"registered_share", c.registered_share ? json(*c.registered_share) : json(nullptr)},
            {"note", c.note}};
  if (c.population_basis == "exclusion")
    j["exclusion"] = {{"zh", registry.exclusion().text.zh}, {"en", registry.exclusion().text.en}, {"sources", sources(registry.exclusion().sources)}};
  if (!c.is_city()) {
    j["seat"] = c.seat ? json(*c.seat) : json(nullptr);
    j["seat_sources"] = sources(c.seat_sources);
  }
  return j;
}

}  // namespace luohu
