// PEGTL grammar of the predicate language (docs/predicates.md): rules only,
// one small struct per rule. Error messages for the must<> points live in
// errors.hpp, actions that build the tree in actions.hpp.
//
// Precedence, loosest first: ?:  ||  &&  == != < <= > >= in  + -  * /
// unary ! -  member/call. Binary levels are left-associative; `?:` is
// right-associative.
#pragma once

#include <tao/pegtl.hpp>

namespace luohu::predicate::grammar {

namespace pg = tao::pegtl;

struct expression;
struct unary;

// Whitespace and // comments.
struct comment : pg::seq<pg::two<'/'>, pg::until<pg::eolf>> {};
struct ws : pg::star<pg::sor<pg::space, comment>> {};

// Keywords.
struct kw_true : pg::keyword<'t', 'r', 'u', 'e'> {};
struct kw_false : pg::keyword<'f', 'a', 'l', 's', 'e'> {};
struct kw_null : pg::keyword<'n', 'u', 'l', 'l'> {};
struct kw_in : pg::keyword<'i', 'n'> {};
struct keyword : pg::sor<kw_true, kw_false, kw_null, kw_in> {};

struct name : pg::seq<pg::not_at<keyword>, pg::identifier> {};

// Literals.
struct number : pg::seq<pg::plus<pg::digit>, pg::opt<pg::one<'.'>, pg::plus<pg::digit>>> {};

struct escape_code
    : pg::sor<pg::one<'n', 't', 'r', '\\', '\'', '"'>, pg::seq<pg::one<'u'>, pg::rep<4, pg::xdigit>>> {};
struct escape : pg::seq<pg::one<'\\'>, pg::must<escape_code>> {};
template <char Q>
struct quoted_char : pg::sor<escape, pg::not_one<Q, '\\', '\n', '\r'>> {};
template <char Q>
struct quote_close : pg::one<Q> {};
template <char Q>
struct quoted : pg::seq<pg::one<Q>, pg::star<quoted_char<Q>>, pg::must<quote_close<Q>>> {};
struct single_quoted : quoted<'\''> {};
struct double_quoted : quoted<'"'> {};

// An expression required after a comma in a list or an argument list.
struct after_comma : pg::seq<expression> {};
struct comma : pg::one<','> {};
struct items : pg::seq<expression, pg::star<ws, comma, ws, pg::must<after_comma>>> {};

struct list_open : pg::one<'['> {};
struct list_close : pg::one<']'> {};
struct list : pg::seq<list_open, ws, pg::opt<items>, ws, pg::must<list_close>> {};

struct paren_open : pg::one<'('> {};
struct paren_body : pg::seq<expression> {};
struct paren_close : pg::one<')'> {};
struct paren : pg::seq<paren_open, ws, pg::must<paren_body>, ws, pg::must<paren_close>> {};

struct call_open : pg::one<'('> {};
struct call_close : pg::one<')'> {};
struct call_args : pg::seq<call_open, ws, pg::opt<items>, ws, pg::must<call_close>> {};

struct name_or_call : pg::seq<name, pg::opt<ws, call_args>> {};

struct primary
    : pg::sor<number, single_quoted, double_quoted, list, paren, kw_true, kw_false, kw_null, name_or_call> {};

// Member access and method calls.
struct dot : pg::one<'.'> {};
struct member_name : pg::seq<pg::not_at<keyword>, pg::identifier> {};
struct member : pg::seq<dot, ws, pg::must<member_name>, pg::opt<ws, call_args>> {};
struct postfix : pg::seq<primary, pg::star<ws, member>> {};

// Unary operators.
struct op_not : pg::one<'!'> {};
struct op_neg : pg::one<'-'> {};
template <typename Op>
struct operand : pg::seq<unary> {};
struct not_expr : pg::seq<op_not, ws, pg::must<operand<op_not>>> {};
struct neg_expr : pg::seq<op_neg, ws, pg::must<operand<op_neg>>> {};
struct unary : pg::sor<not_expr, neg_expr, postfix> {};

// Binary operators; `spelling` names them in error messages.
struct op_mul : pg::one<'*'> { static constexpr const char* spelling = "*"; };
struct op_div : pg::seq<pg::one<'/'>, pg::not_at<pg::one<'/'>>> { static constexpr const char* spelling = "/"; };
struct op_add : pg::one<'+'> { static constexpr const char* spelling = "+"; };
struct op_sub : pg::one<'-'> { static constexpr const char* spelling = "-"; };
struct op_eq : pg::two<'='> { static constexpr const char* spelling = "=="; };
struct op_ne : pg::string<'!', '='> { static constexpr const char* spelling = "!="; };
struct op_le : pg::string<'<', '='> { static constexpr const char* spelling = "<="; };
struct op_lt : pg::one<'<'> { static constexpr const char* spelling = "<"; };
struct op_ge : pg::string<'>', '='> { static constexpr const char* spelling = ">="; };
struct op_gt : pg::one<'>'> { static constexpr const char* spelling = ">"; };
struct op_in : kw_in { static constexpr const char* spelling = "in"; };
struct op_and : pg::two<'&'> { static constexpr const char* spelling = "&&"; };
struct op_or : pg::two<'|'> { static constexpr const char* spelling = "||"; };

// The right operand of Op (an error point: "expected an expression after '&&'").
template <typename Op, typename Operand>
struct rhs : pg::seq<Operand> {};
// `Op rhs`, folded into the left operand by the action.
template <typename Op, typename Operand>
struct tail : pg::seq<Op, ws, pg::must<rhs<Op, Operand>>> {};

struct mul_expr
    : pg::seq<unary, pg::star<ws, pg::sor<tail<op_mul, unary>, tail<op_div, unary>>>> {};
struct add_expr
    : pg::seq<mul_expr, pg::star<ws, pg::sor<tail<op_add, mul_expr>, tail<op_sub, mul_expr>>>> {};
struct cmp_tail : pg::sor<tail<op_eq, add_expr>, tail<op_ne, add_expr>, tail<op_le, add_expr>,
                          tail<op_lt, add_expr>, tail<op_ge, add_expr>, tail<op_gt, add_expr>,
                          tail<op_in, add_expr>> {};
struct cmp_expr : pg::seq<add_expr, pg::star<ws, cmp_tail>> {};
struct and_expr : pg::seq<cmp_expr, pg::star<ws, tail<op_and, cmp_expr>>> {};
struct or_expr : pg::seq<and_expr, pg::star<ws, tail<op_or, and_expr>>> {};

// Conditional, right-associative.
struct question : pg::one<'?'> {};
struct cond_then : pg::seq<expression> {};
struct cond_colon : pg::one<':'> {};
struct cond_else : pg::seq<expression> {};
struct cond_tail
    : pg::seq<question, ws, pg::must<cond_then>, ws, pg::must<cond_colon>, ws, pg::must<cond_else>> {};
struct expression : pg::seq<or_expr, pg::opt<ws, cond_tail>> {};

// A whole predicate.
struct required_expression : pg::seq<expression> {};
struct end_of_text : pg::eof {};
struct grammar : pg::seq<ws, pg::must<required_expression>, ws, pg::must<end_of_text>> {};

}  // namespace luohu::predicate::grammar
