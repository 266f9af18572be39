#include "diag/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace luohu {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::optional<Severity> severity_from_name(std::string_view name) {
  for (Severity s : {Severity::error, Severity::warning, Severity::note}) {
    if (name == severity_name(s)) return s;
  }
  return std::nullopt;
}

const char* severity_name_zh(Severity s) {
  switch (s) {
    case Severity::error: return "错误";
    case Severity::warning: return "警告";
    case Severity::note: return "提示";
  }
  return "错误";
}

const char* fix_safety_name(FixSafety s) {
  switch (s) {
    case FixSafety::safe: return "safe";
    case FixSafety::unsafe: return "unsafe";
    case FixSafety::display_only: return "display-only";
  }
  return "safe";
}

void sort_diagnostics(std::vector<Diagnostic>& d) {
  // Sorts positions, then moves each diagnostic once: a Diagnostic is large,
  // and a stable sort moves its elements several times each.
  std::vector<std::uint32_t> order(d.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    const Diagnostic& a = d[x];
    const Diagnostic& b = d[y];
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.code < b.code;
  });
  if (std::is_sorted(order.begin(), order.end())) return;
  std::vector<Diagnostic> sorted;
  sorted.reserve(d.size());
  for (auto i : order) sorted.push_back(std::move(d[i]));
  d = std::move(sorted);
}

Message task_citation(const std::string& basis, int task, const std::string& quote) {
  if (task == 0) return {fmt::format("{}：“{}”", basis, quote), fmt::format("{}: “{}”", basis, quote)};
  return {fmt::format("{} 任务{}：“{}”", basis, task, quote), fmt::format("{}, task {}: “{}”", basis, task, quote)};
}

}  // namespace luohu
