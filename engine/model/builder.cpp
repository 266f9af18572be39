#include "model/builder.hpp"

#include <cmath>
#include <utility>
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "model/vocabulary.hpp"
#include "syntax/keywords.hpp"
#include "util/suggest.hpp"

namespace luohu {

bool BuildResult::ok() const {
  return policy && std::none_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) { return d.input_error; });
}

namespace {

using syntax::Argument;
using syntax::Clause;
using syntax::Statement;
using syntax::Word;
using Kind = syntax::Argument::Kind;

using K = syntax::KeywordId;
constexpr double kMaxNumber = 1e15;

class Builder {
 public:
  Builder(const Registry& registry, BuildResult& out) : registry_(registry), out_(out) {}

  void build(const syntax::File& file) {
    auto policy = std::make_unique<PolicyModel>();
    policy_ = policy.get();
    check_numbers(file);
    bool has_city = false;
    std::map<K, SourceRange> seen;
    for (const auto& st : file.statements) {
      const K id = st.id;
      bool single = id == K::city || id == K::title || id == K::document || id == K::effective ||
                    id == K::rural_rights_exit || id == K::verification;
      if (single) {
        if (auto it = seen.find(id); it != seen.end()) {
          error("duplicate-statement", st.range,
                {fmt::format("“{}”重复出现；每个政策只能有一个", st.keyword.text),
                 fmt::format("'{}' appears twice; a policy has only one", st.keyword.text)});
          continue;
        }
        seen[id] = st.range;
      }
      if (id == K::city) has_city = city(st) || has_city;
      else if (id == K::title) policy_->title = single_text(st);
      else if (id == K::document) policy_->document = single_text(st);
      else if (id == K::effective) effective(st);
      else if (id == K::zone) zone(st);
      else if (id == K::import) policy_->imports.push_back(single_text(st));
      else if (id == K::rural_rights_exit) rural_exit(st);
      else if (id == K::source) source(st);
      else if (id == K::verification) verification(st);
      // A trailing 原文 on the header cites for the policy as a whole; zones and the exit scope keep their own.
      if (id != K::zone && id != K::rural_rights_exit) cite(st.quote, *policy_);
    }
    if (!has_city && seen.find(K::city) == seen.end()) {
      error("missing-city", {0, 0},
            {"政策缺少“城市”语句（如“城市 330100;”）；城市规模与级别由城市登记表按代码确定",
             "the policy has no 'city' statement (e.g. 'city 330100;'); the registry decides its tier and level by code"});
    }
    for (const auto& ch : file.channels) channel(ch);
    std::map<K, SourceRange> blocks;
    for (const auto& b : file.blocks) {
      const K id = b.id;
      if (blocks.count(id)) {
        error("duplicate-statement", b.keyword.range,
              {fmt::format("“{}”块重复出现", b.keyword.text), fmt::format("a second '{}' block", b.keyword.text)});
        continue;
      }
      blocks[id] = b.range;
      if (id == K::points) points(b);
      else if (id == K::residence_permit) permit(b);
      else if (id == K::services) services(b);
    }
    if (has_city) out_.policy = std::move(policy);
  }

  // ---- provenance ----
  void cite(const std::optional<syntax::Quote>& q, Cited& into) {
    if (!q) return;
    Citation c{q->text.text, q->text.range};
    if (c.text.empty()) {
      error("invalid-argument", q->text.range, {"“原文”不能为空", "a quote cannot be empty"});
      return;
    }
    into.quotes.push_back(c);
    policy_->citations.push_back(std::move(c));
  }

  // "原文 “…”;" on its own, as a statement (channel, block) or a clause (条件, 任一).
  bool is_quote(const Word& keyword) const { return !keyword.quoted && syntax::keyword_id(keyword.text) == K::quote; }
  void standalone_quote(const Word& keyword, const std::vector<Argument>& a, const std::optional<syntax::Quote>& trailing,
                        SourceRange range, Cited& into) {
    if (a.size() != 1 || a[0].kind != Kind::word || !a[0].word.quoted || trailing) {
      error("invalid-argument", range,
            {fmt::format("“{}”之后应为一句带引号的原文，如 原文 “在京连续缴纳社会保险7年及以上”;", keyword.text),
             fmt::format("expected one quoted sentence after '{}', e.g. quote \"…\";", keyword.text)});
      return;
    }
    cite(syntax::Quote{keyword, a[0].word}, into);
  }

