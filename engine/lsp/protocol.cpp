#include "lsp/protocol.hpp"

namespace luohu::lsp {

std::string to_text(const json& message) { return message.dump(-1, ' ', false, json::error_handler_t::replace); }

json position(const SourceFile& source, std::uint32_t offset) {
  return {{"line", source.line_of(offset) - 1}, {"character", source.utf16_column(offset)}};
}

json range(const SourceFile& source, SourceRange r) {
  return {{"start", position(source, r.begin)}, {"end", position(source, r.end)}};
}

std::uint32_t offset(const SourceFile& source, const json& p) {
  auto line = p.at("line").get<std::int64_t>();
  auto character = p.at("character").get<std::int64_t>();
  if (line < 0 || character < 0) throw InvalidParams("a position has a negative line or character");
  if (line >= source.line_count()) return static_cast<std::uint32_t>(source.text().size());
  return source.offset_of_utf16(static_cast<std::uint32_t>(line),
                                static_cast<std::uint32_t>(std::min<std::int64_t>(character, UINT32_MAX)));
}

SourceRange source_range(const SourceFile& source, const json& r) {
  SourceRange out{offset(source, r.at("start")), offset(source, r.at("end"))};
  if (out.end < out.begin) std::swap(out.begin, out.end);
  return out;
}

json text_edit(const SourceFile& source, SourceRange r, const std::string& new_text) {
  return {{"range", range(source, r)}, {"newText", new_text}};
}

}  // namespace luohu::lsp
