#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "model/policy.hpp"
#include "model/vocabulary.hpp"
#include "rules/documents.hpp"
#include "rules/rule.hpp"
#include "util/yaml_text.hpp"

namespace luohu {

const Rule* RulePack::find(const std::string& id) const {
  for (const auto& r : rules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const TaskEntry* RulePack::task(int number) const {
  for (const auto& t : tasks) {
    if (t.number == number) return &t;
  }
  return nullptr;
}

const Reading* RulePack::reading(const std::string& id) const {
  for (const auto& r : readings) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

namespace {

namespace fs = std::filesystem;

class RuleReader {
 public:
  RuleReader(const std::string& text, std::string path, std::vector<LoadError>& errors)
      : path_(std::move(path)), errors_(errors) {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines_.push_back(line);
  }

  void error(const YAML::Mark& mark, Message m) {
    errors_.push_back({path_, mark.line + 1, mark.column + 1, std::move(m)});
  }
  void error(const YAML::Node& node, Message m) { error(node.Mark(), std::move(m)); }

  std::optional<std::string> string(const YAML::Node& parent, const char* key, bool required = true) {
    YAML::Node n = parent[key];
    if (!n) {
      if (required) error(parent, {fmt::format("规则缺少字段“{}”", key), fmt::format("the rule has no '{}' field", key)});
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      error(n, {fmt::format("字段“{}”应为文本", key), fmt::format("field '{}' must be text", key)});
      return std::nullopt;
    }
    return n.Scalar();
  }

  Message message(const YAML::Node& parent, const char* key, bool required = true) {
    YAML::Node n = parent[key];
    Message m;
    if (!n) {
      if (required) error(parent, {fmt::format("规则缺少字段“{}”", key), fmt::format("the rule has no '{}' field", key)});
      return m;
    }
    if (!n.IsMap()) {
      error(n, {fmt::format("字段“{}”应为 {{zh: …, en: …}}", key), fmt::format("field '{}' must be {{zh: ..., en: ...}}", key)});
      return m;
    }
    if (auto zh = string(n, "zh")) m.zh = *zh;
    if (auto en = string(n, "en")) m.en = *en;
    return m;
  }

  std::vector<std::string> ids(const YAML::Node& parent, const char* key, Vocabulary v) {
    std::vector<std::string> out;
    YAML::Node n = parent[key];
    if (!n) return out;
    if (!n.IsSequence()) {
      error(n, {fmt::format("“{}”应为列表", key), fmt::format("'{}' must be a list", key)});
      return out;
    }
    for (const auto& item : n) {
      const Term* t = item.IsScalar() ? find_term(v, item.Scalar()) : nullptr;
      if (!t || t->id != item.Scalar()) {
        error(item, {fmt::format("未知的{}“{}”", vocabulary_name(v, Lang::zh), item.IsScalar() ? item.Scalar() : "…"),
                     fmt::format("unknown {} '{}'", vocabulary_name(v, Lang::en), item.IsScalar() ? item.Scalar() : "...")});
        continue;
      }
      out.push_back(t->id);
    }
    return out;
  }

  // Where the text of a scalar starts: the line after a block indicator.
  std::pair<int, int> content_start(const YAML::Node& n) const {
    int line = n.Mark().line;  // 0-based
    int column = n.Mark().column;
    if (line >= 0 && line < static_cast<int>(lines_.size())) {
      const std::string& l = lines_[line];
      auto c = static_cast<std::size_t>(column);
      if (c < l.size() && (l[c] == '|' || l[c] == '>')) {
        int next = line + 1;
        if (next < static_cast<int>(lines_.size())) {
          const std::string& content = lines_[next];
          int indent = static_cast<int>(content.find_first_not_of(' '));
          return {next, indent < 0 ? 0 : indent};
        }
      }
      if (c < l.size() && (l[c] == '"' || l[c] == '\'')) return {line, column + 1};
    }
    return {line, column};
  }

  void predicate_errors(const YAML::Node& n, const std::vector<predicate::Error>& errs, const char* what) {
    auto [line, column] = content_start(n);
    for (const auto& e : errs) {
      int l = line + static_cast<int>(e.line);
      int c = (e.line == 1 ? column : content_start(n).second) + static_cast<int>(e.column);
      errors_.push_back({path_, l, c, {fmt::format("{}中的谓词有误：{}", what, e.message),
                                       fmt::format("in {}: {}", what, e.message)}});
    }
  }

  std::optional<predicate::Expression> expression(const YAML::Node& rule, const char* key, const predicate::Scope& scope,
                                                  std::string& text_out) {
    YAML::Node n = rule[key];
    if (!n) return std::nullopt;
    if (!n.IsScalar()) {
      error(n, {fmt::format("“{}”应为谓词文本", key), fmt::format("'{}' must be predicate text", key)});
      return std::nullopt;
    }
    text_out = n.Scalar();
    auto result = predicate::compile(n.Scalar(), policy_schema(), scope);
    if (!result.errors.empty()) {
      predicate_errors(n, result.errors, key);
      return std::nullopt;
    }
    return result.expression;
  }

  std::optional<predicate::Template> message_template(const YAML::Node& n, const predicate::Scope& scope) {
    if (!n || !n.IsScalar()) return std::nullopt;
    auto result = predicate::compile_template(n.Scalar(), policy_schema(), scope);
    if (!result.errors.empty()) {
      predicate_errors(n, result.errors, "message");
      return std::nullopt;
    }
    return result.value;
  }

  const std::string& path() const { return path_; }
  std::vector<LoadError>& errors() { return errors_; }

 private:
  std::string path_;
  std::vector<LoadError>& errors_;
  std::vector<std::string> lines_;
};

bool is_object_list(const Type& t) {
  return t.kind == Type::Kind::List && t.element && t.element->kind == Type::Kind::Object;
}

// policy, city, and each for_each binding: a number if any of its values is one.
predicate::Scope base_scope(const Rule& rule) {
  predicate::Scope scope{{"policy", Type::object_of("policy")}, {"city", Type::object_of("city")}};
  for (const auto& [name, values] : rule.for_each) {
    bool number = std::any_of(values.begin(), values.end(), [](const Value& v) { return v.is_number(); });
    scope[name] = number ? Type::number() : Type::string();
  }
  return scope;
}

// What `it` is in the message: the offending object (forbid), any (blame:
// the object, or the policy when the list is empty), else the policy.
Type it_type(const CompiledRule& rule) {
  if (rule.blame && is_object_list(rule.blame->type())) return Type::any();
  if (rule.forbid && is_object_list(rule.forbid->type())) return *rule.forbid->type().element;
  return Type::object_of("policy");
}

// Whether any of a rule's predicates or templates reads a pathway field (the
// checker runs the pathway analysis first for those).
bool reads_pathway_field(const CompiledRule& c) {
  return (c.forbid && predicate::may_read(*c.forbid, reads_pathways)) ||
         (c.require && predicate::may_read(*c.require, reads_pathways)) ||
         (c.blame && predicate::may_read(*c.blame, reads_pathways)) || predicate::may_read(c.message_zh, reads_pathways) ||
         predicate::may_read(c.message_en, reads_pathways);
}

const std::set<std::string> kRuleKeys = {"id",      "task",      "quote",   "document", "in_force", "responsible",
                                         "severity", "title",    "reading", "applies_to", "for_each", "forbid",
                                         "require", "blame",     "message", "examples", "readings", "definitions"};

bool is_date(const std::string& s) {
  static const std::regex pattern("[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");
  return std::regex_match(s, pattern);
}

// in_force: {from: DATE, until: DATE|null, superseded_by: ID|null, reading: {zh, en}}
void read_in_force(const YAML::Node& node, RuleReader& r, InForce& out) {
  YAML::Node n = node["in_force"];
  if (!n || !n.IsMap()) {
    r.error(n ? n : node, {"规则缺少 in_force: {from, until, superseded_by, reading}（何时起适用、何时为何失效）",
                           "the rule needs in_force: {from, until, superseded_by, reading} (when it binds, and when and why it stops)"});
    return;
  }
  for (auto kv : n) {
    const std::string key = kv.first.Scalar();
    if (key != "from" && key != "until" && key != "superseded_by" && key != "reading")
      r.error(kv.first, {fmt::format("未知的 in_force 字段“{}”", key), fmt::format("unknown in_force field '{}'", key)});
  }
  auto date = [&](const char* key, std::string& into, bool required) {
    YAML::Node d = n[key];
    if (!d || d.IsNull()) {
      if (required) r.error(n, {fmt::format("in_force 缺少 {}", key), fmt::format("in_force has no {}", key)});
      return;
    }
    if (!d.IsScalar() || !is_date(d.Scalar())) {
      r.error(d, {fmt::format("in_force.{} 应为 YYYY-MM-DD 日期", key), fmt::format("in_force.{} must be a YYYY-MM-DD date", key)});
      return;
    }
    into = d.Scalar();
  };
  date("from", out.from, true);
  date("until", out.until, false);
  if (!out.until.empty() && !out.from.empty() && out.until <= out.from)
    r.error(n["until"], {"in_force.until 应晚于 from", "in_force.until must be after from"});
  if (YAML::Node sb = n["superseded_by"]; sb && !sb.IsNull()) {
    if (sb.IsScalar()) out.superseded_by = sb.Scalar();
    else r.error(sb, {"superseded_by 应为文件编号", "superseded_by must be a document id"});
  }
  if (!out.superseded_by.empty() && out.until.empty())
    r.error(n, {"有 superseded_by 时须写 until（被替代之日）", "superseded_by needs until (the day it is replaced)"});
  out.reading = r.message(n, "reading");
}

std::optional<Rule> read_rule(const YAML::Node& node, RuleReader& r) {
  Rule rule;
  rule.path = r.path();
  rule.line = node.Mark().line + 1;
  if (!node.IsMap()) {
    r.error(node, {"规则应为映射", "a rule must be a map"});
    return std::nullopt;
  }
  for (auto kv : node) {
    if (!kRuleKeys.count(kv.first.Scalar()))
      r.error(kv.first, {fmt::format("未知的规则字段“{}”", kv.first.Scalar()),
                         fmt::format("unknown rule field '{}'", kv.first.Scalar())});
  }
  if (auto id = r.string(node, "id")) {
    // A letter and a number, then words: T<task>-… for a task of the seed (the prefix is tasks.yaml's
    // shape, checked with the tasks), D<year>-… for a sentence of a later document.
    static const std::regex pattern("[A-Z][0-9]{1,4}[A-Z]?-[A-Z0-9-]+");
    if (!std::regex_match(*id, pattern))
      r.error(node["id"], {fmt::format("规则编号“{}”应形如 T7-PURCHASE 或 D2019-TYPE2-NO-LIMITS", *id),
                           fmt::format("rule id '{}' must look like T7-PURCHASE or D2019-TYPE2-NO-LIMITS", *id)});
    rule.id = *id;
  }
  if (node["task"]) {
    try {
      rule.task = node["task"].as<int>();
      if (rule.task < 1) throw YAML::Exception(node["task"].Mark(), "range");
    } catch (const YAML::Exception&) {
      r.error(node["task"], {"task 应为种子任务的序号（正整数）", "task must be the number of a seed task (a positive integer)"});
    }
  }
  if (auto q = r.string(node, "quote")) rule.quote = *q;
  if (auto d = r.string(node, "document")) rule.document = *d;
  read_in_force(node, r, rule.in_force);
  if (auto s = r.string(node, "responsible")) rule.responsible = *s;
  if (auto s = r.string(node, "severity")) {
    if (auto severity = severity_from_name(*s)) rule.severity = *severity;
    else r.error(node["severity"], {"severity 应为 error、warning 或 note", "severity must be error, warning or note"});
  }
  rule.title = r.message(node, "title");
  rule.reading = r.message(node, "reading");
  if (YAML::Node a = node["applies_to"]) {
    rule.tiers = r.ids(a, "tiers", Vocabulary::tier);
    rule.levels = r.ids(a, "levels", Vocabulary::level);
  }

  if (YAML::Node each = node["for_each"]) {
    if (!each.IsMap()) {
      r.error(each, {"for_each 应为 名称: [值…] 的映射", "for_each must map a name to a list of values"});
    } else {
      for (auto kv : each) {
        std::vector<Value> values;
        if (!kv.second.IsSequence() || kv.second.size() == 0) {
          r.error(kv.second, {"for_each 的值应为非空列表", "a for_each binding must be a non-empty list"});
          continue;
        }
        for (const auto& v : kv.second) {
          try {
            values.emplace_back(v.as<double>());
          } catch (const YAML::Exception&) {
            values.emplace_back(v.Scalar());
          }
        }
        rule.for_each.emplace_back(kv.first.Scalar(), std::move(values));
      }
    }
  }
  predicate::Scope scope = base_scope(rule);

  CompiledRule compiled;
  compiled.forbid = r.expression(node, "forbid", scope, rule.forbid_text);
  compiled.require = r.expression(node, "require", scope, rule.require_text);
  compiled.blame = r.expression(node, "blame", scope, rule.blame_text);
  bool has_forbid = static_cast<bool>(node["forbid"]), has_require = static_cast<bool>(node["require"]);
  if (has_forbid == has_require)
    r.error(node, {"规则须恰有 forbid 或 require 之一", "a rule needs exactly one of forbid and require"});
  if (node["blame"] && !has_require)
    r.error(node["blame"], {"blame 只与 require 一起使用", "blame goes with require"});

  if (compiled.forbid && !is_object_list(compiled.forbid->type()))
    r.error(node["forbid"], {fmt::format("forbid 应得出模型对象的列表，而非 {}", compiled.forbid->type().to_string()),
                             fmt::format("forbid must yield a list of model objects, not {}", compiled.forbid->type().to_string())});
  if (compiled.require && compiled.require->type().kind != Type::Kind::Bool)
    r.error(node["require"], {fmt::format("require 应为布尔值，而非 {}", compiled.require->type().to_string()),
                              fmt::format("require must be a bool, not {}", compiled.require->type().to_string())});
  if (compiled.blame && !is_object_list(compiled.blame->type()))
    r.error(node["blame"], {"blame 应得出模型对象的列表", "blame must yield a list of model objects"});
  scope["it"] = it_type(compiled);

  YAML::Node msg = node["message"];
  if (!msg || !msg.IsMap() || !msg["zh"] || !msg["en"]) {
    r.error(msg ? msg : node, {"规则须有 message: {zh: …, en: …}", "the rule needs message: {zh: ..., en: ...}"});
  } else {
    if (msg["zh"].IsScalar()) rule.message_zh_text = msg["zh"].Scalar();
    if (msg["en"].IsScalar()) rule.message_en_text = msg["en"].Scalar();
    if (auto t = r.message_template(msg["zh"], scope)) compiled.message_zh = *t;
    if (auto t = r.message_template(msg["en"], scope)) compiled.message_en = *t;
  }
  compiled.reads_pathways = reads_pathway_field(compiled);
  compiled.ok = true;  // any error above refuses the whole pack
  rule.set_compiled(std::move(compiled));

  if (YAML::Node rd = node["readings"]) {
    if (!rd.IsSequence()) r.error(rd, {"readings 应为解读编号的列表", "readings must be a list of reading ids"});
    else
      for (const auto& item : rd) rule.readings.push_back(item.Scalar());
  }

  if (YAML::Node defs = node["definitions"]) rule.definitions = read_definitions(defs, r.path(), r.errors());

  YAML::Node examples = node["examples"];
  bool any_bad = false, any_good = false;
  if (examples && examples.IsSequence()) {
    for (const auto& ex : examples) {
      if (!ex.IsMap()) {
        r.error(ex, {"每个示例应为映射（name、expect、policy）", "each example must be a map (name, expect, policy)"});
        continue;
      }
      RuleExample e;
      if (auto name = r.string(ex, "name")) e.name = *name;
      if (auto expect = r.string(ex, "expect")) {
        if (*expect != "bad" && *expect != "good")
          r.error(ex["expect"], {"expect 应为 bad 或 good", "expect must be bad or good"});
        e.bad = *expect == "bad";
      }
      if (auto policy = r.string(ex, "policy")) {
        e.policy = *policy;
        e.line = r.content_start(ex["policy"]).first + 1;
      }
      if (YAML::Node at = ex["at"]) {
        static const std::regex position("[1-9][0-9]*:[1-9][0-9]*");
        if (!at.IsSequence()) r.error(at, {"at 应为“行:列”的列表，如 [\"5:7\"]", "at must be a list of \"line:column\", e.g. [\"5:7\"]"});
        for (const auto& p : at) {
          if (!p.IsScalar() || !std::regex_match(p.Scalar(), position)) {
            r.error(p, {"at 应为“行:列”的列表，如 [\"5:7\"]", "at must be a list of \"line:column\", e.g. [\"5:7\"]"});
            continue;
          }
          e.at.push_back(p.Scalar());
        }
      }
      (e.bad ? any_bad : any_good) = true;
      rule.examples.push_back(std::move(e));
    }
  }
  if (!any_bad || !any_good)
    r.error(examples ? examples : node, {"规则须至少有一个 bad 和一个 good 示例", "a rule needs at least one bad and one good example"});
  return rule;
}

}  // namespace

std::vector<const Definition*> definitions_of(const Rule& rule, const RulePack& pack) {
  std::vector<const Definition*> out;
  auto add = [&](const Definition& d) {
    for (const Definition* seen : out) {
      if (seen->term == d.term && seen->document == d.document && seen->quote == d.quote) return;
    }
    out.push_back(&d);
  };
  for (const auto& d : rule.definitions) add(d);
  for (const auto& id : rule.readings) {
    if (const Reading* rd = pack.reading(id))
      for (const auto& d : rd->definitions) add(d);
  }
  return out;
}

std::vector<Definition> read_definitions(const YAML::Node& list, const std::string& path, std::vector<LoadError>& errors) {
  std::vector<Definition> out;
  auto error = [&](const YAML::Node& n, Message m) {
    errors.push_back({path, n.Mark().line + 1, n.Mark().column + 1, std::move(m)});
  };
  if (!list.IsSequence()) {
    error(list, {"definitions 应为列表", "definitions must be a list"});
    return out;
  }
  auto text = [](const YAML::Node& n, const char* key) {
    return n[key] && n[key].IsScalar() ? n[key].Scalar() : std::string();
  };
  for (const auto& n : list) {
    if (!n.IsMap()) {
      error(n, {"每条定义应为映射（term、document、quote、source、note）",
                "each definition must be a map (term, document, quote, source, note)"});
      continue;
    }
    Definition d;
    d.line = n.Mark().line + 1;
    d.term = text(n, "term");
    d.document = text(n, "document");
    d.quote = text(n, "quote");
    d.source = text(n, "source");
    if (YAML::Node note = n["note"]; note && note.IsMap()) d.note = {text(note, "zh"), text(note, "en")};
    for (auto kv : n) {
      const std::string& key = kv.first.Scalar();
      if (key != "term" && key != "document" && key != "quote" && key != "source" && key != "note")
        error(kv.first, {fmt::format("未知的定义字段“{}”", key), fmt::format("unknown definition field '{}'", key)});
    }
    if (d.term.empty()) error(n, {"定义缺少 term", "a definition needs a term"});
    if (!d.document.empty() && (d.quote.empty() || d.source.empty()))
      error(n, {"有 document 的定义须有 quote（原文）与 source（读自何处）",
                "a definition with a document needs its quote and the source it was read from"});
    if (d.document.empty() && (d.note.zh.empty() || d.note.en.empty()))
      error(n, {"没有国家文件定义的术语须以 note: {zh, en} 说明", "a term no national text defines needs note: {zh, en} saying so"});
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<Rule> load_rule_text(const std::string& text, const std::string& path, std::vector<LoadError>& errors) {
  std::size_t before = errors.size();
  auto parsed = parse_yaml(text, path, errors);
  if (!parsed) return std::nullopt;
  YAML::Node root = *parsed;
  RuleReader reader(text, path, errors);
  std::optional<Rule> rule;
  try {
    rule = read_rule(root, reader);
  } catch (const YAML::Exception& e) {  // e.g. a key looked up in a scalar where a map belongs (found by fuzz_rule)
    errors.push_back({path, e.mark.line + 1, e.mark.column + 1, {"规则结构有误：" + e.msg, "malformed rule: " + e.msg}});
  }
  if (errors.size() != before) return std::nullopt;
  return rule;
}

std::optional<std::vector<std::string>> list_rule_files(const std::string& directory, std::vector<LoadError>& errors) {
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) {
    errors.push_back({directory, 0, 0, {"规则目录不存在", "the rules directory does not exist"}});
    return std::nullopt;
  }
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(directory, ec)) {
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
  }
  // The national documents, and the rules of the documents after the seed.
  for (const char* sub : {kDocumentsFolder, kDatedRulesFolder}) {
    for (const auto& entry : fs::directory_iterator(fs::path(directory) / sub, ec)) {
      if (entry.path().extension() == ".yaml") paths.push_back(entry.path());
    }
    ec.clear();
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> out;
  for (const auto& p : paths) out.push_back(p.string());
  return out;
}

std::optional<std::vector<DataFile>> read_rule_files(const std::string& directory, std::vector<LoadError>& errors) {
  auto paths = list_rule_files(directory, errors);
  if (!paths) return std::nullopt;
  std::vector<DataFile> files;
  for (const auto& p : *paths) files.push_back({p, read_file(p).value_or("")});
  return files;
}

std::optional<RulePack> load_rule_pack(const std::string& directory, std::vector<LoadError>& errors) {
  auto files = read_rule_files(directory, errors);
  if (!files) return std::nullopt;
  return load_rule_pack_files(directory, *files, errors);
}

std::optional<RulePack> load_rule_pack_files(const std::string& directory, const std::vector<DataFile>& files,
                                             std::vector<LoadError>& errors) {
  std::size_t before = errors.size();
  RulePack pack;
  bool have_pack = false;
  std::string tasks_path;
  std::set<std::string> ids;
  for (const auto& data : files) {
    fs::path file(data.path);
    const std::string& text = data.text;
    pack.files.push_back(file.string());
    if (file.filename() == "tasks.yaml") {
      tasks_path = file.string();
      load_tasks_text(text, tasks_path, pack, errors);
      continue;
    }
    if (file.parent_path().filename() == kDocumentsFolder) {
      if (auto doc = load_document_text(text, file.string(), errors)) pack.documents.push_back(std::move(*doc));
      continue;
    }
    if (file.filename() == "pack.yaml") {
      have_pack = true;
      if (auto root = parse_yaml(text, file.string(), errors)) {
        const YAML::Node& map = *root;
        auto scalar = [&](const char* key) {
          if (!map.IsMap()) return std::string();
          YAML::Node n = map[key];
          return n && n.IsScalar() ? n.Scalar() : std::string();
        };
        pack.name = scalar("name");
        pack.version = scalar("version");
        pack.seed = scalar("seed");
        if (pack.version.empty())
          errors.push_back({file.string(), 1, 1, {"pack.yaml 缺少 version", "pack.yaml has no version"}});
        if (pack.seed.empty())  // tasks.yaml is its task list: the engine holds no document of its own
          errors.push_back({file.string(), 1, 1, {"pack.yaml 缺少 seed（种子文件的编号，见 documents/）", "pack.yaml has no seed (the seed document's id, in documents/)"}});
      }
      continue;
    }
    if (auto rule = load_rule_text(text, file.string(), errors)) {
      if (!ids.insert(rule->id).second) {
        errors.push_back({file.string(), 1, 1, {fmt::format("规则编号“{}”重复", rule->id), fmt::format("duplicate rule id '{}'", rule->id)}});
        continue;
      }
      pack.rules.push_back(std::move(*rule));
    }
  }
  if (!have_pack) errors.push_back({directory, 0, 0, {"规则目录缺少 pack.yaml", "the rules directory has no pack.yaml"}});
  if (errors.size() == before) link_documents(pack, errors);
  if (!tasks_path.empty() && errors.size() == before) check_task_coverage(pack, tasks_path, errors);
  if (errors.size() != before) return std::nullopt;
  // The seed's rules by task, then each later document's by the date it binds.
  std::sort(pack.rules.begin(), pack.rules.end(), [](const Rule& a, const Rule& b) {
    if ((a.task == 0) != (b.task == 0)) return a.task != 0;
    if (a.task != b.task) return a.task < b.task;
    if (a.in_force.from != b.in_force.from) return a.in_force.from < b.in_force.from;
    return a.id < b.id;
  });
  return pack;
}

CompiledRule compile_rule_texts(const Rule& rule) {
  CompiledRule out;
  predicate::Scope scope = base_scope(rule);
  auto expression = [&](const std::string& text, std::optional<predicate::Expression>& into) {
    if (text.empty()) return true;  // the field is absent
    auto result = predicate::compile(text, policy_schema(), scope);
    into = result.expression;
    return result.errors.empty();
  };
  if (!expression(rule.forbid_text, out.forbid) || !expression(rule.require_text, out.require) ||
      !expression(rule.blame_text, out.blame))
    return out;
  scope["it"] = it_type(out);
  auto message = [&](const std::string& text, predicate::Template& into) {
    auto result = predicate::compile_template(text, policy_schema(), scope);
    if (!result.errors.empty() || !result.value) return false;
    into = *result.value;
    return true;
  };
  if (!message(rule.message_zh_text, out.message_zh) || !message(rule.message_en_text, out.message_en)) return out;
  out.reads_pathways = reads_pathway_field(out);
  out.ok = true;
  return out;
}

const CompiledRule& Rule::compiled() const {
  return compiled_.get([this] { return compile_rule_texts(*this); });
}

}  // namespace luohu
