// Limits (docs/limits.md): each gives its documented error text, and the
// file is reported as unchecked (exit 2), never a crash or a hang.
#include <catch2/catch.hpp>

#include <fstream>

#include "lsp/transport.hpp"
#include "rules/rule.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"

using luohu::test::check;

namespace {
const luohu::Diagnostic* first(const luohu::FileReport& r, const std::string& code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}
std::string any_of_nest(int depth) {
  std::string text = "城市 530300;\n渠道 甲 {\n  对象 农业转移人口;\n  条件 {";
  for (int i = 0; i < depth; ++i) text += " 任一 {";
  text += " 合法稳定就业;";
  for (int i = 0; i < depth; ++i) text += " }";
  return text + " }\n}\n";
}
}  // namespace

TEST_CASE("limit: a policy file over 10 MiB is refused before it is read", "[limits]") {
  std::string path = luohu::test::temp_file("huge.luohu", "");
  {
    std::ofstream out(path, std::ios::binary);
    std::string line = "# " + std::string(1022, 'x') + "\n";
    for (int i = 0; i < 10 * 1024 + 1; ++i) out << line;  // 10 MiB + 1 KiB
  }
  auto r = luohu::test::run_luohu({"--lang", "en", "check", "--format", "gcc", path});
  CHECK(r.exit_code == 2);
  CHECK(r.out == path + ":1:1: error: file too large (10.0 MiB); the limit is 10 MiB [file-too-large]\n");
  auto zh = luohu::test::run_luohu({"--lang", "zh", "check", "--format", "gcc", path});
  CHECK_THAT(zh.out, Catch::Contains("文件过大（10.0 MiB），上限为 10 MiB [file-too-large]"));
  // Exactly 10 MiB is allowed: checked, whatever it says.
  std::string exact = luohu::test::temp_file("exact.luohu", "");
  {
    std::ofstream out(exact, std::ios::binary);
    std::string line = "# " + std::string(1021, 'x') + "\n";  // 1 KiB
    for (int i = 0; i < 10 * 1024; ++i) out << line;  // exactly 10 MiB
  }
  auto at_limit = luohu::test::run_luohu({"--lang", "en", "check", "--format", "gcc", exact});
  CHECK(r.out.find("file-too-large") != std::string::npos);
  CHECK(at_limit.out.find("file-too-large") == std::string::npos);
}

TEST_CASE("limit: any_of nests at most 32 deep", "[limits]") {
  CHECK_FALSE(first(check(any_of_nest(32)), "nesting-too-deep"));
  CHECK_FALSE(check(any_of_nest(32)).input_error());
  auto r = check(any_of_nest(33));
  REQUIRE(r.input_error());
  const auto* deep = first(r, "nesting-too-deep");
  REQUIRE(deep);
  CHECK(deep->message.en == "nesting too deep (the limit is 32 levels)");
  auto r2 = check(any_of_nest(100000));  // never a stack overflow
  CHECK(r2.input_error());
}

TEST_CASE("limit: the parser stops after 50 errors", "[limits]") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "错误;\n";
  auto r = check(text);
  REQUIRE(r.diagnostics.size() == 51);
  CHECK(r.diagnostics.back().code == "too-many-errors");
  CHECK(r.diagnostics.back().message.en == "too many errors; stopped after 50");
  CHECK(r.diagnostics.back().message.zh == "错误过多，已在 50 个之后停止");
}

TEST_CASE("limit: a rule predicate nests at most 256 deep, reported with file:line:column", "[limits]") {
  std::string rule = "id: T9-DEEP\nforbid: " + std::string(300, '(') + "policy.conditions" + std::string(300, ')') + "\n";
  std::vector<luohu::LoadError> errors;
  auto loaded = luohu::load_rule_text(rule, "rules/T9-DEEP.yaml", errors);
  CHECK_FALSE(loaded);
  bool found = false;
  for (const auto& e : errors) {
    if (e.message.en.find("expression is nested too deeply (more than 256 levels)") != std::string::npos) {
      found = true;
      CHECK(e.line == 2);
    }
  }
  CHECK(found);
}

TEST_CASE("limit: a language-server message over 64 MiB is refused unread", "[limits]") {
  std::istringstream in("Content-Length: 67108865\r\n\r\n{}");
  std::ostringstream out;
  luohu::lsp::Transport t(in, out);
  auto m = t.read();
  CHECK(m.status == luohu::lsp::Transport::Status::bad_header);
  CHECK(m.error == "message larger than 64 MiB");
}
