// rules/tasks.yaml: the plan's 36 tasks, each enforced by rules or recorded
// as not checkable with its reason, and the readings rules share.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

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
  std::set<int> seen;
  for (const auto& n : root["tasks"]) {
    TaskEntry t;
    t.line = n.Mark().line + 1;
    t.number = r.number(n, "task", 1, 36);
    t.section = r.number(n, "section", 1, 15);
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
  for (int i = 1; i <= 36; ++i) {
    if (!seen.count(i))
      errors.push_back({path, 1, 1, {fmt::format("tasks.yaml 缺少任务{}", i), fmt::format("tasks.yaml does not account for task {}", i)}});
  }
}

void check_task_coverage(const RulePack& pack, const std::string& tasks_path, std::vector<LoadError>& errors) {
  std::set<int> with_rules;
  for (const auto& rule : pack.rules) {
    with_rules.insert(rule.task);
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
