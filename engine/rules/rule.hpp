// A rule of the pack, loaded from YAML: its identity, the seed task it
// enforces (quoted), where it applies, and what it forbids or requires as
// predicate expressions. The engine holds no rule-specific code.
#pragma once

#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"

namespace YAML {
class Node;
}
#include "predicate/predicate.hpp"
#include "util/data_file.hpp"
#include "util/load_error.hpp"

namespace luohu {

struct RuleExample {
  std::string name;
  bool bad = false;  // expect at least one finding of this rule; good: none
  std::string policy;
  int line = 0;  // in the rule file, where the policy text starts
  // A bad example's findings of this rule, as "line:column" in the policy text
  // (1-based, columns in code points): the test holds them exactly, as ESLint's
  // RuleTester holds an invalid case's positions.
  std::vector<std::string> at;
};

// What a national text says a term of a reading means: its defining sentence,
// verbatim, with the document and where it was read; or, with no document,
// the statement that no national text defines the term (note says so).
struct Definition {
  std::string term;      // the term, as the national texts write it
  std::string document;  // e.g. 国发〔2014〕25号（四）; empty: no national text defines it
  std::string quote;     // the defining sentence
  std::string source;    // a stored text under rules/ (tests check the quote in it), or an address
  Message note;          // what the reading takes from it, or why there is none
  int line = 0;
};

// Reads a `definitions:` list (a rule's, or a shared reading's).
std::vector<Definition> read_definitions(const YAML::Node& list, const std::string& path, std::vector<LoadError>& errors);

// A national document rules cite (rules/documents/<id>.yaml): when it was
// signed, published and in force, and how far its text was read.
struct NationalDocument {
  std::string id;      // e.g. guobanfa-2016-72 (the file's stem)
  std::string number;  // 文号, e.g. 国办发〔2016〕72号
  std::string title, issuer;
  std::string signed_on, published, in_force;  // YYYY-MM-DD or "unknown"
  std::string verification;                    // primary | reprint | news
  std::string text;                            // its stored text, relative to the rules directory's parent
  Message note;                                // how the dates and the verification were read
  std::string path;
  int line = 0;
};

// When a rule binds: from a date until (exclusive) the date a later document
// replaces it; `reading` says why it stops, or why it continues.
struct InForce {
  std::string from;           // YYYY-MM-DD
  std::string until;          // YYYY-MM-DD; empty: still in force
  std::string superseded_by;  // a document id; empty when none
  Message reading;
  bool on(const std::string& date) const { return from <= date && (until.empty() || date < until); }
};

// A rule's predicates and message templates, compiled from their texts.
struct CompiledRule {
  std::optional<predicate::Expression> forbid;   // list of offending objects
  std::optional<predicate::Expression> require;  // bool
  std::optional<predicate::Expression> blame;    // list of objects, when require fails
  predicate::Template message_zh{{}};
  predicate::Template message_en{{}};
  bool reads_pathways = false;  // one of them reads a pathway field (model/policy.hpp)
  bool ok = false;              // false: a text did not compile (then evaluation refuses the rule)
};

// A CompiledRule made once, by the first caller; a copy carries it if made.
class LazyCompiled {
 public:
  LazyCompiled() = default;
  LazyCompiled(const LazyCompiled& other) { copy_from(other); }
  LazyCompiled& operator=(const LazyCompiled& other) {
    if (this != &other) copy_from(other);
    return *this;
  }
  // noexcept, so a vector of rules moves them when it grows instead of copying.
  LazyCompiled(LazyCompiled&& other) noexcept
      : done_(other.done_.load(std::memory_order_acquire)), value_(std::move(other.value_)) {}
  LazyCompiled& operator=(LazyCompiled&& other) noexcept {
    value_ = std::move(other.value_);
    done_.store(other.done_.load(std::memory_order_acquire), std::memory_order_release);
    return *this;
  }
  template <typename Compile>
  const CompiledRule& get(Compile compile) const {
    if (!done_.load(std::memory_order_acquire)) {
      std::lock_guard lock(mutex_);
      if (!done_.load(std::memory_order_relaxed)) {
        value_ = compile();
        done_.store(true, std::memory_order_release);
      }
    }
    return value_;
  }
  bool done() const { return done_.load(std::memory_order_acquire); }
  void set(CompiledRule value) {
    std::lock_guard lock(mutex_);
    value_ = std::move(value);
    done_.store(true, std::memory_order_release);
  }

 private:
  void copy_from(const LazyCompiled& other) {
    std::scoped_lock lock(mutex_, other.mutex_);
    value_ = other.value_;
    done_.store(other.done_.load(std::memory_order_relaxed), std::memory_order_release);
  }
  mutable std::mutex mutex_;
  mutable std::atomic<bool> done_{false};
  mutable CompiledRule value_;
};

struct Rule {
  std::string id;
  int task = 0;             // the seed task it enforces; 0 for a rule of a later document
  std::string quote;        // the sentence it enforces, verbatim from its document
  std::string document;     // the id of the document it cites (rules/documents/)
  std::string basis;        // how findings cite that document: its number, marked when read only in news
  InForce in_force;
  std::string responsible;  // 主要责任单位 of the task
  Severity severity = Severity::error;
  Message title;
  Message reading;  // the interpretation taken, in words
  std::vector<std::string> tiers;   // empty = every tier
  std::vector<std::string> levels;  // empty = every level
  // for_each: each binding list yields one evaluation per value.
  std::vector<std::pair<std::string, std::vector<Value>>> for_each;
  // The predicates' and message templates' source; exactly one of forbid and require is set.
  std::string forbid_text, require_text, blame_text;
  std::string message_zh_text, message_en_text;
  // What they compile to. Compiled when the rule is loaded from YAML (its
  // errors reported there), else on first use: a rule from the start-up
  // snapshot is compiled only if a check applies it (a check of one city
  // skips the rules for other tiers and dates). Safe from many threads.
  const CompiledRule& compiled() const;
  void set_compiled(CompiledRule c) { compiled_.set(std::move(c)); }
  bool compiled_yet() const { return compiled_.done(); }  // tests: what a check compiled
  std::vector<RuleExample> examples;
  std::vector<std::string> readings;  // ids of pack-wide readings it relies on
  std::vector<Definition> definitions;  // the national definitions its reading follows
  std::string path;
  int line = 0;

