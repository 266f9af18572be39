// The domain's words: target groups, condition kinds, levels, services...
// Each term has a stable English id (also its English spelling in policies),
// a Chinese spelling, aliases, and labels for messages in both languages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"

namespace luohu {

enum class Vocabulary {
  group,
  condition,
  education,
  skill,
  family,
  service,
  treatment,
  rural_right,
  zone_kind,
  exit_scope,
  rental,
  verification,  // how far a policy was verified (核实)
  factor,  // points factors that are not conditions
  permit_service,  // what residence-permit holders receive (《居住证暂行条例》 Art. 12, 13)
  tier,
  level,  // the last (find_term indexes them all)
};

// How a condition's arguments read.
enum class ConditionShape {
  none,         // 连续就读;
  years,        // 社会保险 >= 3 年;  (required)
  optional_years,  // 合法稳定就业 [>= 1 年];
  education,    // 学历 >= 本科;
  skill,        // 技能等级 >= 高级工;
  age,          // 年龄 <= 45 岁;
  amount,       // 投资 [>= 100 万元];
  area,         // 购买房屋 [面积 >= 90 平方米];
  score,        // 积分 >= 120;
  rental,       // 合法稳定住所 [含租赁|不含租赁];
  rights,       // 放弃农村权益 [土地承包权, ...];
};

struct Term {
  std::string id;  // English spelling and the value rules compare against
  std::string zh;  // Chinese spelling
  std::vector<std::string> aliases;
  std::string label_en;
  int rank = 0;  // education and skill levels; task of a service
  ConditionShape shape = ConditionShape::none;
  std::string doc_zh{};  // {}: rows may leave them out without a warning
  std::string doc_en{};
};

// What a condition shape says about its kind, in one place for the builder,
// the model, the pathway notes, completion and hover.
bool is_time_valued(ConditionShape shape);  // its figure is years (years, optional_years)
// The vocabulary its word arguments come from (学历 >= 本科: education), if any.
std::optional<Vocabulary> argument_vocabulary(ConditionShape shape);
// A condition kind's shape, by its id (none for an unknown kind).
ConditionShape condition_shape(std::string_view kind);
bool is_time_valued(std::string_view condition_kind);

const std::vector<Term>& terms(Vocabulary v);
const Term* find_term(Vocabulary v, std::string_view spelling);
std::vector<std::string> spellings(Vocabulary v);  // ids, Chinese spellings and aliases
const char* vocabulary_name(Vocabulary v, Lang lang);  // "target group" / "对象人群"

// The localised label of an id from any vocabulary ("college_graduate" ->
// 高校毕业生 / college graduates); the id itself if unknown.
std::string label(std::string_view id, Lang lang);

}  // namespace luohu
