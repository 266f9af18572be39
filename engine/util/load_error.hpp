// A problem in a data file (registry, rule pack): where, and what, in zh and en.
#pragma once

#include <string>

#include "util/message.hpp"

namespace luohu {

struct LoadError {
  std::string path;
  int line = 0;    // 1-based; 0 when the whole file is concerned
  int column = 0;  // 1-based
  Message message;
  std::string format(Lang lang) const;  // "path:line:col: error: message"
};

}  // namespace luohu
