// Syntax tree -> policy model: resolves every word against the vocabulary,
// the declared zones and the city registry, with "did you mean" errors.
#pragma once

#include <memory>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/policy.hpp"
#include "registry/registry.hpp"
#include "syntax/ast.hpp"

namespace luohu {

struct BuildResult {
  std::unique_ptr<PolicyModel> policy;  // null when the city is missing or unknown
  std::vector<Diagnostic> diagnostics;  // input errors (and warnings such as a city name mismatch)
  bool ok() const;                      // a policy and no input errors
};

BuildResult build_policy(const syntax::File& file, const Registry& registry);

}  // namespace luohu
