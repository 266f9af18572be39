// Regression tests for the hostile-input review (../shared/reviews/reliability.md,
// defects D0-D21; the small inputs are in tests/data/reliability/). Each test
// names its defect and failed on commit 59a1408.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "audit/audit.hpp"
#include "audit/discover.hpp"
#include "cache/snapshot.hpp"
#include "check/waivers.hpp"
#include "format/formatter.hpp"
#include "compose/check.hpp"
#include "explain/explain.hpp"
#include "lsp/transport.hpp"
#include "model/schema.hpp"
#include "predicate/predicate.hpp"
#include "report/reporters.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"
#include "util/file_io.hpp"
#include "util/sha256.hpp"
#include "util/utf8.hpp"

using luohu::Checker;
using luohu::Diagnostic;
using luohu::FileReport;
using luohu::test::bundled;
using luohu::test::read_file;
using luohu::test::run_luohu;
using luohu::test::source_path;

namespace {

namespace fs = std::filesystem;

const std::string kRule = "T9-SOCIAL-INSURANCE-MEDIUM";
const std::string kQ = "examples/violations/T9-qujing-insurance-4y.luohu";

fs::path fresh_dir(const std::string& name) {
  auto dir = fs::temp_directory_path() / ("luohu-robust-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

FileReport check_text(const std::string& text, const std::string& today = "2024-06-01") {
  Checker checker(bundled().registry, bundled().rules);
  checker.waiver_options = {false, today};
  return luohu::compose::check_text(checker, "t.luohu", text);
}

std::size_t count(const FileReport& r, const std::string& code, bool waived) {
  return static_cast<std::size_t>(std::count_if(r.diagnostics.begin(), r.diagnostics.end(), [&](const Diagnostic& d) {
    return d.code == code && d.waived.has_value() == waived;
  }));
}

bool has(const FileReport& r, const std::string& code) { return count(r, code, false) + count(r, code, true) > 0; }

const std::string kData = "tests/data/reliability/";

std::string data(const std::string& name) { return read_file(source_path(kData + name)); }

bool valid_utf8(const std::string& s) { return luohu::first_invalid_utf8(s) == std::string::npos; }

const std::string kWaiverTail = " reason=\"r\" document=\"云政复〔2023〕5号\" date=2023-05-01 expires=2099-12-31";

}  // namespace

// ---- D1: characters editors show as line breaks ---------------------------

TEST_CASE("D1: a lone CR, VT, FF, NEL, U+2028 or U+2029 is an error, never a hidden clause", "[robustness][D1]") {
  for (const auto& file : {"cr_hide.luohu", "ls_hide.luohu"}) {
    auto r = check_text(data(file));
    CHECK(has(r, "hidden-line-break"));
    CHECK(r.input_error());
  }
  const std::string head = "城市 530300;\n渠道 a {\n  对象 农业转移人口;\n  条件 {\n    # 说明";
  const std::string tail = "    社会保险 >= 48 个月;\n  }\n}\n";
  for (const std::string& hidden : {std::string("\v"), std::string("\f"), std::string("\xC2\x85"), std::string("\xE2\x80\xA9")}) {
    auto r = check_text(head + hidden + tail);
    CHECK(has(r, "hidden-line-break"));
  }
  // CRLF stays a line ending.
  auto crlf = check_text("城市 530300;\r\n渠道 a {\r\n  对象 农业转移人口;\r\n  条件 { 社会保险 >= 48 个月; }\r\n}\r\n");
  CHECK_FALSE(crlf.input_error());
  CHECK(has(crlf, kRule));
}

// ---- D2, D3: waivers ---------------------------------------------------------

TEST_CASE("D2: fmt refuses to move clauses onto or off a waiver's line", "[robustness][D2][fmt]") {
  const std::string w = "# luohu: allow " + kRule + kWaiverTail;
  const std::string head = "城市 530300;\n渠道 a {\n 对象 农业转移人口;\n 条件 {\n";
  // The review's inputs before fmt: a wrapped clause that fmt joined onto the
  // waiver's line (became waived), two clauses that fmt split off it.
  const std::string wrapped = head + "  社会保险 >= 48\n  个月; " + w + "\n }\n}\n";
  const std::string two = head + "  社会保险 >= 48 个月; 连续居住 >= 1 年; " + w + "\n }\n}\n";
  CHECK(count(check_text(wrapped), kRule, false) == 1);
  CHECK(count(check_text(two), kRule, true) == 1);
  for (const std::string& text : {wrapped, two, data("waiver-multi.luohu")}) {
    luohu::SourceFile source("w.luohu", text);
    auto r = luohu::format::format_source(source);
    CHECK_FALSE(r.text);
    REQUIRE_FALSE(r.diagnostics.empty());
    CHECK(r.diagnostics.front().code == "fmt-would-move-waiver");
  }
  // A waiver on its own line above one clause survives formatting.
  const std::string ok = "城市 530300;\n渠道 a {\n 对象 农业转移人口;\n 条件 {\n  # luohu: allow " + kRule + kWaiverTail +
                         "\n  社会保险   >=  48 个月;\n }\n}\n";
  luohu::SourceFile source("ok.luohu", ok);
  CHECK(luohu::format::format_source(source).text);
}

TEST_CASE("D2: over every example and policy, fmt keeps the findings and what each waiver covers", "[robustness][D2][fmt]") {
  std::size_t files = 0, waived = 0, refused = 0;
  for (const char* root : {"examples", "policies", "tests/data/reliability"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source_path(root))) {
      if (entry.path().extension() != ".luohu") continue;
      const std::string text = read_file(entry.path().string());
      luohu::SourceFile source(entry.path().string(), text);
      auto formatted = luohu::format::format_source(source);
      if (!formatted.text) {  // syntax errors, or a waiver fmt would move: left alone
        bool moves = !formatted.diagnostics.empty() && formatted.diagnostics[0].code == "fmt-would-move-waiver";
        refused += moves && std::string(root) != "tests/data/reliability";
        continue;
      }
      ++files;
      // Checked as itself (its imports resolve from its directory).
      auto summary = [&](const std::string& t) {
        Checker checker(bundled().registry, bundled().rules);
        checker.waiver_options = {false, "2024-06-01"};
        auto r = luohu::compose::check_text(checker, entry.path().string(), t);
        std::multiset<std::pair<std::string, bool>> out;
        for (const auto& d : r.diagnostics) out.insert({d.code, d.waived.has_value()});
        return out;
      };
      auto before = summary(text), after = summary(*formatted.text);
      INFO(entry.path().string());
      CHECK(before == after);
      for (const auto& [code, w] : before) waived += w;
    }
  }
  CHECK(files > 50);
  CHECK(waived > 0);     // the sweep covers waived findings (w1.luohu)
  CHECK(refused == 0);   // no shipped file has a waiver fmt would have to move
}

TEST_CASE("D3: a waiver dated after today is not in force", "[robustness][D3][waivers]") {
  const std::string policy = "城市 530300;\n渠道 a {\n  对象 农业转移人口;\n  条件 { 社会保险 >= 48 个月; }  # luohu: allow " + kRule +
                             " reason=\"r\" document=\"云政复〔2023〕5号\" date=2099-01-01 expires=2099-12-31\n}\n";
  auto r = check_text(policy, "2025-06-01");
  CHECK(count(r, kRule, false) == 1);
  CHECK(has(r, "waiver-not-in-force"));
  CHECK(r.count(luohu::Severity::error) >= 1);
  // The same waiver in force from its date on.
  auto later = check_text(policy, "2099-06-01");
  CHECK(count(later, kRule, true) == 1);
}

TEST_CASE("D3: the approving document must be a document number", "[robustness][D3][waivers]") {
  auto with_document = [](const std::string& doc) {
    return check_text("城市 530300;\n渠道 a {\n  对象 农业转移人口;\n  条件 { 社会保险 >= 48 个月; }  # luohu: allow " + kRule +
                      " reason=\"r\" document=\"" + doc + "\" date=2023-05-01 expires=2099-12-31\n}\n");
  };
  for (const std::string& doc : {std::string(" "), std::string("\xE2\x80\x8B"), std::string("d"), std::string("2023")}) {
    auto r = with_document(doc);
    INFO(doc);
    CHECK(count(r, kRule, false) == 1);
    CHECK(has(r, "waiver-malformed"));
  }
  auto r = check_text(data("w3.luohu"), "2025-06-01");  // document=" " and dated 2099
  CHECK(count(r, kRule, false) == 1);
  for (const std::string& doc : {std::string("云政复〔2023〕5号"), std::string("国办发[2016]72号")}) {
    CHECK(count(with_document(doc), kRule, true) == 1);
  }
}

TEST_CASE("D3: one waiver covers one finding unless it says how many", "[robustness][D3][waivers]") {
  auto r = check_text(data("waiver-multi.luohu"));
  CHECK(count(r, kRule, true) == 0);
  CHECK(count(r, kRule, false) == 3);
  CHECK(has(r, "waiver-ambiguous"));
  std::string three = data("waiver-multi.luohu");
  three.replace(three.find(" reason="), 0, " covers=3");
  auto ok = check_text(three);
  CHECK(count(ok, kRule, true) == 3);
  CHECK_FALSE(has(ok, "waiver-ambiguous"));
}

// ---- D4, D15: the start-up snapshot --------------------------------------------

TEST_CASE("D4: start-up hands on the digests of the bytes it loaded, so an audit's receipt reads no input again",
          "[robustness][D4][cache][audit]") {
  luohu::DataPaths paths{source_path("registry/cities.yaml"), source_path("rules")};
  auto dir = fresh_dir("cache-digests");
  ::chmod(dir.c_str(), 0700);
  std::vector<luohu::LoadError> errors;
  for (const std::string& cache : {std::string(), dir.string(), dir.string()}) {  // no cache, cold, warm
    auto setup = luohu::load_setup(paths, cache, errors);
    REQUIRE(setup);
    INFO("cache: " << cache << (setup->snapshot.empty() ? " (YAML)" : " (snapshot)"));
    REQUIRE(setup->digests.size() == setup->rules.files.size() + 1);
    for (const auto& [path, sha] : setup->digests) CHECK(sha == *luohu::sha256_file(path));
    // The receipt names exactly what a fresh reading of every file gives.
    auto given = luohu::audit::provenance(setup->registry, setup->rules, {}, setup->digests);
    auto read = luohu::audit::provenance(setup->registry, setup->rules, {});
    CHECK(given.registry.sha256 == read.registry.sha256);
    REQUIRE(given.rule_files.size() == read.rule_files.size());
    for (std::size_t i = 0; i < given.rule_files.size(); ++i) CHECK(given.rule_files[i].sha256 == read.rule_files[i].sha256);
  }
}

TEST_CASE("D4: a snapshot in a cache directory others can write to is never used", "[robustness][D4][cache]") {
  luohu::DataPaths paths{source_path("registry/cities.yaml"), source_path("rules")};
  auto shared = fresh_dir("cache-shared");
  ::chmod(shared.c_str(), 0777);
  std::vector<luohu::LoadError> errors;
  auto first = luohu::load_setup(paths, shared.string(), errors);
  REQUIRE(first);
  auto second = luohu::load_setup(paths, shared.string(), errors);
  REQUIRE(second);
  CHECK(second->snapshot.empty());  // read from the YAML
  CHECK(fs::is_empty(shared));      // and nothing written there

  auto mine = fresh_dir("cache-private");
  ::chmod(mine.c_str(), 0700);
  REQUIRE(luohu::load_setup(paths, mine.string(), errors));
  auto hit = luohu::load_setup(paths, mine.string(), errors);
  REQUIRE(hit);
  REQUIRE_FALSE(hit->snapshot.empty());
  // A snapshot file others may write to is ignored too: not read, but replaced by a private one.
  ::chmod(hit->snapshot.c_str(), 0666);
  auto writable = luohu::load_setup(paths, mine.string(), errors);
  REQUIRE(writable);
  struct stat st {};
  REQUIRE(::stat(hit->snapshot.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
}

TEST_CASE("D4: the audit's receipt names the snapshot it used, with its SHA-256", "[robustness][D4][audit][cli]") {
  auto cache = fresh_dir("cache-receipt");
  ::chmod(cache.c_str(), 0700);
  ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  run_luohu({"check", source_path(kQ)});  // writes the snapshot
  auto r = run_luohu({"--lang", "en", "audit", source_path(kQ), "--format", "json"});
  ::setenv("XDG_CACHE_HOME", (fs::path(LUOHU_BINARY).parent_path() / "test-cache").c_str(), 1);
  auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["snapshot"].is_object());
  const std::string path = j["snapshot"]["path"];
  CHECK(path.starts_with((cache / "luohu").string()));
  // The content's digest (stamps left out), not the file's: a run that
  // restamps the snapshot (its inputs settled meanwhile) names the same data.
  CHECK(j["snapshot"]["content_sha256"] == *luohu::cache::content_sha256(read_file(path)));
  CHECK(j["snapshot"]["content_sha256"] != *luohu::sha256_file(path));
  auto none = run_luohu({"--no-cache", "--lang", "en", "audit", source_path(kQ), "--format", "json"});
  CHECK(nlohmann::json::parse(none.out)["snapshot"].is_null());
}

TEST_CASE("D15: a FIFO or a huge file at the snapshot path never blocks or maps", "[robustness][D15][cache]") {
  luohu::DataPaths paths{source_path("registry/cities.yaml"), source_path("rules")};
  auto dir = fresh_dir("cache-fifo");
  ::chmod(dir.c_str(), 0700);
  std::vector<luohu::LoadError> errors;
  auto loaded = luohu::load_setup(paths, dir.string(), errors);
  REQUIRE(loaded);
  auto hit = luohu::load_setup(paths, dir.string(), errors);
  REQUIRE(hit);
  const std::string snapshot = hit->snapshot;
  REQUIRE_FALSE(snapshot.empty());
  fs::remove(snapshot);
  REQUIRE(::mkfifo(snapshot.c_str(), 0600) == 0);
  auto after_fifo = luohu::load_setup(paths, dir.string(), errors);  // blocked forever before
  REQUIRE(after_fifo);
  CHECK(fs::is_regular_file(snapshot));  // the FIFO replaced by a real snapshot
  fs::remove(snapshot);
  { std::ofstream(snapshot, std::ios::binary) << "x"; }
  ::chmod(snapshot.c_str(), 0600);
  fs::resize_file(snapshot, 3ull << 30);  // sparse 3 GiB: was mapped with MAP_POPULATE
  auto after_huge = luohu::load_setup(paths, dir.string(), errors);
  REQUIRE(after_huge);
  CHECK(fs::file_size(snapshot) < (32u << 20));  // not mapped: replaced by a real snapshot
  fs::remove(snapshot);
}

// ---- D5, D8, D9: the audit ---------------------------------------------------

TEST_CASE("D5: a decoy file claiming a city keeps the real policy's errors in the counts", "[robustness][D5][audit]") {
  auto dir = fresh_dir("decoy");
  fs::copy_file(source_path(kQ), dir / "qujing.luohu");
  write(dir / "decoy.luohu", "城市 530300;\n");
  auto r = run_luohu({"--lang", "en", "audit", dir.string(), "--format", "json"});
  CHECK(r.exit_code == 2);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["summary"]["errors"] >= 1);
  CHECK(j["summary"]["cities_compliant"] == 0);
  CHECK(j["summary"]["cities_checked"] == 1);
  bool medium_violating = false;
  for (const auto& t : j["summary"]["by_tier"])
    if (t["key"] == "medium") medium_violating = t["violating"] == 1 && t["applicable"] == 1;
  CHECK(medium_violating);
}

TEST_CASE("D8: the audit never reads a file it refused as too large", "[robustness][D8][audit]") {
  auto dir = fresh_dir("sparse");
  { std::ofstream(dir / "huge.luohu", std::ios::binary) << "城市 530300;\n"; }
  fs::resize_file(dir / "huge.luohu", 8ull << 30);  // 8 GiB, sparse
  Checker checker(bundled().registry, bundled().rules);
  auto result = luohu::audit::run(checker, {(dir / "huge.luohu").string()});  // hashing it took about 25 s
  REQUIRE(result.files.size() == 1);
  CHECK_FALSE(result.files[0].sha256);
  CHECK(result.files[0].findings[0].rule == "file-too-large");
}

TEST_CASE("D9: duplicate-city messages stay short however many files claim the city", "[robustness][D9][audit]") {
  auto dir = fresh_dir("many-duplicates");
  std::vector<std::string> files;
  for (int i = 0; i < 300; ++i) files.push_back(write(dir / ("d" + std::to_string(i) + ".luohu"), "城市 530300;\n"));
  Checker checker(bundled().registry, bundled().rules);
  auto result = luohu::audit::run(checker, files);
  REQUIRE(result.duplicates.size() == 1);
  CHECK(result.duplicates[0].paths.size() == 300);
  for (const auto& f : result.files) {
    REQUIRE(f.findings[0].rule == "duplicate-city");
    CHECK(f.findings[0].message.en.size() < 400);  // named all 300 paths before
  }
}

// ---- D0, D10, D11, D20: text that is not valid UTF-8, control characters -----

TEST_CASE("D10: a file name with invalid UTF-8 gives valid JSON and SARIF, the byte shown as <FF>", "[robustness][D10][cli]") {
  auto dir = fresh_dir("bad-name");
  auto path = (dir / "bad\xFF.luohu").string();
  fs::copy_file(source_path(kQ), path);
  for (const char* format : {"json", "sarif"}) {
    auto r = run_luohu({"--lang", "en", "check", "--format", format, path});
    CHECK(r.exit_code == 1);
    REQUIRE(valid_utf8(r.out));
    CHECK_NOTHROW(nlohmann::json::parse(r.out));
    CHECK_THAT(r.out, Catch::Contains("bad<FF>.luohu") || Catch::Contains("bad%FF.luohu"));
  }
  auto human = run_luohu({"--lang", "en", "check", path});
  CHECK_THAT(human.out, Catch::Contains("bad<FF>.luohu"));
}

TEST_CASE("D11: invalid UTF-8 in a rule's quote is a load error, not an abort", "[robustness][D11][rules]") {
  auto dir = fresh_dir("rules-bad-utf8");
  for (const auto& entry : fs::directory_iterator(source_path("rules")))
    if (entry.is_regular_file()) fs::copy_file(entry.path(), dir / entry.path().filename());
  auto file = (dir / (kRule + ".yaml")).string();
  std::string text = read_file(file);
  text.replace(text.find("quote: \"") + 8, 0, "\xFF\xFE");
  write(file, text);
  auto r = run_luohu({"--no-cache", "--lang", "en", "--rules", dir.string(), "check", "--format", "json", source_path(kQ)});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("not valid UTF-8"));
}

