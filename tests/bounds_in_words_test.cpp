// "4年以上" read as the plan writes it (以上包括本数: >= 4 年); "4年以下", whose
// bound the national texts read both ways, refused with the two forms to write.
#include <catch2/catch.hpp>

#include "compose/check.hpp"
#include "compose/fixes.hpp"
#include "format/formatter.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"

using namespace luohu;

namespace {

std::string medium_city(const std::string& clause) {
  return "城市 530300;\n渠道 务工 {\n  对象 农业转移人口;\n  条件 {\n    " + clause + "\n  }\n  随迁 配偶、子女、父母;\n}\n";
}

std::size_t fired(const FileReport& r, const std::string& code) {
  return std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
}

Checker plan_checker() {
  Checker c(test::bundled().registry, test::bundled().rules);
  c.as_of = test::kPlanDate;
  return c;
}

}  // namespace

TEST_CASE("bounds in words: 4年以上 and 7年及以上 read as >= (以上包括本数)", "[parser][conventions]") {
  SourceFile source("a.luohu", medium_city("社会保险 4年以上;"));
  auto parsed = syntax::parse(source);
  REQUIRE(parsed.ok());
  const auto& arg = parsed.file.channels[0].conditions[0].arguments.at(0);
  CHECK(arg.kind == syntax::Argument::Kind::comparison);
  CHECK(arg.op == syntax::CompareOp::ge);
  CHECK(arg.number == 4);
  REQUIRE(arg.unit);
  CHECK(arg.unit->text == "年");
  CHECK(source.text().substr(arg.range.begin, arg.range.end - arg.range.begin) == "4年以上");

  Checker checker = plan_checker();
  // A medium city's cap is 3 years: 4年以上 breaks it, 3年以上 (= >= 3 年) does not, 36个月及以上 neither.
  CHECK(fired(compose::check_text(checker, "a.luohu", medium_city("社会保险 4年以上;")), "T9-SOCIAL-INSURANCE-MEDIUM") == 1);
  CHECK(fired(compose::check_text(checker, "a.luohu", medium_city("社会保险 3年以上;")), "T9-SOCIAL-INSURANCE-MEDIUM") == 0);
  CHECK(fired(compose::check_text(checker, "a.luohu", medium_city("社会保险 36个月及以上;")), "T9-SOCIAL-INSURANCE-MEDIUM") == 0);
  CHECK(fired(compose::check_text(checker, "a.luohu", medium_city("社会保险 4 年及以上;")), "T9-SOCIAL-INSURANCE-MEDIUM") == 1);
  // The same finding as ">= 4 年", with the same message.
  auto words = compose::check_text(checker, "a.luohu", medium_city("社会保险 4年以上;"));
  auto ops = compose::check_text(checker, "a.luohu", medium_city("社会保险 >= 4 年;"));
  CHECK(words.diagnostics.size() == ops.diagnostics.size());
  for (const auto& d : words.diagnostics) {
    if (d.code == "T9-SOCIAL-INSURANCE-MEDIUM") CHECK_THAT(d.message.zh, Catch::Contains("（>= 4 年）"));
  }
}

TEST_CASE("bounds in words: fmt keeps 4年以上 as written — the fix lowers it in the same words", "[parser][fixes]") {
  auto formatted = format::format_source(SourceFile("a.luohu", medium_city("社会保险   4年以上 ;")));
  REQUIRE(formatted.text);
  CHECK(formatted.text->find("社会保险 4年以上;") != std::string::npos);
  Checker checker = plan_checker();
  auto out = compose::fix_text(checker, "a.luohu", medium_city("社会保险 4年以上;"), false);
  CHECK(out.text == medium_city("社会保险 3年以上;"));
  out = compose::fix_text(checker, "a.luohu", medium_city("社会保险 48个月及以上;"), false);
  CHECK(out.text == medium_city("社会保险 36个月及以上;"));
}

TEST_CASE("bounds in words: 4年以下 is ambiguous and gets the two exact forms, at its line and column", "[parser][errors]") {
  SourceFile source("a.luohu", medium_city("年龄 45周岁以下;"));
  auto parsed = syntax::parse(source);
  REQUIRE(parsed.diagnostics.size() == 1);
  const auto& d = parsed.diagnostics[0];
  CHECK(d.code == "ambiguous-bound");
  CHECK(d.input_error);
  LineColumn at = source.location(d.range.begin);
  CHECK(at.line == 5);
  CHECK(at.column == 8);
  CHECK(d.message.zh ==
        "“45周岁以下”是否包括本数并不明确（城市规模划分标准的“以下”不包括本数）：包括请写“<= 45 周岁”，不包括请写“< 45 周岁”");
  CHECK_THAT(d.message.en, Catch::Contains("write '<= 45 周岁' to include it or '< 45 周岁' to exclude it"));
  // 以内 likewise; the CLI exits 2 with file:line:column.
  auto file = test::temp_file("bound.luohu", medium_city("社会保险 3年以内;"));
  auto r = test::run_luohu({"--lang", "en", "check", "--format", "gcc", file});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.out, Catch::Contains("bound.luohu:5:10: error:") && Catch::Contains("[ambiguous-bound]"));
}
