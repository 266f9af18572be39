#include "check/provenance.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

#include "source/source_map.hpp"
#include "config/project_config.hpp"
#include "model/policy.hpp"
#include "source/source_file.hpp"
#include "util/data_file.hpp"
#include "util/sha256.hpp"
#include "util/yaml_text.hpp"

namespace luohu {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxSourceBytes = 10u << 20;  // as for policies

// Decodes one code point of valid UTF-8 at `i` (the text was checked).
char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += n;
  return cp;
}

bool is_space(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x3000 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) ||
         c == 0xFEFF || c == 0x2028 || c == 0x2029;
}

// Full-width forms and CJK punctuation that has a half-width twin, folded.
char32_t fold(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // ！…～ -> !…~ (（）；，：０-９ among them)
  switch (c) {
    case 0x201C: case 0x201D: case 0x201E: return '"';  // “ ” „
    case 0x2018: case 0x2019: return '\'';              // ‘ ’
    case 0x3002: return '.';                            // 。
    case 0x3014: case 0x3010: case 0x3016: return '[';  // 〔 【 〖
    case 0x3015: case 0x3011: case 0x3017: return ']';  // 〕 】 〗
    case 0xFF5F: return '(';
    case 0xFF60: return ')';
    default: return c;
  }
}

std::string one_line(std::string_view s, std::size_t max_code_points) {
  std::string out;
  std::size_t n = 0;
  bool space = false;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t at = i;
    char32_t c = next_code_point(s, i);
    if (c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (++n > max_code_points) {
      out += "…";
      break;
    }
    out.append(s.substr(at, i - at));
  }
  return out;
}

// A source text as read from disk, cached by path, size and time.
struct LoadedSource {
  std::uintmax_t size = 0;
  fs::file_time_type mtime;
  std::shared_ptr<const SourceFile> file;
  Normalised normalised;
  std::string sha256;
  // Its sidecar, if any.
  bool has_sidecar = false;
  std::string sidecar_path;
  std::string sidecar_error;  // en; empty when it read well
  std::string sidecar_error_zh;
  std::string title, number, issuer, date, origin, text_sha256;
  std::uintmax_t sidecar_size = 0;
  fs::file_time_type sidecar_mtime;
};

std::string scalar(const YAML::Node& n, const char* key) {
  const YAML::Node v = n[key];
  return v && v.IsScalar() ? v.Scalar() : std::string();
}

void read_sidecar(LoadedSource& s) {
  std::vector<LoadError> errors;
  auto bytes = read_file(s.sidecar_path);
  auto root = parse_yaml(bytes ? *bytes : std::string(), s.sidecar_path, errors);
  if (!root || !root->IsMap()) {
    std::string why = errors.empty() ? std::string("not a mapping") : errors.front().message.en;
    s.sidecar_error = fmt::format("{} cannot be read: {}", s.sidecar_path, why);
    s.sidecar_error_zh = fmt::format("无法读取 {}：{}", s.sidecar_path, errors.empty() ? std::string("不是键值映射") : errors.front().message.zh);
    return;
  }
  s.title = scalar(*root, "title");
  s.number = scalar(*root, "number");
  s.issuer = scalar(*root, "issuer");
  s.date = scalar(*root, "date");
  s.text_sha256 = scalar(*root, "text_sha256");
  if (const YAML::Node o = (*root)["origin"]; o && o.IsMap()) {
    if (auto address = scalar(o, "address"); !address.empty()) {
      s.origin = address;
    } else {
      s.origin = fmt::format("{} {}:{}", scalar(o, "repository"), scalar(o, "branch"), scalar(o, "path"));
    }
  }
  std::vector<std::string> missing;
  if (s.title.empty()) missing.push_back("title");
  if (s.origin.empty()) missing.push_back("origin");
  if (s.text_sha256.empty()) missing.push_back("text_sha256");
  if (!missing.empty()) {
    std::string list = fmt::format("{}", fmt::join(missing, ", "));
    s.sidecar_error = fmt::format("{} lacks {}", s.sidecar_path, list);
    s.sidecar_error_zh = fmt::format("{} 缺少 {}", s.sidecar_path, list);
  }
}

