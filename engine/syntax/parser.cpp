#include "syntax/parser.hpp"

#include <iconv.h>

#include <cerrno>

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <tao/pegtl.hpp>

#include "syntax/errors.hpp"
#include "syntax/grammar.hpp"
#include "syntax/keywords.hpp"
#include "util/suggest.hpp"

namespace luohu::syntax {
namespace {

namespace pegtl = tao::pegtl;
namespace g = grammar;

struct TooManyErrors {};

// Builds the tree as rules succeed. Open constructs are tracked with plain
// pointers into the tree; save()/restore() undo what a broken clause opened.
class ParseState {
 public:
  ParseState(const SourceFile& source, const Limits& limits)
      : source_(source), limits_(limits), base_(source.text().data()) {}

  File file;
  std::vector<Diagnostic> diagnostics;

  // -- construction --
  std::vector<Argument>* arguments = nullptr;
  std::optional<Quote>* quote = nullptr;  // of the statement or clause whose arguments are being read
  Channel* channel = nullptr;
  Block* block = nullptr;
  std::vector<std::vector<Clause>*> clause_lists;
  std::size_t any_of_depth = 0;
  bool nesting_exceeded = false;  // the parse error being raised is the nesting limit
  std::optional<Word> pending_number;
  std::optional<Word> pending_unit;

  struct Saved {
    std::size_t clause_lists;
    std::size_t any_of_depth;
  };
  Saved save() const { return {clause_lists.size(), any_of_depth}; }
  void restore(const Saved& s) {
    clause_lists.resize(s.clause_lists);
    any_of_depth = s.any_of_depth;
    arguments = nullptr;
    quote = nullptr;
  }

  std::uint32_t offset(const char* p) const { return static_cast<std::uint32_t>(p - base_); }
  template <typename Input>
  SourceRange range(const Input& in) const {
    return {offset(in.begin()), offset(in.end())};
  }
  template <typename Input>
  Word word(const Input& in) const {
    Word w;
    w.range = range(in);
    std::string text = in.string();
    if (!text.empty() && (text[0] == '"' || text.rfind("\xE2\x80\x9C", 0) == 0 || text.rfind("\xE3\x80\x8C", 0) == 0)) {
      w.quoted = true;
      w.text = unquote(text);
    } else {
      w.text = std::move(text);
    }
    return w;
  }

  static std::string unquote(const std::string& text) {
    if (text[0] == '"') {
      std::string out;
      for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\' && i + 2 < text.size()) {
          char c = text[++i];
          out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
          out += text[i];
        }
      }
      return out;
    }
    // “…” and 「…」: three-byte quotes on both sides.
    return text.size() >= 6 ? text.substr(3, text.size() - 6) : std::string();
  }

  std::vector<Clause>& clauses() { return *clause_lists.back(); }

  // -- errors and recovery --
  // What a Chinese IME types where ASCII belongs: say exactly what to type.
  void full_width_hint(Message& message, std::uint32_t at) const {
    static const std::pair<std::string_view, std::string_view> forms[] = {
        {"＞＝", ">="}, {"＜＝", "<="}, {"｛", "{"}, {"｝", "}"}, {"≥", ">="}, {"≤", "<="},
        {"＞", ">"},   {"＜", "<"},   {"＝", "="}, {"！＝", "!="}};
    std::string_view rest = std::string_view(source_.text()).substr(std::min<std::size_t>(at, source_.text().size()));
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    for (const auto& [wide, ascii] : forms) {
      if (rest.substr(0, wide.size()) != wide) continue;
      bool bracket = ascii == "{" || ascii == "}";
      message = {fmt::format("全角{}“{}”请改为“{}”", bracket ? "括号" : "符号", wide, ascii),
                 fmt::format("full-width '{}' (from a Chinese input method): type '{}' instead", wide, ascii)};
      return;
    }
  }

