// Every label of a report in the report's language (issue 19): the zh audit
// summary names tiers and severities in Chinese, never by their ids.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using luohu::test::run_luohu;
using luohu::test::source_path;

// An English id or word standing alone: not inside a rule id (T9-SOCIAL-INSURANCE-MEDIUM,
// io-error), a source key (yicai_medium135) or a path.
std::vector<std::string> english_words(const std::string& text, const std::string& alternatives) {
  std::regex word("(^|[^A-Za-z0-9_./-])(" + alternatives + ")(?=$|[^A-Za-z0-9_./-])");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), word); it != std::sregex_iterator(); ++it) {
    auto line_start = text.rfind('\n', static_cast<std::size_t>(it->position(2)));
    auto line_end = text.find('\n', static_cast<std::size_t>(it->position(2)));
    line_start = line_start == std::string::npos ? 0 : line_start + 1;
    found.push_back((*it)[2].str() + " in: " + text.substr(line_start, line_end - line_start));
  }
  return found;
}

const char* kTierIds = "supercity|megacity|large_i|large_ii|large-I|large-II|medium|small_i|small_ii|small-I|small-II";
const char* kSeverityWords = "error|errors|warning|warnings|note|notes|notice";
const char* kStatusWords = "new|unchanged|fixed|unverified";

}  // namespace

TEST_CASE("report language: the zh audit summary of the bundled corpus names no tier id and no English severity",
          "[audit][locale][report]") {
  // Real policies break rules (exit 1); the examples also hold duplicate cities (exit 2).
  for (auto [dir, code] : {std::pair{"policies", 1}, std::pair{"examples/violations", 2}}) {
    INFO(dir);
    auto zh = run_luohu({"--lang", "zh", "audit", "--today", "2026-12-01", "-j", "2", source_path(dir)});
    REQUIRE(zh.exit_code == code);
    REQUIRE_THAT(zh.out, Catch::Contains("按城市规模") && Catch::Contains("超大城市") && Catch::Contains("中等城市"));
    CHECK(english_words(zh.out, kTierIds).empty());
    CHECK(english_words(zh.out, kSeverityWords).empty());
    CHECK(english_words(zh.out, kStatusWords).empty());
    CHECK(english_words(zh.out, "full_text|official_guide|secondary_report|provincial_text|national_floor|title_only|unstated").empty());
    // The en summary still shows the ids beside the names (the test above would catch them).
    auto en = run_luohu({"--lang", "en", "audit", "--today", "2026-12-01", "-j", "2", source_path(dir)});
    CHECK_FALSE(english_words(en.out, kTierIds).empty());
  }
  // Against a baseline: the comparison line's words too.
  auto dir = source_path("examples/violations");
  std::string baseline = luohu::test::temp_file("report-language-baseline.json", "");
  auto json = run_luohu({"--lang", "zh", "audit", "--format", "json", "--as-of", luohu::test::kPlanDate, "-o", baseline, dir});
  REQUIRE(json.exit_code == 2);
  auto again = run_luohu({"--lang", "zh", "audit", "--baseline", baseline, dir});
  REQUIRE_THAT(again.out, Catch::Contains("与基线相比: 新增"));
  CHECK(english_words(again.out, kStatusWords).empty());
  CHECK(english_words(again.out, kTierIds).empty());
}