  void source(const Statement& st) {
    if (st.arguments.size() != 1 || st.arguments[0].kind != Kind::word || st.arguments[0].word.text.empty()) {
      error("invalid-argument", st.range,
            {"“来源”之后应为一个带引号的路径（相对于本文件），如 来源 “../sources/beijing/x.txt”;",
             "expected one quoted path (relative to this file) after 'source', e.g. source \"../sources/beijing/x.txt\";"});
      return;
    }
    policy_->sources.push_back({st.arguments[0].word.text, st.arguments[0].word.range});
  }

  void verification(const Statement& st) {
    if (st.arguments.size() != 1 || st.arguments[0].kind != Kind::word) {
      error("invalid-argument", st.range,
            {"“核实”之后应为核实程度：全文、官方指南、二手报道、省级文件、国家底线 或 仅标题",
             "expected a level after 'verification': full_text, official_guide, secondary_report, provincial_text, "
             "national_floor or title_only"});
      return;
    }
    if (const Term* t = resolve(Vocabulary::verification, st.arguments[0].word)) {
      policy_->verification = t->id;
      policy_->verification_range = st.range;
    }
  }

 private:
  void error(std::string code, SourceRange range, Message m) {
    out_.diagnostics.push_back(input_error(std::move(code), range, std::move(m)));
  }

  void unknown(Vocabulary v, const Word& w, const std::vector<std::string>& extra = {}) {
    auto candidates = spellings(v);
    candidates.insert(candidates.end(), extra.begin(), extra.end());
    auto best = closest_match(w.text, candidates);
    Message m{fmt::format("未知的{}“{}”", vocabulary_name(v, Lang::zh), w.text),
              fmt::format("unknown {} '{}'", vocabulary_name(v, Lang::en), w.text)};
    if (best) {
      m.zh += fmt::format("；是否应为“{}”？", *best);
      m.en += fmt::format("; did you mean '{}'?", *best);
    }
    error("unknown-name", w.range, std::move(m));
  }

  const Term* resolve(Vocabulary v, const Word& w) {
    if (const Term* t = find_term(v, w.text)) return t;
    unknown(v, w);
    return nullptr;
  }

  std::vector<const Argument*> args(const std::vector<Argument>& all) {
    std::vector<const Argument*> out;
    for (const auto& a : all) out.push_back(&a);
    return out;
  }

  void unexpected(const Argument& a, const std::string& what_zh, const std::string& what_en) {
    error("invalid-argument", a.range,
          {fmt::format("多余或无效的参数；{}", what_zh), fmt::format("unexpected argument; {}", what_en)});
  }

  std::string single_text(const Statement& st) {
    if (st.arguments.size() != 1 || st.arguments[0].kind != Kind::word) {
      error("invalid-argument", st.range,
            {fmt::format("“{}”之后应为一个带引号的文本", st.keyword.text),
             fmt::format("expected one quoted text after '{}'", st.keyword.text)});
      return {};
    }
    return st.arguments[0].word.text;
  }

  bool city(const Statement& st) {
    const auto& a = st.arguments;
    if (a.empty() || a[0].kind != Kind::number || a[0].word.text.size() != 6 || a[0].unit) {
      error("invalid-argument", a.empty() ? st.range : a[0].range,
            {"“城市”之后应为6位行政区划代码，如“城市 330100;”",
             "expected a 6-digit administrative division code after 'city', e.g. 'city 330100;'"});
      return false;
    }
    const std::string& code = a[0].word.text;
    policy_->city.where = st.range;
    policy_->header = st.range;
    const City* c = registry_.find(code);
    if (!c) {
      auto codes = registry_.codes();
      auto best = closest_match(code, codes);
      Message m{fmt::format("城市登记表中没有行政区划代码为 {} 的城市", code),
                fmt::format("no city with administrative division code {} in the registry", code)};
      if (best) {
        const City* b = registry_.find(*best);
        m.zh += fmt::format("；是否应为 {}（{}）？", *best, b->name_zh);
        m.en += fmt::format("; did you mean {} ({})?", *best, b->name_en);
      }
      error("unknown-city", a[0].range, std::move(m));
      return false;
    }
    policy_->city.city = c;
    if (a.size() >= 2 && a[1].kind == Kind::word) {
      const std::string& name = a[1].word.text;
      if (name != c->name_zh && name != c->name_en) {
        Diagnostic d;
        d.severity = Severity::warning;
        d.code = "city-name-mismatch";
        d.range = a[1].range;
        d.message = {fmt::format("代码 {} 在登记表中是“{}”，而非“{}”", code, c->name_zh, name),
                     fmt::format("code {} is {} in the registry, not '{}'", code, c->name_en, name)};
        out_.diagnostics.push_back(std::move(d));
      }
    }
    for (std::size_t i = 2; i < a.size(); ++i) unexpected(a[i], "“城市”只接受代码和名称", "'city' takes a code and a name");
    return true;
  }

