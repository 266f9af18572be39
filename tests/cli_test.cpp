// luohu check / rules / explain as a user meets them: outputs and exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>
#include <regex>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "support.hpp"

using luohu::test::run_luohu;
using luohu::test::temp_file;
namespace test = luohu::test;

namespace {
const char* kViolation = R"(城市 441300;
渠道 购房落户 {
  对象 常住人口;
  条件 {
    购买房屋 面积 >= 90 平方米;
  }
  随迁 配偶、子女、父母;
}
渠道 重点群体 {
  对象 高校毕业生, 技术工人, 职业院校毕业生, 留学归国人员, 农村籍高校学生;
}
居住证 {
  条件 { 连续居住 >= 6 个月; 任一 { 合法稳定就业; 合法稳定住所; 连续就读; } }
  义务教育 享有; 基本公共就业服务 享有; 基本公共卫生服务 享有; 公共文化体育服务 享有; 法律援助 享有; 办事便利 享有;
  住房保障 同等;
}
公共服务 { 子女教育 同等; 住房保障 同等; 租赁补贴 同等; 住房公积金 同等; 医疗保险 同等; 养老保险 同等; 最低生活保障 同等; }
)";
// Clean under the whole pack: every task-2 group served with the whole
// family, the task-3 groups fully open, and every settler service equal.
const char* kClean = R"(城市 441300;
渠道 就业落户 {
  对象 常住人口, 高校毕业生, 技术工人, 职业院校毕业生, 留学归国人员;
  随迁 配偶、子女、父母;
}
公共服务 { 子女教育 同等; 住房保障 同等; 租赁补贴 同等; 住房公积金 同等; 医疗保险 同等; 养老保险 同等; 最低生活保障 同等; }
)";
}  // namespace

TEST_CASE("check: exit 1 with the finding on the offending clause's line", "[cli]") {
  auto file = temp_file("violation.luohu", kViolation);
  auto r = run_luohu({"--lang", "en", "check", "--as-of", test::kPlanDate, file, "--format", "gcc"});
  CHECK(r.exit_code == 1);
  CHECK(r.out == file + ":5:5: error: Huizhou is a type-II large city: house purchase may not be a condition for "
                        "settlement [T7-PURCHASE-INVEST-TAX]\n");
}

TEST_CASE("check: human output shows the line, a marker, the task and a summary", "[cli]") {
  auto file = temp_file("violation.luohu", kViolation);
  auto r = run_luohu({"--lang", "zh", "check", "--as-of", test::kPlanDate, file});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("错误[T7-PURCHASE-INVEST-TAX]: 惠州市为II型大城市，不得以“购买房屋”作为落户条件"));
  CHECK_THAT(r.out, Catch::Contains("--> " + file + ":5:5"));
  CHECK_THAT(r.out, Catch::Contains("5 |     购买房屋 面积 >= 90 平方米;\n"));
  // The marker spans the clause in display columns (CJK characters are two wide).
  CHECK_THAT(r.out, Catch::Contains("  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"));
  CHECK_THAT(r.out, Catch::Contains("任务7：“大中城市均不得采取购买房屋、投资纳税等方式设置落户限制。”"));
  CHECK_THAT(r.out, Catch::Contains("检查了 1 个文件：1 个错误，0 个警告，0 个提示"));
}

TEST_CASE("check: a clean file exits 0", "[cli]") {
  auto r = run_luohu({"--lang", "en", "check", temp_file("clean.luohu", kClean)});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("checked 1 file: 0 errors, 0 warnings"));
}

TEST_CASE("check: JSON carries every field of a finding", "[cli]") {
  auto file = temp_file("violation.luohu", kViolation);
  auto r = run_luohu({"--lang", "en", "check", "--as-of", test::kPlanDate, "--format", "json", file});
  CHECK(r.exit_code == 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["findings"].size() == 1);
  auto f = j["findings"][0];
  CHECK(f["file"] == file);
  CHECK(f["line"] == 5);
  CHECK(f["column"] == 5);
  CHECK(f["end_line"] == 5);
  CHECK(f["end_column"] == 23);
  CHECK(f["rule"] == "T7-PURCHASE-INVEST-TAX");
  CHECK(f["task"] == 7);
  CHECK(f["severity"] == "error");
  CHECK(f["message"] == "Huizhou is a type-II large city: house purchase may not be a condition for settlement");
  CHECK(j["summary"]["errors"] == 1);
  CHECK(j["files"][0]["city"]["tier"] == "large_ii");
}

