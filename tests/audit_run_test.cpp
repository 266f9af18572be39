// The audit library: a batch with a broken file, a missing city and a
// duplicate runs to the end; order does not depend on parallelism; SHA-256.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "audit/audit.hpp"
#include "audit/discover.hpp"
#include "util/sha256.hpp"
#include "audit/summary.hpp"
#include "audit_support.hpp"

using namespace luohu;
using namespace luohu::test;

namespace {

audit::AuditResult audit_folder(const std::filesystem::path& dir, unsigned jobs = 2) {
  Checker checker(bundled().registry, fixture_rules());
  auto found = audit::discover({dir.string()});
  REQUIRE(found.errors.empty());
  audit::Options options;
  options.jobs = jobs;
  return audit::run(checker, found.files, options);
}

}  // namespace

TEST_CASE("audit: SHA-256 of known inputs", "[audit]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto dir = audit_dir("sha");
  auto path = write_file(dir / "abc.txt", "abc");
  CHECK(sha256_file(path) == sha256_hex("abc"));
  CHECK_FALSE(sha256_file((dir / "absent").string()));
}

TEST_CASE("audit: discover finds *.luohu recursively, sorted, each once", "[audit]") {
  auto dir = audit_dir("discover");
  write_file(dir / "b" / "two.luohu", "");
  write_file(dir / "a" / "one.luohu", "");
  write_file(dir / "a" / "notes.txt", "");
  auto found = audit::discover({dir.string(), (dir / "a").string(), (dir / "a" / "one.luohu").string()});
  CHECK(found.errors.empty());
  REQUIRE(found.files.size() == 2);
  CHECK_THAT(found.files[0], Catch::EndsWith("a/one.luohu"));
  CHECK_THAT(found.files[1], Catch::EndsWith("b/two.luohu"));
  auto bad = audit::discover({(dir / "nowhere").string()});
  REQUIRE(bad.errors.size() == 1);
  CHECK_THAT(bad.errors[0].en, Catch::Contains("no such file or folder"));
}

TEST_CASE("audit: a broken file and a missing city are reported and the batch runs to the end", "[audit]") {
  auto dir = audit_dir("broken");
  write_file(dir / "yunnan" / "qujing.luohu", kQujing);
  write_file(dir / "hunan" / "changde.luohu", kChangde);
  write_file(dir / "heilongjiang" / "hegang.luohu", kBrokenPolicy);
  auto r = audit_folder(dir);
  REQUIRE(r.files.size() == 3);
  // By province code: 23 黑龙江, 43 湖南, 53 云南.
  CHECK_THAT(r.files[0].path, Catch::EndsWith("hegang.luohu"));
  CHECK_THAT(r.files[1].path, Catch::EndsWith("changde.luohu"));
  CHECK_THAT(r.files[2].path, Catch::EndsWith("qujing.luohu"));

  const auto& broken = r.files[0];
  CHECK_FALSE(broken.checked);
  REQUIRE(broken.city);  // recovered from the header despite the syntax error
  CHECK(broken.city->code == "230400");
  REQUIRE_FALSE(broken.findings.empty());
  CHECK(broken.findings[0].input_error);
  CHECK(broken.findings[0].line == 2);

  CHECK(r.files[1].checked);
  CHECK(r.files[1].findings.empty());
  const auto& qujing = r.files[2];
  CHECK(qujing.checked);
  REQUIRE(qujing.findings.size() == 1);
  CHECK(qujing.findings[0].rule == "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK(qujing.findings[0].line == 9);
  CHECK(qujing.findings[0].clause == kQujingClause);

  // Every registry city but these three is missing; the broken file's city is not.
  CHECK(r.missing.size() == prefecture_cities() - 3);
  auto listed = [&](const std::string& code) {
    return std::any_of(r.missing.begin(), r.missing.end(), [&](const City* c) { return c->code == code; });
  };
  CHECK(listed("310000"));
  CHECK_FALSE(listed("230400"));
  CHECK_FALSE(listed("530300"));
  CHECK(r.exit_code() == 2);  // as `luohu check`: a file could not be checked
  CHECK(r.count(Severity::error) == 1);
}

TEST_CASE("audit: --expect all lists county-level cities as missing too", "[audit]") {
  Checker checker(bundled().registry, fixture_rules());
  auto path = write_file(audit_dir("expect-all") / "qujing.luohu", kQujing);
  audit::Options all;
  all.expect = audit::Expect::all;
  auto r = audit::run(checker, {path}, all);
  const auto& cities = bundled().registry.cities();
  CHECK(r.missing.size() == static_cast<std::size_t>(std::count_if(cities.begin(), cities.end(), [](const City& c) { return c.is_city(); })) - 1);
  CHECK(audit::run(checker, {path}).missing.size() == prefecture_cities() - 1);
}

TEST_CASE("audit: an unreadable path inside the batch is an input error, not an abort", "[audit]") {
  Checker checker(bundled().registry, fixture_rules());
  auto dir = audit_dir("unreadable");
  auto good = write_file(dir / "qujing.luohu", kQujing);
  auto r = audit::run(checker, {(dir / "gone.luohu").string(), good});
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[0].checked);
  CHECK_FALSE(r.files[1].checked);
  CHECK(r.files[1].findings[0].rule == "io-error");
  CHECK_FALSE(r.files[1].sha256);
}

