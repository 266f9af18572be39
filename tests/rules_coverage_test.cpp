// The rule pack accounts for every one of the plan's 36 tasks (tasks.yaml),
// quotes them from the seed, and its generated docs are up to date.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "rules/coverage.hpp"
#include "rules/docs.hpp"
#include "support.hpp"

using namespace luohu;
namespace fs = std::filesystem;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string without_spaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  }
  return out;
}

struct SeedTask {
  std::string text, responsible;
};

// The seed is a tab-separated table; a row starting with a tab continues the
// task above it (tasks 15 and 23 wrap around a page break).
std::map<int, SeedTask> seed_tasks() {
  std::map<int, SeedTask> out;
  std::istringstream in(read(test::source_path("rules/seed/plan-2016-tasks.txt")));
  int current = 0;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cols;
    std::size_t start = 0;
    for (std::size_t tab; (tab = line.find('\t', start)) != std::string::npos; start = tab + 1) cols.push_back(line.substr(start, tab - start));
    cols.push_back(line.substr(start));
    std::string first = without_spaces(cols[0]);
    if (!first.empty() && std::all_of(first.begin(), first.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      current = std::stoi(first);
      out[current] = {cols.size() > 1 ? cols[1] : "", cols.size() > 2 ? cols[2] : ""};
    } else if (first.empty() && current && cols.size() > 1) {
      out[current].text += cols[1];
      if (cols.size() > 2) out[current].responsible += cols[2];
    } else if (!first.empty()) {
      current = 0;  // a section heading
    }
  }
  return out;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

const char* kRule = R"(id: T7-ONLY
task: 7
quote: 大中城市均不得采取购买房屋、投资纳税等方式设置落户限制。
document: guobanfa-2016-72
in_force: {from: 2016-09-30, until: null, superseded_by: null, reading: {zh: 至今, en: to date}}
responsible: 大城市和中等城市人民政府
severity: error
title: {zh: 标题, en: title}
reading: {zh: 解读, en: reading}
readings: [severity]
forbid: policy.conditions.filter(k, k.kind == 'house_purchase')
message: {zh: 购房, en: purchase}
examples:
  - {name: bad, expect: bad, policy: "城市 530400;\n渠道 a { 对象 常住人口; 条件 { 购买房屋; } }\n"}
  - {name: good, expect: good, policy: "城市 530400;\n"}
)";

// A pack directory with one rule (task 7) and a tasks.yaml built by `entry`.
const char* kShape = "shape: {tasks: 36, sections: 15, rule_prefix: T}\n";

std::string pack_with_tasks(const std::string& name, const std::function<std::string(int)>& entry, const std::string& readings,
                            const std::string& shape = kShape, const std::string& rule = kRule) {
  fs::path dir = fs::path(test::temp_file(name + ".keep", "")).parent_path() / name;
  fs::create_directories(dir);
  write(dir / "pack.yaml", "name: t\nversion: '1'\nseed: guobanfa-2016-72\n");
  fs::create_directories(dir / "documents");
  write(dir / "documents" / "guobanfa-2016-72.yaml", test::read_file(test::source_path("rules/documents/guobanfa-2016-72.yaml")));
  write(dir / "T7-ONLY.yaml", rule);
  std::string tasks = shape + readings + "tasks:\n";
  for (int i = 1; i <= 36; ++i) tasks += entry(i);
  write(dir / "tasks.yaml", tasks);
  return dir.string();
}

std::string task_entry(int n, bool enforced) {
  std::string s = "  - {task: " + std::to_string(n) + ", section: 1, section_title: s, text: t, responsible: r, status: " +
                  (enforced ? "enforced" : "not-checkable, reason: {zh: 因, en: why}") + "}\n";
  return s;
}

const char* kReadings = "readings:\n  - {id: severity, text: {zh: 严重程度, en: severity}}\n";

std::string load_messages(const std::string& dir) {
  std::vector<LoadError> errors;
  auto pack = load_rule_pack(dir, errors);
  std::string all;
  for (const auto& e : errors) all += e.format(Lang::en) + "\n";
  return pack ? "" : all;
}

}  // namespace

