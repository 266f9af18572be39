// luohu rules: the rule pack; luohu explain ID: one rule in full.
#include <fmt/format.h>

#include <filesystem>
#include <map>
#include <set>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "model/vocabulary.hpp"
#include "rules/coverage.hpp"
#include "rules/docs.hpp"
#include "rules/documents.hpp"
#include "check/waivers.hpp"
#include "util/file_io.hpp"

namespace luohu::cli {

int run_explain_finding(const std::string& finding, const GlobalOptions& global);  // graph_command.cpp

namespace {

struct RulesOptions {
  std::string format = "human";
  bool coverage = false;
  std::string docs;  // directory to write the reference pages into
  std::string as_of;  // the rules in force that day; empty: today
  bool all = false;   // every rule, whatever its dates
  bool documents = false;
  CLI::App* app = nullptr;
};

std::string in_force_text(const Rule& r, Lang lang) {
  return fmt::format("{}–{}", r.in_force.from, r.in_force.until.empty() ? (lang == Lang::zh ? "至今" : "") : r.in_force.until);
}

const Message& verification_text(const std::string& id) {
  static const std::map<std::string, Message> kRead = {
      {"primary", {"读自原文全文", "read in the official full text"}},
      {"reprint", {"读自全文转载", "read in a full reprint"}},
      {"news", {"仅读自新闻报道的引述", "read only as quoted in a news report"}}};
  static const Message unknown{"核实程度未知", "verification unknown"};
  auto it = kRead.find(id);
  return it == kRead.end() ? unknown : it->second;
}

// luohu rules --documents: each national document, how it was read, and its rules with their dates.
void print_documents(const RulePack& pack, const std::string& as_of, Lang lang) {
  bool zh = lang == Lang::zh;
  for (const auto& d : pack.documents) {
    std::cout << fmt::format("{} 《{}》 {}\n", d.number == "unknown" ? (lang == Lang::zh ? "（无文号）" : "(no number)") : d.number, d.title, d.issuer);
    std::cout << fmt::format("  {}: {} · {}: {} · {}: {} · {}\n", zh ? "签发" : "signed", d.signed_on, zh ? "公布" : "published",
                             d.published, zh ? "施行" : "in force", d.in_force, verification_text(d.verification).in(lang));
    std::size_t in_force = 0, total = 0;
    for (const auto& r : pack.rules) {
      if (r.document != d.id) continue;
      ++total;
      bool on = r.in_force.on(as_of);
      in_force += on;
      std::cout << fmt::format("  {} {:<32} {:<23} {}\n", on ? "*" : " ", r.id, in_force_text(r, lang), r.title.in(lang));
    }
    if (total == 0)
      std::cout << (zh ? "  （无规则：其句子定义用语或由其他规则执行，见 rules/dated/README.md）\n"
                       : "  (no rules: its sentences define terms or are enforced by other rules; rules/dated/README.md)\n");
    else
      std::cout << (zh ? fmt::format("  {} 条规则，{} 条在 {} 适用（*）\n", total, in_force, as_of)
                       : fmt::format("  {} rules, {} in force on {} (*)\n", total, in_force, as_of));
  }
}

// Writes docs/rules/*.md, removing stale pages so the folder mirrors the pack.
int write_docs(const RulePack& pack, const std::string& dir, Lang lang) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  auto pages = rule_docs(pack);
  std::set<std::string> names;
  for (const auto& [name, text] : pages) names.insert(name);
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".md" && !names.count(e.path().filename().string())) fs::remove(e.path(), ec);
  }
  for (const auto& [name, text] : pages) {
    std::string error, error_zh;
    if (!write_atomically((fs::path(dir) / name).string(), text, WriteOptions{}, error, error_zh)) {
      std::cerr << (lang == Lang::zh ? fmt::format("无法写入 {}/{}：{}\n", dir, name, error_zh)
                                     : fmt::format("cannot write {}/{}: {}\n", dir, name, error));
      return kExitInputError;
    }
  }
  std::cout << (lang == Lang::zh ? fmt::format("已写入 {} 个文件到 {}\n", pages.size(), dir)
                                 : fmt::format("wrote {} files to {}\n", pages.size(), dir));
  return kExitClean;
}

std::string applies_text(const Rule& r, Lang lang) {
  std::vector<std::string> parts;
  for (const auto& t : r.tiers) parts.push_back(label(t, lang));
  std::string tiers = parts.empty() ? (lang == Lang::zh ? "所有规模" : "every tier") : fmt::format("{}", fmt::join(parts, lang == Lang::zh ? "、" : ", "));
  parts.clear();
  for (const auto& l : r.levels) parts.push_back(label(l, lang));
  std::string levels = parts.empty() ? (lang == Lang::zh ? "所有级别" : "every level") : fmt::format("{}", fmt::join(parts, lang == Lang::zh ? "、" : ", "));
  return lang == Lang::zh ? fmt::format("{}；{}", tiers, levels) : fmt::format("{}; {}", tiers, levels);
}

