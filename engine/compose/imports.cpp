#include "compose/imports.hpp"

#include <fmt/format.h>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <filesystem>
#include <algorithm>
#include <map>
#include <optional>

#include "config/project_config.hpp"
#include "syntax/keywords.hpp"
#include "util/file_io.hpp"

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
  // A device or a pipe could block or never end (an import path comes from a file's text).
  auto read = read_regular_file(path, limits.max_file_bytes);
  if (!read.ok()) return fail(read.code(), {read.reason_zh(), read.reason_en()});
  f.source = std::make_shared<SourceFile>(path, std::move(*read.text));
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

// Whether `path` (canonical) lies inside `root` (canonical).
bool inside(const std::string& path, const std::string& root) {
  if (root == "/") return true;
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/';
}

// Why an import may not be read, or empty. Imports come from a file's text:
// without this, 导入 "/proc/self/environ" put CI secrets into reports.
std::string refused(const std::string& written, const std::string& canonical, const std::string& root, bool zh) {
  if (!written.empty() && written.front() == '/')
    return zh ? "导入须为相对路径" : "an import must be a relative path";
  if (!written.ends_with(".luohu")) return zh ? "只能导入 .luohu 政策文件" : "only .luohu policy files can be imported";
  for (const char* system : {"/proc/", "/sys/", "/dev/"}) {
    if (canonical.starts_with(system)) return zh ? "不能导入系统文件" : "system files cannot be imported";
  }
  if (!inside(canonical, root))
    return zh ? fmt::format("不在政策根目录 {} 之下（根目录：含 .luohu.yaml 或 .git 的上级目录，否则为该文件所在目录）", root)
              : fmt::format("it is outside the policy root {} (the nearest directory above holding .luohu.yaml or .git, "
                            "else the file's own directory)",
                            root);
  return {};
}

}  // namespace

std::string policy_root(const std::string& path) {
  std::error_code ec;
  fs::path dir = fs::weakly_canonical(fs::absolute(path, ec), ec).parent_path();
  if (ec) return normal(fs::path(path).parent_path());
  // The nearest of: the folder of the project's .luohu.yaml (config/project_config.hpp, the one
  // place it is looked up), or a repository's top (.git).
  std::optional<fs::path> config = project_config_dir(dir);
  for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
    if ((config && d == *config) || fs::exists(d / ".git", ec)) return d.string();
    if (d == d.parent_path()) break;
  }
  return dir.string();
}

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
  std::map<std::string, std::string> roots_of;
  std::vector<std::size_t> queue;
  for (auto& r : roots) {
    auto [it, fresh] = index.emplace(key_of(r.path), plan.files.size());
    if (!fresh) continue;  // a root given twice is one file
    if (r.loaded) queue.push_back(plan.files.size());
    if (r.root.empty()) {
      // One look-up per directory (an audit passes thousands of files).
      std::string dir = fs::path(r.path).parent_path().string();
      auto cached = roots_of.find(dir);
      if (cached == roots_of.end()) cached = roots_of.emplace(dir, policy_root(r.path)).first;
      r.root = cached->second;
    }
    plan.files.push_back(std::move(r));
  }
  plan.roots = plan.files.size();
  // An imported file: read once, or the reason it cannot be.
  auto add = [&](const std::string& path, const std::string& written, const std::string& root,
                 Message& why) -> std::optional<std::size_t> {
    std::string key = key_of(path);
    if (auto no = refused(written, key, root, true); !no.empty()) {
      why = {no, refused(written, key, root, false)};
      return std::nullopt;
    }
    if (auto it = index.find(key); it != index.end()) {
      if (plan.files[it->second].loaded) return it->second;
      why = plan.files[it->second].diagnostics.front().message;
      return std::nullopt;
    }
    ImportedFile f = load_policy_file(normal(path), limits);
    f.root = root;
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
    struct Wanted {
      std::string target, written;
      SourceRange where;
    };
    std::vector<Wanted> wanted;
    for (const auto& st : plan.files[i].parsed.file.statements) {
      if (st.id != syntax::KeywordId::import || st.arguments.empty()) continue;
      const std::string& written = st.arguments.front().word.text;
      fs::path target = fs::path(plan.files[i].path).parent_path() / written;
      wanted.push_back({target.string(), written, st.range});
    }
    const std::string root = plan.files[i].root;
    for (const auto& [target, written, where] : wanted) {
      Message why;
      auto to = add(target, written, root, why);  // may grow plan.files: index again afterwards
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