  void effective(const Statement& st) {
    if (st.arguments.size() != 1 || st.arguments[0].kind != Kind::word) {
      error("invalid-argument", st.range,
            {"“施行日期”之后应为日期，如 2019-07-01 或 2019年7月1日",
             "expected a date after 'effective', e.g. 2019-07-01 or 2019年7月1日"});
      return;
    }
    const Word& w = st.arguments[0].word;
    int y = 0, m = 0, d = 0;
    if (std::sscanf(w.text.c_str(), "%d-%d-%d", &y, &m, &d) != 3 &&
        std::sscanf(w.text.c_str(), "%d\xE5\xB9\xB4%d\xE6\x9C\x88%d", &y, &m, &d) != 3) {
      error("invalid-argument", w.range, {fmt::format("“{}”不是日期", w.text), fmt::format("'{}' is not a date", w.text)});
      return;
    }
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > days[m - 1] || y < 1949 || y > 2100) {
      error("invalid-argument", w.range,
            {fmt::format("日期“{}”不存在", w.text), fmt::format("there is no such date as '{}'", w.text)});
      return;
    }
    policy_->effective = fmt::format("{:04}-{:02}-{:02}", y, m, d);
  }

  void zone(const Statement& st) {
    const auto& a = st.arguments;
    if (a.empty() || a[0].kind != Kind::word) {
      error("invalid-argument", st.range,
            {"“区域”之后应为区域名称，可加类型：主城区、郊区、新区", "expected a zone name after 'zone', optionally its kind"});
      return;
    }
    auto z = std::make_unique<ZoneModel>();
    z->name = a[0].word.text;
    z->where = st.range;
    if (const Term* k = find_term(Vocabulary::zone_kind, z->name)) z->kind = k->id;
    else z->kind = "other";
    if (a.size() >= 2) {
      if (a[1].kind != Kind::word) {
        unexpected(a[1], "应为区域类型", "expected a zone kind");
      } else if (const Term* k = resolve(Vocabulary::zone_kind, a[1].word)) {
        z->kind = k->id;
      }
    }
    for (std::size_t i = 2; i < a.size(); ++i) unexpected(a[i], "区域只接受名称和类型", "a zone takes a name and a kind");
    for (const auto& other : policy_->zones) {
      if (other->name == z->name) {
        error("duplicate-statement", a[0].range,
              {fmt::format("区域“{}”重复声明", z->name), fmt::format("zone '{}' is declared twice", z->name)});
        return;
      }
    }
    cite(st.quote, *z);
    policy_->zones.push_back(std::move(z));
  }

  void rural_exit(const Statement& st) {
    if (st.arguments.size() != 1 || st.arguments[0].kind != Kind::word) {
      error("invalid-argument", st.range,
            {"“农村权益退出”之后应为范围：本集体经济组织 或 不限",
             "expected a scope after 'rural_rights_exit': within_collective or unrestricted"});
      return;
    }
    if (const Term* t = resolve(Vocabulary::exit_scope, st.arguments[0].word)) {
      auto e = std::make_unique<RuralExitModel>();
      e->scope = t->id;
      e->where = st.range;
      cite(st.quote, *e);
      policy_->rural_exit = std::move(e);
    }
  }

  std::vector<std::string> word_list(const Statement& st, Vocabulary v) {
    std::vector<std::string> out;
    for (const auto& a : st.arguments) {
      if (a.kind != Kind::word) {
        unexpected(a, "应为名称列表", "expected a list of names");
        continue;
      }
      if (const Term* t = resolve(v, a.word)) {
        if (std::find(out.begin(), out.end(), t->id) == out.end()) out.push_back(t->id);
      }
    }
    return out;
  }