  void record(const pegtl::parse_error& e) {
    std::uint32_t at = static_cast<std::uint32_t>(e.positions().empty() ? 0 : e.positions().front().byte);
    last_error_offset_ = at;
    std::string text(e.message());
    auto split = text.find(message_separator);
    Message message{text.substr(0, split), split == std::string::npos ? text : text.substr(split + 1)};
    last_error_was_missing_semicolon_ = message.en == error_message<g::semi>.en;
    add_suggestion(message, at);
    full_width_hint(message, at);
    // The nesting limit is an error of its own (docs/limits.md), raised as a parse error to unwind.
    Diagnostic d = input_error(nesting_exceeded ? "nesting-too-deep" : "syntax-error", {at, at}, std::move(message));
    nesting_exceeded = false;
    d.range.end = next_token_end(at);
    if (last_error_was_missing_semicolon_) {
      // Where the ';' belongs: just after the token it should follow (as rustc and clang report it),
      // not at the first token of the next line.
      d.range.begin = d.range.end = after_previous_token(source_.text(), at);
    }
    diagnostics.push_back(std::move(d));
    if (diagnostics.size() >= limits_.max_errors) throw TooManyErrors{};
  }

  template <typename Input>
  void skip_to_sync(Input& in, const char* start) {
    const std::string& text = source_.text();
    std::uint32_t position = std::max(offset(in.current()), last_error_offset_);
    // A missing ';' is most often just that: resume right where it was expected.
    if (!(last_error_was_missing_semicolon_ && last_error_offset_ > offset(start))) {
      position = scan_to_sync(text, position);
    }
    const std::uint32_t end = offset(in.end());  // a window's end (parse_items), or the text's
    position = std::min(position, end);
    if (position == offset(start) && position < end) ++position;  // always progress
    in.bump(position - offset(in.current()));
  }

  const Limits& limits() const { return limits_; }
  const std::string& text() const { return source_.text(); }

 private:
  // The end of the last token before `at`: back over white space (U+3000
  // too) and over line comments, which end lines and never hold a token.
  static std::uint32_t after_previous_token(const std::string& text, std::uint32_t at) {
    std::uint32_t i = std::min<std::uint32_t>(at, static_cast<std::uint32_t>(text.size()));
    for (;;) {
      while (i > 0) {
        char c = text[i - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          --i;
        } else if (i >= 3 && text.compare(i - 3, 3, "\xE3\x80\x80") == 0) {
          i -= 3;
        } else {
          break;
        }
      }
      std::size_t line_start = text.rfind('\n', i == 0 ? 0 : i - 1);
      line_start = line_start == std::string::npos || i == 0 ? 0 : line_start + 1;
      std::optional<std::uint32_t> comment;
      for (std::size_t k = line_start; k < i && !comment; ++k) {
        if (text[k] == '"') {  // a quoted "#" is text, not a comment
          for (++k; k < i && text[k] != '"'; ++k) k += text[k] == '\\' ? 1 : 0;
        } else if (text.compare(k, 3, "\xE2\x80\x9C") == 0) {  // “…”
          std::size_t close = text.find("\xE2\x80\x9D", k + 3);
          k = close == std::string::npos || close >= i ? i : close + 2;
        } else if (text[k] == '#' || (text[k] == '/' && k + 1 < i && text[k + 1] == '/')) {
          comment = static_cast<std::uint32_t>(k);
        }
      }
      if (!comment) return i;
      i = *comment;
    }
  }

