#include "compose/imports.hpp"

#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

#include "syntax/keywords.hpp"

namespace luohu {
namespace {

namespace fs = std::filesystem;
using ImportGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property, SourceRange>;

std::string normal(const fs::path& p) { return p.lexically_normal().string(); }

struct CycleFinder : boost::default_dfs_visitor {
  std::vector<std::size_t>* parent;
  std::vector<std::vector<std::size_t>>* cycles;
  template <typename E, typename G>
  void tree_edge(E e, const G& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  template <typename E, typename G>
  void back_edge(E e, const G& g) const {
    // u -> v closes a cycle: v ... u along tree edges, then back to v.
    std::size_t u = boost::source(e, g), v = boost::target(e, g);
    std::vector<std::size_t> cycle{u};
    while (cycle.back() != v) cycle.push_back((*parent)[cycle.back()]);
    std::reverse(cycle.begin(), cycle.end());
    cycles->push_back(cycle);
  }
};

std::string location(const ImportedFile& f, SourceRange r) {
  auto lc = f.source->location(r.begin);
  return fmt::format("{}:{}:{}", f.path, lc.line, lc.column);
}

}  // namespace

ImportedFile load_policy_file(const std::string& path, const syntax::Limits& limits) {
  ImportedFile f;
  f.path = path;
  auto fail = [&](std::string code, Message m) {
    f.source = std::make_shared<SourceFile>(path, "");
    f.diagnostics.push_back(input_error(std::move(code), {0, 0}, std::move(m)));
    return std::move(f);
  };
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (fs::is_directory(status)) return fail("io-error", {"这是目录而非文件", "this is a directory, not a file"});
  // A device or a pipe could block or never end (an import path comes from a file's text).
  if (fs::exists(status) && !fs::is_regular_file(status))
    return fail("io-error", {"不是普通文件（设备或管道）", "not a regular file (a device or a pipe)"});
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("io-error", {"无法读取文件（不存在或无权限）", "cannot read the file (missing or not permitted)"});
  // Refuse oversized files before reading them whole.
  in.seekg(0, std::ios::end);
  auto size = static_cast<std::size_t>(std::max<std::streamoff>(0, in.tellg()));
  in.seekg(0);
  if (size > limits.max_file_bytes)
    return fail("file-too-large",
                {fmt::format("文件过大（{:.1f} MiB），上限为 {} MiB", size / 1048576.0, limits.max_file_bytes / 1048576),
                 fmt::format("file too large ({:.1f} MiB); the limit is {} MiB", size / 1048576.0, limits.max_file_bytes / 1048576)});
  std::stringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail("io-error", {"读取文件失败", "failed to read the file"});
  f.source = std::make_shared<SourceFile>(path, text.str());
  f.parsed = syntax::parse(*f.source, limits);
  f.loaded = true;
  return f;
}

namespace {

bool has_statement(const syntax::File& file, syntax::KeywordId id) {
  for (const auto& st : file.statements) {
    if (st.id == id) return true;
  }
  return false;
}

// One key per file however it is spelled (./a, b/../a, an absolute path).
std::string key_of(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? normal(path) : canonical.string();
}

}  // namespace

bool has_import(const syntax::File& file) { return has_statement(file, syntax::KeywordId::import); }
bool has_city(const syntax::File& file) { return has_statement(file, syntax::KeywordId::city); }

ImportPlan plan_imports(const std::vector<std::string>& roots, const syntax::Limits& limits) {
  std::vector<ImportedFile> loaded;
  loaded.reserve(roots.size());
  for (const auto& r : roots) loaded.push_back(load_policy_file(normal(r), limits));
  return plan_imports(std::move(loaded), limits);
}

ImportPlan plan_imports(std::vector<ImportedFile> roots, const syntax::Limits& limits) {
  ImportPlan plan;
  std::map<std::string, std::size_t> index;
  std::vector<std::size_t> queue;
  for (auto& r : roots) {
    auto [it, fresh] = index.emplace(key_of(r.path), plan.files.size());
    if (!fresh) continue;  // a root given twice is one file
    if (r.loaded) queue.push_back(plan.files.size());
    plan.files.push_back(std::move(r));
  }
  plan.roots = plan.files.size();
  // An imported file: read once, or the reason it cannot be.
  auto add = [&](const std::string& path, Message& why) -> std::optional<std::size_t> {
    std::string key = key_of(path);
    if (auto it = index.find(key); it != index.end()) {
      if (plan.files[it->second].loaded) return it->second;
      why = plan.files[it->second].diagnostics.front().message;
      return std::nullopt;
    }
    ImportedFile f = load_policy_file(normal(path), limits);
    if (!f.loaded) {
      why = f.diagnostics.front().message;
      return std::nullopt;
    }
    index[key] = plan.files.size();
    plan.files.push_back(std::move(f));
    queue.push_back(plan.files.size() - 1);
    return plan.files.size() - 1;
  };
  for (std::size_t q = 0; q < queue.size(); ++q) {
    std::size_t i = queue[q];
    std::vector<std::pair<std::string, SourceRange>> wanted;
    for (const auto& st : plan.files[i].parsed.file.statements) {
      if (st.id != syntax::KeywordId::import || st.arguments.empty()) continue;
      fs::path target = fs::path(plan.files[i].path).parent_path() / st.arguments.front().word.text;
      wanted.emplace_back(target.string(), st.range);
    }
    for (const auto& [target, where] : wanted) {
      Message why;
      auto to = add(target, why);  // may grow plan.files: index again afterwards
      if (!to) {
        plan.files[i].diagnostics.push_back(input_error(
            "import-not-found", where,
            {fmt::format("导入的文件“{}”无法读取：{}", normal(target), why.zh),
             fmt::format("cannot read imported file '{}': {}", normal(target), why.en)}));
        continue;
      }
      plan.files[i].imports.push_back({*to, where});
    }
  }

  ImportGraph g(plan.files.size());
  for (std::size_t i = 0; i < plan.files.size(); ++i) {
    for (const auto& e : plan.files[i].imports) boost::add_edge(i, e.to, e.where, g);
  }
  std::vector<std::size_t> parent(plan.files.size());
  std::vector<std::vector<std::size_t>> cycles;
  CycleFinder finder;
  finder.parent = &parent;
  finder.cycles = &cycles;
  boost::depth_first_search(g, boost::visitor(finder));
  for (const auto& cycle : cycles) {
    plan.has_cycle = true;
    // One location per edge: the 导入 statement in each file of the cycle.
    std::vector<SourceRange> edges;
    std::vector<std::string> zh, en;
    for (std::size_t k = 0; k < cycle.size(); ++k) {
      std::size_t from = cycle[k], to = cycle[(k + 1) % cycle.size()];
      SourceRange where;
      for (const auto& e : plan.files[from].imports) {
        if (e.to == to) where = e.where;
      }
      edges.push_back(where);
      zh.push_back(fmt::format("  {}: “{}”导入“{}”", location(plan.files[from], where), plan.files[from].path, plan.files[to].path));
      en.push_back(fmt::format("  {}: '{}' imports '{}'", location(plan.files[from], where), plan.files[from].path, plan.files[to].path));
    }
    for (std::size_t k = 0; k < cycle.size(); ++k) {
      plan.files[cycle[k]].diagnostics.push_back(
          input_error("import-cycle", edges[k],
                      {fmt::format("导入形成循环：\n{}", fmt::join(zh, "\n")), fmt::format("imports form a cycle:\n{}", fmt::join(en, "\n"))}));
    }
  }
  if (!plan.has_cycle) {
    std::vector<std::size_t> reversed;
    boost::topological_sort(g, std::back_inserter(reversed));  // imported files come out first
    plan.order = reversed;
  }
  return plan;
}

}  // namespace luohu
