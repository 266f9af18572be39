// luohu fmt: the canonical layout, idempotent, meaning and comments kept;
// the CLI writes atomically and leaves broken files alone.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "format/formatter.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"

using luohu::SourceFile;
using luohu::format::format_source;
using luohu::test::run_luohu;
using luohu::test::temp_file;

namespace {

namespace fs = std::filesystem;
namespace syn = luohu::syntax;

std::string format_text(const std::string& text) {
  SourceFile source("t.luohu", text);
  auto r = format_source(source);
  REQUIRE(r.text);
  return *r.text;
}

// The tree without positions: what the file means.
void dump_args(std::ostream& o, const std::vector<syn::Argument>& args) {
  for (const auto& a : args) {
    o << " [" << static_cast<int>(a.kind) << ":" << syn::compare_op_text(a.op) << ":" << a.word.text;
    if (a.unit) o << ":" << a.unit->text;
    o << "]";
  }
}
void dump_quote(std::ostream& o, const std::optional<syn::Quote>& q) {
  if (q) o << " <" << q->keyword.text << ":" << q->text.text << ">";
}
void dump_clauses(std::ostream& o, const std::vector<syn::Clause>& list) {
  for (const auto& c : list) {
    o << "(" << c.name.text;
    dump_args(o, c.arguments);
    dump_quote(o, c.quote);
    dump_clauses(o, c.alternatives);
    o << ")";
  }
}
std::string dump(const syn::File& f) {
  std::ostringstream o;
  for (const auto& s : f.statements) {
    o << s.keyword.text;
    dump_args(o, s.arguments);
    dump_quote(o, s.quote);
    o << "\n";
  }
  for (const auto& ch : f.channels) {
    o << "channel " << ch.name.text << "\n";
    for (const auto& s : ch.statements) {
      o << "  " << s.keyword.text;
      dump_args(o, s.arguments);
      dump_quote(o, s.quote);
      o << "\n";
    }
    dump_clauses(o, ch.conditions);
    o << "\n";
  }
  for (const auto& b : f.blocks) {
    o << "block " << b.keyword.text << "\n";
    for (const auto& s : b.statements) {
      o << "  " << s.keyword.text;
      dump_args(o, s.arguments);
      dump_quote(o, s.quote);
      o << "\n";
    }
    dump_clauses(o, b.clauses);
    dump_clauses(o, b.conditions);
    o << "\n";
  }
  return o.str();
}
std::vector<std::string> comments(const SourceFile& s, const syn::File& f) {
  std::vector<std::string> out;
  for (const auto& c : f.comments) {
    std::string t = s.text().substr(c.range.begin, c.range.end - c.range.begin);
    while (!t.empty() && (t.back() == ' ' || t.back() == '\r')) t.pop_back();
    out.push_back(t);
  }
  return out;
}

const char* kMessy = "城市 530300   曲靖市 ;  # 城市\n"
                     "\n\n\n"
                     "渠道 务工人员落户{对象 农业转移人口 ,技术工人;\n"
                     "    条件 {   # 条件块\n"
                     "合法稳定就业;社会保险>=48个月；\n"
                     "   任一 { 连续居住 >= 1 年; 持有居住证 不少于2年; }\n"
                     "  // 块尾注释\n"
                     "  }\n"
                     "随迁 配偶、子女;}\n"
                     "公共服务 { 子女教育 同等; }\n"
                     "# 文件尾注释\n";

const char* kCanonical = "城市 530300 曲靖市;  # 城市\n"
                         "\n"
                         "渠道 务工人员落户 {\n"
                         "  对象 农业转移人口, 技术工人;\n"
                         "  条件 {  # 条件块\n"
                         "    合法稳定就业;\n"
                         "    社会保险 >= 48 个月；\n"
                         "    任一 {\n"
                         "      连续居住 >= 1 年;\n"
                         "      持有居住证 不少于 2 年;\n"
                         "    }\n"
                         "    // 块尾注释\n"
                         "  }\n"
                         "  随迁 配偶、子女;\n"
                         "}\n"
                         "公共服务 {\n"
                         "  子女教育 同等;\n"
                         "}\n"
                         "# 文件尾注释\n";

}  // namespace

TEST_CASE("fmt: a messy policy takes the canonical layout", "[fmt]") {
  CHECK(format_text(kMessy) == kCanonical);
  CHECK(format_text(kCanonical) == kCanonical);
}