 private:
  LazyCompiled compiled_;
};

// Calls f once per combination of the rule's for_each bindings, each bound in
// env.variables under its name (what the checker evaluates a rule under).
template <typename F>
void for_each_binding(const Rule& rule, predicate::Environment& env, F&& f, std::size_t i = 0) {
  if (i == rule.for_each.size()) {
    f();
    return;
  }
  const auto& [name, values] = rule.for_each[i];
  for (const auto& v : values) {
    env.variables[name] = v;
    for_each_binding(rule, env, f, i + 1);
  }
}

// One task of the seed, as rules/tasks.yaml records it: enforced by rules,
// or not checkable on a city's policy text (with the reason).
struct TaskEntry {
  int number = 0;
  int section = 0;            // 1..SeedShape::sections, the seed's (一)…(十五)
  std::string section_title;  // verbatim
  std::string text;           // verbatim
  std::string responsible;    // 主要责任单位, verbatim
  bool enforced = false;
  Message reason;  // why not checkable
  int line = 0;
};

// The shape of the seed's task list, as tasks.yaml states it (`shape:`):
// how many tasks and sections it has, and the prefix of the ids of the rules
// that enforce a task (T7-… enforces task 7). The engine holds no count of its own.
struct SeedShape {
  int tasks = 0;
  int sections = 0;
  std::string rule_prefix;
};

// An interpretive choice shared by several rules ("以下 excludes its bound").
struct Reading {
  std::string id;
  Message text;
  std::vector<Definition> definitions;
};

struct RulePack {
  std::string name;
  std::string version;
  std::string seed;         // the id of the document whose task list tasks.yaml records (pack.yaml seed)
  std::string seed_number;  // that document's number
  std::vector<NationalDocument> documents;  // by date in force, then id
  std::vector<Rule> rules;
  std::vector<TaskEntry> tasks;     // from tasks.yaml; empty when the pack has none
  SeedShape seed_shape;             // from tasks.yaml
  std::vector<Reading> readings;    // from tasks.yaml
  std::vector<std::string> files;  // every file read, for reproducibility
  const Rule* find(const std::string& id) const;
  const NationalDocument* document(const std::string& id) const;
  const TaskEntry* task(int number) const;
  const Reading* reading(const std::string& id) const;
};

// How a finding of `rule` cites its national text: "<number> 任务N：“…”" for a
// task of the seed, "<number>：“…”" otherwise (diag/diagnostic.hpp task_citation).
Message rule_citation(const Rule& rule);

// The documents a check as of `as_of` applies, named as findings cite them:
// those a rule in force that day cites, by date; for "effective" (each
// policy's own 施行日期) every document of the pack.
std::vector<std::string> documents_applied(const RulePack& pack, const std::string& as_of);

// A rule's own definitions, then those of the shared readings it cites, each once.
std::vector<const Definition*> definitions_of(const Rule& rule, const RulePack& pack);

// Reads tasks.yaml (the seed's shape, its tasks and the shared readings) into the pack.
void load_tasks_text(const std::string& text, const std::string& path, RulePack& pack, std::vector<LoadError>& errors);
// Every rule's task is enforced, every enforced task has a rule, every
// reading a rule cites exists. Errors point at tasks.yaml or the rule.
void check_task_coverage(const RulePack& pack, const std::string& tasks_path, std::vector<LoadError>& errors);

// Loads rules/pack.yaml, every rules/*.yaml beside it, the documents in
// rules/documents/ and the later documents' rules in rules/dated/. All-or-nothing:
// one bad rule refuses the whole pack.
std::optional<RulePack> load_rule_pack(const std::string& directory, std::vector<LoadError>& errors);
// The same in two steps, so a caller can hash the very bytes it loads:
// every *.yaml of the directory, sorted by name (nullopt if no directory), read...
std::optional<std::vector<std::string>> list_rule_files(const std::string& directory, std::vector<LoadError>& errors);
std::optional<std::vector<DataFile>> read_rule_files(const std::string& directory, std::vector<LoadError>& errors);
// ...and the pack from those texts.
std::optional<RulePack> load_rule_pack_files(const std::string& directory, const std::vector<DataFile>& files,
                                             std::vector<LoadError>& errors);
// Compiles a rule's predicates and message templates from its source texts
// (the start-up snapshot stores texts, not syntax trees): what
// Rule::compiled() does on first use. ok is false when one does not compile.
CompiledRule compile_rule_texts(const Rule& rule);
// One rule from YAML text (tests, fuzzing).
std::optional<Rule> load_rule_text(const std::string& text, const std::string& path, std::vector<LoadError>& errors);

}  // namespace luohu
