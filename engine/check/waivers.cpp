#include "check/waivers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <map>
#include <tao/pegtl.hpp>

#include "rules/rule.hpp"
#include "syntax/ast.hpp"
#include "syntax/waiver_comments.hpp"
#include "util/suggest.hpp"

namespace luohu {
namespace {

namespace pegtl = tao::pegtl;

// The text after "luohu:". Keys and values are checked after parsing.
namespace g {
using namespace tao::pegtl;
struct blank1 : sor<one<' ', '\t'>, utf8::one<0x3000>> {};
struct ws : plus<blank1> {};
struct ows : star<blank1> {};
struct allow : sor<TAO_PEGTL_STRING("allow"), TAO_PEGTL_STRING("豁免")> {};
struct rule_id : plus<sor<ascii::alnum, one<'-', '_'>>> {};
struct key : plus<not_at<sor<one<'='>, blank1>>, utf8::any> {};
struct equals : one<'='> {};
struct close_ascii : one<'"'> {};
struct close_cjk : utf8::one<0x201D> {};  // ”
struct ascii_text : star<not_one<'"'>> {};
struct cjk_text : star<not_at<close_cjk>, utf8::any> {};
struct ascii_quoted : seq<one<'"'>, ascii_text, must<close_ascii>> {};
struct cjk_quoted : seq<utf8::one<0x201C>, cjk_text, must<close_cjk>> {};
struct bare : plus<not_at<blank1>, utf8::any> {};
struct value : sor<ascii_quoted, cjk_quoted, bare> {};
struct pair : seq<key, must<equals>, must<value>> {};
struct end : eof {};
struct waiver : seq<ows, must<allow>, must<ws>, must<rule_id>, star<ws, pair>, ows, must<end>> {};
}  // namespace g

template <typename Rule>
Message expected() {
  return {"豁免格式不正确", "malformed waiver"};
}
template <> Message expected<g::allow>() { return {"“luohu:”之后应为 allow（或“豁免”）", "expected 'allow' after 'luohu:'"}; }
template <> Message expected<g::ws>() { return {"allow 之后应有空格和规则编号", "expected a space and a rule id after 'allow'"}; }
template <> Message expected<g::rule_id>() { return {"allow 之后应为规则编号", "expected a rule id after 'allow'"}; }
template <> Message expected<g::equals>() { return {"键之后应为“=”", "expected '=' after the key"}; }
template <> Message expected<g::value>() { return {"“=”之后应为值", "expected a value after '='"}; }
template <> Message expected<g::close_ascii>() { return {"引号未闭合", "unterminated quotation"}; }
template <> Message expected<g::close_cjk>() { return {"引号未闭合", "unterminated quotation"}; }
template <> Message expected<g::end>() {
  return {"此处应为 键=值（reason、document、date、expires）", "expected key=value (reason, document, date, expires)"};
}

struct SyntaxError {
  Message message;
  std::size_t offset;
};

template <typename Rule>
struct control : pegtl::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&...) {
    throw SyntaxError{expected<Rule>(), static_cast<std::size_t>(in.current() - in.begin())};
  }
};

struct Pair {
  std::string key, value;
  std::size_t key_offset = 0;
};

struct State {
  std::string rule;
  std::size_t rule_offset = 0;
  std::vector<Pair> pairs;
};

template <typename Rule>
struct action : pegtl::nothing<Rule> {};
template <>
struct action<g::rule_id> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.rule = in.string();
    s.rule_offset = static_cast<std::size_t>(in.begin() - in.input().begin());
  }
};
template <>
struct action<g::key> {
  template <typename Input>
  static void apply(const Input& in, State& s) {
    s.pairs.push_back({in.string(), "", static_cast<std::size_t>(in.begin() - in.input().begin())});
  }
};
template <typename Input>
void set_value(const Input& in, State& s) {
  if (!s.pairs.empty()) s.pairs.back().value = in.string();
}
template <>
struct action<g::ascii_text> {
  template <typename Input>
  static void apply(const Input& in, State& s) { set_value(in, s); }
};
template <>
struct action<g::cjk_text> {
  template <typename Input>
  static void apply(const Input& in, State& s) { set_value(in, s); }
};
template <>
struct action<g::bare> {
  template <typename Input>
  static void apply(const Input& in, State& s) { set_value(in, s); }
};