  // A number no policy could mean (over 10^15, or beyond a double: 400 nines
  // became Infinity and turned a cut quota into "keeps last year's").
  void check_number(const syntax::Argument& a) {
    if (!a.number) return;
    if (std::isfinite(*a.number) && std::fabs(*a.number) <= kMaxNumber) return;
    error("invalid-argument", a.range,
          {fmt::format("数字“{}”过大：上限为 10^15", a.word.text.size() > 40 ? a.word.text.substr(0, 40) + "…" : a.word.text),
           fmt::format("the number '{}' is too large: the limit is 10^15",
                       a.word.text.size() > 40 ? a.word.text.substr(0, 40) + "…" : a.word.text)});
  }
  void check_numbers(const syntax::Clause& c) {
    for (const auto& a : c.arguments) check_number(a);
    for (const auto& alt : c.alternatives) check_numbers(alt);
  }
  void check_numbers(const syntax::File& file) {
    for (const auto& st : file.statements)
      for (const auto& a : st.arguments) check_number(a);
    for (const auto& ch : file.channels) {
      for (const auto& st : ch.statements)
        for (const auto& a : st.arguments) check_number(a);
      for (const auto& c : ch.conditions) check_numbers(c);
    }
    for (const auto& b : file.blocks) {
      for (const auto& st : b.statements)
        for (const auto& a : st.arguments) check_number(a);
      for (const auto& c : b.clauses) check_numbers(c);
      for (const auto& c : b.conditions) check_numbers(c);
    }
  }

  void channel(const syntax::Channel& ch) {
    auto model = std::make_unique<ChannelModel>();
    ChannelModel* c = model.get();
    c->name = ch.name.text;
    c->where = ch.range;
    c->name_range = ch.name.range;
    auto statement = [&](std::optional<StatementModel>& at, const char* kind, const Statement& st) {
      at.emplace();
      at->kind = kind;
      at->channel = c;
      at->where = st.range;
      at->enclosing = c;  // its own 原文 first, else the channel's
      if (st.quote) at->quotes.push_back({st.quote->text.text, st.quote->text.range});
    };
    Cited lines;  // 原文 after 对象, 区域, 随迁, 指标: cited for the channel after its own
    bool has_quota = false;
    for (const auto& st : ch.statements) {
      const K id = st.id;
      if (id == K::quote) {
        standalone_quote(st.keyword, st.arguments, st.quote, st.range, *c);
        continue;
      }
      // A second 指标 used to replace the first without a word; a second 随迁
      // did too. 随迁 lists are merged (each adds members); 指标 is one number.
      if (id == K::quota && std::exchange(has_quota, true)) {
        error("duplicate-statement", st.range,
              {fmt::format("渠道“{}”中“{}”重复出现；每个渠道只有一个指标", c->name, st.keyword.text),
               fmt::format("'{}' appears twice in channel '{}'; a channel has one quota", st.keyword.text, c->name)});
        continue;
      }
      cite(st.quote, lines);
      if (id == K::targets) {
        auto list = word_list(st, Vocabulary::group);
        c->targets.insert(c->targets.end(), list.begin(), list.end());
      } else if (id == K::zones || id == K::zone) {
        statement(c->zones_at, "zones", st);
        for (const auto& a : st.arguments) {
          if (a.kind != Kind::word) {
            unexpected(a, "应为区域名称", "expected zone names");
            continue;
          }
          if (auto name = zone_reference(a.word)) c->zones.push_back(*name);
        }
      } else if (id == K::family) {
        if (!c->family_at) statement(c->family_at, "family", st);  // the first 随迁; later ones add members
        for (auto& member : word_list(st, Vocabulary::family)) {
          if (std::find(c->family.begin(), c->family.end(), member) == c->family.end()) c->family.push_back(member);
        }
      } else if (id == K::quota) {
        statement(c->quota_at, "quota", st);
        quota(st, c->quota, &c->previous_quota);
      }
    }
    if (!c->family_at) {  // no 随迁: what the channel lets follow is decided at its name
      c->family_at.emplace();
      c->family_at->kind = "family";
      c->family_at->channel = c;
      c->family_at->where = ch.name.range;
    }
    if (c->targets.empty()) {
      error("missing-targets", ch.name.range,
            {fmt::format("渠道“{}”未写明对象（如“对象 高校毕业生;”）", c->name),
             fmt::format("channel '{}' names no target group (e.g. 'targets college_graduate;')", c->name)});
    }
    c->quotes.insert(c->quotes.end(), lines.quotes.begin(), lines.quotes.end());
    for (const auto& clause : ch.conditions) {
      if (auto cond = condition(clause, "channel", c, *c)) c->conditions.push_back(std::move(cond));
    }
    policy_->channels.push_back(std::move(model));
  }

