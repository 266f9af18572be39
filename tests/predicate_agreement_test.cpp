// The compiled predicates (predicate/program.cpp) against the interpreter
// (predicate/evaluate.cpp), which is the reference: the same value or the
// same error, and the same steps spent, on every rule's predicates and
// message holes over every rule example's policy, on the fuzz corpus, and on
// each shape the compiler specialises.
#include <catch2/catch.hpp>

#include <filesystem>

#include "../fuzz/targets.hpp"
#include "model/vocabulary.hpp"
#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

struct ExampleModel {
  std::string name;
  std::unique_ptr<PolicyModel> model;
};

// Every rule example's policy, built and analysed by a check of it.
const std::vector<ExampleModel>& example_models() {
  static const std::vector<ExampleModel> models = [] {
    std::vector<ExampleModel> out;
    Checker checker(test::bundled().registry, test::bundled().rules);
    for (const auto& rule : test::bundled().rules.rules) {
      for (const auto& example : rule.examples) {
        auto source = std::make_shared<const SourceFile>(rule.path, example.policy);
        auto parsed = syntax::parse(*source);
        ExampleModel m{rule.id + " " + (example.bad ? "bad" : "good") + ": " + example.name, nullptr};
        compose::check_parsed(checker, source, parsed, &m.model);  // no model for one with imports
        if (m.model) out.push_back(std::move(m));
      }
    }
    return out;
  }();
  return models;
}

void collect_objects(const Value& v, std::vector<Value>& out) {
  if (!v.is_list()) return;
  for (const auto& e : v.as_list()) {
    if (e.is_object()) out.push_back(e);
  }
}

// Every predicate of `rule` and every hole of its messages, on `policy`.
std::size_t check_rule(const Rule& rule, const PolicyModel& policy, std::uint64_t sweep) {
  std::size_t compared = 0;
  predicate::Environment env;
  env.variables["policy"] = Value(static_cast<const ModelObject*>(&policy));
  env.variables["city"] = Value(static_cast<const ModelObject*>(&policy.city));
  env.label = [](const std::string& s) { return label(s, Lang::zh); };
  for_each_binding(rule, env, [&] {
    std::vector<Value> found{Value(static_cast<const ModelObject*>(&policy))};
    for (const auto* e : {&rule.compiled().forbid, &rule.compiled().require, &rule.compiled().blame}) {
      if (!*e) continue;
      INFO(rule.id << ": " << (*e)->text());
      CHECK(fuzz::disagreement(**e, env, sweep) == "");
      ++compared;
      collect_objects(fuzz::outcome(false, **e, env).value, found);
    }
    for (const auto& it : found) {
      env.variables["it"] = it;
      for (const auto* message : {&rule.compiled().message_zh, &rule.compiled().message_en}) {
        for (const auto& segment : message->segments()) {
          if (!segment.expression) continue;
          INFO(rule.id << " message: " << segment.expression->text());
          CHECK(fuzz::disagreement(*segment.expression, env, sweep) == "");
          ++compared;
        }
      }
    }
  });
  return compared;
}

}  // namespace

TEST_CASE("compiled and interpreted predicates agree on every rule example", "[predicate][agreement]") {
  const auto& models = example_models();
  REQUIRE(models.size() > 100);
  std::size_t compared = 0;
  for (const auto& m : models) {
    INFO("example " << m.name);
    for (const auto& rule : test::bundled().rules.rules) {
      // The example's own rule at every small budget; the other rules at the full one.
      const bool own = m.name.rfind(rule.id + " ", 0) == 0;
      compared += check_rule(rule, *m.model, own ? 48 : 0);
    }
  }
  CHECK(compared > 10000);
}

