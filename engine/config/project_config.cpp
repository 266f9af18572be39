#include "config/project_config.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "util/suggest.hpp"
#include "util/yaml_text.hpp"
#include "util/file_io.hpp"

namespace luohu {
namespace {

// Keys that would change what a check means rather than how it is shown.
const std::vector<std::string> kForbidden = {"rules",   "rule",    "severity", "severities", "tier",     "tiers",
                                             "level",   "levels",  "waiver",   "waivers",    "allow",    "disable",
                                             "ignore",  "exclude", "registry", "city",       "cities",   "baseline",
                                             "规则",    "严重程度", "规模",     "豁免",       "登记表"};

class Reader {
 public:
  Reader(const std::string& path, std::vector<LoadError>& errors) : path_(path), errors_(errors) {}

  void error(const YAML::Mark& mark, Message m) { errors_.push_back({path_, mark.line + 1, mark.column + 1, std::move(m)}); }

  // Reports a key that is not one of `known`.
  void unknown(const YAML::Node& key, const std::string& name, const std::vector<std::string>& known, const std::string& where) {
    if (std::find(kForbidden.begin(), kForbidden.end(), name) != kForbidden.end()) {
      error(key.Mark(), {fmt::format("项目配置不能设置“{}”：规则的严重程度、适用规模和豁免由国家规则与政策文件决定，只能设置输出方式", name),
                         fmt::format("a project config cannot set '{}': rule severity, tiers and waivers come from the "
                                     "national rules and the policy files; only output defaults may be set",
                                     name)});
      return;
    }
    auto hint = closest_match(name, known);
    error(key.Mark(), {fmt::format("未知的配置项“{}{}”{}", where, name, hint ? fmt::format("；是否应为“{}”？", *hint) : ""),
                       fmt::format("unknown config key '{}{}'{}", where, name, hint ? fmt::format("; did you mean '{}'?", *hint) : "")});
  }

  std::optional<std::string> choice(const YAML::Node& value, const std::string& key, const std::vector<std::string>& allowed) {
    if (value.IsScalar()) {
      const auto& s = value.Scalar();
      if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) return s;
    }
    std::string list = fmt::format("{}", fmt::join(allowed, ", "));
    error(value.Mark(), {fmt::format("“{}”应为以下之一：{}", key, list), fmt::format("'{}' must be one of: {}", key, list)});
    return std::nullopt;
  }

 private:
  const std::string& path_;
  std::vector<LoadError>& errors_;
};

}  // namespace