int run_rules(const RulesOptions& o, const GlobalOptions& global) {
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  Lang lang = global.language();
  if (!o.docs.empty()) return write_docs(setup->rules, o.docs, lang);
  const std::string as_of = o.as_of.empty() ? local_date() : o.as_of;
  if (o.documents) {
    print_documents(setup->rules, as_of, lang);
    return kExitClean;
  }
  if (o.coverage) {
    if (o.format == "json") std::cout << coverage_json(setup->rules, lang).dump(2) << "\n";
    else std::cout << coverage_text(setup->rules, lang);
    return kExitClean;
  }
  if (o.format == "json") {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto& r : setup->rules.rules) {
      if (!o.all && !r.in_force.on(as_of)) continue;
      rules.push_back({{"id", r.id}, {"task", r.task != 0 ? nlohmann::json(r.task) : nlohmann::json(nullptr)},
                       {"document", r.document}, {"basis", r.basis},
                       {"in_force", {{"from", r.in_force.from}, {"until", r.in_force.until.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.in_force.until)},
                                     {"superseded_by", r.in_force.superseded_by.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.in_force.superseded_by)}}},
                       {"severity", severity_name(r.severity)},
                       {"title", r.title.in(lang)}, {"title_zh", r.title.zh}, {"title_en", r.title.en},
                       {"tiers", r.tiers}, {"levels", r.levels}, {"responsible", r.responsible}});
    }
    nlohmann::json documents = nlohmann::json::array();
    for (const auto& d : setup->rules.documents)
      documents.push_back({{"id", d.id}, {"number", d.number}, {"title", d.title}, {"issuer", d.issuer}, {"signed", d.signed_on},
                           {"published", d.published}, {"in_force", d.in_force}, {"verification", d.verification}, {"text", d.text}});
    nlohmann::json out = {{"rule_pack", {{"name", setup->rules.name}, {"version", setup->rules.version}}},
                          {"as_of", o.all ? nlohmann::json(nullptr) : nlohmann::json(as_of)},
                          {"documents", documents},
                          {"rules", rules}};
    std::cout << out.dump(2) << "\n";
    return kExitClean;
  }
  std::size_t shown = 0;
  for (const auto& r : setup->rules.rules) {
    if (!o.all && !r.in_force.on(as_of)) continue;
    ++shown;
    std::cout << fmt::format("{:<32} {:>2}  {:<7}  {:<23} {}\n", r.id, r.task != 0 ? std::to_string(r.task) : "-",
                             lang == Lang::zh ? severity_name_zh(r.severity) : severity_name(r.severity),
                             in_force_text(r, lang), r.title.in(lang));
  }
  if (!o.all)
    std::cout << (lang == Lang::zh ? fmt::format("{} 条规则在 {} 适用（共 {} 条；--all 列出全部，--documents 按文件列出）\n", shown, as_of, setup->rules.rules.size())
                                   : fmt::format("{} rules in force on {} (of {}; --all lists every one, --documents by document)\n", shown, as_of, setup->rules.rules.size()));
  return kExitClean;
}

// How the registry decides a tier-dependent rule for its cities, and the
// reading by exclusion behind the bands it rests on.
std::string registry_reach(const Rule& r, const Registry& registry, Lang lang) {
  bool zh = lang == Lang::zh;
  std::size_t yes = 0, no = 0, undecided = 0, excluded = 0;
  std::optional<bool> for_excluded;
  for (const auto& c : registry.cities()) {
    if (!c.is_city()) continue;
    auto binds = tiers_include(r.tiers, c);
    (binds ? (*binds ? yes : no) : undecided) += 1;
    if (c.population_basis == "exclusion") {
      ++excluded;
      for_excluded = binds;
    }
  }
  std::string out = zh ? fmt::format("  城市登记表：{} 个城市适用，{} 个不适用，{} 个无法判断（规模未知，或区间跨越本规则区分的规模）\n", yes, no, undecided)
                       : fmt::format("  Registry: applies to {} cities, not to {}, cannot be decided for {} (tier unknown, or a band "
                                     "spanning tiers this rule tells apart)\n", yes, no, undecided);
  if (excluded == 0) return out;
  std::string verdict = for_excluded ? (*for_excluded ? (zh ? "适用" : "it applies") : (zh ? "不适用" : "it does not apply"))
                                     : (zh ? "无法判断，报告 tier-unknown" : "it cannot be decided, and tier-unknown is reported");
  out += zh ? fmt::format("  其中 {} 个城市的规模由排除得出（100万以下，中等或小城市）：本规则对它们{}。\n", excluded, verdict)
            : fmt::format("  Of these, {} cities' tiers come by exclusion (under 1,000,000, medium or small): for them {}.\n", excluded, verdict);
  out += fmt::format("  {}\n", registry.exclusion().text.in(lang));
  for (const auto& s : registry.exclusion().sources) out += fmt::format("    - {}: {} <{}>\n", s.key, s.title, s.url);
  return out;
}

