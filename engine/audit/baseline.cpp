#include "audit/baseline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "util/file_io.hpp"
#include "util/sha256.hpp"

namespace luohu::audit {
namespace {

std::string key_of(const std::string& city_code, const std::string& path, const Finding& f) {
  return finding_key(city_code.empty() ? path : city_code, f.rule, f.clause);
}

// A report written by luohu names one of the three; anything else is read as an error, the safe side.
Severity severity_from(const std::string& name) { return severity_from_name(name).value_or(Severity::error); }

}  // namespace

Baseline parse_baseline(const std::string& text, const std::string& path) {
  Baseline b;
  b.file = {path, sha256_hex(text)};
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::runtime_error(fmt::format("not JSON: {}", e.what()));
  }
  if (!j.is_object() || j.value("format", "") != "luohu-audit/1" || !j.contains("files") || !j["files"].is_array())
    throw std::runtime_error("not a luohu audit report (expected \"format\": \"luohu-audit/1\" and \"files\")");
  try {
    for (const auto& file : j["files"]) {
      PastFinding base;
      base.file = file.at("path").get<std::string>();
      if (file.contains("city") && file["city"].is_object()) {
        base.city_code = file["city"].at("code").get<std::string>();
        base.city_name_zh = file["city"].value("name_zh", "");
        base.city_name_en = file["city"].value("name_en", "");
      }
      for (const auto& f : file.at("findings")) {
        if (f.value("input_error", false)) continue;
        PastFinding p = base;
        p.finding.rule = f.at("rule").get<std::string>();
        if (f.contains("task") && f["task"].is_number_integer()) p.finding.task = f["task"].get<int>();
        p.finding.severity = severity_from(f.value("severity", "error"));
        p.finding.message = {f.value("message_zh", ""), f.value("message_en", "")};
        p.finding.line = f.value("line", 0u);
        p.finding.column = f.value("column", 0u);
        p.finding.end_line = f.value("end_line", 0u);
        p.finding.end_column = f.value("end_column", 0u);
        p.finding.clause = f.value("clause", "");
        b.findings.push_back(std::move(p));
      }
    }
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("malformed audit report: {}", e.what()));
  }
  return b;
}

// An audit of every city with every finding is a few MB; 200 MB baselines were read fine.
constexpr std::uint64_t kMaxBaselineBytes = 1024ull * 1024 * 1024;

std::optional<Baseline> load_baseline(const std::string& path, Message& error) {
  auto read = read_regular_file(path, kMaxBaselineBytes);
  if (!read.ok()) {
    error = {fmt::format("{}：无法读取基线文件：{}", path, read.reason_zh()),
             fmt::format("{}: cannot read the baseline file: {}", path, read.reason_en())};
    return std::nullopt;
  }
  try {
    return parse_baseline(*read.text, path);
  } catch (const std::exception& e) {
    error = {fmt::format("{}：基线不是 luohu 审计的 JSON 报告：{}", path, e.what()),
             fmt::format("{}: the baseline is not a luohu audit JSON report: {}", path, e.what())};
    return std::nullopt;
  }
}

Baseline baseline_of(const AuditResult& earlier, std::string label) {
  BaselineCollector b(std::move(label));
  for (const auto& file : earlier.files) b.add(file);
  return std::move(b.baseline);
}

Comparison::Comparison(const Baseline& baseline) : baseline_(baseline) {
  for (const auto& p : baseline.findings) old_[key_of(p.city_code, p.file, p.finding)].push_back(&p);
}

void Comparison::mark(FileResult& file) {
  if (!file.checked) return;
  std::string code = file.city ? file.city->code : "";
  rechecked_.insert(code.empty() ? file.path : code);
  for (auto& f : file.findings) {
    if (f.input_error) continue;
    auto it = old_.find(key_of(code, file.path, f));
    if (it != old_.end() && !it->second.empty()) {
      f.status = Status::unchanged;
      it->second.erase(it->second.begin());
    } else {
      f.status = Status::new_finding;
    }
  }
}

void Comparison::finish(AuditResult& result) {
  result.baseline = true;
  result.provenance.baseline = baseline_.file;
  // What is left of the baseline is gone: fixed where the city was checked again.
  for (const auto& p : baseline_.findings) {
    auto& left = old_[key_of(p.city_code, p.file, p.finding)];
    auto at = std::find(left.begin(), left.end(), &p);
    if (at == left.end()) continue;
    PastFinding gone = p;
    gone.finding.status = rechecked_.count(p.city_code.empty() ? p.file : p.city_code) ? Status::fixed : Status::unverified;
    result.past.push_back(std::move(gone));
  }
}

void compare(AuditResult& result, const Baseline& baseline) {
  Comparison comparison(baseline);
  for (auto& file : result.files) comparison.mark(file);
  comparison.finish(result);
}

void BaselineCollector::add(const FileResult& file) {
  if (!file.checked) return;
  PastFinding base;
  base.file = file.path;
  if (file.city) {
    base.city_code = file.city->code;
    base.city_name_zh = file.city->name_zh;
    base.city_name_en = file.city->name_en;
  }
  for (const auto& f : file.findings) {
    if (f.input_error) continue;
    PastFinding p = base;
    p.finding = f;
    p.finding.status = Status::none;
    baseline.findings.push_back(std::move(p));
  }
}

}  // namespace luohu::audit
