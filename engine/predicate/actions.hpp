// PEGTL actions that build the syntax tree on a stack of nodes. Every rule
// with an action either consumes input atomically or sits behind a must<>,
// so no action ever fires for input that is later backtracked over.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <tao/pegtl.hpp>

#include "predicate/grammar.hpp"
#include "predicate/node.hpp"

namespace luohu::predicate {

// A syntax error found by an action or a limit rather than by a must<>.
struct SyntaxError {
  std::uint32_t offset = 0;
  std::string message;
};

struct ParseState {
  const char* base = nullptr;
  std::vector<std::unique_ptr<Node>> stack;
  std::vector<std::size_t> marks;  // stack sizes at '[' and call '('
  std::size_t nesting = 0;

  std::uint32_t offset(const char* at) const { return static_cast<std::uint32_t>(at - base); }
  std::unique_ptr<Node> pop() {
    auto node = std::move(stack.back());
    stack.pop_back();
    return node;
  }
  // Pushes `node` after setting its height from its children.
  void push(std::unique_ptr<Node> node);
  std::unique_ptr<Node> make(Op op, std::uint32_t begin, std::uint32_t pos) const {
    auto node = std::make_unique<Node>();
    node->op = op;
    node->begin = begin;
    node->pos = pos;
    return node;
  }
};

// Builders, out of line in actions.cpp.
void push_number(ParseState& st, const char* begin, const char* end);
void push_string(ParseState& st, const char* begin, const char* end);
void push_list(ParseState& st, const char* at);
void push_call(ParseState& st);
void push_unary(ParseState& st, Op op, const char* at);
void push_binary(ParseState& st, Op op, const char* at);
void push_cond(ParseState& st, const char* at);

namespace actions {

namespace g = grammar;

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

template <>
struct action<g::number> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { push_number(st, in.begin(), in.end()); }
};
template <>
struct action<g::single_quoted> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { push_string(st, in.begin(), in.end()); }
};
template <>
struct action<g::double_quoted> : action<g::single_quoted> {};

template <bool B>
struct push_bool {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto node = st.make(Op::Literal, st.offset(in.begin()), st.offset(in.begin()));
    node->literal = Value(B);
    st.push(std::move(node));
  }
};
template <> struct action<g::kw_true> : push_bool<true> {};
template <> struct action<g::kw_false> : push_bool<false> {};
template <>
struct action<g::kw_null> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    st.push(st.make(Op::Literal, st.offset(in.begin()), st.offset(in.begin())));
  }
};

template <>
struct action<g::name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto node = st.make(Op::Name, st.offset(in.begin()), st.offset(in.begin()));
    node->name = in.string();
    st.push(std::move(node));
  }
};
template <>
struct action<g::member_name> {
  template <typename In>
  static void apply(const In& in, ParseState& st) {
    auto receiver = st.pop();
    auto node = st.make(Op::Field, receiver->begin, st.offset(in.begin()));
    node->name = in.string();
    node->slot = static_cast<std::uint32_t>(field_id(node->name));  // resolved once, not per evaluation
    node->kids.push_back(std::move(receiver));
    st.push(std::move(node));
  }
};

template <>
struct action<g::list_open> {
  template <typename In>
  static void apply(const In&, ParseState& st) { st.marks.push_back(st.stack.size()); }
};
template <>
struct action<g::call_open> : action<g::list_open> {};
template <>
struct action<g::list> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { push_list(st, in.begin()); }
};
template <>
struct action<g::call_args> {
  template <typename In>
  static void apply(const In&, ParseState& st) { push_call(st); }
};

template <>
struct action<g::not_expr> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { push_unary(st, Op::Not, in.begin()); }
};
template <>
struct action<g::neg_expr> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { push_unary(st, Op::Neg, in.begin()); }
};

template <Op O>
struct binary {
  template <typename In>
  static void apply(const In& in, ParseState& st) { push_binary(st, O, in.begin()); }
};
template <typename X> struct action<g::tail<g::op_mul, X>> : binary<Op::Mul> {};
template <typename X> struct action<g::tail<g::op_div, X>> : binary<Op::Div> {};
template <typename X> struct action<g::tail<g::op_add, X>> : binary<Op::Add> {};
template <typename X> struct action<g::tail<g::op_sub, X>> : binary<Op::Sub> {};
template <typename X> struct action<g::tail<g::op_eq, X>> : binary<Op::Eq> {};
template <typename X> struct action<g::tail<g::op_ne, X>> : binary<Op::Ne> {};
template <typename X> struct action<g::tail<g::op_lt, X>> : binary<Op::Lt> {};
template <typename X> struct action<g::tail<g::op_le, X>> : binary<Op::Le> {};
template <typename X> struct action<g::tail<g::op_gt, X>> : binary<Op::Gt> {};
template <typename X> struct action<g::tail<g::op_ge, X>> : binary<Op::Ge> {};
template <typename X> struct action<g::tail<g::op_in, X>> : binary<Op::In> {};
template <typename X> struct action<g::tail<g::op_and, X>> : binary<Op::And> {};
template <typename X> struct action<g::tail<g::op_or, X>> : binary<Op::Or> {};

template <>
struct action<g::cond_tail> {
  template <typename In>
  static void apply(const In& in, ParseState& st) { push_cond(st, in.begin()); }
};

}  // namespace actions
}  // namespace luohu::predicate
