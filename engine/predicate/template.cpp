// Message templates: "text {expression} text", with "{{" and "}}" for
// literal braces.
//
// Rendering: null renders as nothing; bools as true/false; numbers without a
// trailing ".0" (3, 0.5, 2.25); lists as their elements joined by "、";
// objects as their type name. Labelling choice: a string that an expression
// yields is passed through env.label, so '{it.kind}' renders the localised
// name ('社会保险' in zh) without the author writing label(); label() is
// also available explicitly, and a hole whose expression is a label() call is
// not labelled a second time. List elements are labelled the same way.
#include <charconv>
#include <cmath>

#include "predicate/compile.hpp"
#include "predicate/node.hpp"
#include "predicate/predicate.hpp"
#include "predicate/text.hpp"

namespace luohu::predicate {

namespace {

// Offset of the '}' closing a hole that starts at `from`, skipping quoted
// strings (which may contain braces); npos if there is none.
std::size_t hole_end(std::string_view text, std::size_t from) {
  char quote = 0;
  for (std::size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (quote) {
      if (c == '\\') {
        ++i;
      } else if (c == quote || c == '\n') {
        quote = 0;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '}') {
      return i;
    }
  }
  return std::string_view::npos;
}

std::string format_number(double x) {
  if (x == 0) return "0";  // also -0
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (std::trunc(x) == x && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, x);  // shortest round-trip form
  return ec == std::errc() ? std::string(buffer, end) : std::to_string(x);
}

void append(std::string& out, const Value& v, const Environment& env, bool labelled) {
  if (v.is_null()) return;
  if (v.is_bool()) {
    out += v.as_bool() ? "true" : "false";
  } else if (v.is_number()) {
    out += format_number(v.as_number());
  } else if (v.is_string()) {
    out += (env.label && !labelled) ? env.label(v.as_string()) : v.as_string();
  } else if (v.is_list()) {
    bool first = true;
    for (const Value& element : v.as_list()) {
      if (!first) out += env.list_separator;
      first = false;
      append(out, element, env, labelled);
    }
  } else {
    out += v.as_object()->type_name();
  }
}

}  // namespace

TemplateResult compile_template(std::string_view text, const Schema& schema, const Scope& scope) {
  TemplateResult result;
  if (auto bad = first_invalid_utf8(text)) {
    result.errors.push_back(locate(text, *bad, "invalid UTF-8 in template text"));
    return result;
  }
  std::vector<Template::Segment> segments;
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) segments.push_back({std::move(literal), std::nullopt});
    literal.clear();
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '{' && next == '{') {
      literal += '{';
      i += 2;
    } else if (c == '}' && next == '}') {
      literal += '}';
      i += 2;
    } else if (c == '}') {
      result.errors.push_back(locate(text, i, "unmatched '}' in template; write '}}' for a literal brace"));
      ++i;
    } else if (c == '{') {
      const std::size_t end = hole_end(text, i + 1);
      if (end == std::string_view::npos) {
        result.errors.push_back(
            locate(text, i, "expected '}' to close '{' in template; write '{{' for a literal brace"));
        break;
      }
      CompileResult hole = compile_part(text, i + 1, end, schema, scope);
      if (hole.expression) {
        flush();
        segments.push_back({std::string(), std::move(hole.expression)});
      } else {
        for (auto& e : hole.errors) result.errors.push_back(std::move(e));
      }
      i = end + 1;
    } else {
      literal += c;
      ++i;
    }
  }
  flush();
  if (result.errors.empty()) result.value.emplace(std::move(segments));
  return result;
}

std::string render(const Template& t, const Environment& env) {
  std::string out;
  for (const auto& segment : t.segments()) {
    if (!segment.expression) {
      out += segment.literal;
      continue;
    }
    const Value v = evaluate(*segment.expression, env);
    const Node* root = segment.expression->root().get();
    const bool labelled = root && !root->kids.empty() && root->kids[0]->op == Op::Label;
    append(out, v, env, labelled);
  }
  return out;
}

}  // namespace luohu::predicate
