#include "syntax/incremental.hpp"

#include "syntax/shift.hpp"

#include <algorithm>
#include <cstdint>

namespace luohu::syntax {

namespace {

// Keeps the old nodes before the window, puts the window's nodes in, and
// moves the old nodes after it.
template <typename Node>
std::vector<Node> splice(std::vector<Node>&& old, std::vector<Node>&& fresh, std::uint32_t begin,
                         std::uint32_t old_end, std::int64_t delta) {
  std::vector<Node> out;
  out.reserve(old.size() + fresh.size());
  std::size_t i = 0;
  for (; i < old.size() && old[i].range.begin < begin; ++i) out.push_back(std::move(old[i]));
  while (i < old.size() && old[i].range.begin < old_end) ++i;  // replaced
  for (auto& n : fresh) out.push_back(std::move(n));
  for (; i < old.size(); ++i) {
    out.push_back(std::move(old[i]));
    shift(out.back(), delta);
  }
  return out;
}

}  // namespace

Reparsed reparse(const ParseResult& previous, std::string_view previous_text, const SourceFile& source,
                 const Limits& limits) {
  return reparse(ParseResult(previous), previous_text, source, limits);
}

Reparsed reparse(ParseResult&& previous, std::string_view previous_text, const SourceFile& source,
                 const Limits& limits) {
  const std::string& text = source.text();
  auto full = [&] { return Reparsed{parse(source, limits), false, static_cast<std::uint32_t>(text.size())}; };
  if (!previous.ok() || text.size() > limits.max_file_bytes) return full();

  // The edit: what lies between the common prefix and the common suffix.
  const std::size_t limit = std::min(text.size(), previous_text.size());
  std::size_t prefix = std::mismatch(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(limit),
                                     previous_text.begin()).first - text.begin();
  std::size_t suffix = 0;
  while (suffix < limit - prefix && text[text.size() - 1 - suffix] == previous_text[previous_text.size() - 1 - suffix])
    ++suffix;
  const auto edit_begin = static_cast<std::uint32_t>(prefix);
  const auto edit_old_end = static_cast<std::uint32_t>(previous_text.size() - suffix);
  const std::int64_t delta = static_cast<std::int64_t>(text.size()) - static_cast<std::int64_t>(previous_text.size());
  if (prefix == text.size() && delta == 0) return Reparsed{std::move(previous), true, 0};  // unchanged

  // Top-level items in source order. An item touching the edit (even at an
  // end) is parsed again; the window runs from the end of the item before
  // it to the start of the item after it.
  std::vector<SourceRange> items;
  for (const auto& s : previous.file.statements) items.push_back(s.range);
  for (const auto& c : previous.file.channels) items.push_back(c.range);
  for (const auto& b : previous.file.blocks) items.push_back(b.range);
  std::sort(items.begin(), items.end(), [](SourceRange a, SourceRange b) { return a.begin < b.begin; });
  std::size_t first = 0;  // first item touching or after the edit
  while (first < items.size() && items[first].end < edit_begin) ++first;
  std::size_t after = first;  // first item wholly after the edit
  while (after < items.size() && items[after].begin <= edit_old_end) ++after;
  const std::uint32_t begin = first == 0 ? 0 : items[first - 1].end;
  const std::uint32_t old_end = after < items.size() ? items[after].begin : static_cast<std::uint32_t>(previous_text.size());
  const auto end = static_cast<std::uint32_t>(old_end + delta);
  if (find_invalid_utf8(std::string_view(text).substr(begin, end - begin))) return full();
  {  // a character the full parse refuses (a CR next to the window counts)
    const std::uint32_t from = begin > 0 ? begin - 1 : 0;
    const std::uint32_t to = std::min<std::uint32_t>(end + 3, static_cast<std::uint32_t>(text.size()));
    const std::string_view around = std::string_view(text).substr(from, to - from);
    if (find_hidden_line_break(around) || find_bidi_control(around)) return full();
  }

  auto fresh = parse_items(source, begin, end, limits);
  if (!fresh) return full();
  Reparsed out;
  out.incremental = true;
  out.parsed_bytes = end - begin;
  File& f = out.result.file;
  f.statements = splice(std::move(previous.file.statements), std::move(fresh->statements), begin, old_end, delta);
  f.channels = splice(std::move(previous.file.channels), std::move(fresh->channels), begin, old_end, delta);
  f.blocks = splice(std::move(previous.file.blocks), std::move(fresh->blocks), begin, old_end, delta);
  f.comments = splice(std::move(previous.file.comments), std::move(fresh->comments), begin, old_end, delta);
  return out;
}

}  // namespace luohu::syntax
