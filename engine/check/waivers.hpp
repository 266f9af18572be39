// Waivers: `# luohu: allow RULE-ID reason="…" document="…" date=YYYY-MM-DD
// expires=YYYY-MM-DD` comments that an approving document lets a city keep a
// finding. A waived finding is still reported (marked waived); a malformed,
// expired or unused waiver is itself a finding. See docs/waivers.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "source/source_file.hpp"

namespace luohu {

struct RulePack;
namespace syntax {
struct Comment;
}

struct WaiverOptions {
  bool no_waivers = false;  // --no-waivers: every finding plain, waivers ignored
  std::string today;        // YYYY-MM-DD; empty: the local date
};

struct Waiver {
  std::string rule;
  std::string reason, document, date, expires;  // dates YYYY-MM-DD
  SourceRange range;                             // the comment
  std::uint32_t line = 0;                        // the comment's line
  std::uint32_t target_line = 0;                 // the line whose findings it covers
  bool expired = false;
  std::size_t uses = 0;  // findings covered
};

// A comment that is meant as a waiver: "luohu:" right after the comment marker.
bool is_waiver_comment(std::string_view comment_text);

// Reads the waivers among `comments`, marks the findings in `diagnostics`
// they cover, and appends waiver findings (malformed, unknown rule, expired,
// unused). Returns the well-formed waivers.
std::vector<Waiver> apply_waivers(const SourceFile& source, const std::vector<syntax::Comment>& comments,
                                  const RulePack& rules, const WaiverOptions& options,
                                  std::vector<Diagnostic>& diagnostics);

// YYYY-MM-DD naming a real day (from 1949 on).
bool valid_waiver_date(const std::string& s);

// Today's local date as YYYY-MM-DD.
std::string local_date();

}  // namespace luohu