TEST_CASE("D20: control characters from a file never reach the terminal", "[robustness][D20][cli]") {
  auto path = write(fresh_dir("esc") / "esc.luohu",
                    "城市 530300;\n渠道 \"a\x1b]52;c;ZXZpbA==\x07\" {\n  对象 农业转移人口;\n  条件 { 社会保险 >= 48 个月; }  "
                    "#\x1b[2K\x1b[1A\x1b[2K\n}\n");
  for (const char* format : {"human", "gcc"}) {
    auto r = run_luohu({"--lang", "en", "check", "--color", "never", "--format", format, path});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
    if (std::string(format) == "human") CHECK_THAT(r.out, Catch::Contains("<U+001B>]52;c;ZXZpbA==<U+0007>"));
  }
}

TEST_CASE("D20: bidi controls in a comment, a string or a waiver are a Trojan Source error", "[robustness][D20]") {
  for (const std::string& text :
       {std::string("城市 530300;  # \xE2\x80\xAE evil\n"), std::string("城市 530300;\n标题 \"a\xE2\x81\xA6" "b\";\n"),
        "城市 530300;\n渠道 a {\n  对象 农业转移人口;\n  条件 { 社会保险 >= 48 个月; }  # luohu: allow " + kRule +
            " reason=\"r\xE2\x80\xAE\" document=\"云政复〔2023〕5号\" date=2023-05-01 expires=2099-12-31\n}\n"}) {
    auto r = check_text(text);
    CHECK(has(r, "bidi-control"));
    CHECK(r.input_error());
  }
}

