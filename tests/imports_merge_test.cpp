// Composition: a policy checked merged with the baselines it imports
// (docs/pathways.md, "Composition: imports"); findings in imported clauses
// point into the imported file; an audit parses a shared baseline once and
// reports its findings in every importing city.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "audit/audit.hpp"
#include "audit/discover.hpp"
#include "audit/summary.hpp"
#include "audit_support.hpp"
#include "compose/check.hpp"
#include "compose/merge.hpp"
#include "source/source_map.hpp"
#include "report/audit_reports.hpp"
#include "report/reporters.hpp"
#include "report/sarif.hpp"

using namespace luohu;
using namespace luohu::test;
namespace fs = std::filesystem;

namespace {

const char* kMedium = "T9-SOCIAL-INSURANCE-MEDIUM";

// A provincial baseline: no 城市; its workers' channel asks 4 years of social
// insurance, over the medium-city cap of 3 (line 7).
const char* kBaseline = R"(标题 “全省基线”;
渠道 重点群体落户 {
  对象 高校毕业生、技术工人、职业院校毕业生、留学归国人员;
}
渠道 务工人员落户 {
  对象 农业转移人口;
  条件 { 社会保险 >= 4 年; }
}
)";

std::string city(const std::string& code, const std::string& extra = "") {
  return "城市 " + code + ";\n导入 \"baseline.luohu\";\n" + extra;
}

const Diagnostic* find(const FileReport& r, const std::string& code) {
  for (const auto& d : r.diagnostics) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

std::string file_of(const FileReport& r, SourceRange range) { return fs::path(locate(r, range).source->path()).filename().string(); }
std::uint32_t line_of(const FileReport& r, SourceRange range) {
  Located at = locate(r, range);
  return at.source->location(at.range.begin).line;
}

FileReport check_path(const std::string& path, const RulePack& rules = bundled().rules) {
  Checker checker(bundled().registry, rules);
  checker.as_of = kPlanDate;
  return compose::check_file(checker, path);
}

}  // namespace

TEST_CASE("imports: a finding in an imported channel points into the imported file, noted at the 导入", "[imports]") {
  auto report = check_path(source_path("examples/imports/qujing.luohu"));
  REQUIRE_FALSE(report.input_error());
  const Diagnostic* d = find(report, kMedium);
  REQUIRE(d);
  CHECK(file_of(report, d->range) == "yunnan-baseline.luohu");
  Located at = locate(report, d->range);
  CHECK(at.source->text().substr(at.range.begin, at.range.end - at.range.begin) == "社会保险 >= 4 年;");
  // The channel note is in the baseline too; the last note is the importer's 导入 statement.
  REQUIRE(d->related.size() >= 2);
  CHECK(file_of(report, d->related.front().range) == "yunnan-baseline.luohu");
  const auto& here = d->related.back();
  CHECK(file_of(report, here.range) == "qujing.luohu");
  CHECK(line_of(report, here.range) == 11);
  CHECK(here.message.en == "'" + at.source->path() + "' imported here");

  // Every reporter names the baseline's file and line.
  std::uint32_t line = line_of(report, d->range);
  auto gcc = render_gcc(report, {Lang::en, false});
  CHECK_THAT(gcc, Catch::Contains("examples/imports/yunnan-baseline.luohu:" + std::to_string(line) + ":5: error:"));
  auto human = render_human(report, {Lang::en, false});
  CHECK_THAT(human, Catch::Contains("--> " + at.source->path() + ":" + std::to_string(line) + ":5"));
  CHECK_THAT(human, Catch::Contains("社会保险 >= 4 年;"));
  CHECK_THAT(human, Catch::Contains("qujing.luohu:11:1: '"));
  auto j = diagnostic_json(report, *d, Lang::en);
  CHECK(j["file"] == at.source->path());
  CHECK(j["line"] == line);
  CHECK(fs::path(j["related"].back()["file"].get<std::string>()).filename() == "qujing.luohu");
  auto sarif = render_sarif({report}, bundled().rules, Lang::en);
  bool in_baseline = false;
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (r["ruleId"] != kMedium) continue;
    auto uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].get<std::string>();
    in_baseline = uri.find("yunnan-baseline.luohu") != std::string::npos &&
                  r["locations"][0]["physicalLocation"]["region"]["startLine"] == line;
  }
  CHECK(in_baseline);
}

