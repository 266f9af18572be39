// Checker::evaluate runs the pathway analysis beside the rules that do not
// read it once a policy has enough channels. The findings must be exactly
// those of evaluating each rule alone, in the same order, every time.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <thread>

#include "graph/pathways.hpp"
#include "model/builder.hpp"
#include "support.hpp"
#include "syntax/parser.hpp"

using namespace luohu;

namespace {

// 24 channels (above the parallel threshold): shadowed ones, one over the
// medium-city insurance cap, a chain through the residence permit, a
// contradiction.
std::string many_channels() {
  std::string text = "城市 530300 曲靖市;\n居住证 { 条件 { 合法稳定就业 >= 1 年; 社会保险 >= 2 年; } }\n";
  for (int i = 0; i < 24; ++i) {
    text += fmt::format("渠道 务工{} {{ 对象 农业转移人口; 条件 {{ 合法稳定就业 >= {} 年; 社会保险 >= {} 年; {} }} 随迁 配偶、子女; }}\n",
                        i, 1 + i % 3, i == 7 ? 4 : 1 + i % 2, i == 11 ? "持有居住证 >= 2 年;" : i == 13 ? "年龄 < 30; 年龄 > 40;" : "");
  }
  return text;
}

std::string describe(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) {
    out += fmt::format("{}@{}-{} {} | {}", d.code, d.range.begin, d.range.end, d.message.zh, d.message.en);
    for (const auto& r : d.related) out += fmt::format(" [{}-{} {}]", r.range.begin, r.range.end, r.message.en);
    out += "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("evaluating with the pathway analysis on another thread gives the findings of each rule alone", "[checker][parallel]") {
  const auto& data = test::bundled();
  Checker checker(data.registry, data.rules);
  SourceFile source("many.luohu", many_channels());
  auto parsed = syntax::parse(source);
  REQUIRE(parsed.ok());
  REQUIRE(parsed.file.channels.size() >= 16);

  // Rule by rule, each on a fresh model: the sequential path.
  std::vector<Diagnostic> expected;
  for (const auto& rule : data.rules.rules) {
    auto built = build_policy(parsed.file, data.registry);
    REQUIRE(built.ok());
    auto one = checker.evaluate(*built.policy, &rule);
    expected.insert(expected.end(), one.begin(), one.end());
  }
  std::stable_sort(expected.begin(), expected.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.code < b.code;
  });
  const std::string want = describe(expected);
  CHECK(want.find("T9-SOCIAL-INSURANCE-MEDIUM") != std::string::npos);
  CHECK(want.find("T2-SHADOWED-CHANNEL") != std::string::npos);
  CHECK(want.find("T2-IMPOSSIBLE-CHANNEL") != std::string::npos);

  for (int run = 0; run < 25; ++run) {  // timing differs from run to run; the findings may not
    auto built = build_policy(parsed.file, data.registry);
    REQUIRE_FALSE(built.policy->pathways_analysed());
    auto all = checker.evaluate(*built.policy);
    CHECK(built.policy->pathways_analysed());
    REQUIRE(describe(all) == want);
  }
}

TEST_CASE("the pathway analysis runs once: a second call leaves the facts as they were", "[checker][parallel]") {
  const auto& data = test::bundled();
  SourceFile source("many.luohu", many_channels());
  auto parsed = syntax::parse(source);
  auto built = build_policy(parsed.file, data.registry);
  PolicyModel& policy = *built.policy;
  REQUIRE_FALSE(policy.pathways_analysed());
  analyse_pathways(policy);
  REQUIRE(policy.pathways_analysed());
  const auto* first = policy.pathway_facts.conflicts.empty() ? nullptr : policy.pathway_facts.conflicts[0].get();
  REQUIRE(first != nullptr);
  analyse_pathways(policy);
  CHECK(policy.pathway_facts.conflicts[0].get() == first);
}

TEST_CASE("rules evaluated on several threads at once share a model's field caches safely", "[checker][parallel]") {
  // Plain threads (not TBB's pool), so ThreadSanitizer sees every hand-off:
  // run with -fsanitize=thread to check the field caches and the analysis beside them.
  const auto& data = test::bundled();
  Checker checker(data.registry, data.rules);
  SourceFile source("many.luohu", many_channels());
  auto parsed = syntax::parse(source);
  std::string want;
  {
    auto built = build_policy(parsed.file, data.registry);
    for (const auto& rule : data.rules.rules) want += describe(checker.evaluate(*built.policy, &rule));
  }
  auto built = build_policy(parsed.file, data.registry);
  PolicyModel& policy = *built.policy;
  const std::size_t kThreads = 4;
  std::vector<std::string> got(data.rules.rules.size());
  // As Checker::evaluate schedules them: the analysis beside the rules that
  // do not read it, then the rules that do.
  auto run = [&](bool pathway_rules) {
    std::vector<std::thread> threads;
    if (!pathway_rules) threads.emplace_back([&] { analyse_pathways(policy); });
    for (std::size_t t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t i = t; i < data.rules.rules.size(); i += kThreads) {
          const Rule& rule = data.rules.rules[i];
          if (checker.rule_reads_pathways(rule) == pathway_rules) got[i] = describe(checker.evaluate(policy, &rule));
        }
      });
    }
    for (auto& t : threads) t.join();
  };
  run(false);
  run(true);
  std::string all;
  for (const auto& g : got) all += g;
  CHECK(all == want);
}
