// The predicate syntax tree. The parser builds it with unresolved names
// (Name, Call, Method); the checker resolves those in place into variable
// slots, functions and macros, so the evaluator only switches on `op`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/value.hpp"

namespace luohu::predicate {

enum class Op : std::uint8_t {
  // Parser output, resolved by the checker.
  Name,    // identifier; `name`
  Call,    // name(args...); `name`, kids = args
  Method,  // receiver.name(args...); kids = receiver, args...
  // Resolved forms.
  Literal,  // `literal`
  List,     // [kids...]
  Global,   // environment variable; `slot` indexes the root's global list
  Local,    // macro-bound variable; `slot` indexes the evaluation's locals
  Field,    // kids[0].name; `slot` is the name's FieldId (model/field_id.hpp)
  Not,
  Neg,
  Mul,
  Div,
  Add,
  Sub,
  Lt,
  Le,
  Gt,
  Ge,
  Eq,
  Ne,
  In,
  And,
  Or,
  Cond,       // kids[0] ? kids[1] : kids[2]
  Exists,     // kids[0] = list, kids[1] = predicate, `slot` = bound local
  All,
  ExistsOne,
  Filter,
  Map,
  Size,  // kids[0]
  Sum,
  Min,
  Max,
  Flatten,
  Label,
  // The root of a compiled expression: kids[0] is the body, kids[1..] are
  // Name nodes naming the global slots in order; `slot` is the local count.
  Root,
};

struct Node {
  Op op = Op::Literal;
  std::uint32_t begin = 0;   // byte offset where this subexpression starts
  std::uint32_t pos = 0;     // byte offset of the token a diagnostic points at
  std::uint32_t slot = 0;    // see Op
  std::uint32_t height = 1;  // 1 + the tallest child (bounds recursion)
  std::string name;          // identifier, field, function or method name
  Value literal;
  std::vector<std::unique_ptr<Node>> kids;
};

// Deepest nesting of parentheses, brackets, unary operators and calls.
inline constexpr std::size_t kMaxNesting = 256;
// Tallest syntax tree (long operator chains grow it without nesting).
inline constexpr std::uint32_t kMaxHeight = 512;

}  // namespace luohu::predicate