struct ExplainOptions {
  std::string id;
  std::string finding;  // FILE:LINE[:COL][:RULE]
  std::string as_of;    // whether the rule is in force that day; empty: today
  CLI::App* app = nullptr;
};

int run_explain(const ExplainOptions& o, const GlobalOptions& global) {
  if (!o.finding.empty()) return run_explain_finding(o.finding, global);
  auto setup = load_or_report(global);
  if (!setup) return kExitInputError;
  Lang lang = global.language();
  const Rule* r = setup->rules.find(o.id);
  if (!r) {
    std::cerr << (lang == Lang::zh ? fmt::format("没有编号为“{}”的规则；用 luohu rules 查看全部规则\n", o.id)
                                   : fmt::format("no rule '{}'; luohu rules lists them all\n", o.id));
    return kExitInputError;
  }
  bool zh = lang == Lang::zh;
  std::cout << fmt::format("{} — {}\n\n", r->id, r->title.in(lang));
  std::cout << fmt::format("{}: {}\n", zh ? "依据" : "Cites", rule_citation(*r).in(lang));
  if (const NationalDocument* d = setup->rules.document(r->document)) {
    std::cout << fmt::format("  {}《{}》，{}；{}\n", d->issuer, d->title, zh ? "施行 " + d->in_force : "in force " + d->in_force,
                             verification_text(d->verification).in(lang));
  }
  std::cout << fmt::format("{}: {} – {}\n", zh ? "适用期间" : "In force", r->in_force.from,
                           r->in_force.until.empty() ? (zh ? "至今" : "to date") : r->in_force.until);
  std::cout << fmt::format("  {}\n", r->in_force.reading.in(lang));
  const std::string as_of = o.as_of.empty() ? local_date() : o.as_of;
  std::cout << (r->in_force.on(as_of) ? (zh ? fmt::format("  {} 适用。\n", as_of) : fmt::format("  In force on {}.\n", as_of))
                                      : (zh ? fmt::format("  {} 不适用。\n", as_of) : fmt::format("  Not in force on {}.\n", as_of)));
  std::cout << fmt::format("{}: {}\n", zh ? "责任单位" : "Responsible", r->responsible);
  std::cout << fmt::format("{}: {}\n", zh ? "严重程度" : "Severity", zh ? severity_name_zh(r->severity) : severity_name(r->severity));
  std::cout << fmt::format("{}: {}\n", zh ? "适用" : "Applies to", applies_text(*r, lang));
  if (!r->tiers.empty()) std::cout << registry_reach(*r, setup->registry, lang);
  std::cout << "\n";
  std::cout << fmt::format("{}:\n  {}\n", zh ? "解读" : "Reading", r->reading.in(lang));
  for (const auto& id : r->readings) {
    if (const Reading* rd = setup->rules.reading(id)) std::cout << fmt::format("  - [{}] {}\n", id, rd->text.in(lang));
  }
  auto definitions = definitions_of(*r, setup->rules);
  if (!definitions.empty()) std::cout << fmt::format("\n{}:\n", zh ? "国家文件的定义" : "Definitions in the national texts");
  for (const Definition* d : definitions) {
    if (d->document.empty()) {
      std::cout << fmt::format("  - {}: {}\n", d->term, zh ? "国家文件未作定义" : "no national text defines it");
    } else {
      std::cout << fmt::format("  - {} — {}:\n      “{}”\n      ({}: {})\n", d->term, d->document, d->quote,
                               zh ? "读自" : "read in", d->source);
    }
    if (!d->note.zh.empty()) std::cout << fmt::format("      {}\n", d->note.in(lang));
  }
  std::cout << "\n";
  if (const TaskEntry* t = setup->rules.task(r->task)) {
    std::vector<std::string> siblings;
    for (const auto& other : setup->rules.rules) {
      if (other.task == r->task) siblings.push_back(other.id);
    }
    std::cout << fmt::format("{}: {}\n\n", zh ? fmt::format("任务{}的全部规则", t->number) : fmt::format("All rules of task {}", t->number),
                             fmt::join(siblings, ", "));
  }
  for (const auto& [name, values] : r->for_each) {
    std::vector<std::string> shown;
    for (const auto& v : values) shown.push_back(v.is_string() ? label(v.as_string(), lang) : fmt::format("{}", v.as_number()));
    std::cout << fmt::format("{} {}: {}\n", zh ? "逐一检查" : "For each", name, fmt::join(shown, zh ? "、" : ", "));
  }
  if (!r->forbid_text.empty()) std::cout << fmt::format("forbid:\n  {}\n", r->forbid_text);
  if (!r->require_text.empty()) std::cout << fmt::format("require:\n  {}\n", r->require_text);
  if (!r->blame_text.empty()) std::cout << fmt::format("blame:\n  {}\n", r->blame_text);
  for (const auto& e : r->examples) {
    std::cout << fmt::format("\n{} ({}): {}\n", zh ? "示例" : "Example", e.bad ? (zh ? "违规" : "bad") : (zh ? "合规" : "good"), e.name);
    std::string indented;
    for (char c : e.policy) {
      indented += c;
      if (c == '\n') indented += "    ";
    }
    std::cout << "    " << indented << "\n";
  }
  return kExitClean;
}

}  // namespace

