// The language's keywords with both spellings, for suggestions, hover and
// completion. The grammar spells the same words; a test keeps them in step.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace luohu::syntax {

enum class KeywordContext { top, channel, points, clause };

// Which keyword a statement or block was written with: the parser resolves
// the spelling once (Statement::id, Block::id), so no later layer compares
// spellings again. `none` only for a tree not made by the parser.
enum class KeywordId : std::uint8_t {
  none,
  city, title, document, effective, zone, import, rural_rights_exit, source, verification,
  channel, points, residence_permit, services,
  targets, zones, conditions, family, quota, quote,
  any_of, factor, threshold,
};

struct Keyword {
  KeywordId key;
  std::string id;  // the English spelling
  std::string zh;
  KeywordContext context;
  std::string doc_zh;
  std::string doc_en;
};

const std::vector<Keyword>& keywords();
const Keyword* find_keyword(std::string_view spelling);  // either spelling
// What the parser stores for a keyword it matched (find_keyword's, so 区域 is zone everywhere).
KeywordId keyword_id(std::string_view spelling);
const Keyword& keyword(KeywordId id);  // id != none
const std::vector<std::string>& top_level_keyword_spellings();
const std::vector<std::string>& channel_keyword_spellings();

}  // namespace luohu::syntax
