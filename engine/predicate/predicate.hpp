// The rule predicate language: a small, CEL-like expression language over the
// policy model, parsed with PEGTL and type-checked against a Schema when a
// rule is loaded. See docs/predicates.md.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/field_id.hpp"
#include "model/schema.hpp"
#include "model/value.hpp"

namespace luohu::predicate {

struct Node;     // syntax tree node, private to the implementation
class Program;   // the compiled form of a checked tree (program.hpp), private too

// A problem in an expression's text; line/column are 1-based, column in
// characters (not bytes) from the start of the expression text.
struct Error {
  std::string message;
  std::uint32_t line = 1;
  std::uint32_t column = 1;
};

// Variables visible to an expression when it is compiled.
using Scope = std::map<std::string, Type, std::less<>>;

// A checked expression: its syntax tree (what the interpreter walks and
// may_read inspects) and the program compiled from it once, when it was
// compiled (what evaluate runs).
class Expression {
 public:
  const Type& type() const { return type_; }
  const std::string& text() const { return text_; }
  std::shared_ptr<const Node> root() const { return root_; }
  const Program& program() const { return *program_; }
  Expression(std::shared_ptr<const Node> root, std::shared_ptr<const Program> program, Type type, std::string text)
      : root_(std::move(root)), program_(std::move(program)), type_(std::move(type)), text_(std::move(text)) {}

 private:
  std::shared_ptr<const Node> root_;
  std::shared_ptr<const Program> program_;
  Type type_;
  std::string text_;
};

struct CompileResult {
  std::optional<Expression> expression;  // set iff errors is empty
  std::vector<Error> errors;
};

// Parses and type-checks. Unknown variables, unknown fields (per schema),
// unknown functions, wrong argument counts and operand type mismatches are
// errors here, never at evaluation.
CompileResult compile(std::string_view text, const Schema& schema, const Scope& scope);

// Variables by name. A rule binds a handful (policy, city, its for_each
// names, it), so a flat list searched in order beats a map.
class Variables {
 public:
  Variables() = default;
  Variables(std::initializer_list<std::pair<std::string, Value>> entries) : entries_(entries) {}
  Value& operator[](std::string_view name);  // adds a null variable when absent
  const Value* find(std::string_view name) const;
  void erase(std::string_view name);

 private:
  std::vector<std::pair<std::string, Value>> entries_;
};

// Runtime variables plus the hook that localises vocabulary ids for label().
struct Environment {
  Variables variables;
  // label('college_graduate') -> "高校毕业生" / "college graduates"; identity if unset.
  std::function<std::string(const std::string&)> label;
  // How render() joins list elements: "、" in Chinese, ", " in English.
  std::string list_separator = "、";
  // At most this many evaluation steps (nodes evaluated, elements copied) per
  // evaluate(): a rule nesting map or exists could run for hours or exhaust
  // memory. Past it, EvalError "evaluation budget exceeded".
  std::uint64_t step_budget = kDefaultStepBudget;
  static constexpr std::uint64_t kDefaultStepBudget = 10'000'000;
};

class EvalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Evaluates the compiled program; throws EvalError only for conditions the
// type checker cannot exclude (e.g. division by zero).
Value evaluate(const Expression& expression, const Environment& env);

// The same by walking the syntax tree: the reference the compiled program is
// tested against (tests/predicate_agreement_test.cpp). Same values, same
// errors, same steps spent.
Value interpret(const Expression& expression, const Environment& env);

// A message template: literal text with {expression} holes, e.g.
// "社会保险年限要求 {it.years} 年". "{{" and "}}" are literal braces.
class Template {
 public:
  struct Segment {
    std::string literal;                  // used when expression is empty
    std::optional<Expression> expression;
  };
  explicit Template(std::vector<Segment> segments) : segments_(std::move(segments)) {}
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  std::vector<Segment> segments_;
};

struct TemplateResult {
  std::optional<Template> value;
  std::vector<Error> errors;
};

TemplateResult compile_template(std::string_view text, const Schema& schema, const Scope& scope);

// Whether evaluating may read a field `which` accepts. Fields are resolved to
// a FieldId when compiled; one read by name counts as FieldId::none.
bool may_read(const Expression& e, const std::function<bool(FieldId)>& which);
bool may_read(const Template& t, const std::function<bool(FieldId)>& which);

// Numbers render without a trailing ".0" (3, 0.5); lists as "a、b" with
// each element rendered; strings go through env.label.
std::string render(const Template& t, const Environment& env);

}  // namespace luohu::predicate
