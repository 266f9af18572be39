// Provenance checks (docs/language.md#provenance): each 来源 names a source
// text that exists under the policy root, each 原文 occurs in one of the
// file's source texts (whitespace and full/half-width punctuation aside), a
// sidecar .source.yaml's text_sha256 matches; inside a corpus (a folder whose
// .luohu.yaml sets require_provenance) every policy names 来源 and 核实.
#pragma once

#include <filesystem>
#include <map>
#include <mutex>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/provenance.hpp"

namespace luohu {

struct PolicyModel;
struct SourceMap;
class SourceFile;

// The folder a policy's sources must lie in: the nearest folder up whose
// .luohu.yaml sets require_provenance (`corpus`); without one, the nearest
// folder named "policies", else the policy's own folder.
struct SourceRoot {
  std::filesystem::path dir;
  bool corpus = false;
};

// Source roots found once per policy folder, for one batch (an audit reads the
// file system as of its start; an editor, which must see a config created
// while it runs, passes none). Safe to share between threads.
class SourceRoots {
 public:
  SourceRoot of(const std::filesystem::path& policy_dir);

 private:
  std::mutex mutex_;
  std::map<std::filesystem::path, SourceRoot> found_;
};

// Checks the policy's provenance, adds its errors to `diagnostics` and fills
// each finding's cited texts with where the source text holds them.
// `map`, when the policy imports others, tells which file each range lies in;
// `roots`, when given, remembers each folder's source root.
std::shared_ptr<const PolicyProvenance> check_provenance(const SourceFile& policy_file, const PolicyModel& policy,
                                                         const SourceMap* map, std::vector<Diagnostic>& diagnostics,
                                                         SourceRoots* roots = nullptr);

// The text as code points with whitespace dropped and full-width forms
// (U+FF01–FF5E) and CJK punctuation with a half-width twin (“”‘’。〔〕【】)
// folded to ASCII; code point i came from bytes [begins[i], ends[i]).
struct Normalised {
  std::u32string text;
  std::vector<std::uint32_t> begins, ends;
};
Normalised normalise_for_quotes(std::string_view text);

// Where `quote` occurs in `text` once both are normalised: a byte range of `text`.
std::optional<SourceRange> find_quote(const Normalised& text, std::string_view quote);
// The passage of `source_text` (normalised: `text`) nearest to `quote` by edit
// distance, on one line, for a mismatch's message; empty when there is none.
std::string nearest_passage(const Normalised& text, std::string_view source_text, std::string_view quote);

}  // namespace luohu
