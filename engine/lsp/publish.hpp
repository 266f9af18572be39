// publishDiagnostics, encoded incrementally: each diagnostic is turned into
// LSP JSON text once and reused while it is unchanged, so a one-character edit
// re-encodes only the findings it touched (issue 5's 5 ms budget; before this,
// building and dumping 500 unchanged diagnostics took more than half of it).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostic.hpp"
#include "lsp/protocol.hpp"
#include "rules/rule.hpp"

namespace luohu::lsp {

class DiagnosticEncoder {
 public:
  DiagnosticEncoder(const RulePack& rules, Lang lang);

  // The full notification, as JSON text.
  std::string publish(const SourceFile& source, const std::string& uri, std::int64_t version,
                      const std::vector<Diagnostic>& diagnostics);
  // One diagnostic as a JSON value (code actions embed these).
  json encode(const SourceFile& source, const std::string& uri, const Diagnostic& d) const;

  void forget(const std::string& uri);  // the document closed

  // Diagnostics encoded afresh by the last publish() (a test hook).
  std::size_t last_encoded() const { return last_encoded_; }

 private:
  struct RuleExtras {  // per rule, computed once: no file-system calls per finding
    json code_description;
    json basis;  // the quoted task as related information
  };
  const RuleExtras* extras(const std::string& code) const;
  void key(const SourceFile& source, const std::string& uri, const Diagnostic& d, std::string& out) const;

  Lang lang_;
  std::unordered_map<std::string, RuleExtras> rules_;
  // Keyed by everything the encoding depends on, in LSP positions; only the
  // last publish's entries are kept, per document.
  using Cache = std::unordered_map<std::string, std::string>;  // key -> JSON text
  std::unordered_map<std::string, Cache> encoded_;
  std::size_t last_encoded_ = 0;
  std::size_t last_size_ = 0;  // of the last notification, to reserve the next
};

}  // namespace luohu::lsp
