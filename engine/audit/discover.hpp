// Finding the policies to audit: every *.luohu under the given folders
// (recursively; directory symlinks are not followed) plus files named directly.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"

namespace luohu::audit {

struct Discovery {
  std::vector<std::string> files;  // sorted, each once
  std::vector<Message> errors;     // a path that does not exist or cannot be listed
};

Discovery discover(const std::vector<std::string>& paths);

}  // namespace luohu::audit
