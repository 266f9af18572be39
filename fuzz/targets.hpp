// What each fuzz target does with its input, shared by the libFuzzer entry
// points (fuzz/fuzz_*.cpp) and the regression test that replays
// tests/fuzz_regressions/<target>/*. Each returns false when an invariant
// fails (a crash, a hang or UB is caught by the sanitizers instead).
#pragma once

#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "check/checker.hpp"
#include "check/setup.hpp"
#include "lsp/transport.hpp"
#include "model/builder.hpp"
#include "predicate/predicate.hpp"
#include "registry/registry.hpp"
#include "rules/rule.hpp"
#include "syntax/parser.hpp"

namespace luohu::fuzz {

// The bundled registry and rule pack, loaded once per process.
inline const Setup& bundled() {
  static const Setup setup = [] {
    std::vector<LoadError> errors;
    auto loaded = load_setup({LUOHU_SOURCE_DIR "/registry/cities.yaml", LUOHU_SOURCE_DIR "/rules"}, errors);
    if (!loaded) std::abort();  // the bundled data must load
    return std::move(*loaded);
  }();
  return setup;
}

// Policy text -> syntax tree -> model -> rules -> waivers.
inline bool run_policy(std::string_view text) {
  static const Checker checker = [] {
    Checker c(bundled().registry, bundled().rules);
    c.waiver_options.today = "2024-06-01";  // deterministic
    return c;
  }();
  auto report = checker.check_text("fuzz.luohu", std::string(text));
  for (const auto& d : report.diagnostics) {
    // Reporters index the source with every range.
    if (d.range.begin > d.range.end || d.range.end > text.size()) return false;
  }
  return true;
}

// A small real policy for evaluating compiled predicates against.
inline const PolicyModel& example_policy() {
  static const SourceFile source("example.luohu", R"(城市 530300 曲靖市;
标题 "曲靖市城镇落户管理办法";
文号 "曲政发〔2019〕14号";
施行日期 2019年3月1日;
渠道 重点群体落户 {
  对象 高校毕业生、技术工人;
  随迁 配偶、子女;
}
渠道 务工人员落户 {
  对象 农业转移人口;
  条件 { 合法稳定就业; 合法稳定住所 含租赁; 社会保险 >= 48 个月; 任一 { 学历 >= 大专; 技能等级 >= 初级工; } }
  随迁 配偶、子女;
}
积分 { 因素 学历 上限 30; 指标 100; }
)");
  static const syntax::ParseResult parsed = syntax::parse(source);
  static const BuildResult built = build_policy(parsed.file, bundled().registry);
  if (!built.policy) std::abort();
  return *built.policy;
}

// Predicate text -> compiled expression -> evaluated on the example policy.
inline bool run_predicate(std::string_view text) {
  static const predicate::Scope scope{{"policy", Type::object_of("policy")}, {"city", Type::object_of("city")}};
  auto result = predicate::compile(text, policy_schema(), scope);
  if (!result.expression) return !result.errors.empty();
  const auto& policy = example_policy();
  predicate::Environment env;
  env.variables["policy"] = Value(static_cast<const ModelObject*>(&policy));
  env.variables["city"] = Value(static_cast<const ModelObject*>(&policy.city));
  try {
    (void)predicate::evaluate(*result.expression, env);
  } catch (const predicate::EvalError&) {
    // documented (e.g. division by zero)
  }
  return true;
}

inline bool run_registry(std::string_view text) {
  std::vector<LoadError> errors;
  auto registry = Registry::load_text(std::string(text), "fuzz.yaml", errors);
  return registry || !errors.empty();  // refused only with a reason
}

inline bool run_rule(std::string_view text) {
  std::vector<LoadError> errors;
  auto rule = load_rule_text(std::string(text), "fuzz.yaml", errors);
  return rule || !errors.empty();
}

// The language server's JSON-RPC reader: each read consumes input or ends.
inline bool run_lsp(std::string_view text) {
  std::istringstream in{std::string(text)};
  std::ostringstream out;
  lsp::Transport transport(in, out);
  for (std::size_t i = 0; i <= text.size() + 1; ++i) {
    if (transport.read().status == lsp::Transport::Status::end_of_input) return true;
  }
  return false;
}

}  // namespace luohu::fuzz