TEST_CASE("imports: the importer's channel of the same name replaces the baseline's", "[imports]") {
  auto yuxi = check_path(source_path("examples/imports/yuxi.luohu"));
  REQUIRE_FALSE(yuxi.input_error());
  CHECK_FALSE(find(yuxi, kMedium));
  CHECK(yuxi.count(Severity::error) == 0);
  auto qujing = check_path(source_path("examples/imports/qujing.luohu"));
  CHECK(qujing.count(Severity::error) == 1);  // the baseline's channel, not redefined there
}

TEST_CASE("imports: merge semantics on the syntax tree", "[imports]") {
  auto dir = audit_dir("merge-tree");
  write_file(dir / "base0.luohu", R"(区域 新区;
区域 老城区;
渠道 甲 { 对象 高校毕业生; }
渠道 丁 { 对象 技术工人; }
积分 { 门槛 100 分; }
农村权益退出 不限;
)");
  write_file(dir / "base1.luohu", R"(导入 "base0.luohu";
标题 “省基线”;
文号 “省发〔2020〕1号”;
区域 新区;
渠道 乙 { 对象 高校毕业生; }
渠道 丁 { 对象 留学归国人员; }
居住证 { 条件 { 连续居住 >= 6 个月; } }
)");
  auto top = write_file(dir / "top.luohu", R"(城市 530300;
标题 “本市”;
导入 "base1.luohu";
渠道 乙 { 对象 技术工人; }
渠道 丙 { 对象 技术工人; }
居住证 { 条件 { 连续居住 >= 1 年; } }
)");
  auto plan = plan_imports({top});
  REQUIRE(plan.files.size() == 3);
  REQUIRE_FALSE(plan.has_cycle);
  auto comp = compose::compose(plan, 0);
  REQUIRE(comp.diagnostics.empty());
  std::vector<std::string> channels, headers, zones;
  for (const auto& c : comp.file.channels) channels.push_back(c.name.text);
  // The importer's own first, then each baseline's new ones, nearest baseline first.
  CHECK(channels == std::vector<std::string>{"乙", "丙", "丁", "甲"});
  for (const auto& st : comp.file.statements) {
    if (st.keyword.text == "标题" || st.keyword.text == "文号" || st.keyword.text == "城市") headers.push_back(st.keyword.text);
    if (st.keyword.text == "区域") zones.push_back(st.arguments[0].word.text);
  }
  CHECK(headers == std::vector<std::string>{"城市", "标题"});  // the baselines' title and document are not the city's
  CHECK(zones == std::vector<std::string>{"新区", "老城区"});   // the union, each once
  REQUIRE(comp.file.blocks.size() == 2);                       // the importer's 居住证, the baseline's 积分
  CHECK(comp.file.blocks[0].keyword.text == "居住证");
  CHECK(comp.sources->index_of(comp.file.blocks[0].range.begin) == 0);
  CHECK(comp.file.blocks[1].keyword.text == "积分");
  CHECK(fs::path(comp.sources->files[comp.sources->index_of(comp.file.blocks[1].range.begin)].source->path()).filename() ==
        "base0.luohu");
  // 丁 comes from base1 (nearer), not base0.
  const auto& ding = comp.file.channels[2];
  CHECK(fs::path(comp.sources->files[comp.sources->index_of(ding.range.begin)].source->path()).filename() == "base1.luohu");
  // Transitive: base0 came in through base1, whose 导入 is noted, then top's.
  std::vector<Diagnostic> notes(1);
  notes[0].range = comp.file.channels[3].range;
  compose::add_import_notes(*comp.sources, notes);
  REQUIRE(notes[0].related.size() == 2);
  CHECK(notes[0].related[0].message.en.find("base0.luohu' imported here") != std::string::npos);
  CHECK(notes[0].related[1].message.en.find("base1.luohu' imported here") != std::string::npos);
}

