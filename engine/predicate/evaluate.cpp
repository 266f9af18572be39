// The tree-walking interpreter: the reference semantics the compiled program
// (program.cpp) is tested against. Variables are pre-resolved to slots by the
// checker; macro variables are pointers into the list being iterated, so
// binding an element copies nothing. Operands that are literals or variables
// are read in place (see `ref`) rather than copied.
//
// Null semantics (docs/predicates.md): a field of null is null; arithmetic
// with null is null; ordering with null is false; null in a boolean position
// (&&, ||, !, ?:, macro predicates) counts as false; a null list behaves as an
// empty one (macros, size, sum, in, +); min/max of no numbers is null.
#include "predicate/node.hpp"
#include "predicate/predicate.hpp"
#include "predicate/semantics.hpp"

namespace luohu::predicate {

namespace {

Value eval(const Node& n, Frame& f);

const Value& ref(const Node& n, Frame& f, Value& tmp) {
  switch (n.op) {
    case Op::Literal: return n.literal;
    case Op::Global: return *f.globals[n.slot];
    case Op::Local: return *f.locals[n.slot];
    case Op::Field: {
      const Value& receiver = ref(*n.kids[0], f, tmp);  // may be tmp itself
      return read_field(receiver, static_cast<FieldId>(n.slot), n.name, tmp);
    }
    default:
      tmp = eval(n, f);
      return tmp;
  }
}

bool test(const Node& n, Frame& f) {
  f.spend(1);
  Value tmp;
  return truth(ref(n, f, tmp));
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
      return ref(n, f, tmp);
    }
    case Op::Not: return Value(!test(*n.kids[0], f));
    case Op::Neg: {
      Value tmp;
      return negate(ref(*n.kids[0], f, tmp));
    }
    case Op::Mul:
    case Op::Div:
    case Op::Add:
    case Op::Sub: {
      Value lt, rt;
      const Value& l = ref(*n.kids[0], f, lt);
      return arithmetic(n.op, l, ref(*n.kids[1], f, rt));
    }
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: {
      Value lt, rt;
      const Value& l = ref(*n.kids[0], f, lt);
      return Value(ordering(n.op, l, ref(*n.kids[1], f, rt)));
    }
    case Op::Eq:
    case Op::Ne: {
      Value lt, rt;
      const bool equal = ref(*n.kids[0], f, lt) == ref(*n.kids[1], f, rt);
      return Value(n.op == Op::Eq ? equal : !equal);
    }
    case Op::In: {
      Value lt, rt;
      const Value& needle = ref(*n.kids[0], f, lt);
      return Value(contains(needle, ref(*n.kids[1], f, rt)));
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
    case Op::Label: {
      Value tmp;
      return aggregate(n.op, ref(*n.kids[0], f, tmp), f);
    }
    default: throw EvalError("internal error: unresolved node in a compiled expression");
  }
}

}  // namespace

Value interpret(const Expression& expression, const Environment& env) {
  const Node* root = expression.root().get();
  if (!root || root->op != Op::Root) throw EvalError("internal error: not a compiled expression");
  std::vector<std::string> globals;
  for (std::size_t i = 1; i < root->kids.size(); ++i) globals.push_back(root->kids[i]->name);
  Slots global_slots(globals.size());
  Slots local_slots(root->slot);
  bind_globals(globals, env.variables, global_slots.data());
  Frame frame{global_slots.data(), local_slots.data(), &env, env.step_budget};
  return eval(*root->kids[0], frame);
}

}  // namespace luohu::predicate
