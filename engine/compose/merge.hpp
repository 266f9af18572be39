// Merging a policy with the baselines it imports (docs/pathways.md,
// "Composition: imports"), at the syntax-tree level: each file gets a base in
// one offset space (source_map.hpp) and its tree is copied with its ranges
// moved there, so the builder and the rules see one policy while every range
// still names its own file.
#pragma once

#include <memory>
#include <vector>

#include "source/source_map.hpp"
#include "compose/imports.hpp"
#include "syntax/ast.hpp"

namespace luohu::compose {

struct Composition {
  syntax::File file;                     // the merged tree, in the shared offset space
  std::shared_ptr<SourceMap> sources;    // the checked file first, then what it imports, by precedence
  std::vector<std::size_t> plan_index;   // per SourceMap file: its index in the plan
  std::vector<Diagnostic> diagnostics;   // parse and import errors of every file, in the shared space
};

// The files `root` imports, directly or not, each once, importer before
// imported and siblings in statement order: a file's definitions win over
// those of every file after it.
std::vector<std::size_t> precedence(const ImportPlan& plan, std::size_t root);

// Merges `root` with its imports: its own 城市, 标题, 文号, 施行日期; channels
// of later files added unless one of that name exists; their 居住证, 积分,
// 公共服务 and 农村权益退出 only where none exists yet; zones the union.
Composition compose(const ImportPlan& plan, std::size_t root);

// Appends to each diagnostic in an imported file a note at the 导入 statement
// that brought the file in, then at the one that brought in that importer,
// up to the checked file ("imported here").
void add_import_notes(const SourceMap& map, std::vector<Diagnostic>& diagnostics);

// Moves every range of a diagnostic by `delta` bytes (syntax/shift.hpp moves trees).
void shift(Diagnostic& d, std::int64_t delta);

}  // namespace luohu::compose
