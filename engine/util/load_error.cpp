#include "util/load_error.hpp"

#include <fmt/format.h>

namespace luohu {

std::string LoadError::format(Lang lang) const {
  const char* error = lang == Lang::zh ? "错误" : "error";
  if (line == 0) return fmt::format("{}: {}: {}", path, error, message.in(lang));
  return fmt::format("{}:{}:{}: {}: {}", path, line, column, error, message.in(lang));
}

}  // namespace luohu
