// What each fuzz target does with its input, shared by the libFuzzer entry
// points (fuzz/fuzz_*.cpp) and the regression test that replays
// tests/fuzz_regressions/<target>/*. Each returns false when an invariant
// fails (a crash, a hang or UB is caught by the sanitizers instead).
#pragma once

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "audit/audit.hpp"
#include "audit/summary.hpp"
#include "check/checker.hpp"
#include "explain/explain.hpp"
#include "report/audit_reports.hpp"
#include "report/reporters.hpp"
#include "report/sarif.hpp"
#include "util/utf8.hpp"
#include "cache/snapshot.hpp"
#include "check/setup.hpp"
#include "compose/check.hpp"
#include "graph/pathways.hpp"
#include "lsp/transport.hpp"
#include "model/builder.hpp"
#include "predicate/predicate.hpp"
#include "registry/registry.hpp"
#include "rules/rule.hpp"
#include "syntax/incremental.hpp"
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
  auto report = compose::check_text(checker, "fuzz.luohu", std::string(text));
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
  static const BuildResult built = [] {
    auto b = build_policy(parsed.file, bundled().registry);
    if (b.policy) analyse_pathways(*b.policy);  // predicates may read the pathway facts
    return b;
  }();
  if (!built.policy) std::abort();
  return *built.policy;
}

// What one evaluation gave: a value, or the EvalError's message.
struct Outcome {
  Value value;
  std::string error;
};

inline Outcome outcome(bool compiled, const predicate::Expression& e, const predicate::Environment& env) {
  try {
    return {compiled ? predicate::evaluate(e, env) : predicate::interpret(e, env), {}};
  } catch (const predicate::EvalError& error) {
    return {Value(), error.what()};
  }
}

// Value equality with NaN equal to itself (inf - inf is NaN either way).
inline bool same_value(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number() && a.as_number() != a.as_number()) return b.as_number() != b.as_number();
  if (a.is_list() && b.is_list()) {
    const auto& x = a.as_list();
    const auto& y = b.as_list();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!same_value(x[i], y[i])) return false;
    }
    return true;
  }
  return a == b;
}

// The compiled program and the interpreter agree on `e` in `env`: the same
// value or the same error, under the environment's budget and under every
// budget of 0 to `sweep` steps (so both spend the same steps: a budget runs
// out at the same point in either). Returns what differs, empty when they agree.
inline std::string disagreement(const predicate::Expression& e, predicate::Environment env, std::uint64_t sweep = 48) {
  auto differ = [&](std::uint64_t budget) -> std::string {
    env.step_budget = budget;
    const Outcome c = outcome(true, e, env);
    const Outcome i = outcome(false, e, env);
    if (c.error == i.error && same_value(c.value, i.value)) return {};
    return "'" + e.text() + "' with a budget of " + std::to_string(budget) + " steps: compiled " +
           (c.error.empty() ? c.value.type_name() : "error: " + c.error) + ", interpreted " +
           (i.error.empty() ? i.value.type_name() : "error: " + i.error);
  };
  const std::uint64_t full = env.step_budget;
  if (auto d = differ(full); !d.empty()) return d;
  for (std::uint64_t budget = 0; budget <= sweep; ++budget) {
    if (auto d = differ(budget); !d.empty()) return d;
  }
  return {};
}

