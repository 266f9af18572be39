#include "format/formatter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "syntax/parser.hpp"
#include "syntax/waiver_comments.hpp"

namespace luohu::format {
namespace {

using syntax::Argument;
using syntax::Clause;
using syntax::Statement;

constexpr std::string_view kFullWidthSemi = "\xEF\xBC\x9B";  // ；

// Children of a block, visited in source order.
struct Item {
  enum class Kind { statement, clause, channel, block, conditions } kind;
  std::uint32_t begin;
  const void* node;
  std::optional<SourceRange> range;  // conditions: the block's range
  const std::vector<Clause>* clauses = nullptr;
};

class Printer {
 public:
  Printer(const SourceFile& source, const syntax::File& file)
      : text_(source.text()), comments_(file.comments) {}

  std::string run(const syntax::File& file) {
    if (text_.rfind("\xEF\xBB\xBF", 0) == 0) out_ += "\xEF\xBB\xBF";
    std::vector<Item> items;
    for (const auto& st : file.statements) items.push_back({Item::Kind::statement, st.range.begin, &st, {}});
    for (const auto& ch : file.channels) items.push_back({Item::Kind::channel, ch.range.begin, &ch, {}});
    for (const auto& b : file.blocks) items.push_back({Item::Kind::block, b.range.begin, &b, {}});
    emit_items(items);
    flush_comments_before(static_cast<std::uint32_t>(text_.size()) + 1);
    return out_;
  }

 private:
  std::string_view slice(SourceRange r) const { return std::string_view(text_).substr(r.begin, r.end - r.begin); }

  void emit_items(std::vector<Item>& items) {
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.begin < b.begin; });
    for (const auto& item : items) {
      switch (item.kind) {
        case Item::Kind::statement: emit_statement(*static_cast<const Statement*>(item.node)); break;
        case Item::Kind::clause: emit_clause(*static_cast<const Clause*>(item.node)); break;
        case Item::Kind::channel: emit_channel(*static_cast<const syntax::Channel*>(item.node)); break;
        case Item::Kind::block: emit_block(*static_cast<const syntax::Block*>(item.node)); break;
        case Item::Kind::conditions: emit_conditions(*item.range, *item.clauses); break;
      }
    }
  }

  // ---- lines and comments ----
  void indent() { out_.append(2 * depth_, ' '); }

  // One empty line where the author left at least one, never after '{'.
  void separate(std::uint32_t at) {
    if (at_block_start_ || out_.empty() || out_ == "\xEF\xBB\xBF") return;
    std::uint32_t from = std::min<std::uint32_t>(last_end_, at);
    if (std::count(text_.begin() + from, text_.begin() + std::min<std::size_t>(at, text_.size()), '\n') >= 2)
      out_ += '\n';
  }

  std::string comment_text(const syntax::Comment& c) const {
    std::string s(slice(c.range));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
    return s;
  }

  void flush_comments_before(std::uint32_t at) {
    while (next_ < comments_.size() && comments_[next_].range.begin < at) {
      separate(comments_[next_].range.begin);
      indent();
      out_ += comment_text(comments_[next_]) + "\n";
      last_end_ = comments_[next_].range.end;
      at_block_start_ = false;
      ++next_;
    }
  }