// Each key's spellings; the first is the canonical (English) name.
const std::array<std::vector<std::string>, 5> kKeys = {{
    {"reason", "理由"},
    {"document", "文号"},
    {"date", "日期"},
    {"expires", "到期"},
    {"covers", "覆盖"},  // optional: how many findings it waives (default 1)
}};
constexpr std::size_t kRequiredKeys = 4;

// The value without whitespace and invisible characters (zero-width and bidi
// controls, soft hyphen, BOM): " " or a lone U+200B names nothing.
std::string visible(std::string_view v) {
  std::string out;
  for (std::size_t i = 0; i < v.size();) {
    auto c = static_cast<unsigned char>(v[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    std::string_view ch = v.substr(i, n);
    i += n;
    if (ch == " " || ch == "\t" || ch == "\xE3\x80\x80" || ch == "\xC2\xA0" || ch == "\xC2\xAD" || ch == "\xEF\xBB\xBF")
      continue;
    const auto last = ch.size() == 3 ? static_cast<unsigned char>(ch[2]) : 0;
    if (ch.size() == 3 && ch[0] == '\xE2' && ch[1] == '\x80' && (last <= 0x8F || (last >= 0xA8 && last <= 0xAF)))
      continue;  // U+2000-200F spaces and zero-width marks, U+2028-202F
    if (ch.size() == 3 && ch[0] == '\xE2' && ch[1] == '\x81' && last >= 0xA0 && last <= 0xAF) continue;  // U+2060-206F
    out += ch;
  }
  return out;
}

// 云政复〔2023〕5号: an issuer's abbreviation, a year in brackets, a serial
// number and 号 (GB/T 9704 §7.2.4), after removing invisible characters.
bool document_number(std::string_view value) {
  std::string v = visible(value);
  for (auto [open, close] : {std::pair{"〔", "〕"}, {"[", "]"}, {"［", "］"}, {"（", "）"}, {"(", ")"}, {"【", "】"}}) {
    std::string_view o(open), cl(close);
    auto at = v.find(o);
    if (at == std::string::npos || at == 0) continue;
    std::size_t y = at + o.size();
    if (v.size() < y + 4 + cl.size()) continue;
    std::string_view year = std::string_view(v).substr(y, 4);
    if (year.find_first_not_of("0123456789") != std::string_view::npos) continue;
    if (std::string_view(v).substr(y + 4, cl.size()) != cl) continue;
    std::string_view rest = std::string_view(v).substr(y + 4 + cl.size());
    std::size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string_view::npos) continue;
    if (rest.substr(digits) == "号") return true;
  }
  return false;
}

// Keys someone might try to weaken a rule with: refused with a reason.
bool weakening_key(const std::string& k) {
  static const std::vector<std::string> words = {"severity", "level", "tier", "disable", "off", "严重程度", "规模", "等级", "级别"};
  return std::find(words.begin(), words.end(), k) != words.end();
}

}  // namespace

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_waiver_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1949 || m < 1 || m > 12 || d < 1) return false;
  return d <= days[m - 1] + (m == 2 && leap(y) ? 1 : 0);
}

namespace {

class Reader {
 public:
  Reader(const SourceFile& source, const RulePack& rules, std::vector<Diagnostic>& out)
      : source_(source), rules_(rules), out_(out) {}

