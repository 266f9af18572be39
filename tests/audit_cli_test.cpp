// luohu audit as a user meets it: exit codes, formats, --jobs, --output,
// --baseline, and silence on stderr when it is not a terminal.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "audit/discover.hpp"
#include "audit_support.hpp"

using namespace luohu::test;

TEST_CASE("audit CLI: --jobs 1 and --jobs 2 give byte-identical JSON", "[audit][cli]") {
  auto dir = audit_dir("cli-jobs");
  write_file(dir / "heilongjiang" / "hegang-broken.luohu", kBrokenPolicy);
  auto examples = source_path("examples");
  auto one = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", examples, dir.string(), "--format", "json", "--jobs", "1"});
  auto two = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", examples, dir.string(), "--format", "json", "--jobs", "2"});
  CHECK(one.exit_code == 2);
  CHECK(two.exit_code == 2);
  CHECK(one.out == two.out);
  CHECK(one.err.empty());  // no progress bar when stderr is not a terminal
  auto j = nlohmann::json::parse(one.out);
  // Every example file plus the broken one, except examples/imports' baseline: imported, no city, not a city's policy.
  CHECK(j["summary"]["files"] == luohu::audit::discover({examples}).files.size() + 1 - 1);
  CHECK(j["imports"].size() == 1);
  CHECK(j["summary"]["unchecked"] >= 1);  // the broken file (and any duplicate examples)
}

TEST_CASE("audit CLI: exit codes follow luohu check", "[audit][cli]") {
  CHECK(run_luohu({"--rules", fixture_rules_dir(), "audit", source_path("examples/compliant")}).exit_code == 0);
  auto dir = audit_dir("cli-exit");
  write_file(dir / "qujing.luohu", kQujing);
  write_file(dir / "changde.luohu", kChangde);
  auto violations = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", dir.string()});
  CHECK(violations.exit_code == 1);
  CHECK_THAT(violations.out, Catch::Contains("By rule") && Catch::Contains("By task") && Catch::Contains("By province") &&
                                 Catch::Contains("By tier") && Catch::Contains("By responsible unit"));
  CHECK_THAT(violations.out, Catch::Contains("530300 Qujing"));
  auto absent = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", "/nonexistent/policies"});
  CHECK(absent.exit_code == 2);
  CHECK_THAT(absent.err, Catch::Contains("/nonexistent/policies: no such file or folder"));
  CHECK(run_luohu({"--rules", fixture_rules_dir(), "audit", source_path("examples"), "--jobs", "0"}).exit_code == 2);
}

TEST_CASE("audit CLI: --output writes the report and prints the summary", "[audit][cli]") {
  auto dir = audit_dir("cli-output");
  auto out = (dir / "audit.csv").string();
  write_file(dir / "policies" / "qujing.luohu", kQujing);
  auto r = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", (dir / "policies").string(), "--format", "csv", "--output", out});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("csv report written to " + out));
  CHECK_THAT(read_text(out), Catch::StartsWith("kind,province,city_code"));
  auto bad = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", (dir / "policies").string(), "--format", "json", "--output", "/nonexistent/x.json"});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("cannot write the report"));
}

TEST_CASE("audit CLI: --baseline marks findings against an earlier audit", "[audit][cli][baseline]") {
  auto dir = audit_dir("cli-baseline");
  auto policies = dir / "policies";
  write_file(policies / "qujing.luohu", kQujing);
  auto old_json = (dir / "old.json").string();
  REQUIRE(run_luohu({"--rules", fixture_rules_dir(), "audit", policies.string(), "--format", "json", "-o", old_json}).exit_code == 1);
  // The city fixes its policy: 48 months becomes 36.
  std::string fixed = kQujing;
  fixed.replace(fixed.find(">= 48"), 5, ">= 36");
  write_file(policies / "qujing.luohu", fixed);
  auto r = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", policies.string(), "--format", "json", "--baseline", old_json});
  CHECK(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["summary"]["baseline"]["fixed"] == 1);
  CHECK(j["summary"]["baseline"]["new"] == 0);
  CHECK(j["gone"][0]["rule"] == "T9-SOCIAL-INSURANCE-MEDIUM");
  auto bad = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", policies.string(), "--baseline", (dir / "nothing.json").string()});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("cannot read the baseline file"));
}
