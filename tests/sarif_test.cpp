// luohu check --format sarif: valid SARIF 2.1.0 (checked against the OASIS
// schema) with rules, UTF-16 regions and the quoted task as help.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support.hpp"

using luohu::test::run_luohu;
using luohu::test::source_path;
using luohu::test::temp_file;

namespace {
// Runs a shell command; returns its exit status and output.
std::pair<int, std::string> shell(const std::string& command) {
  std::string out;
  FILE* p = ::popen((command + " 2>&1").c_str(), "r");
  if (!p) return {-1, ""};
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, p)) out.append(buffer, n);
  int status = ::pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}
}  // namespace

TEST_CASE("sarif: findings carry rule ids, levels and UTF-16 regions", "[sarif]") {
  auto r = run_luohu({"--lang", "zh", "check", "--format", "sarif",
                      source_path("examples/violations/T9-qujing-insurance-4y.luohu")});
  CHECK(r.exit_code == 1);
  auto sarif = nlohmann::json::parse(r.out);
  CHECK(sarif["version"] == "2.1.0");
  const auto& run = sarif["runs"][0];
  CHECK(run["columnKind"] == "utf16CodeUnits");
  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "luohu");
  // No address of the machine that ran it (issue 19): no file:// help links.
  CHECK_FALSE(driver.contains("informationUri"));
  nlohmann::json t9;
  for (const auto& result : run["results"]) {
    if (result["ruleId"] == "T9-SOCIAL-INSURANCE-MEDIUM") t9.push_back(result);
  }
  REQUIRE(t9.size() == 1);
  const auto& result = t9[0];
  CHECK(result["ruleId"] == "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK(result["level"] == "error");
  const auto& rule = driver["rules"][result["ruleIndex"].get<std::size_t>()];
  CHECK(rule["id"] == "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK_THAT(rule["help"]["text"].get<std::string>(), Catch::Contains("中等城市不得超过3年"));
  CHECK_FALSE(rule.contains("helpUri"));
  CHECK(rule["properties"]["docs"] == "docs/rules/T9-SOCIAL-INSURANCE-MEDIUM.md");
  CHECK(r.out.find("file://") == std::string::npos);
  const auto& loc = result["locations"][0]["physicalLocation"];
  CHECK_THAT(loc["artifactLocation"]["uri"].get<std::string>(), Catch::EndsWith("T9-qujing-insurance-4y.luohu"));
  // "    社会保险 >= 48 个月;" : columns 1-based, in UTF-16 code units.
  CHECK(loc["region"]["startLine"] == 24);
  CHECK(loc["region"]["startColumn"] == 5);
  CHECK(loc["region"]["endLine"] == 24);
  CHECK(loc["region"]["endColumn"] == 5 + 14);
}

TEST_CASE("sarif: output validates against the SARIF 2.1.0 schema", "[sarif]") {
  std::vector<std::string> args = {"--lang", "en", "check", "--format", "sarif"};
  for (const char* f : {"T3-guiyang-graduates-insurance.luohu", "T7-wenzhou-purchase.luohu", "T8-luoyang-points.luohu",
                        "mixed-hohhot-several.luohu"})
    args.push_back(source_path(std::string("examples/violations/") + f));
  args.push_back(temp_file("syntax error 语法.luohu", "城市 530300\n"));  // an input error is a result too
  auto r = run_luohu(args);
  CHECK(r.exit_code == 2);
  auto sarif = nlohmann::json::parse(r.out);
  CHECK(sarif["runs"][0]["results"].size() > 4);
  CHECK(sarif["runs"][0]["invocations"][0]["executionSuccessful"] == false);
  auto file = temp_file("out.sarif", r.out);
  auto [status, output] = shell("/usr/bin/python3 " + source_path("tests/sarif_validate.py") + " " +
                                source_path("tests/data/sarif-schema-2.1.0.json") + " '" + file + "'");
  INFO(output);
  REQUIRE_THAT(output, !Catch::Contains("No module named"));  // install python3-jsonschema (scripts/packages/editor.txt)
  CHECK(status == 0);
  CHECK_THAT(output, Catch::Contains("valid"));
}

TEST_CASE("sarif: check and audit come from one writer (the same rules, UTF-16 columns in both)", "[sarif][audit]") {
  // 𠀀 (U+20000) is two UTF-16 code units: after it on its line, UTF-16 columns run one ahead of code points.
  std::string text = luohu::test::read_file(source_path("examples/violations/T9-qujing-insurance-4y.luohu"));
  const std::string clause = "    社会保险 >= 48 个月;";
  auto at = text.find(clause);
  REQUIRE(at != std::string::npos);
  text.replace(at, clause.size(), "    合法稳定就业 原文 “𠀀”; 社会保险 >= 48 个月;");
  auto dir = std::filesystem::path(temp_file("one-writer/.keep", "")).parent_path();
  std::filesystem::create_directories(dir);
  auto file = temp_file("one-writer/qujing.luohu", text);
  auto checked = run_luohu({"--lang", "en", "check", "--format", "sarif", file});
  auto audited = run_luohu({"--lang", "en", "audit", dir.string(), "--format", "sarif"});
  auto check_run = nlohmann::json::parse(checked.out)["runs"][0];
  auto audit_run = nlohmann::json::parse(audited.out)["runs"][0];
  CHECK(check_run["columnKind"] == "utf16CodeUnits");
  CHECK(audit_run["columnKind"] == check_run["columnKind"]);
  CHECK(audit_run["tool"]["driver"]["rules"] == check_run["tool"]["driver"]["rules"]);
  auto t9_region = [](const nlohmann::json& run) {
    for (const auto& result : run["results"])
      if (result["ruleId"] == "T9-SOCIAL-INSURANCE-MEDIUM") return result["locations"][0]["physicalLocation"]["region"];
    return nlohmann::json();
  };
  auto check_region = t9_region(check_run), audit_region = t9_region(audit_run);
  REQUIRE(check_region.is_object());
  REQUIRE(audit_region.is_object());
  // "    合法稳定就业 原文 “𠀀”; " is 19 code points and 20 UTF-16 code units.
  CHECK(check_region["startColumn"] == 21);
  CHECK(audit_region["startColumn"] == check_region["startColumn"]);
  CHECK(audit_region["endColumn"] == check_region["endColumn"]);
}
