// Audit reports: JSON provenance, CSV shape, SARIF shape.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <set>

#include "audit/audit.hpp"
#include "audit/baseline.hpp"
#include "util/sha256.hpp"
#include "audit/summary.hpp"
#include "audit_support.hpp"
#include "report/audit_reports.hpp"
#include "report/reporters.hpp"

using namespace luohu;
using namespace luohu::test;

namespace {

struct Fixture {
  audit::AuditResult result;
  audit::Summary summary;
  std::string qujing, broken;
};

Fixture fixture() {
  Checker checker(bundled().registry, fixture_rules());
  auto dir = audit_dir("reports");
  Fixture f;
  f.qujing = write_file(dir / "qujing, \"old\".luohu", kQujing);
  f.broken = write_file(dir / "hegang.luohu", kBrokenPolicy);
  f.result = audit::run(checker, {f.qujing, f.broken});
  f.result.provenance = audit::provenance(bundled().registry, fixture_rules(), {dir.string()});
  f.summary = audit::summarize(f.result, fixture_rules());
  return f;
}


}  // namespace

TEST_CASE("audit JSON written piece by piece is the document's text, and a write error stops it", "[audit][report][stream]") {
  auto f = fixture();
  AuditReportInput in{f.result, f.summary, fixture_rules(), Lang::zh};
  REQUIRE(f.result.files.size() >= 2);
  std::vector<std::string> pieces;
  CHECK(write_audit_json(in, [&](std::string_view piece) {
    pieces.emplace_back(piece);
    return true;
  }));
  std::string whole;
  for (const auto& p : pieces) whole += p;
  // The same document (its keys ordered so that what needs every file comes after the files).
  CHECK(nlohmann::json::parse(whole) == audit_json(in));
  CHECK(whole.find("\"rules\"") < whole.find("\n  \"files\"")); // before the files: known before any check
  CHECK(whole.find("\n  \"files\"") < whole.find("\n  \"exit_code\""));
  CHECK(pieces.size() >= f.result.files.size());  // one piece per file at least: never the report at once
  // The first failed write ends it: nothing more is produced.
  std::size_t calls = 0;
  CHECK_FALSE(write_audit_json(in, [&](std::string_view) { return ++calls < 3; }));
  CHECK(calls == 3);
}

TEST_CASE("audit JSON: provenance hashes every input, the registry and each rule file", "[audit][report]") {
  auto f = fixture();
  auto j = nlohmann::json::parse(render_audit_json({f.result, f.summary, fixture_rules(), Lang::en}));
  CHECK(j["format"] == "luohu-audit/1");
  CHECK(j["tool"]["version"] == LUOHU_VERSION);
  CHECK(j["rule_pack"]["name"] == fixture_rules().name);
  CHECK(j["rule_pack"]["version"] == fixture_rules().version);
  CHECK(j["rule_pack"]["files"].size() == fixture_rules().files.size());
  for (const auto& rf : j["rule_pack"]["files"]) CHECK(rf["sha256"] == *sha256_file(rf["path"].get<std::string>()));
  CHECK(j["registry"]["sha256"] == *sha256_file(bundled().registry.path()));
  for (const auto& file : j["files"]) CHECK(file["sha256"] == sha256_hex(read_text(file["path"].get<std::string>())));
  CHECK(j["exit_code"] == 2);
  CHECK(j["summary"]["unchecked"] >= 1);  // the broken file (and any duplicate examples)
  CHECK(j["summary"]["missing"] == prefecture_cities() - 2);
  CHECK(j["missing"].size() == prefecture_cities() - 2);
  CHECK(j["rules"].size() == fixture_rules().rules.size());
}

TEST_CASE("audit CSV: a header and 28 fields a row, quoted where needed", "[audit][report]") {
  auto f = fixture();
  auto rows = parse_csv(render_audit_csv({f.result, f.summary, fixture_rules(), Lang::en}));
  REQUIRE(rows.size() >= 3);
  // The first 17 columns keep their places; waived, waiver_reason and source_file were appended, then the city's
  // document, verification level, source texts and cited sentences, then the registry sources of its tier.
  CHECK(rows[0] == std::vector<std::string>{"kind", "province", "city_code", "city", "tier", "level", "file", "line", "column", "rule",
                                            "task", "severity", "responsible", "status", "message", "clause", "file_sha256",
                                            "waived", "waiver_reason", "source_file", "document", "document_number",
                                            "effective", "verification", "source_text", "cited_text", "cited_source",
                                            "tier_source"});
  std::map<std::string, int> kinds;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    REQUIRE(rows[i].size() == 28);
    ++kinds[rows[i][0]];
  }
  CHECK(kinds["finding"] == 1);
  CHECK(kinds["unchecked"] >= 1);
  CHECK(kinds["missing"] == static_cast<int>(prefecture_cities()) - 2);
  auto finding = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r[0] == "finding"; });
  CHECK((*finding)[2] == "530300");
  CHECK((*finding)[6] == f.qujing);  // the comma and quotes in the path survive
  CHECK((*finding)[7] == "9");
  CHECK((*finding)[9] == "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK((*finding)[10] == "9");
  CHECK((*finding)[12] == fixture_rules().find("T9-SOCIAL-INSURANCE-MEDIUM")->responsible);
  CHECK((*finding)[15] == kQujingClause);
  CHECK((*finding)[16] == sha256_hex(read_text(f.qujing)));
  CHECK((*finding)[17] == "no");
  CHECK((*finding)[18] == "");
  CHECK((*finding)[19] == f.qujing);  // the line is in the policy itself
}

