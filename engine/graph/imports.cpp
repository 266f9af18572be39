#include "graph/imports.hpp"

#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <filesystem>
#include <fstream>
#include <map>
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

ImportPlan plan_imports(const std::vector<std::string>& roots, const syntax::Limits& limits) {
  ImportPlan plan;
  std::map<std::string, std::size_t> index;
  std::vector<std::size_t> queue;
  auto add = [&](const std::string& path) -> std::optional<std::size_t> {
    std::string key = normal(path);
    if (auto it = index.find(key); it != index.end()) return it->second;
    std::ifstream in(key, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    ImportedFile f;
    f.path = key;
    f.source = std::make_shared<SourceFile>(key, text.str());
    f.parsed = syntax::parse(*f.source, limits);
    index[key] = plan.files.size();
    plan.files.push_back(std::move(f));
    queue.push_back(plan.files.size() - 1);
    return plan.files.size() - 1;
  };
  for (const auto& r : roots) {
    if (!add(r)) {
      ImportedFile f;
      f.path = normal(r);
      f.source = std::make_shared<SourceFile>(f.path, "");
      f.diagnostics.push_back(input_error("io-error", {0, 0}, {"无法读取文件（不存在或无权限）", "cannot read the file (missing or not permitted)"}));
      plan.files.push_back(std::move(f));
    }
  }
  for (std::size_t q = 0; q < queue.size(); ++q) {
    std::size_t i = queue[q];
    std::vector<std::pair<std::string, SourceRange>> wanted;
    for (const auto& st : plan.files[i].parsed.file.statements) {
      const auto* k = syntax::find_keyword(st.keyword.text);
      if (!k || k->id != "import" || st.arguments.empty()) continue;
      fs::path target = fs::path(plan.files[i].path).parent_path() / st.arguments.front().word.text;
      wanted.emplace_back(target.string(), st.range);
    }
    for (const auto& [target, where] : wanted) {
      auto to = add(target);  // may grow plan.files: index again afterwards
      if (!to) {
        plan.files[i].diagnostics.push_back(input_error(
            "import-not-found", where,
            {fmt::format("导入的文件“{}”无法读取", normal(target)), fmt::format("cannot read imported file '{}'", normal(target))}));
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
