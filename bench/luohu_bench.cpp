// Google Benchmark suite (bench/README.md): parse and parse+check throughput
// on generated policies, and the cost of loading the registry and rule pack
// (what every `luohu check` pays at start-up).
#include <benchmark/benchmark.h>

#include "check/checker.hpp"
#include "check/setup.hpp"
#include "compose/check.hpp"
#include "generate.hpp"
#include "syntax/parser.hpp"

namespace {

using namespace luohu;

const Setup& setup() {
  static const Setup s = [] {
    std::vector<LoadError> errors;
    auto loaded = load_setup({LUOHU_SOURCE_DIR "/registry/cities.yaml", LUOHU_SOURCE_DIR "/rules"}, errors);
    if (!loaded) std::abort();
    return std::move(*loaded);
  }();
  return s;
}

bench::GenCity gen_city(const City& c) {
  return {c.code, c.name_zh, c.name_en, c.province_zh, c.province_en, c.population.value_or(c.population_min)};
}

// 200 typical policies (1.5-2.5 KB) of the first 200 registry cities.
const std::vector<std::string>& typical() {
  static const std::vector<std::string> texts = [] {
    std::vector<std::string> out;
    const auto& cities = setup().registry.cities();
    for (std::size_t i = 0; i < 200 && i < cities.size(); ++i) out.push_back(bench::generate_policy(gen_city(cities[i]), 42));
    return out;
  }();
  return texts;
}

// One large policy: a medium city (曲靖) with ~1 MB of channels.
const std::string& large() {
  static const std::string text = bench::generate_policy(gen_city(*setup().registry.find("530300")), 42, 2400);
  return text;
}

std::size_t total_bytes(const std::vector<std::string>& texts) {
  std::size_t n = 0;
  for (const auto& t : texts) n += t.size();
  return n;
}

void BM_LoadRegistryAndRules(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<LoadError> errors;
    // From the YAML every time: an empty cache directory bypasses the snapshot (docs/cache.md).
    auto s = load_setup({LUOHU_SOURCE_DIR "/registry/cities.yaml", LUOHU_SOURCE_DIR "/rules"}, "", errors);
    benchmark::DoNotOptimize(s);
  }
}
BENCHMARK(BM_LoadRegistryAndRules)->Unit(benchmark::kMillisecond);

void BM_ParseTypical(benchmark::State& state) {
  const auto& texts = typical();
  std::vector<SourceFile> sources;
  for (const auto& t : texts) sources.emplace_back("bench.luohu", t);
  for (auto _ : state) {
    for (const auto& s : sources) benchmark::DoNotOptimize(syntax::parse(s));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(texts)));
  state.counters["files/s"] = benchmark::Counter(static_cast<double>(state.iterations() * texts.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseTypical)->Unit(benchmark::kMillisecond);

void BM_ParseCheckTypical(benchmark::State& state) {
  const auto& texts = typical();
  Checker checker(setup().registry, setup().rules);
  for (auto _ : state) {
    for (const auto& t : texts) benchmark::DoNotOptimize(compose::check_text(checker, "bench.luohu", t));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(texts)));
  state.counters["files/s"] = benchmark::Counter(static_cast<double>(state.iterations() * texts.size()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseCheckTypical)->Unit(benchmark::kMillisecond);

void BM_ParseLarge(benchmark::State& state) {
  SourceFile source("large.luohu", large());
  for (auto _ : state) benchmark::DoNotOptimize(syntax::parse(source));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * large().size()));
  state.counters["bytes"] = static_cast<double>(large().size());
}
BENCHMARK(BM_ParseLarge)->Unit(benchmark::kMillisecond);

void BM_ParseCheckLarge(benchmark::State& state) {
  Checker checker(setup().registry, setup().rules);
  for (auto _ : state) benchmark::DoNotOptimize(compose::check_text(checker, "large.luohu", large()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * large().size()));
}
BENCHMARK(BM_ParseCheckLarge)->Unit(benchmark::kMillisecond);

// The reliability test's D6 input (tests/data/reliability/gen.py dnf 200): two
// channels of 200 任一 blocks each, 22 KB. 59a1408's shadowing analysis took 33 s.
const std::string& any_of_blocks() {
  static const std::string text = [] {
    std::string b;
    for (int i = 1; i <= 200; ++i) {
      auto n = std::to_string(i);
      b += " 任一 { 社会保险 >= " + n + " 个月; 连续居住 >= " + n + " 个月; 合法稳定就业 >= " + n + " 个月; }";
    }
    std::string out = "城市 530300;\n";
    for (int k = 0; k < 2; ++k) out += "渠道 c" + std::to_string(k) + " {\n 对象 农业转移人口;\n 条件 {" + b + " }\n}\n";
    return out;
  }();
  return text;
}

void BM_ParseAnyOfBlocks(benchmark::State& state) {  // the reference for the next one
  SourceFile source("dnf.luohu", any_of_blocks());
  for (auto _ : state) benchmark::DoNotOptimize(syntax::parse(source));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * any_of_blocks().size()));
}
BENCHMARK(BM_ParseAnyOfBlocks)->Unit(benchmark::kMillisecond);

void BM_CheckAnyOfBlocks(benchmark::State& state) {
  Checker checker(setup().registry, setup().rules);
  for (auto _ : state) benchmark::DoNotOptimize(compose::check_text(checker, "dnf.luohu", any_of_blocks()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * any_of_blocks().size()));
}
BENCHMARK(BM_CheckAnyOfBlocks)->Unit(benchmark::kMillisecond);

// Rule evaluation alone, one benchmark per rule (BM_Rule/<id>): the typical
// policies' models are built and analysed once, then each rule runs over all
// of them. Says which rules the parse + check figure spends its time in.
struct TypicalModels {
  Checker checker{setup().registry, setup().rules};
  std::vector<std::unique_ptr<PolicyModel>> models;
  TypicalModels() {
    for (const auto& t : typical()) {
      auto source = std::make_shared<const SourceFile>("bench.luohu", t);
      auto parsed = syntax::parse(*source);
      std::unique_ptr<PolicyModel> model;
      checker.check_single(source, parsed, &model);
      if (model) models.push_back(std::move(model));
    }
  }
};

const TypicalModels& typical_models() {
  static const TypicalModels m;
  return m;
}

void register_rule_benchmarks() {
  for (const auto& rule : setup().rules.rules) {
    const Rule* r = &rule;
    benchmark::RegisterBenchmark(("BM_Rule/" + rule.id).c_str(), [r](benchmark::State& state) {
      const auto& m = typical_models();
      for (auto _ : state) {
        for (const auto& model : m.models) benchmark::DoNotOptimize(m.checker.evaluate(*model, r));
      }
      state.counters["files/s"] = benchmark::Counter(static_cast<double>(state.iterations() * m.models.size()),
                                                     benchmark::Counter::kIsRate);
    })->Unit(benchmark::kMicrosecond);
  }
}

}  // namespace

int main(int argc, char** argv) {
  register_rule_benchmarks();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