TEST_CASE("every JSON report is mended only when it holds invalid UTF-8, keys and nested strings too", "[robustness][D10][utf8]") {
  const nlohmann::json valid = {{"城市", "曲靖"}, {"n", {1, "a", nullptr}}};
  CHECK(luohu::dump_valid(valid, 2) == valid.dump(2));
  nlohmann::json broken = {{"file\xFF", "bad\xFE.luohu"}, {"list", {"ok", {{"deep", "x\xC0\xAF"}}}}};
  const std::string text = luohu::dump_valid(broken, -1);
  CHECK(text == R"({"file<FF>":"bad<FE>.luohu","list":["ok",{"deep":"x<C0><AF>"}]})");
  CHECK(nlohmann::json::parse(text).is_object());
}

TEST_CASE("utf8: one decoder, and its escapes are visible and idempotent", "[robustness][D0][utf8]") {
  CHECK(luohu::valid_utf8("a\xFF" "b") == "a<FF>b");
  CHECK(luohu::valid_utf8("\xE4\xB8") == "<E4><B8>");
  CHECK(luohu::valid_utf8("城市") == "城市");
  CHECK(luohu::valid_utf8(luohu::valid_utf8("x\xC0\xAF")) == "x<C0><AF>");  // overlong
  CHECK(luohu::terminal_text("a\x1b[2Kb\n") == "a<U+001B>[2Kb<U+000A>");
  CHECK(luohu::terminal_text("a\nb", true) == "a\nb");
  CHECK(luohu::terminal_text("\xE2\x80\xAE") == "<U+202E>");
  CHECK(luohu::first_invalid_utf8("ok\xED\xA0\x80") == 2);  // a surrogate
}

