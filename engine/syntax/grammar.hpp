// The PEG grammar of .luohu policy files: rules only, one small struct per
// rule. Actions live in parser.cpp, error messages in errors.hpp.
// Structure is fixed here; vocabulary (groups, conditions, zones...) is
// resolved later so unknown words get "did you mean" suggestions.
#pragma once

#include <span>
#include <string_view>
#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace luohu::syntax::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// ---- characters ----------------------------------------------------------
// Identifier characters: ASCII letters, digits and '_', and non-ASCII letters
// (CJK among them) but not CJK or full-width punctuation, which separate.
struct ident_unicode
    : utf8::ranges<0x00C0, 0x1FFF, 0x2070, 0x218F, 0x2C00, 0x2FFF, 0x3040, 0x32FF, 0x3400, 0xFEFE,
                   0xFF66, 0xFFEF, 0x10000, 0x10FFFF> {};
struct ident_first : sor<ranges<'a', 'z', 'A', 'Z', '_'>, ident_unicode> {};
struct ident_other : sor<ranges<'a', 'z', 'A', 'Z', '0', '9', '_'>, ident_unicode> {};
struct identifier : seq<ident_first, star<ident_other>> {};

struct line_comment : seq<sor<one<'#'>, string<'/', '/'>>, until<eolf>> {};
struct ideographic_space : utf8::one<0x3000> {};
struct bom : utf8::one<0xFEFF> {};
struct sep : star<sor<ascii::space, ideographic_space, line_comment>> {};

template <typename Spelling>
struct spelling_text;  // a keyword spelling's text, for the keyword table below
template <char... Cs>
struct spelling_text<ascii::string<Cs...>> {
  static constexpr char text[] = {Cs...};
  static constexpr std::string_view value{text, sizeof...(Cs)};
};

template <typename... Spellings>
struct kw : seq<sor<Spellings...>, not_at<ident_other>> {
  static constexpr std::string_view spellings[] = {spelling_text<Spellings>::value...};
};

// Any spelling of the keywords Kws as a whole identifier. Equivalent to
// sor<Kws...> (each kw needs its spelling not to run on into a longer
// identifier), but reads the identifier once and looks it up, instead of
// trying every spelling in turn before each word: that was a fifth of the
// parse time.
template <typename... Kws>
struct any_keyword {
  using rule_t = any_keyword;
  using subs_t = empty_list;

  static bool is_spelling(std::string_view word) {
    for (std::span<const std::string_view> list : {std::span<const std::string_view>(Kws::spellings)...}) {
      for (std::string_view s : list) {
        if (s == word) return true;
      }
    }
    return false;
  }

  template <apply_mode, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&...) {
    auto m = in.template mark<M>();
    const char* begin = in.current();
    if (!pegtl::match<identifier, apply_mode::nothing, rewind_mode::dontcare, nothing, normal>(in)) return m(false);
    return m(is_spelling(std::string_view(begin, static_cast<std::size_t>(in.current() - begin))));
  }
};

struct semi : sor<one<';'>, utf8::one<0xFF1B>> {};              // ; ；
struct comma : sor<one<','>, utf8::one<0xFF0C>, utf8::one<0x3001>> {};  // , ， 、
struct lbrace : one<'{'> {};
struct rbrace : one<'}'> {};

// ---- literals -------------------------------------------------------------
struct escaped : seq<one<'\\'>, any> {};
struct ascii_string_body : star<sor<escaped, not_one<'"', '\n', '\\'>>> {};
struct ascii_string_close : one<'"'> {};
struct ascii_string : seq<one<'"'>, ascii_string_body, must<ascii_string_close>> {};
struct curly_string_body : until<at<sor<utf8::one<0x201D>, one<'\n'>, eof>>> {};
struct curly_string_close : utf8::one<0x201D> {};
struct curly_string : seq<utf8::one<0x201C>, curly_string_body, must<curly_string_close>> {};     // “…”
struct corner_string_body : until<at<sor<utf8::one<0x300D>, one<'\n'>, eof>>> {};
struct corner_string_close : utf8::one<0x300D> {};
struct corner_string : seq<utf8::one<0x300C>, corner_string_body, must<corner_string_close>> {};  // 「…」
struct string_literal : sor<ascii_string, curly_string, corner_string> {};

