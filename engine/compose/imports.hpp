// Composition: the import graph (Boost.Graph) of `导入 "file";` statements.
// Every file reachable from the roots is read and parsed once; a cycle is an
// error printing the cycle, one location per edge (like Catala); files come
// out in topological order (imported before importer). docs/pathways.md has
// the merge semantics; compose/ merges.
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
  std::vector<Diagnostic> diagnostics;  // this file's read errors, and import errors in it: missing file, cycle
  bool loaded = false;                  // read (within the size limit) and parsed
  // The policy root its imports must stay under (a root file's: the nearest
  // directory above it holding .luohu.yaml or .git, else its own directory;
  // an imported file's: its importer's).
  std::string root;
};

struct ImportPlan {
  std::vector<ImportedFile> files;  // roots first, then files they import
  std::vector<std::size_t> order;   // topological; empty when there is a cycle
  bool has_cycle = false;
  std::size_t roots = 0;            // files[0, roots) are the roots, in the order given
};

// Reads and parses one file, refusing one over the size limit (unreadable or
// too large: `loaded` false and one input error at 1:1).
ImportedFile load_policy_file(const std::string& path, const syntax::Limits& limits = {});

ImportPlan plan_imports(const std::vector<std::string>& roots, const syntax::Limits& limits = {});
// The same over roots already loaded (e.g. in parallel by an audit, or an
// editor's unsaved text); only files they import are read here.
ImportPlan plan_imports(std::vector<ImportedFile> roots, const syntax::Limits& limits = {});

// The policy root of a file given to check or audit (see ImportedFile::root).
std::string policy_root(const std::string& path);

// Whether a parsed file has a `导入` statement / a `城市` statement.
bool has_import(const syntax::File& file);
bool has_city(const syntax::File& file);

}  // namespace luohu