// ---- D6, D7, D13: work without bound -----------------------------------------

namespace {
std::string dnf(int blocks) {  // tests/data/reliability/gen.py dnf N
  std::string b;
  for (int i = 1; i <= blocks; ++i) {
    auto n = std::to_string(i);
    b += " 任一 { 社会保险 >= " + n + " 个月; 连续居住 >= " + n + " 个月; 合法稳定就业 >= " + n + " 个月; }";
  }
  std::string out = "城市 530300;\n";
  for (int k = 0; k < 2; ++k) out += "渠道 c" + std::to_string(k) + " {\n 对象 农业转移人口;\n 条件 {" + b + " }\n}\n";
  return out;
}
}  // namespace

// Its speed is measured in bench/ (BM_CheckManyAnyOfBlocks, beside parsing the
// same text); here, that the indexed comparison still finds what the scan found.
TEST_CASE("D6: the shadowing analysis of a 22 KB policy of 任一 blocks finishes and still finds the repeat", "[robustness][D6]") {
  const std::string text = dnf(200);
  auto r = check_text(text);
  CHECK_FALSE(r.input_error());
  CHECK(has(r, "T2-SHADOWED-CHANNEL"));  // c1 repeats c0: still found
}

TEST_CASE("D7: graph draws at most a few hundred channels, and says how many it left out", "[robustness][D7][graph]") {
  std::string text = "城市 530300;\n";
  for (int i = 0; i < 5000; ++i) text += "渠道 c" + std::to_string(i) + "{对象 人才;}\n";
  auto path = write(fresh_dir("graph") / "g.luohu", text);
  auto r = run_luohu({"--lang", "en", "graph", path});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("more channels not drawn: at most 300 per graph"));
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') < 2000);
}

