// A batch audit: every policy under some folders checked against the rule
// pack, in parallel, keeping only the findings (never the parsed policies),
// in a deterministic order; registry cities with no policy and cities with
// two policies are reported beside the findings. Streamed (Options::consume),
// each file's findings are handed on as soon as they are ready, in that
// order, and not kept.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "check/checker.hpp"

namespace luohu::audit {

// Against an earlier audit (see baseline.hpp); none when no baseline was given.
enum class Status { none, new_finding, unchanged, fixed, unverified };
const char* status_name(Status s);  // "", "new", "unchanged", "fixed", "unverified"

// Which registry cities are expected to have a policy (and listed as missing
// without one): prefecture level and above (the national audit's ~333), or
// every city including county-level ones.
enum class Expect { prefecture, all };
const char* expect_name(Expect e);  // "prefecture", "all"

struct Finding {
  std::string rule;  // rule id, or a diagnostic code such as "syntax-error"
  std::optional<int> task;
  Severity severity = Severity::error;
  Message message;
  std::uint32_t line = 0, column = 0, end_line = 0, end_column = 0;  // 1-based, code points
  std::uint32_t column_utf16 = 0, end_column_utf16 = 0;  // the same columns in UTF-16 code units (SARIF); 0: not known
  std::string file;    // the imported baseline the line is in; empty: the policy file itself
  std::string clause;  // the source line where the finding starts, trimmed
  bool input_error = false;
  Status status = Status::none;
  // Covered by a waiver (docs/waivers.md): listed, not counted. Held apart (a
  // few findings have one; inline it was a third of every finding's size).
  std::shared_ptr<const Waived> waived;
  std::vector<CitedText> cited;  // the city's sentences the finding judges (its 原文)
  bool counts(Severity s) const { return !input_error && !waived && severity == s; }
};

struct FileResult {
  std::string path;
  std::optional<std::string> sha256;  // none when the file could not be read
  const City* city = nullptr;         // the registry's city, when the file names a known one
  bool checked = false;               // false: an input error stopped it
  bool duplicate = false;             // another file names the same city: the city is non-compliant
  std::vector<Finding> findings;      // input errors and findings, by position
  std::vector<Waiver> waivers;        // the file's waivers, for the ledger
  std::vector<std::string> imports;   // the baselines it imports, directly or not, by precedence
  std::vector<ProvisionState> provisions;  // the coverage view's row (checked files)
  std::shared_ptr<const PolicyProvenance> provenance;  // document, 核实 level, 来源 (diag/provenance.hpp)
  // The pathway graph (Options::graph): Graphviz DOT, and SVG once laid out
  // (Options::lay_out) when Graphviz is installed.
  std::string graph_dot;
  std::optional<std::string> graph_svg;
  std::string graph_error;  // why there is no SVG
};

// A file that policies import (a provincial baseline): hashed like the
// inputs, with the policies that import it.
struct ImportedBaseline {
  std::string path;
  std::optional<std::string> sha256;
  std::vector<std::string> importers;  // policy files, sorted
};

// A finding of the baseline audit that this audit no longer has (fixed), or
// whose city this audit could not check (unverified).
struct PastFinding {
  std::string city_code, city_name_zh, city_name_en, file;
  Finding finding;
};

struct HashedFile {
  std::string path;
  std::optional<std::string> sha256;
};

// A start-up snapshot and the SHA-256 of its content (cache::content_sha256:
// its stamps, rewritten in place, left out), of the bytes the run used.
struct SnapshotUsed {
  std::string path;
  std::optional<std::string> content_sha256;
};

// A city that two or more files name: all of them, in report order.
struct DuplicateCity {
  const City* city = nullptr;
  std::vector<std::string> paths;
};

struct Provenance {
  std::string luohu_version;
  std::string pack_name, pack_version, pack_seed;
  std::vector<HashedFile> rule_files;
  HashedFile registry;
  std::string registry_version;
  std::vector<std::string> inputs;    // the folders and files as given
  std::optional<HashedFile> baseline;
  std::string as_of;  // the date whose rules were applied (--as-of; today by default), or "effective"
  std::vector<std::string> documents;  // the national documents applied, as findings cite them
  std::string impact;  // --impact DATE: the audit compares the rules of DATE with the day before
  // The start-up snapshot the registry and rules were read from (none: the YAML).
  std::optional<SnapshotUsed> snapshot;
};

struct AuditResult {
  Provenance provenance;
  // By province (code prefix), city code, path: the city each file names.
  // Empty when the audit was streamed (Options::consume).
  std::vector<FileResult> files;
  std::vector<const City*> missing;    // expected registry cities with no policy, by code
  Expect expect = Expect::prefecture;
  std::vector<DuplicateCity> duplicates;  // by city code
  std::vector<PastFinding> past;       // from the baseline: fixed or unverified
  std::vector<ImportedBaseline> imports;  // by path
  std::size_t parsed_files = 0;        // files read and parsed, each once however many import it
  bool baseline = false;
  // Counted as each file passes, so that they hold when the files are not kept.
  std::size_t file_count = 0, unchecked_files = 0;
  std::size_t errors = 0, warnings = 0, notes = 0;  // findings that count (not input errors, not waived) in checked files

