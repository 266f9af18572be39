#include "model/serving.hpp"

#include <algorithm>

#include "model/policy.hpp"
#include "model/vocabulary.hpp"

namespace luohu {
namespace {

bool has(const std::vector<std::string>& v, std::string_view x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// 国办发〔2016〕72号 task 2 names its groups as 农业转移人口; task 5's
// 普通劳动者 is not defined by a national text (rules/tasks.yaml).
const std::vector<std::string> kMigrantGroups = {"rural_student",  "army_entrant",           "long_term_migrant",
                                                 "family_migrant", "new_generation_migrant", "ordinary_worker"};

bool serves(const std::vector<std::string>& targets, const std::string& group) {
  if (has(targets, group) || has(targets, "resident")) return true;
  if (has(targets, "migrant") && has(kMigrantGroups, group)) return true;
  if (group == "rural_student") return has(targets, "rural_college_student");
  if (group == "rural_college_student") return has(targets, "rural_student");
  return false;
}

}  // namespace

std::vector<std::string> served_groups(const std::vector<std::string>& targets) {
  std::vector<std::string> out;
  for (const auto& term : terms(Vocabulary::group)) {
    if (serves(targets, term.id)) out.push_back(term.id);
  }
  return out;
}

bool proves_belonging(std::string_view kind) { return kind == "education" || kind == "skill" || kind == "study"; }

bool allowed_when_open(const ConditionModel& c) {
  if (c.kind == "any_of")
    return std::any_of(c.alternatives.begin(), c.alternatives.end(), [](const auto& alt) { return allowed_when_open(*alt); });
  if (c.kind == "residence") return c.rental != "excluded";
  return proves_belonging(c.kind);
}

}  // namespace luohu
