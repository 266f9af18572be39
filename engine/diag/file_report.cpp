#include "diag/file_report.hpp"

#include <algorithm>

namespace luohu {

bool FileReport::input_error() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.input_error; });
}

std::size_t FileReport::count(Severity s) const {
  return std::count_if(diagnostics.begin(), diagnostics.end(),
                       [s](const Diagnostic& d) { return !d.input_error && !d.waived && d.severity == s; });
}

std::size_t FileReport::waived() const {
  return std::count_if(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.waived.has_value(); });
}

Located locate(const FileReport& report, SourceRange range) {
  if (!report.sources || report.sources->files.size() < 2) return {report.source.get(), range, 0};
  std::size_t i = report.sources->index_of(range.begin);
  const auto& f = report.sources->files[i];
  return {f.source.get(), {range.begin - f.base, std::max(range.begin, range.end) - f.base}, i};
}

}  // namespace luohu