  // Skips to just after the ';' ending this clause, to just after a block
  // the clause opened, or to (not past) the '}' closing the enclosing block.
  static std::uint32_t scan_to_sync(const std::string& text, std::uint32_t i) {
    std::size_t depth = 0;
    while (i < text.size()) {
      char c = text[i];
      if (c == '"') {
        ++i;
        while (i < text.size() && text[i] != '"' && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
        if (i < text.size() && text[i] == '"') ++i;
      } else if (c == '#' || (c == '/' && i + 1 < text.size() && text[i + 1] == '/')) {
        while (i < text.size() && text[i] != '\n') ++i;
      } else if (c == '{') {
        ++depth;
        ++i;
      } else if (c == '}') {
        if (depth == 0) return i;
        ++i;
        if (--depth == 0) return i;
      } else if (c == ';' && depth == 0) {
        return i + 1;
      } else if (depth == 0 && text.compare(i, 3, "\xEF\xBC\x9B") == 0) {  // ；
        return i + 3;
      } else {
        ++i;
      }
    }
    return static_cast<std::uint32_t>(text.size());
  }

  // The identifier (or one character) at an offset, for carets and suggestions.
  std::uint32_t next_token_end(std::uint32_t at) const {
    const std::string& text = source_.text();
    if (at >= text.size()) return at;
    std::uint32_t i = at;
    auto is_word_byte = [](unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; };
    auto is_punct_cp = [&](std::uint32_t p) {  // CJK/full-width punctuation stops a word
      auto b0 = static_cast<unsigned char>(text[p]);
      if (b0 == 0xE3 && p + 1 < text.size() && static_cast<unsigned char>(text[p + 1]) == 0x80) return true;
      if (b0 == 0xEF && p + 1 < text.size() && static_cast<unsigned char>(text[p + 1]) == 0xBC) return true;
      if (b0 == 0xE2 && p + 1 < text.size() && static_cast<unsigned char>(text[p + 1]) <= 0x81) return true;
      return false;
    };
    while (i < text.size() && is_word_byte(static_cast<unsigned char>(text[i])) && !is_punct_cp(i)) {
      auto c = static_cast<unsigned char>(text[i]);
      i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    }
    if (i == at) {
      auto c = static_cast<unsigned char>(text[i]);
      i += (c == '\n' || c == '\r') ? 0 : c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    }
    return std::min<std::uint32_t>(i, static_cast<std::uint32_t>(text.size()));
  }

  void add_suggestion(Message& message, std::uint32_t at) {
    const std::vector<std::string>* candidates = nullptr;
    if (message.en == error_message<g::bad_top_item>.en) candidates = &top_level_keyword_spellings();
    if (message.en == error_message<g::bad_channel_item>.en) candidates = &channel_keyword_spellings();
    if (!candidates) return;
    std::uint32_t end = next_token_end(at);
    std::string found = source_.text().substr(at, end - at);
    if (found.empty()) return;
    if (auto best = closest_match(found, *candidates)) {
      message.zh += fmt::format("；“{}”是否应为“{}”？", found, *best);
      message.en += fmt::format("; found '{}': did you mean '{}'?", found, *best);
    } else {
      message.zh += fmt::format("；遇到“{}”", found);
      message.en += fmt::format("; found '{}'", found);
    }
  }

  const SourceFile& source_;
  const Limits& limits_;
  const char* base_;
  std::uint32_t last_error_offset_ = 0;
  bool last_error_was_missing_semicolon_ = false;
};

// ---- actions -------------------------------------------------------------------

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

// Comments do not reach the tree's statements; they are listed for the formatter.
template <>
struct action<g::line_comment> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    SourceRange r = s.range(in);
    const std::string& text = s.text();
    while (r.end > r.begin && (text[r.end - 1] == '\n' || text[r.end - 1] == '\r')) --r.end;
    s.file.comments.push_back({r});
  }
};

template <>
struct action<g::top_keyword> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Statement st;
    st.keyword = s.word(in);
    st.id = keyword_id(st.keyword.text);
    st.range = s.range(in);
    s.file.statements.push_back(std::move(st));
    s.arguments = &s.file.statements.back().arguments;
    s.quote = &s.file.statements.back().quote;
  }
};
template <>
struct action<g::top_statement> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.file.statements.back().range = s.range(in);
  }
};

template <>
struct action<g::kw_channel> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.file.channels.emplace_back();
    s.channel = &s.file.channels.back();
    s.channel->range = s.range(in);
    s.channel->name.range = s.range(in);
  }
};
template <>
struct action<g::channel_name> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.channel->name = s.word(in);
  }
};
template <>
struct action<g::channel_keyword> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Statement st;
    st.keyword = s.word(in);
    st.id = keyword_id(st.keyword.text);
    st.range = s.range(in);
    s.channel->statements.push_back(std::move(st));
    s.arguments = &s.channel->statements.back().arguments;
    s.quote = &s.channel->statements.back().quote;
  }
};
template <>
struct action<g::channel_statement> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.channel->statements.back().range = s.range(in);
  }
};
template <>
struct action<g::channel_block> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.channel->range = s.range(in);
    s.channel = nullptr;
  }
};

