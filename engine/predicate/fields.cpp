// may_read(): which model fields an expression can touch, found by walking
// the compiled tree (the checker resolved every field to a FieldId).
#include "predicate/node.hpp"
#include "predicate/predicate.hpp"

namespace luohu::predicate {

namespace {
bool walk(const Node& n, const std::function<bool(FieldId)>& which) {
  if (n.op == Op::Field && which(static_cast<FieldId>(n.slot))) return true;
  for (const auto& k : n.kids) {
    if (k && walk(*k, which)) return true;
  }
  return false;
}
}  // namespace

bool may_read(const Expression& e, const std::function<bool(FieldId)>& which) {
  auto root = e.root();
  return root && walk(*root, which);
}

bool may_read(const Template& t, const std::function<bool(FieldId)>& which) {
  for (const auto& s : t.segments()) {
    if (s.expression && may_read(*s.expression, which)) return true;
  }
  return false;
}

}  // namespace luohu::predicate
