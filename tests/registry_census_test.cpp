// The registry's figures from the stored wiki table of the 2020 census (source
// wiki_cityrank_json, registry/sources/zhwiki-cityrank-2020.json): each figure is
// the table's, the stored table is the one its sidecar names, and the cities the
// table leaves undecided between 中等 and 小 are exactly those it lacks or whose
// row the registry records as broken or conflicting.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "registry/registry.hpp"
#include "support.hpp"
#include "util/sha256.hpp"

using namespace luohu;

namespace {

constexpr const char* kKey = "wiki_cityrank_json";
constexpr const char* kTable = "registry/sources/zhwiki-cityrank-2020.json";
constexpr const char* kSidecar = "registry/sources/zhwiki-cityrank-2020.source.yaml";

const nlohmann::json& table() {
  static const nlohmann::json doc = nlohmann::json::parse(test::read_file(test::source_path(kTable)));
  return doc;
}

bool cites(const std::vector<SourceRef>& list) {
  return std::any_of(list.begin(), list.end(), [](const SourceRef& s) { return s.key == kKey; });
}
bool conflict_cites(const City& c) {
  return std::any_of(c.conflicts.begin(), c.conflicts.end(), [](const Conflict& x) { return x.source.key == kKey; });
}

// The table's rows for a city: same name, and the registry's province (浙江省) starts with the row's (浙江).
std::vector<const nlohmann::json*> rows_for(const City& c) {
  std::vector<const nlohmann::json*> out;
  for (const auto& row : table()["rows"]) {
    const std::string p = row["province"], n = row["name"];
    if (n == c.name_zh && c.province_zh.compare(0, p.size(), p) == 0) out.push_back(&row);
  }
  return out;
}

}  // namespace

TEST_CASE("the stored wiki table is the file its sidecar names, whole", "[registry][census]") {
  const std::string bytes = test::read_file(test::source_path(kTable));
  YAML::Node sidecar = YAML::LoadFile(test::source_path(kSidecar));
  CHECK(sha256_hex(bytes) == sidecar["origin_sha256"].as<std::string>());
  CHECK(sidecar["origin"]["repository"].as<std::string>() == "Ethan-H147/china_interactive_map");
  CHECK(sidecar["origin"]["path"].as<std::string>() == "scripts/population-source.json");
  CHECK(sidecar["origin"]["commit"].as<std::string>() == "b45d130d9730d77b8286ccef1cac2b7275e49274");
  CHECK(table()["revision"].get<int>() == sidecar["wiki"]["revision"].as<int>());
  CHECK(table()["htmlSha256"].get<std::string>() == sidecar["wiki"]["html_sha256"].as<std::string>());
  CHECK(table()["rows"].size() == 684);  // the repository README's count
  // The registry's source entry points at this revision and this stored file.
  const Registry& r = test::bundled().registry;
  const City* any = nullptr;
  for (const auto& c : r.cities())
    if (cites(c.population_sources)) any = &c;
  REQUIRE(any);
  auto src = std::find_if(any->population_sources.begin(), any->population_sources.end(), [](const SourceRef& s) { return s.key == kKey; });
  CHECK_THAT(src->url, Catch::EndsWith("oldid=94716774"));
  CHECK_THAT(src->title, Catch::Contains("b45d130d9730d77b8286ccef1cac2b7275e49274"));
  CHECK_THAT(src->title, Catch::Contains(kTable));
}

TEST_CASE("every registry figure citing the wiki table is the table's urbanCore for that city", "[registry][census]") {
  const Registry& r = test::bundled().registry;
  int figures = 0;
  for (const auto& c : r.cities()) {
    if (!cites(c.population_sources)) continue;
    INFO(c.code << " " << c.name_zh);
    REQUIRE(c.population);
    auto rows = rows_for(c);
    REQUIRE(rows.size() == 1);  // province + name is unique in the table
    const auto& row = *rows[0];
    CHECK(c.population == std::optional<std::int64_t>(row["urbanCore"].get<std::int64_t>()));
    CHECK((row["type"] == "县级市") == (c.level == "county"));
    CHECK(c.population_basis == "figure");
    CHECK(c.population_sources[0].key == kKey);
    ++figures;
  }
  // 486 cities that had only the exclusion band and 129 that had a list's or a province's band (鹤岗 among them).
  CHECK(figures == 615);
}