TEST_CASE("check: input that cannot be checked exits 2 with a clear message", "[cli][errors]") {
  auto expect_2 = [](const std::string& path, const std::string& needle) {
    auto r = run_luohu({"--lang", "en", "check", "--format", "gcc", path});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.out + r.err, Catch::Contains(needle));
  };
  expect_2(temp_file("empty.luohu", ""), "no 'city' statement");
  expect_2(temp_file("bad-utf8.luohu", "城市 330100;\n标题 \"\xc3\x28\";\n"), ":2:5: error: the file is not valid UTF-8");
  std::string random;
  unsigned state = 12345;
  for (int i = 0; i < 4096; ++i) random += static_cast<char>((state = state * 1103515245 + 12345) >> 16);
  expect_2(temp_file("random.luohu", random), "error");
  expect_2(temp_file("braces.luohu", std::string(100000, '{')), "error");
  expect_2(temp_file("truncated.luohu", std::string(kViolation).substr(0, 60)), "expected '}'");
  expect_2(temp_file("huge.luohu", std::string(20 * 1024 * 1024, '#')), "file too large (20.0 MiB)");
  expect_2("/nonexistent/policy.luohu", "cannot read the file");
  expect_2(temp_file("unknown-city.luohu", "城市 330199;\n"), "did you mean 330100");
  expect_2(temp_file("unknown-group.luohu", "城市 330100;\n渠道 甲 { 对象 高校毕业声; }\n"),
           "unknown target group '高校毕业声'; did you mean '高校毕业生'?");
  expect_2(temp_file("unknown-zone.luohu", "城市 330100;\n区域 主城区;\n渠道 甲 { 对象 高校毕业生; 区域 主程区; }\n"),
           "undeclared zone '主程区'; did you mean '主城区'?");
  expect_2(temp_file("unknown-condition.luohu", "城市 330100;\n渠道 甲 { 对象 高校毕业生; 条件 { 社会保障 >= 1 年; } }\n"),
           "unknown condition '社会保障'; did you mean '社会保险'?");
}

TEST_CASE("check: bad options exit 2", "[cli][errors]") {
  CHECK(run_luohu({"check"}).exit_code == 2);
  CHECK(run_luohu({"check", "--format", "xml", "x.luohu"}).exit_code == 2);
  CHECK(run_luohu({"frobnicate"}).exit_code == 2);
  CHECK(run_luohu({"--help"}).exit_code == 0);
}

TEST_CASE("check: a broken rule pack or registry is refused with file:line", "[cli][errors]") {
  auto registry = temp_file("broken-registry.yaml", "version: 1\ncities:\n  - code: [\n");
  auto r = run_luohu({"--lang", "en", "--registry", registry, "check", temp_file("clean.luohu", kClean)});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(registry + ":"));
  CHECK_THAT(r.err, Catch::Contains("YAML syntax error"));
  CHECK_THAT(r.err, Catch::Contains("nothing was checked"));
}

TEST_CASE("rules lists the pack — explain shows a rule", "[cli]") {
  auto r = run_luohu({"--lang", "en", "rules", "--format", "json"});
  CHECK(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["rules"].size() >= 5);
  bool found = false;
  for (const auto& rule : j["rules"]) {
    CHECK(rule.contains("id"));
    CHECK(rule.contains("task"));
    CHECK(rule.contains("severity"));
    CHECK(rule.contains("title"));
    found |= rule["id"] == "T9-SOCIAL-INSURANCE-LARGE";
  }
  CHECK(found);
  auto e = run_luohu({"--lang", "zh", "explain", "T8-POINTS-SCHEME"});
  CHECK(e.exit_code == 0);
  CHECK_THAT(e.out, Catch::Contains("城区常住人口 300 万以下的城市不得采取积分落户方式。"));
  CHECK_THAT(e.out, Catch::Contains("解读"));
  CHECK_THAT(e.out, Catch::Contains("示例 (违规)"));
  CHECK(run_luohu({"explain", "T99-NOPE"}).exit_code == 2);
}

