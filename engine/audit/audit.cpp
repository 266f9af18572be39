#include "audit/audit.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <map>
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

// The city a file's own 城市 statement names. A file that failed to parse may
// still name it: the parser recovers clause by clause, so the header usually
// survives a later syntax error.
const City* city_named(const syntax::File& parsed, const Registry& registry) {
  for (const auto& st : parsed.statements) {
    if (st.id != syntax::KeywordId::city || st.arguments.empty()) continue;
    if (const City* c = registry.find(st.arguments[0].word.text)) return c;
  }
  return nullptr;
}

FileResult condense(const FileReport& report, const ImportedFile& file) {
  FileResult out;
  const SourceFile& source = *report.source;
  out.path = source.path();
  out.city = report.city;
  out.checked = !report.input_error();
  // Only what was read is hashed: a file refused (too large, a device) is not
  // read again to hash it (a 20 GiB sparse file took a minute).
  if (file.loaded) out.sha256 = sha256_hex(source.text());
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

FileResult check_one(const Checker& checker, const ImportPlan& plan, std::size_t root, SourceRoots& roots, const Options& options) {
  const auto& path = plan.files[root].path;
  try {
    auto checked = compose::check(checker, plan, root, &roots);
    FileResult out = condense(checked.report, plan.files[root]);
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

// A root waiting for its turn: where it is in the import plan, the city its
// own 城市 statement names (the report's order and the duplicates go by it).
struct Root {
  std::size_t index = 0;
  const City* named = nullptr;
};

// Province first (the code's first two digits), then city, then path; files
// naming no known city come last.
auto order_key(const Root& r, const ImportPlan& plan) {
  const City* c = r.named;
  return std::make_tuple(c == nullptr, c ? std::string_view(c->code).substr(0, 2) : std::string_view(),
                         c ? std::string_view(c->code) : std::string_view(), std::string_view(plan.files[r.index].path));
}

// Names one other file, not all: the duplicates table lists them all once
// (naming every path in every message made the report quadratic).
Finding duplicate_finding(const DuplicateCity& group, const std::string& other) {
  const City* city = group.city;
  Finding f;
  f.rule = "duplicate-city";
  f.input_error = true;
  f.line = f.column = f.end_line = f.end_column = 1;
  f.message = {fmt::format("{}（{}）有 {} 个政策文件（另见 {}，全部见重复列表）；每个城市只能有一个，在消除重复之前该城市计为不合规",
                           city->name_zh, city->code, group.paths.size(), other),
               fmt::format("{} ({}) has {} policy files (also {}; all in the duplicates list); a city may have only one, "
                           "and it counts as non-compliant until the duplicates are resolved",
                           city->name_en, city->code, group.paths.size(), other)};
  return f;
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

std::size_t AuditResult::count(Severity s) const {
  return s == Severity::error ? errors : s == Severity::warning ? warnings : notes;
}

void AuditResult::tally(const FileResult& file) {
  ++file_count;
  if (!file.checked) {
    ++unchecked_files;
    return;
  }
  for (const auto& f : file.findings) {
    errors += f.counts(Severity::error);
    warnings += f.counts(Severity::warning);
    notes += f.counts(Severity::note);
  }
}

int AuditResult::exit_code() const {
  if (unchecked() > 0 || !duplicates.empty()) return 2;
  return count(Severity::error) > 0 ? 1 : 0;
}

AuditResult run(const Checker& checker, const std::vector<std::string>& files, const Options& options) {
  AuditResult result;
  unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
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
  std::vector<const City*> named(files.size(), nullptr);
  arena.execute([&] {
    tbb::parallel_for(std::size_t(0), files.size(), [&](std::size_t i) {
      loaded[i] = load_policy_file(files[i], checker.limits());
      const auto& parsed = loaded[i].parsed;
      if (loaded[i].loaded) named[i] = city_named(parsed.file, checker.registry());
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
  // The report's order, and the cities named twice, are known before any check.
  std::vector<Root> roots;
  for (std::size_t i = 0; i < plan.roots; ++i) {
    const auto& f = plan.files[i];
    if (!(imported[i] && f.loaded && f.parsed.ok() && !has_city(f.parsed.file))) roots.push_back({i, named[i]});
  }
  std::stable_sort(roots.begin(), roots.end(),
                   [&](const Root& a, const Root& b) { return order_key(a, plan) < order_key(b, plan); });
  std::vector<std::size_t> duplicate_of(roots.size(), SIZE_MAX);  // position -> its group
  for (std::size_t k = 0; k < roots.size();) {
    std::size_t end = k + 1;
    while (end < roots.size() && roots[k].named && roots[end].named == roots[k].named) ++end;
    if (end - k >= 2) {
      DuplicateCity group{roots[k].named, {}};
      for (std::size_t m = k; m < end; ++m) {
        group.paths.push_back(plan.files[roots[m].index].path);
        duplicate_of[m] = result.duplicates.size();
      }
      result.duplicates.push_back(std::move(group));
    }
    k = end;
  }

  std::vector<FileResult> slots(roots.size());
  std::vector<std::string> prepared(options.prepare ? roots.size() : 0);
  std::map<std::string, std::vector<std::string>> importers;  // baseline -> policies importing it
  std::set<std::string> present;                               // city codes with a policy
  SourceRoots source_roots;  // each policy folder's, found once: the audit reads the folders as of its start
  std::size_t next = 0;
  using tbb::filter_mode;
  auto fetch = tbb::make_filter<void, std::size_t>(filter_mode::serial_in_order, [&](tbb::flow_control& fc) -> std::size_t {
    if (next == roots.size()) {
      fc.stop();
      return 0;
    }
    return next++;
  });
  auto check = tbb::make_filter<std::size_t, std::size_t>(filter_mode::parallel, [&](std::size_t k) {
    // Only this task touches a dropped root (no other file imports it).
    const std::size_t root = roots[k].index;
    if (dropped[root]) reparse(root);
    slots[k] = check_one(checker, plan, root, source_roots, options);
    if (!slots[k].city) slots[k].city = roots[k].named;
    // Nothing after the check reads a file nobody imports: its text goes too (13 MB for 10,000 cities).
    if (dropped[root]) {
      plan.files[root].parsed = {};
      plan.files[root].source.reset();
    }
    return k;
  });
  auto settle = tbb::make_filter<std::size_t, std::size_t>(filter_mode::serial_in_order, [&](std::size_t k) {
    FileResult& file = slots[k];
    if (duplicate_of[k] != SIZE_MAX) {
      const auto& group = result.duplicates[duplicate_of[k]];
      // Still checked: a decoy file must not drop the real policy's findings from the counts (it used to).
      file.duplicate = true;
      file.findings.insert(file.findings.begin(), duplicate_finding(group, group.paths[group.paths[0] == file.path ? 1 : 0]));
    }
    if (options.in_order) options.in_order(file);
    result.tally(file);
    for (const auto& b : file.imports) importers[b].push_back(file.path);
    if (file.city) present.insert(file.city->code);
    if (options.progress) options.progress(k + 1, roots.size());
    return k;
  });
  auto render = tbb::make_filter<std::size_t, std::size_t>(filter_mode::parallel, [&](std::size_t k) {
    if (options.prepare) prepared[k] = options.prepare(slots[k]);
    return k;
  });
  auto hand_on = tbb::make_filter<std::size_t, void>(filter_mode::serial_in_order, [&](std::size_t k) {
    if (!options.consume) return;
    options.consume(std::move(slots[k]), options.prepare ? std::move(prepared[k]) : std::string());
    slots[k] = {};
    if (options.prepare) std::string().swap(prepared[k]);
  });
  // A few files per core in flight: enough to keep them busy, few enough that findings do not pile up.
  arena.execute([&] { tbb::parallel_pipeline(4 * jobs, fetch & check & settle & render & hand_on); });
  if (!options.consume) {
    result.files = std::move(slots);
    if (options.lay_out) options.lay_out(result.files);
  }
  // Baselines, hashed like the inputs, with the policies importing them.
  std::map<std::string, std::size_t> by_path;
  for (std::size_t i = 0; i < plan.files.size(); ++i) by_path[plan.files[i].path] = i;
  for (auto& [path, who] : importers) {
    std::sort(who.begin(), who.end());
    const auto& f = plan.files[by_path.at(path)];
    result.imports.push_back({path, f.loaded ? std::optional<std::string>(sha256_hex(f.source->text())) : std::nullopt, who});
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

Provenance provenance(const Registry& registry, const RulePack& rules, std::vector<std::string> inputs,
                      const std::vector<std::pair<std::string, std::string>>& known) {
  auto digest = [&](const std::string& path) -> std::optional<std::string> {
    for (const auto& [p, sha] : known) {
      if (p == path) return sha;
    }
    return sha256_file(path);
  };
  Provenance p;
  p.luohu_version = LUOHU_VERSION;
  p.pack_name = rules.name;
  p.pack_version = rules.version;
  p.pack_seed = rules.seed_number;
  for (const auto& file : rules.files) p.rule_files.push_back({file, digest(file)});
  p.registry = {registry.path(), digest(registry.path())};
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
