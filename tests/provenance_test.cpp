// Provenance in the language (来源 / 核实 / 原文) and its verification by
// luohu check: the grammar, the model, the formatter, and every error path.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "check/provenance.hpp"
#include "compose/check.hpp"
#include "format/formatter.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"
#include "util/sha256.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

const char* kPolicy = R"(城市 450100 南宁市;
标题 “南宁市落户办法（测试）”;
来源 “../sources/guangxi/nanning.txt”;
核实 全文;
渠道 务工落户 {
  原文 “在本市务工的人员，符合下列条件的，可以申请落户”;
  对象 普通劳动者 原文 “在本市务工的人员”;
  条件 {
    合法稳定就业;
    社会保险 >= 6 年 原文 “在本市连续缴纳城镇职工社会保险满6年”;
    任一 {
      原文 “有下列住所之一”;
      合法稳定住所 含租赁;
      购买房屋;
    }
  }
  随迁 配偶、未成年子女 原文 “其配偶和未成年子女可以随迁”;
}
)";

const char* kSource =
    "南宁市落户办法\n"
    "第三条　在本市务工的人员，符合下列条件的，可以申请落户：\n"
    "（一）在本市连续缴纳城镇职工社会保险满6年；\n"
    "（二）有下列住所之一：自有住房或者租赁住房。\n"
    "其配偶和未成年子女可以随迁。\n";

