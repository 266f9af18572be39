// The city registry: tier bounds of the 2014 standard, bands, and refusing
// a malformed registry whole with file:line:column.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "registry/registry.hpp"
#include "support.hpp"

using namespace luohu;

TEST_CASE("tiers follow 国发〔2014〕51号 bounds exactly: 以上 includes, 以下 excludes", "[registry]") {
  CHECK(tier_for_population(199'999) == "small_ii");
  CHECK(tier_for_population(200'000) == "small_i");
  CHECK(tier_for_population(499'999) == "small_i");
  CHECK(tier_for_population(500'000) == "medium");
  CHECK(tier_for_population(999'999) == "medium");
  CHECK(tier_for_population(1'000'000) == "large_ii");
  CHECK(tier_for_population(2'999'999) == "large_ii");
  CHECK(tier_for_population(3'000'000) == "large_i");
  CHECK(tier_for_population(4'999'999) == "large_i");
  CHECK(tier_for_population(5'000'000) == "megacity");
  CHECK(tier_for_population(9'999'999) == "megacity");
  CHECK(tier_for_population(10'000'000) == "supercity");
  CHECK(tier_for_population(0) == "small_ii");
}

TEST_CASE("a population band gives a tier only when it lies inside one", "[registry]") {
  CHECK(tier_for_band(5'000'000, 10'000'000) == std::optional<std::string>("megacity"));
  CHECK(tier_for_band(10'000'000, std::nullopt) == std::optional<std::string>("supercity"));
  CHECK(tier_for_band(0, 200'000) == std::optional<std::string>("small_ii"));
  CHECK_FALSE(tier_for_band(0, 1'000'000).has_value());
  CHECK_FALSE(tier_for_band(2'000'000, 4'000'000).has_value());
}

namespace {
const char* kGood = R"(version: "t"
sources:
  s1: {title: "census", url: "https://example.org"}
cities:
  - code: "330100"
    name: {zh: 杭州市, en: Hangzhou}
    province: {zh: 浙江省, en: Zhejiang}
    level: sub_provincial
    capital: true
    urban_population: 8740000
    population_year: 2020
    population_source: s1
  - code: "320500"
    name: {zh: 苏州市, en: Suzhou}
    province: {zh: 江苏省, en: Jiangsu}
    level: prefecture
    capital: false
    urban_population: {at_least: 3000000, below: 5000000}
    population_year: 2020
    population_source: s1
  - code: "540100"
    name: {zh: 拉萨市, en: Lhasa}
    province: {zh: 西藏自治区, en: Tibet}
    level: prefecture
    capital: true
    urban_population: unknown
)";
}

TEST_CASE("a band spans the tiers it meets — a rule is decided for it only if it treats them alike", "[registry]") {
  CHECK(tiers_in_band(0, 500'000) == std::vector<std::string>{"small_i", "small_ii"});
  CHECK(tiers_in_band(0, 1'000'000) == std::vector<std::string>{"medium", "small_i", "small_ii"});
  CHECK(tiers_in_band(500'000, 1'000'000) == std::vector<std::string>{"medium"});
  CHECK(tiers_in_band(2'000'000, 4'000'000) == std::vector<std::string>{"large_i", "large_ii"});
  CHECK(tiers_in_band(10'000'000, std::nullopt) == std::vector<std::string>{"supercity"});
  City small;
  small.tiers = tiers_in_band(0, 500'000);
  CHECK(small.tier_key() == "small_i|small_ii");
  CHECK(tiers_include({"large_ii", "medium", "small_i", "small_ii"}, small) == std::optional<bool>(true));
  CHECK(tiers_include({"large_i", "large_ii", "medium"}, small) == std::optional<bool>(false));
  CHECK_FALSE(tiers_include({"small_i"}, small).has_value());  // a rule that tells them apart
  City unknown;
  CHECK(unknown.tier_key() == "unknown");
  CHECK_FALSE(tiers_include({"supercity"}, unknown).has_value());
}

TEST_CASE("a registry loads cities with figures, bands and unknowns", "[registry]") {
  std::vector<LoadError> errors;
  auto r = Registry::load_text(kGood, "cities.yaml", errors);
  REQUIRE(errors.empty());
  REQUIRE(r);
  const City* hz = r->find("330100");
  REQUIRE(hz);
  CHECK(hz->tier == std::optional<std::string>("megacity"));
  CHECK(hz->levels() == std::vector<std::string>{"sub_provincial", "provincial_capital"});
  REQUIRE(hz->population_sources.size() == 1);
  CHECK(hz->population_sources[0].title == "census");
  CHECK(hz->population_sources[0].url == "https://example.org");
  CHECK(hz->population_basis == "figure");
  CHECK(r->find("320500")->population_basis == "list");
  CHECK(r->find("320500")->tier == std::optional<std::string>("large_i"));
  CHECK_FALSE(r->find("540100")->tier.has_value());
  CHECK(r->find("999999") == nullptr);
}

TEST_CASE("a malformed registry is refused whole, with file:line:column", "[registry][errors]") {
  auto refuse = [](const std::string& text) {
    std::vector<LoadError> errors;
    auto r = Registry::load_text(text, "cities.yaml", errors);
    CHECK_FALSE(r.has_value());
    REQUIRE_FALSE(errors.empty());
    return errors;
  };
  auto swap = [](std::string& t, const std::string& from, const std::string& to) {
    auto at = t.find(from);
    REQUIRE(at != std::string::npos);
    t.replace(at, from.size(), to);
  };
  SECTION("YAML syntax") {
    auto e = refuse("cities: [\n  - code: \"1\n");
    CHECK(e[0].line >= 1);
    CHECK_THAT(e[0].message.en, Catch::StartsWith("YAML syntax error"));
  }
  SECTION("a bad population, pointing at the value") {
    std::string text = kGood;
    text.replace(text.find("8740000"), 7, "lots");
    auto e = refuse(text);
    CHECK(e[0].line == 10);
    CHECK(e[0].column == 23);
    CHECK_THAT(e[0].message.en, Catch::Contains("must be an integer"));
    CHECK(e[0].format(Lang::en) == "cities.yaml:10:23: error: field 'urban_population' must be an integer, not 'lots'");
  }
  SECTION("a duplicate code") {
    std::string text = kGood;
    text.replace(text.find("\"320500\""), 8, "\"330100\"");
    auto e = refuse(text);
    CHECK_THAT(e[0].message.en, Catch::Contains("duplicate administrative division code '330100'"));
  }
  SECTION("an unknown level and an undefined source") {
    std::string text = kGood;
    text.replace(text.find("sub_provincial"), 14, "subprovincial");
    text.replace(text.find("population_source: s1"), 21, "population_source: s9");
    auto e = refuse(text);
    CHECK(e.size() == 2);
  }
  SECTION("a code that is not six digits") {
    std::string text = kGood;
    text.replace(text.find("\"540100\""), 8, "\"54010\"");
    refuse(text);
  }
  SECTION("an empty band") {
    std::string text = kGood;
    swap(text, "{at_least: 3000000, below: 5000000}", "{at_least: 5000000, below: 3000000}");
    auto e = refuse(text);
    CHECK_THAT(e[0].message.en, Catch::Contains("band is empty"));
  }
  SECTION("a band by exclusion that does not cite every list of the reading") {
    std::string text = kGood;
    swap(text, "cities:", "exclusion: {zh: 读法, en: reading, sources: [s1, s2]}\ncities:");
    swap(text, "sources:\n", "sources:\n  s2: {title: \"list\"}\n");
    swap(text, "population_source: s1\n  - code: \"540100\"", "population_source: s1\n    population_basis: exclusion\n  - code: \"540100\"");
    auto e = refuse(text);
    CHECK_THAT(e[0].message.en, Catch::Contains("must cite the exclusion source 's2'"));
  }
  SECTION("a bound from the whole city's total that is not an upper bound only") {
    std::string text = kGood;
    swap(text, "population_source: s1\n  - code: \"540100\"", "population_source: s1\n    population_basis: total_bound\n  - code: \"540100\"");
    auto e = refuse(text);  // 苏州's band {at_least: 3000000, below: 5000000} has a lower bound
    CHECK_THAT(e[0].message.en, Catch::Contains("total_bound gives an upper bound only"));
    swap(text, "{at_least: 3000000, below: 5000000}", "{below: 500000}");
    std::vector<LoadError> errors;
    CHECK(Registry::load_text(text, "cities.yaml", errors));
    CHECK(errors.empty());
  }
  SECTION("a 自治州 with a population, or without a seat") {
    std::string text = kGood;
    swap(text, "level: sub_provincial", "level: autonomous_prefecture");
    auto e = refuse(text);
    REQUIRE(e.size() == 2);
    CHECK_THAT(e[0].message.en, Catch::Contains("has no 城区 of its own"));
    CHECK_THAT(e[1].message.en, Catch::Contains("needs seat"));
  }
  SECTION("a seat that is not a city of the registry") {
    std::string text = kGood;
    swap(text, "level: prefecture\n    capital: true\n    urban_population: unknown", "level: prefecture_area\n    capital: false\n    urban_population: unknown\n    seat: \"540199\"");
    auto e = refuse(text);
    CHECK_THAT(e[0].message.en, Catch::Contains("the seat '540199' of Lhasa is not a city"));
  }
  SECTION("a conflict whose source is not defined") {
    std::string text = kGood;
    swap(text, "population_source: s1", "population_source: s1\n    conflicts:\n      - {source: s7, says: x}\n    decision: d");
    auto e = refuse(text);
    CHECK_THAT(e[0].message.en, Catch::Contains("source 's7' is not defined"));
  }
  SECTION("not a map") { refuse("- 1\n- 2\n"); }
  SECTION("empty") { refuse(""); }
}

TEST_CASE("the bundled registry covers the required cities", "[registry]") {
  const Registry& r = test::bundled().registry;
  for (const char* code : {"110000", "120000", "310000", "500000"}) CHECK(r.find(code) != nullptr);
  int capitals = 0, sub_provincial = 0;
  for (const auto& c : r.cities()) {
    capitals += c.capital;
    sub_provincial += c.level == "sub_provincial";
    if (c.population_known) {
      INFO(c.code);
      CHECK_FALSE(c.population_sources.empty());
    }
  }
  CHECK(capitals == 27);
  CHECK(sub_provincial == 15);
}

// The census lists' own counts (《2020中国人口普查分县资料》 as read in the registry's
// sources ryxmt_106, juguan_105 and yicai_medium135): 7 超大, 14 特大, 14 Ⅰ型大,
// 70 (juguan_105) or 71 (ryxmt_106) Ⅱ型大, 135 中等 of which 111 地级 and 24 县级.
// Since the wiki table (wiki_cityrank_json) gave 615 band cities their figure, the registry
// counts 7 / 14 / 14 / 70 / 131 中等 / 250 Ⅰ型小 / 187 Ⅱ型小, with 17 cities still 中等 or 小
// and 4 小城市 bands (祁阳, created after the census; 灵武, 会理 and 宁国, whose whole-city census
// population is below 50万: total_bound; 米林 and 错那 are Ⅱ型小 by the same reading). 131 is 4 short of 135, all on the 地级
// side (107 of 111; 县级 24 = 第一财经's 24, the table's 25th, 乐平, being 景德镇's row copied):
// the table itself has only 109 地级 中等 rows (its broken 梅州 and 朔州 rows are the likeliest
// two missing; they stay 中等 or 小), and 泸州 (999,809) and 廊坊 (659,566), 中等 in the table,
// stay Ⅱ型大 because hbszxzl_list names them. 潍坊 and 锦州, Ⅱ型大 in the table but in neither
// list of the 105, stay below 100万, so Ⅱ型大 stays hbszxzl_list's 70.
TEST_CASE("the registry's tiers match the counts of the census lists", "[registry][census]") {
  const Registry& r = test::bundled().registry;
  std::map<std::string, int> tiers;
  int medium_county = 0, medium_or_small = 0, small = 0, cities = 0;
  for (const auto& c : r.cities()) {
    if (!c.is_city()) continue;
    ++cities;
    if (c.tier) ++tiers[*c.tier];
    if (c.tier == std::optional<std::string>("medium") && c.level == "county") ++medium_county;
    if (c.tier_key() == "medium|small_i|small_ii") ++medium_or_small;
    if (c.tier_key() == "small_i|small_ii") ++small;
  }
  CHECK(tiers["supercity"] == 7);
  CHECK(tiers["megacity"] == 14);
  CHECK(tiers["large_i"] == 14);
  CHECK(tiers["large_ii"] == 70);
  CHECK(tiers["medium"] == 131);
  CHECK(medium_county == 24);
  CHECK(tiers["small_i"] == 250);  // with 个旧, whose list band (yunnan_xgll) is kept: its row is broken
  CHECK(tiers["small_ii"] == 187);
  CHECK(medium_or_small == 17);
  CHECK(small == 4);
  // Against the lists: never more than they hold, and the undecided cities can hold the rest.
  CHECK(tiers["medium"] <= 135);
  CHECK(medium_county <= 24);
  CHECK(tiers["medium"] - medium_county <= 111);
  CHECK(tiers["medium"] + medium_or_small >= 135);
  // Every city has a tier or a band; none is unknown.
  int known = 0;
  for (const auto& [t, n] : tiers) known += n;
  CHECK(known + medium_or_small + small == cities);
}

TEST_CASE("every band by exclusion cites the lists it was excluded from", "[registry][census]") {
  const Registry& r = test::bundled().registry;
  const auto& reading = r.exclusion();
  REQUIRE(reading.sources.size() >= 2);
  CHECK_THAT(reading.text.zh, Catch::Contains("排除"));
  CHECK_THAT(reading.text.en, Catch::Contains("exclusion"));
  int excluded = 0;
  for (const auto& c : r.cities()) {
    if (c.population_basis != "exclusion") continue;
    ++excluded;
    INFO(c.code);
    for (const auto& s : reading.sources) {
      CHECK(std::any_of(c.population_sources.begin(), c.population_sources.end(), [&](const SourceRef& x) { return x.key == s.key; }));
    }
    CHECK_FALSE(c.tier.has_value());  // a band: medium or small
    CHECK(c.population_max == std::optional<std::int64_t>(1'000'000));
  }
  CHECK(excluded > 0);
}

TEST_CASE("a band decides every rule of the pack that treats its tiers alike", "[registry][census]") {
  const auto& pack = test::bundled().rules;
  City small, below_1m;
  small.tiers = tiers_in_band(0, 500'000);
  below_1m.tiers = tiers_in_band(0, 1'000'000);
  int undecided = 0;
  for (const auto& rule : pack.rules) {
    if (rule.tiers.empty()) continue;
    INFO(rule.id);
    auto has = [&](const char* t) { return std::find(rule.tiers.begin(), rule.tiers.end(), t) != rule.tiers.end(); };
    // The pack treats small-I and small-II alike, so the 小城市 band decides every rule.
    CHECK(has("small_i") == has("small_ii"));
    CHECK(tiers_include(rule.tiers, small).has_value());
    // Below 100万: undecided exactly where the rule tells medium from small.
    bool splits = has("medium") != has("small_i");
    CHECK(tiers_include(rule.tiers, below_1m).has_value() == !splits);
    undecided += splits;
  }
  CHECK(undecided > 0);  // T7 and T9-MEDIUM tell medium from small
}

TEST_CASE("conflicts between sources are recorded with every source and the decision", "[registry][census]") {
  const Registry& r = test::bundled().registry;
  const City* hegang = r.find("230400");
  REQUIRE(hegang);
  CHECK(hegang->tier == std::optional<std::string>("medium"));
  // The wiki table's 502,639 is taken (it agrees with 第一财经's list); the forum's 497,400 is not.
  CHECK(hegang->population == std::optional<std::int64_t>(502'639));
  REQUIRE(hegang->conflicts.size() == 2);
  CHECK(hegang->conflicts[0].source.key == "wiki_cityrank_json");  // the one taken comes first
  CHECK_THAT(hegang->conflicts[0].says, Catch::Contains("agrees with yicai_medium135"));
  CHECK(hegang->conflicts[1].source.key == "hlj_hegang");
  REQUIRE(hegang->population_sources.size() == 2);
  CHECK(hegang->population_sources[0].key == "wiki_cityrank_json");
  CHECK(hegang->population_sources[1].key == "yicai_medium135");
  CHECK_FALSE(hegang->decision.empty());
  const City* qujing = r.find("530300");
  REQUIRE(qujing);
  CHECK(qujing->conflicts.size() == 2);
  CHECK(qujing->tier == std::optional<std::string>("medium"));
  CHECK_FALSE(qujing->decision.empty());
  for (const auto& c : r.cities()) {
    INFO(c.code);
    if (!c.conflicts.empty()) CHECK_FALSE(c.decision.empty());
  }
}

TEST_CASE("地区, 自治州 and 盟 are not cities: no tier, a seat city when read", "[registry]") {
  const Registry& r = test::bundled().registry;
  int divisions = 0, seats = 0;
  for (const auto& c : r.cities()) {
    if (c.is_city()) continue;
    ++divisions;
    INFO(c.code);
    CHECK(c.tiers.empty());
    CHECK_FALSE(c.population_known);
    if (c.seat) {
      ++seats;
      const City* seat = r.find(*c.seat);
      REQUIRE(seat);
      CHECK(seat->is_city());
      CHECK(seat->code.substr(0, 4) == c.code.substr(0, 4));  // a city of that division
      CHECK_FALSE(c.seat_sources.empty());
    }
  }
  CHECK(divisions == 40);  // 7 地区, 30 自治州, 3 盟
  CHECK(seats > 0);
  CHECK_FALSE(r.find("222400")->is_city());
  CHECK(r.find("222400")->seat == std::optional<std::string>("222401"));
}

TEST_CASE("a city is found by code or by name", "[registry]") {
  const Registry& r = test::bundled().registry;
  CHECK(r.lookup("230400") == r.find("230400"));
  CHECK(r.lookup("鹤岗") == r.find("230400"));
  CHECK(r.lookup("鹤岗市") == r.find("230400"));
  CHECK(r.lookup("hegang") == r.find("230400"));
  CHECK(r.lookup("Taizhou") == nullptr);  // 泰州 and 台州: ambiguous
  CHECK(r.lookup("nowhere") == nullptr);
}