// nullptr with `why` set when the file cannot be used as a source text.
std::shared_ptr<const LoadedSource> load_source(const fs::path& path, Message& why) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const LoadedSource>> cache;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    why = {"来源文本不存在", "the source text does not exist"};
    return nullptr;
  }
  if (!fs::is_regular_file(status)) {
    why = {"来源不是普通文件", "the source is not a regular file"};
    return nullptr;
  }
  auto size = fs::file_size(path, ec);
  auto mtime = fs::last_write_time(path, ec);
  if (ec) {
    why = {"无法读取来源文本", "cannot read the source text"};
    return nullptr;
  }
  if (size > kMaxSourceBytes) {
    why = {"来源文本过大（上限 10 MiB）", "the source text is too large (the limit is 10 MiB)"};
    return nullptr;
  }
  fs::path sidecar = path;
  if (sidecar.extension() == ".txt") sidecar.replace_extension(".source.yaml");
  else sidecar += ".source.yaml";
  std::uintmax_t sidecar_size = 0;
  fs::file_time_type sidecar_mtime{};
  bool has_sidecar = fs::is_regular_file(sidecar, ec);
  if (has_sidecar) {
    sidecar_size = fs::file_size(sidecar, ec);
    sidecar_mtime = fs::last_write_time(sidecar, ec);
  }
  const std::string key = path.string();
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) {
      const auto& s = *it->second;
      if (s.size == size && s.mtime == mtime && s.has_sidecar == has_sidecar &&
          (!has_sidecar || (s.sidecar_size == sidecar_size && s.sidecar_mtime == sidecar_mtime)))
        return it->second;
    }
  }
  auto bytes = read_file(path.string());
  if (!bytes) {
    why = {"无法读取来源文本", "cannot read the source text"};
    return nullptr;
  }
  std::string text = std::move(*bytes);
  if (auto bad = find_invalid_utf8(text)) {
    why = {fmt::format("来源文本不是有效的 UTF-8（第 {} 字节）", *bad), fmt::format("the source text is not valid UTF-8 (byte {})", *bad)};
    return nullptr;
  }
  auto s = std::make_shared<LoadedSource>();
  s->size = size;
  s->mtime = mtime;
  s->sha256 = sha256_hex(text);
  s->normalised = normalise_for_quotes(text);
  s->file = std::make_shared<SourceFile>(path.string(), std::move(text));
  s->has_sidecar = has_sidecar;
  s->sidecar_size = sidecar_size;
  s->sidecar_mtime = sidecar_mtime;
  if (has_sidecar) {
    s->sidecar_path = sidecar.string();
    read_sidecar(*s);
  }
  std::lock_guard lock(mutex);
  cache[key] = s;
  return s;
}

SourceRoot source_root(const fs::path& policy_dir) {
  std::error_code ec;
  fs::path start = fs::weakly_canonical(fs::absolute(policy_dir, ec), ec);
  // The nearest .luohu.yaml decides (config/project_config.hpp reads each once).
  std::vector<LoadError> errors;
  auto config = ec || start.empty() ? project_config_for(policy_dir, errors) : project_config_for_canonical(start, errors);
  if (config && config->require_provenance && !config->path.empty()) {
    return {fs::path(config->path).parent_path(), true};  // the folder holding the config
  }
  for (fs::path d = start; !d.empty(); d = d.parent_path()) {
    if (d.filename() == "policies") return {d, false};
    if (d == d.parent_path()) break;
  }
  return {start, false};
}

bool inside(const fs::path& file, const fs::path& root) {
  auto f = file.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++f) {
    if (f == file.end() || *f != *r) return false;
  }
  return true;
}

