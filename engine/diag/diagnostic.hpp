// One diagnostic shape for everything luohu reports: input errors from the
// parser and the model, and findings from rules.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "source/source_file.hpp"
#include "source/source_range.hpp"
#include "util/message.hpp"

namespace luohu {

enum class Severity { error, warning, note };
const char* severity_name(Severity s);  // "error", "warning", "note"
const char* severity_name_zh(Severity s);
// The inverse of severity_name: "error", "warning", "note"; nullopt for anything else.
std::optional<Severity> severity_from_name(std::string_view name);

struct RelatedLocation {
  SourceRange range;
  Message message;
};

// The city's sentence a finding judges: a 原文 of the policy, and where its
// source text holds it once luohu check has verified it.
struct CitedText {
  std::string text;
  SourceRange range;       // the quoted string in the policy
  std::string source;      // the source text's path; empty when not (yet) found in one
  LineColumn begin, end;   // in that text, 1-based, end exclusive
  std::uint32_t begin_utf16 = 0, end_utf16 = 0;  // the same columns in UTF-16 code units, 0-based (LSP, SARIF)
};

// How far a fix may be applied without a person reading it (ruff's fix
// safety; docs/fixes.md): `luohu check --fix` applies safe fixes,
// `--unsafe-fixes` unsafe ones too; a display-only fix (a waiver skeleton,
// which a person must fill in) is offered in the editor and never applied.
enum class FixSafety { safe, unsafe, display_only };
const char* fix_safety_name(FixSafety s);  // "safe", "unsafe", "display-only"

// One edit of the checked file that clears a finding (compose/fixes.hpp
// computes them and verifies each by re-checking the edited text).
struct Fix {
  Message description;
  SourceRange range;
  std::string replacement;
  FixSafety safety = FixSafety::safe;
  bool preferred = false;  // the one fix an editor applies for the finding (LSP isPreferred)
};

// The waiver that covers a finding (docs/waivers.md): the finding is still
// reported, with its severity, but does not fail the check.
struct Waived {
  std::string reason;
  std::string document;  // the approving document's number
  std::string date;      // its date, YYYY-MM-DD
  std::string expires;   // YYYY-MM-DD, last day the waiver holds
  SourceRange range;     // the waiver comment
};

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;  // rule id, or an input-error code such as "syntax-error"
  Message message;
  SourceRange range;
  bool input_error = false;  // the file could not be checked (exit 2)
  std::optional<int> task;   // seed task a finding enforces
  std::string quote;         // the task's text, quoted
  std::vector<CitedText> cited;  // the city's sentences the finding judges (its 原文)
  std::string basis;         // the cited document's number (Rule::basis)
  std::vector<RelatedLocation> related;
  std::optional<Waived> waived;
  std::vector<Fix> fixes;  // filled on request (compose/fixes.hpp); at most one preferred
};

// How every output cites a seed task: "<basis> 任务7：“…”" / "<basis>, task 7: “…”",
// the basis being the document's number (Diagnostic::basis); task 0: "<basis>：“…”".
Message task_citation(const std::string& basis, int task, const std::string& quote);

// By position, then code; stable, so equal keys keep the order found.
void sort_diagnostics(std::vector<Diagnostic>& d);

// A diagnostic that is no rule's finding (a waiver, provenance or tier problem).
inline Diagnostic make_diagnostic(Severity severity, std::string code, SourceRange range, Message message) {
  Diagnostic d;
  d.severity = severity;
  d.code = std::move(code);
  d.range = range;
  d.message = std::move(message);
  return d;
}

// The file could not be checked (exit 2).
inline Diagnostic input_error(std::string code, SourceRange range, Message message) {
  Diagnostic d = make_diagnostic(Severity::error, std::move(code), range, std::move(message));
  d.input_error = true;
  return d;
}

}  // namespace luohu