TEST_CASE("city: a city's record by code or name, with its sources and the tier it gives", "[cli][registry]") {
  auto r = run_luohu({"--lang", "en", "city", "230400"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("230400 鹤岗市 / Hegang\n"));
  CHECK_THAT(r.out, Catch::Contains("province: 黑龙江省 / Heilongjiang"));
  // The wiki table's figure (wiki_cityrank_json), which agrees with 第一财经's 中等 list, is taken.
  CHECK_THAT(r.out, Catch::Contains("urban residents: 502,639 (2020)"));
  CHECK_THAT(r.out, Catch::Contains("135个中等城市名单出炉"));  // yicai_medium135, cited beside it
  CHECK_THAT(r.out, Catch::Contains("conflict (taken): wiki_cityrank_json"));
  CHECK_THAT(r.out, Catch::Contains("conflict (not taken): hlj_hegang"));
  CHECK_THAT(r.out, Catch::Contains("tier: medium city (medium)"));
  auto zh = run_luohu({"--lang", "zh", "city", "鹤岗"});
  CHECK(zh.exit_code == 0);
  CHECK_THAT(zh.out, Catch::Contains("规模: 中等城市 (medium)"));
  // A band by exclusion shows the reading it rests on.
  // 朔州: in no list of the 105, and its wiki row is broken (recorded as a conflict).
  auto shuozhou = run_luohu({"--lang", "en", "city", "140600"});
  CHECK_THAT(shuozhou.out, Catch::Contains("basis: by exclusion"));
  CHECK_THAT(shuozhou.out, Catch::Contains("reading by exclusion: The registry's reading by exclusion"));
  CHECK_THAT(shuozhou.out, Catch::Contains("cannot be decided"));
  CHECK_THAT(shuozhou.out, Catch::Contains("conflict (not taken): wiki_cityrank_json: row 山西 朔州市 地级市: urbanCore 41,807"));
  // A 自治州 is not a city: its seat.
  auto yanbian = run_luohu({"--lang", "en", "city", "222400"});
  CHECK_THAT(yanbian.out, Catch::Contains("seat city: 222401 延吉市 / Yanji"));
  auto j = nlohmann::json::parse(run_luohu({"city", "230400", "--format", "json"}).out);
  CHECK(j["cities"][0]["tier"] == "medium");
  CHECK(j["cities"][0]["conflicts"].size() == 2);
  CHECK(j["cities"][0]["population_sources"][0]["key"] == "wiki_cityrank_json");
  CHECK(j["cities"][0]["population_sources"][1]["key"] == "yicai_medium135");
  CHECK(j["cities"][0]["tier_zh"] == "中等城市");
  auto none = run_luohu({"--lang", "en", "city", "nowhere"});
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("no city 'nowhere'"));
}

