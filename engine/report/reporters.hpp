// Rendering diagnostics for people and tools: rustc/clang-style human text,
// gcc-style one-liners that editors' quickfix lists read, and JSON.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "diag/file_report.hpp"

namespace luohu {

struct RenderOptions {
  Lang lang = Lang::zh;
  bool color = false;
};

std::string render_human(const FileReport& report, const RenderOptions& options);
std::string render_gcc(const FileReport& report, const RenderOptions& options);
// GitHub Actions workflow commands, one per finding not waived:
// `::error file=F,line=L,col=C,endLine=…,endColumn=…,title=ID::message [ID]`.
std::string render_github(const FileReport& report, const RenderOptions& options);
struct PolicyProvenance;
// A policy's document, 核实 level and source texts (diag/provenance.hpp); null for none.
nlohmann::json provenance_json(const PolicyProvenance* provenance);
nlohmann::json diagnostic_json(const FileReport& report, const Diagnostic& d, Lang lang);

// j.dump(indent) after every string in it (keys too) is made valid UTF-8
// (util/utf8.hpp: an invalid byte becomes <FF>): nlohmann throws on invalid
// UTF-8, and a file name or a rule text may hold any bytes. Every JSON report
// (check, audit, SARIF, the HTML's data) is written through it.
std::string dump_valid(nlohmann::json j, int indent = -1);

// Terminal columns a string occupies (CJK characters take two).
std::size_t display_width(std::string_view text);
// An East Asian wide character (CJK, Hangul, full-width forms): two columns, and no spaces between such words.
bool is_wide(char32_t code_point);

}  // namespace luohu
