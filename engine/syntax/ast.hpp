// The syntax tree of a .luohu file: what was written, where, before any
// name is resolved. Clauses are generic (a name and arguments) so that the
// grammar stays small and vocabulary errors can suggest the right word.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "source/source_range.hpp"
#include "syntax/keywords.hpp"

namespace luohu::syntax {

struct Word {  // an identifier or a quoted string
  std::string text;
  SourceRange range;
  bool quoted = false;
  bool operator==(const Word&) const = default;
};

// "原文 “…”" trailing a statement or clause: the sentence of the policy's
// source text that it models (docs/language.md#provenance).
struct Quote {
  Word keyword;  // 原文 or quote, as written
  Word text;     // the quoted sentence (range includes the quote marks)
  bool operator==(const Quote&) const = default;
};

enum class CompareOp { ge, gt, le, lt, eq };
const char* compare_op_text(CompareOp op);

struct Argument {
  enum class Kind { word, number, comparison };
  Kind kind = Kind::word;
  CompareOp op = CompareOp::ge;  // when kind == comparison
  std::optional<double> number;  // number, or comparison against a number
  Word word;                     // word, or comparison against a word (a level)
  std::optional<Word> unit;      // after a number
  SourceRange range;
  bool operator==(const Argument&) const = default;
};

// "社会保险 >= 3 年;", "合法稳定住所 含租赁;", "任一 { ... }"
struct Clause {
  Word name;
  std::vector<Argument> arguments;
  bool any_of = false;
  std::vector<Clause> alternatives;  // when any_of
  std::optional<Quote> quote;
  SourceRange range;
  bool operator==(const Clause&) const = default;
};

// "对象 高校毕业生, 技术工人;" and the other keyword statements.
struct Statement {
  KeywordId id = KeywordId::none;  // resolved by the parser
  Word keyword;                    // as spelled (the formatter keeps it)
  std::vector<Argument> arguments;
  std::optional<Quote> quote;
  SourceRange range;
  bool operator==(const Statement&) const = default;
};

struct Channel {
  Word name;
  SourceRange range;
  std::vector<Statement> statements;  // targets, zones, family, quota, quote
  std::vector<Clause> conditions;
  std::optional<SourceRange> conditions_range;
  bool operator==(const Channel&) const = default;
};

struct Block {  // points, residence_permit, services
  KeywordId id = KeywordId::none;
  Word keyword;
  SourceRange range;
  std::vector<Statement> statements;  // points: factor, threshold, quota; any: quote
  std::vector<Clause> clauses;        // services: one clause per service
  std::vector<Clause> conditions;     // residence_permit: its conditions block
  std::optional<SourceRange> conditions_range;
  bool operator==(const Block&) const = default;
};

// "# …" or "// …" up to (not including) the line end; kept for the formatter.
struct Comment {
  SourceRange range;
  bool operator==(const Comment&) const = default;
};

struct File {
  std::vector<Statement> statements;  // city, title, document, effective, zone, import, rural_rights_exit,
                                      // source, verification
  std::vector<Channel> channels;
  std::vector<Block> blocks;
  std::vector<Comment> comments;  // in source order
  bool operator==(const File&) const = default;
};

}  // namespace luohu::syntax