TEST_CASE("explain: a tier-dependent rule shows how the registry decides it and the reading by exclusion", "[cli][registry]") {
  auto r = run_luohu({"--lang", "en", "explain", "T7-PURCHASE-INVEST-TAX"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("Registry: applies to"));
  CHECK_THAT(r.out, Catch::Contains("for them it cannot be decided"));
  CHECK_THAT(r.out, Catch::Contains("yicai_medium135"));
  auto t8 = run_luohu({"--lang", "en", "explain", "T8-POINTS-SCHEME"});
  CHECK_THAT(t8.out, Catch::Contains("for them it applies"));
  CHECK_THAT(t8.out, Catch::Contains("hbszxzl_list"));
}

TEST_CASE("cli: global options are accepted after the subcommand too", "[cli][conventions]") {
  std::string f = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto before = luohu::test::run_luohu({"--lang", "zh", "check", "--format", "gcc", f});
  auto after = luohu::test::run_luohu({"check", "--lang", "zh", "--format", "gcc", f});
  auto last = luohu::test::run_luohu({"check", "--format", "gcc", f, "--no-cache", "--lang", "zh"});
  CHECK(before.exit_code == 1);
  CHECK(after.exit_code == 1);
  CHECK(last.exit_code == 1);
  CHECK_THAT(after.out, Catch::Contains("中等城市"));
  CHECK(after.out == before.out);
  CHECK(last.out == before.out);
}

TEST_CASE("cli: a misspelt subcommand gets 'did you mean', in the chosen language", "[cli][conventions]") {
  auto en = luohu::test::run_luohu({"--lang", "en", "chek", "x.luohu"});
  CHECK(en.exit_code == 2);
  CHECK_THAT(en.err, Catch::Contains("unknown subcommand 'chek'; did you mean 'check'?"));
  auto zh = luohu::test::run_luohu({"audti", "--lang", "zh"});
  CHECK(zh.exit_code == 2);
  CHECK_THAT(zh.err, Catch::Contains("未知的子命令“audti”；是否应为“audit”？"));
  auto far = luohu::test::run_luohu({"--lang", "en", "zzzzzz"});
  CHECK(far.exit_code == 2);
  CHECK_THAT(far.err, Catch::Contains("unknown subcommand 'zzzzzz'") && !Catch::Contains("did you mean"));
}

TEST_CASE("check --format github: one workflow annotation per finding, escaped", "[cli][conventions]") {
  std::string f = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto gcc = luohu::test::run_luohu({"--lang", "en", "check", "--format", "gcc", f});
  auto gh = luohu::test::run_luohu({"--lang", "en", "check", "--format", "github", f});
  CHECK(gh.exit_code == gcc.exit_code);
  CHECK_THAT(gh.out, Catch::Contains("::error file=" + f + ",line=24,col=5,endLine=24,endColumn=") &&
                         Catch::Contains(",title=T9-SOCIAL-INSURANCE-MEDIUM::"));
  CHECK_THAT(gh.out, Catch::Contains("::warning file=") && Catch::Contains("::notice file="));
  // Every line is a workflow command: nothing else goes to stdout.
  std::istringstream lines(gh.out);
  for (std::string line; std::getline(lines, line);) CHECK_THAT(line, Catch::StartsWith("::"));
  // As many as gcc's finding lines (gcc also prints cited-text notes: count by rule tag).
  auto count = [](const std::string& s, const std::string& w) {
    std::size_t n = 0;
    for (auto p = s.find(w); p != std::string::npos; p = s.find(w, p + 1)) ++n;
    return n;
  };
  CHECK(count(gh.out, "::error ") == count(gcc.out, ": error: "));
  CHECK(count(gh.out, "::warning ") == count(gcc.out, ": warning: "));
  // A comma or colon in the file name would cut the property: escaped.
  std::string odd = luohu::test::temp_file("a,b:c.luohu", luohu::test::read_file(f));
  auto esc = luohu::test::run_luohu({"--lang", "en", "check", "--format", "github", odd});
  CHECK_THAT(esc.out, Catch::Contains("a%2Cb%3Ac.luohu,line=24,col=5"));
}

TEST_CASE("check: --quiet, --fail-on warning and --max-warnings gate as ESLint and conftest do", "[cli][conventions]") {
  // changde-medium is compliant: no errors, but warnings and notes.
  std::string clean = luohu::test::source_path("examples/compliant/changde-medium.luohu");
  std::string bad = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto plain = luohu::test::run_luohu({"--lang", "en", "check", "--as-of", luohu::test::kPlanDate, "--format", "json", clean});
  auto summary = nlohmann::json::parse(plain.out)["summary"];
  std::size_t warnings = summary["warnings"].get<std::size_t>();
  CHECK(plain.exit_code == 0);
  auto fail_on = luohu::test::run_luohu({"--lang", "en", "check", "--as-of", luohu::test::kPlanDate, "--fail-on", "warning", clean});
  CHECK(fail_on.exit_code == (warnings ? 1 : 0));
  auto at_limit = luohu::test::run_luohu({"check", "--as-of", luohu::test::kPlanDate, "--max-warnings", std::to_string(warnings), clean});
  CHECK(at_limit.exit_code == 0);
  if (warnings) {
    auto over = luohu::test::run_luohu({"check", "--as-of", luohu::test::kPlanDate, "--max-warnings", std::to_string(warnings - 1), clean});
    CHECK(over.exit_code == 1);
  }
  auto quiet = luohu::test::run_luohu({"--lang", "en", "check", "--as-of", luohu::test::kPlanDate, "-q", "--format", "gcc", bad});
  CHECK(quiet.exit_code == 1);
  CHECK_THAT(quiet.out, Catch::Contains(": error: ") && !Catch::Contains(": warning: ") && !Catch::Contains(": note: "));
  auto quiet_human = luohu::test::run_luohu({"--lang", "en", "check", "--as-of", luohu::test::kPlanDate, "--quiet", clean});
  CHECK(quiet_human.exit_code == 0);
  CHECK(quiet_human.out.empty());
  auto bad_option = luohu::test::run_luohu({"check", "--as-of", luohu::test::kPlanDate, "--fail-on", "note", clean});
  CHECK(bad_option.exit_code == 2);
}

TEST_CASE("check --format gitlab: Code Quality issues with stable fingerprints", "[cli][conventions]") {
  std::string f = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto r = luohu::test::run_luohu({"--lang", "en", "check", "--format", "gitlab", f});
  CHECK(r.exit_code == 1);
  auto issues = nlohmann::json::parse(r.out);
  REQUIRE(issues.is_array());
  auto summary = nlohmann::json::parse(luohu::test::run_luohu({"check", "--format", "json", f}).out)["summary"];
  CHECK(issues.size() == summary["errors"].get<std::size_t>() + summary["warnings"].get<std::size_t>() +
                             summary["notes"].get<std::size_t>() - summary["waived"].get<std::size_t>());
  std::set<std::string> fingerprints;
  bool t9 = false;
  for (const auto& i : issues) {
    CHECK(i["type"] == "issue");
    CHECK(i["location"]["path"] == f);
    fingerprints.insert(i["fingerprint"].get<std::string>());
    if (i["check_name"] == "T9-SOCIAL-INSURANCE-MEDIUM") {
      t9 = true;
      CHECK(i["severity"] == "major");
      CHECK(i["location"]["positions"]["begin"]["line"] == 24);
    }
  }
  CHECK(t9);
  // Unique per finding, the same on the next run.
  CHECK(fingerprints.size() == issues.size());
  auto again = nlohmann::json::parse(luohu::test::run_luohu({"--lang", "en", "check", "--format", "gitlab", f}).out);
  CHECK(again == issues);
}

TEST_CASE("check --format junit: a failed case per error or warning", "[cli][conventions]") {
  std::string bad = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto r = luohu::test::run_luohu({"--lang", "en", "check", "--format", "junit", bad});
  CHECK(r.exit_code == 1);
  auto summary = nlohmann::json::parse(luohu::test::run_luohu({"check", "--format", "json", bad}).out)["summary"];
  std::size_t failing = summary["errors"].get<std::size_t>() + summary["warnings"].get<std::size_t>();
  CHECK_THAT(r.out, Catch::StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"luohu\" tests=\"" +
                                      std::to_string(failing) + "\" failures=\"" + std::to_string(failing) + "\">"));
  CHECK_THAT(r.out, Catch::Contains("name=\"T9-SOCIAL-INSURANCE-MEDIUM 24:5\"") &&
                        Catch::Contains("<failure type=\"error\" message=\""));
  // Valid XML, when python3 is there to say so.
  std::string xml = luohu::test::temp_file("junit.xml", r.out);
  int rc = std::system(("/usr/bin/python3 -c 'import sys,xml.dom.minidom as m; m.parse(sys.argv[1])' " + xml + " 2>/dev/null").c_str());
  if (std::system("/usr/bin/python3 -c 'import xml.dom.minidom' 2>/dev/null") == 0) CHECK(rc == 0);
}

