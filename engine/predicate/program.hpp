// Internal: the compiled form of a checked expression, built once when the
// expression is compiled (at pack load, and again when the start-up snapshot
// is decoded, docs/cache.md). Each node of the syntax tree becomes a Code
// with its entry points chosen for its operator and the shape of its operands
// (a comparison with a string literal, a field of a macro variable, a boolean
// operator in a boolean position), so evaluating is a chain of direct calls
// with no switch over operators and no boxing of intermediate booleans.
// Meaning lives in semantics.hpp, shared with the interpreter it must agree
// with (tests/predicate_agreement_test.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model/value.hpp"
#include "predicate/node.hpp"
#include "predicate/predicate.hpp"

namespace luohu::predicate {

struct Frame;

// One compiled node. The three entry points mirror the interpreter's and
// spend the same steps: `eval` a value (one step), `ref` a value read in place
// where one exists (literals, variables, fields: no step; else `eval`),
// `test` a truth (one step, plus `ref`'s).
struct Code {
  Value (*eval)(const Code&, Frame&) = nullptr;
  const Value& (*ref)(const Code&, Frame&, Value& tmp) = nullptr;
  bool (*test)(const Code&, Frame&) = nullptr;
  Op op = Op::Literal;
  std::uint32_t slot = 0;  // as in Node
  FieldId field = FieldId::none;
  std::string name;        // a field's name, for errors and reads by name
  Value literal;           // a Literal's value; the string operand of a string comparison
  std::vector<Code> kids;
};

class Program {
 public:
  // `root` is an Op::Root node (predicate.cpp, compile_part).
  explicit Program(const Node& root);
  // `globals[i]` is the value of globals()[i].
  Value run(const Value* const* globals, const Environment& env) const;
  const std::vector<std::string>& globals() const { return globals_; }

 private:
  Code body_;
  std::uint32_t locals_ = 0;
  std::vector<std::string> globals_;
};

}  // namespace luohu::predicate