TEST_CASE("the bundled pack accounts for all 36 tasks", "[rules][coverage]") {
  const RulePack& pack = test::bundled().rules;
  auto rows = coverage(pack);
  REQUIRE(rows.size() == 36);
  std::set<int> not_checkable;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const TaskEntry& t = *rows[i].task;
    INFO("task " << t.number);
    CHECK(t.number == static_cast<int>(i) + 1);
    if (t.enforced) {
      CHECK_FALSE(rows[i].rules.empty());
    } else {
      not_checkable.insert(t.number);
      CHECK(rows[i].rules.empty());
      CHECK_FALSE(t.reason.zh.empty());
      CHECK_FALSE(t.reason.en.empty());
    }
  }
  for (const auto& rule : pack.rules) {
    INFO(rule.id);
    if (rule.task == 0) continue;  // a later document's rule: no task of the plan
    REQUIRE(pack.task(rule.task) != nullptr);
    CHECK(pack.task(rule.task)->enforced);
    CHECK(rule.responsible == pack.task(rule.task)->responsible);
    for (const auto& id : rule.readings) CHECK(pack.reading(id) != nullptr);
  }
  // Ministries' tasks (targets, finance, land, bonds, statistics, audit).
  for (int n : {1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 35, 36}) CHECK(not_checkable.count(n) == 1);
  // Every task the issue asks to enforce has a rule.
  for (int n : {2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24, 26, 28, 29, 30, 32, 33, 34}) CHECK(not_checkable.count(n) == 0);
}

TEST_CASE("tasks.yaml quotes each task's text and responsible units from the seed", "[rules][coverage]") {
  auto seed = seed_tasks();
  REQUIRE(seed.size() == 36);
  const RulePack& pack = test::bundled().rules;
  for (const auto& t : pack.tasks) {
    INFO("task " << t.number);
    CHECK(without_spaces(t.text) == without_spaces(seed.at(t.number).text));
    CHECK(without_spaces(t.responsible) == without_spaces(seed.at(t.number).responsible));
  }
  CHECK(pack.task(15)->text.find("挂钩政策,完善年度") != std::string::npos);  // joined across the page break
}

TEST_CASE("the pack loader refuses a tasks.yaml that does not match the rules", "[rules][coverage]") {
  SECTION("consistent") {
    CHECK(load_messages(pack_with_tasks("cov-ok", [](int n) { return task_entry(n, n == 7); }, kReadings)) == "");
  }
  SECTION("a rule's task marked not checkable") {
    auto msg = load_messages(pack_with_tasks("cov-rule", [](int n) { return task_entry(n, false); }, kReadings));
    CHECK_THAT(msg, Catch::Contains("T7-ONLY.yaml:1:1") && Catch::Contains("rule T7-ONLY enforces task 7, which tasks.yaml marks not checkable"));
  }
  SECTION("an enforced task with no rule") {
    auto msg = load_messages(pack_with_tasks("cov-empty", [](int n) { return task_entry(n, n == 7 || n == 8); }, kReadings));
    CHECK_THAT(msg, Catch::Contains("tasks.yaml:") && Catch::Contains("task 8 is marked enforced but no rule enforces it"));
  }
  SECTION("a task left out") {
    auto msg = load_messages(pack_with_tasks("cov-gap", [](int n) { return n == 30 ? std::string() : task_entry(n, n == 7); }, kReadings));
    CHECK_THAT(msg, Catch::Contains("tasks.yaml does not account for task 30"));
  }
  SECTION("an unknown reading") {
    auto msg = load_messages(pack_with_tasks("cov-reading", [](int n) { return task_entry(n, n == 7); }, ""));
    CHECK_THAT(msg, Catch::Contains("rule T7-ONLY cites reading 'severity', which tasks.yaml does not define"));
  }
  SECTION("a not-checkable task with no reason") {
    auto msg = load_messages(pack_with_tasks("cov-reason", [](int n) {
      return n == 7 ? task_entry(n, true) : "  - {task: " + std::to_string(n) + ", section: 1, section_title: s, text: t, responsible: r, status: not-checkable}\n";
    }, kReadings));
    CHECK_THAT(msg, Catch::Contains("'reason' must be {zh: ..., en: ...}"));
  }
}

