// What each grammar rule that must match says when it does not, in zh and en.
// A control raises these; a rule used under must<> without a message here
// fails to compile.
#pragma once

#include <string>

#include "syntax/grammar.hpp"

namespace luohu::syntax {

struct ErrorText {
  const char* zh;
  const char* en;
};

template <typename Rule>
inline constexpr ErrorText error_message{nullptr, nullptr};

#define LUOHU_ERROR(rule, zh_text, en_text) \
  template <>                               \
  inline constexpr ErrorText error_message<grammar::rule>{zh_text, en_text};

LUOHU_ERROR(semi, "此处应有“;”结束该语句", "expected ';' to end the statement")
LUOHU_ERROR(lbrace, "此处应有“{”开始块", "expected '{' to open the block")
LUOHU_ERROR(channel_name, "“渠道”之后应为渠道名称", "expected a channel name after 'channel'")
LUOHU_ERROR(channel_close, "渠道块缺少结束的“}”", "expected '}' to close the channel block")
LUOHU_ERROR(conditions_close, "条件块缺少结束的“}”", "expected '}' to close the conditions block")
LUOHU_ERROR(any_of_close, "“任一”块缺少结束的“}”", "expected '}' to close the any_of block")
LUOHU_ERROR(block_close, "块缺少结束的“}”", "expected '}' to close the block")
LUOHU_ERROR(compare_value, "比较符之后应为数值（如 3 年）或等级（如 本科）",
            "expected a number (e.g. 3 years) or a level (e.g. bachelor) after the comparison")
LUOHU_ERROR(ascii_string_close, "字符串未结束：缺少结束的引号", "unterminated string: expected a closing '\"'")
LUOHU_ERROR(curly_string_close, "字符串未结束：缺少结束的“””", "unterminated string: expected a closing '”'")
LUOHU_ERROR(corner_string_close, "字符串未结束：缺少结束的“」”", "unterminated string: expected a closing '」'")
LUOHU_ERROR(quote_text, "“原文”之后应为引号中的原文句子，如 原文 “在京连续缴纳社会保险7年及以上”",
            "expected the quoted sentence after 'quote', e.g. quote \"…\"")
LUOHU_ERROR(bad_clause, "此处应为条件或条款，如“社会保险 >= 3 年;”",
            "expected a clause such as 'social_insurance >= 3 years;'")
LUOHU_ERROR(bad_channel_item, "此处应为渠道内容：对象、区域、条件、随迁、指标、原文",
            "expected a channel item: targets, zones, conditions, family, quota or quote")
LUOHU_ERROR(bad_top_item, "此处应为语句：城市、标题、文号、施行日期、区域、渠道、积分、居住证、公共服务、农村权益退出、导入、来源、核实",
            "expected a statement: city, title, document, effective, zone, channel, points, residence_permit, "
            "services, rural_rights_exit, import, source or verification")

#undef LUOHU_ERROR

// Messages travel inside pegtl::parse_error as "zh\x1f" "en".
inline constexpr char message_separator = '\x1f';

template <typename Rule>
struct error_control : tao::pegtl::normal<Rule> {
  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&...) {
    static_assert(error_message<Rule>.zh != nullptr, "a must<> rule has no error message in errors.hpp");
    throw tao::pegtl::parse_error(
        std::string(error_message<Rule>.zh) + message_separator + error_message<Rule>.en, in);
  }
};

}  // namespace luohu::syntax