template <>
struct action<g::block_keyword> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Block b;
    b.keyword = s.word(in);
    b.id = keyword_id(b.keyword.text);
    b.range = s.range(in);
    s.file.blocks.push_back(std::move(b));
    s.block = &s.file.blocks.back();
    s.clause_lists.push_back(&s.block->clauses);
  }
};
template <>
struct action<g::block_statement_keyword> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Statement st;
    st.keyword = s.word(in);
    st.id = keyword_id(st.keyword.text);
    st.range = s.range(in);
    s.block->statements.push_back(std::move(st));
    s.arguments = &s.block->statements.back().arguments;
    s.quote = &s.block->statements.back().quote;
  }
};
template <>
struct action<g::block_statement> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.block->statements.back().range = s.range(in);
  }
};
template <>
struct action<g::block> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.block->range = s.range(in);
    s.block = nullptr;
    s.clause_lists.clear();
  }
};

template <>
struct action<g::kw_conditions> {
  template <typename Input>
  static void apply(const Input&, ParseState& s) {
    s.clause_lists.push_back(s.channel ? &s.channel->conditions : &s.block->conditions);
  }
};
template <>
struct action<g::conditions_block> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.clause_lists.pop_back();
    (s.channel ? s.channel->conditions_range : s.block->conditions_range) = s.range(in);
  }
};

template <>
struct action<g::clause_name> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Clause c;
    c.name = s.word(in);
    c.range = s.range(in);
    s.clauses().push_back(std::move(c));
    s.arguments = &s.clauses().back().arguments;
    s.quote = &s.clauses().back().quote;
  }
};
template <>
struct action<g::simple_clause> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.clauses().back().range = s.range(in);
  }
};
template <>
struct action<g::kw_any_of> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    if (++s.any_of_depth > s.limits().max_nesting) {
      s.nesting_exceeded = true;
      throw pegtl::parse_error(fmt::format("嵌套过深（上限 {} 层）{}nesting too deep (the limit is {} levels)",
                                           s.limits().max_nesting, message_separator, s.limits().max_nesting),
                               in.position());
    }
    Clause c;
    c.name = s.word(in);
    c.any_of = true;
    c.range = s.range(in);
    s.clauses().push_back(std::move(c));
    s.clause_lists.push_back(&s.clauses().back().alternatives);
  }
};
template <>
struct action<g::any_of_block> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.clause_lists.pop_back();
    --s.any_of_depth;
    s.clauses().back().range = s.range(in);
  }
};

// -- a trailing 原文 "…" --
template <>
struct action<g::quote_keyword> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    if (s.quote) *s.quote = Quote{s.word(in), {}};
  }
};
template <>
struct action<g::quote_text> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    if (s.quote && *s.quote) (*s.quote)->text = s.word(in);
  }
};

// -- arguments --
template <CompareOp Op>
struct compare_action {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Argument a;
    a.kind = Argument::Kind::comparison;
    a.op = Op;
    a.range = s.range(in);
    s.arguments->push_back(std::move(a));
  }
};
template <>
struct action<g::op_ge> : compare_action<CompareOp::ge> {};
template <>
struct action<g::op_le> : compare_action<CompareOp::le> {};
template <>
struct action<g::op_gt> : compare_action<CompareOp::gt> {};
template <>
struct action<g::op_lt> : compare_action<CompareOp::lt> {};
template <>
struct action<g::op_eq> : compare_action<CompareOp::eq> {};