  // A channel may name a declared zone, or a zone kind when the policy
  // declares none (主城区 without a separate zone statement).
  std::optional<std::string> zone_reference(const Word& w) {
    for (const auto& z : policy_->zones) {
      if (z->name == w.text) return z->name;
    }
    std::vector<std::string> names;
    for (const auto& z : policy_->zones) names.push_back(z->name);
    if (policy_->zones.empty()) {
      if (const Term* k = find_term(Vocabulary::zone_kind, w.text)) return k->zh;
      names = spellings(Vocabulary::zone_kind);
    }
    auto best = closest_match(w.text, names);
    Message m{fmt::format("未声明的区域“{}”", w.text), fmt::format("undeclared zone '{}'", w.text)};
    if (best) {
      m.zh += fmt::format("；是否应为“{}”？", *best);
      m.en += fmt::format("; did you mean '{}'?", *best);
    } else {
      m.zh += "；请先用“区域 名称;”声明";
      m.en += "; declare it first with 'zone NAME;'";
    }
    error("unknown-zone", w.range, std::move(m));
    return std::nullopt;
  }

  void quota(const Statement& st, std::optional<double>& quota, std::optional<double>* previous) {
    const auto& a = st.arguments;
    bool ok = !a.empty() && a[0].kind == Kind::number;
    if (ok) quota = *a[0].number;
    std::size_t i = 1;
    if (ok && previous && a.size() >= 3 && a[1].kind == Kind::word &&
        (a[1].word.text == "上年" || a[1].word.text == "previous") && a[2].kind == Kind::number) {
      *previous = *a[2].number;
      i = 3;
    }
    if (!ok) {
      error("invalid-argument", st.range,
            {"“指标”之后应为人数，可加“上年 N”", "expected a number of persons after 'quota', optionally 'previous N'"});
      return;
    }
    for (; i < a.size(); ++i) unexpected(a[i], "“指标”只接受人数与“上年 N”", "'quota' takes a number and 'previous N'");
  }

  static std::optional<double> time_in_years(const Argument& a) {
    if (!a.unit) return *a.number;
    const std::string& u = a.unit->text;
    if (u == "年" || u == "years" || u == "year") return *a.number;
    if (u == "个月" || u == "月" || u == "months" || u == "month") return *a.number / 12.0;
    return std::nullopt;
  }

  static std::optional<double> money_in_yuan(const Argument& a) {
    if (!a.unit) return *a.number;
    const std::string& u = a.unit->text;
    if (u == "万元" || u == "wan_yuan") return *a.number * 10000;
    if (u == "元" || u == "yuan") return *a.number;
    return std::nullopt;
  }

  const Argument* comparison(const Clause& c, const Argument& a, const char* example_zh, const char* example_en) {
    if (a.kind != Kind::comparison) {
      error("invalid-argument", a.range,
            {fmt::format("“{}”应写成比较，如“{}”", c.name.text, example_zh),
             fmt::format("'{}' needs a comparison, e.g. '{}'", c.name.text, example_en)});
      return nullptr;
    }
    return &a;
  }