  std::size_t unchecked() const { return unchecked_files; }
  std::size_t count(Severity s) const;  // findings (not input errors) in checked files
  void tally(const FileResult& file);  // adds one file to the counts above
  // 0 no error finding; 1 some; 2 some file could not be checked (as `luohu
  // check`) or a city has two policy files.
  int exit_code() const;
};

struct Options {
  unsigned jobs = 0;  // 0: hardware concurrency
  Expect expect = Expect::prefecture;
  // Called after each file, in report order, never concurrently.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Called with each file in report order, never concurrently, once its
  // findings are final (duplicates marked): a baseline comparison marks them
  // here, a summary counts them (audit/summary.hpp Summarizer).
  std::function<void(FileResult& file)> in_order;
  // Streaming. `prepare` is called after `in_order`, on worker threads and
  // concurrently (a report renders the file's entry); `consume` then takes the
  // file and what `prepare` returned, in report order, never concurrently.
  // With `consume` set, AuditResult::files stays empty: an audit of 10,000
  // cities holds a few files' findings at a time, not all of them.
  std::function<std::string(const FileResult& file)> prepare;
  std::function<void(FileResult&& file, std::string&& prepared)> consume;
  // Called with each checked city's merged policy and findings, from worker
  // threads, while the audit still holds the policy (it keeps findings, never
  // policies); the text returned is kept as FileResult::graph_dot. The HTML
  // report passes its pathway picture (report/dot.hpp): the audit draws nothing.
  std::function<std::string(PolicyModel& policy, const std::vector<Diagnostic>& findings)> graph;
  // Called once with every file's result, when the files are kept (no
  // `consume`): the HTML report lays the graphs out here, in one Graphviz run
  // (report/audit_reports.hpp lay_out_graphs).
  std::function<void(std::vector<FileResult>& files)> lay_out;
};

// Checks `files` (see discover.hpp) and lists the registry's cities without a
// policy. Every file is read and parsed once (in parallel), with the files
// they import (compose/imports.hpp); a file that others import and that names
// no city is a baseline, not a city's policy: its findings are reported in
// each policy importing it. The report order and the duplicates are decided
// by the city each file's own 城市 statement names, before any is checked.
AuditResult run(const Checker& checker, const std::vector<std::string>& files, const Options& options = {});

// Fills in provenance: versions and SHA-256 of the registry and the rule
// files. `known`: digests already taken of them (Setup::digests, path and
// SHA-256), used instead of reading a file again; a file not among them is hashed.
Provenance provenance(const Registry& registry, const RulePack& rules, std::vector<std::string> inputs,
                      const std::vector<std::pair<std::string, std::string>>& known = {});

// The key that recognises a finding across audits: city (or path), rule and
// clause text with whitespace collapsed; the line number is left out.
std::string finding_key(const std::string& city_or_path, const std::string& rule, const std::string& clause);

}  // namespace luohu::audit
