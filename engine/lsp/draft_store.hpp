// The open documents, as the editor last described them: text, version, and
// what the engine made of that text (kept until the next change).
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "check/checker.hpp"
#include "source/source_file.hpp"
#include "syntax/parser.hpp"

namespace luohu::lsp {

struct Draft {
  std::shared_ptr<const SourceFile> source;
  std::int64_t version = 0;
  FileReport report;  // diagnostics of this text; no report.source until checked
  syntax::Limits limits;

  // The syntax tree of this text, parsed on demand. After an edit only the
  // top-level items it touched are parsed again (syntax/incremental.hpp).
  const syntax::ParseResult& parse();
  const syntax::File& tree() { return parse().file; }

 private:
  std::optional<syntax::ParseResult> parsed_;      // the parse of parsed_source_
  std::shared_ptr<const SourceFile> parsed_source_;  // this text, or the text before an edit
};

class DraftStore {
 public:
  explicit DraftStore(syntax::Limits limits = {}) : limits_(limits) {}
  Draft& open(const std::string& uri, const std::string& path, std::string text, std::int64_t version);
  // Applies LSP content changes (ranged, in UTF-16 positions, or whole text)
  // in order. Throws InvalidParams for a change it cannot apply.
  Draft& change(const std::string& uri, const nlohmann::json& changes, std::int64_t version);
  void close(const std::string& uri);
  Draft* find(const std::string& uri);

 private:
  syntax::Limits limits_;
  std::map<std::string, Draft> drafts_;
};

}  // namespace luohu::lsp