  // `enclosing`: the channel, block or 任一 the clause lies in; a 原文 clause cites for it.
  std::unique_ptr<ConditionModel> condition(const Clause& clause, const char* context, const ChannelModel* channel,
                                            Cited& enclosing, bool in_any_of = false) {
    if (!clause.any_of && is_quote(clause.name)) {
      standalone_quote(clause.name, clause.arguments, clause.quote, clause.range, enclosing);
      return nullptr;
    }
    auto m = std::make_unique<ConditionModel>();
    m->context = context;
    m->channel = channel;
    m->in_any_of = in_any_of;
    m->where = clause.range;
    m->enclosing = &enclosing;
    cite(clause.quote, *m);
    if (clause.any_of) {
      m->kind = "any_of";
      for (const auto& alt : clause.alternatives) {
        if (auto sub = condition(alt, context, channel, *m, true)) m->alternatives.push_back(std::move(sub));
      }
      return m;
    }
    const Term* term = resolve(Vocabulary::condition, clause.name);
    if (!term) return nullptr;
    m->kind = term->id;
    const auto& a = clause.arguments;
    std::size_t used = 0;
    auto set_comparison = [&](const Argument& arg) { m->op = syntax::compare_op_text(arg.op); };
    switch (term->shape) {
      case ConditionShape::none:
        break;
      case ConditionShape::years:
      case ConditionShape::optional_years: {
        if (a.empty()) {
          if (term->shape == ConditionShape::years)
            error("invalid-argument", clause.name.range,
                  {fmt::format("“{}”需要年限，如“{} >= 3 年;”", clause.name.text, clause.name.text),
                   fmt::format("'{}' needs a number of years, e.g. '{} >= 3 years;'", clause.name.text, clause.name.text)});
          break;
        }
        const Argument* c = comparison(clause, a[0], "社会保险 >= 3 年", "social_insurance >= 3 years");
        used = 1;
        if (!c) break;
        if (!c->number) {
          error("invalid-argument", c->range, {"年限应为数字", "the number of years must be a number"});
          break;
        }
        auto years = time_in_years(*c);
        if (!years) {
          error("invalid-argument", c->unit->range,
                {fmt::format("单位“{}”不是时间单位（年、个月）", c->unit->text),
                 fmt::format("'{}' is not a unit of time (years, months)", c->unit->text)});
          break;
        }
        set_comparison(*c);
        m->value = *years;
        break;
      }
      case ConditionShape::education:
      case ConditionShape::skill: {
        Vocabulary v = *argument_vocabulary(term->shape);
        if (a.empty()) {
          error("invalid-argument", clause.name.range,
                {fmt::format("“{}”需要等级，如“{} >= {};”", clause.name.text, clause.name.text,
                             v == Vocabulary::education ? "本科" : "高级工"),
                 fmt::format("'{}' needs a level, e.g. '{} >= {};'", clause.name.text, clause.name.text,
                             v == Vocabulary::education ? "bachelor" : "senior")});
          break;
        }
        used = 1;
        const Argument* c = comparison(clause, a[0], "学历 >= 本科", "education >= bachelor");
        if (!c) break;
        if (c->number || c->word.text.empty()) {
          error("invalid-argument", c->range, {"应为等级名称", "expected the name of a level"});
          break;
        }
        if (const Term* level = resolve(v, c->word)) {
          set_comparison(*c);
          m->level = level->id;
          m->level_rank = level->rank;
        }
        break;
      }
      case ConditionShape::age:
      case ConditionShape::score: {
        bool age = term->shape == ConditionShape::age;
        if (a.empty()) {
          error("invalid-argument", clause.name.range,
                {fmt::format("“{}”需要比较，如“{}”", clause.name.text, age ? "年龄 <= 45 岁" : "积分 >= 120 分"),
                 fmt::format("'{}' needs a comparison, e.g. '{}'", clause.name.text, age ? "age <= 45" : "points >= 120")});
          break;
        }
        used = 1;
        const Argument* c = comparison(clause, a[0], age ? "年龄 <= 45 岁" : "积分 >= 120", age ? "age <= 45" : "points >= 120");
        if (!c) break;
        if (!c->number) {
          error("invalid-argument", c->range, {"应为数字", "expected a number"});
          break;
        }
        if (c->unit) {
          const std::string& u = c->unit->text;
          bool fits = age ? (u == "岁" || u == "周岁" || u == "years" || u == "year") : (u == "分" || u == "points");
          if (!fits) {
            error("invalid-argument", c->unit->range,
                  {fmt::format("单位“{}”不适用于“{}”", u, clause.name.text),
                   fmt::format("unit '{}' does not fit '{}'", u, clause.name.text)});
            break;
          }
        }
        set_comparison(*c);
        m->value = *c->number;
        break;
      }
      case ConditionShape::amount: {
        if (a.empty()) break;
        used = 1;
        const Argument* c = comparison(clause, a[0], "投资 >= 100 万元", "investment >= 1000000 yuan");
        if (!c || !c->number) break;
        auto yuan = money_in_yuan(*c);
        if (!yuan) {
          error("invalid-argument", c->unit->range,
                {fmt::format("单位“{}”不是金额单位（万元、元）", c->unit->text),
                 fmt::format("'{}' is not a unit of money (wan_yuan, yuan)", c->unit->text)});
          break;
        }
        set_comparison(*c);
        m->value = *yuan;
        break;
      }
      case ConditionShape::area: {
        if (a.empty()) break;
        std::size_t i = 0;
        if (a[0].kind == Kind::word && (a[0].word.text == "面积" || a[0].word.text == "area")) i = 1;
        if (i >= a.size()) {
          error("invalid-argument", a[0].range, {"“面积”之后应为比较，如“面积 >= 90 平方米”", "expected a comparison after 'area'"});
          used = a.size();
          break;
        }
        used = i + 1;
        const Argument* c = comparison(clause, a[i], "购买房屋 面积 >= 90 平方米", "house_purchase area >= 90 sqm");
        if (!c || !c->number) break;
        if (c->unit && c->unit->text != "平方米" && c->unit->text != "㎡" && c->unit->text != "sqm") {
          error("invalid-argument", c->unit->range,
                {fmt::format("单位“{}”不是面积单位（平方米）", c->unit->text),
                 fmt::format("'{}' is not a unit of area (sqm)", c->unit->text)});
          break;
        }
        set_comparison(*c);
        m->value = *c->number;
        break;
      }
      case ConditionShape::rental: {
        if (a.empty()) break;
        used = 1;
        if (a[0].kind != Kind::word) {
          unexpected(a[0], "应为“含租赁”或“不含租赁”", "expected including_rental or excluding_rental");
          break;
        }
        if (const Term* t = resolve(*argument_vocabulary(term->shape), a[0].word))
          m->rental = t->id == "including_rental" ? "included" : "excluded";
        break;
      }
      case ConditionShape::rights: {
        used = a.size();
        for (const auto& arg : a) {
          if (arg.kind != Kind::word) {
            unexpected(arg, "应为农村权益名称", "expected names of rural rights");
            continue;
          }
          if (const Term* t = resolve(*argument_vocabulary(term->shape), arg.word)) m->rights.push_back(t->id);
        }
        break;
      }
    }
    for (std::size_t i = used; i < a.size(); ++i) {
      unexpected(a[i], fmt::format("“{}”不接受此参数", clause.name.text),
                 fmt::format("'{}' does not take this argument", clause.name.text));
    }
    return m;
  }

