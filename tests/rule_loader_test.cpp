// The rule loader refuses a malformed rule whole, with file:line:column,
// including errors inside its predicates and message templates.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "rules/rule.hpp"
#include "support.hpp"

using namespace luohu;

namespace {

const char* kRule = R"(id: T7-TEST
task: 7
quote: 大中城市均不得采取购买房屋、投资纳税等方式设置落户限制。
document: guobanfa-2016-72
in_force: {from: 2016-09-30, until: null, superseded_by: null, reading: {zh: 至今, en: to date}}
responsible: 大城市和中等城市人民政府
severity: error
title: {zh: 标题, en: title}
reading: {zh: 解读, en: reading}
applies_to:
  tiers: [medium]
forbid: policy.conditions.filter(k, k.kind == 'house_purchase')
message:
  zh: "不得以{it.kind}为条件"
  en: "{it.kind} may not be a condition"
examples:
  - name: bad
    expect: bad
    policy: |
      城市 530400;
  - name: good
    expect: good
    policy: |
      城市 530400;
)";

std::vector<LoadError> refuse(const std::string& text) {
  std::vector<LoadError> errors;
  auto rule = load_rule_text(text, "r.yaml", errors);
  CHECK_FALSE(rule.has_value());
  REQUIRE_FALSE(errors.empty());
  return errors;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("a well-formed rule loads with its parts", "[rules][loader]") {
  std::vector<LoadError> errors;
  auto rule = load_rule_text(kRule, "r.yaml", errors);
  REQUIRE(errors.empty());
  REQUIRE(rule);
  CHECK(rule->id == "T7-TEST");
  CHECK(rule->task == 7);
  CHECK(rule->tiers == std::vector<std::string>{"medium"});
  CHECK(rule->compiled().forbid.has_value());
  CHECK(rule->examples.size() == 2);
  CHECK(rule->examples[0].bad);
  CHECK(rule->examples[0].line == 20);  // the first line of the policy text
}

TEST_CASE("a predicate error points into the rule file", "[rules][loader][errors]") {
  auto e = refuse(replaced(kRule, "k.kind ==", "k.knd =="));
  CHECK(e[0].line == 12);
  CHECK(e[0].column == 39);  // at "knd"
  CHECK_THAT(e[0].message.en, Catch::Contains("type 'condition' has no field 'knd'; did you mean 'kind'?"));
  CHECK_THAT(e[0].format(Lang::en), Catch::StartsWith("r.yaml:12:39: error: in forbid:"));
}

TEST_CASE("a message template error points into the rule file", "[rules][loader][errors]") {
  auto e = refuse(replaced(kRule, "{it.kind} may", "{it.kinds} may"));
  CHECK(e[0].line == 15);
  CHECK_THAT(e[0].message.en, Catch::Contains("no field 'kinds'"));
}

TEST_CASE("structural mistakes in a rule are refused", "[rules][loader][errors]") {
  // The range of task numbers is the seed's shape (tasks.yaml), checked with the pack: rules_coverage_test.
  CHECK_THAT(refuse(replaced(kRule, "task: 7", "task: 0"))[0].message.en, Catch::Contains("the number of a seed task"));
  CHECK_THAT(refuse(replaced(kRule, "severity: error", "severity: fatal"))[0].message.en,
             Catch::Contains("severity must be error, warning or note"));
  CHECK_THAT(refuse(replaced(kRule, "tiers: [medium]", "tiers: [mediun]"))[0].message.en,
             Catch::Contains("unknown city tier 'mediun'"));
  CHECK_THAT(refuse(replaced(kRule, "id: T7-TEST", "id: purchase"))[0].message.en, Catch::Contains("must look like"));
  CHECK_THAT(refuse(replaced(kRule, "\nreading:", "\nreadin:"))[0].message.en, Catch::Contains("unknown rule field 'readin'"));
  CHECK_THAT(refuse(replaced(kRule, "forbid: policy", "require: true\nforbid: policy"))[0].message.en,
             Catch::Contains("exactly one of forbid and require"));
  CHECK_THAT(refuse(replaced(kRule, "forbid: policy.conditions.filter(k, k.kind == 'house_purchase')", "forbid: size(policy.channels)"))[0].message.en,
             Catch::Contains("forbid must yield a list of model objects"));
  CHECK_THAT(refuse(replaced(kRule, "    expect: good", "    expect: bad"))[0].message.en,
             Catch::Contains("at least one bad and one good example"));
  auto yaml = refuse("id: [\n");
  CHECK_THAT(yaml[0].message.en, Catch::StartsWith("YAML syntax error"));
}

TEST_CASE("a rule pack with one bad rule is refused whole", "[rules][loader][errors]") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("luohu-pack-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "pack.yaml") << "name: t\nversion: \"1\"\nseed: guobanfa-2016-72\n";
  fs::create_directories(dir / "documents");  // the document the rules cite
  fs::copy_file(test::source_path("rules/documents/guobanfa-2016-72.yaml"), dir / "documents" / "guobanfa-2016-72.yaml");
  std::ofstream(dir / "a.yaml") << kRule;
  std::vector<LoadError> errors;
  CHECK(load_rule_pack(dir.string(), errors).has_value());
  CHECK(errors.empty());
  std::ofstream(dir / "b.yaml") << kRule;  // the same id again
  CHECK_FALSE(load_rule_pack(dir.string(), errors).has_value());
  REQUIRE(errors.size() == 1);
  CHECK_THAT(errors[0].message.en, Catch::Contains("duplicate rule id 'T7-TEST'"));
  errors.clear();
  fs::remove(dir / "b.yaml");
  fs::remove(dir / "pack.yaml");
  CHECK_FALSE(load_rule_pack(dir.string(), errors).has_value());
  CHECK_THAT(errors.at(0).message.en, Catch::Contains("no pack.yaml"));
  fs::remove_all(dir);
}
