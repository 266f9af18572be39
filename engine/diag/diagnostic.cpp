#include "diag/diagnostic.hpp"

namespace luohu {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

const char* severity_name_zh(Severity s) {
  switch (s) {
    case Severity::error: return "错误";
    case Severity::warning: return "警告";
    case Severity::note: return "提示";
  }
  return "错误";
}

}  // namespace luohu
