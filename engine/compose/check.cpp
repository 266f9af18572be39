#include "compose/check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "check/provenance.hpp"
#include "compose/merge.hpp"
#include "model/builder.hpp"
#include "predicate/predicate.hpp"
#include "util/file_io.hpp"

namespace luohu::compose {
namespace {

// Waivers are comments of one file and name its lines: each file's waivers
// cover the findings in that file. A baseline's waiver that an importer does
// not need is not "unused" there (another importer may need it).
std::vector<Waiver> apply_file_waivers(const Checker& checker, const ImportPlan& plan, const Composition& comp,
                                       std::vector<Diagnostic>& diagnostics) {
  std::vector<Waiver> own;
  const auto& map = *comp.sources;
  std::vector<Diagnostic> added;
  for (std::size_t k = 0; k < map.files.size(); ++k) {
    const auto& file = plan.files[comp.plan_index[k]];
    const std::int64_t base = map.files[k].base;
    std::vector<std::size_t> mine;
    std::vector<Diagnostic> local;
    for (std::size_t i = 0; i < diagnostics.size(); ++i) {
      if (map.index_of(diagnostics[i].range.begin) != k) continue;
      mine.push_back(i);
      local.push_back(diagnostics[i]);
      shift(local.back(), -base);
    }
    auto waivers = apply_waivers(*file.source, file.parsed.file.comments, checker.rules(), checker.waiver_options, local);
    for (std::size_t j = 0; j < local.size(); ++j) {
      shift(local[j], base);
      if (j < mine.size()) {
        diagnostics[mine[j]].waived = local[j].waived;
      } else if (k == 0 || local[j].code != "waiver-unused") {
        added.push_back(std::move(local[j]));
      }
    }
    if (k == 0) own = std::move(waivers);
  }
  diagnostics.insert(diagnostics.end(), added.begin(), added.end());
  return own;
}

}  // namespace

Checked check(const Checker& checker, const ImportPlan& plan, std::size_t root, SourceRoots* roots) {
  Checked out;
  FileReport& report = out.report;
  const auto& file = plan.files[root];
  report.source = file.source;
  if (!file.loaded) {
    report.diagnostics = file.diagnostics;
    return out;
  }
  Composition comp = compose(plan, root);
  report.sources = comp.sources;
  auto finish = [&] {
    add_import_notes(*comp.sources, report.diagnostics);
    sort_diagnostics(report.diagnostics);
  };
  if (!comp.diagnostics.empty()) {
    report.diagnostics = std::move(comp.diagnostics);
    finish();
    return out;
  }
  auto built = build_policy(comp.file, checker.registry());
  const bool checkable = built.ok();
  report.diagnostics = std::move(built.diagnostics);
  if (!has_city(file.parsed.file)) {
    for (auto& d : report.diagnostics) {
      if (d.code != "missing-city") continue;
      d.message.zh += "。没有“城市”语句的文件是基线，只能被城市政策导入（导入 \"文件\";）：请检查导入它的城市政策";
      d.message.en += "; a file without one is a baseline, checked only through a city policy that imports it (import \"file\";)";
    }
  }
  if (built.policy) report.city = built.policy->city.city;
  if (checkable) {
    checker.add_findings(*built.policy, report.diagnostics);
    report.provenance = check_provenance(*file.source, *built.policy, comp.sources.get(), report.diagnostics, roots);
    report.waivers = apply_file_waivers(checker, plan, comp, report.diagnostics);
    report.provisions = provision_states(*built.policy);
  }
  finish();
  out.policy = std::move(built.policy);
  return out;
}

FileReport check_text(const Checker& checker, std::string path, std::string text) {
  auto source = std::make_shared<SourceFile>(std::move(path), std::move(text));
  auto parsed = syntax::parse(*source, checker.limits());
  return check_parsed(checker, std::move(source), parsed);
}

FileReport check_file(const Checker& checker, const std::string& path) {
  // Devices, pipes and oversized files are refused before a byte is read.
  auto read = read_regular_file(path, checker.limits().max_file_bytes);
  if (!read.ok()) {
    FileReport report;
    report.source = std::make_shared<SourceFile>(path, "");
    report.diagnostics.push_back(input_error(read.code(), {0, 0}, {read.reason_zh(), read.reason_en()}));
    return report;
  }
  return check_text(checker, path, std::move(*read.text));
}

FileReport check_parsed(const Checker& checker, std::shared_ptr<const SourceFile> source,
                        const syntax::ParseResult& parsed, std::unique_ptr<PolicyModel>* model) {
  if (!parsed.ok()) {
    FileReport report;
    report.source = std::move(source);
    report.diagnostics = parsed.diagnostics;
    return report;
  }
  if (!has_import(parsed.file) && has_city(parsed.file)) return checker.check_single(std::move(source), parsed, model);
  // A file with imports, or a baseline checked directly (it gets an error saying how to check it).
  ImportedFile f;
  f.path = source->path();
  f.source = std::move(source);
  f.parsed = parsed;
  f.loaded = true;
  std::vector<ImportedFile> roots;
  roots.push_back(std::move(f));
  auto plan = plan_imports(std::move(roots), checker.limits());
  return check(checker, plan, 0).report;
}

void confine_to_root(FileReport& report) {
  if (!report.sources || report.sources->files.size() < 2) return;
  const SourceMap& map = *report.sources;
  for (auto& d : report.diagnostics) {
    std::size_t i = map.index_of(d.range.begin);
    if (i == 0) continue;
    Located at = locate(report, d.range);
    LineColumn lc = at.source->location(at.range.begin);
    std::string where = fmt::format("{}:{}:{}", at.source->path(), lc.line, lc.column);
    d.message.zh = fmt::format("{}：{}", where, d.message.zh);
    d.message.en = fmt::format("{}: {}", where, d.message.en);
    while (*map.files[i].importer != 0) i = *map.files[i].importer;
    d.range = map.files[i].imported_at;
    std::erase_if(d.related, [&](const RelatedLocation& r) { return map.index_of(r.range.begin) != 0; });
    // A cited sentence not found in a source text is shown at its 原文, which lies in the imported file.
    std::erase_if(d.cited, [&](const CitedText& c) { return c.source.empty() && map.index_of(c.range.begin) != 0; });
  }
}

}  // namespace luohu::compose