  // The waiver in comment `c`, or nothing (after reporting why) when malformed.
  std::optional<Waiver> read(const syntax::Comment& c) {
    std::string_view text(source_.text().data() + c.range.begin, c.range.end - c.range.begin);
    std::size_t body = text.find("luohu:") + 6;
    std::string_view rest = text.substr(body);
    const std::uint32_t base = c.range.begin + static_cast<std::uint32_t>(body);
    State s;
    try {
      pegtl::memory_input in(rest.data(), rest.size(), source_.path());
      pegtl::parse<g::waiver, action, control>(in, s);
    } catch (const SyntaxError& e) {
      auto at = base + static_cast<std::uint32_t>(e.offset);
      malformed({at, std::max(at, c.range.end)}, e.message);
      return std::nullopt;
    }
    Waiver w;
    w.rule = s.rule;
    w.range = c.range;
    w.line = source_.location(c.range.begin).line;
    w.target_line = syntax::waiver_target_line(source_, c.range);
    std::array<const Pair*, kKeys.size()> seen{};
    bool ok = true;
    for (const auto& p : s.pairs) {
      SourceRange at{base + static_cast<std::uint32_t>(p.key_offset), base + static_cast<std::uint32_t>(p.key_offset + p.key.size())};
      auto k = std::find_if(kKeys.begin(), kKeys.end(), [&](const auto& names) {
        return std::find(names.begin(), names.end(), p.key) != names.end();
      });
      if (k == kKeys.end()) {
        ok = false;
        if (weakening_key(p.key)) {
          malformed(at, {fmt::format("豁免不能更改规则的严重程度或城市的规模（“{}”）；只能豁免一项具体问题", p.key),
                         fmt::format("a waiver cannot change a rule's severity or a city's tier ('{}'); it can only "
                                     "waive one finding",
                                     p.key)});
          continue;
        }
        std::vector<std::string> all;
        for (const auto& names : kKeys) all.insert(all.end(), names.begin(), names.end());
        auto hint = closest_match(p.key, all);
        malformed(at, {fmt::format("未知的豁免键“{}”{}", p.key, hint ? fmt::format("；是否应为“{}”？", *hint) : ""),
                       fmt::format("unknown waiver key '{}'{}", p.key, hint ? fmt::format("; did you mean '{}'?", *hint) : "")});
        continue;
      }
      auto index = static_cast<std::size_t>(k - kKeys.begin());
      if (seen[index]) {
        ok = false;
        malformed(at, {fmt::format("豁免键“{}”重复", p.key), fmt::format("waiver key '{}' given twice", p.key)});
        continue;
      }
      seen[index] = &p;
    }
    if (!ok) return std::nullopt;
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < kRequiredKeys; ++i)
      if (!seen[i] || visible(seen[i]->value).empty()) missing.push_back(kKeys[i][0]);
    if (!missing.empty()) {
      malformed(c.range, {fmt::format("豁免缺少 {}：须写明理由、批准文件文号、批准日期和到期日期", fmt::join(missing, "、")),
                          fmt::format("the waiver lacks {}: it must name the reason, the approving document, its date "
                                      "and an expiry date",
                                      fmt::join(missing, ", "))});
      return std::nullopt;
    }
    w.reason = seen[0]->value;
    w.document = seen[1]->value;
    w.date = seen[2]->value;
    w.expires = seen[3]->value;
    for (const auto* d : {&w.date, &w.expires}) {
      if (!valid_waiver_date(*d)) {
        malformed(c.range, {fmt::format("日期“{}”无效：应为 YYYY-MM-DD 格式的真实日期", *d),
                            fmt::format("invalid date '{}': expected a real day as YYYY-MM-DD", *d)});
        return std::nullopt;
      }
    }
    if (w.expires < w.date) {
      malformed(c.range, {fmt::format("到期日期 {} 早于批准日期 {}", w.expires, w.date),
                          fmt::format("the expiry date {} is before the approval date {}", w.expires, w.date)});
      return std::nullopt;
    }
    if (seen[4]) {
      const std::string& n = seen[4]->value;
      bool digits = !n.empty() && n.size() <= 4 && n.find_first_not_of("0123456789") == std::string::npos;
      if (!digits || std::stoi(n) < 1) {
        malformed(c.range, {fmt::format("覆盖=“{}”无效：应为正整数（此豁免覆盖的问题数）", n),
                            fmt::format("covers='{}' is not a positive whole number (how many findings the waiver covers)", n)});
        return std::nullopt;
      }
      w.covers = static_cast<std::size_t>(std::stoi(n));
    }
    if (!rules_.find(w.rule)) {
      std::vector<std::string> ids;
      for (const auto& r : rules_.rules) ids.push_back(r.id);
      auto hint = closest_match(w.rule, ids);
      SourceRange at{base + static_cast<std::uint32_t>(s.rule_offset), base + static_cast<std::uint32_t>(s.rule_offset + s.rule.size())};
      out_.push_back(make_diagnostic(Severity::error, "waiver-unknown-rule", at,
                             {fmt::format("豁免的规则“{}”不存在{}", w.rule, hint ? fmt::format("；是否应为“{}”？", *hint) : ""),
                              fmt::format("the waiver names no rule of the pack: '{}'{}", w.rule,
                                          hint ? fmt::format("; did you mean '{}'?", *hint) : "")}));
      return std::nullopt;
    }
    if (!document_number(w.document)) {
      malformed(c.range,
                {fmt::format("批准文件“{}”不是文号：应写明发文机关代字、〔年份〕和序号，如 云政复〔2023〕5号", w.document),
                 fmt::format("the approving document '{}' is not a document number: expected the issuer's abbreviation, "
                             "the year in brackets and the serial number, such as 云政复〔2023〕5号",
                             w.document)});
      return std::nullopt;
    }
    return w;
  }

