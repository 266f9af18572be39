#include "rules/documents.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>

#include "util/yaml_text.hpp"

namespace luohu {
namespace {

bool is_date_or_unknown(const std::string& s) {
  static const std::regex pattern("[12][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])|unknown");
  return std::regex_match(s, pattern);
}

const std::set<std::string> kDocumentKeys = {"id",        "number",   "title",        "issuer", "signed",
                                             "published", "in_force", "verification", "text",   "note"};

}  // namespace

const NationalDocument* RulePack::document(const std::string& id) const {
  for (const auto& d : documents) {
    if (d.id == id) return &d;
  }
  return nullptr;
}

std::optional<NationalDocument> load_document_text(const std::string& text, const std::string& path,
                                                   std::vector<LoadError>& errors) {
  std::size_t before = errors.size();
  auto parsed = parse_yaml(text, path, errors);
  if (!parsed) return std::nullopt;
  const YAML::Node& root = *parsed;
  auto error = [&](const YAML::Node& n, Message m) {
    errors.push_back({path, n.Mark().line + 1, n.Mark().column + 1, std::move(m)});
  };
  if (!root.IsMap()) {
    error(root, {"文件记录应为映射", "a document record must be a map"});
    return std::nullopt;
  }
  NationalDocument d;
  d.path = path;
  d.line = 1;
  for (auto kv : root) {
    if (!kDocumentKeys.count(kv.first.Scalar()))
      error(kv.first, {fmt::format("未知的文件字段“{}”", kv.first.Scalar()), fmt::format("unknown document field '{}'", kv.first.Scalar())});
  }
  auto field = [&](const char* key, std::string& into) {
    YAML::Node n = root[key];
    if (!n || !n.IsScalar() || n.Scalar().empty()) {
      error(n ? n : root, {fmt::format("文件记录缺少“{}”", key), fmt::format("the document record has no '{}'", key)});
      return;
    }
    into = n.Scalar();
  };
  field("id", d.id);
  field("number", d.number);
  field("title", d.title);
  field("issuer", d.issuer);
  field("signed", d.signed_on);
  field("published", d.published);
  field("in_force", d.in_force);
  field("verification", d.verification);
  field("text", d.text);
  const std::string stem = std::filesystem::path(path).stem().string();
  if (!d.id.empty() && d.id != stem)
    error(root["id"], {fmt::format("文件编号“{}”应与文件名“{}”一致", d.id, stem), fmt::format("document id '{}' must match the file name '{}'", d.id, stem)});
  for (auto [key, value] : {std::pair{"signed", &d.signed_on}, {"published", &d.published}, {"in_force", &d.in_force}}) {
    if (!value->empty() && !is_date_or_unknown(*value))
      error(root[key], {fmt::format("“{}”应为 YYYY-MM-DD 或 unknown（未读到的日期）", key),
                        fmt::format("'{}' must be YYYY-MM-DD or unknown (a date not read)", key)});
  }
  if (d.in_force == "unknown")
    error(root["in_force"], {"in_force 须为日期：其规则自该日起适用", "in_force must be a date: its rules bind from it"});
  if (!d.verification.empty() && d.verification != "primary" && d.verification != "reprint" && d.verification != "news")
    error(root["verification"], {"verification 应为 primary、reprint 或 news", "verification must be primary, reprint or news"});
  YAML::Node note = root["note"];
  if (!note || !note.IsMap() || !note["zh"] || !note["en"]) error(note ? note : root, {"文件记录须有 note: {zh, en}（日期与核实如何读得）", "the document record needs note: {zh, en} (how its dates and verification were read)"});
  else d.note = {note["zh"].as<std::string>(), note["en"].as<std::string>()};
  if (errors.size() != before) return std::nullopt;
  return d;
}

void link_documents(RulePack& pack, std::vector<LoadError>& errors) {
  std::sort(pack.documents.begin(), pack.documents.end(), [](const NationalDocument& a, const NationalDocument& b) {
    return a.in_force != b.in_force ? a.in_force < b.in_force : a.id < b.id;
  });
  const NationalDocument* seed = pack.document(pack.seed);
  if (!seed) {
    errors.push_back({"pack.yaml", 1, 1, {fmt::format("pack.yaml 的 seed“{}”不在 documents/ 中", pack.seed),
                                          fmt::format("pack.yaml's seed '{}' is not in documents/", pack.seed)}});
    return;
  }
  pack.seed_number = seed->number;
  for (auto& rule : pack.rules) {
    auto fail = [&](Message m) { errors.push_back({rule.path, rule.line, 1, std::move(m)}); };
    const NationalDocument* doc = pack.document(rule.document);
    if (!doc) {
      fail({fmt::format("规则 {} 引用的文件“{}”不在 documents/ 中", rule.id, rule.document),
            fmt::format("rule {} cites document '{}', which documents/ does not hold", rule.id, rule.document)});
      continue;
    }
    if ((rule.task != 0) != (doc == seed))
      fail({fmt::format("规则 {}：执行种子任务的规则（T…）引用 {}，其他规则（D…）引用后续文件", rule.id, seed->number),
            fmt::format("rule {}: the seed's task rules (T…) cite {}, the others (D…) a later document", rule.id, seed->number)});
    if (rule.in_force.from < doc->in_force)
      fail({fmt::format("规则 {} 自 {} 起适用，早于其文件 {} 的施行（{}）", rule.id, rule.in_force.from, doc->number, doc->in_force),
            fmt::format("rule {} binds from {}, before its document {} is in force ({})", rule.id, rule.in_force.from, doc->number, doc->in_force)});
    if (!rule.in_force.superseded_by.empty()) {
      const NationalDocument* by = pack.document(rule.in_force.superseded_by);
      if (!by)
        fail({fmt::format("规则 {} 的 superseded_by“{}”不在 documents/ 中", rule.id, rule.in_force.superseded_by),
              fmt::format("rule {}'s superseded_by '{}' is not in documents/", rule.id, rule.in_force.superseded_by)});
      else if (rule.in_force.until != by->in_force)
        fail({fmt::format("规则 {} 的 until（{}）应为替代它的 {} 施行之日（{}）", rule.id, rule.in_force.until, by->number, by->in_force),
              fmt::format("rule {}'s until ({}) must be the day {} replacing it is in force ({})", rule.id, rule.in_force.until, by->number, by->in_force)});
    }
    // A sentence read only in a news report is cited as such, in every finding.
    // A document without a 文号 (a 中办/国办 opinion) is cited by issuer and title.
    std::string name = document_name(*doc);
    rule.basis = doc->verification == "news" ? name + "（据新闻报道）" : name;
  }
}

std::string document_name(const NationalDocument& d) {
  return d.number == "unknown" ? fmt::format("{}《{}》", d.issuer, d.title) : d.number;
}

Message rule_citation(const Rule& rule) { return task_citation(rule.basis, rule.task, rule.quote); }

std::vector<std::string> documents_applied(const RulePack& pack, const std::string& as_of) {
  std::vector<std::string> out;
  for (const auto& d : pack.documents) {
    bool cited = as_of == "effective" || std::any_of(pack.rules.begin(), pack.rules.end(), [&](const Rule& r) {
                   return r.document == d.id && r.in_force.on(as_of);
                 });
    if (cited) out.push_back(document_name(d));
  }
  return out;
}

std::string day_before(const std::string& date) {
  std::tm t{};
  if (std::sscanf(date.c_str(), "%d-%d-%d", &t.tm_year, &t.tm_mon, &t.tm_mday) != 3) return date;
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  t.tm_mday -= 1;  // timegm normalises day 0 to the month before's last
  t.tm_hour = 12;
  std::time_t at = timegm(&t);
  std::tm out{};
  gmtime_r(&at, &out);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &out);
  return buffer;
}

}  // namespace luohu