TEST_CASE("check - reads standard input, reported under --stdin-filename", "[cli][conventions]") {
  std::string f = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto direct = luohu::test::run_luohu({"--lang", "en", "check", "--format", "gcc", f});
  auto piped = luohu::test::run_luohu({"--lang", "en", "check", "--format", "gcc", "--stdin-filename", f, "-"}, f);
  CHECK(piped.exit_code == direct.exit_code);
  CHECK(piped.out == direct.out);
  auto unnamed = luohu::test::run_luohu({"--lang", "en", "check", "--format", "gcc", "-"}, f);
  CHECK(unnamed.exit_code == 1);
  CHECK_THAT(unnamed.out, Catch::StartsWith("-:"));
}

TEST_CASE("audit --format csv --bom starts with the UTF-8 byte order mark Excel needs", "[cli][conventions][audit]") {
  std::string dir = luohu::test::source_path("examples/compliant");
  // An en CSV (for programs) has none unless asked; a zh one (for Excel on Chinese Windows) always, unless --no-bom.
  for (const char* lang : {"en", "zh"}) {
    INFO(lang);
    auto plain = luohu::test::run_luohu({"--lang", lang, "audit", "--format", "csv", "--no-bom", dir});
    auto bom = luohu::test::run_luohu({"--lang", lang, "audit", "--format", "csv", "--bom", dir});
    REQUIRE(bom.out.size() == plain.out.size() + 3);
    CHECK(bom.out.compare(0, 3, "\xEF\xBB\xBF") == 0);
    CHECK(bom.out.substr(3) == plain.out);
    CHECK(plain.out.compare(0, 3, "\xEF\xBB\xBF") != 0);
  }
  CHECK(luohu::test::run_luohu({"--lang", "en", "audit", "--format", "csv", dir}).out.compare(0, 3, "\xEF\xBB\xBF") != 0);
  CHECK(luohu::test::run_luohu({"--lang", "zh", "audit", "--format", "csv", dir}).out.compare(0, 3, "\xEF\xBB\xBF") == 0);
}

