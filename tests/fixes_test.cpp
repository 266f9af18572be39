// Fixes (compose/fixes.hpp, docs/fixes.md): what each edit is, its safety,
// that comments and waivers stay, and that every fixable bad example of the
// rule pack re-checks clean of its finding with no new error.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "compose/check.hpp"
#include "compose/fixes.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"

using namespace luohu;
using namespace luohu::test;

namespace {

std::map<std::string, std::size_t> counts(const FileReport& r, bool errors_only = false) {
  std::map<std::string, std::size_t> out;
  for (const auto& d : r.diagnostics) {
    if (!errors_only || d.severity == Severity::error) ++out[d.code];
  }
  return out;
}

Checker plan_checker() {
  Checker c(bundled().registry, bundled().rules);
  c.as_of = kPlanDate;
  return c;
}

// The fixes of the first finding of `code` in `text`.
std::vector<Fix> fixes_of(const Checker& checker, const std::string& text, const std::string& code) {
  auto source = std::make_shared<const SourceFile>("test.luohu", text);
  auto parsed = syntax::parse(*source);
  FileReport report = compose::check_parsed(checker, source, parsed);
  for (const auto& d : report.diagnostics) {
    if (d.code == code) return compose::fixes_for(checker, report, parsed.file, d);
  }
  return {};
}

const Fix* preferred(const std::vector<Fix>& fixes) {
  for (const auto& f : fixes) {
    if (f.preferred) return &f;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("fixes: every fixable bad example of the rule pack re-checks clean of its finding, with no new error",
          "[fixes][rules][examples]") {
  const auto& pack = bundled().rules;
  Checker checker(bundled().registry, pack);
  std::set<std::string> fixable;
  std::size_t examples = 0, fixed_examples = 0;
  for (const auto& rule : pack.rules) {
    for (const auto& example : rule.examples) {
      if (!example.bad) continue;
      ++examples;
      [&] {  // one example; a plain loop, so the tally below sees them all
        INFO(rule.id << ": " << example.name);
        checker.as_of = rule.in_force.from;
        std::string path = rule.path + ":" + std::to_string(example.line);
        auto source = std::make_shared<const SourceFile>(path, example.policy);
        auto parsed = syntax::parse(*source);
        FileReport before = compose::check_parsed(checker, source, parsed);
        CHECK_FALSE(before.input_error());
        if (before.input_error()) return;
        std::size_t findings = 0, with_fix = 0;
        for (const auto& d : before.diagnostics) {
          if (d.code != rule.id) continue;
          ++findings;
          auto fixes = compose::fixes_for(checker, before, parsed.file, d);
          // Every finding of a rule can at least be waived: the skeleton, never preferred, never applied.
          CHECK_FALSE(fixes.empty());
          if (fixes.empty()) continue;
          CHECK(fixes.back().safety == FixSafety::display_only);
          CHECK_FALSE(fixes.back().preferred);
          CHECK(std::count_if(fixes.begin(), fixes.end(), [](const Fix& f) { return f.preferred; }) <= 1);
          if (preferred(fixes)) ++with_fix;
        }
        if (with_fix == 0) return;
        fixable.insert(rule.id);
        ++fixed_examples;
        auto outcome = compose::fix_text(checker, path, example.policy, true);
        INFO("fixed text:\n" << outcome.text);
        CHECK_FALSE(outcome.report.input_error());
        CHECK(outcome.edits >= 1);
        auto after = counts(outcome.report);
        CHECK(after[rule.id] <= findings - with_fix);  // each finding that had a fix is gone
        for (const auto& [code, n] : counts(outcome.report, true)) {
          INFO("error " << code << " after the fix");
          CHECK(n <= counts(before, true)[code]);  // no new error
        }
        // Fixing the fixed text again changes nothing.
        auto again = compose::fix_text(checker, path, outcome.text, true);
        CHECK(again.text == outcome.text);
      }();
    }
  }
  // The edits the issue names, each on the rules it fixes: the test fails if one stops working.
  for (const char* id : {"T9-SOCIAL-INSURANCE-LARGE", "T9-SOCIAL-INSURANCE-MEDIUM", "T7-PURCHASE-INVEST-TAX",
                         "T8-POINTS-SCHEME", "T8-POINTS-CONDITION", "T2-WHOLE-FAMILY", "T3-FULLY-OPEN"}) {
    INFO(id);
    CHECK(fixable.count(id) == 1);
  }
  CHECK(fixed_examples >= 10);
  WARN("bad examples: " << examples << ", with a fix: " << fixed_examples << ", rules fixable: " << fixable.size());
}

TEST_CASE("fixes: lowering a cap is safe, in the author's unit and operator", "[fixes]") {
  Checker checker = plan_checker();
  std::string text = "城市 530300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 {\n    社会保险 不少于 48 个月;\n  }\n  随迁 配偶、子女、父母;\n}\n";
  auto fixes = fixes_of(checker, text, "T9-SOCIAL-INSURANCE-MEDIUM");
  const Fix* f = preferred(fixes);
  REQUIRE(f);
  CHECK(f->safety == FixSafety::safe);
  CHECK(f->replacement == "不少于 36 个月");
  CHECK(f->description.zh == "改为“不少于 36 个月”以符合 T9-SOCIAL-INSURANCE-MEDIUM");
  // --fix (safe only) applies it.
  auto out = compose::fix_text(checker, "test.luohu", text, false);
  CHECK(out.text == "城市 530300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 {\n    社会保险 不少于 36 个月;\n  }\n  随迁 配偶、子女、父母;\n}\n");
  CHECK(out.edits == 1);
  CHECK(out.fixed >= 1);
}

TEST_CASE("fixes: removing a forbidden condition is unsafe and keeps the line's comment", "[fixes]") {
  Checker checker = plan_checker();
  std::string text =
      "城市 330300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 {\n    合法稳定就业;\n    购买房屋;  # 原文第三条\n  }\n  随迁 配偶、子女、父母;\n}\n";
  auto fixes = fixes_of(checker, text, "T7-PURCHASE-INVEST-TAX");
  const Fix* f = preferred(fixes);
  REQUIRE(f);
  CHECK(f->safety == FixSafety::unsafe);
  CHECK(f->description.en == "remove the condition '购买房屋'");
  // --fix leaves it; --unsafe-fixes applies it, the comment kept on a line of its own.
  CHECK(compose::fix_text(checker, "test.luohu", text, false).text == text);
  auto out = compose::fix_text(checker, "test.luohu", text, true);
  CHECK(out.text ==
        "城市 330300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 {\n    合法稳定就业;\n    # 原文第三条\n  }\n  随迁 配偶、子女、父母;\n}\n");
  CHECK(counts(out.report)["T7-PURCHASE-INVEST-TAX"] == 0);
}

TEST_CASE("fixes: a clause a waiver trails is never removed (the waiver would cover another line)", "[fixes]") {
  Checker checker = plan_checker();
  checker.waiver_options.no_waivers = true;  // the finding is not waived, the comment still sits there
  std::string text =
      "城市 330300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 {\n    购买房屋;  # luohu: allow T7-PURCHASE-INVEST-TAX "
      "reason=\"x\" document=\"温政复〔2023〕1号\" date=2023-01-01 expires=2099-12-31\n    纳税 >= 1 万元;\n  }\n}\n";
  auto fixes = fixes_of(checker, text, "T7-PURCHASE-INVEST-TAX");
  CHECK(preferred(fixes) == nullptr);
  REQUIRE_FALSE(fixes.empty());
  CHECK(fixes.back().safety == FixSafety::display_only);
}

TEST_CASE("fixes: the missing family members are added, the fewest that clear it", "[fixes]") {
  Checker checker = plan_checker();
  std::string text = "城市 530400;\n渠道 务工落户 {\n  对象 农业转移人口;\n  条件 { 合法稳定住所 含租赁; }\n  随迁 配偶、未成年子女;\n}\n";
  auto fixes = fixes_of(checker, text, "T2-WHOLE-FAMILY");
  const Fix* f = preferred(fixes);
  REQUIRE(f);
  CHECK(f->safety == FixSafety::safe);
  CHECK(f->replacement == "、父母");
  CHECK(f->description.zh == "随迁加上“父母”");
  // A channel with no 随迁 gets one, indented as its statements.
  std::string none = "城市 530400;\n渠道 务工落户 {\n  对象 农业转移人口;\n  条件 { 合法稳定住所 含租赁; }\n}\n";
  auto out = compose::fix_text(checker, "test.luohu", none, false);
  CHECK(out.text == "城市 530400;\n渠道 务工落户 {\n  对象 农业转移人口;\n  条件 { 合法稳定住所 含租赁; }\n  随迁 配偶、子女、父母;\n}\n");
  CHECK(counts(out.report)["T2-WHOLE-FAMILY"] == 0);
  // English keywords get English terms.
  std::string en = "city 530400;\nchannel work {\n  targets migrant;\n  conditions { residence including_rental; }\n  family spouse;\n}\n";
  auto en_out = compose::fix_text(checker, "test.luohu", en, false);
  INFO(en_out.text);
  CHECK(en_out.text.find("family spouse, children, parents;") != std::string::npos);
}

TEST_CASE("fixes: a points block where points are forbidden is removed (unsafe), its comments kept", "[fixes]") {
  Checker checker = plan_checker();
  std::string text =
      "城市 410300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 { 合法稳定就业; }\n  随迁 配偶、子女、父母;\n}\n\n"
      "积分 {  # 2017 年方案\n  因素 学历 权重 10;\n  分值线 90;\n}\n";
  auto fixes = fixes_of(checker, text, "T8-POINTS-SCHEME");
  const Fix* f = preferred(fixes);
  REQUIRE(f);
  CHECK(f->safety == FixSafety::unsafe);
  CHECK(f->description.zh == "删除“积分”块");
  auto out = compose::fix_text(checker, "test.luohu", text, true);
  CHECK(out.text == "城市 410300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 { 合法稳定就业; }\n  随迁 配偶、子女、父母;\n}\n\n# 2017 年方案\n");
  CHECK(counts(out.report)["T8-POINTS-SCHEME"] == 0);
}

TEST_CASE("fixes: the waiver skeleton has the four required fields and is never applied", "[fixes]") {
  Checker checker = plan_checker();
  std::string text = "城市 530300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 {\n    社会保险 >= 48 个月;\n  }\n}\n";
  auto fixes = fixes_of(checker, text, "T9-SOCIAL-INSURANCE-MEDIUM");
  REQUIRE(fixes.size() >= 2);
  const Fix& w = fixes.back();
  CHECK(w.safety == FixSafety::display_only);
  CHECK(w.replacement == "    # luohu: 豁免 T9-SOCIAL-INSURANCE-MEDIUM 理由=“” 文号=“” 日期=YYYY-MM-DD 到期=YYYY-MM-DD\n");
  CHECK(w.range.begin == text.find("    社会保险"));
  CHECK(w.range.empty());
  // Applied by hand it is a malformed waiver until the approving authority fills it in: never silently waived.
  auto report = compose::check_text(checker, "test.luohu", compose::apply_fix(text, w));
  auto c = counts(report);
  CHECK(c["waiver-malformed"] == 1);
  CHECK(c["T9-SOCIAL-INSURANCE-MEDIUM"] == 1);
}

TEST_CASE("fixes: mixed-hohhot-several is fixed in place of every finding that has an edit", "[fixes]") {
  Checker checker = plan_checker();
  std::string path = source_path("examples/violations/mixed-hohhot-several.luohu");
  std::string text = test::read_file(path);
  auto before = compose::check_text(checker, path, text);
  auto out = compose::fix_text(checker, path, text, true);
  INFO(out.text);
  REQUIRE_FALSE(out.report.input_error());
  auto after = counts(out.report);
  for (const char* id : {"T9-SOCIAL-INSURANCE-LARGE", "T7-PURCHASE-INVEST-TAX", "T8-POINTS-SCHEME", "T8-POINTS-CONDITION",
                         "T2-WHOLE-FAMILY", "T20-RURAL-RIGHTS-CONDITION", "T3-FULLY-OPEN"}) {
    INFO(id);
    CHECK(after[id] == 0);
  }
  for (const auto& [code, n] : counts(out.report, true)) CHECK(n <= counts(before, true)[code]);
  // Every comment of the file is still there.
  std::size_t comments_before = 0, comments_after = 0;
  for (char ch : text) comments_before += ch == '#';
  for (char ch : out.text) comments_after += ch == '#';
  CHECK(comments_after == comments_before);
}

TEST_CASE("check --fix rewrites the file atomically — --unsafe-fixes does the rest — - prints the fixed text",
          "[fixes][cli][conventions]") {
  namespace fs = std::filesystem;
  std::string text = test::read_file(source_path("examples/violations/mixed-hohhot-several.luohu"));
  auto file = temp_file("fix-hohhot.luohu", text);
  auto r = run_luohu({"--lang", "en", "check", "--as-of", kPlanDate, "--fix", file});
  CHECK(r.exit_code == 1);  // findings with no safe fix are left
  CHECK_THAT(r.out, Catch::Contains("fixed ") && Catch::Contains("more with --unsafe-fixes"));
  CHECK_THAT(r.out, Catch::Contains("= fix: remove the condition"));
  std::string safe = test::read_file(file);
  CHECK(safe != text);
  CHECK(safe.find("社会保险 >= 60 个月;") != std::string::npos);  // 72 months lowered to the large city's cap
  CHECK(safe.find("购买房屋;") != std::string::npos);              // a removal is unsafe: still there
  for (const auto& e : fs::directory_iterator(fs::path(file).parent_path()))
    CHECK(e.path().filename().string().find(".luohu-") == std::string::npos);  // no temporary file left

  r = run_luohu({"check", "--lang", "zh", "--as-of", kPlanDate, "--unsafe-fixes", file});
  CHECK_THAT(r.out, Catch::Contains("已修复"));
  std::string all = test::read_file(file);
  CHECK(all.find("购买房屋;") == std::string::npos);
  CHECK(all.find("# 预期: T8-POINTS-SCHEME") != std::string::npos);  // comments kept
  // Nothing left to fix: the file is not written again.
  auto mtime = fs::last_write_time(file);
  r = run_luohu({"check", "--as-of", kPlanDate, "--unsafe-fixes", file});
  CHECK(fs::last_write_time(file) == mtime);
  CHECK(test::read_file(file) == all);

  // Standard input: the fixed text on stdout, the report on stderr.
  auto in = temp_file("fix-stdin.luohu", text);
  r = run_luohu({"--lang", "en", "check", "--as-of", kPlanDate, "--fix", "--stdin-filename", "h.luohu", "-"}, in);
  CHECK(r.out == safe);
  CHECK_THAT(r.err, Catch::Contains("fixed "));
  CHECK(test::read_file(in) == text);

  // JSON lists what is left to fix.
  r = run_luohu({"check", "--as-of", kPlanDate, "--fix", "--format", "json", file});
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["summary"]["fixed"] == 0);
}