TEST_CASE("D13: predicate evaluation has a budget, and exceeding it is an error", "[robustness][D13][predicate]") {
  luohu::predicate::Scope scope{{"policy", luohu::Type::object_of("policy")}};
  std::string e = "true";
  for (int i = 0; i < 12; ++i) e = "policy.channels.exists(c" + std::to_string(i) + ", " + e + " && c" + std::to_string(i) + ".name == 'x')";
  auto compiled = luohu::predicate::compile(e, luohu::policy_schema(), scope);
  REQUIRE(compiled.expression);
  std::string text = "城市 530300;\n";
  for (int i = 0; i < 10; ++i) text += "渠道 c" + std::to_string(i) + " { 对象 人才; }\n";
  auto built = luohu::test::build(text);
  REQUIRE(built.result.policy);
  luohu::predicate::Environment env;
  env.variables["policy"] = luohu::Value(static_cast<const luohu::ModelObject*>(built.result.policy.get()));
  // 10^12 steps before: never finished. The budget stops it (a hang is ctest's TIMEOUT).
  CHECK_THROWS_WITH(luohu::predicate::evaluate(*compiled.expression, env), Catch::Contains("evaluation budget exceeded"));
}

// ---- D12, D14, D16, D17, D18, D19, D21 ----------------------------------------