// The value of a comparison fills the comparison just pushed.
template <>
struct action<g::compare_value> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    auto& a = s.arguments->back();
    a.range.end = s.offset(in.end());
  }
};
template <>
struct action<g::number> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.pending_number = Word{in.string(), s.range(in), false};
    s.pending_unit.reset();
  }
};
template <>
struct action<g::unit> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    s.pending_unit = s.word(in);
  }
};
template <>
struct action<g::number_value> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    auto& number = s.pending_number;
    auto& unit = s.pending_unit;
    Argument a;
    a.kind = Argument::Kind::number;
    a.number = std::strtod(number->text.c_str(), nullptr);
    a.word = *number;
    a.unit = unit;
    a.range = s.range(in);
    unit.reset();
    // Inside a comparison, the number completes the comparison.
    if (!s.arguments->empty() && s.arguments->back().kind == Argument::Kind::comparison &&
        !s.arguments->back().number && s.arguments->back().word.text.empty()) {
      auto& c = s.arguments->back();
      c.number = a.number;
      c.word = a.word;
      c.unit = a.unit;
      c.range.end = a.range.end;
    } else {
      s.arguments->push_back(std::move(a));
    }
  }
};
template <>
struct action<g::number_argument> : action<g::number_value> {};
template <>
struct action<g::bound_unit> : action<g::unit> {};
// "4年以上" / "4年以下": the comparison the words state, from the pending number and unit.
template <typename Input>
void push_bound_in_words(const Input& in, ParseState& s, CompareOp op) {
  Argument a;
  a.kind = Argument::Kind::comparison;
  a.op = op;
  a.number = std::strtod(s.pending_number->text.c_str(), nullptr);
  a.word = *s.pending_number;
  a.unit = s.pending_unit;
  a.range = s.range(in);
  s.pending_unit.reset();
  s.arguments->push_back(std::move(a));
}
// "4年以上": a comparison ">= 4 年", its range the whole phrase.
template <>
struct action<g::number_at_least> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    push_bound_in_words(in, s, CompareOp::ge);
  }
};
// "4年以下": ambiguous; an error that says what to write, and the number kept so the clause still parses.
template <>
struct action<g::number_at_most> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    std::string n = s.pending_number->text;
    std::string unit = s.pending_unit ? " " + s.pending_unit->text : "";
    std::string written = in.string();
    s.diagnostics.push_back(input_error(
        "ambiguous-bound", s.range(in),
        {fmt::format("“{}”是否包括本数并不明确（城市规模划分标准的“以下”不包括本数）：包括请写“<= {}{}”，不包括请写“< {}{}”",
                     written, n, unit, n, unit),
         fmt::format("'{}' does not say whether {} itself is allowed (the city-tier standard reads 以下 as excluding it): "
                     "write '<= {}{}' to include it or '< {}{}' to exclude it",
                     written, n, n, unit, n, unit)}));
    push_bound_in_words(in, s, CompareOp::le);
  }
};
// A name after a comparison operator is the comparison's value (a level).
template <>
struct action<g::compare_word> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    auto& c = s.arguments->back();
    c.word = s.word(in);
    c.range.end = s.offset(in.end());
  }
};
template <>
struct action<g::word_argument> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Argument a;
    a.kind = Argument::Kind::word;
    a.word = s.word(in);
    a.range = s.range(in);
    s.arguments->push_back(std::move(a));
  }
};
template <>
struct action<g::date_argument> {
  template <typename Input>
  static void apply(const Input& in, ParseState& s) {
    Argument a;
    a.kind = Argument::Kind::word;
    a.word = s.word(in);
    a.range = s.range(in);
    s.arguments->push_back(std::move(a));
  }
};

}  // namespace

const char* compare_op_text(CompareOp op) {
  switch (op) {
    case CompareOp::ge: return ">=";
    case CompareOp::gt: return ">";
    case CompareOp::le: return "<=";
    case CompareOp::lt: return "<";
    case CompareOp::eq: return "=";
  }
  return "=";
}

namespace {
// A rule that rewinds may have matched a comment twice.
void sort_comments(std::vector<Comment>& comments) {
  std::sort(comments.begin(), comments.end(), [](const Comment& a, const Comment& b) { return a.range.begin < b.range.begin; });
  comments.erase(std::unique(comments.begin(), comments.end(),
                             [](const Comment& a, const Comment& b) { return a.range.begin == b.range.begin; }),
                 comments.end());
}
}  // namespace

std::optional<File> parse_items(const SourceFile& source, std::uint32_t begin, std::uint32_t end, const Limits& limits) {
  const std::string& text = source.text();
  if (begin > end || end > text.size()) return std::nullopt;
  Limits first_error_stops = limits;  // no recovery: any error means a full parse
  first_error_stops.max_errors = 1;
  ParseState state(source, first_error_stops);  // offsets count from the start of the whole text
  pegtl::memory_input<> in(text.data() + begin, text.data() + end, source.path());
  try {
    // From the start, a byte-order mark may come first.
    bool matched = begin == 0 ? pegtl::parse<g::file, action, error_control>(in, state)
                              : pegtl::parse<g::file_part, action, error_control>(in, state);
    if (!matched) return std::nullopt;
  } catch (const TooManyErrors&) {
    return std::nullopt;
  } catch (const pegtl::parse_error&) {
    return std::nullopt;
  }
  if (!state.diagnostics.empty()) return std::nullopt;
  sort_comments(state.file.comments);
  return std::move(state.file);
}

