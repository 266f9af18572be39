// What the parser says when a must<> point fails, keyed by rule, and the
// control that raises those messages and bounds the nesting depth.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>

#include <tao/pegtl.hpp>

#include "predicate/grammar.hpp"
#include "predicate/node.hpp"

namespace luohu::predicate {

// Parser state shared by the control and the actions (see actions.hpp).
struct ParseState;

namespace errors {

using namespace grammar;

template <typename Rule>
inline constexpr const char* message = nullptr;

template <> inline constexpr const char* message<required_expression> = "expected an expression";
template <> inline constexpr const char* message<end_of_text> = "expected an operator or the end of the expression";
template <> inline constexpr const char* message<paren_body> = "expected an expression after '('";
template <> inline constexpr const char* message<paren_close> = "expected ')' to close '('";
template <> inline constexpr const char* message<list_close> = "expected ']' to close '['";
template <> inline constexpr const char* message<call_close> = "expected ')' to close the argument list";
template <> inline constexpr const char* message<after_comma> = "expected an expression after ','";
template <> inline constexpr const char* message<member_name> = "expected a field or method name after '.'";
template <> inline constexpr const char* message<operand<op_not>> = "expected an expression after '!'";
template <> inline constexpr const char* message<operand<op_neg>> = "expected an expression after '-'";
template <> inline constexpr const char* message<cond_then> = "expected an expression after '?'";
template <> inline constexpr const char* message<cond_colon> = "expected ':' after the '?' branch";
template <> inline constexpr const char* message<cond_else> = "expected an expression after ':'";
template <> inline constexpr const char* message<escape_code> =
    "unknown escape sequence; use \\n, \\t, \\r, \\\\, \\', \\\" or \\uXXXX";
template <> inline constexpr const char* message<quote_close<'\''>> = "expected ' to end the string";
template <> inline constexpr const char* message<quote_close<'"'>> = "expected \" to end the string";

template <typename Op, typename Operand>
inline constexpr const char* message<rhs<Op, Operand>> = "expected an expression after the operator";

// "unexpected 'foo'" plus a hint for common slips ('=', '&', '|').
std::string unexpected(const char* at, const char* end);

}  // namespace errors

void enter_nesting(ParseState& state, std::size_t offset);
void leave_nesting(ParseState& state);
std::size_t offset_of(const ParseState& state, const char* at);

template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename Input>
  static void start(const Input& in, ParseState& state) {
    if constexpr (std::is_same_v<Rule, grammar::unary>) enter_nesting(state, offset_of(state, in.current()));
  }
  template <typename Input>
  static void success(const Input&, ParseState& state) {
    if constexpr (std::is_same_v<Rule, grammar::unary>) leave_nesting(state);
  }
  template <typename Input>
  static void failure(const Input&, ParseState& state) {
    if constexpr (std::is_same_v<Rule, grammar::unary>) leave_nesting(state);
  }

  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&...) {
    static_assert(errors::message<Rule> != nullptr, "a must<> point without an error message");
    if constexpr (std::is_same_v<Rule, grammar::end_of_text>) {
      throw tao::pegtl::parse_error(errors::unexpected(in.current(), in.end()), in);
    } else if constexpr (is_rhs<Rule>::value) {
      throw tao::pegtl::parse_error(
          std::string("expected an expression after '") + is_rhs<Rule>::op::spelling + "'", in);
    } else {
      throw tao::pegtl::parse_error(errors::message<Rule>, in);
    }
  }

 private:
  template <typename R>
  struct is_rhs : std::false_type {};
  template <typename Op, typename Operand>
  struct is_rhs<grammar::rhs<Op, Operand>> : std::true_type {
    using op = Op;
  };
};

}  // namespace luohu::predicate
