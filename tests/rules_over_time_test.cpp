// Rules over time (issue 17, docs/rules-over-time.md): the national documents
// are data, every rule is dated, and a policy is checked against the rules in
// force on a date. The verdicts change exactly on the days a document binds.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "check/provenance.hpp"
#include "compose/check.hpp"
#include "rules/documents.hpp"
#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

// A type-II large city (惠州, 1–3 million in the registry) whose workers need two
// years of social insurance: lawful under the 2016 plan (large cities may ask up
// to five), a restriction once type-II large cities must remove them all.
const std::string kTwoYears =
    "城市 441300;\n"
    "施行日期 2017-01-01;\n"
    "渠道 务工落户 {\n"
    "  对象 农业转移人口;\n"
    "  条件 { 合法稳定就业; 社会保险 >= 2 年; }\n"
    "  随迁 配偶 未成年子女 父母;\n"
    "}\n";

FileReport check_as_of(const std::string& text, const std::string& as_of) {
  Checker checker(test::bundled().registry, test::bundled().rules);
  checker.waiver_options.today = "2026-12-01";
  checker.as_of = as_of;
  return compose::check_text(checker, "t.luohu", text);
}

std::vector<const Diagnostic*> errors(const FileReport& r) {
  std::vector<const Diagnostic*> out;
  for (const auto& d : r.diagnostics)
    if (d.severity == Severity::error) out.push_back(&d);
  return out;
}

bool has(const FileReport& r, const std::string& code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return true;
  return false;
}

}  // namespace

TEST_CASE("a type-II large city asking 2 years of social insurance passes in 2017 and fails in 2020", "[over-time]") {
  auto in_2017 = check_as_of(kTwoYears, "2017-06-01");
  INFO(test::codes(in_2017).size());
  CHECK(errors(in_2017).empty());

  // From 发改规划〔2019〕0617号 (2019-04-08) until the 中办/国办 opinion replaces it.
  auto in_2019 = check_as_of(kTwoYears, "2019-06-01");
  CHECK(has(in_2019, "D2019-TYPE2-NO-LIMITS"));
  CHECK_FALSE(has(in_2019, "D2019B-UNDER-3M-NO-LIMITS"));

  auto in_2020 = check_as_of(kTwoYears, "2020-06-01");
  REQUIRE(has(in_2020, "D2019B-UNDER-3M-NO-LIMITS"));
  CHECK_FALSE(has(in_2020, "D2019-TYPE2-NO-LIMITS"));  // superseded on 2019-12-25
  for (const auto& d : in_2020.diagnostics) {
    if (d.code != "D2019B-UNDER-3M-NO-LIMITS") continue;
    CHECK_FALSE(d.task);  // a later document's sentence, not a task of the plan
    CHECK_THAT(d.basis, Catch::Contains("关于促进劳动力和人才社会性流动体制机制改革的意见"));
    CHECK_THAT(d.basis, Catch::Contains("据新闻报道"));  // read only in a news report, and every finding says so
    CHECK_THAT(d.message.en, Catch::Contains("predates"));
    CHECK_THAT(d.message.zh, Catch::Contains("本政策施行于2017-01-01"));
  }
}

TEST_CASE("verdicts change on the day a document binds, not the day before", "[over-time]") {
  CHECK_FALSE(has(check_as_of(kTwoYears, "2019-04-07"), "D2019-TYPE2-NO-LIMITS"));
  CHECK(has(check_as_of(kTwoYears, "2019-04-08"), "D2019-TYPE2-NO-LIMITS"));
  CHECK(has(check_as_of(kTwoYears, "2019-12-24"), "D2019-TYPE2-NO-LIMITS"));
  CHECK_FALSE(has(check_as_of(kTwoYears, "2019-12-25"), "D2019-TYPE2-NO-LIMITS"));
  CHECK(has(check_as_of(kTwoYears, "2019-12-25"), "D2019B-UNDER-3M-NO-LIMITS"));
  // Points in a type-II large city: the plan's task 8 from 2016, 发改规划〔2018〕406号 from 2018-03-13.
  const std::string points = "城市 441300;\n积分 {\n  因素 社会保险 权重 2;\n  分值线 100;\n}\n";
  CHECK(has(check_as_of(points, "2017-01-01"), "T8-POINTS-SCHEME"));
  CHECK_FALSE(has(check_as_of(points, "2018-03-12"), "D2018-TYPE2-NO-POINTS"));
  CHECK(has(check_as_of(points, "2018-03-13"), "D2018-TYPE2-NO-POINTS"));
  // Before the plan, none of its rules binds.
  CHECK_FALSE(has(check_as_of(points, "2016-09-29"), "T8-POINTS-SCHEME"));
}

