// rules/tasks.yaml: the seed's tasks (as many as its `shape:` says), each
// enforced by rules or recorded as not checkable with its reason, and the
// readings rules share.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <set>

#include "rules/rule.hpp"
#include "util/yaml_text.hpp"

namespace luohu {
namespace {

struct TasksReader {
  const std::string& path;
  std::vector<LoadError>& errors;

  void error(const YAML::Node& n, Message m) { errors.push_back({path, n.Mark().line + 1, n.Mark().column + 1, std::move(m)}); }

  std::string text(const YAML::Node& parent, const char* key) {
    YAML::Node n = parent[key];
    if (!n || !n.IsScalar() || n.Scalar().empty()) {
      error(n ? n : parent, {fmt::format("缺少文本字段“{}”", key), fmt::format("missing text field '{}'", key)});
      return {};
    }
    return n.Scalar();
  }

  Message message(const YAML::Node& parent, const char* key) {
    YAML::Node n = parent[key];
    if (!n || !n.IsMap()) {
      error(n ? n : parent, {fmt::format("“{}”应为 {{zh: …, en: …}}", key), fmt::format("'{}' must be {{zh: ..., en: ...}}", key)});
      return {};
    }
    return {text(n, "zh"), text(n, "en")};
  }

  int number(const YAML::Node& parent, const char* key, int lo, int hi) {
    YAML::Node n = parent[key];
    try {
      int v = n.as<int>();
      if (v >= lo && v <= hi) return v;
    } catch (const YAML::Exception&) {
    }
    error(n ? n : parent, {fmt::format("“{}”应为 {} 到 {} 的整数", key, lo, hi), fmt::format("'{}' must be an integer from {} to {}", key, lo, hi)});
    return 0;
  }
};

}  // namespace

void load_tasks_text(const std::string& text, const std::string& path, RulePack& pack, std::vector<LoadError>& errors) {
  auto parsed = parse_yaml(text, path, errors);
  if (!parsed) return;
  YAML::Node root = *parsed;
  TasksReader r{path, errors};
  if (!root.IsMap() || !root["tasks"] || !root["tasks"].IsSequence()) {
    errors.push_back({path, 1, 1, {"tasks.yaml 须有 tasks: 列表", "tasks.yaml needs a 'tasks:' list"}});
    return;
  }
  if (YAML::Node readings = root["readings"]) {
    for (const auto& n : readings) {
      Reading reading{r.text(n, "id"), r.message(n, "text"), {}};
      if (YAML::Node defs = n["definitions"]) reading.definitions = read_definitions(defs, path, errors);
      if (pack.reading(reading.id)) r.error(n, {fmt::format("解读“{}”重复", reading.id), fmt::format("reading '{}' twice", reading.id)});
      pack.readings.push_back(std::move(reading));
    }
  }
  YAML::Node shape = root["shape"];
  if (!shape || !shape.IsMap()) {
    errors.push_back({path, 1, 1, {"tasks.yaml 须有 shape:（任务数 tasks、部分数 sections、规则编号前缀 rule_prefix）",
                                   "tasks.yaml needs 'shape:' (the number of tasks and sections, the rules' id prefix)"}});
    return;
  }
  pack.seed_shape.tasks = r.number(shape, "tasks", 1, 999);
  pack.seed_shape.sections = r.number(shape, "sections", 1, 999);
  pack.seed_shape.rule_prefix = r.text(shape, "rule_prefix");
  std::set<int> seen;
  for (const auto& n : root["tasks"]) {
    TaskEntry t;
    t.line = n.Mark().line + 1;
    t.number = r.number(n, "task", 1, pack.seed_shape.tasks);
    t.section = r.number(n, "section", 1, pack.seed_shape.sections);
    t.section_title = r.text(n, "section_title");
    t.text = r.text(n, "text");
    t.responsible = r.text(n, "responsible");
    std::string status = r.text(n, "status");
    if (status == "enforced") t.enforced = true;
    else if (status != "not-checkable")
      r.error(n["status"] ? n["status"] : n, {"status 应为 enforced 或 not-checkable", "status must be enforced or not-checkable"});
    if (!t.enforced || n["reason"]) t.reason = r.message(n, "reason");
    if (t.number && !seen.insert(t.number).second)
      r.error(n, {fmt::format("任务{}重复出现", t.number), fmt::format("task {} appears twice", t.number)});
    pack.tasks.push_back(std::move(t));
  }
  for (int i = 1; i <= pack.seed_shape.tasks; ++i) {
    if (!seen.count(i))
      errors.push_back({path, 1, 1, {fmt::format("tasks.yaml 缺少任务{}", i), fmt::format("tasks.yaml does not account for task {}", i)}});
  }
}

void check_task_coverage(const RulePack& pack, const std::string& tasks_path, std::vector<LoadError>& errors) {
  std::set<int> with_rules;
  const SeedShape& shape = pack.seed_shape;
  for (const auto& rule : pack.rules) {
    with_rules.insert(rule.task);
    // A task rule's id names its task (T7-… enforces task 7); no other rule's id looks like one.
    std::string own_prefix = fmt::format("{}{}-", shape.rule_prefix, rule.task);
    bool looks_like_task_rule = rule.id.size() > shape.rule_prefix.size() && rule.id.rfind(shape.rule_prefix, 0) == 0 &&
                                std::isdigit(static_cast<unsigned char>(rule.id[shape.rule_prefix.size()]));
    if (rule.task != 0 && (rule.task < 1 || rule.task > shape.tasks))
      errors.push_back({rule.path, rule.line, 1,
                        {fmt::format("规则 {} 的 task 应为 1 到 {} 的任务序号", rule.id, shape.tasks),
                         fmt::format("rule {}: task must be a task number from 1 to {}", rule.id, shape.tasks)}});
    else if (rule.task != 0 && rule.id.rfind(own_prefix, 0) != 0)
      errors.push_back({rule.path, rule.line, 1,
                        {fmt::format("规则 {} 执行任务{}，编号应以“{}”开头", rule.id, rule.task, own_prefix),
                         fmt::format("rule {} enforces task {}: its id must start with '{}'", rule.id, rule.task, own_prefix)}});
    else if (rule.task == 0 && looks_like_task_rule)
      errors.push_back({rule.path, rule.line, 1,
                        {fmt::format("规则 {} 的编号形如任务规则（{}…），须有字段“task”（所执行的种子任务）", rule.id, shape.rule_prefix),
                         fmt::format("rule {} has a task rule's id ({}…) and needs a 'task' field (the seed task it enforces)", rule.id, shape.rule_prefix)}});
    const TaskEntry* t = pack.task(rule.task);
    if (t && !t->enforced)
      errors.push_back({rule.path, rule.line, 1,
                        {fmt::format("规则 {} 引用任务{}，但 tasks.yaml 记其为不可检查", rule.id, rule.task),
                         fmt::format("rule {} enforces task {}, which tasks.yaml marks not checkable", rule.id, rule.task)}});
    for (const auto& id : rule.readings) {
      if (!pack.reading(id))
        errors.push_back({rule.path, rule.line, 1,
                          {fmt::format("规则 {} 引用未定义的解读“{}”", rule.id, id),
                           fmt::format("rule {} cites reading '{}', which tasks.yaml does not define", rule.id, id)}});
    }
  }
  for (const auto& t : pack.tasks) {
    if (t.enforced && !with_rules.count(t.number))
      errors.push_back({tasks_path, t.line, 1,
                        {fmt::format("任务{}记为 enforced，但没有规则", t.number),
                         fmt::format("task {} is marked enforced but no rule enforces it", t.number)}});
  }
}

}  // namespace luohu