// Predicate text -> compiled expression -> evaluated on the example policy by
// the compiled program and by the interpreter, which must agree.
inline bool run_predicate(std::string_view text) {
  static const predicate::Scope scope{{"policy", Type::object_of("policy")}, {"city", Type::object_of("city")}};
  auto result = predicate::compile(text, policy_schema(), scope);
  if (!result.expression) return !result.errors.empty();
  const auto& policy = example_policy();
  predicate::Environment env;
  env.variables["policy"] = Value(static_cast<const ModelObject*>(&policy));
  env.variables["city"] = Value(static_cast<const ModelObject*>(&policy.city));
  return disagreement(*result.expression, env).empty();  // errors are documented (e.g. division by zero)
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

// The input's first six bytes choose an edit of the rest: where, how many
// bytes to remove, and which bytes of the text itself to insert. The
// incremental re-parse of the edited text must equal its full parse: the same
// tree and the same diagnostics.
inline bool run_reparse(std::string_view data) {
  if (data.size() < 6) return true;
  auto byte = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(data[i])); };
  const std::string before(data.substr(6));
  const std::size_t at = (byte(0) << 8 | byte(1)) % (before.size() + 1);
  const std::size_t remove = std::min(byte(2) % 16, before.size() - at);
  const std::size_t from = before.empty() ? 0 : (byte(3) << 8 | byte(4)) % before.size();
  const std::size_t length = std::min(byte(5) % 24, before.size() - from);
  const std::string after = before.substr(0, at) + before.substr(from, length) + before.substr(at + remove);
  SourceFile old_source("fuzz.luohu", before);
  SourceFile new_source("fuzz.luohu", after);
  auto incremental = syntax::reparse(syntax::parse(old_source), before, new_source);
  auto full = syntax::parse(new_source);
  if (!(incremental.result.file == full.file)) return false;
  const auto& a = incremental.result.diagnostics;
  const auto& b = full.diagnostics;
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].code != b[i].code || !(a[i].range == b[i].range) || a[i].message.en != b[i].message.en) return false;
  }
  return true;
}

namespace report_checks {

inline bool utf8(const std::string& s) { return first_invalid_utf8(s) == std::string::npos; }

inline bool json_ok(const std::string& s) { return utf8(s) && !nlohmann::json::parse(s, nullptr, false).is_discarded(); }

// SARIF 2.1.0's required structure (the schema's "required" lists for the
// parts luohu writes): version, runs[].tool.driver.name, results[] with a
// message.text and, when located, a physicalLocation with a region.
inline bool sarif_ok(const std::string& s) {
  if (!utf8(s)) return false;
  auto j = nlohmann::json::parse(s, nullptr, false);
  if (j.is_discarded() || j.value("version", "") != "2.1.0" || !j["runs"].is_array()) return false;
  for (const auto& run : j["runs"]) {
    if (!run["tool"]["driver"]["name"].is_string() || !run["results"].is_array()) return false;
    for (const auto& r : run["results"]) {
      if (!r["message"]["text"].is_string()) return false;
      if (!r.contains("locations")) continue;
      for (const auto& l : r["locations"]) {
        if (!l.contains("physicalLocation")) continue;
        const auto& p = l["physicalLocation"];
        if (!p["artifactLocation"]["uri"].is_string()) return false;
        if (p.contains("region") && p["region"].contains("startLine") && p["region"]["startLine"].get<long>() < 1) return false;
      }
    }
  }
  return true;
}

// RFC 4180: every row has the header's number of fields; quotes balance.
inline bool csv_ok(const std::string& s) {
  if (!utf8(s)) return false;
  std::size_t fields = 1, header = 0;
  bool quoted = false, first_row = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') ++i;
      else if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      ++fields;
    } else if (c == '\n') {
      if (first_row) header = fields;
      else if (fields != header) return false;
      first_row = false;
      fields = 1;
    }
  }
  return !quoted && fields == 1;
}

// The single page: a doctype, one closing </html>, and no file text able to
// close the data <script> early.
inline bool html_ok(const std::string& s) {
  if (!utf8(s) || s.rfind("<!DOCTYPE html>", 0) != 0) return false;
  auto count = [&](std::string_view what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  return count("</html>") == 1 && count("<script") == count("</script>");
}

// What a terminal gets: valid UTF-8 and no control character but LF and tab.
inline bool terminal_ok(const std::string& s) {
  if (!utf8(s)) return false;
  for (unsigned char c : s) {
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) return false;
  }
  return s.find("\xC2\x9B") == std::string::npos;  // C1 CSI
}

}  // namespace report_checks

