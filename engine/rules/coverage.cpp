#include "rules/coverage.hpp"

#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include <algorithm>

namespace luohu {

std::vector<CoverageRow> coverage(const RulePack& pack) {
  std::vector<CoverageRow> rows;
  for (const auto& t : pack.tasks) {
    CoverageRow row{&t, {}};
    for (const auto& r : pack.rules) {
      if (r.task == t.number) row.rules.push_back(&r);
    }
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const CoverageRow& a, const CoverageRow& b) { return a.task->number < b.task->number; });
  return rows;
}

nlohmann::json coverage_json(const RulePack& pack, Lang lang) {
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& row : coverage(pack)) {
    nlohmann::json rules = nlohmann::json::array();
    for (const auto* r : row.rules) rules.push_back(r->id);
    const TaskEntry& t = *row.task;
    nlohmann::json reason = nullptr;
    if (!t.enforced) reason = {{"zh", t.reason.zh}, {"en", t.reason.en}, {"text", t.reason.in(lang)}};
    tasks.push_back({{"task", t.number}, {"section", t.section}, {"status", t.enforced ? "enforced" : "not-checkable"},
                     {"rules", rules}, {"reason", reason}, {"responsible", t.responsible}, {"text", t.text}});
  }
  std::size_t enforced = std::count_if(pack.tasks.begin(), pack.tasks.end(), [](const TaskEntry& t) { return t.enforced; });
  return {{"rule_pack", {{"name", pack.name}, {"version", pack.version}}},
          {"summary", {{"tasks", pack.tasks.size()}, {"enforced", enforced}, {"not_checkable", pack.tasks.size() - enforced},
                       {"rules", pack.rules.size()}}},
          {"tasks", tasks}};
}

std::string coverage_text(const RulePack& pack, Lang lang) {
  bool zh = lang == Lang::zh;
  std::string out;
  std::size_t enforced = 0;
  for (const auto& row : coverage(pack)) {
    const TaskEntry& t = *row.task;
    if (t.enforced) {
      ++enforced;
      std::vector<std::string> ids;
      for (const auto* r : row.rules) ids.push_back(r->id);
      out += fmt::format("{:>2}  {:<13}  {}\n", t.number, zh ? "已检查" : "enforced", fmt::join(ids, ", "));
    } else {
      out += fmt::format("{:>2}  {:<13}  {}\n", t.number, zh ? "不可检查" : "not-checkable", t.reason.in(lang));
    }
  }
  out += zh ? fmt::format("共 {} 项任务：{} 项由 {} 条规则检查，{} 项不可检查（已记明理由）\n", pack.tasks.size(), enforced,
                          pack.rules.size(), pack.tasks.size() - enforced)
            : fmt::format("{} tasks: {} enforced by {} rules, {} not checkable (reason recorded)\n", pack.tasks.size(),
                          enforced, pack.rules.size(), pack.tasks.size() - enforced);
  return out;
}

}  // namespace luohu
