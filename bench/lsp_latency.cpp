// From a one-character edit in a 5,000-line policy to its diagnostics: the
// didChange notification through the server (draft update, parse, model,
// every rule, LSP conversion and JSON encoding of publishDiagnostics).
// Run: build/lsp_latency  (build with -DCMAKE_BUILD_TYPE=Release for real figures)
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "check/setup.hpp"
#include "compose/check.hpp"
#include "lsp/publish.hpp"
#include "lsp/server.hpp"

namespace {

using nlohmann::json;

// 500 channels of 10 lines; one breaks task 9 (a medium city's 3-year cap).
std::string policy() {
  std::string text = "城市 530300 曲靖市;\n标题 “曲靖市城镇落户管理办法（基准）”;\n";
  for (int i = 0; text.size() < 10 || std::count(text.begin(), text.end(), '\n') < 5000; ++i) {
    text += fmt::format(
        "渠道 务工人员落户{} {{\n  对象 农业转移人口、普通劳动者;\n  条件 {{\n    合法稳定就业 >= 1 年;\n"
        "    合法稳定住所 含租赁;\n    社会保险 >= {} 年;\n  }}\n  随迁 配偶、子女、父母;\n}}\n\n",
        i, i == 250 ? 4 : 2);
  }
  return text;
}

void edit_to_diagnostics(benchmark::State& state) {
  std::vector<luohu::LoadError> errors;
  auto setup = luohu::load_setup(luohu::default_data_paths(), errors);
  if (!setup) throw std::runtime_error("cannot load the registry and rules");
  luohu::Checker checker(setup->registry, setup->rules);
  checker.message_language = luohu::Lang::zh;  // as `luohu lsp` sets it
  std::size_t diagnostics = 0;
  // The clock stops when publishDiagnostics is handed to the transport: what
  // the server does after that (freeing the previous model) is not latency.
  std::string last;
  std::chrono::steady_clock::time_point sent;
  luohu::lsp::Server server(checker, luohu::Lang::zh, [&](const std::string& m) {
    last = m;  // what the transport writes
    sent = std::chrono::steady_clock::now();
  });
  const std::string uri = "file:///bench/qujing.luohu";
  std::string text = policy();
  server.handle({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "initialize"}, {"params", json::object()}});
  server.handle({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  server.handle({{"jsonrpc", "2.0"},
                 {"method", "textDocument/didOpen"},
                 {"params", {{"textDocument", {{"uri", uri}, {"languageId", "luohu"}, {"version", 1}, {"text", text}}}}}});
  // The "1" of "合法稳定就业 >= 1 年" in the middle of the file, typed over and back.
  auto at = text.find("合法稳定就业 >= 1", text.size() / 2);
  std::size_t line = std::count(text.begin(), text.begin() + at, '\n');
  json range = {{"start", {{"line", line}, {"character", 14}}}, {"end", {{"line", line}, {"character", 15}}}};
  int version = 1;
  for (auto _ : state) {
    std::string digit = version % 2 ? "2" : "1";
    json change = {{"jsonrpc", "2.0"},
                   {"method", "textDocument/didChange"},
                   {"params", {{"textDocument", {{"uri", uri}, {"version", ++version}}},
                               {"contentChanges", json::array({{{"range", range}, {"text", digit}}})}}}};
    auto start = std::chrono::steady_clock::now();
    server.handle(change);
    state.SetIterationTime(std::chrono::duration<double>(sent - start).count());
  }
  auto published = json::parse(last);
  if (published.value("method", "") == "textDocument/publishDiagnostics") diagnostics = published["params"]["diagnostics"].size();
  state.counters["publish_bytes"] = static_cast<double>(last.size());
  state.counters["lines"] = static_cast<double>(std::count(text.begin(), text.end(), '\n'));
  state.counters["diagnostics"] = static_cast<double>(diagnostics);
}
// Wall time to the notification: the check runs its rules on every core for
// a policy this size.
BENCHMARK(edit_to_diagnostics)->Unit(benchmark::kMillisecond)->UseManualTime();

// The same edit without the server's incremental work, as a reference
// measured in the same run (this VM's speed drifts by ±40% over an hour): a
// full parse and check of the edited text and every diagnostic encoded anew.
void full_recheck(benchmark::State& state) {
  std::vector<luohu::LoadError> errors;
  auto setup = luohu::load_setup(luohu::default_data_paths(), errors);
  if (!setup) throw std::runtime_error("cannot load the registry and rules");
  luohu::Checker checker(setup->registry, setup->rules);
  checker.message_language = luohu::Lang::zh;
  std::string text = policy();
  auto at = text.find("合法稳定就业 >= 1", text.size() / 2) + std::string("合法稳定就业 >= ").size();
  std::size_t bytes = 0;
  int version = 1;
  for (auto _ : state) {
    text[at] = version % 2 ? '2' : '1';
    auto report = luohu::compose::check_text(checker, "/bench/qujing.luohu", text);
    luohu::lsp::DiagnosticEncoder encoder(setup->rules, luohu::Lang::zh);  // nothing reused
    bytes = encoder.publish(*report.source, "file:///bench/qujing.luohu", ++version, report.diagnostics).size();
  }
  state.counters["publish_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(full_recheck)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