TEST_CASE(".pre-commit-hooks.yaml: each hook's entry runs luohu on the staged files", "[cli][conventions]") {
  YAML::Node hooks = YAML::LoadFile(luohu::test::source_path(".pre-commit-hooks.yaml"));
  REQUIRE(hooks.IsSequence());
  std::set<std::string> ids;
  std::string bad = luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  for (const auto& h : hooks) {
    ids.insert(h["id"].as<std::string>());
    CHECK(h["language"].as<std::string>() == "system");
    CHECK(std::regex_search("a/b.luohu", std::regex(h["files"].as<std::string>())));
    // pre-commit runs `entry FILE...`: the entry's words after "luohu", then a file.
    std::istringstream words(h["entry"].as<std::string>());
    std::string first;
    words >> first;
    REQUIRE(first == "luohu");
    std::vector<std::string> args;
    for (std::string w; words >> w;) args.push_back(w);
    std::string copy = luohu::test::temp_file("hook.luohu", luohu::test::read_file(bad));
    args.push_back(copy);
    auto r = luohu::test::run_luohu(args);
    INFO(h["id"].as<std::string>() << ": " << r.err);
    CHECK((r.exit_code == 0 || r.exit_code == 1));  // a verdict, not a usage error
  }
  CHECK(ids == std::set<std::string>{"luohu-check", "luohu-fmt"});
}

TEST_CASE("rules: the zh listing names severities in Chinese, the en one in English", "[cli][locale]") {
  auto zh = test::run_luohu({"--lang", "zh", "rules", "--as-of", test::kPlanDate});
  REQUIRE(zh.exit_code == 0);
  CHECK_THAT(zh.out, Catch::Contains("T2-WHOLE-FAMILY") && Catch::Contains("  警告  ") && Catch::Contains("  错误  "));
  CHECK_THAT(zh.out, !Catch::Contains(" warning ") && !Catch::Contains(" error "));
  auto en = test::run_luohu({"--lang", "en", "rules", "--as-of", test::kPlanDate});
  CHECK_THAT(en.out, Catch::Contains(" warning ") && !Catch::Contains("警告"));
}

TEST_CASE("cli: CLI11's own errors in the chosen language, naming the option", "[cli][locale][conventions]") {
  auto r = run_luohu({"--lang", "zh", "check", "--format", "xml", "a.luohu"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("错误：参数值不在允许的范围内（") && Catch::Contains("--format") &&
                        Catch::Contains("运行 luohu --help"));
  r = run_luohu({"check", "--lang", "zh"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("错误：缺少必需的参数或选项（") && Catch::Contains("files"));
  r = run_luohu({"--lang", "zh", "check", "--max-warnings", "x", "a.luohu"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("错误："));
  r = run_luohu({"--lang", "en", "check"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("files is required") && !Catch::Contains("错误"));
  // --help is not an error: exit 0, in either language.
  CHECK(run_luohu({"--lang", "zh", "check", "--help"}).exit_code == 0);
}
