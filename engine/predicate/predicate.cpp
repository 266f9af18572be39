// compile(): UTF-8 check -> parse -> type-check -> Expression (the tree and its program).
#include "predicate/predicate.hpp"

#include <limits>

#include "predicate/checker.hpp"
#include "predicate/compile.hpp"
#include "predicate/node.hpp"
#include "predicate/parser.hpp"
#include "predicate/program.hpp"
#include "predicate/text.hpp"

namespace luohu::predicate {

CompileResult compile_part(std::string_view full, std::size_t begin, std::size_t end, const Schema& schema,
                           const Scope& scope) {
  CompileResult result;
  const std::string_view text = full.substr(begin, end - begin);
  if (full.size() > std::numeric_limits<std::uint32_t>::max() / 2) {
    result.errors.push_back({"expression is too long", 1, 1});
    return result;
  }
  if (auto bad = first_invalid_utf8(text)) {
    result.errors.push_back(locate(full, begin + *bad, "invalid UTF-8 in expression text"));
    return result;
  }
  ParseResult parsed = parse(text);
  if (!parsed.root) {
    result.errors.push_back(locate(full, begin + parsed.error.offset, std::move(parsed.error.message)));
    return result;
  }
  std::vector<Diagnostic> diagnostics;
  CheckResult checked = check(*parsed.root, schema, scope, diagnostics);
  if (!diagnostics.empty()) {
    for (auto& d : diagnostics) result.errors.push_back(locate(full, begin + d.offset, std::move(d.message)));
    return result;
  }
  auto root = std::make_shared<Node>();
  root->op = Op::Root;
  root->slot = checked.locals;
  root->kids.push_back(std::move(parsed.root));
  for (auto& name : checked.globals) {
    auto global = std::make_unique<Node>();
    global->op = Op::Name;
    global->name = std::move(name);
    root->kids.push_back(std::move(global));
  }
  auto program = std::make_shared<const Program>(*root);
  result.expression.emplace(std::move(root), std::move(program), std::move(checked.type), std::string(text));
  return result;
}

CompileResult compile(std::string_view text, const Schema& schema, const Scope& scope) {
  return compile_part(text, 0, text.size(), schema, scope);
}

}  // namespace luohu::predicate
