// Silence is not a breach: what a policy leaves to other documents is one
// note (T22-LEFT-ELSEWHERE) listing it and the tasks not checked; a provision
// it states but delays or denies is still an error; the audit's coverage
// view counts, per provision, the cities that state it equal, worse, or not.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "audit_support.hpp"

using namespace luohu;

namespace {

const char* kChannel = "城市 530400;\n渠道 就业落户 {\n  对象 常住人口;\n  条件 { 合法稳定就业; }\n}\n";

}  // namespace

TEST_CASE("a policy silent on services and the permit gets one note, no warning", "[silence]") {
  auto report = test::check(kChannel);
  REQUIRE_FALSE(report.input_error());
  auto codes = test::codes(report);
  CHECK(std::count(codes.begin(), codes.end(), "T22-LEFT-ELSEWHERE") == 1);
  for (const auto& d : report.diagnostics) {
    INFO(d.code);
    CHECK(d.code.find("MISSING") == std::string::npos);
    CHECK(d.code != "T34-PERMIT-UNSTATED");
  }
  auto note = std::find_if(report.diagnostics.begin(), report.diagnostics.end(),
                           [](const Diagnostic& d) { return d.code == "T22-LEFT-ELSEWHERE"; });
  REQUIRE(note != report.diagnostics.end());
  CHECK(note->severity == Severity::note);
  CHECK_THAT(note->message.zh, Catch::Contains("住房保障、租赁补贴、住房公积金、医疗保险、养老保险、最低生活保障、子女教育、居住证办法") &&
                                   Catch::Contains("任务22、23、24、26、28、29、30、34因此未检查"));
  CHECK_THAT(note->message.en, Catch::Contains("residence-permit rules") && Catch::Contains("task(s) 22, 23, 24, 26, 28, 29, 30, 34"));
}

TEST_CASE("the note lists only what is unstated, and a delayed service is still an error", "[silence]") {
  auto report = test::check(std::string(kChannel) + "公共服务 {\n  住房保障 同等;\n  子女教育 延后 2 年;\n}\n");
  auto codes = test::codes(report);
  CHECK(std::count(codes.begin(), codes.end(), "T30-SCHOOLING-EQUAL") == 1);
  auto note = std::find_if(report.diagnostics.begin(), report.diagnostics.end(),
                           [](const Diagnostic& d) { return d.code == "T22-LEFT-ELSEWHERE"; });
  REQUIRE(note != report.diagnostics.end());
  CHECK_THAT(note->message.zh, !Catch::Contains("住房保障") && !Catch::Contains("子女教育") && Catch::Contains("租赁补贴"));
  CHECK_THAT(note->message.zh, Catch::Contains("任务23、24、26、28、29、34"));
  REQUIRE(report.provisions.size() == 8);
  CHECK(report.provisions[0].id == "housing_security");
  CHECK(report.provisions[0].state == "equal");
  CHECK(report.provisions[1].state == "silent");
  CHECK(report.provisions[6].id == "schooling");
  CHECK(report.provisions[6].state == "worse");
  CHECK(report.provisions[7].id == "residence_permit");
  CHECK(report.provisions[7].state == "silent");
}

TEST_CASE("the audit shows a coverage view instead of one warning per silent provision", "[silence][audit]") {
  auto dir = test::audit_dir("coverage");
  test::write_file(dir / "a.luohu", std::string(kChannel) + "公共服务 {\n  住房保障 同等;\n  医疗保险 不享有;\n}\n");
  test::write_file(dir / "b.luohu", "城市 530300;\n渠道 就业落户 {\n  对象 常住人口;\n}\n");
  auto r = test::run_luohu({"--lang", "en", "audit", dir.string(), "--format", "json"});
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  auto j = nlohmann::json::parse(r.out);
  const auto& coverage = j["summary"]["coverage"];
  REQUIRE(coverage.size() == 8);
  CHECK(coverage[0]["provision"] == "housing_security");
  CHECK(coverage[0]["task"] == 22);
  CHECK(coverage[0]["stated_equal"] == 1);
  CHECK(coverage[0]["silent"] == 1);
  CHECK(coverage[3]["provision"] == "medical_insurance");
  CHECK(coverage[3]["stated_worse"] == 1);
  CHECK(coverage[3]["silent"] == 1);
  CHECK(coverage[7]["provision"] == "residence_permit");
  CHECK(coverage[7]["silent"] == 2);
  for (const auto& file : j["files"]) {
    CHECK(file["provisions"].size() == 8);
    for (const auto& f : file["findings"]) CHECK(f["rule"].get<std::string>().find("MISSING") == std::string::npos);
  }
  auto summary = test::run_luohu({"--lang", "en", "audit", dir.string()});
  CHECK_THAT(summary.out, Catch::Contains("Coverage (") && Catch::Contains("stated worse") && Catch::Contains("medical insurance"));
  auto html = test::run_luohu({"--lang", "zh", "audit", dir.string(), "--format", "html"});
  CHECK_THAT(html.out, Catch::Contains("table-coverage") && Catch::Contains("\"coverage\""));
}