TEST_CASE("as of effective: each policy is checked against the rules of its own 施行日期", "[over-time]") {
  CHECK(errors(check_as_of(kTwoYears, "effective")).empty());
  std::string later = kTwoYears;
  later.replace(later.find("2017-01-01"), 10, "2021-01-01");
  CHECK(has(check_as_of(later, "effective"), "D2019B-UNDER-3M-NO-LIMITS"));
  // No 施行日期: today's rules, and a note says so.
  std::string undated = kTwoYears;
  undated.erase(undated.find("施行日期"), undated.find('\n', undated.find("施行日期")) - undated.find("施行日期") + 1);
  auto r = check_as_of(undated, "effective");
  CHECK(has(r, "as-of-no-effective-date"));
  CHECK(has(r, "D2019B-UNDER-3M-NO-LIMITS"));
}

TEST_CASE("every rule cites a document record, and its sentence is in that document's stored text", "[over-time][documents]") {
  const auto& pack = test::bundled().rules;
  std::set<std::string> cited;
  for (const auto& rule : pack.rules) {
    INFO(rule.id);
    const NationalDocument* doc = pack.document(rule.document);
    REQUIRE(doc);
    cited.insert(doc->id);
    CHECK(rule.in_force.from >= doc->in_force);
    CHECK_FALSE(rule.in_force.reading.zh.empty());
    CHECK_FALSE(rule.in_force.reading.en.empty());
    std::string text = test::read_file(test::source_path(doc->text));
    REQUIRE_FALSE(text.empty());
    CHECK(find_quote(normalise_for_quotes(text), rule.quote));
    // The seed's rules carry a task; a later document's rules are D<year>-… and do not.
    CHECK((rule.task != 0) == (doc->id == pack.seed));
  }
  CHECK(cited.size() >= 5);  // the issue: rules cite at least five national documents
  for (const auto& doc : pack.documents) {
    INFO(doc.id);
    CHECK(fs::exists(test::source_path(doc.text)));
    CHECK(fs::exists(test::source_path(doc.text.substr(0, doc.text.size() - 4) + ".source.yaml")));  // where it was read
    CHECK(std::regex_match(doc.in_force, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
  }
}

TEST_CASE("no engine source names a national document: citations come from the data", "[over-time][documents]") {
  const auto& pack = test::bundled().rules;
  for (const auto& e : fs::recursive_directory_iterator(test::source_path("engine"))) {
    auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    std::string text = test::read_file(e.path().string());
    // Comments may say which text a line of code follows; string literals may not cite one.
    std::string code;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text.compare(i, 2, "//") == 0) {
        i = text.find('\n', i);
        if (i == std::string::npos) break;
      }
      code += text[i];
    }
    for (const auto& doc : pack.documents) {
      if (doc.number == "unknown") continue;
      INFO(e.path().string() << " names " << doc.number);
      CHECK(code.find(doc.number) == std::string::npos);
    }
  }
}

TEST_CASE("the loader refuses a rule whose dates or document do not hold", "[over-time][loader]") {
  const std::string base = test::read_file(test::source_path("rules/dated/D2021-RENT-BUY-EQUAL.yaml"));
  auto fails = [&](const std::string& from, const std::string& to, const std::string& expect) {
    std::string text = base;
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), to);
    std::vector<LoadError> errors;
    auto rule = load_rule_text(text, "D.yaml", errors);
    INFO(to);
    REQUIRE(errors.size() >= 1);
    CHECK_THAT(errors[0].message.en, Catch::Contains(expect));
  };
  fails("  from: 2021-04-13", "  from: 2021-13-40", "YYYY-MM-DD");
  fails("  until: null", "  until: 2020-01-01", "after from");
  fails("  superseded_by: null", "  superseded_by: guofa-2024-17", "needs until");
  fails("in_force:", "in_force_typo:", "unknown rule field");
  // A later document's rule with a seed task is refused with the pack, which knows the seed (rules/tasks.yaml shape).
  std::vector<LoadError> errors;
  auto files = read_rule_files(test::source_path("rules"), errors);
  REQUIRE(files);
  bool replaced = false;
  for (auto& f : *files) {
    if (fs::path(f.path).filename() != "D2021-RENT-BUY-EQUAL.yaml") continue;
    f.text.replace(f.text.find("document: fagaiguihua-2021-493\n"), 31, "document: fagaiguihua-2021-493\ntask: 5\n");
    replaced = true;
  }
  REQUIRE(replaced);
  CHECK_FALSE(load_rule_pack_files(test::source_path("rules"), *files, errors));
  REQUIRE(errors.size() >= 1);
  CHECK_THAT(errors[0].message.en, Catch::Contains("rule D2021-RENT-BUY-EQUAL: the seed's task rules (T…) cite") &&
                                       Catch::Contains("the others (D…) a later document"));
}

TEST_CASE("the day before a date crosses months, years and leap days", "[over-time]") {
  CHECK(day_before("2019-12-25") == "2019-12-24");
  CHECK(day_before("2020-03-01") == "2020-02-29");
  CHECK(day_before("2021-03-01") == "2021-02-28");
  CHECK(day_before("2020-01-01") == "2019-12-31");
}

