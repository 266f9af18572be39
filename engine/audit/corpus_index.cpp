#include "audit/corpus_index.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <map>

#include "diag/provenance.hpp"
#include "model/vocabulary.hpp"

namespace luohu::audit {
namespace fs = std::filesystem;

namespace {

std::string cell(std::string s) {  // a Markdown table cell: no '|' or line break
  for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  for (auto& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s.empty() ? "—" : s;
}

std::string relative(const std::string& path, const fs::path& dir) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  fs::path r = p.lexically_relative(fs::absolute(dir, ec).lexically_normal());
  return r.empty() ? path : r.generic_string();
}

}  // namespace

std::string corpus_index(const AuditResult& result, const std::string& readme_dir) {
  std::string out = "| city | code | tier | document (文号) | date | verified | source |\n|---|---|---|---|---|---|---|\n";
  std::map<std::string, std::size_t> levels;
  std::size_t cities = 0;
  for (const auto& file : result.files) {
    if (!file.city) continue;
    ++cities;
    const PolicyProvenance* p = file.provenance.get();
    std::string document, date, level = "unstated", sources;
    if (p) {
      // The policy's own 标题/文号/施行日期, else its first source's sidecar.
      const SourceText* first = p->sources.empty() ? nullptr : &p->sources.front();
      std::string title = !p->title.empty() ? p->title : first ? first->title : "";
      std::string number = !p->document.empty() ? p->document : first ? first->number : "";
      document = title + (number.empty() ? "" : (title.empty() ? "" : " ") + number);
      date = !p->effective.empty() ? p->effective : first ? first->date : "";
      if (!p->verification.empty()) level = p->verification;
      for (const auto& s : p->sources) {
        std::string path = s.resolved.empty() ? s.path : relative(s.resolved, readme_dir);
        sources += (sources.empty() ? "" : "<br>") + fmt::format("[{}]({})", fs::path(path).filename().string(), path);
      }
    }
    ++levels[level];
    std::string level_text = level == "unstated" ? "unstated" : fmt::format("{} ({})", label(level, Lang::zh), level);
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", cell(file.city->name_zh), file.city->code,
                       cell(file.city->tier ? label(*file.city->tier, Lang::zh) : "unknown"), cell(document), cell(date),
                       cell(level_text), cell(sources));
  }
  out += fmt::format("\nCities: {}.", cities);
  for (const auto& t : terms(Vocabulary::verification)) {
    if (auto it = levels.find(t.id); it != levels.end()) out += fmt::format(" {} ({}): {}.", t.zh, t.id, it->second);
  }
  if (auto it = levels.find("unstated"); it != levels.end()) out += fmt::format(" Unstated: {}.", it->second);
  return out + "\n";
}

std::optional<std::string> replace_corpus_index(const std::string& readme, const std::string& index) {
  auto begin = readme.find(kCorpusBegin);
  auto end = readme.find(kCorpusEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin) return std::nullopt;
  std::size_t after_begin = begin + std::string(kCorpusBegin).size();
  return readme.substr(0, after_begin) + "\n" + index + readme.substr(end);
}

}  // namespace luohu::audit
