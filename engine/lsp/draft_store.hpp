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
  FileReport report;                           // diagnostics of this text
  std::optional<syntax::ParseResult> parsed;  // on demand (hover, symbols, ...)
  const syntax::File& tree();
};

class DraftStore {
 public:
  Draft& open(const std::string& uri, const std::string& path, std::string text, std::int64_t version);
  // Applies LSP content changes (ranged, in UTF-16 positions, or whole text)
  // in order. Throws InvalidParams for a change it cannot apply.
  Draft& change(const std::string& uri, const nlohmann::json& changes, std::int64_t version);
  void close(const std::string& uri);
  Draft* find(const std::string& uri);

 private:
  std::map<std::string, Draft> drafts_;
};

}  // namespace luohu::lsp
