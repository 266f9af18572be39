// Tree-walking evaluator. Variables are pre-resolved to slots by the checker;
// macro variables are pointers into the list being iterated, so binding an
// element copies nothing. Operands that are literals or variables are read in
// place (see `ref`) rather than copied.
//
// Null semantics (docs/predicates.md): a field of null is null; arithmetic
// with null is null; ordering with null is false; null in a boolean position
// (&&, ||, !, ?:, macro predicates) counts as false; a null list behaves as an
// empty one (macros, size, sum, in, +); min/max of no numbers is null.
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "predicate/node.hpp"
#include "predicate/predicate.hpp"
#include "predicate/text.hpp"

namespace luohu::predicate {

namespace {

struct Frame {
  const Value* const* globals;
  const Value** locals;
  const Environment* env;
  std::uint64_t steps_left;
  void spend(std::uint64_t n) {
    if (n > steps_left) {
      throw EvalError("evaluation budget exceeded: more than " + std::to_string(env->step_budget) +
                      " steps (nested map/exists over long lists?)");
    }
    steps_left -= n;
  }
};

Value eval(const Node& n, Frame& f);
const Value& field(const Node& n, Frame& f, Value& tmp);

const Value& ref(const Node& n, Frame& f, Value& tmp) {
  switch (n.op) {
    case Op::Literal: return n.literal;
    case Op::Global: return *f.globals[n.slot];
    case Op::Local: return *f.locals[n.slot];
    case Op::Field: return field(n, f, tmp);
    default:
      tmp = eval(n, f);
      return tmp;
  }
}

[[noreturn]] void type_error(const std::string& what, const Value& got) {
  throw EvalError(what + ", got " + got.type_name());
}

// A field read in place: model objects keep their lists and strings, so an
// access inside a macro loop copies nothing.
const Value& field(const Node& n, Frame& f, Value& tmp) {
  const Value& receiver = ref(*n.kids[0], f, tmp);  // may be tmp itself
  if (receiver.is_null()) {
    tmp = Value();
    return tmp;
  }
  if (!receiver.is_object()) type_error("cannot read field '" + n.name + "'", receiver);
  const ModelObject* object = receiver.as_object();
  const auto id = static_cast<FieldId>(n.slot);
  if (id == FieldId::none) {
    tmp = object->field(n.name);
    return tmp;
  }
  return object->field_ref(id, tmp);
}

bool truth(const Value& v) {
  if (v.is_bool()) return v.as_bool();
  if (v.is_null()) return false;
  type_error("expected bool", v);
}

bool test(const Node& n, Frame& f) {
  f.spend(1);  // one macro iteration
  Value tmp;
  return truth(ref(n, f, tmp));
}

// The elements of a list value, or nullptr for null (an empty list).
const ValueList* elements(const Value& v, const char* what) {
  if (v.is_null()) return nullptr;
  if (!v.is_list()) type_error(std::string(what) + " needs a list", v);
  return &v.as_list();
}

double number(const Value& v, const char* what) {
  if (!v.is_number()) type_error(std::string(what) + " needs numbers", v);
  return v.as_number();
}

Value arithmetic(const Node& n, Frame& f) {
  Value lt, rt;
  const Value& l = ref(*n.kids[0], f, lt);
  const Value& r = ref(*n.kids[1], f, rt);
  if (n.op == Op::Add) {
    if (l.is_string() && r.is_string()) return Value(l.as_string() + r.as_string());
    if (l.is_list() || r.is_list()) {
      const ValueList* a = elements(l, "'+'");
      const ValueList* b = elements(r, "'+'");
      ValueList joined;
      joined.reserve((a ? a->size() : 0) + (b ? b->size() : 0));
      if (a) joined.insert(joined.end(), a->begin(), a->end());
      if (b) joined.insert(joined.end(), b->begin(), b->end());
      return Value(std::move(joined));
    }
  }
  if (l.is_null() || r.is_null()) return Value();
  const double a = number(l, "arithmetic");
  const double b = number(r, "arithmetic");
  switch (n.op) {
    case Op::Add: return Value(a + b);
    case Op::Sub: return Value(a - b);
    case Op::Mul: return Value(a * b);
    default:
      if (b == 0) throw EvalError("division by zero");
      return Value(a / b);
  }
}

bool ordering(const Node& n, Frame& f) {
  Value lt, rt;
  const Value& l = ref(*n.kids[0], f, lt);
  const Value& r = ref(*n.kids[1], f, rt);
  if (l.is_null() || r.is_null()) return false;
  int c = 0;
  if (l.is_string() && r.is_string()) {
    c = l.as_string().compare(r.as_string());  // bytewise
  } else {
    const double a = number(l, "ordering");
    const double b = number(r, "ordering");
    if (a != a || b != b) return false;
    c = a < b ? -1 : (a > b ? 1 : 0);
  }
  switch (n.op) {
    case Op::Lt: return c < 0;
    case Op::Le: return c <= 0;
    case Op::Gt: return c > 0;
    default: return c >= 0;
  }
}

Value macro(const Node& n, Frame& f) {
  Value tmp;
  const ValueList* list = elements(ref(*n.kids[0], f, tmp), "a macro");
  const Node& body = *n.kids[1];
  const Value*& slot = f.locals[n.slot];
  switch (n.op) {
    case Op::Exists:
      if (list) {
        for (const Value& v : *list) {
          slot = &v;
          if (test(body, f)) return Value(true);
        }
      }
      return Value(false);
    case Op::All:
      if (list) {
        for (const Value& v : *list) {
          slot = &v;
          if (!test(body, f)) return Value(false);
        }
      }
      return Value(true);
    case Op::ExistsOne: {
      int found = 0;
      if (list) {
        for (const Value& v : *list) {
          slot = &v;
          if (test(body, f) && ++found > 1) return Value(false);
        }
      }
      return Value(found == 1);
    }
    case Op::Filter: {
      ValueList out;
      if (list) {
        for (const Value& v : *list) {
          slot = &v;
          if (test(body, f)) out.push_back(v);
        }
      }
      return Value(std::move(out));
    }
    default: {  // Map
      ValueList out;
      if (list) {
        out.reserve(list->size());
        for (const Value& v : *list) {
          slot = &v;
          out.push_back(eval(body, f));
        }
      }
      return Value(std::move(out));
    }
  }
}

Value aggregate(const Node& n, Frame& f) {
  Value tmp;
  const Value& arg = ref(*n.kids[0], f, tmp);
  if (n.op == Op::Size) {
    if (arg.is_string()) return Value(static_cast<double>(count_characters(arg.as_string())));
    const ValueList* list = elements(arg, "'size'");
    return Value(static_cast<double>(list ? list->size() : 0));
  }
  if (n.op == Op::Label) {
    const auto& label = f.env->label;
    if (arg.is_null()) return Value();
    if (arg.is_string()) return Value(label ? label(arg.as_string()) : arg.as_string());
    const ValueList* list = elements(arg, "'label'");
    ValueList out;
    for (const Value& v : *list) out.push_back(v.is_string() && label ? Value(label(v.as_string())) : v);
    return Value(std::move(out));
  }
  const ValueList* list = elements(arg, n.op == Op::Flatten ? "'flatten'" : "'sum', 'min' and 'max'");
  if (n.op == Op::Flatten) {
    ValueList out;
    if (list) {
      for (const Value& v : *list) {
        if (v.is_list()) {
          f.spend(v.as_list().size());
          out.insert(out.end(), v.as_list().begin(), v.as_list().end());
        } else if (!v.is_null()) {
          out.push_back(v);
        }
      }
    }
    return Value(std::move(out));
  }
  double total = 0;
  bool any = false;
  if (list) {
    for (const Value& v : *list) {
      if (v.is_null()) continue;
      const double x = number(v, "'sum', 'min' and 'max'");
      if (n.op == Op::Sum) {
        total += x;
      } else if (!any) {
        total = x;
      } else {
        total = n.op == Op::Min ? std::min(total, x) : std::max(total, x);
      }
      any = true;
    }
  }
  if (n.op != Op::Sum && !any) return Value();
  return Value(total);
}

Value eval(const Node& n, Frame& f) {
  f.spend(1);
  switch (n.op) {
    case Op::Literal: return n.literal;
    case Op::Global: return *f.globals[n.slot];
    case Op::Local: return *f.locals[n.slot];
    case Op::List: {
      ValueList out;
      out.reserve(n.kids.size());
      for (const auto& kid : n.kids) out.push_back(eval(*kid, f));
      return Value(std::move(out));
    }
    case Op::Field: {
      Value tmp;
      return field(n, f, tmp);
    }
    case Op::Not: return Value(!test(*n.kids[0], f));
    case Op::Neg: {
      Value tmp;
      const Value& v = ref(*n.kids[0], f, tmp);
      if (v.is_null()) return Value();
      return Value(-number(v, "'-'"));
    }
    case Op::Mul:
    case Op::Div:
    case Op::Add:
    case Op::Sub: return arithmetic(n, f);
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: return Value(ordering(n, f));
    case Op::Eq:
    case Op::Ne: {
      Value lt, rt;
      const bool equal = ref(*n.kids[0], f, lt) == ref(*n.kids[1], f, rt);
      return Value(n.op == Op::Eq ? equal : !equal);
    }
    case Op::In: {
      Value lt, rt;
      const Value& needle = ref(*n.kids[0], f, lt);
      const ValueList* list = elements(ref(*n.kids[1], f, rt), "'in'");
      return Value(list && std::find(list->begin(), list->end(), needle) != list->end());
    }
    case Op::And: return Value(test(*n.kids[0], f) && test(*n.kids[1], f));
    case Op::Or: return Value(test(*n.kids[0], f) || test(*n.kids[1], f));
    case Op::Cond: return test(*n.kids[0], f) ? eval(*n.kids[1], f) : eval(*n.kids[2], f);
    case Op::Exists:
    case Op::All:
    case Op::ExistsOne:
    case Op::Filter:
    case Op::Map: return macro(n, f);
    case Op::Size:
    case Op::Sum:
    case Op::Min:
    case Op::Max:
    case Op::Flatten:
    case Op::Label: return aggregate(n, f);
    default: throw EvalError("internal error: unresolved node in a compiled expression");
  }
}

}  // namespace

Value evaluate(const Expression& expression, const Environment& env) {
  const Node* root = expression.root().get();
  if (!root || root->op != Op::Root) throw EvalError("internal error: not a compiled expression");
  constexpr std::size_t kInline = 16;
  const std::size_t globals = root->kids.size() - 1;
  std::array<const Value*, kInline> global_buffer{};
  std::array<const Value*, kInline> local_buffer{};
  std::vector<const Value*> global_heap, local_heap;
  const Value** global_slots = global_buffer.data();
  const Value** local_slots = local_buffer.data();
  if (globals > kInline) {
    global_heap.resize(globals);
    global_slots = global_heap.data();
  }
  if (root->slot > kInline) {
    local_heap.resize(root->slot);
    local_slots = local_heap.data();
  }
  for (std::size_t i = 0; i < globals; ++i) {
    const std::string& name = root->kids[i + 1]->name;
    auto it = env.variables.find(name);
    if (it == env.variables.end()) throw EvalError("variable '" + name + "' is not set");
    global_slots[i] = &it->second;
  }
  Frame frame{global_slots, local_slots, &env, env.step_budget};
  return eval(*root->kids[0], frame);
}

}  // namespace luohu::predicate