// A corpus in a fresh temporary folder: policies/guangxi/nanning.luohu and its source text.
struct Corpus {
  fs::path root;
  explicit Corpus(const std::string& policy, const std::string& source = kSource, bool sidecar = true,
                  bool marker = false) {
    static int n = 0;
    root = fs::temp_directory_path() / ("luohu-provenance-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::remove_all(root);
    fs::create_directories(root / "policies" / "guangxi");
    fs::create_directories(root / "policies" / "sources" / "guangxi");
    write("policies/guangxi/nanning.luohu", policy);
    write("policies/sources/guangxi/nanning.txt", source);
    if (sidecar) {
      write("policies/sources/guangxi/nanning.source.yaml",
            "title: 南宁市落户办法\nnumber: 南府发〔2020〕1号\ndate: 2020-01-01\norigin:\n  address: https://example.org/n\n"
            "format: txt\ntext_sha256: " + sha256_hex(source) + "\n");
    }
    if (marker) write("policies/.luohu.yaml", "require_provenance: true\n");
  }
  ~Corpus() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void write(const std::string& relative, const std::string& text) const {
    std::ofstream(root / relative, std::ios::binary) << text;
  }
  std::string policy() const { return (root / "policies" / "guangxi" / "nanning.luohu").string(); }
  FileReport check() const {
    Checker checker(test::bundled().registry, test::bundled().rules);
    return compose::check_file(checker, policy());
  }
};

std::vector<const Diagnostic*> with_code(const FileReport& r, const std::string& code) {
  std::vector<const Diagnostic*> out;
  for (const auto& d : r.diagnostics) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("provenance: both spellings parse into statements and trailing quotes", "[provenance][parser]") {
  for (const char* text : {kPolicy,
                           "city 450100;\nsource \"../s.txt\";\nverification full_text;\nchannel x {\n  quote \"a\";\n"
                           "  targets ordinary_worker quote \"b\";\n  conditions { employment quote \"c\"; }\n}\n"}) {
    SourceFile source("t.luohu", text);
    auto p = syntax::parse(source);
    INFO(text);
    REQUIRE(p.ok());
    const auto& ch = p.file.channels.at(0);
    CHECK(ch.statements.at(0).arguments.at(0).word.quoted);  // 原文 “…”; on its own
    REQUIRE(ch.statements.at(1).quote);                       // trailing 对象
    CHECK(!ch.statements.at(1).quote->text.text.empty());
  }
  SourceFile bare("t.luohu", "城市 450100;\n渠道 x { 对象 普通劳动者 原文; }\n");
  auto p = syntax::parse(bare);
  REQUIRE_FALSE(p.ok());
  CHECK_THAT(p.diagnostics.at(0).message.en, Catch::Contains("expected the quoted sentence after 'quote'"));
}

TEST_CASE("provenance: the model cites each clause's own 原文, else its block's", "[provenance][model]") {
  auto b = test::build(kPolicy);
  REQUIRE(b.result.ok());
  const auto& p = *b.result.policy;
  CHECK(p.verification == "full_text");
  REQUIRE(p.sources.size() == 1);
  CHECK(p.sources[0].path == "../sources/guangxi/nanning.txt");
  CHECK(p.citations.size() == 5);
  const auto& ch = *p.channels.at(0);
  REQUIRE(ch.quotes.size() == 3);  // its own 原文, then the lines' (对象, 随迁)
  CHECK(ch.quotes[0].text == "在本市务工的人员，符合下列条件的，可以申请落户");
  CHECK(ch.quotes[1].text == "在本市务工的人员");
  const auto& employment = *ch.conditions.at(0);
  CHECK(employment.quotes.empty());
  CHECK(employment.nearest() == &ch.quotes);  // no 原文 of its own: the channel's
  CHECK(ch.conditions.at(1)->nearest()->at(0).text == "在本市连续缴纳城镇职工社会保险满6年");
  const auto& any = *ch.conditions.at(2);
  REQUIRE(any.alternatives.size() == 2);  // the 原文 clause is not a condition
  CHECK(any.alternatives[0]->nearest()->at(0).text == "有下列住所之一");

  auto bad = test::build("城市 450100;\n核实 全部;\n核实 全文;\n渠道 x { 对象 普通劳动者; 原文 甲; }\n");
  auto codes = std::vector<std::string>();
  for (const auto& d : bad.result.diagnostics) codes.push_back(d.code);
  CHECK(codes == std::vector<std::string>{"unknown-name", "duplicate-statement", "invalid-argument"});
}

TEST_CASE("provenance: the formatter keeps 原文 where it was written", "[provenance][fmt]") {
  SourceFile messy("t.luohu", "城市 450100;来源   “a.txt”;\n渠道 x {对象 普通劳动者   原文   “在本市 务工”  ;原文 「甲」;}\n");
  auto r = format::format_source(messy);
  REQUIRE(r.text);
  CHECK(*r.text == "城市 450100;\n来源 “a.txt”;\n渠道 x {\n  对象 普通劳动者 原文 “在本市 务工”;\n  原文 「甲」;\n}\n");
}

TEST_CASE("provenance: every 原文 verifies against the source text, and a finding shows it", "[provenance][check]") {
  Corpus c(kPolicy);
  auto r = c.check();
  for (const auto& d : r.diagnostics) INFO(d.code << ": " << d.message.en);
  for (const char* code : {"quote-not-found", "source-not-found", "source-hash-mismatch", "quote-unverified"})
    CHECK(with_code(r, code).empty());
  auto t9 = with_code(r, "T9-SOCIAL-INSURANCE-LARGE");
  REQUIRE(t9.size() == 1);
  REQUIRE(t9[0]->cited.size() == 1);
  const CitedText& cited = t9[0]->cited[0];
  CHECK(cited.text == "在本市连续缴纳城镇职工社会保险满6年");
  CHECK_THAT(cited.source, Catch::EndsWith("policies/sources/guangxi/nanning.txt"));
  CHECK(cited.begin.line == 3);
  CHECK(cited.begin.column == 4);  // after （一）
  CHECK(cited.end.line == 3);
  REQUIRE(r.provenance);
  CHECK(r.provenance->verification == "full_text");
  REQUIRE(r.provenance->sources.size() == 1);
  CHECK(r.provenance->sources[0].number == "南府发〔2020〕1号");
  CHECK(r.provenance->sources[0].origin == "https://example.org/n");
}

TEST_CASE("provenance: a citation altered by one character is reported with the nearest passage", "[provenance][check]") {
  Corpus c(replace(kPolicy, "满6年”", "满5年”"));
  auto r = c.check();
  auto bad = with_code(r, "quote-not-found");
  REQUIRE(bad.size() == 1);
  CHECK(bad[0]->severity == Severity::error);
  LineColumn at = r.source->location(bad[0]->range.begin);
  CHECK(at.line == 10);
  CHECK(at.column == 20);  // the quote, at its opening “
  CHECK_THAT(bad[0]->message.en, Catch::Contains("nanning.txt:3:"));
  CHECK_THAT(bad[0]->message.en, Catch::Contains("在本市连续缴纳城镇职工社会保险满6年"));
  CHECK(r.count(Severity::error) >= 2);  // the T9 finding and the quote
}

TEST_CASE("provenance: only whitespace and full/half-width punctuation are normalised", "[provenance][check]") {
  std::string source = "第一条 在本市 务工的人员(含 外来人员),可以申请。\n";
  Normalised n = normalise_for_quotes(source);
  CHECK(find_quote(n, "在本市务工的人员（含外来人员），可以申请。"));
  CHECK(find_quote(n, "务工的人员 (含外来人员) , 可以申请."));
  CHECK_FALSE(find_quote(n, "在本市务工人员"));   // a character dropped
  CHECK_FALSE(find_quote(n, "在本市务工的人员、"));  // 、 is not ,
  auto r = find_quote(n, "务工的人员");
  REQUIRE(r);
  CHECK(source.substr(r->begin, r->end - r->begin) == "务工的人员");
  CHECK(nearest_passage(n, source, "在本市务工的员(含外来人员)") == "在本市 务工的人员(含 外来人员)");
}

TEST_CASE("provenance: a missing, escaping or edited source text is an error at its 来源", "[provenance][check]") {
  SECTION("missing") {
    Corpus c(replace(kPolicy, "nanning.txt", "nanjing.txt"));
    auto r = c.check();
    auto bad = with_code(r, "source-not-found");
    REQUIRE(bad.size() == 1);
    LineColumn at = r.source->location(bad[0]->range.begin);
    CHECK(at.line == 3);
    CHECK(at.column == 4);
    CHECK_THAT(bad[0]->message.en, Catch::Contains("policies/sources/guangxi/nanjing.txt"));
  }
  SECTION("outside the policy root") {
    Corpus c(replace(kPolicy, "../sources/guangxi/nanning.txt", "../../../etc/passwd"));
    auto r = c.check();
    CHECK(with_code(r, "source-outside-root").size() == 1);
    CHECK(with_code(r, "quote-not-found").empty());  // nothing read from it
  }
  SECTION("edited after extraction") {
    Corpus c(kPolicy);
    c.write("policies/sources/guangxi/nanning.txt", std::string(kSource) + "附则\n");
    auto r = c.check();
    auto bad = with_code(r, "source-hash-mismatch");
    REQUIRE(bad.size() == 1);
    CHECK_THAT(bad[0]->message.en, Catch::Contains("text_sha256"));
  }
}

TEST_CASE("provenance: a corpus requires 来源 and 核实 — a draft outside one requires nothing", "[provenance][check]") {
  std::string bare = "城市 450100 南宁市;\n渠道 x { 对象 普通劳动者; }\n";
  {
    Corpus draft(bare);
    auto r = draft.check();
    CHECK(with_code(r, "missing-source").empty());
    CHECK(with_code(r, "missing-verification").empty());
    REQUIRE(r.provenance);
    CHECK_FALSE(r.provenance->corpus);
  }
  {
    Corpus corpus(bare, kSource, true, true);
    auto r = corpus.check();
    CHECK(with_code(r, "missing-source").size() == 1);
    CHECK(with_code(r, "missing-verification").size() == 1);
  }
  {
    Corpus corpus(kPolicy, kSource, false, true);  // a source text without its sidecar
    auto r = corpus.check();
    CHECK(with_code(r, "source-sidecar-missing").size() == 1);
  }
  {
    Corpus corpus(kPolicy, kSource, true, true);
    auto r = corpus.check();
    for (const auto& d : r.diagnostics) CHECK_FALSE(d.code.rfind("source-", 0) == 0);
    CHECK(with_code(r, "missing-source").empty());
  }
}

TEST_CASE("provenance: beijing.luohu, the worked example, verifies", "[provenance][corpus]") {
  Checker checker(test::bundled().registry, test::bundled().rules);
  auto r = compose::check_file(checker, test::source_path("policies/beijing/beijing.luohu"));
  for (const auto& d : r.diagnostics) {
    INFO(d.code << ": " << d.message.en);
    CHECK(d.code.find("quote") == std::string::npos);
    CHECK(d.code.find("source") == std::string::npos);
  }
  REQUIRE(r.provenance);
  CHECK(r.provenance->verification == "full_text");
  CHECK(r.provenance->sources.size() == 2);
  std::size_t cited = 0;
  for (const auto& d : r.diagnostics) {
    for (const auto& c : d.cited) cited += !c.source.empty();
  }
  CHECK(cited >= 1);
}

TEST_CASE("provenance CLI: an altered citation is an error at file:line:col — findings show the city's text", "[provenance][cli]") {
  Corpus altered(replace(kPolicy, "满6年”", "满5年”"));
  auto r = test::run_luohu({"--lang", "en", "check", "--format", "gcc", altered.policy()});
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("nanning.luohu:10:20: error: the quote does not occur in the source text"));
  CHECK_THAT(r.out, Catch::Contains("[quote-not-found]"));

  Corpus good(kPolicy);
  r = test::run_luohu({"--lang", "en", "check", good.policy()});
  CHECK_THAT(r.out, Catch::Contains("= city's text: "));
  CHECK_THAT(r.out, Catch::Contains("nanning.txt:3:4: “在本市连续缴纳城镇职工社会保险满6年”"));
  r = test::run_luohu({"--lang", "en", "check", "--format", "gcc", good.policy()});
  CHECK_THAT(r.out, Catch::Contains("nanning.txt:3:4: note: the city's text: “在本市连续缴纳城镇职工社会保险满6年”"));
  r = test::run_luohu({"--lang", "en", "check", "--format", "json", good.policy()});
  auto j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& f : j["findings"]) {
    if (f["rule"] != "T9-SOCIAL-INSURANCE-LARGE") continue;
    REQUIRE(f.contains("cited"));
    CHECK(f["cited"][0]["text"] == "在本市连续缴纳城镇职工社会保险满6年");
    CHECK(f["cited"][0]["line"] == 3);
    found = true;
  }
  CHECK(found);
  CHECK(j["files"][0]["provenance"]["verification"] == "full_text");
  r = test::run_luohu({"--lang", "en", "check", "--format", "sarif", good.policy()});
  auto sarif = nlohmann::json::parse(r.out);
  bool related = false;
  for (const auto& res : sarif["runs"][0]["results"]) {
    if (res["ruleId"] != "T9-SOCIAL-INSURANCE-LARGE") continue;
    for (const auto& l : res.value("relatedLocations", nlohmann::json::array())) {
      std::string uri = l["physicalLocation"]["artifactLocation"]["uri"];
      if (uri.find("nanning.txt") == std::string::npos) continue;
      CHECK(l["physicalLocation"]["region"]["startLine"] == 3);
      CHECK(l["physicalLocation"]["region"]["startColumn"] == 4);
      related = true;
    }
  }
  CHECK(related);
}

TEST_CASE("provenance: a batch finds each folder's source root once, as the folders were when it began", "[provenance][audit]") {
  Corpus corpus(kPolicy);
  const fs::path folder = fs::path(corpus.policy()).parent_path();
  SourceRoots roots;
  const SourceRoot first = roots.of(folder);
  CHECK_FALSE(first.corpus);
  CHECK(first.dir.filename() == "policies");  // the nearest folder named so
  // A corpus config written mid-batch: the batch keeps the root it found; a check on its own sees the config.
  corpus.write("policies/.luohu.yaml", "require_provenance: true\n");
  CHECK_FALSE(roots.of(folder).corpus);
  CHECK(roots.of(folder).dir == first.dir);
  SourceRoots fresh;
  CHECK(fresh.of(folder).corpus);
}