struct digits : plus<digit> {};
struct number : seq<digits, opt<one<'.'>, digits>> {};
struct iso_date : seq<rep<4, digit>, one<'-'>, rep_min_max<1, 2, digit>, one<'-'>, rep_min_max<1, 2, digit>> {};
struct zh_date : seq<rep<4, digit>, TAO_PEGTL_STRING("年"), rep_min_max<1, 2, digit>, TAO_PEGTL_STRING("月"),
                     rep_min_max<1, 2, digit>, TAO_PEGTL_STRING("日")> {};
struct date : seq<sor<iso_date, zh_date>, not_at<ident_other>> {};

// Units that may follow a number. Longer spellings first.
struct unit
    : kw<TAO_PEGTL_STRING("个月"), TAO_PEGTL_STRING("周岁"), TAO_PEGTL_STRING("万元"), TAO_PEGTL_STRING("平方米"),
         TAO_PEGTL_STRING("年"), TAO_PEGTL_STRING("月"), TAO_PEGTL_STRING("岁"), TAO_PEGTL_STRING("元"),
         TAO_PEGTL_STRING("分"), TAO_PEGTL_STRING("人"), TAO_PEGTL_STRING("㎡"), TAO_PEGTL_STRING("years"),
         TAO_PEGTL_STRING("year"), TAO_PEGTL_STRING("months"), TAO_PEGTL_STRING("month"),
         TAO_PEGTL_STRING("wan_yuan"), TAO_PEGTL_STRING("yuan"), TAO_PEGTL_STRING("sqm"),
         TAO_PEGTL_STRING("points"), TAO_PEGTL_STRING("people")> {};

struct op_ge : sor<string<'>', '='>, utf8::one<0x2265>, TAO_PEGTL_STRING("不少于"), TAO_PEGTL_STRING("不低于")> {};
struct op_le : sor<string<'<', '='>, utf8::one<0x2264>, TAO_PEGTL_STRING("不超过"), TAO_PEGTL_STRING("不高于")> {};
struct op_gt : one<'>'> {};
struct op_lt : one<'<'> {};
struct op_eq : sor<string<'=', '='>, one<'='>> {};
struct compare_op : sor<op_ge, op_le, op_gt, op_lt, op_eq> {};

// ---- arguments: what follows a statement keyword or a clause name -----------
struct name : sor<string_literal, identifier> {};
struct number_value : seq<number, sep, opt<unit>> {};
struct compare_word : name {};
struct compare_value : sor<number_value, compare_word> {};
struct comparison : seq<compare_op, sep, must<compare_value>> {};
struct date_argument : date {};
struct number_argument : number_value {};
struct statement_keyword;  // a keyword is never an argument: "城市 330100 标题 …" lacks a ';'
struct word_argument : seq<not_at<statement_keyword>, name> {};
// "4年以上", "7年及以上": the plan's usage, 以上包括本数, so ">= 4 年" (docs/language.md#bounds-in-words).
// "4年以下", "3年以内": the national texts disagree whether 以下 includes the bound (the city-tier
// standard's bands exclude it), so the parser asks for "<= 4 年" or "< 4 年" instead of guessing.
struct zh_unit : sor<TAO_PEGTL_STRING("个月"), TAO_PEGTL_STRING("周岁"), TAO_PEGTL_STRING("万元"), TAO_PEGTL_STRING("平方米"),
                     TAO_PEGTL_STRING("年"), TAO_PEGTL_STRING("月"), TAO_PEGTL_STRING("岁"), TAO_PEGTL_STRING("元"),
                     TAO_PEGTL_STRING("分"), TAO_PEGTL_STRING("人"), TAO_PEGTL_STRING("㎡")> {};
