#include "lsp/completion.hpp"

#include <fmt/format.h>

#include <set>

#include "lsp/words.hpp"
#include "model/vocabulary.hpp"
#include "syntax/keywords.hpp"

namespace luohu::lsp {
namespace {

// Where the cursor is: the keywords of the blocks around it (outermost
// first) and the words of the statement typed so far.
struct Context {
  std::vector<std::string> blocks;
  std::vector<std::string> statement;
};

Context scan(const std::string& text, std::uint32_t end) {
  Context c;
  std::vector<std::string> words;  // since the last ';', '{' or '}'
  std::size_t i = 0;
  auto flush_word = [&](std::size_t from, std::size_t to) {
    if (to > from) words.push_back(text.substr(from, to - from));
  };
  while (i < end) {
    char ch = text[i];
    if (ch == '#' || (ch == '/' && i + 1 < end && text[i + 1] == '/')) {
      while (i < end && text[i] != '\n') ++i;
    } else if (ch == '"') {
      std::size_t from = i++;
      while (i < end && text[i] != '"' && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
      flush_word(from, std::min<std::size_t>(++i, end));
    } else if (ch == '{') {
      c.blocks.push_back(words.empty() ? "" : words.front());
      words.clear();
      ++i;
    } else if (ch == '}') {
      if (!c.blocks.empty()) c.blocks.pop_back();
      words.clear();
      ++i;
    } else if (ch == ';' || text.compare(i, 3, "\xEF\xBC\x9B") == 0) {
      words.clear();
      i += ch == ';' ? 1 : 3;
    } else {
      SourceRange w = word_at(text, static_cast<std::uint32_t>(i));
      if (w.begin == i && w.end > i) {
        flush_word(w.begin, std::min<std::size_t>(w.end, end));
        i = w.end;
      } else {
        ++i;
      }
    }
  }
  c.statement = std::move(words);
  return c;
}

std::string id_of(const std::string& word) {
  const auto* k = syntax::find_keyword(word);
  return k ? k->id : word;
}

}  // namespace

std::vector<Candidate> complete(const SourceFile& source, std::uint32_t offset, Lang lang) {
  const std::string& text = source.text();
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  // The word being typed is not part of the context.
  SourceRange typing = word_at(text, offset);
  Context c = scan(text, typing.begin);
  bool zh = lang == Lang::zh;
  std::vector<Candidate> out;
  std::set<std::string> seen;
  auto add = [&](Candidate candidate) {
    if (seen.insert(candidate.label).second) out.push_back(std::move(candidate));
  };
  auto add_keywords = [&](std::initializer_list<syntax::KeywordContext> contexts) {
    for (const auto& k : syntax::keywords()) {
      if (std::find(contexts.begin(), contexts.end(), k.context) == contexts.end()) continue;
      const std::string& doc = zh ? k.doc_zh : k.doc_en;
      add({k.zh, Candidate::Kind::keyword, k.id, doc});
      add({k.id, Candidate::Kind::keyword, k.zh, doc});
    }
  };
  auto add_terms = [&](Vocabulary v) {
    for (const auto& t : terms(v)) {
      std::string detail = fmt::format("{} — {}", vocabulary_name(v, lang), zh ? t.id : t.label_en);
      add({t.zh, Candidate::Kind::term, detail, ""});
      add({t.id, Candidate::Kind::term, fmt::format("{} — {}", vocabulary_name(v, lang), t.zh), ""});
    }
  };
  auto add_zones = [&] {
    // Zones declared at top level: "区域 NAME [KIND];" anywhere in the file.
    std::size_t at = 0;
    for (const auto& spelling : {std::string("区域"), std::string("zone")}) {
      at = 0;
      while ((at = text.find(spelling, at)) != std::string::npos) {
        std::size_t after = at + spelling.size();
        SourceRange kw = word_at(text, static_cast<std::uint32_t>(at));
        at = after;
        if (kw.begin != after - spelling.size() || kw.end != after) continue;
        std::size_t line_start = text.rfind('\n', kw.begin);
        line_start = line_start == std::string::npos ? 0 : line_start + 1;
        if (text.find_first_not_of(" \t", line_start) != kw.begin) continue;  // zone statements start a line
        if (kw.begin != line_start) continue;  // top level: not indented
        std::size_t name = text.find_first_not_of(" \t", after);
        if (name == std::string::npos) continue;
        SourceRange w = word_at(text, static_cast<std::uint32_t>(name));
        if (w.begin == name && w.end > name)
          add({text.substr(w.begin, w.end - w.begin), Candidate::Kind::zone, zh ? "已声明的区域" : "declared zone", ""});
      }
    }
    add_terms(Vocabulary::zone_kind);
  };

  std::string block = c.blocks.empty() ? "" : id_of(c.blocks.back());
  std::string head = c.statement.empty() ? "" : id_of(c.statement.front());
  bool in_conditions = block == "conditions" || block == "any_of";
  if (head.empty()) {  // the start of a statement: keywords or clause names
    if (c.blocks.empty()) add_keywords({syntax::KeywordContext::top});
    else if (block == "channel") add_keywords({syntax::KeywordContext::channel});
    else if (in_conditions) {
      add_keywords({syntax::KeywordContext::clause});
      add_terms(Vocabulary::condition);
    } else if (block == "points") {
      add_keywords({syntax::KeywordContext::points, syntax::KeywordContext::channel});
    } else if (block == "residence_permit") {
      for (const auto* k : {syntax::find_keyword("conditions"), syntax::find_keyword("quote")}) {
        add({k->zh, Candidate::Kind::keyword, k->id, zh ? k->doc_zh : k->doc_en});
        add({k->id, Candidate::Kind::keyword, k->zh, zh ? k->doc_zh : k->doc_en});
      }
    } else if (block == "services") {
      add_terms(Vocabulary::service);
    }
    if (in_conditions || block == "services") {  // 原文 “…”; cites for the block
      const auto* k = syntax::find_keyword("quote");
      add({k->zh, Candidate::Kind::keyword, k->id, zh ? k->doc_zh : k->doc_en});
      add({k->id, Candidate::Kind::keyword, k->zh, zh ? k->doc_zh : k->doc_en});
    }
    return out;
  }
  if (in_conditions) {
    const Term* condition = find_term(Vocabulary::condition, c.statement.front());
    if (condition) {
      if (auto v = argument_vocabulary(condition->shape)) add_terms(*v);
    }
    return out;
  }
  if (block == "services") {
    add_terms(Vocabulary::treatment);
    return out;
  }
  if (head == "targets") add_terms(Vocabulary::group);
  else if (head == "family") add_terms(Vocabulary::family);
  else if (head == "zone" || head == "zones") {
    if (c.blocks.empty() && c.statement.size() >= 2) add_terms(Vocabulary::zone_kind);
    else if (!c.blocks.empty()) add_zones();
  } else if (head == "rural_rights_exit") {
    add_terms(Vocabulary::exit_scope);
  } else if (head == "verification") {
    add_terms(Vocabulary::verification);
  } else if (head == "factor") {
    add_terms(Vocabulary::condition);
    add_terms(Vocabulary::factor);
  }
  return out;
}

}  // namespace luohu::lsp