  // Ends a line whose source spans [begin, end): comments inside it, and one
  // right after it on the same source line, follow it; the first trails the
  // line and the rest go on their own lines at `after_depth`.
  void end_line(std::uint32_t end, std::size_t after_depth) {
    std::vector<std::string> trailing;
    while (next_ < comments_.size() && comments_[next_].range.begin < end) {
      trailing.push_back(comment_text(comments_[next_]));
      last_end_ = std::max(last_end_, comments_[next_].range.end);
      ++next_;
    }
    if (next_ < comments_.size()) {
      std::uint32_t i = end;
      while (i < comments_[next_].range.begin && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == ',' ||
                                                  text_.compare(i, 3, "\xE3\x80\x80") == 0)) {
        i += text_[i] == '\xE3' ? 3 : 1;
      }
      if (i == comments_[next_].range.begin) {
        trailing.push_back(comment_text(comments_[next_]));
        last_end_ = std::max(last_end_, comments_[next_].range.end);
        ++next_;
      }
    }
    last_end_ = std::max(last_end_, end);
    if (!trailing.empty()) out_ += "  " + trailing.front();
    out_ += '\n';
    for (std::size_t i = 1; i < trailing.size(); ++i) {
      out_.append(2 * after_depth, ' ');
      out_ += trailing[i] + "\n";
    }
  }

  void begin_line(std::uint32_t at) {
    flush_comments_before(at);
    separate(at);
    indent();
    at_block_start_ = false;
  }

  // ---- arguments ----
  std::string_view op_spelling(std::uint32_t at) const {
    static constexpr std::array<std::string_view, 12> ops = {
        "不少于", "不低于", "不超过", "不高于", "\xE2\x89\xA5", "\xE2\x89\xA4", ">=", "<=", "==", ">", "<", "="};
    for (auto op : ops) {
      if (text_.compare(at, op.size(), op) == 0) return op;
    }
    return "";
  }

  // "4年以上" (a comparison written in words, no operator first): kept as written.
  bool bound_in_words(const Argument& a) const {
    return a.kind == Argument::Kind::comparison && a.number && op_spelling(a.range.begin).empty();
  }

  std::uint32_t argument_end(const Argument& a) const {
    if (bound_in_words(a)) return a.range.end;
    if (a.kind == Argument::Kind::word) return a.word.range.end;
    if (a.unit) return a.unit->range.end;
    if (a.kind == Argument::Kind::comparison && !a.number) return a.word.range.end;
    return a.word.range.end;
  }

  std::string argument_text(const Argument& a) const {
    if (bound_in_words(a)) return std::string(slice(a.range));
    std::string s;
    if (a.kind == Argument::Kind::comparison) {
      s += op_spelling(a.range.begin);
      s += ' ';
    }
    s += slice(a.word.range);
    if (a.unit) {
      s += ' ';
      s += slice(a.unit->range);
    }
    return s;
  }

  // The author's list separator between two arguments, if any.
  std::string separator(std::uint32_t from, std::uint32_t to) const {
    for (std::uint32_t i = from; i < to; ++i) {
      if (text_[i] == '#' || (text_[i] == '/' && i + 1 < to && text_[i + 1] == '/')) {
        while (i < to && text_[i] != '\n') ++i;
      } else if (text_[i] == ',') {
        return ", ";
      } else if (text_.compare(i, 3, "\xEF\xBC\x8C") == 0 || text_.compare(i, 3, "\xE3\x80\x81") == 0) {
        return text_.substr(i, 3);  // ， or 、
      }
    }
    return " ";
  }

  std::string arguments_text(const std::vector<Argument>& args) const {
    std::string s;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i > 0) s += separator(argument_end(args[i - 1]), args[i].range.begin);
      s += argument_text(args[i]);
    }
    return s;
  }

  std::string_view semi(SourceRange r) const {
    return r.end >= 3 && text_.compare(r.end - 3, 3, kFullWidthSemi) == 0 ? kFullWidthSemi : ";";
  }

  // " 原文 “…”", keyword and quotes as written.
  void emit_quote(const std::optional<syntax::Quote>& q) {
    if (!q) return;
    out_ += " ";
    out_ += slice(q->keyword.range);
    out_ += " ";
    out_ += slice(q->text.range);
  }

  // ---- statements, clauses, blocks ----
  void emit_statement(const Statement& st) {
    begin_line(st.range.begin);
    out_ += slice(st.keyword.range);
    if (!st.arguments.empty()) out_ += " " + arguments_text(st.arguments);
    emit_quote(st.quote);
    out_ += semi(st.range);
    end_line(st.range.end, depth_);
  }

  void emit_clause(const Clause& c) {
    if (c.any_of) {
      std::vector<Item> items;
      for (const auto& alt : c.alternatives) items.push_back({Item::Kind::clause, alt.range.begin, &alt, {}});
      emit_braced(c.range, std::string(slice(c.name.range)), c.name.range.end, items);
      return;
    }
    begin_line(c.range.begin);
    out_ += slice(c.name.range);
    if (!c.arguments.empty()) out_ += " " + arguments_text(c.arguments);
    emit_quote(c.quote);
    out_ += semi(c.range);
    end_line(c.range.end, depth_);
  }

  void emit_conditions(SourceRange range, const std::vector<Clause>& clauses) {
    std::string keyword = text_.compare(range.begin, 6, "条件") == 0 ? "条件" : "conditions";
    std::vector<Item> items;
    for (const auto& c : clauses) items.push_back({Item::Kind::clause, c.range.begin, &c, {}});
    emit_braced(range, keyword, range.begin + static_cast<std::uint32_t>(keyword.size()), items);
  }

  void emit_channel(const syntax::Channel& ch) {
    std::vector<Item> items;
    for (const auto& st : ch.statements) items.push_back({Item::Kind::statement, st.range.begin, &st, {}});
    if (ch.conditions_range)
      items.push_back({Item::Kind::conditions, ch.conditions_range->begin, nullptr, ch.conditions_range, &ch.conditions});
    std::string header = std::string(slice({ch.range.begin, keyword_end(ch.range.begin)})) + " " +
                         std::string(slice(ch.name.range));
    emit_braced(ch.range, header, ch.name.range.end, items);
  }

  void emit_block(const syntax::Block& b) {
    std::vector<Item> items;
    for (const auto& st : b.statements) items.push_back({Item::Kind::statement, st.range.begin, &st, {}});
    for (const auto& c : b.clauses) items.push_back({Item::Kind::clause, c.range.begin, &c, {}});
    if (b.conditions_range)
      items.push_back({Item::Kind::conditions, b.conditions_range->begin, nullptr, b.conditions_range, &b.conditions});
    emit_braced(b.range, std::string(slice(b.keyword.range)), b.keyword.range.end, items);
  }

  std::uint32_t keyword_end(std::uint32_t at) const {
    std::uint32_t i = at;
    while (i < text_.size() && !std::isspace(static_cast<unsigned char>(text_[i])) &&
           text_.compare(i, 3, "\xE3\x80\x80") != 0 && text_[i] != '#' && text_[i] != '/')
      ++i;
    return i;
  }

  // "header {", the children one level deeper, "}".
  void emit_braced(SourceRange range, const std::string& header, std::uint32_t header_end, std::vector<Item>& items) {
    begin_line(range.begin);
    std::uint32_t brace = header_end;
    while (brace < range.end && text_[brace] != '{') {
      if (text_[brace] == '#' || text_.compare(brace, 2, "//") == 0) {
        while (brace < range.end && text_[brace] != '\n') ++brace;
      } else {
        ++brace;
      }
    }
    std::uint32_t close = range.end - 1;  // the range ends after '}'
    bool has_comments = next_ < comments_.size() && comments_[next_].range.begin < close;
    out_ += header;
    if (items.empty() && !has_comments) {
      out_ += " {}";
      end_line(range.end, depth_);
      return;
    }
    out_ += " {";
    end_line(brace + 1, depth_ + 1);
    ++depth_;
    at_block_start_ = true;
    emit_items(items);
    flush_comments_before(close);
    --depth_;
    indent();
    out_ += "}";
    at_block_start_ = false;
    end_line(range.end, depth_);
  }

  const std::string& text_;
  const std::vector<syntax::Comment>& comments_;
  std::size_t next_ = 0;  // first comment not yet written
  std::string out_;
  std::size_t depth_ = 0;
  std::uint32_t last_end_ = 0;  // source offset of what was last written
  bool at_block_start_ = true;
};

