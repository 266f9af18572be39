// The language's keywords with both spellings, for suggestions, hover and
// completion. The grammar spells the same words; a test keeps them in step.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace luohu::syntax {

enum class KeywordContext { top, channel, block, points, clause };

struct Keyword {
  std::string id;  // the English spelling
  std::string zh;
  KeywordContext context;
  std::string doc_zh;
  std::string doc_en;
};

const std::vector<Keyword>& keywords();
const Keyword* find_keyword(std::string_view spelling);  // either spelling
const std::vector<std::string>& top_level_keyword_spellings();
const std::vector<std::string>& channel_keyword_spellings();

}  // namespace luohu::syntax