TEST_CASE("compiled and interpreted predicates agree on the fuzz corpus", "[predicate][agreement][fuzz]") {
  // The fuzz target's inputs: the regressions, the committed corpus, and the
  // seeds fuzz/seeds.sh takes from the rule pack (each rule's predicates).
  std::size_t n = 0;
  for (const char* dir : {"tests/fuzz_regressions/predicate", "tests/fuzz_corpus/predicate"}) {
    for (const auto& entry : fs::directory_iterator(test::source_path(dir))) {
      if (!entry.is_regular_file() || entry.path().filename() == "README.md") continue;
      INFO(entry.path().string());
      CHECK(fuzz::run_predicate(test::read_file(entry.path().string())));
      ++n;
    }
  }
  for (const auto& rule : test::bundled().rules.rules) {
    for (const auto* e : {&rule.compiled().forbid, &rule.compiled().require, &rule.compiled().blame}) {
      if (!*e) continue;
      INFO(rule.id << ": " << (*e)->text());
      CHECK(fuzz::run_predicate((*e)->text()));
      ++n;
    }
  }
  CHECK(n > 100);
}

TEST_CASE("compiled and interpreted predicates agree on each specialised shape", "[predicate][agreement]") {
  const auto& policy = fuzz::example_policy();
  predicate::Environment env;
  env.variables["policy"] = Value(static_cast<const ModelObject*>(&policy));
  env.variables["city"] = Value(static_cast<const ModelObject*>(&policy.city));
  env.variables["group"] = Value("college_graduate");
  env.variables["n"] = Value(3);
  const predicate::Scope scope{{"policy", Type::object_of("policy")},
                               {"city", Type::object_of("city")},
                               {"group", Type::string()},
                               {"n", Type::number()}};
  const char* cases[] = {
      // a string literal compared on either side, == and !=
      "policy.channels.filter(c, c.name == '重点群体落户')",
      "policy.channels.filter(c, '重点群体落户' != c.name)",
      "'a' == 'a' && 'a' != 'b'",
      "group == 'college_graduate'",
      "city.name == null",
      // fields of a macro variable, of a variable, of an expression
      "policy.channels.map(c, c.conditions.map(k, k.kind))",
      "city.name + '/' + city.province",
      "policy.channels.filter(c, size(c.conditions) > 0).map(c, c.quota_at) == [null]",
      "flatten(policy.channels.map(c, c.conditions)).map(k, k.channel.name)",
      // boolean operators in boolean and value positions
      "!(group in ['a', 'b']) || n > 2 && n <= 3",
      "[n > 2, !true, group in policy.channels.map(c, c.name)]",
      "policy.channels.exists_one(c, c.quota == null) ? n : -n",
      "policy.channels.all(c, c.family.exists(f, f == 'spouse'))",
      // values: arithmetic, aggregates, errors
      "sum(policy.channels.map(c, size(c.conditions))) / n",
      "min(policy.channels.map(c, c.quota)) == max([])",
      "n / (n - 3)",
      "label(group) + '、' + label('skilled_worker')",
      "label(flatten(policy.channels.map(c, c.targets)))",
  };
  for (const char* text : cases) {
    INFO(text);
    auto compiled = predicate::compile(text, policy_schema(), scope);
    if (!compiled.expression) FAIL_CHECK(compiled.errors.front().message);
    if (!compiled.expression) continue;
    CHECK(fuzz::disagreement(*compiled.expression, env, 200) == "");
  }
}

TEST_CASE("a budget runs out at the same step in the compiled program as in the interpreter", "[predicate][agreement]") {
  const auto& policy = fuzz::example_policy();
  predicate::Environment env;
  env.variables["policy"] = Value(static_cast<const ModelObject*>(&policy));
  const predicate::Scope scope{{"policy", Type::object_of("policy")}};
  auto compiled = predicate::compile("policy.channels.exists(c, c.conditions.exists(k, k.kind == 'social_insurance'))",
                                     policy_schema(), scope);
  REQUIRE(compiled.expression);
  // The smallest budget that lets it finish, found with the interpreter: one less fails in both.
  std::uint64_t enough = 0;
  for (;; ++enough) {
    env.step_budget = enough;
    if (fuzz::outcome(false, *compiled.expression, env).error.empty()) break;
  }
  REQUIRE(enough > 5);
  CHECK(fuzz::outcome(true, *compiled.expression, env).value == Value(true));
  env.step_budget = enough - 1;
  CHECK_THAT(fuzz::outcome(true, *compiled.expression, env).error, Catch::Contains("evaluation budget exceeded"));
  CHECK_THAT(fuzz::outcome(false, *compiled.expression, env).error, Catch::Contains("evaluation budget exceeded"));
}