// Provenance problems are errors unless said otherwise.
Diagnostic problem(std::string code, SourceRange range, Message message, Severity severity = Severity::error) {
  return make_diagnostic(severity, std::move(code), range, std::move(message));
}

struct FileSources {
  const SourceFile* file = nullptr;
  std::vector<std::shared_ptr<const LoadedSource>> texts;
  std::vector<std::string> display;  // the path reports show (lexically normal, as the policy's own path)
  bool any_statement = false;
};

}  // namespace

Normalised normalise_for_quotes(std::string_view text) {
  Normalised out;
  out.text.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size();) {
    std::size_t at = i;
    char32_t c = next_code_point(text, i);
    if (is_space(c)) continue;
    out.text.push_back(fold(c));
    out.begins.push_back(static_cast<std::uint32_t>(at));
    out.ends.push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

std::optional<SourceRange> find_quote(const Normalised& text, std::string_view quote) {
  Normalised q = normalise_for_quotes(quote);
  if (q.text.empty()) return std::nullopt;
  auto at = text.text.find(q.text);
  if (at == std::u32string::npos) return std::nullopt;
  return SourceRange{text.begins[at], text.ends[at + q.text.size() - 1]};
}

namespace {
std::optional<SourceRange> nearest_range(const Normalised& text, std::string_view quote, std::size_t* distance) {
  // Approximate substring matching (Sellers): a passage may start anywhere
  // for free; the cheapest end, then its start, by edit distance.
  std::u32string q = normalise_for_quotes(quote).text;
  const std::u32string& t = text.text;
  if (q.empty() || t.empty()) return std::nullopt;
  const std::size_t m = q.size();
  std::vector<std::size_t> cost(m + 1), start(m + 1), prev_cost(m + 1), prev_start(m + 1);
  for (std::size_t i = 0; i <= m; ++i) prev_cost[i] = i, prev_start[i] = 0;
  std::size_t best = m + 1, best_end = 0, best_start = 0;
  for (std::size_t j = 1; j <= t.size(); ++j) {
    cost[0] = 0;
    start[0] = j;
    for (std::size_t i = 1; i <= m; ++i) {
      std::size_t sub = prev_cost[i - 1] + (q[i - 1] == t[j - 1] ? 0 : 1);
      std::size_t del = prev_cost[i] + 1;  // skip a text character
      std::size_t ins = cost[i - 1] + 1;   // skip a quote character
      if (sub <= del && sub <= ins) {
        cost[i] = sub;
        start[i] = prev_start[i - 1];
      } else if (del <= ins) {
        cost[i] = del;
        start[i] = prev_start[i];
      } else {
        cost[i] = ins;
        start[i] = start[i - 1];
      }
    }
    if (cost[m] < best) {
      best = cost[m];
      best_end = j;
      best_start = start[m];
    }
    std::swap(cost, prev_cost);
    std::swap(start, prev_start);
  }
  if (best_end <= best_start) return std::nullopt;
  if (distance) *distance = best;
  return SourceRange{text.begins[best_start], text.ends[best_end - 1]};
}
}  // namespace

std::string nearest_passage(const Normalised& text, std::string_view source_text, std::string_view quote) {
  auto r = nearest_range(text, quote, nullptr);
  if (!r) return {};
  return one_line(source_text.substr(r->begin, r->end - r->begin), 120);
}

SourceRoot SourceRoots::of(const fs::path& policy_dir) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = found_.find(policy_dir); it != found_.end()) return it->second;
  }
  SourceRoot root = source_root(policy_dir);  // outside the lock: file-system calls
  std::lock_guard lock(mutex_);
  return found_.emplace(policy_dir, std::move(root)).first->second;
}

