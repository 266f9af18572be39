#include "audit/discover.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace luohu::audit {

namespace fs = std::filesystem;

Discovery discover(const std::vector<std::string>& paths) {
  Discovery out;
  std::set<fs::path> seen;  // canonical paths: a file reached twice is audited once
  auto add = [&](const fs::path& p) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(p, ec);
    if (seen.insert(ec ? p : canonical).second) out.files.push_back(p.generic_string());
  };
  for (const auto& given : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(given, ec);
    if (fs::is_regular_file(st)) {
      add(given);
    } else if (fs::is_directory(st)) {
      fs::recursive_directory_iterator it(given, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() == ".luohu" && it->is_regular_file(ec)) add(it->path());
      }
      if (ec)
        out.errors.push_back({fmt::format("{}：无法列出目录内容：{}", given, ec.message()),
                              fmt::format("{}: cannot list the folder: {}", given, ec.message())});
    } else {
      out.errors.push_back({fmt::format("{}：没有这个文件或目录", given), fmt::format("{}: no such file or folder", given)});
    }
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace luohu::audit
