// Waivers: `# luohu: allow RULE-ID reason="…" document="…" date=YYYY-MM-DD
// expires=YYYY-MM-DD` comments that an approving document lets a city keep a
// finding. A waived finding is still reported (marked waived); a malformed,
// expired or unused waiver is itself a finding. See docs/waivers.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "diag/file_report.hpp"
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