TEST_CASE("audit CSV: a waived finding says so, with the waiver's reason", "[audit][report][waivers]") {
  Checker checker(bundled().registry, fixture_rules());
  checker.waiver_options.today = "2024-06-01";
  auto dir = audit_dir("csv-waived");
  std::string text = kQujing;
  text.insert(text.find("      社会保险"),
              "      # luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"山区县, 用工稳定\" document=\"云政复〔2023〕5号\" "
              "date=2023-05-01 expires=2026-12-31\n");
  auto path = write_file(dir / "qujing.luohu", text);
  auto result = audit::run(checker, {path});
  auto summary = audit::summarize(result, fixture_rules());
  auto rows = parse_csv(render_audit_csv({result, summary, fixture_rules(), Lang::en}));
  auto finding = std::find_if(rows.begin(), rows.end(), [](const auto& r) { return r[0] == "finding" && r[9] == "T9-SOCIAL-INSURANCE-MEDIUM"; });
  REQUIRE(finding != rows.end());
  REQUIRE(finding->size() == 28);
  CHECK((*finding)[17] == "yes");
  CHECK((*finding)[18] == "山区县, 用工稳定");  // the comma survives the quoting
  CHECK(summary.errors == 0);
}

TEST_CASE("audit SARIF: 2.1.0 with rules, located results, fingerprints and notifications", "[audit][report]") {
  auto f = fixture();
  auto j = nlohmann::json::parse(render_audit_sarif({f.result, f.summary, fixture_rules(), Lang::en}));
  CHECK(j["version"] == "2.1.0");
  REQUIRE(j["runs"].size() == 1);
  const auto& run = j["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "luohu");
  const auto& rules = run["tool"]["driver"]["rules"];
  CHECK(rules.size() == fixture_rules().rules.size());
  CHECK(run["columnKind"] == "utf16CodeUnits");  // as check's SARIF: one writer
  REQUIRE(run["results"].size() == 1);
  const auto& result = run["results"][0];
  CHECK(result["ruleId"] == "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK(rules[result["ruleIndex"].get<std::size_t>()]["id"] == result["ruleId"]);
  CHECK(result["level"] == "error");
  const auto& location = result["locations"][0]["physicalLocation"];
  CHECK(location["region"]["startLine"] == 9);
  CHECK(location["region"]["snippet"]["text"] == kQujingClause);
  CHECK_THAT(location["artifactLocation"]["uri"].get<std::string>(), Catch::EndsWith("qujing%2C%20%22old%22.luohu"));
  CHECK(result["partialFingerprints"].contains("luohuClauseKey/v1"));
  CHECK_FALSE(result.contains("baselineState"));  // no baseline given
  const auto& artifact = run["artifacts"][location["artifactLocation"]["index"].get<std::size_t>()];
  CHECK(artifact["hashes"]["sha-256"] == sha256_hex(read_text(f.qujing)));
  const auto& invocation = run["invocations"][0];
  CHECK(invocation["executionSuccessful"] == false);
  REQUIRE(invocation["toolExecutionNotifications"].size() >= 1);
  CHECK(invocation["toolExecutionNotifications"][0]["level"] == "error");
  CHECK(run["properties"]["registry"]["sha256"] == *sha256_file(bundled().registry.path()));
}

TEST_CASE("audit SARIF: validates against the SARIF 2.1.0 schema, baseline states included", "[audit][report]") {
  auto schema = source_path("tests/data/sarif-schema-2.1.0.json"), validator = source_path("tests/sarif_validate.py");
  // Never a silent pass: without the schema or python3-jsonschema (scripts/install-deps) this fails, as sarif_test does.
  REQUIRE(std::filesystem::exists(schema));
  REQUIRE(std::filesystem::exists(validator));
  INFO("install python3-jsonschema (scripts/packages/editor.txt)");
  REQUIRE(std::system("/usr/bin/python3 -c 'import jsonschema' 2>/dev/null") == 0);
  auto f = fixture();
  auto baseline = audit::parse_baseline(render_audit_json({f.result, f.summary, fixture_rules(), Lang::en}), "old.json");
  baseline.findings.push_back(baseline.findings.front());
  baseline.findings.back().finding.clause = "社会保险 >= 60 个月;";  // gone since: becomes "absent"
  audit::compare(f.result, baseline);
  auto dir = audit_dir("sarif-schema");
  auto file = write_file(dir / "audit.sarif", render_audit_sarif({f.result, f.summary, fixture_rules(), Lang::zh}));
  auto log = (dir / "validate.log").string();
  int status = std::system(("/usr/bin/python3 '" + validator + "' '" + schema + "' '" + file + "' >'" + log + "' 2>&1").c_str());
  INFO(read_text(log));
  CHECK(status == 0);
  CHECK_THAT(read_text(log), Catch::Contains("valid"));
  auto j = nlohmann::json::parse(read_text(file));
  std::set<std::string> states;
  for (const auto& r : j["runs"][0]["results"]) states.insert(r["baselineState"].get<std::string>());
  CHECK(states == std::set<std::string>{"unchanged", "absent"});
}

TEST_CASE("audit HTML: one file with no external resource and the data escaped", "[audit][report]") {
  auto f = fixture();
  auto html = render_audit_html({f.result, f.summary, fixture_rules(), Lang::en});
  CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
  CHECK_THAT(html, !Catch::Contains("src=") && !Catch::Contains("href=") && !Catch::Contains("@import"));
  // Exactly the three script blocks of the template (audit data, map data, script): no data can close one.
  std::size_t closes = 0;
  for (auto at = html.find("</script>"); at != std::string::npos; at = html.find("</script>", at + 1)) ++closes;
  CHECK(closes == 3);
}
