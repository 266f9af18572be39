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

std::vector<const FileResult*> checked_files(const AuditResult& result) {
  std::vector<const FileResult*> out;
  for (const auto& f : result.files) {
    if (f.checked && f.city) out.push_back(&f);
  }
  return out;
}

// What the rule tallies read of each checked file, found once rather than once
// per group (10,000 cities x ~100 groups was a tenth of an audit): the pack
// index of each finding's rule (-1: outside the pack) and whether each rule
// applies to the file's city.
struct RuleFacts {
  std::vector<std::vector<int>> rule_of;   // [file][finding]
  std::vector<std::vector<char>> applies;  // [file][rule]
  RuleFacts(const RulePack& rules, const std::vector<const FileResult*>& files) {
    std::unordered_map<std::string_view, int> index;
    for (std::size_t i = 0; i < rules.rules.size(); ++i) index.emplace(rules.rules[i].id, static_cast<int>(i));
    for (const FileResult* file : files) {
      auto& of = rule_of.emplace_back();
      for (const auto& f : file->findings) {
        auto it = index.find(f.rule);
        of.push_back(f.input_error || it == index.end() ? -1 : it->second);
      }
      auto& a = applies.emplace_back();
      for (const auto& r : rules.rules) a.push_back(luohu::applies(r, *file->city) ? 1 : 0);
    }
  }
};

// One tally over a group of rules: a city counts when a rule of the group
// applies to it, and violates when a finding of the group's rules is in it.
Tally rule_group(std::string key, Message label, const std::vector<const Rule*>& group, const RulePack& rules,
                 const std::vector<const FileResult*>& files, const RuleFacts& facts) {
  Tally t{std::move(key), std::move(label)};
  std::vector<std::size_t> members;
  std::vector<char> member(rules.rules.size(), 0);
  for (const Rule* r : group) {
    members.push_back(static_cast<std::size_t>(r - rules.rules.data()));
    member[members.back()] = 1;
  }
  for (std::size_t k = 0; k < files.size(); ++k) {
    const auto& applies = facts.applies[k];
    bool concerned = std::any_of(members.begin(), members.end(), [&](std::size_t m) { return applies[m] != 0; });
    bool flagged = false, violated = false;
    const auto& findings = files[k]->findings;
    for (std::size_t i = 0; i < findings.size(); ++i) {
      const int r = facts.rule_of[k][i];
      if (r < 0 || !member[static_cast<std::size_t>(r)]) continue;
      add_counts(t, findings[i]);
      flagged = true;
      violated = violated || findings[i].counts(Severity::error);
    }
    if (concerned || flagged) ++t.applicable;
    if (flagged) ++t.flagged;
    if (violated) ++t.violating;
  }
  return t;
}