Command rules_command() {
  auto options = std::make_shared<RulesOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand("rules", h("列出规则包中的规则", "List the rules of the pack"));
    options->app->add_option("--format", options->format, h("human 或 json", "human or json"))->check(CLI::IsMember({"human", "json"}));
    options->app->add_flag("--coverage", options->coverage, h("方案的 36 项任务逐一列出：其规则，或为何无法检查", "Each of the plan's 36 tasks: its rules, or why it is not checkable"));
    options->app->add_option("--docs", options->docs, h("把规则参考页（Markdown）写入此目录", "Write the rule reference pages (Markdown) into this directory"));
    options->app->add_option("--as-of", options->as_of, h("列出 DATE（YYYY-MM-DD）施行的规则（默认：今天）", "List the rules in force on DATE, YYYY-MM-DD (default: today)"))
        ->check(CLI::Validator([](std::string& s) { return valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD"; }, "YYYY-MM-DD"));
    options->app->add_flag("--all", options->all, h("规则包中的全部规则，不论施行日期", "Every rule of the pack, whatever its dates"));
    options->app->add_flag("--documents", options->documents, h("各国家文件：日期、解读方式及其规则", "Each national document: its dates, how it was read, and its rules"));
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.run = [options](const GlobalOptions& g) { return run_rules(*options, g); };
  return c;
}

Command explain_command() {
  auto options = std::make_shared<ExplainOptions>();
  Command c;
  c.setup = [options](CLI::App& app, GlobalOptions& global) {
    const Help& h = global.help;
    options->app = app.add_subcommand("explain", h("显示一条规则：所执行的任务、所采取的解读、示例", "Show a rule: the task it enforces, the reading taken, its examples"));
    auto* id = options->app->add_option("id", options->id, h("规则编号，如 T7-PURCHASE-INVEST-TAX", "Rule id, e.g. T7-PURCHASE-INVEST-TAX"));
    auto* finding = options->app->add_option("--finding", options->finding, h("FILE:LINE[:COL][:RULE]：一个问题背后的条款链与数据", "FILE:LINE[:COL][:RULE]: the chain of clauses and figures behind a finding"));
    id->excludes(finding);
    options->app->add_option("--as-of", options->as_of, h("说明该规则在 DATE（YYYY-MM-DD）是否施行（默认：今天）", "Say whether the rule is in force on DATE, YYYY-MM-DD (default: today)"))
        ->check(CLI::Validator([](std::string& s) { return valid_waiver_date(s) ? std::string() : "expected YYYY-MM-DD"; }, "YYYY-MM-DD"));
    options->app->require_option(1);
  };
  c.parsed = [options] { return options->app && options->app->parsed(); };
  c.run = [options](const GlobalOptions& g) { return run_explain(*options, g); };
  c.paths = [options] {
    // --finding FILE:LINE[:COL][:RULE]: the file's project.
    const std::string& f = options->finding;
    for (std::size_t i = 0; i + 1 < f.size(); ++i) {
      if (f[i] == ':' && f[i + 1] >= '0' && f[i + 1] <= '9') return std::vector<std::string>{f.substr(0, i)};
    }
    return std::vector<std::string>{};
  };
  return c;
}

}  // namespace luohu::cli