TEST_CASE("imports: a cycle is reported through luohu check with its path", "[imports]") {
  auto dir = audit_dir("check-cycle");
  write_file(dir / "a.luohu", "城市 530300;\n导入 \"b.luohu\";\n");
  write_file(dir / "b.luohu", "标题 “b”;\n\n导入 \"a.luohu\";\n");
  auto r = run_luohu({"--lang", "en", "check", "--format", "gcc", (dir / "a.luohu").string()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("a.luohu:2:1: error: imports form a cycle:"));
  CHECK_THAT(r.out, Catch::Contains("a.luohu:2:1: '") && Catch::Contains("b.luohu:3:1: '"));
  CHECK_THAT(r.out, Catch::Contains("[import-cycle]"));
  auto missing = run_luohu({"--lang", "en", "check", write_file(dir / "c.luohu", "城市 530300;\n导入 \"nowhere.luohu\";\n")});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.out, Catch::Contains("cannot read imported file") && Catch::Contains("c.luohu:2:1"));
}

TEST_CASE("imports: a baseline checked on its own says it is only imported", "[imports]") {
  auto r = run_luohu({"--lang", "en", "check", source_path("examples/imports/yunnan-baseline.luohu")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("no 'city' statement") && Catch::Contains("a file without one is a baseline"));
}

TEST_CASE("imports: a syntax error in a baseline is an input error of the importer, located in the baseline", "[imports]") {
  auto dir = audit_dir("broken-baseline");
  write_file(dir / "baseline.luohu", "渠道 {\n");
  auto report = check_path(write_file(dir / "city.luohu", city("530300")));
  REQUIRE(report.input_error());
  REQUIRE_FALSE(report.diagnostics.empty());
  CHECK(file_of(report, report.diagnostics[0].range) == "baseline.luohu");
  CHECK(file_of(report, report.diagnostics[0].related.back().range) == "city.luohu");
}

TEST_CASE("imports: a waiver in the baseline covers the finding there", "[imports][waivers]") {
  auto dir = audit_dir("baseline-waiver");
  std::string text = kBaseline;
  auto at = text.find("  条件");
  text.insert(at, "  # luohu: allow T9-SOCIAL-INSURANCE-MEDIUM reason=\"全省过渡期\" document=\"云政复〔2023〕5号\" date=2023-05-01 expires=2099-12-31\n");
  write_file(dir / "baseline.luohu", text);
  auto report = check_path(write_file(dir / "city.luohu", city("530300")));
  const Diagnostic* d = find(report, kMedium);
  REQUIRE(d);
  REQUIRE(d->waived);
  CHECK(d->waived->reason == "全省过渡期");
  CHECK(file_of(report, d->waived->range) == "baseline.luohu");
  CHECK(report.count(Severity::error) == 0);
  CHECK_FALSE(find(report, "waiver-unused"));
}

TEST_CASE("imports: an editor sees imported findings on the 导入 line", "[imports]") {
  auto report = check_path(source_path("examples/imports/qujing.luohu"));
  compose::confine_to_root(report);
  const Diagnostic* d = find(report, kMedium);
  REQUIRE(d);
  CHECK(report.source->location(d->range.begin).line == 11);
  CHECK_THAT(d->message.en, Catch::StartsWith(source_path("examples/imports/yunnan-baseline.luohu") + ":"));
}

TEST_CASE("imports: an audit parses a shared baseline once and reports its findings in each importer", "[imports][audit]") {
  auto dir = audit_dir("shared-baseline");
  write_file(dir / "yunnan" / "baseline.luohu", kBaseline);
  write_file(dir / "yunnan" / "qujing.luohu", city("530300"));
  write_file(dir / "yunnan" / "yuxi.luohu", city("530400"));
  Checker checker(bundled().registry, fixture_rules());
  auto found = audit::discover({dir.string()});
  REQUIRE(found.files.size() == 3);
  audit::Options options;
  options.jobs = 2;
  auto result = audit::run(checker, found.files, options);
  CHECK(result.parsed_files == 3);  // the baseline once, though two cities import it
  REQUIRE(result.files.size() == 2);  // the baseline is not a city's policy, nor an error
  CHECK(result.unchecked() == 0);
  std::string baseline = (dir / "yunnan" / "baseline.luohu").generic_string();
  for (const auto& f : result.files) {
    INFO(f.path);
    REQUIRE(f.findings.size() == 1);
    CHECK(f.findings[0].rule == kMedium);
    CHECK(f.findings[0].file == baseline);
    CHECK(f.findings[0].line == 7);
    CHECK(f.findings[0].clause == "条件 { 社会保险 >= 4 年; }");
    CHECK(f.imports == std::vector<std::string>{baseline});
  }
  REQUIRE(result.imports.size() == 1);
  CHECK(result.imports[0].path == baseline);
  CHECK(result.imports[0].importers.size() == 2);
  CHECK(result.imports[0].sha256);
  auto summary = audit::summarize(result, fixture_rules());
  CHECK(summary.errors == 2);
  AuditReportInput in{result, summary, fixture_rules(), Lang::en};
  auto j = audit_json(in);
  CHECK(j["imports"][0]["path"] == baseline);
  CHECK(j["files"][0]["findings"][0]["file"] == baseline);
}

TEST_CASE("imports: --jobs 1 and --jobs 2 give identical audits with imports", "[imports][audit][cli]") {
  auto dir = audit_dir("jobs-imports");
  write_file(dir / ".luohu.yaml", "");  // the policy root: imports may reach ../baseline.luohu
  write_file(dir / "baseline.luohu", kBaseline);
  write_file(dir / "a" / "changde.luohu", "城市 430700;\n导入 \"../baseline.luohu\";\n");  // medium: over the cap
  write_file(dir / "b" / "chuxiong.luohu", "城市 532301;\n导入 \"../baseline.luohu\";\n");  // small: no cap in the fixture pack
  auto run = [&](const char* jobs, const char* format) {
    return run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", dir.string(), source_path("examples/imports"), "--format",
                      format, "--jobs", jobs});
  };
  auto one = run("1", "json"), two = run("2", "json");
  CHECK(one.exit_code == 1);
  CHECK(one.out == two.out);
  auto j = nlohmann::json::parse(one.out);
  CHECK(j["summary"]["files"] == 4);  // two cities here, two in examples/imports; neither baseline
  CHECK(j["summary"]["errors"] == 2);  // changde here, qujing in examples/imports
  CHECK(j["imports"].size() == 2);
  CHECK(run("1", "csv").out == run("2", "csv").out);
  CHECK(run("1", "sarif").out == run("2", "sarif").out);
}

