// Out-of-line builders for actions.hpp and the helpers errors.hpp declares.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "predicate/actions.hpp"
#include "predicate/errors.hpp"
#include "util/utf8.hpp"

namespace luohu::predicate {

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

void ParseState::push(std::unique_ptr<Node> node) {
  std::uint32_t height = 0;
  for (const auto& kid : node->kids) height = std::max(height, kid->height);
  node->height = height + 1;
  if (node->height > kMaxHeight) {
    throw SyntaxError{node->pos, "expression is too large: more than " + std::to_string(kMaxHeight) +
                                     " levels of operators"};
  }
  stack.push_back(std::move(node));
}

void push_number(ParseState& st, const char* begin, const char* end) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) {
    throw SyntaxError{st.offset(begin), "number is out of range"};
  }
  auto node = st.make(Op::Literal, st.offset(begin), st.offset(begin));
  node->literal = Value(value);
  st.push(std::move(node));
}

void push_string(ParseState& st, const char* begin, const char* end) {
  std::string text;
  text.reserve(static_cast<std::size_t>(end - begin));
  for (const char* p = begin + 1; p < end - 1; ++p) {
    if (*p != '\\') {
      text += *p;
      continue;
    }
    ++p;
    switch (*p) {
      case 'n': text += '\n'; break;
      case 't': text += '\t'; break;
      case 'r': text += '\r'; break;
      case 'u': {
        std::uint32_t cp = 0;
        for (int i = 1; i <= 4; ++i) cp = cp * 16 + static_cast<std::uint32_t>(hex_value(p[i]));
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          throw SyntaxError{st.offset(p - 1), "\\u escape names a surrogate, which is not a character"};
        }
        if (cp == 0) throw SyntaxError{st.offset(p - 1), "\\u0000 is not allowed in a string"};
        append_utf8(text, cp);
        p += 4;
        break;
      }
      default: text += *p; break;  // \\ \' \"
    }
  }
  auto node = st.make(Op::Literal, st.offset(begin), st.offset(begin));
  node->literal = Value(std::move(text));
  st.push(std::move(node));
}

void push_list(ParseState& st, const char* at) {
  std::size_t mark = st.marks.back();
  st.marks.pop_back();
  auto node = st.make(Op::List, st.offset(at), st.offset(at));
  for (std::size_t i = mark; i < st.stack.size(); ++i) node->kids.push_back(std::move(st.stack[i]));
  st.stack.resize(mark);
  st.push(std::move(node));
}

void push_call(ParseState& st) {
  std::size_t mark = st.marks.back();
  st.marks.pop_back();
  std::vector<std::unique_ptr<Node>> args;
  for (std::size_t i = mark; i < st.stack.size(); ++i) args.push_back(std::move(st.stack[i]));
  st.stack.resize(mark);
  auto callee = st.pop();
  if (callee->op == Op::Name) {
    callee->op = Op::Call;
  } else {  // Field: receiver.name(args) is a method call on the receiver
    callee->op = Op::Method;
  }
  for (auto& arg : args) callee->kids.push_back(std::move(arg));
  st.push(std::move(callee));
}

void push_unary(ParseState& st, Op op, const char* at) {
  auto node = st.make(op, st.offset(at), st.offset(at));
  node->kids.push_back(st.pop());
  st.push(std::move(node));
}

void push_binary(ParseState& st, Op op, const char* at) {
  auto right = st.pop();
  auto left = st.pop();
  auto node = st.make(op, left->begin, st.offset(at));
  node->kids.push_back(std::move(left));
  node->kids.push_back(std::move(right));
  st.push(std::move(node));
}

void push_cond(ParseState& st, const char* at) {
  auto otherwise = st.pop();
  auto then = st.pop();
  auto cond = st.pop();
  auto node = st.make(Op::Cond, cond->begin, st.offset(at));
  node->kids.push_back(std::move(cond));
  node->kids.push_back(std::move(then));
  node->kids.push_back(std::move(otherwise));
  st.push(std::move(node));
}

void enter_nesting(ParseState& state, std::size_t offset) {
  if (++state.nesting > kMaxNesting) {
    throw SyntaxError{static_cast<std::uint32_t>(offset),
                      "expression is nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)"};
  }
}

void leave_nesting(ParseState& state) { --state.nesting; }

std::size_t offset_of(const ParseState& state, const char* at) { return state.offset(at); }

namespace errors {

std::string unexpected(const char* at, const char* end) {
  std::size_t length = at < end ? decode_utf8(std::string_view(at, static_cast<std::size_t>(end - at)), 0).length : 0;
  if (is_word(*at)) {
    length = 0;
    while (at + length < end && is_word(at[length]) && length < 40) ++length;
  }
  std::string token(at, length);
  std::string text = "unexpected '" + token + "'";
  const char next = at + 1 < end ? at[1] : '\0';
  if (*at == '=' && next != '=') return text + "; use '==' to compare";
  if (*at == '&') return text + "; use '&&' for 'and'";
  if (*at == '|') return text + "; use '||' for 'or'";
  if (*at == ')') return text + " without a matching '('";
  if (*at == ']') return text + " without a matching '['";
  return text + "; " + message<end_of_text>;
}

}  // namespace errors
}  // namespace luohu::predicate
