// Who a channel serves, and what a fully open channel may still ask: one
// definition each, read by the model's fields (channel.serves,
// condition.proof, condition.allowed_when_open), so by every rule, and by the
// pathway analysis. rules/tasks.yaml, readings "serving-channel" and
// "fully-open", gives the national sentences they follow.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace luohu {

struct ConditionModel;

// The groups a channel with these targets serves: each target itself;
// 常住人口 every group; 农业转移人口 task 2's five groups and ordinary
// workers; 农村籍高校学生 and 农村升学学生 each other. Vocabulary order.
std::vector<std::string> served_groups(const std::vector<std::string>& targets);

// A condition that only shows the person belongs to a group: education,
// skill level, enrolment (连续就读).
bool proves_belonging(std::string_view kind);

// What 全面放开 still allows (国发〔2014〕25号（四）): proof of belonging, or
// 合法稳定住所 with rental not excluded; a 任一 when one alternative is.
bool allowed_when_open(const ConditionModel& condition);

}  // namespace luohu