  void points(const syntax::Block& b) {
    auto p = std::make_unique<PointsModel>();
    p->where = b.keyword.range;
    for (const auto& st : b.statements) {
      const K id = st.id;
      if (id == K::quote) {
        standalone_quote(st.keyword, st.arguments, st.quote, st.range, *p);
        continue;
      }
      if (id != K::factor) cite(st.quote, *p);
      if (id == K::threshold || id == K::quota) {
        std::optional<double>& target = id == K::threshold ? p->threshold : p->quota;
        if (target) {
          error("duplicate-statement", st.range,
                {fmt::format("积分块中“{}”重复出现", st.keyword.text), fmt::format("'{}' appears twice in the points block", st.keyword.text)});
          continue;
        }
        if (st.arguments.size() != 1 || st.arguments[0].kind != Kind::number) {
          error("invalid-argument", st.range,
                {fmt::format("“{}”之后应为一个数字", st.keyword.text), fmt::format("expected one number after '{}'", st.keyword.text)});
          continue;
        }
        target = *st.arguments[0].number;
      } else if (id == K::factor) {
        factor(st, *p);
      }
    }
    for (const auto& c : b.conditions) {
      if (is_quote(c.name)) standalone_quote(c.name, c.arguments, c.quote, c.range, *p);
    }
    for (const auto& c : b.clauses) {
      if (is_quote(c.name)) {
        standalone_quote(c.name, c.arguments, c.quote, c.range, *p);
        continue;
      }
      error("invalid-argument", c.range,
            {"积分块中应为“因素”“分值线”或“指标”", "a points block holds factor, threshold and quota statements"});
    }
    // A 条件 block here was parsed and then dropped without a word.
    if (b.conditions_range) {
      error("invalid-argument", *b.conditions_range,
            {"积分块中不能有“条件”块：积分落户的条件写在积分落户渠道的“条件”中",
             "a points block has no conditions block: write the points channel's conditions in that channel's 'conditions'"});
    }
    policy_->points = std::move(p);
  }

  void factor(const Statement& st, PointsModel& p) {
    const auto& a = st.arguments;
    if (a.empty() || a[0].kind != Kind::word) {
      error("invalid-argument", st.range,
            {"“因素”之后应为因素名称，如“因素 社会保险 权重 3;”", "expected a factor name, e.g. 'factor social_insurance weight 3;'"});
      return;
    }
    auto f = std::make_unique<FactorModel>();
    f->where = st.range;
    f->enclosing = &p;
    cite(st.quote, *f);
    if (const Term* t = find_term(Vocabulary::condition, a[0].word.text)) {
      f->kind = t->id;
    } else if (const Term* t2 = find_term(Vocabulary::factor, a[0].word.text)) {
      f->kind = t2->id;
    } else {
      unknown(Vocabulary::factor, a[0].word, spellings(Vocabulary::condition));
      return;
    }
    for (std::size_t i = 1; i < a.size(); ++i) {
      bool key = a[i].kind == Kind::word && i + 1 < a.size() && a[i + 1].kind == Kind::number;
      const std::string& w = a[i].word.text;
      if (key && (w == "权重" || w == "weight")) {
        f->weight = *a[++i].number;
      } else if (key && (w == "上限" || w == "cap")) {
        f->cap = *a[++i].number;
      } else {
        unexpected(a[i], "因素只接受“权重 N”与“上限 N”", "a factor takes 'weight N' and 'cap N'");
      }
    }
    p.factors.push_back(std::move(f));
  }

