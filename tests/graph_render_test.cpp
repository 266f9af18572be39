// Every example policy's pathway graph renders: DOT from luohu, laid out by
// Graphviz's dot when it is installed (CI installs it: scripts/packages/graph.txt).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compose/check.hpp"
#include "report/dot.hpp"
#include "explain/explain.hpp"
#include "model/builder.hpp"
#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string dot_of(const std::string& path, FileReport& report) {
  Checker checker(test::bundled().registry, test::bundled().rules);
  checker.as_of = test::kPlanDate;
  report = compose::check_file(checker, path);
  auto parsed = syntax::parse(*report.source);
  auto built = build_policy(parsed.file, test::bundled().registry);
  REQUIRE(built.policy);
  return pathway_dot(*built.policy, report.diagnostics, Lang::zh);
}

bool have_dot() { return std::system("command -v dot >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("every example policy's pathway graph renders", "[graph][render]") {
  int files = 0;
  for (const char* dir : {"examples/compliant", "examples/violations"}) {
    for (const auto& e : fs::directory_iterator(test::source_path(dir))) {
      if (e.path().extension() != ".luohu") continue;
      ++files;
      DYNAMIC_SECTION(e.path().filename().string()) {
        FileReport report;
        std::string dot = dot_of(e.path().string(), report);
        CHECK(dot.rfind("digraph G {", 0) == 0);
        CHECK(dot.find("常住未落户") != std::string::npos);
        if (have_dot()) {
          std::string error;
          auto svg = dot_to_svg(dot, error);
          INFO(error);
          REQUIRE(svg);
          CHECK(svg->find("<svg") != std::string::npos);
        }
      }
    }
  }
  CHECK(files >= 10);
}

TEST_CASE("edges that break a rule are red and name the rule", "[graph][render]") {
  std::string path = test::temp_file("chain.luohu",
                                     "城市 530400;\n居住证 { 条件 { 连续居住 >= 6 个月; 社会保险 >= 2 年; } }\n"
                                     "渠道 务工落户 { 对象 常住人口; 条件 { 合法稳定就业; 持有居住证 >= 3 年; } }\n"
                                     "渠道 人才 { 对象 高校毕业生; 条件 { 学历 >= 大专; } }\n");
  FileReport report;
  std::string dot = dot_of(path, report);
  auto red = dot.find(", color=red");
  REQUIRE(red != std::string::npos);
  auto line_start = dot.rfind('\n', red);
  std::string line = dot.substr(line_start, dot.find('\n', red) - line_start);
  CHECK(line.find("务工落户") != std::string::npos);
  CHECK(line.find("T9-CHAIN-MEDIUM") != std::string::npos);
  CHECK(line.find("持有居住证 >= 3 年") != std::string::npos);
  // The graduates' edge breaks nothing.
  auto graduates = dot.find("渠道“人才”");
  REQUIRE(graduates != std::string::npos);
  CHECK(dot.substr(graduates, dot.find('\n', graduates) - graduates).find("red") == std::string::npos);
}

TEST_CASE("luohu graph writes DOT, and SVG through Graphviz", "[graph][cli]") {
  auto dot = test::run_luohu({"graph", test::source_path("examples/violations/T9-qujing-insurance-4y.luohu")});
  CHECK(dot.exit_code == 0);
  CHECK(dot.out.find("digraph G {") == 0);
  CHECK(dot.out.find("T9-SOCIAL-INSURANCE-MEDIUM") != std::string::npos);
  auto bad = test::run_luohu({"graph", "--format", "png", test::source_path("examples/compliant/changde-medium.luohu")});
  CHECK(bad.exit_code != 0);
  auto missing = test::run_luohu({"graph", "/nonexistent.luohu"});
  CHECK(missing.exit_code == 2);
  if (have_dot()) {
    std::string out = test::temp_file("graph.svg", "");
    auto svg = test::run_luohu({"graph", "--format", "svg", "--output", out,
                                test::source_path("examples/compliant/changde-medium.luohu")});
    CHECK(svg.exit_code == 0);
    CHECK(read(out).find("<svg") != std::string::npos);
  }
}

TEST_CASE("explain --finding prints the chain of clauses and the figures", "[graph][explain]") {
  std::string path = test::temp_file("explain.luohu",
                                     "城市 530400;\n居住证 { 条件 { 连续居住 >= 6 个月; 社会保险 >= 2 年; } }\n"
                                     "渠道 务工落户 {\n  对象 常住人口;\n  条件 { 合法稳定就业; 持有居住证 >= 3 年; }\n}\n");
  auto q = parse_finding_query(path + ":5:T9-CHAIN-MEDIUM");
  REQUIRE(q);
  CHECK(q->line == 5);
  CHECK(q->rule == "T9-CHAIN-MEDIUM");
  Checker checker(test::bundled().registry, test::bundled().rules);
  checker.as_of = test::kPlanDate;
  std::string error;
  auto text = explain_finding(checker, *q, Lang::zh, error);
  INFO(error);
  REQUIRE(text);
  CHECK(text->find("T9-CHAIN-MEDIUM") != std::string::npos);
  CHECK(text->find(path + ":2:") != std::string::npos);  // the permit's clause
  CHECK(text->find("居住证申领 2 年 + 持有居住证 3 年 = 5 年") != std::string::npos);
  CHECK(text->find("常住未落户 → 居住证持有人 → 经渠道“务工落户”落户") != std::string::npos);

  auto none = parse_finding_query(path + ":4");
  REQUIRE(none);
  CHECK_FALSE(explain_finding(checker, *none, Lang::en, error));
  CHECK(error.find("5:T9-CHAIN-MEDIUM") != std::string::npos);
  CHECK_FALSE(parse_finding_query("no-line-number"));

  auto cli = test::run_luohu({"--lang", "en", "explain", "--finding", path + ":5"});
  CHECK(cli.exit_code == 0);
  CHECK(cli.out.find("chain of clauses:") != std::string::npos);
  auto bad = test::run_luohu({"explain", "--finding", "nonsense"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("explain --finding explains a finding in an imported baseline from the 导入 line", "[graph][explain][imports]") {
  // examples/imports/qujing.luohu imports the Yunnan baseline, whose channel
  // asks a medium city for 4 years of social insurance (T9, task 9).
  const std::string city = test::source_path("examples/imports/qujing.luohu");
  const std::string baseline = test::source_path("examples/imports/yunnan-baseline.luohu");
  Checker checker(test::bundled().registry, test::bundled().rules);
  checker.as_of = test::kPlanDate;
  std::string error;
  auto q = parse_finding_query(city + ":11:T9-SOCIAL-INSURANCE-MEDIUM");  // line 11: 导入 "yunnan-baseline.luohu";
  REQUIRE(q);
  auto text = explain_finding(checker, *q, Lang::en, error);
  INFO(error);
  REQUIRE(text);
  CHECK(text->find("T9-SOCIAL-INSURANCE-MEDIUM") != std::string::npos);
  CHECK(text->find(baseline + ":") != std::string::npos);  // shown where the clause is written
  CHECK(text->find("figures of channel") != std::string::npos);  // from the merged model
  // Asked for another line: the error lists where findings show.
  auto other = parse_finding_query(city + ":1");
  REQUIRE(other);
  CHECK_FALSE(explain_finding(checker, *other, Lang::en, error));
  CHECK(error.find("11:T9-SOCIAL-INSURANCE-MEDIUM") != std::string::npos);
}

TEST_CASE("explain --finding takes FILE:LINE:COL as check prints it", "[graph][explain][conventions]") {
  auto q = parse_finding_query("dir/a.luohu:24:5");
  REQUIRE(q);
  CHECK(q->path == "dir/a.luohu");
  CHECK(q->line == 24);
  CHECK(q->column == 5);
  auto qr = parse_finding_query("a.luohu:24:5:T9-SOCIAL-INSURANCE-MEDIUM");
  REQUIRE(qr);
  CHECK(qr->column == 5);
  CHECK(qr->rule == "T9-SOCIAL-INSURANCE-MEDIUM");
  CHECK_FALSE(parse_finding_query("a.luohu:24:0"));
  // The position pasted from the gcc line of check.
  std::string f = test::source_path("examples/violations/T9-qujing-insurance-4y.luohu");
  auto cli = test::run_luohu({"--lang", "en", "explain", "--finding", f + ":24:5"});
  INFO(cli.err);
  CHECK(cli.exit_code == 0);
  CHECK(cli.out.find("T9-SOCIAL-INSURANCE-MEDIUM") != std::string::npos);
  // A column where no finding starts: none shown, and the error lists where they are.
  auto miss = test::run_luohu({"--lang", "en", "explain", "--finding", f + ":24:9"});
  CHECK(miss.exit_code == 2);
}
