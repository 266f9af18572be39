// What operators mean on values (semantics.hpp), and the variable list.
#include "predicate/semantics.hpp"

#include <algorithm>

#include "predicate/text.hpp"

namespace luohu::predicate {

Value& Variables::operator[](std::string_view name) {
  for (auto& [n, v] : entries_) {
    if (n == name) return v;
  }
  return entries_.emplace_back(std::string(name), Value()).second;
}

const Value* Variables::find(std::string_view name) const {
  for (const auto& [n, v] : entries_) {
    if (n == name) return &v;
  }
  return nullptr;
}

void Variables::erase(std::string_view name) {
  std::erase_if(entries_, [&](const auto& e) { return e.first == name; });
}

void Frame::budget_exceeded() const {
  throw EvalError("evaluation budget exceeded: more than " + std::to_string(env->step_budget) +
                  " steps (nested map/exists over long lists?)");
}

void type_error(const std::string& what, const Value& got) { throw EvalError(what + ", got " + got.type_name()); }

const ValueList* elements(const Value& v, const char* what) {
  if (v.is_null()) return nullptr;
  if (!v.is_list()) type_error(std::string(what) + " needs a list", v);
  return &v.as_list();
}

namespace {
double number(const Value& v, const char* what) {
  if (!v.is_number()) type_error(std::string(what) + " needs numbers", v);
  return v.as_number();
}
}  // namespace

// Model objects keep their lists and strings, so a field read inside a macro
// loop copies nothing.
const Value& read_field(const Value& receiver, FieldId id, const std::string& name, Value& tmp) {
  if (receiver.is_null()) {
    tmp = Value();
    return tmp;
  }
  if (!receiver.is_object()) type_error("cannot read field '" + name + "'", receiver);
  const ModelObject* object = receiver.as_object();
  if (id == FieldId::none) {
    tmp = object->field(name);
    return tmp;
  }
  return object->field_ref(id, tmp);
}

Value arithmetic(Op op, const Value& l, const Value& r) {
  if (op == Op::Add) {
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
  switch (op) {
    case Op::Add: return Value(a + b);
    case Op::Sub: return Value(a - b);
    case Op::Mul: return Value(a * b);
    default:
      if (b == 0) throw EvalError("division by zero");
      return Value(a / b);
  }
}

bool ordering(Op op, const Value& l, const Value& r) {
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
  switch (op) {
    case Op::Lt: return c < 0;
    case Op::Le: return c <= 0;
    case Op::Gt: return c > 0;
    default: return c >= 0;
  }
}

Value negate(const Value& v) {
  if (v.is_null()) return Value();
  return Value(-number(v, "'-'"));
}

bool contains(const Value& needle, const Value& haystack) {
  const ValueList* list = elements(haystack, "'in'");
  return list && std::find(list->begin(), list->end(), needle) != list->end();
}

Value aggregate(Op op, const Value& arg, Frame& f) {
  if (op == Op::Size) {
    if (arg.is_string()) return Value(static_cast<double>(count_characters(arg.as_string())));
    const ValueList* list = elements(arg, "'size'");
    return Value(static_cast<double>(list ? list->size() : 0));
  }
  if (op == Op::Label) {
    const auto& label = f.env->label;
    if (arg.is_null()) return Value();
    if (arg.is_string()) return Value(label ? label(arg.as_string()) : arg.as_string());
    const ValueList* list = elements(arg, "'label'");
    ValueList out;
    for (const Value& v : *list) out.push_back(v.is_string() && label ? Value(label(v.as_string())) : v);
    return Value(std::move(out));
  }
  const ValueList* list = elements(arg, op == Op::Flatten ? "'flatten'" : "'sum', 'min' and 'max'");
  if (op == Op::Flatten) {
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
      if (op == Op::Sum) {
        total += x;
      } else if (!any) {
        total = x;
      } else {
        total = op == Op::Min ? std::min(total, x) : std::max(total, x);
      }
      any = true;
    }
  }
  if (op != Op::Sum && !any) return Value();
  return Value(total);
}

void bind_globals(const std::vector<std::string>& globals, const Variables& variables, const Value** slots) {
  for (std::size_t i = 0; i < globals.size(); ++i) {
    const Value* v = variables.find(globals[i]);
    if (!v) throw EvalError("variable '" + globals[i] + "' is not set");
    slots[i] = v;
  }
}

}  // namespace luohu::predicate
