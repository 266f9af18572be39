#include "predicate/checker.hpp"

#include <algorithm>
#include <string_view>
#include <utility>

#include "predicate/suggest.hpp"

namespace luohu::predicate {

namespace {

using Kind = Type::Kind;

constexpr std::string_view kMacros[] = {"exists", "all", "exists_one", "filter", "map"};
constexpr std::string_view kMethods[] = {"exists", "all", "exists_one", "filter", "map", "size"};
constexpr std::string_view kFunctions[] = {"size", "sum", "min", "max", "flatten", "label"};

template <std::size_t N>
bool contains(const std::string_view (&names)[N], std::string_view name) {
  return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

template <std::size_t N>
std::vector<std::string_view> listed(const std::string_view (&names)[N]) {
  return {std::begin(names), std::end(names)};
}

Type null_type() {
  Type t;
  t.kind = Kind::Null;
  return t;
}

bool is_any(const Type& t) { return t.kind == Kind::Any; }
// `t` is of kind `k`, or unknown until evaluation.
bool accepts(const Type& t, Kind k) { return t.kind == k || t.kind == Kind::Any; }

Type element_of(const Type& list) { return list.element ? *list.element : Type::any(); }

Type with_nullable(Type t, bool nullable) {
  if (t.kind != Kind::Null && t.kind != Kind::Any) t.nullable = t.nullable || nullable;
  return t;
}

std::string a(const Type& t) {
  const std::string text = t.to_string();
  return (text.find_first_of("aeiou") == 0 ? "an " : "a ") + text;
}

// The common type of two values that may flow into one place (list
// elements, `?:` branches, joined lists); nullopt if there is none.
std::optional<Type> unify(const Type& x, const Type& y) {
  if (is_any(x) || is_any(y)) return Type::any();
  if (x.kind == Kind::Null) return y.kind == Kind::Null ? y : with_nullable(y, true);
  if (y.kind == Kind::Null) return with_nullable(x, true);
  if (x.kind != y.kind) return std::nullopt;
  if (x.kind == Kind::Object && x.object != y.object) return std::nullopt;
  if (x.kind == Kind::List) {
    // An empty literal `[]` has elements of unknown type: it takes the other side's.
    if (is_any(element_of(x)) || is_any(element_of(y))) {
      Type list = is_any(element_of(x)) ? y : x;
      list.nullable = x.nullable || y.nullable;
      return list;
    }
    auto element = unify(element_of(x), element_of(y));
    if (!element) return std::nullopt;
    Type list = Type::list_of(*element);
    list.nullable = x.nullable || y.nullable;
    return list;
  }
  return with_nullable(x, y.nullable);
}

// Could a value of type x ever equal one of type y?
bool comparable(const Type& x, const Type& y) {
  if (is_any(x) || is_any(y) || x.kind == Kind::Null || y.kind == Kind::Null) return true;
  if (x.kind != y.kind) return false;
  if (x.kind == Kind::Object) return x.object == y.object;
  if (x.kind == Kind::List) return comparable(element_of(x), element_of(y));
  return true;
}

Type type_of(const Value& v) {
  if (v.is_bool()) return Type::boolean();
  if (v.is_number()) return Type::number();
  if (v.is_string()) return Type::string();
  if (v.is_null()) return null_type();
  return Type::any();
}

const char* spelling(Op op) {
  switch (op) {
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Lt: return "<";
    case Op::Le: return "<=";
    case Op::Gt: return ">";
    case Op::Ge: return ">=";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::In: return "in";
    case Op::And: return "&&";
    case Op::Or: return "||";
    default: return "?";
  }
}

class Checker {
 public:
  Checker(const Schema& schema, const Scope& scope, std::vector<Diagnostic>& diagnostics)
      : schema_(schema), scope_(scope), diagnostics_(diagnostics) {}

  Type check(Node& n) {
    switch (n.op) {
      case Op::Literal: return type_of(n.literal);
      case Op::List: return list(n);
      case Op::Name: return name(n);
      case Op::Field: return field(n);
      case Op::Call: return call(n);
      case Op::Method: return method(n);
      case Op::Not: {
        expect_bool(*n.kids[0], check(*n.kids[0]), "the operand of '!'");
        return Type::boolean();
      }
      case Op::Neg: return negate(n);
      case Op::Mul:
      case Op::Div:
      case Op::Sub: return arithmetic(n);
      case Op::Add: return add(n);
      case Op::Lt:
      case Op::Le:
      case Op::Gt:
      case Op::Ge: return ordering(n);
      case Op::Eq:
      case Op::Ne: return equality(n);
      case Op::In: return membership(n);
      case Op::And:
      case Op::Or: {
        const std::string what = std::string("an operand of '") + spelling(n.op) + "'";
        expect_bool(*n.kids[0], check(*n.kids[0]), what);
        expect_bool(*n.kids[1], check(*n.kids[1]), what);
        return Type::boolean();
      }
      case Op::Cond: return conditional(n);
      default:
        error(n.pos, "internal error: node checked twice");
        return Type::any();
    }
  }

  std::vector<std::string> globals;
  std::uint32_t max_locals = 0;

 private:
  void error(std::uint32_t offset, std::string message) {
    diagnostics_.push_back({offset, std::move(message)});
  }

  void expect_bool(const Node& operand, const Type& t, const std::string& what) {
    if (!accepts(t, Kind::Bool)) error(operand.begin, what + " must be bool, got " + t.to_string());
  }

  Type list(Node& n) {
    std::optional<Type> element;
    bool all_literal = true;
    for (auto& kid : n.kids) {
      Type t = check(*kid);
      all_literal = all_literal && kid->op == Op::Literal;
      if (!element) {
        element = t;
      } else {
        // Mixed element types make a list of any: legal, just not checkable.
        element = unify(*element, t).value_or(Type::any());
      }
    }
    if (all_literal) {  // fold a constant list once, at compile time
      ValueList values;
      values.reserve(n.kids.size());
      for (auto& kid : n.kids) values.push_back(std::move(kid->literal));
      n.kids.clear();
      n.op = Op::Literal;
      n.literal = Value(std::move(values));
    }
    return Type::list_of(element.value_or(Type::any()));
  }

  Type name(Node& n) {
    for (std::size_t i = locals_.size(); i-- > 0;) {
      if (locals_[i].first == n.name) {
        n.op = Op::Local;
        n.slot = static_cast<std::uint32_t>(i);
        return locals_[i].second;
      }
    }
    if (auto it = scope_.find(n.name); it != scope_.end()) {
      auto g = std::find(globals.begin(), globals.end(), n.name);
      n.op = Op::Global;
      n.slot = static_cast<std::uint32_t>(g - globals.begin());
      if (g == globals.end()) globals.push_back(n.name);
      return it->second;
    }
    std::vector<std::string_view> candidates;
    for (const auto& local : locals_) candidates.push_back(local.first);
    for (const auto& entry : scope_) candidates.push_back(entry.first);
    std::string message = "unknown name '" + n.name + "'" + did_you_mean(n.name, candidates);
    if (contains(kFunctions, n.name)) message += "; '" + n.name + "' is a function: call it as " + n.name + "(...)";
    error(n.pos, std::move(message));
    n.op = Op::Literal;  // keep the tree well-formed
    return Type::any();
  }

  Type field(Node& n) {
    const Type receiver = check(*n.kids[0]);
    switch (receiver.kind) {
      case Kind::Any: return Type::any();
      case Kind::Null: return null_type();
      case Kind::Object: {
        const ObjectSchema* object = schema_.find(receiver.object);
        if (!object) {
          error(n.pos, "type '" + receiver.object + "' is not described by the schema");
          return Type::any();
        }
        auto it = object->fields.find(n.name);
        if (it == object->fields.end()) {
          std::vector<std::string_view> candidates;
          for (const auto& entry : object->fields) candidates.push_back(entry.first);
          error(n.pos, "type '" + receiver.object + "' has no field '" + n.name + "'" +
                           did_you_mean(n.name, candidates));
          return Type::any();
        }
        // Null-safe access: a field of a nullable object may be null.
        return with_nullable(it->second, receiver.nullable);
      }
      case Kind::List:
        error(n.pos, "cannot read field '" + n.name + "' of " + a(receiver) +
                         "; use a macro such as .exists(x, x." + n.name + " ...) or .map(x, x." + n.name + ")");
        return Type::any();
      default:
        error(n.pos, "cannot read field '" + n.name + "' of " + a(receiver));
        return Type::any();
    }
  }

  bool expect_arguments(const Node& n, std::size_t given, std::size_t wanted, const char* what) {
    if (given == wanted) return true;
    error(n.pos, "'" + n.name + "' takes " + std::to_string(wanted) + " argument" + (wanted == 1 ? "" : "s") +
                     what + ", got " + std::to_string(given));
    return false;
  }

  Type call(Node& n) {
    if (contains(kMacros, n.name)) {  // its arguments bind a variable: do not check them as names
      error(n.pos, "'" + n.name + "' is a method of lists: write list." + n.name + "(x, " +
                       (n.name == "map" ? "expression" : "predicate") + ")");
      return Type::any();
    }
    std::vector<Type> args;
    for (auto& kid : n.kids) args.push_back(check(*kid));
    if (!contains(kFunctions, n.name)) {
      error(n.pos, "unknown function '" + n.name + "'" + did_you_mean(n.name, listed(kFunctions)));
      return Type::any();
    }
    if (!expect_arguments(n, args.size(), 1, "")) return Type::any();
    const Type& arg = args[0];
    const Node& at = *n.kids[0];
    if (n.name == "size") {
      n.op = Op::Size;
      return size_of(at, arg, n.name);
    }
    if (n.name == "sum" || n.name == "min" || n.name == "max") {
      n.op = n.name == "sum" ? Op::Sum : n.name == "min" ? Op::Min : Op::Max;
      if (!(is_any(arg) || (arg.kind == Kind::List && accepts(element_of(arg), Kind::Number)))) {
        error(at.begin, "'" + n.name + "' needs a list of numbers, got " + arg.to_string());
      }
      return Type::number(n.op != Op::Sum);
    }
    if (n.name == "flatten") {
      n.op = Op::Flatten;
      if (is_any(arg)) return Type::list_of(Type::any());
      if (arg.kind == Kind::List) {
        const Type inner = element_of(arg);
        if (is_any(inner)) return Type::list_of(Type::any());
        if (inner.kind == Kind::List) return Type::list_of(element_of(inner));
      }
      error(at.begin, "'flatten' needs a list of lists, got " + arg.to_string());
      return Type::any();
    }
    // label
    n.op = Op::Label;
    if (accepts(arg, Kind::String) || arg.kind == Kind::Null) return arg;
    if (arg.kind == Kind::List && accepts(element_of(arg), Kind::String)) return arg;
    error(at.begin, "'label' needs a string or a list of strings, got " + arg.to_string());
    return Type::any();
  }

  Type size_of(const Node& at, const Type& arg, const std::string& name) {
    if (!(accepts(arg, Kind::List) || arg.kind == Kind::String)) {
      error(at.begin, "'" + name + "' needs a list or a string, got " + arg.to_string());
    }
    return Type::number();
  }

  Type method(Node& n) {
    const Type receiver = check(*n.kids[0]);
    const std::size_t given = n.kids.size() - 1;
    if (n.name == "size") {
      for (std::size_t i = 1; i < n.kids.size(); ++i) check(*n.kids[i]);
      if (expect_arguments(n, given, 0, "")) {
        n.op = Op::Size;
        size_of(*n.kids[0], receiver, n.name);
      }
      return Type::number();
    }
    if (!contains(kMacros, n.name)) {
      // Arguments are left unchecked: a misspelt macro's first one is a new variable.
      std::string message = "unknown method '" + n.name + "'" + did_you_mean(n.name, listed(kMethods));
      if (contains(kFunctions, n.name)) message += "; '" + n.name + "' is a function: write " + n.name + "(list)";
      error(n.pos, std::move(message));
      return Type::any();
    }
    const bool is_map = n.name == "map";
    if (!expect_arguments(n, given, 2, is_map ? " (a variable name and an expression)"
                                              : " (a variable name and a predicate)")) {
      return Type::any();
    }
    Node& variable = *n.kids[1];
    if (variable.op != Op::Name) {
      error(variable.begin, "the first argument of '" + n.name + "' must be a variable name");
      return Type::any();
    }
    Type element = Type::any();
    if (receiver.kind == Kind::List) {
      element = element_of(receiver);
    } else if (!is_any(receiver)) {
      error(n.pos, "'" + n.name + "' needs a list, got " + receiver.to_string());
    }
    const auto slot = static_cast<std::uint32_t>(locals_.size());
    locals_.emplace_back(variable.name, element);
    max_locals = std::max(max_locals, slot + 1);
    const Type body = check(*n.kids[2]);
    locals_.pop_back();
    n.slot = slot;
    n.kids.erase(n.kids.begin() + 1);  // [receiver, body]
    if (is_map) {
      n.op = Op::Map;
      return Type::list_of(body);
    }
    expect_bool(*n.kids[1], body, "the predicate of '" + n.name + "'");
    if (n.name == "filter") {
      n.op = Op::Filter;
      return Type::list_of(element);
    }
    n.op = n.name == "exists" ? Op::Exists : n.name == "all" ? Op::All : Op::ExistsOne;
    return Type::boolean();
  }

  Type negate(Node& n) {
    const Type t = check(*n.kids[0]);
    if (!accepts(t, Kind::Number)) {
      error(n.kids[0]->begin, "the operand of '-' must be a number, got " + t.to_string());
      return Type::number();
    }
    if (n.kids[0]->op == Op::Literal && n.kids[0]->literal.is_number()) {  // fold -3
      n.literal = Value(-n.kids[0]->literal.as_number());
      n.kids.clear();
      n.op = Op::Literal;
    }
    return Type::number(t.nullable || is_any(t));
  }

  void mismatch(const Node& n, const char* needs, const Type& l, const Type& r) {
    error(n.pos, std::string("operator '") + spelling(n.op) + "' needs " + needs + ", got " + l.to_string() +
                     " and " + r.to_string());
  }

  Type arithmetic(Node& n) {
    const Type l = check(*n.kids[0]);
    const Type r = check(*n.kids[1]);
    if (!accepts(l, Kind::Number) || !accepts(r, Kind::Number)) mismatch(n, "numbers", l, r);
    return Type::number(l.nullable || r.nullable || is_any(l) || is_any(r));
  }

  Type add(Node& n) {
    const Type l = check(*n.kids[0]);
    const Type r = check(*n.kids[1]);
    const Kind kind = is_any(l) ? r.kind : l.kind;
    const bool ok = (kind == Kind::Number || kind == Kind::String || kind == Kind::List || kind == Kind::Any) &&
                    accepts(l, kind) && accepts(r, kind);
    if (!ok) {
      mismatch(n, "two numbers, two strings or two lists", l, r);
      return Type::any();
    }
    if (kind == Kind::List) {
      if (is_any(l) || is_any(r)) return Type::list_of(Type::any());
      auto element = unify(element_of(l), element_of(r));
      if (!element) {
        mismatch(n, "lists of the same element type", l, r);
        return Type::any();
      }
      return Type::list_of(*element);  // a null list joins as an empty one
    }
    if (kind == Kind::Any) return Type::any();
    Type result;
    result.kind = kind;
    result.nullable = l.nullable || r.nullable || is_any(l) || is_any(r);
    return result;
  }

  Type ordering(Node& n) {
    const Type l = check(*n.kids[0]);
    const Type r = check(*n.kids[1]);
    const Kind kind = is_any(l) ? r.kind : l.kind;
    if (!((kind == Kind::Number || kind == Kind::String || kind == Kind::Any) && accepts(l, kind) &&
          accepts(r, kind))) {
      mismatch(n, "two numbers (or two strings)", l, r);
    }
    return Type::boolean();
  }

  Type equality(Node& n) {
    const Type l = check(*n.kids[0]);
    const Type r = check(*n.kids[1]);
    if (!comparable(l, r)) {
      error(n.pos, std::string("'") + spelling(n.op) + "' compares " + l.to_string() + " with " + r.to_string() +
                       ", which are never equal");
    }
    return Type::boolean();
  }

  Type membership(Node& n) {
    const Type l = check(*n.kids[0]);
    const Type r = check(*n.kids[1]);
    if (is_any(r)) return Type::boolean();
    if (r.kind != Kind::List) {
      error(n.kids[1]->begin, "'in' needs a list on the right, got " + r.to_string());
    } else if (!comparable(l, element_of(r))) {
      error(n.pos, "'in' looks for " + a(l) + " in " + a(r) + ", which can never contain it");
    }
    return Type::boolean();
  }

  Type conditional(Node& n) {
    expect_bool(*n.kids[0], check(*n.kids[0]), "the condition of '?:'");
    const Type then = check(*n.kids[1]);
    const Type otherwise = check(*n.kids[2]);
    auto result = unify(then, otherwise);
    if (!result) {
      error(n.pos, "the branches of '?:' have different types: " + then.to_string() + " and " +
                       otherwise.to_string());
      return Type::any();
    }
    return *result;
  }

  const Schema& schema_;
  const Scope& scope_;
  std::vector<Diagnostic>& diagnostics_;
  std::vector<std::pair<std::string, Type>> locals_;  // macro variables, innermost last
};

}  // namespace

CheckResult check(Node& body, const Schema& schema, const Scope& scope, std::vector<Diagnostic>& diagnostics) {
  Checker checker(schema, scope, diagnostics);
  CheckResult result;
  result.type = checker.check(body);
  result.globals = std::move(checker.globals);
  result.locals = checker.max_locals;
  return result;
}

}  // namespace luohu::predicate
