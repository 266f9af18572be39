#include "syntax/shift.hpp"

namespace luohu::syntax {

void shift(SourceRange& r, std::int64_t d) {
  r.begin = static_cast<std::uint32_t>(r.begin + d);
  r.end = static_cast<std::uint32_t>(r.end + d);
}
void shift(Word& w, std::int64_t d) { shift(w.range, d); }
void shift(Argument& a, std::int64_t d) {
  shift(a.range, d);
  shift(a.word, d);
  if (a.unit) shift(*a.unit, d);
}
void shift(Quote& q, std::int64_t d) {
  shift(q.keyword, d);
  shift(q.text, d);
}
void shift(Clause& c, std::int64_t d) {
  shift(c.range, d);
  if (c.quote) shift(*c.quote, d);
  shift(c.name, d);
  for (auto& a : c.arguments) shift(a, d);
  for (auto& alt : c.alternatives) shift(alt, d);
}
void shift(Statement& s, std::int64_t d) {
  shift(s.range, d);
  if (s.quote) shift(*s.quote, d);
  shift(s.keyword, d);
  for (auto& a : s.arguments) shift(a, d);
}
void shift(Channel& c, std::int64_t d) {
  shift(c.range, d);
  shift(c.name, d);
  for (auto& s : c.statements) shift(s, d);
  for (auto& k : c.conditions) shift(k, d);
  if (c.conditions_range) shift(*c.conditions_range, d);
}
void shift(Block& b, std::int64_t d) {
  shift(b.range, d);
  shift(b.keyword, d);
  for (auto& s : b.statements) shift(s, d);
  for (auto& k : b.clauses) shift(k, d);
  for (auto& k : b.conditions) shift(k, d);
  if (b.conditions_range) shift(*b.conditions_range, d);
}
void shift(Comment& c, std::int64_t d) { shift(c.range, d); }
void shift(File& f, std::int64_t d) {
  if (d == 0) return;
  for (auto& s : f.statements) shift(s, d);
  for (auto& c : f.channels) shift(c, d);
  for (auto& b : f.blocks) shift(b, d);
  for (auto& c : f.comments) shift(c, d);
}

}  // namespace luohu::syntax
