// What a policy says of its own provenance (its 标题, 文号, 施行日期, 核实 and
// 来源 texts), as reports and the audit show it. check/provenance.cpp fills it.
#pragma once

#include <string>
#include <vector>

namespace luohu {

// One 来源 as read: its path, the file it resolved to, and its sidecar's document.
struct SourceText {
  std::string path;      // as written
  std::string resolved;  // the file read; empty when it was not found
  std::string title, number, issuer, date;  // from the .source.yaml, when there is one
  std::string origin;    // "repository branch path" or the address, from the sidecar
};

// What a policy says of its own provenance, for reports and the audit.
struct PolicyProvenance {
  std::string title, document, effective;  // the policy's 标题, 文号, 施行日期
  std::string verification;                // a 核实 id (full_text, …); empty when not stated
  std::vector<SourceText> sources;
  bool corpus = false;                     // under a folder that requires provenance
};

}  // namespace luohu