TEST_CASE("the seed's shape is the pack's data (tasks.yaml shape:), not the engine's", "[rules][coverage]") {
  auto seven = [](int n) { return task_entry(n, n == 7); };
  SECTION("a task list of 37 tasks is held to 37") {
    auto msg = load_messages(pack_with_tasks("shape-37", seven, kReadings, "shape: {tasks: 37, sections: 15, rule_prefix: T}\n"));
    CHECK_THAT(msg, Catch::Contains("tasks.yaml does not account for task 37"));
  }
  SECTION("of 6 tasks: task 7 and its rule are out of range") {
    auto msg = load_messages(pack_with_tasks("shape-6", seven, kReadings, "shape: {tasks: 6, sections: 15, rule_prefix: T}\n"));
    CHECK_THAT(msg, Catch::Contains("'task' must be an integer from 1 to 6"));
  }
  SECTION("sections beyond the shape") {
    auto msg = load_messages(pack_with_tasks("shape-sections", seven, kReadings, "shape: {tasks: 36, sections: 0, rule_prefix: T}\n"));
    CHECK_THAT(msg, Catch::Contains("'sections' must be an integer from 1 to 999"));
  }
  SECTION("no shape") {
    auto msg = load_messages(pack_with_tasks("shape-none", seven, kReadings, ""));
    CHECK_THAT(msg, Catch::Contains("tasks.yaml needs 'shape:'"));
  }
  SECTION("a task rule's id names its task, with the shape's prefix") {
    std::string rule = kRule;
    rule.replace(rule.find("id: T7-ONLY"), 11, "id: T8-ONLY");
    CHECK_THAT(load_messages(pack_with_tasks("shape-id", seven, kReadings, kShape, rule)),
               Catch::Contains("rule T8-ONLY enforces task 7: its id must start with 'T7-'"));
    CHECK_THAT(load_messages(pack_with_tasks("shape-prefix", seven, kReadings, "shape: {tasks: 36, sections: 15, rule_prefix: S}\n")),
               Catch::Contains("rule T7-ONLY enforces task 7: its id must start with 'S7-'"));
  }
}

TEST_CASE("luohu rules --coverage lists the 36 tasks", "[rules][coverage][cli]") {
  auto json = test::run_luohu({"rules", "--coverage", "--format", "json"});
  REQUIRE(json.exit_code == 0);
  auto doc = nlohmann::json::parse(json.out);
  REQUIRE(doc["tasks"].size() == 36);
  for (const auto& t : doc["tasks"]) {
    INFO(t.dump());
    CHECK(t.contains("task"));
    CHECK(t.contains("rules"));
    CHECK(t.contains("reason"));
    if (t["status"] == "enforced") {
      CHECK(t["rules"].size() >= 1);
      CHECK(t["reason"].is_null());
    } else {
      CHECK(t["status"] == "not-checkable");
      CHECK(t["rules"].empty());
      CHECK(t["reason"]["zh"].get<std::string>().size() > 0);
    }
  }
  CHECK(doc["tasks"][5]["rules"].dump().find("T6-QUOTA-SHRINKS") != std::string::npos);
  CHECK(doc["summary"]["tasks"] == 36);

  auto human = test::run_luohu({"--lang", "en", "rules", "--coverage"});
  REQUIRE(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains(" 1  not-checkable") && Catch::Contains(" 6  enforced       T6-") &&
                            Catch::Contains("36 tasks: 20 enforced"));
}

TEST_CASE("luohu explain shows the readings a rule takes", "[rules][coverage][cli]") {
  auto r = test::run_luohu({"--lang", "en", "explain", "T6-QUOTA-SHRINKS"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("[low-registered-share]") && Catch::Contains("0.71") &&
                        Catch::Contains("All rules of task 6: T6-POINTS-QUOTA-MISSING"));
}

TEST_CASE("docs/rules is generated from the pack and up to date", "[rules][docs]") {
  auto pages = rule_docs(test::bundled().rules);
  REQUIRE(pages.size() == test::bundled().rules.rules.size() + 1);
  std::set<std::string> expected;
  for (const auto& [name, text] : pages) {
    expected.insert(name);
    INFO("docs/rules/" << name << " is stale: run cmake --build <build> --target rules-docs");
    CHECK(read(test::source_path("docs/rules/" + name)) == text);
  }
  for (const auto& e : fs::directory_iterator(test::source_path("docs/rules"))) {
    INFO(e.path().filename().string() << " has no rule; run the rules-docs target");
    CHECK(expected.count(e.path().filename().string()) == 1);
  }
}
