// Incremental re-parsing (syntax/incremental.hpp) must give exactly the tree
// and diagnostics of a full parse, for edits anywhere in every bundled file.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support.hpp"
#include "syntax/incremental.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> bundled_files() {
  std::vector<std::string> out;
  for (const char* dir : {"examples", "policies"}) {
    for (const auto& e : fs::recursive_directory_iterator(test::source_path(dir))) {
      if (e.path().extension() == ".luohu") out.push_back(e.path().string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool is_char_start(const std::string& text, std::size_t i) {
  return i >= text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
}

std::string describe(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.code + "@" + std::to_string(d.range.begin) + "-" + std::to_string(d.range.end) + ":" + d.message.en + "\n";
  return out;
}

// One edit: replace [at, at + remove) with `insert`.
struct Edit {
  std::size_t remove;
  std::string insert;
};

const std::vector<Edit> kEdits = {
    {0, "1"}, {0, "\n"}, {0, "# 注释 // comment\n"}, {1, ""}, {0, ";"}, {0, "}"}, {1, "渠道 "}, {0, " 区域 主城区;"}, {3, "9"},
    {0, " 原文 “改”"}, {0, "原文 “甲”;\n"}, {0, "来源 “x.txt”;\n"},
};

// The edits in a third of the files (file index % 3 == third): three test
// cases, so that ctest runs them side by side. Within a case the files'
// indices still differ mod 6, so each case reaches every point of the layout.
void edits_equal_full_parse(std::size_t third) {
  std::size_t edits = 0, well_formed = 0, incremental = 0, file_index = 0;
  for (const auto& path : bundled_files()) {
    if (++file_index % 3 != third) continue;
    const std::string before = test::read_file(path);
    SourceFile old_source(path, before);
    auto old_parse = syntax::parse(old_source);
    for (std::size_t k = 1; k <= 16; ++k) {
      // A sixth of the 16 points in each file, a different sixth in the next:
      // every point of the layout is edited across the corpus, at a sixth of
      // the cost (under the sanitisers a third took 197 s of CI's 20 minutes).
      if ((file_index + k) % 6 != 0) continue;
      std::size_t at = before.size() * k / 17;
      while (!is_char_start(before, at)) ++at;
      for (const auto& e : kEdits) {
        std::size_t end = at;
        for (std::size_t n = 0; n < e.remove && end < before.size(); ++n) {
          ++end;
          while (!is_char_start(before, end)) ++end;
        }
        std::string after = before.substr(0, at) + e.insert + before.substr(end);
        SourceFile source(path, after);
        auto r = syntax::reparse(old_parse, before, source);
        auto full = syntax::parse(source);
        INFO(path << " at byte " << at << ": replace " << (end - at) << " bytes with '" << e.insert << "'");
        CHECK(describe(r.result.diagnostics) == describe(full.diagnostics));
        CHECK(r.result.file == full.file);
        ++edits;
        if (full.ok()) ++well_formed;
        if (r.incremental) ++incremental;
      }
    }
  }
  // An edit that leaves the file well-formed is parsed incrementally unless
  // it touches the first item; one that breaks it (a stray ';' or '}', a
  // keyword inside a clause) falls back to a full parse.
  CHECK(edits > 1000);
  CHECK(well_formed > edits / 4);
  CHECK(incremental * 10 > well_formed * 8);
}

}  // namespace

TEST_CASE("incremental re-parsing equals a full parse for edits anywhere in every bundled file (files 0 mod 3)", "[parser][incremental]") {
  edits_equal_full_parse(0);
}
TEST_CASE("incremental re-parsing equals a full parse for edits anywhere in every bundled file (files 1 mod 3)", "[parser][incremental]") {
  edits_equal_full_parse(1);
}
TEST_CASE("incremental re-parsing equals a full parse for edits anywhere in every bundled file (files 2 mod 3)", "[parser][incremental]") {
  edits_equal_full_parse(2);
}

TEST_CASE("a chain of edits re-parsed incrementally stays equal to full parses", "[parser][incremental]") {
  std::string text = test::read_file(test::source_path("examples/violations/T9-qujing-insurance-4y.luohu"));
  auto parsed = syntax::parse(SourceFile("x.luohu", text));
  REQUIRE(parsed.ok());
  std::size_t incremental = 0;
  // Typing a new channel character by character after the last one, then
  // deleting it again: each step re-parses from the previous step's tree.
  const std::string typed = "\n渠道 新增 { 对象 技术工人; 条件 { 社会保险 >= 2 年; } }\n";
  std::vector<std::string> steps;
  for (std::size_t n = 1; n <= typed.size(); ++n) {
    if (is_char_start(typed, n)) steps.push_back(text + typed.substr(0, n));
  }
  const std::vector<std::string> typing = steps;
  steps.insert(steps.end(), typing.rbegin(), typing.rend());
  steps.push_back(text);
  std::string previous = text;
  for (const auto& next : steps) {
    SourceFile source("x.luohu", next);
    auto r = syntax::reparse(parsed, previous, source);
    auto full = syntax::parse(source);
    INFO("text: " << next.substr(text.size()));
    REQUIRE(describe(r.result.diagnostics) == describe(full.diagnostics));
    REQUIRE(r.result.file == full.file);
    if (r.incremental) ++incremental;
    parsed = std::move(r.result);
    previous = next;
  }
  CHECK(incremental > 2);
}

TEST_CASE("an edit inside one channel re-parses only that channel", "[parser][incremental]") {
  std::string text = "城市 530300 曲靖市;\n";
  for (int i = 0; i < 50; ++i) text += "渠道 务工" + std::to_string(i) + " { 对象 农业转移人口; 条件 { 社会保险 >= 2 年; } }\n";
  auto parsed = syntax::parse(SourceFile("x.luohu", text));
  REQUIRE(parsed.ok());
  auto at = text.find(">= 2", text.size() / 2);
  std::string edited = text;
  edited.replace(at + 3, 1, "12");  // one byte longer: everything after moves
  SourceFile source("x.luohu", edited);
  auto r = syntax::reparse(parsed, text, source);
  CHECK(r.incremental);
  CHECK(r.parsed_bytes < 200);  // one channel of about 90 bytes and the space around it
  CHECK(r.result.file == syntax::parse(source).file);
  REQUIRE(r.result.file.channels.size() == 50);
  CHECK(r.result.file.channels.back().range.end == parsed.file.channels.back().range.end + 1);
}