TEST_CASE("luohu check states the date and documents applied — audit --impact shows what a document changes", "[over-time][cli]") {
  auto dir = fs::temp_directory_path() / ("luohu-impact-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "huizhou.luohu") << kTwoYears;
  auto check = test::run_luohu({"--lang", "en", "check", "--today", "2026-12-01", "--as-of", "2017-06-01", "--format", "json",
                                (dir / "huizhou.luohu").string()});
  auto j = nlohmann::json::parse(check.out);
  CHECK(j["as_of"] == "2017-06-01");
  CHECK(j["documents"] == nlohmann::json::array({"国办发〔2016〕72号"}));
  CHECK(check.exit_code == 0);
  auto later = test::run_luohu({"--lang", "en", "check", "--today", "2026-12-01", "--as-of", "2020-06-01", (dir / "huizhou.luohu").string()});
  CHECK(later.exit_code == 1);
  CHECK_THAT(later.out, Catch::Contains("rules in force on 2020-06-01"));

  auto impact = test::run_luohu({"--lang", "en", "audit", "--today", "2026-12-01", "--impact", "2019-12-25", "--format", "json",
                                 dir.string()});
  auto a = nlohmann::json::parse(impact.out);
  CHECK(a["as_of"] == "2019-12-25");
  CHECK(a["impact"] == "2019-12-25");
  std::map<std::string, std::string> status;
  for (const auto& f : a["files"][0]["findings"]) status[f["rule"]] = f["status"];
  CHECK(status["D2019B-UNDER-3M-NO-LIMITS"] == "new");
  std::set<std::string> fixed;
  for (const auto& g : a["gone"]) fixed.insert(g["rule"].get<std::string>());
  CHECK(fixed.count("D2019-TYPE2-NO-LIMITS"));  // replaced that day
  std::error_code ec;
  fs::remove_all(dir, ec);
}

TEST_CASE("audit --over-time sets the same cities side by side under each date's rules", "[over-time][cli]") {
  auto dir = fs::temp_directory_path() / ("luohu-over-time-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "huizhou.luohu") << kTwoYears;  // a type-II large city, 2 years of social insurance
  auto run = [&](const std::string& lang, const std::string& format) {
    return test::run_luohu({"--lang", lang, "audit", "--today", "2026-12-01", "--over-time", "2017-01-01,2020-01-01",
                            "--format", format, dir.string()});
  };
  auto json = run("en", "json");
  auto a = nlohmann::json::parse(json.out);
  REQUIRE(a["over_time"].size() == 3);  // the dates given, then the main audit's own
  const auto &y2017 = a["over_time"][0], &y2020 = a["over_time"][1], &today = a["over_time"][2];
  CHECK(today["as_of"] == "2026-12-01");
  CHECK(today["as_of"] == a["as_of"]);
  CHECK(today["by_tier"] == a["summary"]["by_tier"]);
  CHECK(y2017["as_of"] == "2017-01-01");
  CHECK(y2020["as_of"] == "2020-01-01");
  CHECK(y2017["documents"] == nlohmann::json::array({"国办发〔2016〕72号"}));
  CHECK(y2020["documents"].size() > 1);
  // Lawful under the 2016 plan, not after the 2019 documents.
  CHECK(y2017["cities_checked"] == 1);
  CHECK(y2017["cities_compliant"] == 1);
  CHECK(y2020["cities_compliant"] == 0);
  auto violating = [](const nlohmann::json& date, const std::string& rule) {
    for (const auto& t : date["by_rule"])
      if (t["key"] == rule) return t["violating"].get<int>();
    return -1;  // not in the pack that day
  };
  CHECK(violating(y2020, "D2019B-UNDER-3M-NO-LIMITS") == 1);
  CHECK(violating(y2017, "D2019B-UNDER-3M-NO-LIMITS") == 0);  // not yet in force: concerns no city
  auto tier = [](const nlohmann::json& date) {
    for (const auto& t : date["by_tier"])
      if (t["key"] == "large_ii") return std::make_pair(t["applicable"].get<int>(), t["violating"].get<int>());
    return std::make_pair(-1, -1);
  };
  CHECK(tier(y2017) == std::make_pair(1, 0));
  CHECK(tier(y2020) == std::make_pair(1, 1));
  // The main audit is today's, as without --over-time.
  CHECK(a["summary"]["cities_compliant"] == 0);

  auto summary = run("zh", "summary");
  CHECK_THAT(summary.out, Catch::Contains("各日期规则下的合规情况") && Catch::Contains("2017-01-01") && Catch::Contains("1/1 (100.0%)") &&
                              Catch::Contains("0/1 (0.0%)"));
  auto html = run("en", "html");
  CHECK_THAT(html.out, Catch::Contains("\"over_time\":[{\"as_of\":\"2017-01-01\""));
  CHECK_THAT(html.out, Catch::Contains("table-over-time"));
  // A malformed date is refused before anything runs.
  auto bad = test::run_luohu({"--lang", "en", "audit", "--over-time", "2017-01-01,2020-13-01", dir.string()});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("YYYY-MM-DD"));
  std::error_code ec;
  fs::remove_all(dir, ec);
}