std::optional<std::filesystem::path> find_project_config(const std::filesystem::path& start) {
  std::error_code ec;
  auto dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    auto candidate = dir / kProjectConfigName;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::optional<ProjectConfig> parse_project_config(const std::string& text, const std::string& path,
                                                  std::vector<LoadError>& errors) {
  const std::size_t before = errors.size();
  ProjectConfig config;
  config.path = path;
  auto parsed = parse_yaml(text, path, errors);
  if (!parsed) return std::nullopt;
  YAML::Node root = *parsed;
  Reader r(path, errors);
  if (root.IsNull()) return config;  // an empty file sets nothing
  if (!root.IsMap()) {
    r.error(root.Mark(), {"项目配置应为键值映射", "a project config must be a mapping of keys to values"});
    return std::nullopt;
  }
  const std::vector<std::string> top = {"lang", "color", "check", "audit", "require_provenance"};
  for (const auto& entry : root) {
    const std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "";
    const YAML::Node& value = entry.second;
    if (key == "lang") {
      config.lang = r.choice(value, key, {"zh", "en"});
    } else if (key == "color") {
      config.color = r.choice(value, key, {"auto", "always", "never"});
    } else if (key == "require_provenance") {
      bool on = false;
      if (!value.IsScalar() || !YAML::convert<bool>::decode(value, on)) {
        r.error(value.Mark(), {"“require_provenance”应为 true 或 false", "'require_provenance' must be true or false"});
        continue;
      }
      config.require_provenance = on;
    } else if (key == "check" || key == "audit") {
      if (!value.IsMap()) {
        r.error(value.Mark(), {fmt::format("“{}”应为键值映射", key), fmt::format("'{}' must be a mapping", key)});
        continue;
      }
      for (const auto& sub : value) {
        const std::string name = sub.first.IsScalar() ? sub.first.Scalar() : "";
        if (name == "format" && key == "check") {
          config.check_format = r.choice(sub.second, "check.format", {"human", "gcc", "json", "sarif"});
        } else if (name == "format") {
          config.audit_format = r.choice(sub.second, "audit.format", {"summary", "json", "csv", "sarif", "html"});
        } else if (name == "jobs" && key == "audit") {
          int jobs = 0;
          if (!sub.second.IsScalar() || !YAML::convert<int>::decode(sub.second, jobs) || jobs < 1 || jobs > 1024) {
            r.error(sub.second.Mark(), {"“audit.jobs”应为 1 到 1024 的整数", "'audit.jobs' must be a whole number from 1 to 1024"});
            continue;
          }
          config.jobs = jobs;
        } else {
          r.unknown(sub.first, name, key == "check" ? std::vector<std::string>{"format"} : std::vector<std::string>{"format", "jobs"},
                    key + ".");
        }
      }
    } else {
      r.unknown(entry.first, key, top, "");
    }
  }
  if (errors.size() != before) return std::nullopt;
  return config;
}

namespace {

namespace fs = std::filesystem;

struct Parsed {
  fs::file_time_type mtime;
  std::uintmax_t size = 0;
  std::optional<ProjectConfig> config;
  std::vector<LoadError> errors;
};

struct Cache {
  std::mutex mutex;
  std::map<fs::path, Parsed> parsed;  // config path -> what it says
};

Cache& cache() {
  static Cache c;
  return c;
}

fs::path canonical_dir(const fs::path& dir) {
  std::error_code ec;
  fs::path abs = fs::absolute(dir.empty() ? fs::path(".") : dir, ec);
  if (ec) return dir;
  fs::path c = fs::weakly_canonical(abs, ec);
  return ec ? abs.lexically_normal() : c;
}

// One stat per directory, not remembered: a config created or removed while
// the language server runs is seen at the next check. What a config says is
// what is cached.
std::optional<fs::path> nearest(const fs::path& start) {
  std::error_code ec;
  for (fs::path d = start;; d = d.parent_path()) {
    if (fs::is_regular_file(d / kProjectConfigName, ec)) return d / kProjectConfigName;
    if (!d.has_parent_path() || d.parent_path() == d) return std::nullopt;
  }
}

}  // namespace

std::optional<fs::path> project_config_dir(const fs::path& dir) {
  auto found = nearest(canonical_dir(dir));
  if (!found) return std::nullopt;
  return found->parent_path();
}

std::optional<ProjectConfig> project_config_for(const fs::path& dir, std::vector<LoadError>& errors) {
  return project_config_for_canonical(canonical_dir(dir), errors);
}

std::optional<ProjectConfig> project_config_for_canonical(const fs::path& dir, std::vector<LoadError>& errors) {
  auto found = nearest(dir);
  if (!found) return ProjectConfig{};
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  std::error_code ec;
  auto mtime = fs::last_write_time(*found, ec);
  auto size = fs::file_size(*found, ec);
  auto it = c.parsed.find(*found);
  if (it == c.parsed.end() || it->second.mtime != mtime || it->second.size != size) {
    Parsed p;
    p.mtime = mtime;
    p.size = size;
    auto read = read_regular_file(found->string(), 1024 * 1024);
    if (!read.ok()) {
      p.errors.push_back({found->string(), 0, 0, {"无法读取项目配置：" + read.reason_zh(), "cannot read the project config: " + read.reason_en()}});
    } else {
      p.config = parse_project_config(*read.text, found->string(), p.errors);
    }
    it = c.parsed.insert_or_assign(*found, std::move(p)).first;
  }
  errors.insert(errors.end(), it->second.errors.begin(), it->second.errors.end());
  return it->second.config;
}

std::optional<ProjectConfig> load_project_config(const std::vector<std::string>& paths, std::vector<LoadError>& errors) {
  std::error_code ec;
  fs::path start = fs::current_path(ec);
  if (!paths.empty() && paths.front() != "-") {
    fs::path first(paths.front());
    start = fs::is_directory(first, ec) ? first : first.parent_path();
  }
  return project_config_for(start, errors);
}

}  // namespace luohu
