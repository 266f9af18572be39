// Composition: the import graph (Boost.Graph) of `导入 "file";` statements.
// Every file reachable from the roots is read and parsed once; a cycle is an
// error printing the cycle, one location per edge (like Catala); files come
// out in topological order (imported before importer). docs/pathways.md has
// the merge semantics.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "source/source_file.hpp"
#include "syntax/parser.hpp"

namespace luohu {

struct ImportEdge {
  std::size_t to = 0;  // index into ImportPlan::files
  SourceRange where;   // the 导入 statement
};

struct ImportedFile {
  std::string path;  // as resolved (relative to the importer's directory)
  std::shared_ptr<const SourceFile> source;
  syntax::ParseResult parsed;
  std::vector<ImportEdge> imports;
  std::vector<Diagnostic> diagnostics;  // import errors in this file: missing file, cycle
};

struct ImportPlan {
  std::vector<ImportedFile> files;  // roots first, then files they import
  std::vector<std::size_t> order;   // topological; empty when there is a cycle
  bool has_cycle = false;
};

ImportPlan plan_imports(const std::vector<std::string>& roots, const syntax::Limits& limits = {});

}  // namespace luohu
