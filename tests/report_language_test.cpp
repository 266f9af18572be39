// Every label of a report in the report's language (issue 19): the zh audit
// summary names tiers and severities in Chinese, never by their ids; the CSV's
// headers and enumerated values follow the language, and a zh CSV starts with
// the UTF-8 byte order mark Excel on Chinese Windows needs.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support.hpp"

namespace {

using luohu::test::parse_csv;
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


std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  FAIL("no column " << name);
  return 0;
}

const std::string kBom = "\xEF\xBB\xBF";

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
  // Under several dates' rules (--over-time): the by-tier rows by their Chinese names too.
  auto dated = run_luohu({"--lang", "zh", "audit", "--over-time", "2017-12-31,2020-01-01", "-j", "2", source_path("policies")});
  REQUIRE_THAT(dated.out, Catch::Contains("各日期规则下的合规情况"));
  CHECK(english_words(dated.out, kTierIds).empty());
  CHECK(english_words(dated.out, kSeverityWords).empty());
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

TEST_CASE("report language: the CSV's headers and values in zh, ids in en — a zh CSV starts with a BOM", "[audit][locale][report][csv]") {
  std::string dir = source_path("examples/violations");
  auto zh = run_luohu({"--lang", "zh", "audit", "--format", "csv", "--as-of", luohu::test::kPlanDate, dir});
  REQUIRE(zh.exit_code == 2);  // the examples hold duplicate cities
  REQUIRE(zh.out.compare(0, 3, kBom) == 0);  // Excel on Chinese Windows reads it as UTF-8, not GBK
  auto rows = parse_csv(zh.out.substr(3));
  REQUIRE(rows.size() > 100);
  const auto& header = rows[0];
  CHECK(header == std::vector<std::string>{"类型", "省份", "城市代码", "城市", "城市规模", "行政级别", "文件", "行", "列", "规则",
                                           "任务", "级别", "责任单位", "对比", "问题", "条款", "文件SHA256", "已豁免",
                                           "豁免理由", "所在文件", "文件标题", "文号", "施行日期", "核实程度", "原文文本",
                                           "所引原文", "引文出处", "规模依据"});
  const std::set<std::string> kinds = {"问题", "无法检查", "缺政策", "已纠正", "无法核实"};
  const std::set<std::string> severities = {"错误", "警告", "提示", ""};
  const std::set<std::string> tiers = {"超大城市", "特大城市", "I型大城市", "II型大城市", "中等城市", "I型小城市", "II型小城市",
                                       "中等城市或I型小城市或II型小城市", ""};
  std::set<std::string> seen_kinds;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const auto& r = rows[i];
    REQUIRE(r.size() == header.size());
    INFO("row " << i << ": " << r[0] << "," << r[1] << "," << r[2] << "," << r[3] << "," << r[4] << "," << r[5]);
    CHECK(kinds.count(r[column(header, "类型")]));
    CHECK(tiers.count(r[column(header, "城市规模")]));
    CHECK(severities.count(r[column(header, "级别")]));
    CHECK_THAT(r[column(header, "行政级别")], !Catch::Matches(".*[a-z].*"));
    if (r[0] != "缺政策") CHECK((r[column(header, "已豁免")] == "是" || r[column(header, "已豁免")] == "否"));
    seen_kinds.insert(r[0]);
  }
  CHECK(seen_kinds == std::set<std::string>{"问题", "无法检查", "缺政策"});
  // --no-bom leaves it out; the rows are the same.
  auto plain = run_luohu({"--lang", "zh", "audit", "--format", "csv", "--no-bom", "--as-of", luohu::test::kPlanDate, dir});
  CHECK(plain.out == zh.out.substr(3));
  CHECK(run_luohu({"audit", "--format", "csv", "--bom", "--no-bom", dir}).exit_code == 2);

  auto en = run_luohu({"--lang", "en", "audit", "--format", "csv", "--as-of", luohu::test::kPlanDate, dir});
  REQUIRE(en.exit_code == 2);
  CHECK(en.out.compare(0, 3, kBom) != 0);
  auto en_rows = parse_csv(en.out);
  REQUIRE(en_rows.size() == rows.size());
  CHECK_THAT(en.out, Catch::StartsWith("kind,province,city_code,city,tier,level,file,line,column,rule,task,severity,"));
  const std::set<std::string> en_kinds = {"finding", "unchecked", "missing"};
  for (std::size_t i = 1; i < en_rows.size(); ++i) {
    CHECK(en_kinds.count(en_rows[i][0]));
    CHECK_THAT(en_rows[i][4], Catch::Matches("[a-z_|]*"));
  }
}

TEST_CASE("report language: docs/audit.md lists the CSV's columns in both languages, as luohu writes them", "[audit][docs][csv]") {
  std::string docs = luohu::test::read_file(source_path("docs/audit.md"));
  std::string dir = source_path("examples/compliant");
  for (const char* lang : {"zh", "en"}) {
    auto r = run_luohu({"--lang", lang, "audit", "--format", "csv", "--no-bom", dir});
    std::string header = r.out.substr(0, r.out.find("\r\n"));
    INFO(header);
    CHECK_THAT(docs, Catch::Contains("`" + header + "`"));
  }
}
