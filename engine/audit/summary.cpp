#include "audit/summary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "diag/provenance.hpp"
#include "model/vocabulary.hpp"
#include "rules/applicability.hpp"

namespace luohu::audit {
namespace {

void add_counts(Tally& t, const Finding& f) {
  ++t.findings;
  if (f.waived) return;  // listed, not counted
  if (f.severity == Severity::error) ++t.errors;
  if (f.severity == Severity::warning) ++t.warnings;
  if (f.severity == Severity::note) ++t.notes;
}

Tally& city_group(std::map<std::string, Tally>& groups, const std::string& key, const Message& label) {
  auto it = groups.find(key);
  if (it == groups.end()) it = groups.emplace(key, Tally{key, label}).first;
  return it->second;
}

// A city concerned by a group: counted once, as violating when it has an error.
void add_city(Tally& t, const std::vector<Finding>& findings, bool error, bool again) {
  if (!again) ++t.applicable;
  for (const auto& f : findings) {
    add_counts(t, f);
    error = error || f.counts(Severity::error);
  }
  if (again) return;  // flagged and violating were counted with its first file
  if (!findings.empty()) ++t.flagged;
  if (error) ++t.violating;
}

}  // namespace

std::optional<double> Tally::compliance() const {
  if (applicable == 0) return std::nullopt;
  return static_cast<double>(applicable - violating) / static_cast<double>(applicable);
}

std::vector<std::string> responsible_units(const std::string& responsible) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto b = current.find_first_not_of(' '), e = current.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(current.substr(b, e - b + 1));
    current.clear();
  };
  for (std::size_t i = 0; i < responsible.size();) {
    bool cut = false;
    for (std::string_view sep : {"、", "，", "；", ",", ";"}) {
      if (responsible.compare(i, sep.size(), sep) == 0) {
        flush();
        i += sep.size();
        cut = true;
        break;
      }
    }
    if (!cut) current += responsible[i++];
  }
  flush();
  return out;
}

const std::vector<std::string>& tier_order() {
  static const std::vector<std::string> order = [] {
    std::vector<std::string> out;
    for (const auto& band : tier_bands()) out.push_back(band.id);
    out.push_back("unknown");
    return out;
  }();
  return order;
}

Message tier_label(const std::string& tier) {
  if (tier == "unknown") return {"规模未知", "tier unknown"};
  return {label(tier, Lang::zh), label(tier, Lang::en)};
}

Message provision_label(const std::string& id) { return {label(id, Lang::zh), label(id, Lang::en)}; }

Summarizer::Summarizer(const RulePack& rules, const std::string& as_of) : rules_(rules) {
  auto in_force = [&](const Rule& r) { return as_of.empty() || as_of == "effective" || r.in_force.on(as_of); };
  for (std::size_t i = 0; i < rules.rules.size(); ++i) index_.emplace(rules.rules[i].id, static_cast<int>(i));
  auto group = [&](std::string key, Message label, const std::vector<const Rule*>& of) {
    RuleGroup g{Tally{std::move(key), std::move(label)}, {}, std::vector<char>(rules.rules.size(), 0)};
    for (const Rule* r : of) {
      g.members.push_back(static_cast<std::size_t>(r - rules.rules.data()));
      g.member[g.members.back()] = 1;
    }
    return g;
  };
  // By rule: every rule of the pack in force on the audit's date (codes outside the pack follow, at the end).
  std::map<int, std::vector<const Rule*>> tasks;
  std::map<std::string, std::vector<const Rule*>> units;
  for (const auto& rule : rules.rules) {
    if (!in_force(rule)) continue;
    by_rule_.push_back(group(rule.id, rule.title, {&rule}));
    if (rule.task != 0) tasks[rule.task].push_back(&rule);  // a later document's rule is no task of the plan
    for (const auto& unit : responsible_units(rule.responsible)) units[unit].push_back(&rule);
  }
  for (const auto& [task, of] : tasks) by_task_.push_back(group(std::to_string(task), {fmt::format("任务{}", task), fmt::format("task {}", task)}, of));
  for (const auto& [unit, of] : units) by_unit_.push_back(group(unit, {unit, unit}, of));
  for (const auto& level : terms(Vocabulary::verification)) summary_.by_verification.push_back({level.id, {level.zh, level.label_en}});
  summary_.by_verification.push_back({"unstated", {"未注明核实程度", "verification not stated"}});
}


