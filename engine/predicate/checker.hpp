// Type-checks a parsed tree against the schema and scope, resolving names,
// functions and macros in place (see node.hpp). Collects every error it can
// find; an ill-typed subexpression is treated as `any` so errors do not cascade.
#pragma once

#include <string>
#include <vector>

#include "predicate/node.hpp"
#include "predicate/parser.hpp"
#include "predicate/predicate.hpp"

namespace luohu::predicate {

struct CheckResult {
  Type type;
  std::vector<std::string> globals;  // scope variables used, in slot order
  std::uint32_t locals = 0;          // macro variable slots needed
};

CheckResult check(Node& body, const Schema& schema, const Scope& scope, std::vector<Diagnostic>& diagnostics);

}  // namespace luohu::predicate