 private:
  void malformed(SourceRange at, Message m) { out_.push_back(make_diagnostic(Severity::error, "waiver-malformed", at, std::move(m))); }

  const SourceFile& source_;
  const RulePack& rules_;
  std::vector<Diagnostic>& out_;
};

}  // namespace

bool is_waiver_comment(std::string_view text) { return syntax::is_waiver_comment(text); }

std::string local_date() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return fmt::format("{:04}-{:02}-{:02}", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
}

std::vector<Waiver> apply_waivers(const SourceFile& source, const std::vector<syntax::Comment>& comments,
                                  const RulePack& rules, const WaiverOptions& options,
                                  std::vector<Diagnostic>& diagnostics) {
  std::vector<Waiver> waivers;
  if (options.no_waivers) return waivers;
  const std::string today = options.today.empty() ? local_date() : options.today;
  std::vector<Diagnostic> added;
  Reader reader(source, rules, added);
  for (const auto& c : comments) {
    std::string_view text(source.text().data() + c.range.begin, c.range.end - c.range.begin);
    if (!is_waiver_comment(text)) continue;
    if (auto w = reader.read(c)) waivers.push_back(std::move(*w));
  }
  for (auto& w : waivers) {
    w.expired = w.expires < today;
    w.not_yet = today < w.date;  // approved after today: not in force
    if (w.expired || w.not_yet) continue;
    std::vector<Diagnostic*> covered;
    for (auto& d : diagnostics) {
      if (d.input_error || d.waived || d.code != w.rule) continue;
      if (source.location(d.range.begin).line != w.target_line) continue;
      covered.push_back(&d);
    }
    // One approval, one finding, unless it says how many: a waiver must not
    // silently waive findings no one looked at.
    if (covered.size() > w.covers) {
      w.ambiguous = covered.size();
      continue;
    }
    for (Diagnostic* d : covered) d->waived = Waived{w.reason, w.document, w.date, w.expires, w.range};
    w.uses = covered.size();
  }
  for (const auto& w : waivers) {
    if (w.not_yet) {
      added.push_back(make_diagnostic(Severity::error, "waiver-not-in-force", w.range,
                              {fmt::format("{}的豁免批准日期 {} 晚于今天（{}）：尚未生效，相关问题不豁免", w.rule, w.date, today),
                               fmt::format("the waiver of {} is dated {}, after today ({}): not in force yet, its findings are "
                                           "not waived",
                                           w.rule, w.date, today)}));
    } else if (w.expired) {
      added.push_back(make_diagnostic(Severity::warning, "waiver-expired", w.range,
                              {fmt::format("{}的豁免已于 {} 到期（{}），相关问题不再豁免", w.rule, w.expires, w.document),
                               fmt::format("the waiver of {} expired on {} ({}); its findings are no longer waived", w.rule,
                                           w.expires, w.document)}));
    } else if (w.ambiguous > 0) {
      added.push_back(make_diagnostic(
          Severity::error, "waiver-ambiguous", w.range,
          {fmt::format("豁免覆盖第 {} 行的 {} 项 {} 问题，但只写明覆盖 {} 项：均不豁免；若批准文件确实覆盖全部，请写 覆盖={}",
                       w.target_line, w.ambiguous, w.rule, w.covers, w.ambiguous),
           fmt::format("the waiver would cover {} {} findings on line {} but says it covers {}: none is waived; if the "
                       "approval covers them all, write covers={}",
                       w.ambiguous, w.rule, w.target_line, w.covers, w.ambiguous)}));
    } else if (w.uses == 0) {
      added.push_back(make_diagnostic(Severity::warning, "waiver-unused", w.range,
                              {fmt::format("豁免未用上：第 {} 行没有 {} 问题", w.target_line, w.rule),
                               fmt::format("unused waiver: there is no {} finding on line {}", w.rule, w.target_line)}));
    }
  }
  diagnostics.insert(diagnostics.end(), added.begin(), added.end());
  return waivers;
}

}  // namespace luohu