TEST_CASE("D12: explain --finding takes any line number without aborting or wrapping", "[robustness][D12][cli]") {
  for (std::string line : {"99999999999999999999", "18446744073709551616", "4294967320", "4294967296", "0"}) {
    auto r = run_luohu({"--lang", "en", "explain", "--finding", source_path(kQ) + ":" + line});
    INFO(line);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("LINE from 1 to 4294967295"));
  }
  CHECK_FALSE(luohu::parse_finding_query("a.luohu:4294967320"));
  auto ok = luohu::parse_finding_query("a.luohu:4294967295");
  REQUIRE(ok);
  CHECK(ok->line == 4294967295u);
}

TEST_CASE("D14: devices and FIFOs are refused before reading, everywhere", "[robustness][D14][cli]") {
  auto fifo = (fresh_dir("fifo") / "p.luohu").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& device : {std::string("/dev/zero"), fifo}) {
    auto c = run_luohu({"--lang", "en", "check", device});
    CHECK(c.exit_code == 2);
    CHECK_THAT(c.out + c.err, Catch::Contains("not a regular file"));
    auto f = run_luohu({"--lang", "en", "fmt", device});
    CHECK(f.exit_code == 2);
    CHECK_THAT(f.err, Catch::Contains("not a regular file"));
    auto reg = run_luohu({"--no-cache", "--lang", "en", "--registry", device, "check", source_path(kQ)});
    CHECK(reg.exit_code == 2);
    auto base = run_luohu({"--lang", "en", "audit", source_path(kQ), "--baseline", device});
    CHECK(base.exit_code == 2);
    CHECK_THAT(base.err, Catch::Contains("not a regular file"));
  }
  auto read = luohu::read_regular_file("/dev/zero", 1024);
  CHECK_FALSE(read.ok());
  CHECK(read.error == luohu::ReadResult::Error::not_regular);
  // A /proc file reports size 0 but is read, up to the limit.
  auto proc = luohu::read_regular_file("/proc/self/status", 1 << 20);
  CHECK(proc.ok());
}

TEST_CASE("D16: a write error on stdout is an error with a message and exit 2", "[robustness][D16][cli]") {
  auto err = (fresh_dir("full") / "err").string();
  for (const char* command : {"check --format json", "audit --format json"}) {
    int status = std::system((std::string("'") + LUOHU_BINARY + "' --lang en " + command + " '" + source_path(kQ) +
                              "' >/dev/full 2>'" + err + "'").c_str());
    INFO(command);
    CHECK(WEXITSTATUS(status) == 2);  // was 1, with no message
    CHECK_THAT(read_file(err), Catch::Contains("cannot write to standard output"));
  }
}

TEST_CASE("D16: audit -o replaces the report atomically: a failed write keeps the previous one", "[robustness][D16][audit]") {
  auto dir = fresh_dir("atomic-report");
  auto out = (dir / "report.json").string();
  write(out, "previous report\n");
  // A file-size limit makes the write fail part-way, as a full disk does.
  std::string command = "trap '' XFSZ; ulimit -f 4; exec '" + std::string(LUOHU_BINARY) + "' --lang en audit '" +
                        source_path("examples") + "' --format json -o '" + out + "' >/dev/null 2>'" + (dir / "err").string() + "'";
  int status = std::system(("sh -c \"" + command + "\"").c_str());
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(read_file(out) == "previous report\n");
  CHECK_THAT(read_file((dir / "err").string()), Catch::Contains("cannot write the report"));
  std::size_t leftovers = 0;
  for (const auto& e : fs::directory_iterator(dir)) leftovers += e.path().filename().string().find("luohu-tmp") != std::string::npos;
  CHECK(leftovers == 0);
}