// Tallies of cities grouped by `key_of` (province, tier).
template <typename KeyOf, typename LabelOf>
std::vector<Tally> city_groups(const AuditResult& result, KeyOf key_of, LabelOf label_of) {
  std::map<std::string, Tally> groups;
  auto group = [&](const City& c) -> Tally& {
    auto key = key_of(c);
    auto it = groups.find(key);
    if (it == groups.end()) it = groups.emplace(key, Tally{key, label_of(c)}).first;
    return it->second;
  };
  // A city with two files counts once, as violating: its files' findings
  // all count (a decoy file can no longer hide the real one's errors).
  std::set<std::string> duplicated;
  for (const auto& file : result.files) {
    if (!file.city) continue;
    Tally& t = group(*file.city);
    if (!file.checked) {
      ++t.unchecked;
      continue;
    }
    bool again = file.duplicate && !duplicated.insert(file.city->code).second;
    if (!again) ++t.applicable;
    bool error = file.duplicate;
    for (const auto& f : file.findings) {
      add_counts(t, f);
      error = error || f.counts(Severity::error);
    }
    if (again) continue;  // flagged and violating were counted with its first file
    if (!file.findings.empty()) ++t.flagged;
    if (error) ++t.violating;
  }
  for (const City* c : result.missing) ++group(*c).missing;
  std::vector<Tally> out;
  for (auto& [key, t] : groups) out.push_back(std::move(t));
  return out;
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

Summary summarize(const AuditResult& result, const RulePack& rules) {
  Summary s;
  auto files = checked_files(result);
  s.files = result.files.size();
  s.unchecked = result.unchecked();
  s.checked = s.files - s.unchecked;
  s.duplicates = result.duplicates.size();
  s.missing = result.missing.size();
  std::map<std::string, bool> city_ok;  // a city with two files is not compliant
  for (const FileResult* file : files) {
    bool error = file->duplicate || std::any_of(file->findings.begin(), file->findings.end(),
                                                [](const Finding& f) { return f.counts(Severity::error); });
    auto [it, fresh] = city_ok.emplace(file->city->code, !error);
    if (!fresh) it->second = it->second && !error;
  }
  s.cities_checked = city_ok.size();
  for (const auto& [code, ok] : city_ok) s.cities_compliant += ok ? 1 : 0;
  s.errors = result.count(Severity::error);
  s.warnings = result.count(Severity::warning);
  s.notes = result.count(Severity::note);
  for (const auto& file : result.files) {
    for (const auto& f : file.findings) {
      if (f.status == Status::new_finding) ++s.new_findings;
      if (f.status == Status::unchanged) ++s.unchanged;
    }
  }
  for (const auto& p : result.past) (p.finding.status == Status::fixed ? s.fixed : s.unverified)++;
  for (const FileResult* file : files) {
    for (const auto& p : file->provisions) {
      auto it = std::find_if(s.coverage.begin(), s.coverage.end(), [&](const ProvisionCount& c) { return c.id == p.id; });
      if (it == s.coverage.end()) it = s.coverage.insert(s.coverage.end(), {std::string(p.id), p.task, provision_label(std::string(p.id))});
      (p.state == "silent" ? it->silent : p.state == "worse" ? it->worse : it->equal)++;
    }
  }

  // By rule: every rule of the pack in force on the audit's date, then codes outside the pack that were
  // reported (warnings such as tier-unknown).
  const std::string& as_of = result.provenance.as_of;
  auto in_force = [&](const Rule& r) { return as_of.empty() || as_of == "effective" || r.in_force.on(as_of); };
  std::set<std::string> pack_ids;
  for (const auto& rule : rules.rules) pack_ids.insert(rule.id);
  const RuleFacts facts(rules, files);
  for (const auto& rule : rules.rules) {
    if (!in_force(rule)) continue;
    s.by_rule.push_back(rule_group(rule.id, rule.title, {&rule}, rules, files, facts));
  }
  std::map<std::string, Tally> others;
  for (const FileResult* file : files) {
    std::set<std::string> seen, erred;
    for (const auto& f : file->findings) {
      if (f.input_error || pack_ids.count(f.rule)) continue;
      Tally& t = others.try_emplace(f.rule, Tally{f.rule, {"（规则包之外）", "(outside the rule pack)"}}).first->second;
      add_counts(t, f);
      if (seen.insert(f.rule).second) ++t.flagged;
      if (f.counts(Severity::error) && erred.insert(f.rule).second) ++t.violating;
    }
  }
  for (auto& [id, t] : others) {
    t.applicable = files.size();
    s.by_rule.push_back(std::move(t));
  }

  std::map<int, std::vector<const Rule*>> tasks;
  std::map<std::string, std::vector<const Rule*>> units;
  std::vector<std::string> unit_order;
  for (const auto& rule : rules.rules) {
    if (!in_force(rule)) continue;
    if (rule.task != 0) tasks[rule.task].push_back(&rule);  // a later document's rule is no task of the plan
    for (const auto& unit : responsible_units(rule.responsible)) {
      if (!units.count(unit)) unit_order.push_back(unit);
      units[unit].push_back(&rule);
    }
  }
  for (const auto& [task, group] : tasks)
    s.by_task.push_back(rule_group(std::to_string(task), {fmt::format("任务{}", task), fmt::format("task {}", task)}, group, rules, files, facts));
  std::sort(unit_order.begin(), unit_order.end());
  for (const auto& unit : unit_order) s.by_unit.push_back(rule_group(unit, {unit, unit}, units[unit], rules, files, facts));

  s.by_province = city_groups(
      result, [](const City& c) { return c.code.substr(0, 2); },
      [](const City& c) { return Message{c.province_zh, c.province_en}; });
  auto tier_rank = [](const std::string& tier) {
    // A band ("small_i|small_ii") right after its largest tier.
    const auto& order = tier_order();
    auto first = tier.substr(0, tier.find('|'));
    return 2 * (std::find(order.begin(), order.end(), first) - order.begin()) + (first.size() != tier.size());
  };
  s.by_tier = city_groups(
      result, [](const City& c) { return c.tier_key(); }, [](const City& c) { return tier_label(c.tier_key()); });
  std::sort(s.by_tier.begin(), s.by_tier.end(),
            [&](const Tally& a, const Tally& b) { return tier_rank(a.key) < tier_rank(b.key); });

  for (const auto& level : terms(Vocabulary::verification)) s.by_verification.push_back({level.id, {level.zh, level.label_en}});
  s.by_verification.push_back({"unstated", {"未注明核实程度", "verification not stated"}});
  for (const auto& file : result.files) {
    if (!file.city) continue;
    std::string level = file.provenance && !file.provenance->verification.empty() ? file.provenance->verification : "unstated";
    auto t = std::find_if(s.by_verification.begin(), s.by_verification.end(), [&](const Tally& x) { return x.key == level; });
    if (t == s.by_verification.end()) continue;
    if (!file.checked) {
      ++t->unchecked;
      continue;
    }
    ++t->applicable;
    bool error = false;
    for (const auto& f : file.findings) {
      add_counts(*t, f);
      error = error || f.counts(Severity::error);
    }
    if (!file.findings.empty()) ++t->flagged;
    if (error) ++t->violating;
  }
  return s;
}

}  // namespace luohu::audit