// The start-up snapshot's reader on damaged bytes. A small valid snapshot
// (six cities and four rules of the bundled data, two stamps) is built once;
// the input damages a copy of it: its first two bytes give a length to cut it
// to (0: uncut), then each group of four bytes writes a value (the fourth) at
// an offset (the first three, modulo the size). Nothing may throw or crash;
// whatever decodes must give every city and compile or refuse every rule; a
// restamped copy of what decodes must decode too, its stamps damaged or not.
inline bool run_snapshot(std::string_view data) {
  static const std::string good = [] {
    const Setup& b = bundled();
    std::vector<City> cities(b.registry.cities().begin(), b.registry.cities().begin() + 6);
    RulePack rules = b.rules;
    rules.rules.resize(4);
    cache::Stamps stamps;
    stamps.files.push_back({"/r/cities.yaml", std::string(64, 'a'), {10, 20, 30, 40, 50}, true});
    stamps.files.push_back({"/r/rules/pack.yaml", std::string(64, 'b'), {1, 2, 3, 4, 5}, false});
    return cache::encode("KEY", Registry::from_cities("/r/cities.yaml", "v", std::move(cities)), rules, stamps);
  }();
  auto byte = [&](std::size_t i) { return static_cast<std::size_t>(static_cast<unsigned char>(data[i])); };
  std::string bytes = good;
  if (data.size() >= 2) {
    const std::size_t cut = (byte(0) << 8 | byte(1)) * 31 % (good.size() + 1);
    if (cut != 0) bytes.resize(cut);
  }
  for (std::size_t i = 2; i + 4 <= data.size() && !bytes.empty(); i += 4)
    bytes[(byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2)) % bytes.size()] = data[i + 3];
  auto owner = std::make_shared<const std::string>(bytes);
  auto stamps = cache::read_stamps(*owner);
  auto snapshot = cache::decode(*owner, "KEY", owner);
  if (!snapshot) return true;
  for (const auto& city : snapshot->registry.cities())
    if (city.code.empty()) return false;
  for (const auto& rule : snapshot->rules.rules) (void)rule.compiled();
  // The stamps are outside the checksum (they are rewritten in place): damaged
  // ones cost a run a hash of its inputs, never a wrong load. Restamping what
  // decoded, with them or with none, must keep it decodable.
  auto restamped = cache::with_stamps(*owner, stamps ? *stamps : cache::Stamps{});
  if (!restamped) return false;
  auto again = std::make_shared<const std::string>(std::move(*restamped));
  return cache::decode(*again, "KEY", again).has_value();
}

// Raw bytes through check and audit to every reporter: the first byte sets the
// length of a file name taken from the bytes after it (any bytes but '/' and
// NUL), the rest is the file's content. Every report must be valid in its
// format and valid UTF-8; what goes to a terminal holds no control character.
inline bool run_report(std::string_view data) {
  using namespace report_checks;
  if (data.empty()) return true;
  const std::size_t name_length = std::min<std::size_t>(static_cast<unsigned char>(data[0]) % 24, data.size() - 1);
  std::string name(data.substr(1, name_length));
  for (char& c : name) {
    if (c == '/' || c == '\0') c = '_';
  }
  const std::string text(data.substr(1 + name_length));
  static const Checker checker = [] {
    Checker c(bundled().registry, bundled().rules);
    c.waiver_options.today = "2024-06-01";
    return c;
  }();
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("luohu-fuzz-report-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  const std::string path = (dir / (name + ".luohu")).string();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
  }
  auto report = compose::check_file(checker, path);
  for (Lang lang : {Lang::zh, Lang::en}) {
    if (!terminal_ok(render_human(report, {lang, false})) || !terminal_ok(render_gcc(report, {lang, false}))) return false;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& d : report.diagnostics) all.push_back(diagnostic_json(report, d, lang));
    if (!json_ok(dump_valid(all, 2))) return false;
    if (!sarif_ok(dump_valid(render_sarif({report}, bundled().rules, lang), 2))) return false;
  }
  // The audit of that one file, in every format but the terminal summary's colours.
  audit::Options options;
  options.jobs = 1;
  auto result = audit::run(checker, {path}, options);
  result.provenance = audit::provenance(bundled().registry, bundled().rules, {dir.string()});
  auto summary = audit::summarize(result, bundled().rules);
  AuditReportInput in{result, summary, bundled().rules, Lang::en};
  bool ok = json_ok(render_audit_json(in)) && sarif_ok(render_audit_sarif(in)) && csv_ok(render_audit_csv(in)) &&
            html_ok(render_audit_html(in)) && terminal_ok(render_audit_summary(in, false));
  std::filesystem::remove(path);
  // explain --finding: any text as FILE:LINE[:RULE] (D12).
  (void)parse_finding_query(text);
  return ok;
}

}  // namespace luohu::fuzz
