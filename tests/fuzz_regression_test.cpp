// Replays every input in tests/fuzz_regressions/<target>/ through the fuzz
// target's code (fuzz/targets.hpp): each once crashed, hung or broke an
// invariant, or probes a limit. Under LUOHU_SANITIZE=ON this is also an
// ASan/UBSan check.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../fuzz/targets.hpp"
#include "support.hpp"

namespace fs = std::filesystem;

namespace {
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

template <typename F>
std::size_t replay(const std::string& target, F run) {
  std::size_t n = 0;
  for (const auto& entry : fs::directory_iterator(luohu::test::source_path("tests/fuzz_regressions/" + target))) {
    if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
    INFO(entry.path().string());
    CHECK(run(slurp(entry.path())));
    ++n;
  }
  return n;
}
}  // namespace

TEST_CASE("fuzz regressions: policy parser and checker", "[fuzz]") { CHECK(replay("policy", luohu::fuzz::run_policy) > 0); }
TEST_CASE("fuzz regressions: predicate compiler", "[fuzz]") { CHECK(replay("predicate", luohu::fuzz::run_predicate) > 0); }
TEST_CASE("fuzz regressions: registry loader", "[fuzz]") { CHECK(replay("registry", luohu::fuzz::run_registry) > 0); }
TEST_CASE("fuzz regressions: rule loader", "[fuzz]") { CHECK(replay("rule", luohu::fuzz::run_rule) > 0); }
TEST_CASE("fuzz regressions: language server reader", "[fuzz]") { CHECK(replay("lsp", luohu::fuzz::run_lsp) > 0); }
TEST_CASE("fuzz regressions: incremental re-parse", "[fuzz]") { CHECK(replay("reparse", luohu::fuzz::run_reparse) > 0); }
TEST_CASE("fuzz regressions: start-up snapshot reader", "[fuzz]") { CHECK(replay("snapshot", luohu::fuzz::run_snapshot) > 0); }

TEST_CASE("fuzz finding: a rule whose examples or applies_to are not maps is refused with file:line", "[fuzz]") {
  // fuzz_rule, 2026-11-25: yaml-cpp threw BadSubscript out of load_rule_text (std::terminate).
  const std::string head = "id: T9-X\ntask: 9\nquote: q\ndocument: guobanfa-2016-72\nin_force: {from: 2016-09-30, until: null, superseded_by: null, reading: {zh: 至今, en: to date}}\nresponsible: r\nseverity: error\ntitle: {zh: t, en: t}\n"
                           "reading: {zh: r, en: r}\nforbid: policy.conditions\nmessage: {zh: m, en: m}\n";
  std::vector<luohu::LoadError> errors;
  CHECK_FALSE(luohu::load_rule_text(head + "examples:\n  - just a string\n", "r.yaml", errors));
  bool found = false;
  for (const auto& e : errors) {
    if (e.message.en == "each example must be a map (name, expect, policy)") {
      found = true;
      CHECK(e.line == 13);
    }
  }
  CHECK(found);
  errors.clear();
  CHECK_FALSE(luohu::load_rule_text(head + "applies_to: large\nexamples: []\n", "r.yaml", errors));
  REQUIRE_FALSE(errors.empty());
}

TEST_CASE("fuzz regressions: every reporter, from raw bytes (name and content)", "[fuzz][robustness]") {
  // The reproduction files of the hostile-input review (D0, D10, D19, D20, D1):
  // each report valid in its format and valid UTF-8, no control character to a terminal.
  CHECK(replay("report", luohu::fuzz::run_report) >= 7);
}