TEST_CASE("D16: a report whose making throws leaves the previous one and no temporary behind", "[robustness][D16]") {
  auto dir = fresh_dir("atomic-throw");
  auto out = (dir / "report.json").string();
  write(out, "previous report\n");
  std::string error, error_zh;
  // The streamed audit runs inside the writer: an exception from it (out of memory) must not leave a half report.
  CHECK_THROWS_AS(luohu::write_atomically_streamed(
                      out, [](const luohu::ChunkWriter& put) -> bool {
                        put("{\"files\": [");
                        throw std::bad_alloc();
                      },
                      luohu::WriteOptions{}, error, error_zh),
                  std::bad_alloc);
  CHECK(read_file(out) == "previous report\n");
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) entries += e.path().filename() != "report.json";
  CHECK(entries == 0);
}

TEST_CASE("D17: fmt writes through a symlink, refuses hard links and read-only files", "[robustness][D17][fmt]") {
  auto dir = fresh_dir("fmt-links");
  const std::string messy = "城市 530300;\n渠道 a{对象 高校毕业生;}\n";
  auto target = write(dir / "target.luohu", messy);
  fs::create_symlink("target.luohu", dir / "link.luohu");
  auto r = run_luohu({"--lang", "en", "fmt", (dir / "link.luohu").string()});
  CHECK(r.exit_code == 0);
  CHECK(fs::is_symlink(dir / "link.luohu"));
  CHECK(read_file(target) != messy);  // the target was formatted

  auto h1 = write(dir / "h1.luohu", messy);
  fs::create_hard_link(h1, dir / "h2.luohu");
  auto hard = run_luohu({"--lang", "en", "fmt", h1});
  CHECK(hard.exit_code == 2);
  CHECK_THAT(hard.err, Catch::Contains("hard links"));
  CHECK(read_file(h1) == messy);
  CHECK(fs::equivalent(h1, dir / "h2.luohu"));

  auto ro = write(dir / "ro.luohu", messy);
  ::chmod(ro.c_str(), 0444);
  if (::geteuid() != 0) {  // root may write anything
    auto refused = run_luohu({"--lang", "en", "fmt", ro});
    CHECK(refused.exit_code == 2);
    CHECK(read_file(ro) == messy);
  }
  struct stat st {};
  auto kept = write(dir / "mode.luohu", messy);
  ::chmod(kept.c_str(), 0640);
  CHECK(run_luohu({"fmt", kept}).exit_code == 0);
  REQUIRE(::stat(kept.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("D18: fmt never writes a file over the input limit", "[robustness][D18][fmt]") {
  // 任一 nested 30 deep, compact: indentation makes it about 9 times larger.
  std::string nest;
  for (int i = 0; i < 30; ++i) nest += "任一{";
  nest += "社会保险>=1年;";
  for (int i = 0; i < 30; ++i) nest += "}";
  std::string text = "城市 530300;\n";
  for (int i = 0; text.size() < 1'600'000; ++i) text += "渠道 c" + std::to_string(i) + "{对象 人才;条件{" + nest + "}}\n";
  auto path = write(fresh_dir("grow") / "grow.luohu", text);
  auto r = run_luohu({"--lang", "en", "fmt", path});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("over the 10 MiB limit"));
  CHECK(read_file(path) == text);
}

TEST_CASE("D19: 导入 reads only .luohu files under the policy root, and echoes nothing else", "[robustness][D19][imports]") {
  ::setenv("LUOHU_TEST_SECRET", "s3cr3t-token", 1);
  auto dir = fresh_dir("import-root");
  write(dir / ".luohu.yaml", "");
  for (std::string target : {"/proc/self/environ", "/etc/passwd", "../../../../../../etc/passwd", "../../outside.luohu"}) {
    auto path = write(dir / "p" / "x.luohu", "城市 530300;\n渠道 a { 对象 高校毕业生; }\n导入 \"" + target + "\";\n");
    write(dir.parent_path() / "outside.luohu", "城市 530300;\n");
    for (const char* format : {"human", "json"}) {
      auto r = run_luohu({"--lang", "en", "check", "--format", format, path});
      INFO(target);
      CHECK(r.exit_code == 2);
      CHECK_THAT(r.out + r.err, Catch::Contains("import"));
      CHECK_THAT(r.out + r.err, !Catch::Contains("s3cr3t") && !Catch::Contains("root:"));
    }
  }
  // Inside the root, .. is fine.
  write(dir / "base.luohu", "标题 \"b\";\n");
  auto inside = write(dir / "p" / "y.luohu", "城市 530300;\n渠道 a { 对象 高校毕业生; }\n导入 \"../base.luohu\";\n");
  CHECK(run_luohu({"check", inside}).exit_code != 2);
}

TEST_CASE("D21: a number too large for any unit is an error, never Infinity", "[robustness][D21]") {
  const std::string big(400, '9');
  auto r = check_text("城市 440300;\n渠道 a {\n 对象 普通劳动者;\n 指标 " + big + "8 上年 " + big + "9;\n}\n");
  CHECK(r.input_error());
  bool named = false;
  for (const auto& d : r.diagnostics) named = named || (d.code == "invalid-argument" && d.message.en.find("too large") != std::string::npos);
  CHECK(named);
}

// ---- silent input loss (code review §3.4) -------------------------------------

TEST_CASE("input loss: a second 指标 is an error, a second 随迁 adds, 条件 in 积分 is an error", "[robustness][model]") {
  auto quota = check_text("城市 530300;\n渠道 a {\n 对象 人才;\n 指标 100;\n 指标 200;\n}\n");
  CHECK(has(quota, "duplicate-statement"));
  auto family = luohu::test::build("城市 530300;\n渠道 a {\n 对象 人才;\n 随迁 配偶;\n 随迁 子女;\n}\n");
  REQUIRE(family.result.policy);
  CHECK(family.result.policy->channels[0]->family.size() == 2);
  auto points = check_text("城市 530300;\n积分 {\n 指标 100;\n 条件 { 社会保险 >= 1 年; }\n}\n");
  CHECK(has(points, "invalid-argument"));
}

// ---- the language server's framing ---------------------------------------------

TEST_CASE("LSP: a Content-Length over the limit is answered at once, and the next message is read", "[robustness][lsp]") {
  const std::string next = R"({"jsonrpc":"2.0","id":1,"method":"shutdown"})";
  std::istringstream in("Content-Length: 99999999999\r\n\r\n{\"x\":1}\r\nContent-Length: " + std::to_string(next.size()) +
                        "\r\n\r\n" + next);
  std::ostringstream out;
  luohu::lsp::Transport t(in, out);
  auto first = t.read();
  CHECK(first.status == luohu::lsp::Transport::Status::bad_header);
  CHECK(first.error == "message larger than 64 MiB");
  auto second = t.read();
  REQUIRE(second.status == luohu::lsp::Transport::Status::message);
  CHECK(second.message["method"] == "shutdown");
  // A header line without an end is not held whole.
  std::istringstream long_header(std::string(1 << 20, 'x'));
  luohu::lsp::Transport t2(long_header, out);
  CHECK(t2.read().status != luohu::lsp::Transport::Status::message);
}

// ---- the done-when demo ---------------------------------------------------------

TEST_CASE("demo: audit of random bytes, an invalid UTF-8 name and a decoy writes valid reports naming them", "[robustness][D0][audit][cli]") {
  auto dir = fresh_dir("demo");
  std::string noise;
  std::uint32_t x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    noise += static_cast<char>(x >> 24);
  }
  write(dir / "random.luohu", noise);
  fs::copy_file(source_path(kQ), dir / "qujing\xFF\xFE.luohu");
  write(dir / "decoy.luohu", "城市 530300;\n");
  fs::copy_file(source_path("examples/compliant/changde-medium.luohu"), dir / "changde.luohu");
  for (const char* format : {"json", "sarif", "csv", "html"}) {
    auto out = (dir / (std::string("report.") + format)).string();
    auto r = run_luohu({"--lang", "en", "audit", dir.string(), "--format", format, "-o", out});
    INFO(format);
    CHECK(r.exit_code == 2);
    const std::string report = read_file(out);
    REQUIRE_FALSE(report.empty());
    CHECK(valid_utf8(report));
    CHECK_THAT(report, Catch::Contains("random.luohu") && Catch::Contains("decoy.luohu"));
    CHECK_THAT(report, Catch::Contains("qujing<FF><FE>.luohu") || Catch::Contains("qujing%FF%FE.luohu") ||
                           Catch::Contains("qujing\\u003cFF>\\u003cFE>.luohu"));  // HTML: '<' escaped in its data
    if (std::string(format) == "json" || std::string(format) == "sarif") {
      auto j = nlohmann::json::parse(report);
      if (std::string(format) == "sarif") {
        CHECK(j["version"] == "2.1.0");
        REQUIRE(j["runs"].is_array());
        CHECK(j["runs"][0]["results"].is_array());
      } else {
        CHECK(j["summary"]["errors"] >= 1);  // the decoy no longer hides qujing's error
      }
    } else if (std::string(format) == "csv") {
      std::size_t rows = 0, quotes = 0;
      for (char c : report) {
        rows += c == '\n';
        quotes += c == '"';
      }
      CHECK(rows >= 4);
      CHECK(quotes % 2 == 0);
    } else {
      CHECK(report.find("<!DOCTYPE html>") == 0);
      CHECK_THAT(report, Catch::EndsWith("</html>\n") || Catch::EndsWith("</html>"));
    }
  }
}
