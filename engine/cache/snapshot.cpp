#include "cache/snapshot.hpp"

#include <nlohmann/json.hpp>

#include <cstring>
#include <functional>
#include <stdexcept>
#include <string_view>

#include "cache/records.hpp"
#include "util/sha256.hpp"

namespace luohu::cache {

using nlohmann::json;

namespace {

// Records are positional arrays (no key strings repeated 734 times); the
// order below is the format, guarded by kSnapshotFormat.
const std::string kMagic = "luohu-snapshot " + std::to_string(kSnapshotFormat) + "\n";

// A field added to a record below and not written here would be lost on every
// snapshot hit, silently. So the records' sizes are pinned (x86-64, libstdc++;
// g++ and clang agree): a new field stops the build here until it is written
// and read below (or, if derived on read, said so) and kSnapshotFormat raised.
// (A rule's predicates are written as text; their trees and compiled programs
// are derived from it when the rule is first applied: Rule::compiled().)
static_assert(sizeof(void*) != 8 || sizeof(City) == 544, "City changed: write the new field in city_json/read_city");
static_assert(sizeof(void*) != 8 || sizeof(Rule) == 1320, "Rule changed: write the new field in rule_json/read_rule");
static_assert(sizeof(void*) != 8 || sizeof(TaskEntry) == 184, "TaskEntry changed: write the new field in task_json/read_task");
static_assert(sizeof(void*) != 8 || sizeof(NationalDocument) == 392, "NationalDocument changed: write it in document_json/decode");
static_assert(sizeof(void*) != 8 || sizeof(RulePack) == 288, "RulePack changed: write the new field in encode/decode");
static_assert(sizeof(void*) != 8 || sizeof(Reading) == 120, "Reading changed: write the new field in encode/decode");
static_assert(sizeof(void*) != 8 || sizeof(Definition) == 200, "Definition changed: write the new field in definitions_json");

json optional_json(const auto& v) { return v ? json(*v) : json(nullptr); }
json message_json(const Message& m) { return json::array({m.zh, m.en}); }

json source_json(const SourceRef& s) { return json::array({s.key, s.title, s.url}); }
json sources_json(const std::vector<SourceRef>& list) {
  json out = json::array();
  for (const auto& s : list) out.push_back(source_json(s));
  return out;
}

json city_json(const City& c) {
  json conflicts = json::array();
  for (const auto& k : c.conflicts) conflicts.push_back(json::array({source_json(k.source), k.says}));
  return json::array({c.code, c.name_zh, c.name_en, c.province_zh, c.province_en, c.level, c.capital,
                      optional_json(c.population), c.population_min, optional_json(c.population_max),
                      c.population_known, c.population_year, c.population_basis, sources_json(c.population_sources),
                      conflicts, c.decision, optional_json(c.registered_share), c.note, optional_json(c.seat),
                      sources_json(c.seat_sources), optional_json(c.tier), c.tiers, c.line});
}

json definitions_json(const std::vector<Definition>& defs) {
  json out = json::array();
  for (const auto& d : defs) out.push_back(json::array({d.term, d.document, d.quote, d.source, message_json(d.note), d.line}));
  return out;
}

json rule_json(const Rule& r) {
  json for_each = json::array();
  for (const auto& [name, values] : r.for_each) {
    json list = json::array();
    for (const auto& v : values) list.push_back(v.is_number() ? json(v.as_number()) : json(v.as_string()));
    for_each.push_back(json::array({name, list}));
  }
  json examples = json::array();
  for (const auto& e : r.examples) examples.push_back(json::array({e.name, e.bad, e.policy, e.line, e.at}));
  return json::array({r.id, r.task, r.quote, r.responsible, static_cast<int>(r.severity), message_json(r.title),
                      message_json(r.reading), r.tiers, r.levels, for_each, r.forbid_text, r.require_text,
                      r.blame_text, r.message_zh_text, r.message_en_text, examples, r.readings,
                      definitions_json(r.definitions), r.path, r.line, r.document, r.basis, r.in_force.from,
                      r.in_force.until, r.in_force.superseded_by, message_json(r.in_force.reading)});
}

json document_json(const NationalDocument& d) {
  return json::array({d.id, d.number, d.title, d.issuer, d.signed_on, d.published, d.in_force, d.verification, d.text,
                      message_json(d.note), d.path, d.line});
}

json task_json(const TaskEntry& t) {
  return json::array({t.number, t.section, t.section_title, t.text, t.responsible, t.enforced, message_json(t.reason), t.line});
}

SourceRef read_source(Fields f) {
  SourceRef s{f.str(), f.str(), f.str()};
  f.done();
  return s;
}

std::vector<SourceRef> read_sources(Fields& f) {
  std::vector<SourceRef> out;
  f.each([&](const msgpack::object& item) { out.push_back(read_source(f.sub(item))); });
  return out;
}

City read_city(Fields f) {
  City c;
  c.code = f.str();
  c.name_zh = f.str();
  c.name_en = f.str();
  c.province_zh = f.str();
  c.province_en = f.str();
  c.level = f.str();
  c.capital = f.boolean();
  c.population = f.optional<std::int64_t>([&] { return f.integer(); });
  c.population_min = f.integer();
  c.population_max = f.optional<std::int64_t>([&] { return f.integer(); });
  c.population_known = f.boolean();
  c.population_year = f.small();
  c.population_basis = f.str();
  c.population_sources = read_sources(f);
  f.each([&](const msgpack::object& item) {
    Fields k = f.sub(item);
    Conflict conflict{read_source(k.next_fields()), k.str()};
    k.done();
    c.conflicts.push_back(std::move(conflict));
  });
  c.decision = f.str();
  c.registered_share = f.optional<double>([&] { return f.number(); });
  c.note = f.str();
  c.seat = f.optional<std::string>([&] { return f.str(); });
  c.seat_sources = read_sources(f);
  c.tier = f.optional<std::string>([&] { return f.str(); });
  c.tiers = f.strings();
  c.line = f.small();
  f.done();
  return c;
}

std::vector<Definition> definitions_from(Fields& f) {
  std::vector<Definition> out;
  f.each([&](const msgpack::object& item) {
    Fields d = f.sub(item);
    Definition def;
    def.term = d.str();
    def.document = d.str();
    def.quote = d.str();
    def.source = d.str();
    def.note = d.message();
    def.line = d.small();
    d.done();
    out.push_back(std::move(def));
  });
  return out;
}

Rule read_rule(Fields f) {
  Rule r;
  r.id = f.str();
  r.task = f.small();
  r.quote = f.str();
  r.responsible = f.str();
  int severity = f.small();
  if (severity < 0 || severity > static_cast<int>(Severity::note)) throw std::runtime_error("snapshot severity");
  r.severity = static_cast<Severity>(severity);
  r.title = f.message();
  r.reading = f.message();
  r.tiers = f.strings();
  r.levels = f.strings();
  f.each([&](const msgpack::object& binding) {
    Fields b = f.sub(binding);
    std::string name = b.str();
    std::vector<Value> values;
    b.each([&](const msgpack::object& v) {
      values.push_back(Fields::is_number(v) ? Value(Fields::number_of(v)) : Value(b.string_of(v)));
    });
    b.done();
    r.for_each.emplace_back(std::move(name), std::move(values));
  });
  r.forbid_text = f.str();
  r.require_text = f.str();
  r.blame_text = f.str();
  r.message_zh_text = f.str();
  r.message_en_text = f.str();
  f.each([&](const msgpack::object& example) {
    Fields e = f.sub(example);
    RuleExample ex;
    ex.name = e.str();
    ex.bad = e.boolean();
    ex.policy = e.str();
    ex.line = e.small();
    ex.at = e.strings();
    e.done();
    r.examples.push_back(std::move(ex));
  });
  r.readings = f.strings();
  r.definitions = definitions_from(f);
  r.path = f.str();
  r.line = f.small();
  r.document = f.str();
  r.basis = f.str();
  r.in_force.from = f.str();
  r.in_force.until = f.str();
  r.in_force.superseded_by = f.str();
  r.in_force.reading = f.message();
  f.done();
  return r;
}

TaskEntry read_task(Fields f) {
  TaskEntry t;
  t.number = f.small();
  t.section = f.small();
  t.section_title = f.str();
  t.text = f.str();
  t.responsible = f.str();
  t.enforced = f.boolean();
  t.reason = f.message();
  t.line = f.small();
  f.done();
  return t;
}

// Framing: each record is its own small MessagePack document behind a 4-byte
// little-endian length (read back by cache/records.hpp), so a city is parsed
// only when it is asked for, and reading never holds more than one record.
void append_record(std::string& out, const json& record) {
  std::string bytes;
  json::to_msgpack(record, bytes);
  auto n = static_cast<std::uint32_t>(bytes.size());
  for (int i = 0; i < 4; ++i) out += static_cast<char>((n >> (8 * i)) & 0xff);
  out += bytes;
}

// Long strings live in one table after the registry's record, each record
// holding an 8-byte reference (MessagePack bin, subtype 1: offset, length)
// instead: nlohmann's reader copies a string byte by byte, which was a third
// of a warm check's instructions, while a reference is one memcpy.
json shelve(json record, std::string& table) {
  if (record.is_string() && record.get_ref<const std::string&>().size() >= kShelvedFrom) {
    const auto& s = record.get_ref<const std::string&>();
    std::uint32_t at[2] = {static_cast<std::uint32_t>(table.size()), static_cast<std::uint32_t>(s.size())};
    table += s;
    json::binary_t::container_type bytes(sizeof at);
    std::memcpy(bytes.data(), at, sizeof at);
    return json::binary(std::move(bytes), static_cast<std::uint8_t>(kShelfRef));
  }
  if (record.is_array())
    for (auto& item : record) item = shelve(std::move(item), table);
  return record;
}

// A checksum of bytes this same executable wrote (the snapshot key names the
// executable, so the hash function cannot differ between writer and reader).
std::string checksum(std::string_view bytes) { return std::to_string(std::hash<std::string_view>{}(bytes)); }

json stamps_json(const Stamps& stamps) {
  json files = json::array();
  for (const auto& f : stamps.files)
    files.push_back(
        json::array({f.path, f.sha256, f.stat.size, f.stat.mtime_ns, f.stat.ctime_ns, f.stat.inode, f.stat.device, f.settled}));
  return json::array({files});
}

// Where the records start: after the header's two lines, else npos.
std::size_t body_start(std::string_view bytes) {
  if (!bytes.starts_with(kMagic)) return std::string_view::npos;
  std::size_t key_end = bytes.find('\n', kMagic.size());
  return key_end == std::string_view::npos ? key_end : key_end + 1;
}

}  // namespace

std::optional<Stamps> read_stamps(std::string_view bytes) {
  const std::size_t start = body_start(bytes);
  if (start == std::string_view::npos) return std::nullopt;
  try {
    Records records(bytes.substr(start));
    Record record = records.next();
    Fields f(record.root(), {});
    Stamps out;
    f.each([&](const msgpack::object& item) {
      Fields s = f.sub(item);
      Stamp stamp;
      stamp.path = s.str();
      stamp.sha256 = s.str();
      stamp.stat.size = s.unsigned_integer();
      stamp.stat.mtime_ns = s.integer();
      stamp.stat.ctime_ns = s.integer();
      stamp.stat.inode = s.unsigned_integer();
      stamp.stat.device = s.unsigned_integer();
      stamp.settled = s.boolean();
      s.done();
      out.files.push_back(std::move(stamp));
    });
    f.done();
    return out;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<std::string> with_stamps(std::string_view bytes, const Stamps& stamps) {
  const std::size_t start = body_start(bytes);
  if (start == std::string_view::npos) return std::nullopt;
  try {
    Records records(bytes.substr(start));
    records.next_bytes();  // the old stamps
    std::string out(bytes.substr(0, start));
    append_record(out, stamps_json(stamps));
    out += records.rest();
    return out;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<std::string> content_sha256(std::string_view bytes) {
  const std::size_t start = body_start(bytes);
  if (start == std::string_view::npos) return std::nullopt;
  try {
    Records records(bytes.substr(start));
    records.next_bytes();  // the stamps
    std::string content(bytes.substr(0, start));
    content += records.rest();
    return sha256_hex(content);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string encode(const std::string& key, const Registry& registry, const RulePack& rules, const Stamps& stamps) {
  std::string out = kMagic + key + "\n";
  append_record(out, stamps_json(stamps));
  // The cities' records are decoded one by one as they are asked for (decode),
  // so a damaged byte among them, in the string table or in the list of their
  // codes would surface late, and one in a rule as a wrong verdict: a checksum
  // of everything after the stamps, checked when the file is opened, sends a
  // damaged file back to the YAML instead.
  std::string table, cities, rest;
  for (const auto& c : registry.cities()) append_record(cities, shelve(city_json(c), table));
  json readings = json::array();
  for (const auto& r : rules.readings)
    readings.push_back(json::array({r.id, message_json(r.text), definitions_json(r.definitions)}));
  json documents = json::array();
  for (const auto& d : rules.documents) documents.push_back(document_json(d));
  json shape = json::array({rules.seed_shape.tasks, rules.seed_shape.sections, rules.seed_shape.rule_prefix});
  append_record(rest, shelve(json::array({rules.name, rules.version, rules.seed, rules.seed_number, shape, rules.rules.size(),
                                          rules.tasks.size(), readings, rules.files, documents}),
                             table));
  for (const auto& r : rules.rules) append_record(rest, shelve(rule_json(r), table));
  for (const auto& t : rules.tasks) append_record(rest, shelve(task_json(t), table));
  std::string body;
  append_record(body, json::array({registry.path(), registry.version(), message_json(registry.exclusion().text),
                                   sources_json(registry.exclusion().sources), registry.codes()}));
  const auto n = static_cast<std::uint32_t>(table.size());
  for (int i = 0; i < 4; ++i) body += static_cast<char>((n >> (8 * i)) & 0xff);
  body += table;
  body += cities;
  body += rest;
  append_record(out, json::array({checksum(body)}));
  out += body;
  return out;
}

std::optional<Snapshot> decode(std::string_view bytes, const std::string& key, std::shared_ptr<const void> owner) {
  std::string header = kMagic + key + "\n";
  if (bytes.substr(0, header.size()) != header) return std::nullopt;
  try {
    Records records(bytes.substr(header.size()));
    records.next_bytes();  // the inputs' stamps: read_stamps()
    {
      Record sums = records.next();
      Fields f(sums.root(), {});
      const std::string body_sum = f.str();
      f.done();
      if (checksum(records.rest()) != body_sum) return std::nullopt;
    }
    Record meta = records.next();
    Fields reg(meta.root(), {});
    std::string path = reg.str(), version = reg.str();
    ExclusionReading exclusion;
    exclusion.text = reg.message();
    exclusion.sources = read_sources(reg);
    std::vector<std::string> codes = reg.strings();
    reg.done();
    const std::string_view table = records.next_bytes();
    std::vector<std::string_view> city_records(records.count(static_cast<std::int64_t>(codes.size())));
    for (auto& record : city_records) record = records.next_bytes();
    Registry registry = Registry::from_codes(
        std::move(path), std::move(version), std::move(codes),
        [owner, city_records, table](std::size_t i) {
          Record city(city_records[i]);
          return read_city(Fields(city.root(), table));
        },
        std::move(exclusion));

    Record pack_meta = records.next();
    Fields pack(pack_meta.root(), table);
    RulePack rules;
    rules.name = pack.str();
    rules.version = pack.str();
    rules.seed = pack.str();
    rules.seed_number = pack.str();
    {
      Fields shape = pack.next_fields();
      rules.seed_shape.tasks = shape.small();
      rules.seed_shape.sections = shape.small();
      rules.seed_shape.rule_prefix = shape.str();
      shape.done();
    }
    std::size_t rule_count = records.count(pack.integer()), task_count = records.count(pack.integer());
    pack.each([&](const msgpack::object& item) {
      Fields r = pack.sub(item);
      Reading reading{r.str(), r.message(), {}};
      reading.definitions = definitions_from(r);
      r.done();
      rules.readings.push_back(std::move(reading));
    });
    rules.files = pack.strings();
    pack.each([&](const msgpack::object& item) {
      Fields d = pack.sub(item);
      NationalDocument doc;
      doc.id = d.str();
      doc.number = d.str();
      doc.title = d.str();
      doc.issuer = d.str();
      doc.signed_on = d.str();
      doc.published = d.str();
      doc.in_force = d.str();
      doc.verification = d.str();
      doc.text = d.str();
      doc.note = d.message();
      doc.path = d.str();
      doc.line = d.small();
      d.done();
      rules.documents.push_back(std::move(doc));
    });
    pack.done();
    rules.rules.reserve(rule_count);
    rules.tasks.reserve(task_count);
    for (std::size_t i = 0; i < rule_count; ++i) {
      Record rule = records.next();
      rules.rules.push_back(read_rule(Fields(rule.root(), table)));
    }
    for (std::size_t i = 0; i < task_count; ++i) {
      Record task = records.next();
      rules.tasks.push_back(read_task(Fields(task.root(), table)));
    }
    if (!records.done()) return std::nullopt;
    return Snapshot{std::move(registry), std::move(rules)};
  } catch (const std::exception&) {  // nlohmann parse/type errors, a short record, a rule that fails to compile
    return std::nullopt;
  }
}

}  // namespace luohu::cache
