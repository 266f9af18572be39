// Every rule's bad and good examples, read from the rule YAML, run as tests.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "compose/check.hpp"
#include "support.hpp"

using namespace luohu;

TEST_CASE("every rule's examples behave as the rule file says", "[rules][examples]") {
  const auto& pack = test::bundled().rules;
  REQUIRE(!pack.rules.empty());
  Checker checker(test::bundled().registry, pack);
  for (const auto& rule : pack.rules) {
    for (const auto& example : rule.examples) {
      DYNAMIC_SECTION(rule.id << " — " << (example.bad ? "bad" : "good") << ": " << example.name) {
        checker.as_of = rule.in_force.from;  // the first day the rule binds
        auto report = compose::check_text(checker, rule.path + ":" + std::to_string(example.line), example.policy);
        INFO("diagnostics: " << [&] {
          std::string s;
          for (const auto& d : report.diagnostics) s += d.code + " " + d.message.en + "\n";
          return s;
        }());
        REQUIRE_FALSE(report.input_error());
        // Where this rule's findings are, as "line:column" (the example's `at`).
        std::vector<std::string> at;
        for (const auto& d : report.diagnostics) {
          if (d.code != rule.id) continue;
          LineColumn lc = report.source->location(d.range.begin);
          at.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column));
        }
        if (example.bad) {
          CHECK_FALSE(at.empty());
          INFO("the example's `at` must list exactly where its findings are");
          CHECK(at == example.at);
        } else {
          CHECK(at.empty());
          CHECK(example.at.empty());
        }
      }
    }
  }
}

TEST_CASE("every rule has bad and good examples and cites a seed task or a later document", "[rules]") {
  const auto& pack = test::bundled().rules;
  for (const auto& rule : pack.rules) {
    INFO(rule.id);
    if (rule.document == pack.seed) {
      CHECK(rule.task >= 1);
      CHECK(rule.task <= 36);
    } else {
      CHECK(rule.task == 0);
      CHECK(rule.id.rfind("D", 0) == 0);
    }
    CHECK_FALSE(rule.quote.empty());
    CHECK_FALSE(rule.responsible.empty());
    CHECK_FALSE(rule.reading.zh.empty());
    CHECK_FALSE(rule.reading.en.empty());
    CHECK(std::any_of(rule.examples.begin(), rule.examples.end(), [](const RuleExample& e) { return e.bad; }));
    CHECK(std::any_of(rule.examples.begin(), rule.examples.end(), [](const RuleExample& e) { return !e.bad; }));
  }
}

namespace {
std::string without_spaces(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    out += s[i];
  }
  return out;
}
}  // namespace

TEST_CASE("every rule quotes its task and responsible units verbatim from the seed", "[rules]") {
  std::ifstream in(test::source_path("rules/seed/plan-2016-tasks.txt"), std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string seed = without_spaces(buffer.str());
  REQUIRE(seed.size() > 1000);
  for (const auto& rule : test::bundled().rules.rules) {
    if (rule.task == 0) continue;  // a later document's sentence: rules_over_time_test finds it in that document
    INFO(rule.id << " quote: " << rule.quote);
    auto at = seed.find(without_spaces(rule.quote));
    REQUIRE(at != std::string::npos);
    // The task number sits right before its text in the seed's table.
    std::string number = std::to_string(rule.task);
    CHECK(seed.substr(at - number.size(), number.size()) == number);
    CHECK(seed.find(without_spaces(rule.responsible), at) != std::string::npos);
  }
}
