#include "compose/merge.hpp"

#include <fmt/format.h>

#include <functional>
#include <set>
#include <string>

#include "syntax/keywords.hpp"
#include "syntax/shift.hpp"

namespace luohu::compose {
namespace {

using namespace syntax;

using K = KeywordId;

std::string zone_name(const Statement& st) { return st.arguments.empty() ? std::string() : st.arguments.front().word.text; }

}  // namespace

void shift(Diagnostic& d, std::int64_t delta) {
  auto at = [delta](SourceRange& r) { syntax::shift(r, delta); };
  at(d.range);
  for (auto& r : d.related) at(r.range);
  for (auto& c : d.cited) at(c.range);
  if (d.waived) at(d.waived->range);
}

std::vector<std::size_t> precedence(const ImportPlan& plan, std::size_t root) {
  // Reverse postorder of a depth-first search is a topological order;
  // visiting imports last-first makes siblings come out in statement order.
  std::vector<std::size_t> post;
  std::vector<char> seen(plan.files.size(), 0);
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    seen[i] = 1;
    const auto& imports = plan.files[i].imports;
    for (auto e = imports.rbegin(); e != imports.rend(); ++e) {
      if (!seen[e->to]) visit(e->to);
    }
    post.push_back(i);
  };
  visit(root);
  return {post.rbegin(), post.rend()};
}

Composition compose(const ImportPlan& plan, std::size_t root) {
  Composition out;
  out.sources = std::make_shared<SourceMap>();
  out.plan_index = precedence(plan, root);
  std::uint32_t base = 0;
  std::set<std::string> cycles;  // each cycle once, though every file in it reports it
  for (std::size_t k = 0; k < out.plan_index.size(); ++k) {
    const auto& f = plan.files[out.plan_index[k]];
    SourceSlice m{f.source, base, std::nullopt, {}};
    // The importer that takes precedence: the first file before this one importing it.
    for (std::size_t j = 0; j < k && !m.importer; ++j) {
      for (const auto& e : plan.files[out.plan_index[j]].imports) {
        if (e.to != out.plan_index[k]) continue;
        m.importer = j;
        m.imported_at = {e.where.begin + out.sources->files[j].base, e.where.end + out.sources->files[j].base};
        break;
      }
    }
    out.sources->files.push_back(m);
    auto report = [&](Diagnostic d) {
      if (d.code == "import-cycle" && !cycles.insert(d.message.en).second) return;
      shift(d, base);
      out.diagnostics.push_back(std::move(d));
    };
    for (const auto& d : f.parsed.diagnostics) report(d);
    for (const auto& d : f.diagnostics) report(d);
    // One byte of gap: a file's end offset is never the next file's start.
    base += static_cast<std::uint32_t>(f.source->text().size()) + 1;
  }
  if (!out.diagnostics.empty()) return out;

  File& merged = out.file;
  merged = plan.files[root].parsed.file;
  std::set<std::string> zones, channels;
  std::set<K> blocks;
  bool rural_exit = false;
  for (const auto& st : merged.statements) {
    const K id = st.id;
    if (id == K::zone) zones.insert(zone_name(st));
    if (id == K::rural_rights_exit) rural_exit = true;
  }
  for (const auto& c : merged.channels) channels.insert(c.name.text);
  for (const auto& b : merged.blocks) blocks.insert(b.id);
  for (std::size_t k = 1; k < out.plan_index.size(); ++k) {
    File imported = plan.files[out.plan_index[k]].parsed.file;
    syntax::shift(imported, out.sources->files[k].base);
    for (auto& st : imported.statements) {
      const K id = st.id;
      if (id == K::zone && !zones.insert(zone_name(st)).second) continue;
      if (id == K::rural_rights_exit) {
        if (rural_exit) continue;
        rural_exit = true;
      }
      // The importer's header is its own; imports were followed already (kept so the builder checks them).
      if (id == K::city || id == K::title || id == K::document || id == K::effective || id == K::verification) continue;
      merged.statements.push_back(std::move(st));
    }
    for (auto& c : imported.channels) {
      if (channels.insert(c.name.text).second) merged.channels.push_back(std::move(c));
    }
    for (auto& b : imported.blocks) {
      if (blocks.insert(b.id).second) merged.blocks.push_back(std::move(b));
    }
    // Comments stay with their own file: waivers are read file by file.
  }
  return out;
}

void add_import_notes(const SourceMap& map, std::vector<Diagnostic>& diagnostics) {
  if (map.files.size() < 2) return;
  for (auto& d : diagnostics) {
    for (std::size_t i = map.index_of(d.range.begin); map.files[i].importer; i = *map.files[i].importer) {
      const auto& path = map.files[i].source->path();
      d.related.push_back({map.files[i].imported_at, {fmt::format("在此导入“{}”", path), fmt::format("'{}' imported here", path)}});
    }
  }
}

}  // namespace luohu::compose