TEST_CASE("fmt: keeps comments inside statements and on block lines", "[fmt]") {
  std::string in = "渠道 甲 # 名称后\n{\n  对象 高校毕业生, # 列表中\n  技术工人;\n  条件 {}\n} # 块后\n";
  std::string out = format_text(in);
  CHECK(out == "渠道 甲 {  # 名称后\n  对象 高校毕业生, 技术工人;  # 列表中\n  条件 {}\n}  # 块后\n");
  CHECK(format_text(out) == out);
}

TEST_CASE("fmt: English keywords, quoted names and units are kept as written", "[fmt]") {
  std::string in = "city 330100;\ntitle \"Hangzhou \\\"rules\\\"\";\nchannel \"Talent\" { targets talent; conditions { age <= 45 years; } }\n";
  CHECK(format_text(in) ==
        "city 330100;\ntitle \"Hangzhou \\\"rules\\\"\";\nchannel \"Talent\" {\n  targets talent;\n  conditions {\n"
        "    age <= 45 years;\n  }\n}\n");
}

TEST_CASE("fmt: a file with a syntax error is not formatted", "[fmt]") {
  SourceFile source("t.luohu", "城市 530300\n渠道 x {\n");
  auto r = format_source(source);
  CHECK_FALSE(r.text);
  CHECK_FALSE(r.diagnostics.empty());
}

TEST_CASE("fmt: every example and corpus policy keeps its meaning and comments, idempotently", "[fmt]") {
  std::size_t formatted = 0;
  for (const char* dir : {"examples", "policies"}) {
    for (const auto& entry : fs::recursive_directory_iterator(luohu::test::source_path(dir))) {
      if (entry.path().extension() != ".luohu") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      SourceFile original(entry.path().string(), buffer.str());
      auto before = syn::parse(original);
      if (!before.ok()) continue;  // broken on purpose
      auto once = format_source(original);
      INFO(entry.path().string());
      REQUIRE(once.text);
      SourceFile formatted_source(entry.path().string(), *once.text);
      auto after = syn::parse(formatted_source);
      REQUIRE(after.ok());
      CHECK(dump(after.file) == dump(before.file));
      CHECK(comments(formatted_source, after.file) == comments(original, before.file));
      CHECK(format_text(*once.text) == *once.text);
      ++formatted;
    }
  }
  CHECK(formatted >= 10);
}

TEST_CASE("fmt CLI: --check reports, writing keeps permissions, broken files stay untouched", "[fmt][cli]") {
  auto messy = temp_file("messy.luohu", kMessy);
  auto r = run_luohu({"--lang", "en", "fmt", "--check", messy});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("would be reformatted"));

  ::chmod(messy.c_str(), 0640);
  r = run_luohu({"--lang", "en", "fmt", messy});
  CHECK(r.exit_code == 0);
  std::ifstream in(messy);
  std::stringstream s;
  s << in.rdbuf();
  CHECK(s.str() == kCanonical);
  struct stat st {};
  ::stat(messy.c_str(), &st);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK(run_luohu({"fmt", "--check", messy}).exit_code == 0);

  const std::string broken_text = "城市 530300\n渠道 x {\n";
  auto broken = temp_file("broken.luohu", broken_text);
  r = run_luohu({"--lang", "en", "fmt", broken});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("broken.luohu:1:10: error"));  // just after 530300, where the ";" belongs
  CHECK_THAT(r.err, Catch::Contains("not formatted"));
  std::ifstream again(broken);
  std::stringstream t;
  t << again.rdbuf();
  CHECK(t.str() == broken_text);
  for (const auto& e : fs::directory_iterator(fs::path(broken).parent_path()))
    CHECK(e.path().string().find(".luohu-fmt-") == std::string::npos);
}

TEST_CASE("fmt keeps CRLF line endings (files from Windows editors)", "[fmt][conventions]") {
  const std::string lf = "城市 530300 曲靖市;\n# 注释\n渠道 务工 { 对象 农业转移人口; 条件 { 合法稳定就业; } }\n";
  std::string crlf;
  for (char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  auto from_lf = format_source(SourceFile("a.luohu", lf));
  auto from_crlf = format_source(SourceFile("a.luohu", crlf));
  REQUIRE(from_lf.text);
  REQUIRE(from_crlf.text);
  std::string expected;
  for (char c : *from_lf.text) expected += c == '\n' ? std::string("\r\n") : std::string(1, c);
  CHECK(*from_crlf.text == expected);  // the same layout, every line ending CRLF
  CHECK(from_lf.text->find('\r') == std::string::npos);
  auto again = format_source(SourceFile("a.luohu", *from_crlf.text));
  REQUIRE(again.text);
  CHECK(*again.text == *from_crlf.text);  // idempotent
}