void Summarizer::add_rules(const FileResult& file) {
  // The pack index of each finding's rule (-1: outside the pack) and whether each rule applies, found once.
  rule_of_.clear();
  for (const auto& f : file.findings) {
    auto it = index_.find(f.rule);
    rule_of_.push_back(f.input_error || it == index_.end() ? -1 : it->second);
  }
  applies_.clear();
  for (const auto& r : rules_.rules) applies_.push_back(luohu::applies(r, *file.city) ? 1 : 0);
  // A city counts in a group when a rule of the group applies to it, and violates when a finding of the group's rules is in it.
  for (auto* groups : {&by_rule_, &by_task_, &by_unit_}) {
    for (auto& g : *groups) {
      Tally& t = g.tally;
      bool concerned = std::any_of(g.members.begin(), g.members.end(), [&](std::size_t m) { return applies_[m] != 0; });
      bool flagged = false, violated = false;
      for (std::size_t i = 0; i < file.findings.size(); ++i) {
        const int r = rule_of_[i];
        if (r < 0 || !g.member[static_cast<std::size_t>(r)]) continue;
        add_counts(t, file.findings[i]);
        flagged = true;
        violated = violated || file.findings[i].counts(Severity::error);
      }
      if (concerned || flagged) ++t.applicable;
      if (flagged) ++t.flagged;
      if (violated) ++t.violating;
    }
  }
  // Codes outside the pack that were reported (warnings such as tier-unknown).
  std::set<std::string_view> seen, erred;
  for (std::size_t i = 0; i < file.findings.size(); ++i) {
    const auto& f = file.findings[i];
    if (f.input_error || index_.count(f.rule)) continue;
    Tally& t = others_.try_emplace(f.rule, Tally{f.rule, {"（规则包之外）", "(outside the rule pack)"}}).first->second;
    add_counts(t, f);
    if (seen.insert(f.rule).second) ++t.flagged;
    if (f.counts(Severity::error) && erred.insert(f.rule).second) ++t.violating;
  }
}

void Summarizer::add(const FileResult& file) {
  for (const auto& f : file.findings) {
    if (f.status == Status::new_finding) ++summary_.new_findings;
    if (f.status == Status::unchanged) ++summary_.unchanged;
  }
  if (!file.city) return;
  const City& city = *file.city;
  Tally& province = city_group(by_province_, city.code.substr(0, 2), {city.province_zh, city.province_en});
  Tally& tier = city_group(by_tier_, city.tier_key(), tier_label(city.tier_key()));
  std::string level = file.provenance && !file.provenance->verification.empty() ? file.provenance->verification : "unstated";
  auto verification = std::find_if(summary_.by_verification.begin(), summary_.by_verification.end(), [&](const Tally& x) { return x.key == level; });
  if (!file.checked) {
    ++province.unchecked;
    ++tier.unchecked;
    if (verification != summary_.by_verification.end()) ++verification->unchecked;
    return;
  }
  const bool error = std::any_of(file.findings.begin(), file.findings.end(), [](const Finding& f) { return f.counts(Severity::error); });
  // A city with two files counts once, as violating: its files' findings all
  // count (a decoy file can no longer hide the real one's errors).
  auto [ok, fresh] = city_ok_.emplace(city.code, !(error || file.duplicate));
  if (!fresh) ok->second = ok->second && !(error || file.duplicate);
  const bool again = file.duplicate && !fresh;
  add_city(province, file.findings, file.duplicate, again);
  add_city(tier, file.findings, file.duplicate, again);
  if (verification != summary_.by_verification.end()) add_city(*verification, file.findings, false, false);
  ++checked_cities_;
  for (const auto& p : file.provisions) {
    auto& coverage = summary_.coverage;
    auto it = std::find_if(coverage.begin(), coverage.end(), [&](const ProvisionCount& c) { return c.id == p.id; });
    if (it == coverage.end()) it = coverage.insert(coverage.end(), {std::string(p.id), p.task, provision_label(std::string(p.id))});
    (p.state == "silent" ? it->silent : p.state == "worse" ? it->worse : it->equal)++;
  }
  add_rules(file);
}

Summary Summarizer::finish(const AuditResult& result) {
  Summary s = std::move(summary_);
  s.files = result.file_count;
  s.unchecked = result.unchecked();
  s.checked = s.files - s.unchecked;
  s.duplicates = result.duplicates.size();
  s.missing = result.missing.size();
  s.cities_checked = city_ok_.size();
  for (const auto& [code, ok] : city_ok_) s.cities_compliant += ok ? 1 : 0;
  s.errors = result.count(Severity::error);
  s.warnings = result.count(Severity::warning);
  s.notes = result.count(Severity::note);
  for (const auto& p : result.past) (p.finding.status == Status::fixed ? s.fixed : s.unverified)++;
  for (auto& g : by_rule_) s.by_rule.push_back(std::move(g.tally));
  for (auto& [id, t] : others_) {
    t.applicable = checked_cities_;
    s.by_rule.push_back(std::move(t));
  }
  for (auto& g : by_task_) s.by_task.push_back(std::move(g.tally));
  for (auto& g : by_unit_) s.by_unit.push_back(std::move(g.tally));
  for (const City* c : result.missing) {
    ++city_group(by_province_, c->code.substr(0, 2), {c->province_zh, c->province_en}).missing;
    ++city_group(by_tier_, c->tier_key(), tier_label(c->tier_key())).missing;
  }
  for (auto& [key, t] : by_province_) s.by_province.push_back(std::move(t));
  for (auto& [key, t] : by_tier_) s.by_tier.push_back(std::move(t));
  auto tier_rank = [](const std::string& tier) {
    // A band ("small_i|small_ii") right after its largest tier.
    const auto& order = tier_order();
    auto first = tier.substr(0, tier.find('|'));
    return 2 * (std::find(order.begin(), order.end(), first) - order.begin()) + (first.size() != tier.size());
  };
  std::sort(s.by_tier.begin(), s.by_tier.end(), [&](const Tally& a, const Tally& b) { return tier_rank(a.key) < tier_rank(b.key); });
  return s;
}

Summary summarize(const AuditResult& result, const RulePack& rules) {
  Summarizer counts(rules, result.provenance.as_of);
  for (const auto& file : result.files) counts.add(file);
  return counts.finish(result);
}

}  // namespace luohu::audit
