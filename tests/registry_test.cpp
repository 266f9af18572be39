// The city registry: tier bounds of the 2014 standard, bands, and refusing
// a malformed registry whole with file:line:column.
#include <catch2/catch.hpp>

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

TEST_CASE("a registry loads cities with figures, bands and unknowns", "[registry]") {
  std::vector<LoadError> errors;
  auto r = Registry::load_text(kGood, "cities.yaml", errors);
  REQUIRE(errors.empty());
  REQUIRE(r);
  const City* hz = r->find("330100");
  REQUIRE(hz);
  CHECK(hz->tier == std::optional<std::string>("megacity"));
  CHECK(hz->levels() == std::vector<std::string>{"sub_provincial", "provincial_capital"});
  CHECK(hz->population_source == "census");
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
  SECTION("a band spanning tiers") {
    std::string text = kGood;
    text.replace(text.find("{at_least: 3000000, below: 5000000}"), 35, "{at_least: 1000000, below: 5000000}");
    auto e = refuse(text);
    CHECK_THAT(e[0].message.en, Catch::Contains("spans several tiers"));
  }
  SECTION("not a map") { refuse("- 1\n- 2\n"); }
  SECTION("empty") { refuse(""); }
}

TEST_CASE("the bundled registry covers the required cities", "[registry]") {
  const Registry& r = test::bundled().registry;
  for (const char* code : {"110000", "120000", "310000", "500000"}) CHECK(r.find(code) != nullptr);
  int capitals = 0, sub_provincial = 0, supercities = 0, megacities = 0, large_i = 0;
  for (const auto& c : r.cities()) {
    capitals += c.capital;
    sub_provincial += c.level == "sub_provincial";
    supercities += c.tier == std::optional<std::string>("supercity");
    megacities += c.tier == std::optional<std::string>("megacity");
    large_i += c.tier == std::optional<std::string>("large_i");
    if (c.population_known) {
      INFO(c.code);
      CHECK_FALSE(c.population_source.empty());
    }
  }
  CHECK(capitals == 27);
  CHECK(sub_provincial == 15);
  CHECK(supercities == 7);
  CHECK(megacities == 14);
  CHECK(large_i == 14);
}
