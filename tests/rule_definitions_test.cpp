// The readings follow the national texts' own definitions: every defining
// sentence a rule or shared reading quotes is found, verbatim, in the stored
// text it names (rules/sources/), or names the address it was read at; a term
// no national text defines says so. `luohu explain` shows the sentence.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

// Whitespace dropped, full-width punctuation read as its half-width form
// (the provenance design's normalisation), so a quote matches across the
// archive's line layout and the pages' half-width marks.
std::string normalise(const std::string& s) {
  static const std::vector<std::pair<std::string, std::string>> marks = {
      {"，", ","}, {"；", ";"}, {"：", ":"}, {"（", "("}, {"）", ")"}, {"！", "!"}, {"？", "?"}, {"　", ""}};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    bool mapped = false;
    for (const auto& [wide, narrow] : marks) {
      if (s.compare(i, wide.size(), wide) == 0) {
        out += narrow;
        i += wide.size();
        mapped = true;
        break;
      }
    }
    if (mapped) continue;
    char c = s[i++];
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t') out += c;
  }
  return out;
}

bool is_address(const std::string& source) { return source.rfind("https://", 0) == 0 || source.rfind("http://", 0) == 0; }

std::vector<std::pair<std::string, const Definition*>> every_definition() {
  std::vector<std::pair<std::string, const Definition*>> out;
  const auto& pack = test::bundled().rules;
  for (const auto& rule : pack.rules)
    for (const auto& d : rule.definitions) out.emplace_back(rule.id, &d);
  for (const auto& reading : pack.readings)
    for (const auto& d : reading.definitions) out.emplace_back("reading " + reading.id, &d);
  return out;
}

}  // namespace

TEST_CASE("the normalisation reads full-width marks as half-width and drops white space", "[rules][definitions]") {
  CHECK(normalise("合法稳定住所（含租赁）， 本人") == normalise("合法稳定住所(含租赁),本人"));
  CHECK(normalise("以上包括本数") != normalise("以下包括本数"));
}

TEST_CASE("every defining sentence is in the text it was read from", "[rules][definitions]") {
  auto defs = every_definition();
  REQUIRE(defs.size() >= 10);
  std::size_t stored = 0;
  for (const auto& [owner, d] : defs) {
    INFO(owner << ": " << d->term);
    CHECK_FALSE(d->term.empty());
    if (d->document.empty()) {  // no national text defines the term: the note says so
      CHECK_FALSE(d->note.zh.empty());
      CHECK_FALSE(d->note.en.empty());
      CHECK(d->quote.empty());
      continue;
    }
    REQUIRE_FALSE(d->quote.empty());
    if (is_address(d->source)) continue;  // read on a web page the project does not store
    ++stored;
    CHECK(d->source.rfind("rules/sources/", 0) == 0);
    std::string text = test::read_file(test::source_path(d->source));
    REQUIRE_FALSE(text.empty());
    CHECK(normalise(text).find(normalise(d->quote)) != std::string::npos);
    // The sidecar says where the stored text came from.
    std::string sidecar = d->source.substr(0, d->source.size() - 4) + ".source.yaml";
    CHECK(fs::exists(test::source_path(sidecar)));
  }
  CHECK(stored >= 8);
}

TEST_CASE("a quote that is not in its stored text is caught", "[rules][definitions]") {
  std::string text = test::read_file(test::source_path("rules/sources/guofa-2014-25.txt"));
  REQUIRE_FALSE(text.empty());
  CHECK(normalise(text).find(normalise("有合法稳定住所（含租赁）的人员")) != std::string::npos);
  CHECK(normalise(text).find(normalise("有合法稳定住所（不含租赁）的人员")) == std::string::npos);
}

TEST_CASE("a definition needs its quote and source, or a note saying no text defines it", "[rules][definitions]") {
  auto load = [](const std::string& defs) {
    std::vector<LoadError> errors;
    std::string text = "id: T3-X\ntask: 3\nquote: q\ndocument: guobanfa-2016-72\nin_force: {from: 2016-09-30, until: null, superseded_by: null, reading: {zh: 至今, en: to date}}\nresponsible: r\nseverity: error\ntitle: {zh: 标题, en: title}\n"
                       "reading: {zh: 解读, en: reading}\nrequire: policy.channels.size() > 0\n"
                       "message: {zh: 消息, en: message}\n" + defs +
                       "examples:\n  - {name: a, expect: bad, policy: \"城市 330100;\\n\"}\n"
                       "  - {name: b, expect: good, policy: \"城市 330100;\\n\"}\n";
    auto rule = load_rule_text(text, "T3-X.yaml", errors);
    return std::make_pair(rule, errors);
  };
  auto [ok, no_errors] = load("definitions:\n  - {term: 全面放开, document: 25号, quote: 原文, source: rules/sources/x.txt}\n"
                              "  - {term: 省会及以下城市, note: {zh: 未定义, en: undefined}}\n");
  REQUIRE(ok);
  CHECK(no_errors.empty());
  REQUIRE(ok->definitions.size() == 2);
  CHECK(ok->definitions[0].document == "25号");
  CHECK(ok->definitions[1].document.empty());

  auto [no_quote, e1] = load("definitions:\n  - {term: 全面放开, document: 25号}\n");
  CHECK_FALSE(no_quote);
  REQUIRE_FALSE(e1.empty());
  CHECK(e1[0].line == 13);
  CHECK_THAT(e1[0].message.en, Catch::Contains("quote"));

  auto [no_note, e2] = load("definitions:\n  - {term: 省会及以下城市}\n");
  CHECK_FALSE(no_note);
  REQUIRE_FALSE(e2.empty());
  CHECK_THAT(e2[0].message.en, Catch::Contains("no national text defines"));
}

TEST_CASE("luohu explain shows the defining sentence of a reading", "[rules][definitions][cli]") {
  auto en = test::run_luohu({"--lang", "en", "explain", "T3-FULLY-OPEN"});
  REQUIRE(en.exit_code == 0);
  CHECK_THAT(en.out, Catch::Contains("Definitions in the national texts") && Catch::Contains("国发〔2014〕25号（四）") &&
                         Catch::Contains("有合法稳定住所（含租赁）的人员") && Catch::Contains("rules/sources/guofa-2014-25.txt") &&
                         Catch::Contains("省会及以下城市: no national text defines it"));
  auto zh = test::run_luohu({"--lang", "zh", "explain", "T9-SOCIAL-INSURANCE-LARGE"});
  REQUIRE(zh.exit_code == 0);
  CHECK_THAT(zh.out, Catch::Contains("国家文件的定义") && Catch::Contains("第一千二百五十九条") && Catch::Contains("不包括本数"));
}