namespace {

// True when glibc's iconv converts every byte from GB18030 (the text is not UTF-8).
bool decodes_as_gb18030(const std::string& text) {
  iconv_t cd = ::iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return false;
  std::string in = text;
  char* src = in.data();
  std::size_t left = in.size();
  std::string out(in.size() * 2 + 16, '\0');
  bool ok = true;
  while (left > 0 && ok) {
    char* dst = out.data();
    std::size_t room = out.size();
    if (::iconv(cd, &src, &left, &dst, &room) == static_cast<std::size_t>(-1) && errno != E2BIG) ok = false;
  }
  ::iconv_close(cd);
  return ok;
}

}  // namespace

ParseResult parse(const SourceFile& source, const Limits& limits) {
  ParseResult result;
  const std::string& text = source.text();
  if (text.size() > limits.max_file_bytes) {
    result.diagnostics.push_back(input_error(
        "file-too-large", {0, 0},
        {fmt::format("文件过大（{:.1f} MiB），上限为 {} MiB", text.size() / 1048576.0, limits.max_file_bytes / 1048576),
         fmt::format("file too large ({:.1f} MiB); the limit is {} MiB", text.size() / 1048576.0,
                     limits.max_file_bytes / 1048576)}));
    return result;
  }
  if (auto bad = find_invalid_utf8(text)) {
    // Saved by a Chinese Windows editor: the bytes read as GB18030 (GBK's superset).
    if (decodes_as_gb18030(text)) {
      result.diagnostics.push_back(input_error("gbk-encoding", {*bad, *bad + 1},
                                               {"文件似乎是 GBK/GB18030 编码：请在编辑器中另存为 UTF-8 编码后再检查",
                                                "the file seems to be GBK/GB18030-encoded: save it as UTF-8 in the editor, then check it again"}));
      return result;
    }
    result.diagnostics.push_back(input_error("invalid-utf8", {*bad, *bad + 1},
                                             {"文件不是有效的 UTF-8 编码：此处字节无效",
                                              "the file is not valid UTF-8: invalid byte here"}));
    return result;
  }
  // What an editor shows must be what luohu reads: a lone CR or U+2028 in a
  // comment showed the next clause on its own line, and luohu skipped it.
  auto refuse = [&](const char* code, const HiddenBreak& at, const char* zh, const char* en) {
    auto name = at.code_point == U'\r' ? std::string("CR (\\r)") : fmt::format("U+{:04X}", static_cast<std::uint32_t>(at.code_point));
    result.diagnostics.push_back(
        input_error(code, {at.offset, at.offset + at.length}, {fmt::format(fmt::runtime(zh), name), fmt::format(fmt::runtime(en), name)}));
  };
  if (auto br = find_hidden_line_break(text)) {
    refuse("hidden-line-break", *br, "字符 {} 在编辑器中显示为换行，但 luohu 不把它当作换行：请改为普通换行（LF 或 CRLF）",
           "the character {} shows as a line break in editors but is not one for luohu: replace it with a plain line "
           "break (LF or CRLF)");
    return result;
  }
  // Trojan Source (CVE-2021-42574): text that reads differently from its bytes.
  if (auto bidi = find_bidi_control(text)) {
    refuse("bidi-control", *bidi, "双向控制字符 {} 会使文本的显示顺序与实际内容不同（Trojan Source）：请删除",
           "the bidirectional control character {} makes the text display differently from what it says (Trojan "
           "Source): remove it");
    return result;
  }
  ParseState state(source, limits);
  pegtl::memory_input<> in(text.data(), text.size(), source.path());
  try {
    pegtl::parse<g::file, action, error_control>(in, state);
  } catch (const TooManyErrors&) {
    // The cap is reported below; the errors so far stand.
  } catch (const pegtl::parse_error& e) {
    state.record(e);
  }
  if (state.diagnostics.size() >= limits.max_errors) {
    auto at = static_cast<std::uint32_t>(text.size());
    state.diagnostics.push_back(input_error(
        "too-many-errors", {at, at},
        {fmt::format("错误过多，已在 {} 个之后停止", limits.max_errors),
         fmt::format("too many errors; stopped after {}", limits.max_errors)}));
  }
  sort_comments(state.file.comments);
  result.file = std::move(state.file);
  result.diagnostics = std::move(state.diagnostics);
  return result;
}

}  // namespace luohu::syntax
