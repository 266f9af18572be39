// One diagnostic shape for everything luohu reports: input errors from the
// parser and the model, and findings from rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/value.hpp"

namespace luohu {

enum class Lang { zh, en };

struct Message {
  std::string zh;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::zh || en.empty() ? zh : en; }
};

enum class Severity { error, warning, note };
const char* severity_name(Severity s);  // "error", "warning", "note"
const char* severity_name_zh(Severity s);

struct RelatedLocation {
  SourceRange range;
  Message message;
};

struct Fix {
  Message description;
  SourceRange range;
  std::string replacement;
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  // rule id, or an input-error code such as "syntax-error"
  Message message;
  SourceRange range;
  bool input_error = false;  // the file could not be checked (exit 2)
  std::optional<int> task;   // seed task a finding enforces
  std::string quote;         // the task's text, quoted
  std::vector<RelatedLocation> related;
  std::vector<Fix> fixes;
};

inline Diagnostic input_error(std::string code, SourceRange range, Message message) {
  Diagnostic d;
  d.code = std::move(code);
  d.range = range;
  d.message = std::move(message);
  d.input_error = true;
  return d;
}

}  // namespace luohu