TEST_CASE("audit: two files for one city are an error, each naming the other", "[audit]") {
  auto dir = audit_dir("duplicate");
  auto a = write_file(dir / "qujing.luohu", kQujing);
  auto b = write_file(dir / "old" / "qujing-2015.luohu", kQujing);
  auto r = audit_folder(dir);
  REQUIRE(r.duplicates.size() == 1);
  REQUIRE(r.files.size() == 2);
  for (const auto& f : r.files) {
    CHECK(f.checked);  // D5: still counted
    CHECK(f.duplicate);
    REQUIRE(f.findings[0].rule == "duplicate-city");
    CHECK_THAT(f.findings[0].message.en, Catch::Contains(f.path == a ? b : a));
  }
  CHECK(r.exit_code() == 2);
}

TEST_CASE("audit: results are in the same order whatever the number of jobs", "[audit]") {
  Checker checker(bundled().registry, bundled().rules);
  auto files = audit::discover({source_path("examples")}).files;
  REQUIRE(files.size() > 4);
  audit::Options one, four;
  one.jobs = 1;
  four.jobs = 4;
  auto a = audit::run(checker, files, one), b = audit::run(checker, files, four);
  REQUIRE(a.files.size() == b.files.size());
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    CHECK(a.files[i].path == b.files[i].path);
    CHECK(a.files[i].sha256 == b.files[i].sha256);
    REQUIRE(a.files[i].findings.size() == b.files[i].findings.size());
    for (std::size_t k = 0; k < a.files[i].findings.size(); ++k) {
      CHECK(a.files[i].findings[k].rule == b.files[i].findings[k].rule);
      CHECK(a.files[i].findings[k].line == b.files[i].findings[k].line);
    }
  }
}

TEST_CASE("audit: summary counts cities, rates and units", "[audit]") {
  auto dir = audit_dir("summary");
  write_file(dir / "qujing.luohu", kQujing);
  write_file(dir / "changde.luohu", kChangde);
  auto r = audit_folder(dir);
  auto s = audit::summarize(r, fixture_rules());
  CHECK(s.files == 2);
  CHECK(s.cities_checked == 2);
  CHECK(s.cities_compliant == 1);
  CHECK(s.errors == 1);
  auto find = [](const std::vector<audit::Tally>& ts, const std::string& key) {
    auto it = std::find_if(ts.begin(), ts.end(), [&](const audit::Tally& t) { return t.key == key; });
    REQUIRE(it != ts.end());
    return *it;
  };
  // Both are medium cities: the medium-city insurance rule applies to both; one breaks it.
  auto rule = find(s.by_rule, "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK(rule.applicable == 2);
  CHECK(rule.violating == 1);
  CHECK(rule.flagged == 1);
  CHECK(rule.compliance() == Approx(0.5));
  CHECK(find(s.by_task, "9").violating == 1);
  auto medium = find(s.by_tier, "medium");
  CHECK(medium.applicable == 2);
  CHECK(medium.violating == 1);
  CHECK(find(s.by_province, "53").violating == 1);  // 云南
  CHECK(find(s.by_province, "43").violating == 0);  // 湖南
  const auto* r9 = fixture_rules().find("T9-SOCIAL-INSURANCE-MEDIUM");
  for (const auto& unit : audit::responsible_units(r9->responsible)) CHECK(find(s.by_unit, unit).violating == 1);
  // Every rule of the pack has a row, whether or not it found anything.
  CHECK(s.by_rule.size() >= fixture_rules().rules.size());
}

TEST_CASE("audit: responsible units split on enumeration commas only", "[audit]") {
  CHECK(audit::responsible_units("公安部、发展改革委，教育部") == std::vector<std::string>{"公安部", "发展改革委", "教育部"});
  CHECK(audit::responsible_units("大城市和中等城市人民政府") == std::vector<std::string>{"大城市和中等城市人民政府"});
}

// The audit drops the syntax tree of a file that names its city and imports
// nothing, and parses it again when checked (memory, issue 20); one that
// another policy imports must be whole for that policy's check too.
TEST_CASE("audit: a city's policy another imports is read whole by both checks", "[audit]") {
  auto dir = std::filesystem::temp_directory_path() / ("luohu-audit-reparse-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "a.luohu") << luohu::test::read_file(luohu::test::source_path("examples/violations/T9-qujing-insurance-4y.luohu"));
  std::ofstream(dir / "b.luohu") << "导入 \"a.luohu\";\n城市 530400 玉溪市;\n";
  auto r = luohu::test::run_luohu({"--lang", "en", "audit", dir.string(), "--format", "json"});
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["files"].size() == 2);
  for (const auto& f : j["files"]) {
    INFO(f["path"]);
    CHECK(f["checked"] == true);
    std::set<std::string> rules;
    for (const auto& finding : f["findings"]) rules.insert(finding["rule"].get<std::string>());
    CHECK(rules.count("T9-SOCIAL-INSURANCE-MEDIUM") == 1);  // 玉溪 (medium) inherits 曲靖's 48 months
  }
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}