TEST_CASE("a wiki row that is broken or leaves a named list's band is recorded, not used", "[registry][census]") {
  const Registry& r = test::bundled().registry;
  std::set<std::string> recorded;
  for (const auto& c : r.cities()) {
    if (!conflict_cites(c) || cites(c.population_sources)) continue;
    INFO(c.code << " " << c.name_zh);
    recorded.insert(c.name_zh);
    CHECK_FALSE(c.population);  // the band stays
    CHECK(c.conflicts.size() >= 2);
    CHECK(c.conflicts[0].source.key != kKey);  // the source kept comes first
    CHECK_FALSE(c.decision.empty());
  }
  // The research note's defects (乐平 = 景德镇's copy, 包头, 湛江, 梅州, 朔州, 个旧, 鹤山 and 宁国 copied from
  // a neighbour, 吉安 for 集安, 三沙's null) and the four rows that leave the band the lists give.
  CHECK(recorded == std::set<std::string>{"乐平市", "包头市", "湛江市", "梅州市", "朔州市", "个旧市", "鹤山市", "宁国市",
                                          "集安市", "三沙市", "泸州市", "廊坊市", "潍坊市", "锦州市"});
}

TEST_CASE("a city stays undecided between 中等 and 小 only where the table lacks it or its row is recorded",
          "[registry][census]") {
  const Registry& r = test::bundled().registry;
  std::vector<const Rule*> splitting;
  for (const auto& rule : test::bundled().rules.rules) {
    auto has = [&](const char* t) { return std::find(rule.tiers.begin(), rule.tiers.end(), t) != rule.tiers.end(); };
    if (!rule.tiers.empty() && has("medium") != has("small_i")) splitting.push_back(&rule);
  }
  std::set<std::string> ids;
  for (const Rule* rule : splitting) ids.insert(rule->id);
  CHECK(ids == std::set<std::string>{"T7-PURCHASE-INVEST-TAX", "T9-CHAIN-MEDIUM", "T9-SOCIAL-INSURANCE-MEDIUM"});
  int absent = 0, recorded = 0;
  for (const auto& c : r.cities()) {
    if (!c.is_city()) continue;
    bool undecided = std::any_of(splitting.begin(), splitting.end(),
                                 [&](const Rule* rule) { return !tiers_include(rule->tiers, c).has_value(); });
    if (!undecided) continue;
    INFO(c.code << " " << c.name_zh);
    if (rows_for(c).empty() && !conflict_cites(c)) {
      ++absent;  // created after the census, or missing from the table (原平, 灵武, 监利, 同仁)
    } else {
      CHECK(conflict_cites(c));  // a row exists: it must be recorded as broken or conflicting
      ++recorded;
    }
  }
  // The registry's header lists them: 灵武, 会理, 米林, 错那 and 宁国 are decided by their whole-city totals (total_bound).
  CHECK(absent == 9);
  CHECK(recorded == 8);  // 乐平, 梅州, 朔州, 鹤山, 集安, 三沙 (defects); 潍坊, 锦州 (above 100万 in the table)
}

TEST_CASE("a band from the whole city's census total is an upper bound, cited, and decides medium against small",
          "[registry][census]") {
  const Registry& r = test::bundled().registry;
  int bounded = 0;
  for (const auto& c : r.cities()) {
    if (c.population_basis != "total_bound") continue;
    ++bounded;
    INFO(c.code << " " << c.name_zh);
    CHECK_FALSE(c.population);
    CHECK(c.population_min == 0);
    REQUIRE(c.population_max);
    CHECK(*c.population_max <= 500000);  // it decides 中等 against 小
    CHECK(std::find(c.tiers.begin(), c.tiers.end(), "medium") == c.tiers.end());
    // The total's own source first, then the lists the city is missing from.
    REQUIRE(c.population_sources.size() >= 2);
    CHECK(c.population_sources[0].key.rfind("total_", 0) == 0);
    CHECK_FALSE(c.population_sources[0].url.empty());
  }
  CHECK(bounded == 5);
  CHECK(r.find("540481")->tier == std::optional<std::string>("small_ii"));  // 米林: 26,176 in all
  CHECK(r.find("640181")->tier_key() == "small_i|small_ii");               // 灵武: 294,156 in all
}