struct at_least_word : seq<opt<TAO_PEGTL_STRING("及")>, TAO_PEGTL_STRING("以上"), not_at<ident_other>> {};
struct at_most_word : seq<opt<TAO_PEGTL_STRING("及")>, sor<TAO_PEGTL_STRING("以下"), TAO_PEGTL_STRING("以内")>, not_at<ident_other>> {};
struct bound_unit : zh_unit {};
struct number_at_least : seq<number, sep, opt<bound_unit>, at_least_word> {};
struct number_at_most : seq<number, sep, opt<bound_unit>, at_most_word> {};
struct argument : sor<comparison, date_argument, number_at_least, number_at_most, number_argument, word_argument, comma> {};
struct arguments : star<argument, sep> {};

// ---- keywords (each with an English and a Chinese spelling) -----------------
struct kw_city : kw<TAO_PEGTL_STRING("city"), TAO_PEGTL_STRING("城市")> {};
struct kw_title : kw<TAO_PEGTL_STRING("title"), TAO_PEGTL_STRING("标题")> {};
struct kw_document : kw<TAO_PEGTL_STRING("document"), TAO_PEGTL_STRING("文号")> {};
struct kw_effective : kw<TAO_PEGTL_STRING("effective"), TAO_PEGTL_STRING("施行日期")> {};
struct kw_zone : kw<TAO_PEGTL_STRING("zone"), TAO_PEGTL_STRING("区域")> {};
struct kw_import : kw<TAO_PEGTL_STRING("import"), TAO_PEGTL_STRING("导入")> {};
struct kw_rural_exit : kw<TAO_PEGTL_STRING("rural_rights_exit"), TAO_PEGTL_STRING("农村权益退出")> {};
struct kw_channel : kw<TAO_PEGTL_STRING("channel"), TAO_PEGTL_STRING("渠道")> {};
struct kw_targets : kw<TAO_PEGTL_STRING("targets"), TAO_PEGTL_STRING("对象")> {};
struct kw_zones : kw<TAO_PEGTL_STRING("zones"), TAO_PEGTL_STRING("zone"), TAO_PEGTL_STRING("区域")> {};
struct kw_family : kw<TAO_PEGTL_STRING("family"), TAO_PEGTL_STRING("随迁")> {};
struct kw_quota : kw<TAO_PEGTL_STRING("quota"), TAO_PEGTL_STRING("指标")> {};
struct kw_conditions : kw<TAO_PEGTL_STRING("conditions"), TAO_PEGTL_STRING("条件")> {};
struct kw_any_of : kw<TAO_PEGTL_STRING("any_of"), TAO_PEGTL_STRING("任一")> {};
struct kw_points : kw<TAO_PEGTL_STRING("points"), TAO_PEGTL_STRING("积分")> {};
struct kw_factor : kw<TAO_PEGTL_STRING("factor"), TAO_PEGTL_STRING("因素")> {};
struct kw_threshold : kw<TAO_PEGTL_STRING("threshold"), TAO_PEGTL_STRING("分值线")> {};
struct kw_permit : kw<TAO_PEGTL_STRING("residence_permit"), TAO_PEGTL_STRING("居住证")> {};
struct kw_services : kw<TAO_PEGTL_STRING("services"), TAO_PEGTL_STRING("公共服务")> {};
// Provenance (docs/language.md#provenance): the texts a policy models, how far
// it was read, and the sentence each part of it stands for.
struct kw_source : kw<TAO_PEGTL_STRING("source"), TAO_PEGTL_STRING("来源")> {};
struct kw_verification : kw<TAO_PEGTL_STRING("verification"), TAO_PEGTL_STRING("核实")> {};
struct kw_quote : kw<TAO_PEGTL_STRING("quote"), TAO_PEGTL_STRING("原文")> {};

struct statement_keyword
    : any_keyword<kw_city, kw_title, kw_document, kw_effective, kw_zone, kw_import, kw_rural_exit, kw_channel,
                  kw_targets, kw_zones, kw_family, kw_quota, kw_conditions, kw_any_of, kw_points, kw_factor,
                  kw_threshold, kw_permit, kw_services, kw_source, kw_verification, kw_quote> {};

// "… 原文 “…”;": the sentence of the source text a statement or clause stands for.
struct quote_keyword : kw_quote {};
struct quote_text : string_literal {};
struct quote_clause : seq<quote_keyword, sep, must<quote_text>, sep> {};
struct statement_tail : seq<arguments, opt<quote_clause>, must<semi>> {};

