#include "audit/audit.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "util/sha256.hpp"
#include "compose/check.hpp"
#include "source/source_map.hpp"
#include "compose/imports.hpp"
#include "syntax/keywords.hpp"
#include "syntax/parser.hpp"

namespace luohu::audit {
namespace {

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// A file that failed to parse may still name its city: the parser recovers
// clause by clause, so the header usually survives a later syntax error.
const City* city_of_broken_file(const syntax::File& parsed, const Registry& registry) {
  for (const auto& st : parsed.statements) {
    if (st.id != syntax::KeywordId::city || st.arguments.empty()) continue;
    if (const City* c = registry.find(st.arguments[0].word.text)) return c;
  }
  return nullptr;
}

FileResult condense(const FileReport& report, const ImportedFile& file, const Registry& registry) {
  FileResult out;
  const SourceFile& source = *report.source;
  out.path = source.path();
  out.city = report.city;
  out.checked = !report.input_error();
  // Only what was read is hashed: a file refused (too large, a device) is not
  // read again to hash it (a 20 GiB sparse file took a minute).
  if (file.loaded) out.sha256 = sha256_hex(source.text());
  if (!out.city && file.loaded) out.city = city_of_broken_file(file.parsed.file, registry);
  out.findings.reserve(report.diagnostics.size());  // kept to the audit's end: no growth slack (a tenth of its memory)
  for (const auto& d : report.diagnostics) {
    Finding f;
    f.rule = d.code;
    f.task = d.task;
    f.severity = d.severity;
    f.message = d.message;
    f.input_error = d.input_error;
    if (d.waived) f.waived = std::make_shared<const Waived>(*d.waived);
    f.cited = d.cited;
    Located at = locate(report, d.range);  // maybe in an imported baseline
    if (at.file != 0) f.file = at.source->path();
    LineColumn start = at.source->location(at.range.begin), end = at.source->location(at.range.end);
    f.line = start.line;
    f.column = start.column;
    f.end_line = end.line;
    f.end_column = end.column;
    f.column_utf16 = at.source->utf16_column(at.range.begin) + 1;
    f.end_column_utf16 = at.source->utf16_column(at.range.end) + 1;
    if (!at.source->text().empty()) f.clause = trim(at.source->line_text(start.line));
    out.findings.push_back(std::move(f));
  }
  out.waivers = report.waivers;
  out.provisions = report.provisions;
  out.provenance = report.provenance;
  if (report.sources) {
    for (std::size_t i = 1; i < report.sources->files.size(); ++i) out.imports.push_back(report.sources->files[i].source->path());
  }
  return out;
}

FileResult check_one(const Checker& checker, const ImportPlan& plan, std::size_t root, const Options& options) {
  const auto& path = plan.files[root].path;
  try {
    auto checked = compose::check(checker, plan, root);
    FileResult out = condense(checked.report, plan.files[root], checker.registry());
    if (options.graph && out.checked && checked.policy) out.graph_dot = options.graph(*checked.policy, checked.report.diagnostics);
    return out;
  } catch (const std::exception& e) {  // one bad file must not end the audit
    FileResult out;
    out.path = path;
    if (plan.files[root].loaded) out.sha256 = sha256_hex(plan.files[root].source->text());
    Finding f;
    f.rule = "internal-error";
    f.input_error = true;
    f.message = {fmt::format("检查时出现内部错误：{}", e.what()), fmt::format("internal error while checking: {}", e.what())};
    out.findings.push_back(std::move(f));
    return out;
  }
}

// Province first (the code's first two digits), then city, then path; files
// naming no known city come last.
bool file_order(const FileResult& a, const FileResult& b) {
  auto key = [](const FileResult& f) {
    return std::make_tuple(f.city == nullptr, f.city ? f.city->code.substr(0, 2) : std::string(),
                           f.city ? f.city->code : std::string(), f.path);
  };
  return key(a) < key(b);
}

void mark_duplicates(AuditResult& result) {
  std::map<std::string, std::vector<std::size_t>> by_city;
  for (std::size_t i = 0; i < result.files.size(); ++i) {
    if (result.files[i].city) by_city[result.files[i].city->code].push_back(i);
  }
  for (const auto& [code, indexes] : by_city) {
    if (indexes.size() < 2) continue;
    result.duplicates.push_back(indexes);
    const City* city = result.files[indexes[0]].city;
    for (std::size_t i : indexes) {
      // Names one other file, not all: the duplicates table lists them all
      // once (naming every path in every message made the report quadratic).
      const std::string& other = result.files[indexes[i == indexes[0] ? 1 : 0]].path;
      Finding f;
      f.rule = "duplicate-city";
      f.input_error = true;
      f.line = f.column = f.end_line = f.end_column = 1;
      f.message = {fmt::format("{}（{}）有 {} 个政策文件（另见 {}，全部见重复列表）；每个城市只能有一个，在消除重复之前该城市计为不合规",
                               city->name_zh, code, indexes.size(), other),
                   fmt::format("{} ({}) has {} policy files (also {}; all in the duplicates list); a city may have only one, "
                               "and it counts as non-compliant until the duplicates are resolved",
                               city->name_en, code, indexes.size(), other)};
      auto& file = result.files[i];
      file.findings.insert(file.findings.begin(), std::move(f));
      // Still checked: a decoy file must not drop the real policy's findings
      // from the counts (it used to).
      file.duplicate = true;
    }
  }
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::none: return "";
    case Status::new_finding: return "new";
    case Status::unchanged: return "unchanged";
    case Status::fixed: return "fixed";
    case Status::unverified: return "unverified";
  }
  return "";
}

const char* expect_name(Expect e) { return e == Expect::all ? "all" : "prefecture"; }

std::size_t AuditResult::unchecked() const {
  return std::count_if(files.begin(), files.end(), [](const FileResult& f) { return !f.checked; });
}

std::size_t AuditResult::count(Severity s) const {
  std::size_t n = 0;
  for (const auto& file : files) {
    if (!file.checked) continue;
    n += std::count_if(file.findings.begin(), file.findings.end(),
                       [s](const Finding& f) { return f.counts(s); });
  }
  return n;
}

int AuditResult::exit_code() const {
  if (unchecked() > 0 || !duplicates.empty()) return 2;
  return count(Severity::error) > 0 ? 1 : 0;
}

AuditResult run(const Checker& checker, const std::vector<std::string>& files, const Options& options) {
  AuditResult result;
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::mutex progress_lock;
  std::size_t done = 0;
  // Each slot is written by exactly one task, so the order never depends on scheduling.
  // TBB caps its workers at the core count unless told otherwise; --jobs decides.
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, jobs);
  tbb::task_arena arena(static_cast<int>(jobs));
  // Every file read and parsed, in parallel; then what they import, once each.
  // Most policies name their city and import nothing: such a file's syntax
  // tree is dropped as soon as that is known and built again when the file is
  // checked, so an audit never holds every tree at once (10,000 cities: the
  // trees were most of its memory). Its text stays; parsing is a tenth of a check.
  std::vector<ImportedFile> loaded(files.size());
  std::vector<char> dropped(files.size(), 0);
  arena.execute([&] {
    tbb::parallel_for(std::size_t(0), files.size(), [&](std::size_t i) {
      loaded[i] = load_policy_file(files[i], checker.limits());
      const auto& parsed = loaded[i].parsed;
      if (loaded[i].loaded && parsed.ok() && has_city(parsed.file) && !has_import(parsed.file)) {
        loaded[i].parsed = {};
        dropped[i] = 1;
      }
    });
  });
  ImportPlan plan = plan_imports(std::move(loaded), checker.limits());
  result.parsed_files = static_cast<std::size_t>(
      std::count_if(plan.files.begin(), plan.files.end(), [](const ImportedFile& f) { return f.loaded; }));
  // A root that others import and that names no city is a baseline, not a city's policy.
  std::vector<char> imported(plan.files.size(), 0);
  for (const auto& f : plan.files) {
    for (const auto& e : f.imports) imported[e.to] = 1;
  }
  // A dropped file another imports is read by each importer's check: whole again, now.
  auto reparse = [&](std::size_t i) { plan.files[i].parsed = syntax::parse(*plan.files[i].source, checker.limits()); };
  for (std::size_t i = 0; i < plan.roots; ++i) {
    if (dropped[i] && imported[i]) {
      reparse(i);
      dropped[i] = 0;
    }
  }
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < plan.roots; ++i) {
    const auto& f = plan.files[i];
    if (!(imported[i] && f.loaded && f.parsed.ok() && !has_city(f.parsed.file))) roots.push_back(i);
  }
  result.files.resize(roots.size());
  arena.execute([&] {
    tbb::parallel_for(std::size_t(0), roots.size(), [&](std::size_t i) {
      // Only this task touches a dropped root (no other file imports it).
      const std::size_t root = roots[i];
      if (dropped[root]) reparse(root);
      result.files[i] = check_one(checker, plan, root, options);
      // Nothing after the check reads a file nobody imports: its text goes too (13 MB for 10,000 cities).
      if (dropped[root]) {
        plan.files[root].parsed = {};
        plan.files[root].source.reset();
      }
      if (options.progress) {
        std::lock_guard lock(progress_lock);
        options.progress(++done, roots.size());
      }
    });
  });
  if (options.lay_out) options.lay_out(result.files);
  // Baselines, hashed like the inputs, with the policies importing them.
  std::map<std::string, std::size_t> by_path;
  for (std::size_t i = 0; i < plan.files.size(); ++i) by_path[plan.files[i].path] = i;
  std::map<std::string, std::vector<std::string>> importers;
  for (const auto& f : result.files) {
    for (const auto& b : f.imports) importers[b].push_back(f.path);
  }
  for (auto& [path, who] : importers) {
    std::sort(who.begin(), who.end());
    const auto& f = plan.files[by_path.at(path)];
    result.imports.push_back({path, f.loaded ? std::optional<std::string>(sha256_hex(f.source->text())) : std::nullopt, who});
  }
  std::stable_sort(result.files.begin(), result.files.end(), file_order);
  mark_duplicates(result);
  std::set<std::string> present;
  for (const auto& f : result.files) {
    if (f.city) present.insert(f.city->code);
  }
  result.expect = options.expect;
  for (const auto& city : checker.registry().cities()) {
    if (options.expect == Expect::prefecture && city.level == "county") continue;
    if (!city.is_city()) continue;  // a 地区, 自治州 or 盟: its seat city has the policy
    if (!present.count(city.code)) result.missing.push_back(&city);
  }
  std::sort(result.missing.begin(), result.missing.end(), [](const City* a, const City* b) { return a->code < b->code; });
  return result;
}

Provenance provenance(const Registry& registry, const RulePack& rules, std::vector<std::string> inputs) {
  Provenance p;
  p.luohu_version = LUOHU_VERSION;
  p.pack_name = rules.name;
  p.pack_version = rules.version;
  p.pack_seed = rules.seed_number;
  for (const auto& file : rules.files) p.rule_files.push_back({file, sha256_file(file)});
  p.registry = {registry.path(), sha256_file(registry.path())};
  p.registry_version = registry.version();
  p.inputs = std::move(inputs);
  return p;
}

std::string finding_key(const std::string& city_or_path, const std::string& rule, const std::string& clause) {
  std::string collapsed;
  bool space = false;
  for (char c : clause) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return city_or_path + "|" + rule + "|" + collapsed;
}

}  // namespace luohu::audit