std::shared_ptr<const PolicyProvenance> check_provenance(const SourceFile& policy_file, const PolicyModel& policy,
                                                         const SourceMap* map, std::vector<Diagnostic>& diagnostics,
                                                         SourceRoots* roots) {
  auto out = std::make_shared<PolicyProvenance>();
  out->title = policy.title;
  out->document = policy.document;
  out->effective = policy.effective;
  out->verification = policy.verification;
  auto file_of = [&](SourceRange r) -> std::size_t { return map && map->files.size() > 1 ? map->index_of(r.begin) : 0; };
  auto source_of = [&](std::size_t i) -> const SourceFile& {
    return map && map->files.size() > 1 ? *map->files[i].source : policy_file;
  };
  const std::size_t nfiles = map && map->files.size() > 1 ? map->files.size() : 1;
  std::vector<FileSources> files(nfiles);
  auto root_of = [&](const fs::path& dir) { return roots ? roots->of(dir) : source_root(dir); };
  const SourceRoot root = root_of(fs::path(policy_file.path()).parent_path());
  out->corpus = root.corpus;

  for (const auto& ref : policy.sources) {
    std::size_t k = file_of(ref.range);
    const SourceFile& owner = source_of(k);
    files[k].any_statement = true;
    fs::path written = fs::path(owner.path()).parent_path() / ref.path;
    std::string display = written.lexically_normal().string();
    SourceText entry;
    entry.path = ref.path;
    if (k == 0) out->sources.push_back(entry);  // filled below when read
    SourceText* listed = k == 0 ? &out->sources.back() : nullptr;
    if (fs::path(ref.path).is_absolute()) {
      diagnostics.push_back(problem("source-outside-root", ref.range,
                                    {"“来源”应为相对于本文件的路径", "a source must be a path relative to this file"}));
      continue;
    }
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(fs::absolute(written, ec), ec);
    const SourceRoot owner_root = k == 0 ? root : root_of(fs::path(owner.path()).parent_path());
    if (ec || !inside(resolved, owner_root.dir)) {
      diagnostics.push_back(problem(
          "source-outside-root", ref.range,
          {fmt::format("来源“{}”不在政策目录 {} 之内", ref.path, owner_root.dir.string()),
           fmt::format("source '{}' lies outside the policy root {}", ref.path, owner_root.dir.string())}));
      continue;
    }
    Message why;
    auto loaded = load_source(resolved, why);
    if (!loaded) {
      diagnostics.push_back(problem("source-not-found", ref.range,
                                    {fmt::format("{}：{}", why.zh, display), fmt::format("{}: {}", why.en, display)}));
      continue;
    }
    if (listed) {
      listed->resolved = display;
      listed->title = loaded->title;
      listed->number = loaded->number;
      listed->issuer = loaded->issuer;
      listed->date = loaded->date;
      listed->origin = loaded->origin;
    }
    if (!loaded->has_sidecar && owner_root.corpus) {
      diagnostics.push_back(problem(
          "source-sidecar-missing", ref.range,
          {fmt::format("来源文本缺少出处说明文件 {}（title、origin、origin_sha256、text_sha256）",
                       fs::path(display).replace_extension(".source.yaml").string()),
           fmt::format("the source text has no sidecar {} (title, origin, origin_sha256, text_sha256)",
                       fs::path(display).replace_extension(".source.yaml").string())}));
    } else if (!loaded->sidecar_error.empty()) {
      diagnostics.push_back(problem("source-sidecar-invalid", ref.range, {loaded->sidecar_error_zh, loaded->sidecar_error}));
    } else if (loaded->has_sidecar && loaded->text_sha256 != loaded->sha256) {
      diagnostics.push_back(problem(
          "source-hash-mismatch", ref.range,
          {fmt::format("来源文本的 SHA-256 为 {}，与出处说明文件记录的 text_sha256 {} 不符（提取后被改动？用 scripts/extract-sources 核对）",
                       loaded->sha256, loaded->text_sha256),
           fmt::format("the source text's SHA-256 is {}, not the sidecar's text_sha256 {} (edited since it was "
                       "extracted? check with scripts/extract-sources)",
                       loaded->sha256, loaded->text_sha256)}));
    }
    files[k].texts.push_back(std::move(loaded));
    files[k].display.push_back(display);
  }

  if (root.corpus) {
    if (policy.sources.empty()) {
      diagnostics.push_back(problem(
          "missing-source", policy.header,
          {"政策目录要求注明来源：请加“来源 “../sources/<省>/<文件>.txt”;”，指向所建模文件的原文文本",
           "this corpus requires provenance: add 'source \"../sources/<province>/<file>.txt\";' naming the text modelled"}));
    }
    if (policy.verification.empty()) {
      diagnostics.push_back(problem(
          "missing-verification", policy.header,
          {"政策目录要求注明核实程度：请加“核实 全文;”（或 官方指南、二手报道、省级文件、国家底线、仅标题）",
           "this corpus requires a verification level: add 'verification full_text;' (or official_guide, "
           "secondary_report, provincial_text, national_floor, title_only)"}));
    }
  }

  // Each 原文 against the source texts of the file it is written in.
  struct Found {
    std::string source;
    LineColumn begin, end;
    std::uint32_t begin_utf16, end_utf16;
  };
  std::map<std::uint32_t, Found> found;  // by the quote's range start
  for (const auto& c : policy.citations) {
    const FileSources& fsrc = files[file_of(c.range)];
    if (fsrc.texts.empty()) {
      if (!fsrc.any_statement) {
        diagnostics.push_back(problem("quote-unverified", c.range,
                                      {"此文件没有“来源”，原文无从核对", "this file names no source, so the quote cannot be verified"},
                                      root.corpus ? Severity::error : Severity::warning));
      }
      continue;  // its 来源 are reported above
    }
    bool ok = false;
    for (std::size_t i = 0; i < fsrc.texts.size() && !ok; ++i) {
      if (auto r = find_quote(fsrc.texts[i]->normalised, c.text)) {
        const SourceFile& t = *fsrc.texts[i]->file;
        found[c.range.begin] = {fsrc.display[i], t.location(r->begin), t.location(r->end), t.utf16_column(r->begin),
                                t.utf16_column(r->end)};
        ok = true;
      }
    }
    if (ok) continue;
    // The nearest passage over all the file's sources.
    std::size_t best = SIZE_MAX, which = 0;
    std::optional<SourceRange> where;
    for (std::size_t i = 0; i < fsrc.texts.size(); ++i) {
      std::size_t d = 0;
      if (auto r = nearest_range(fsrc.texts[i]->normalised, c.text, &d); r && d < best) {
        best = d;
        which = i;
        where = r;
      }
    }
    Message m{"原文未见于来源文本（比较时只忽略空白与全角半角标点）", "the quote does not occur in the source text (comparing "
                                                                       "with whitespace and full/half-width punctuation ignored)"};
    if (where) {
      const SourceFile& t = *fsrc.texts[which]->file;
      LineColumn lc = t.location(where->begin);
      std::string passage = one_line(std::string_view(t.text()).substr(where->begin, where->end - where->begin), 120);
      m.zh += fmt::format("；最接近的段落（{}:{}:{}）：“{}”", fsrc.display[which], lc.line, lc.column, passage);
      m.en += fmt::format("; the nearest passage ({}:{}:{}): \"{}\"", fsrc.display[which], lc.line, lc.column, passage);
    }
    diagnostics.push_back(problem("quote-not-found", c.range, std::move(m)));
  }
  for (auto& d : diagnostics) {
    for (auto& c : d.cited) {
      if (auto it = found.find(c.range.begin); it != found.end()) {
        c.source = it->second.source;
        c.begin = it->second.begin;
        c.end = it->second.end;
        c.begin_utf16 = it->second.begin_utf16;
        c.end_utf16 = it->second.end_utf16;
      }
    }
  }
  return out;
}

}  // namespace luohu