// ---- recovery ----------------------------------------------------------------
// Parses Rule; on a parse error records it in the state, skips to the end of
// the clause (the next ';' or the '}' that closes the enclosing block) and
// succeeds, so one run reports every broken clause.
template <typename Rule>
struct recoverable {
  using rule_t = recoverable;
  using subs_t = type_list<Rule>;

  template <apply_mode A, rewind_mode M, template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename State>
  static bool match(ParseInput& in, State& state) {
    const auto saved = state.save();
    const auto start = in.current();
    try {
      return Control<Rule>::template match<A, M, Action, Control>(in, state);
    } catch (const parse_error& e) {
      state.record(e);
      state.restore(saved);
      state.skip_to_sync(in, start);
      return true;
    }
  }
};

// ---- clauses ------------------------------------------------------------------
struct clause;
struct clause_item : seq<not_at<rbrace>, not_at<eof>, recoverable<clause>, sep> {};
struct clause_name : name {};
struct simple_clause : seq<clause_name, sep, statement_tail> {};
struct any_of_close : rbrace {};
struct any_of_block : seq<kw_any_of, sep, must<lbrace>, sep, star<clause_item>, must<any_of_close>> {};
struct bad_clause : raise<bad_clause> {};
struct clause : sor<any_of_block, simple_clause, bad_clause> {};

struct conditions_close : rbrace {};
struct conditions_block : seq<kw_conditions, sep, must<lbrace>, sep, star<clause_item>, must<conditions_close>> {};

// ---- channels -----------------------------------------------------------------
struct channel_keyword : sor<kw_targets, kw_zones, kw_family, kw_quota, kw_quote> {};
struct channel_statement : seq<channel_keyword, sep, statement_tail> {};
struct bad_channel_item : raise<bad_channel_item> {};
struct channel_item_body : sor<conditions_block, channel_statement, bad_channel_item> {};
struct channel_item : seq<not_at<rbrace>, not_at<eof>, recoverable<channel_item_body>, sep> {};
struct channel_name : name {};
struct channel_close : rbrace {};
struct channel_block
    : seq<kw_channel, sep, must<channel_name>, sep, must<lbrace>, sep, star<channel_item>, must<channel_close>> {};

// ---- points, residence permit and services blocks ----------------------------
struct block_keyword : sor<kw_points, kw_permit, kw_services> {};
struct block_statement_keyword : sor<kw_factor, kw_threshold, kw_quota, kw_quote> {};
struct block_statement : seq<block_statement_keyword, sep, statement_tail> {};
struct block_item_body : sor<conditions_block, block_statement, clause> {};
struct block_item : seq<not_at<rbrace>, not_at<eof>, recoverable<block_item_body>, sep> {};
struct block_close : rbrace {};
struct block : seq<block_keyword, sep, must<lbrace>, sep, star<block_item>, must<block_close>> {};

// ---- top level ------------------------------------------------------------------
struct top_keyword
    : sor<kw_city, kw_title, kw_document, kw_effective, kw_zone, kw_import, kw_rural_exit, kw_source, kw_verification> {};
struct top_statement : seq<top_keyword, sep, statement_tail> {};
struct bad_top_item : raise<bad_top_item> {};
struct top_item_body : sor<channel_block, block, top_statement, bad_top_item> {};
struct top_item : seq<not_at<eof>, recoverable<top_item_body>, sep> {};
struct file : seq<opt<bom>, sep, star<top_item>, eof> {};
// A run of whole top-level items cut from a file (syntax/incremental.hpp).
struct file_part : seq<sep, star<top_item>, eof> {};

}  // namespace luohu::syntax::grammar

// For pegtl::analyze: a keyword consumes at least one character.
template <typename Name, typename... Kws>
struct tao::pegtl::analyze_traits<Name, luohu::syntax::grammar::any_keyword<Kws...>>
    : tao::pegtl::analyze_any_traits<> {};

// For pegtl::analyze: a recoverable rule consumes what its rule consumes.
template <typename Name, typename Rule>
struct tao::pegtl::analyze_traits<Name, luohu::syntax::grammar::recoverable<Rule>>
    : tao::pegtl::analyze_traits<Name, typename Rule::rule_t> {};
