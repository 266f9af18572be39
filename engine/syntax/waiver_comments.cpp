#include "syntax/waiver_comments.hpp"

namespace luohu::syntax {
namespace {

bool comment_only(std::string_view line) {
  auto at = line.find_first_not_of(" \t");
  if (at == std::string_view::npos) return false;
  line.remove_prefix(at);
  return line.substr(0, 1) == "#" || line.substr(0, 2) == "//";
}

}  // namespace

bool is_waiver_comment(std::string_view text) {
  if (text.substr(0, 1) == "#")
    text.remove_prefix(1);
  else if (text.substr(0, 2) == "//")
    text.remove_prefix(2);
  else
    return false;
  auto at = text.find_first_not_of(" \t");
  return at != std::string_view::npos && text.substr(at, 6) == "luohu:";
}

std::uint32_t waiver_target_line(const SourceFile& source, SourceRange comment) {
  const std::uint32_t line = source.location(comment.begin).line;
  std::uint32_t start = source.line_start(line);
  std::string_view before(source.text().data() + start, comment.begin - start);
  if (before.find_first_not_of(" \t") != std::string_view::npos) return line;
  std::uint32_t t = line + 1;
  while (t <= source.line_count() && comment_only(source.line_text(t))) ++t;
  return t;
}

}  // namespace luohu::syntax
