#include "check/checker.hpp"

#include <fmt/format.h>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <unordered_map>

#include "check/provenance.hpp"
#include "graph/pathways.hpp"
#include "graph/notes.hpp"
#include "model/builder.hpp"
#include "model/vocabulary.hpp"
#include "rules/applicability.hpp"
#include "util/file_io.hpp"

namespace luohu {

Checker::Checker(const Registry& registry, const RulePack& rules, syntax::Limits limits)
    : registry_(registry), rules_(rules), limits_(limits) {}

std::vector<Diagnostic> Checker::evaluate_rule(const PolicyModel& policy, const Rule& rule) const {
  try {
    return evaluate_rule_unchecked(policy, rule);
  } catch (const predicate::EvalError& e) {
    throw predicate::EvalError(rule.id + ": " + e.what());  // the error names the rule
  } catch (const std::bad_alloc&) {
    throw predicate::EvalError(rule.id + ": out of memory");
  }
}

std::vector<Diagnostic> Checker::evaluate_rule_unchecked(const PolicyModel& policy, const Rule& rule) const {
  const CompiledRule& compiled = rule.compiled();  // compiled here on first use (a rule from the snapshot)
  // Only a snapshot damaged in a way its checks missed gets here: the rule is
  // refused, as an input error, never passed silently.
  if (!compiled.ok) throw predicate::EvalError("its predicate or message no longer compiles");
  std::vector<Diagnostic> out;
  predicate::Environment env;
  // The budget grows with the policy: a rule may visit each channel many times.
  env.step_budget = predicate::Environment::kDefaultStepBudget + 1000 * static_cast<std::uint64_t>(policy.channels.size());
  env.variables["policy"] = Value(static_cast<const ModelObject*>(&policy));
  env.variables["city"] = Value(static_cast<const ModelObject*>(&policy.city));
  // Objects found, each with the for_each bindings under which it was
  // found: one finding per object, naming every binding (one clause that
  // fails four groups is one finding that names the four groups).
  std::vector<std::pair<const ModelObject*, std::vector<std::vector<Value>>>> found;
  std::unordered_map<const ModelObject*, std::size_t> index;  // keeps noting linear in the findings
  auto note = [&](const ModelObject* it) {
    auto [slot, inserted] = index.emplace(it, found.size());
    if (inserted) found.push_back({it, std::vector<std::vector<Value>>(rule.for_each.size())});
    auto& entry = found[slot->second];
    for (std::size_t i = 0; i < rule.for_each.size(); ++i) {
      Value v = env.variables[rule.for_each[i].first];
      auto& values = entry.second[i];
      if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    }
  };
  for_each_binding(rule, env, [&] {
    if (compiled.forbid) {
      Value result = predicate::evaluate(*compiled.forbid, env);
      if (!result.is_list()) return;
      for (const auto& v : result.as_list()) {
        if (v.is_object()) note(v.as_object());
      }
      return;
    }
    Value holds = predicate::evaluate(*compiled.require, env);
    if (holds.is_bool() && holds.as_bool()) return;
    bool blamed = false;
    if (compiled.blame) {
      Value who = predicate::evaluate(*compiled.blame, env);
      if (who.is_list()) {
        for (const auto& v : who.as_list()) {
          if (v.is_object()) {
            note(v.as_object());
            blamed = true;
          }
        }
      }
    }
    if (!blamed) note(&policy);
  });
  for (const auto& [it, bindings] : found) {
    for (std::size_t i = 0; i < rule.for_each.size(); ++i) {
      const auto& values = bindings[i];
      env.variables[rule.for_each[i].first] = values.size() == 1 ? values[0] : Value(ValueList(values));
    }
    env.variables["it"] = Value(it);
    Diagnostic d;
    d.severity = rule.severity;
    d.code = rule.id;
    if (rule.task != 0) d.task = rule.task;
    d.quote = rule.quote;
    d.basis = rule.basis;
    d.range = it->range();
    if (message_language != Lang::en) {
      env.label = [](const std::string& s) { return label(s, Lang::zh); };
      env.list_separator = "、";
      d.message.zh = predicate::render(compiled.message_zh, env);
    }
    if (message_language != Lang::zh) {
      env.label = [](const std::string& s) { return label(s, Lang::en); };
      env.list_separator = ", ";
      d.message.en = predicate::render(compiled.message_en, env);
    }
    // A rule newer than the policy: the verdict is today's law, not the law the policy was written under.
    if (!policy.effective.empty() && policy.effective < rule.in_force.from) {
      if (!d.message.zh.empty()) d.message.zh += fmt::format("（本政策施行于{}，早于{}（{}起适用））", policy.effective, rule.basis, rule.in_force.from);
      if (!d.message.en.empty()) d.message.en += fmt::format(" (this policy, in force from {}, predates {}, which binds from {})", policy.effective,
                                  rule.basis, rule.in_force.from);
    }
    if (it->type_name() == "condition") {
      const auto* c = static_cast<const ConditionModel*>(it);
      if (c->channel) {
        d.related.push_back({c->channel->name_range,
                             {fmt::format("所在渠道“{}”", c->channel->name),
                              fmt::format("in channel '{}'", c->channel->name)}});
      }
    }
    add_graph_notes(*it, d.range, d.related, message_language);  // chain clauses and their sum
    if (const auto* cited = dynamic_cast<const Cited*>(it)) {
      if (const auto* quotes = cited->nearest()) {
        for (const auto& q : *quotes) d.cited.push_back({q.text, q.range, {}, {}, {}});
      }
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Diagnostic> Checker::evaluate(PolicyModel& policy, const Rule* only) const {
  const City* city = policy.city.city;
  std::size_t skipped_for_tier = 0;
  std::vector<const Rule*> applicable;
  const std::string date = date_for(policy);
  for (const auto& rule : rules_.rules) {
    if (only && &rule != only) continue;
    if (!only && !rule.in_force.on(date)) continue;  // a rule explicitly asked for runs whatever the date
    switch (applicability(rule, *city)) {
      case Applicability::applies: applicable.push_back(&rule); break;
      case Applicability::tier_unknown: ++skipped_for_tier; break;
      case Applicability::not_applicable: break;
    }
  }
  std::vector<std::vector<Diagnostic>> found(applicable.size());
  auto reads_pathways_field = [&](const Rule* r) { return rule_reads_pathways(*r); };
  auto needs_pathways = [&](std::size_t i) { return reads_pathways_field(applicable[i]); };
  const bool some_need = std::any_of(applicable.begin(), applicable.end(), reads_pathways_field);
  if (!only && applicable.size() > 1 && policy.channels.size() >= kParallelChannels) {
    // A large policy: the rules on every core, with the pathway analysis on
    // one of them from the start; the rules that read it run once it is done
    // (the others read no field it writes). Model objects' field caches are
    // safe for concurrent first reads; findings keep the pack's order whatever
    // the timing.
    auto run = [&](bool pathway_rules) {
      tbb::parallel_for(
          tbb::blocked_range<std::size_t>(0, applicable.size(), 1),
          [&](const tbb::blocked_range<std::size_t>& r) {
            for (std::size_t i = r.begin(); i != r.end(); ++i) {
              if (needs_pathways(i) == pathway_rules) found[i] = evaluate_rule(policy, *applicable[i]);
            }
          },
          tbb::simple_partitioner());
    };
    tbb::task_group analysis;
    if (some_need && !policy.pathways_analysed()) analysis.run([&] { analyse_pathways(policy); });
    try {
      run(false);
    } catch (...) {
      analysis.wait();
      throw;
    }
    analysis.wait();
    run(true);
  } else {
    if (some_need) analyse_pathways(policy);
    for (std::size_t i = 0; i < applicable.size(); ++i) found[i] = evaluate_rule(policy, *applicable[i]);
  }
  std::vector<Diagnostic> out;
  for (auto& f : found) out.insert(out.end(), std::make_move_iterator(f.begin()), std::make_move_iterator(f.end()));
  if (skipped_for_tier > 0) {
    Diagnostic d;
    d.severity = Severity::warning;
    d.code = "tier-unknown";
    d.range = policy.header;
    if (city->tiers.empty())
      d.message = {fmt::format("城市登记表中没有{}的城区常住人口，无法确定城市规模；{} 条按规模适用的规则未检查",
                               city->name_zh, skipped_for_tier),
                   fmt::format("the registry has no urban population for {}, so its tier is unknown; {} tier-dependent "
                               "rules were not checked",
                               city->name_en, skipped_for_tier)};
    else
      d.message = {fmt::format("城市登记表只知{}为{}（见 luohu city {}）；{} 条规则区分这些规模，无法判断是否适用，未检查",
                               city->name_zh, label(city->tier_key(), Lang::zh), city->code, skipped_for_tier),
                   fmt::format("the registry knows only that {} is a {} (see luohu city {}); {} rules tell these tiers "
                               "apart, so whether they apply cannot be decided and they were not checked",
                               city->name_en, label(city->tier_key(), Lang::en), city->code, skipped_for_tier)};
    out.push_back(std::move(d));
  }
  if (as_of == "effective" && policy.effective.empty() && !only) {
    out.push_back(make_diagnostic(
        Severity::note, "as-of-no-effective-date", policy.header,
        {fmt::format("政策未写施行日期，按 {} 施行的规则检查", date),
         fmt::format("the policy states no effective date (施行日期); checked against the rules in force on {}", date)}));
  }
  sort_diagnostics(out);
  return out;
}

std::string Checker::stated_as_of() const {
  if (!as_of.empty()) return as_of;
  return waiver_options.today.empty() ? local_date() : waiver_options.today;
}

std::string Checker::date_for(const PolicyModel& policy) const {
  if (as_of == "effective" && !policy.effective.empty()) return policy.effective;
  const std::string stated = stated_as_of();
  return stated == "effective" ? (waiver_options.today.empty() ? local_date() : waiver_options.today) : stated;
}

bool Checker::rule_reads_pathways(const Rule& rule) const { return rule.compiled().reads_pathways; }

void Checker::add_findings(PolicyModel& policy, std::vector<Diagnostic>& out) const {
  try {
    auto findings = evaluate(policy);
    out.insert(out.end(), std::make_move_iterator(findings.begin()), std::make_move_iterator(findings.end()));
  } catch (const predicate::EvalError& e) {
    out.push_back(input_error("rule-evaluation-failed", policy.header,
                              {fmt::format("规则求值失败：{}", e.what()), fmt::format("a rule failed to evaluate: {}", e.what())}));
  }
}

std::vector<ProvisionState> provision_states(const PolicyModel& policy) {
  std::vector<ProvisionState> out;
  for (const auto& term : terms(Vocabulary::service)) {
    ProvisionState p{term.id, term.rank, "silent"};
    for (const auto& s : policy.services) {
      if (s->kind != term.id) continue;
      // Two clauses on one service: the worse one is what the policy grants at least some settlers.
      p.state = s->treatment == "equal" && p.state != "worse" ? "equal" : "worse";
    }
    out.push_back(std::move(p));
  }
  out.push_back({"residence_permit", 34, policy.permit ? "stated" : "silent"});
  return out;
}

FileReport Checker::check_single(std::shared_ptr<const SourceFile> source, const syntax::ParseResult& parsed,
                                 std::unique_ptr<PolicyModel>* model) const {
  FileReport report;
  report.source = source;
  auto built = build_policy(parsed.file, registry_);
  const bool checkable = built.ok();  // before the diagnostics move out
  report.diagnostics = std::move(built.diagnostics);
  if (built.policy) report.city = built.policy->city.city;
  if (checkable) {
    add_findings(*built.policy, report.diagnostics);
    report.provenance = check_provenance(*source, *built.policy, nullptr, report.diagnostics);
    report.waivers = apply_waivers(*source, parsed.file.comments, rules_, waiver_options, report.diagnostics);
    report.provisions = provision_states(*built.policy);
  }
  sort_diagnostics(report.diagnostics);
  if (model) *model = std::move(built.policy);
  return report;
}

}  // namespace luohu