  void permit(const syntax::Block& b) {
    auto p = std::make_unique<PermitModel>();
    p->where = b.keyword.range;
    for (const auto& c : b.conditions) {
      if (auto cond = condition(c, "residence_permit", nullptr, *p)) p->conditions.push_back(std::move(cond));
    }
    for (const auto& st : b.statements)
      if (st.id == K::quote) standalone_quote(st.keyword, st.arguments, st.quote, st.range, *p);
      else unexpected_statement(st, "居住证块中应为“条件 { … }”与持证人服务（如“义务教育 同等;”）",
                           "a residence_permit block holds a conditions block and holders' services (e.g. 'compulsory_education equal;')");
    // Holders' services: the regulation's own list, or a settler service
    // (住房保障 …) extended to holders (task 33).
    for (const auto& c : b.clauses) {
      if (is_quote(c.name)) {
        standalone_quote(c.name, c.arguments, c.quote, c.range, *p);
        continue;
      }
      const Term* kind = find_term(Vocabulary::permit_service, c.name.text);
      if (!kind) kind = find_term(Vocabulary::service, c.name.text);
      if (!kind) {
        unknown(Vocabulary::permit_service, c.name, spellings(Vocabulary::service));
        continue;
      }
      if (auto s = service(c, *kind, *p)) p->services.push_back(std::move(s));
    }
    policy_->permit = std::move(p);
  }

  void unexpected_statement(const Statement& st, const char* zh, const char* en) { error("invalid-argument", st.range, {zh, en}); }

  void services(const syntax::Block& b) {
    Cited& block = policy_->services_block;
    for (const auto& st : b.statements) {
      if (st.id == K::quote) standalone_quote(st.keyword, st.arguments, st.quote, st.range, block);
      else unexpected_statement(st, "公共服务块中应为“服务 待遇;”", "a services block holds 'service treatment;' clauses");
    }
    for (const auto& c : b.conditions) error("invalid-argument", c.range, {"公共服务块中不应有条件", "a services block has no conditions"});
    for (const auto& c : b.clauses) {
      if (is_quote(c.name)) {
        standalone_quote(c.name, c.arguments, c.quote, c.range, block);
        continue;
      }
      const Term* kind = resolve(Vocabulary::service, c.name);
      if (!kind) continue;
      if (auto s = service(c, *kind, block)) policy_->services.push_back(std::move(s));
    }
  }

  // "住房保障 延后 2 年;": a service and its treatment.
  std::unique_ptr<ServiceModel> service(const Clause& c, const Term& kind, Cited& block) {
    auto s = std::make_unique<ServiceModel>();
    s->kind = kind.id;
    s->where = c.range;
    s->enclosing = &block;
    cite(c.quote, *s);
    const auto& a = c.arguments;
    if (a.empty() || a[0].kind != Kind::word) {
      error("invalid-argument", c.range,
            {fmt::format("“{}”之后应为待遇：同等、延后 N 年 或 不享有", c.name.text),
             fmt::format("expected a treatment after '{}': equal, delayed N years or denied", c.name.text)});
      return nullptr;
    }
    const Term* t = resolve(Vocabulary::treatment, a[0].word);
    if (!t) return nullptr;
    s->treatment = t->id;
    std::size_t used = 1;
    if (t->id == "delayed") {
      if (a.size() < 2 || a[1].kind != Kind::number || !time_in_years(a[1])) {
        error("invalid-argument", a[0].range, {"“延后”之后应为年限，如“延后 3 年”", "expected a time after 'delayed', e.g. 'delayed 3 years'"});
        return nullptr;
      }
      s->delay_years = time_in_years(a[1]);
      used = 2;
    }
    for (std::size_t i = used; i < a.size(); ++i) unexpected(a[i], "待遇之后不应再有参数", "nothing follows the treatment");
    return s;
  }

  const Registry& registry_;
  BuildResult& out_;
  PolicyModel* policy_ = nullptr;
};

}  // namespace

BuildResult build_policy(const syntax::File& file, const Registry& registry) {
  BuildResult result;
  Builder(registry, result).build(file);
  return result;
}

}  // namespace luohu