// Where each node a finding can be reported at begins (statements, clauses,
// channel names, block keywords), in one fixed order: formatting keeps the
// tree, so the k-th begin of the old text is the k-th of the new.
void begins(const Clause& c, std::vector<std::uint32_t>& out) {
  out.push_back(c.range.begin);
  for (const auto& alt : c.alternatives) begins(alt, out);
}
void begins(const Statement& st, std::vector<std::uint32_t>& out) { out.push_back(st.range.begin); }
std::vector<std::uint32_t> begins(const syntax::File& f) {
  std::vector<std::uint32_t> out;
  for (const auto& st : f.statements) begins(st, out);
  for (const auto& ch : f.channels) {
    out.push_back(ch.range.begin);
    out.push_back(ch.name.range.begin);
    for (const auto& st : ch.statements) begins(st, out);
    for (const auto& c : ch.conditions) begins(c, out);
  }
  for (const auto& b : f.blocks) {
    out.push_back(b.keyword.range.begin);
    for (const auto& st : b.statements) begins(st, out);
    for (const auto& c : b.clauses) begins(c, out);
    for (const auto& c : b.conditions) begins(c, out);
  }
  return out;
}

// For each waiver comment: which nodes (by their index in begins()) start on
// the line it covers. A finding starts where a node does, so equal sets mean
// the waiver covers the same findings.
std::vector<std::vector<std::size_t>> waiver_coverage(const SourceFile& source, const syntax::File& file,
                                                      std::vector<SourceRange>& waivers) {
  std::vector<std::vector<std::size_t>> out;
  waivers.clear();
  const auto at = begins(file);
  std::vector<std::uint32_t> lines;
  lines.reserve(at.size());
  for (auto b : at) lines.push_back(source.location(b).line);
  for (const auto& c : file.comments) {
    if (!syntax::is_waiver_comment(std::string_view(source.text()).substr(c.range.begin, c.range.end - c.range.begin)))
      continue;
    waivers.push_back(c.range);
    const std::uint32_t target = syntax::waiver_target_line(source, c.range);
    std::vector<std::size_t> covered;
    for (std::size_t k = 0; k < lines.size(); ++k)
      if (lines[k] == target) covered.push_back(k);
    out.push_back(std::move(covered));
  }
  return out;
}

}  // namespace