TEST_CASE("imports: the audit's HTML draws each city's pathway graph inline", "[imports][audit][html]") {
  auto dir = audit_dir("html-graphs");
  auto out = (dir / "audit.html").string();
  auto r = run_luohu({"--lang", "en", "--rules", fixture_rules_dir(), "audit", source_path("examples/imports"), "--format", "html", "--output", out});
  CHECK(r.exit_code == 1);
  auto html = read_text(out);
  CHECK_THAT(html, Catch::Contains("<div hidden id=\"graph-0\">") && Catch::Contains("<div hidden id=\"graph-1\">"));
  CHECK_THAT(html, !Catch::Contains("<script src") && !Catch::Contains("http://www.w3.org/1999/xlink\" xlink:href"));
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    // 曲靖 first (530300 < 530400): its workers' channel, from the baseline, is red with the rule id.
    auto qujing = html.substr(html.find("<div hidden id=\"graph-0\">"));
    qujing = qujing.substr(0, qujing.find("</div>"));
    CHECK_THAT(qujing, Catch::Contains("<svg") && Catch::Contains("stroke=\"red\"") && Catch::Contains(">T9&#45;SOCIAL&#45;INSURANCE&#45;MEDIUM<"));
  } else {
    CHECK_THAT(html, Catch::Contains("pathway graph not drawn"));
  }
}
