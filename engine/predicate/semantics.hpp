// Internal: what each operator means on values, shared by the two evaluators
// (the tree-walking interpreter, evaluate.cpp, and the compiled program,
// program.cpp), so they differ only in how they reach these, never in what
// a value means. Null semantics: docs/predicates.md and evaluate.cpp.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/value.hpp"
#include "predicate/node.hpp"
#include "predicate/predicate.hpp"

namespace luohu::predicate {

// One evaluation's state: variable slots, the environment and the step
// budget left. Both evaluators spend the same steps for the same work (one
// per node evaluated, one per macro iteration, one per element flattened), so
// a budget runs out at the same point in either.
struct Frame {
  const Value* const* globals;
  const Value** locals;
  const Environment* env;
  std::uint64_t steps_left;
  void spend(std::uint64_t n) {
    if (n > steps_left) budget_exceeded();
    steps_left -= n;
  }
  [[noreturn]] void budget_exceeded() const;
};

[[noreturn]] void type_error(const std::string& what, const Value& got);

// null counts as false; anything but a bool or null is a type error.
inline bool truth(const Value& v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_null()) return false;
  type_error("expected bool", v);
}

// The elements of a list value, or nullptr for null (an empty list).
const ValueList* elements(const Value& v, const char* what);

// receiver.<field>: null of null, the object's field otherwise (by id, or by
// name when the id is FieldId::none).
const Value& read_field(const Value& receiver, FieldId id, const std::string& name, Value& tmp);

Value arithmetic(Op op, const Value& l, const Value& r);    // + - * /
bool ordering(Op op, const Value& l, const Value& r);       // < <= > >=
Value negate(const Value& v);                               // unary -
bool contains(const Value& needle, const Value& haystack);  // in
// size, sum, min, max, flatten, label of one argument.
Value aggregate(Op op, const Value& arg, Frame& f);

// Variable slots for one evaluation: on the stack up to 16, else on the heap.
class Slots {
 public:
  explicit Slots(std::size_t n) {
    if (n > inline_.size()) {
      heap_.resize(n);
      data_ = heap_.data();
    }
  }
  const Value** data() { return data_; }

 private:
  std::array<const Value*, 16> inline_{};
  std::vector<const Value*> heap_;
  const Value** data_ = inline_.data();
};

// The variables an expression reads, bound in its slot order: `globals` names
// them; each must be set in `variables`.
void bind_globals(const std::vector<std::string>& globals, const Variables& variables, const Value** slots);

}  // namespace luohu::predicate
