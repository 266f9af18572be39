// Compiling a checked syntax tree into Code (program.hpp) and running it.
// Each entry point spends exactly the steps the interpreter (evaluate.cpp)
// spends for the same node, so the two agree even on a budget running out.
#include "predicate/program.hpp"

#include "predicate/semantics.hpp"

namespace luohu::predicate {

namespace {

using Core = bool (*)(const Code&, Frame&);

const Code& kid(const Code& c, std::size_t i) { return c.kids[i]; }
const Value& ref_of(const Code& k, Frame& f, Value& tmp) { return k.ref(k, f, tmp); }
Value eval_of(const Code& k, Frame& f) { return k.eval(k, f); }
bool test_of(const Code& k, Frame& f) { return k.test(k, f); }

// --- values read in place (no step) -------------------------------------------------------------
const Value& ref_literal(const Code& c, Frame&, Value&) { return c.literal; }
const Value& ref_global(const Code& c, Frame& f, Value&) { return *f.globals[c.slot]; }
const Value& ref_local(const Code& c, Frame& f, Value&) { return *f.locals[c.slot]; }
const Value& ref_field(const Code& c, Frame& f, Value& tmp) {
  const Value& receiver = ref_of(kid(c, 0), f, tmp);  // may be tmp itself
  return read_field(receiver, c.field, c.name, tmp);
}
const Value& ref_field_of_local(const Code& c, Frame& f, Value& tmp) {
  return read_field(*f.locals[kid(c, 0).slot], c.field, c.name, tmp);
}
const Value& ref_field_of_global(const Code& c, Frame& f, Value& tmp) {
  return read_field(*f.globals[kid(c, 0).slot], c.field, c.name, tmp);
}
const Value& ref_by_eval(const Code& c, Frame& f, Value& tmp) {
  tmp = c.eval(c, f);
  return tmp;
}

// --- truths --------------------------------------------------------------------------------------
// A node with no boolean core: one step for the test, then its value's truth.
bool test_by_value(const Code& c, Frame& f) {
  f.spend(1);
  Value tmp;
  return truth(c.ref(c, f, tmp));
}
// A boolean operator: the interpreter's test (one step) of its eval (one step).
template <Core C>
bool test_bool(const Code& c, Frame& f) {
  f.spend(2);
  return C(c, f);
}
template <Core C>
Value eval_bool(const Code& c, Frame& f) {
  f.spend(1);
  return Value(C(c, f));
}

bool core_not(const Code& c, Frame& f) { return !test_of(kid(c, 0), f); }
bool core_and(const Code& c, Frame& f) { return test_of(kid(c, 0), f) && test_of(kid(c, 1), f); }
bool core_or(const Code& c, Frame& f) { return test_of(kid(c, 0), f) || test_of(kid(c, 1), f); }
bool core_eq(const Code& c, Frame& f) {
  Value lt, rt;
  const Value& l = ref_of(kid(c, 0), f, lt);
  return l == ref_of(kid(c, 1), f, rt);
}
bool core_ne(const Code& c, Frame& f) { return !core_eq(c, f); }
// x == 'literal': kids[0] is x, the literal is c.literal (a string).
bool core_eq_string(const Code& c, Frame& f) {
  Value tmp;
  const Value& v = ref_of(kid(c, 0), f, tmp);
  return v.is_string() && v.as_string() == c.literal.as_string();
}
bool core_ne_string(const Code& c, Frame& f) { return !core_eq_string(c, f); }
bool core_ordering(const Code& c, Frame& f) {
  Value lt, rt;
  const Value& l = ref_of(kid(c, 0), f, lt);
  return ordering(c.op, l, ref_of(kid(c, 1), f, rt));
}
bool core_in(const Code& c, Frame& f) {
  Value lt, rt;
  const Value& needle = ref_of(kid(c, 0), f, lt);
  return contains(needle, ref_of(kid(c, 1), f, rt));
}

// Macros: kids[0] the list, kids[1] the body, c.slot the bound local.
template <typename Each>
void iterate(const Code& c, Frame& f, Each&& each) {
  Value tmp;
  const ValueList* list = elements(ref_of(kid(c, 0), f, tmp), "a macro");
  if (!list) return;
  const Value*& slot = f.locals[c.slot];
  for (const Value& v : *list) {
    slot = &v;
    if (!each(v)) return;
  }
}
bool core_exists(const Code& c, Frame& f) {
  bool found = false;
  iterate(c, f, [&](const Value&) { return !(found = test_of(kid(c, 1), f)); });
  return found;
}
bool core_all(const Code& c, Frame& f) {
  bool all = true;
  iterate(c, f, [&](const Value&) { return all = test_of(kid(c, 1), f); });
  return all;
}
bool core_exists_one(const Code& c, Frame& f) {
  int found = 0;
  iterate(c, f, [&](const Value&) { return !(test_of(kid(c, 1), f) && ++found > 1); });
  return found == 1;
}

// --- values ------------------------------------------------------------------------------------
Value eval_leaf(const Code& c, Frame& f) {
  f.spend(1);
  Value tmp;
  return c.ref(c, f, tmp);
}
Value eval_filter(const Code& c, Frame& f) {
  f.spend(1);
  ValueList out;
  iterate(c, f, [&](const Value& v) {
    if (test_of(kid(c, 1), f)) out.push_back(v);
    return true;
  });
  return Value(std::move(out));
}
Value eval_map(const Code& c, Frame& f) {
  f.spend(1);
  ValueList out;
  iterate(c, f, [&](const Value&) {
    out.push_back(eval_of(kid(c, 1), f));
    return true;
  });
  return Value(std::move(out));
}
Value eval_list(const Code& c, Frame& f) {
  f.spend(1);
  ValueList out;
  out.reserve(c.kids.size());
  for (const auto& k : c.kids) out.push_back(eval_of(k, f));
  return Value(std::move(out));
}
Value eval_cond(const Code& c, Frame& f) {
  f.spend(1);
  return test_of(kid(c, 0), f) ? eval_of(kid(c, 1), f) : eval_of(kid(c, 2), f);
}
Value eval_arithmetic(const Code& c, Frame& f) {
  f.spend(1);
  Value lt, rt;
  const Value& l = ref_of(kid(c, 0), f, lt);
  return arithmetic(c.op, l, ref_of(kid(c, 1), f, rt));
}
Value eval_negate(const Code& c, Frame& f) {
  f.spend(1);
  Value tmp;
  return negate(ref_of(kid(c, 0), f, tmp));
}
Value eval_aggregate(const Code& c, Frame& f) {
  f.spend(1);
  Value tmp;
  return aggregate(c.op, ref_of(kid(c, 0), f, tmp), f);
}
Value eval_unresolved(const Code&, Frame& f) {
  f.spend(1);
  throw EvalError("internal error: unresolved node in a compiled expression");
}

template <Core C>
void boolean(Code& c) {
  c.eval = eval_bool<C>;
  c.ref = ref_by_eval;
  c.test = test_bool<C>;
}

bool is_string_literal(const Node& n) { return n.op == Op::Literal && n.literal.is_string(); }

Code compile(const Node& n) {
  Code c;
  c.op = n.op;
  c.slot = n.slot;
  c.name = n.name;
  c.eval = eval_unresolved;
  c.ref = ref_by_eval;
  c.test = test_by_value;
  // x == 'text' (either side): the string compared in place.
  if ((n.op == Op::Eq || n.op == Op::Ne) && (is_string_literal(*n.kids[0]) || is_string_literal(*n.kids[1]))) {
    const bool literal_left = is_string_literal(*n.kids[0]);
    c.literal = (literal_left ? n.kids[0] : n.kids[1])->literal;
    c.kids.push_back(compile(*(literal_left ? n.kids[1] : n.kids[0])));
    if (n.op == Op::Eq) boolean<core_eq_string>(c); else boolean<core_ne_string>(c);
    return c;
  }
  c.kids.reserve(n.kids.size());
  for (const auto& k : n.kids) c.kids.push_back(compile(*k));
  switch (n.op) {
    case Op::Literal:
      c.literal = n.literal;
      c.eval = eval_leaf;
      c.ref = ref_literal;
      break;
    case Op::Global:
      c.eval = eval_leaf;
      c.ref = ref_global;
      break;
    case Op::Local:
      c.eval = eval_leaf;
      c.ref = ref_local;
      break;
    case Op::Field:
      c.field = static_cast<FieldId>(n.slot);
      c.eval = eval_leaf;
      c.ref = n.kids[0]->op == Op::Local    ? ref_field_of_local
              : n.kids[0]->op == Op::Global ? ref_field_of_global
                                            : ref_field;
      break;
    case Op::Not: boolean<core_not>(c); break;
    case Op::And: boolean<core_and>(c); break;
    case Op::Or: boolean<core_or>(c); break;
    case Op::Eq: boolean<core_eq>(c); break;
    case Op::Ne: boolean<core_ne>(c); break;
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge: boolean<core_ordering>(c); break;
    case Op::In: boolean<core_in>(c); break;
    case Op::Exists: boolean<core_exists>(c); break;
    case Op::All: boolean<core_all>(c); break;
    case Op::ExistsOne: boolean<core_exists_one>(c); break;
    case Op::Filter: c.eval = eval_filter; break;
    case Op::Map: c.eval = eval_map; break;
    case Op::List: c.eval = eval_list; break;
    case Op::Cond: c.eval = eval_cond; break;
    case Op::Mul:
    case Op::Div:
    case Op::Add:
    case Op::Sub: c.eval = eval_arithmetic; break;
    case Op::Neg: c.eval = eval_negate; break;
    case Op::Size:
    case Op::Sum:
    case Op::Min:
    case Op::Max:
    case Op::Flatten:
    case Op::Label: c.eval = eval_aggregate; break;
    default: break;  // unresolved: eval_unresolved, as the interpreter
  }
  return c;
}

}  // namespace

Program::Program(const Node& root) : body_(compile(*root.kids[0])), locals_(root.slot) {
  for (std::size_t i = 1; i < root.kids.size(); ++i) globals_.push_back(root.kids[i]->name);
}

Value Program::run(const Value* const* globals, const Environment& env) const {
  Slots locals(locals_);
  Frame frame{globals, locals.data(), &env, env.step_budget};
  return body_.eval(body_, frame);
}

Value evaluate(const Expression& expression, const Environment& env) {
  const Program& program = expression.program();
  Slots globals(program.globals().size());
  bind_globals(program.globals(), env.variables, globals.data());
  return program.run(globals.data(), env);
}

}  // namespace luohu::predicate