FormatResult format_source(const SourceFile& source) {
  FormatResult result;
  auto parsed = syntax::parse(source);
  if (!parsed.ok()) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  Printer printer(source, parsed.file);
  std::string text = printer.run(parsed.file);
  // Never produce a file that check would refuse (indentation can grow a
  // file past the limit, and then nothing could read it to undo it).
  if (const std::size_t limit = syntax::Limits{}.max_file_bytes; text.size() > limit && text.size() > source.text().size()) {
    result.diagnostics.push_back(input_error(
        "fmt-too-large", {0, 0},
        {fmt::format("格式化后为 {:.1f} MiB，超过 {} MiB 的上限：未修改", text.size() / 1048576.0, limit / 1048576),
         fmt::format("formatted, it would be {:.1f} MiB, over the {} MiB limit: left unchanged", text.size() / 1048576.0,
                     limit / 1048576)}));
    return result;
  }
  // Never write a file that luohu would read differently: it must parse to
  // the same tree, and every waiver must cover the same clauses (a wrapped
  // clause joined onto a waiver's line would become waived).
  SourceFile formatted(source.path(), text);
  auto again = syntax::parse(formatted);
  if (!again.ok()) {
    result.diagnostics.push_back(input_error("fmt-internal", {0, 0},
                                             {"格式化结果无法解析：未修改（请报告此问题）",
                                              "the formatted text does not parse: left unchanged (please report this)"}));
    return result;
  }
  std::vector<SourceRange> old_waivers, new_waivers;
  auto before = waiver_coverage(source, parsed.file, old_waivers);
  auto after = waiver_coverage(formatted, again.file, new_waivers);
  if (before.size() == after.size() && begins(parsed.file).size() == begins(again.file).size()) {
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (before[i] == after[i]) continue;
      result.diagnostics.push_back(input_error(
          "fmt-would-move-waiver", old_waivers[i],
          {"格式化会改变此豁免覆盖的条款（会把条款移到或移出它所在的行）：未格式化；请把豁免单独放在所覆盖条款的上一行，"
           "并让该行只有这一条款",
           "formatting would change which clauses this waiver covers (it moves clauses onto or off its line): not "
           "formatted; put the waiver on its own line just above the one clause it covers"}));
    }
  }
  if (!result.diagnostics.empty()) return result;
  // Keep the file's line endings: one written on Windows (its first line ends
  // in CRLF) stays CRLF, every line of it.
  const std::string& in = source.text();
  if (auto nl = in.find('\n'); nl != std::string::npos && nl > 0 && in[nl - 1] == '\r') {
    std::string crlf;
    crlf.reserve(text.size() + text.size() / 16);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      if (text[i] == '\n') crlf += '\r';
      crlf += text[i];
    }
    text = std::move(crlf);
  }
  result.text = std::move(text);
  return result;
}

}  // namespace luohu::format
