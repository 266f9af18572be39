// The start-up snapshot (docs/cache.md): loading through it gives the same
// registry and rule pack as the YAML, any change to an input invalidates it,
// and no problem with the cache ever fails a check.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "cache/snapshot.hpp"
#include "cache/store.hpp"
#include "check/setup.hpp"
#include "compose/check.hpp"
#include "report/reporters.hpp"
#include "rules/applicability.hpp"
#include "support.hpp"
#include "util/sha256.hpp"

namespace fs = std::filesystem;
using namespace luohu;
using luohu::test::run_luohu;
using luohu::test::source_path;

namespace {

// A private copy of the bundled data and a cache directory beside it.
struct Sandbox {
  fs::path root;
  DataPaths paths;
  std::string cache;
  explicit Sandbox(const std::string& name) {
    root = fs::temp_directory_path() / ("luohu-snapshot-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(root);
    fs::create_directories(root / "registry");
    fs::copy_file(source_path("registry/cities.yaml"), root / "registry" / "cities.yaml");
    fs::copy(source_path("rules"), root / "rules", fs::copy_options::recursive);
    paths = {(root / "registry" / "cities.yaml").string(), (root / "rules").string()};
    cache = (root / "cache").string();
  }
  ~Sandbox() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  std::string snapshot() const { return cache::snapshot_path(cache, paths.registry, paths.rules); }
  std::string key() const {
    cache::Digests inputs{{paths.registry, sha256_hex(*read_file(paths.registry))}};
    std::vector<LoadError> errors;
    auto rules = read_rule_files(paths.rules, errors);
    for (const auto& file : *rules) inputs.emplace_back(file.path, sha256_hex(file.text));
    return cache::snapshot_key(inputs);
  }
};

// Decodes snapshot bytes it keeps alive itself, as the mapped file does for load_setup.
std::optional<cache::Snapshot> decode(std::string bytes, const std::string& key) {
  auto owner = std::make_shared<const std::string>(std::move(bytes));
  return cache::decode(*owner, key, owner);
}

// A snapshot's bytes with its stamps' settled flags cleared: a file copied
// just now settles 2 s later, and two snapshots of it differ in nothing else.
std::string unsettled(const std::string& bytes) {
  auto stamps = cache::read_stamps(bytes);
  REQUIRE(stamps);
  for (auto& f : stamps->files) f.settled = false;
  auto out = cache::with_stamps(bytes, *stamps);
  REQUIRE(out);
  return *out;
}

Setup load(const DataPaths& paths, const std::string& cache_dir) {
  std::vector<LoadError> errors;
  auto setup = load_setup(paths, cache_dir, errors);
  std::string all;
  for (const auto& e : errors) all += e.format(Lang::en) + "\n";
  INFO(all);
  REQUIRE(setup);
  REQUIRE(errors.empty());
  return std::move(*setup);
}

void replace_in_file(const std::string& path, const std::string& from, const std::string& to) {
  std::string text = *read_file(path);
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

void same_registry(const Registry& a, const Registry& b) {
  CHECK(a.path() == b.path());
  CHECK(a.version() == b.version());
  CHECK(a.exclusion() == b.exclusion());
  REQUIRE(a.cities().size() == b.cities().size());
  for (std::size_t i = 0; i < a.cities().size(); ++i) {
    const City &x = a.cities()[i], &y = b.cities()[i];
    INFO(x.code);
    CHECK(x.code == y.code);
    CHECK((x.name_zh == y.name_zh && x.name_en == y.name_en));
    CHECK((x.province_zh == y.province_zh && x.province_en == y.province_en));
    CHECK((x.level == y.level && x.capital == y.capital));
    CHECK((x.population == y.population && x.population_min == y.population_min && x.population_max == y.population_max));
    CHECK((x.population_known == y.population_known && x.population_year == y.population_year));
    CHECK((x.population_basis == y.population_basis && x.population_sources == y.population_sources));
    CHECK((x.conflicts == y.conflicts && x.decision == y.decision));
    CHECK((x.seat == y.seat && x.seat_sources == y.seat_sources && x.tiers == y.tiers));
    CHECK(x == y);  // every field, including any added later
    CHECK(x.registered_share == y.registered_share);
    CHECK((x.note == y.note && x.line == y.line));
    CHECK(x.tier == y.tier);
    CHECK(b.find(x.code) == &y);
  }
}

void same_rules(const RulePack& a, const RulePack& b) {
  CHECK((a.name == b.name && a.version == b.version && a.seed == b.seed && a.seed_number == b.seed_number));
  CHECK((a.seed_shape.tasks == b.seed_shape.tasks && a.seed_shape.sections == b.seed_shape.sections &&
         a.seed_shape.rule_prefix == b.seed_shape.rule_prefix));
  CHECK(a.seed_shape.tasks == 36);  // read from tasks.yaml, not a default
  CHECK(a.files == b.files);
  REQUIRE(a.rules.size() == b.rules.size());
  for (std::size_t i = 0; i < a.rules.size(); ++i) {
    const Rule &x = a.rules[i], &y = b.rules[i];
    INFO(x.id);
    CHECK((x.id == y.id && x.task == y.task && x.severity == y.severity));
    CHECK((x.quote == y.quote && x.responsible == y.responsible));
    CHECK((x.title.zh == y.title.zh && x.title.en == y.title.en && x.reading.en == y.reading.en));
    CHECK((x.tiers == y.tiers && x.levels == y.levels && x.readings == y.readings));
    CHECK(x.for_each.size() == y.for_each.size());
    for (std::size_t j = 0; j < x.for_each.size() && j < y.for_each.size(); ++j)
      CHECK((x.for_each[j].first == y.for_each[j].first && x.for_each[j].second == y.for_each[j].second));
    CHECK((x.forbid_text == y.forbid_text && x.require_text == y.require_text && x.blame_text == y.blame_text));
    CHECK((x.message_zh_text == y.message_zh_text && x.message_en_text == y.message_en_text));
    // Compiled on first use from the snapshot: the same programs and templates as the YAML's.
    const CompiledRule &cx = x.compiled(), &cy = y.compiled();
    CHECK((cx.ok && cy.ok && cx.reads_pathways == cy.reads_pathways));
    CHECK((cx.forbid.has_value() == cy.forbid.has_value() && cx.require.has_value() == cy.require.has_value() &&
           cx.blame.has_value() == cy.blame.has_value()));
    for (auto [ex, ey] : {std::pair{&cx.forbid, &cy.forbid}, std::pair{&cx.require, &cy.require}, std::pair{&cx.blame, &cy.blame}})
      if (*ex && *ey) CHECK(((*ex)->text() == (*ey)->text() && (*ex)->type().to_string() == (*ey)->type().to_string()));
    CHECK(cx.message_zh.segments().size() == cy.message_zh.segments().size());
    CHECK(cx.message_en.segments().size() == cy.message_en.segments().size());
    CHECK((x.path == y.path && x.line == y.line));
    REQUIRE(x.examples.size() == y.examples.size());
    for (std::size_t j = 0; j < x.examples.size(); ++j)
      CHECK((x.examples[j].name == y.examples[j].name && x.examples[j].bad == y.examples[j].bad &&
             x.examples[j].policy == y.examples[j].policy && x.examples[j].line == y.examples[j].line));
  }
  REQUIRE(a.tasks.size() == b.tasks.size());
  for (std::size_t i = 0; i < a.tasks.size(); ++i) {
    const TaskEntry &x = a.tasks[i], &y = b.tasks[i];
    CHECK((x.number == y.number && x.section == y.section && x.section_title == y.section_title && x.text == y.text));
    CHECK((x.responsible == y.responsible && x.enforced == y.enforced && x.reason.zh == y.reason.zh && x.line == y.line));
  }
  REQUIRE(a.readings.size() == b.readings.size());
  for (std::size_t i = 0; i < a.readings.size(); ++i)
    CHECK((a.readings[i].id == b.readings[i].id && a.readings[i].text.en == b.readings[i].text.en));
}

// Every finding, both languages, as JSON.
nlohmann::json findings(const Setup& setup, const std::string& path, const std::string& text) {
  Checker checker(setup.registry, setup.rules);
  FileReport report = compose::check_text(checker, path, text);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : report.diagnostics)
    out.push_back({diagnostic_json(report, d, Lang::zh), diagnostic_json(report, d, Lang::en)});
  return out;
}

}  // namespace

TEST_CASE("snapshot: written on the first load, read on the next, same registry and rules", "[snapshot]") {
  Sandbox box("roundtrip");
  Setup yaml = load(box.paths, "");
  CHECK_FALSE(fs::exists(box.cache));
  Setup first = load(box.paths, box.cache);  // from YAML, writes the snapshot
  REQUIRE(fs::exists(box.snapshot()));
  auto decoded = decode(*read_file(box.snapshot()), box.key());
  REQUIRE(decoded);
  same_registry(yaml.registry, decoded->registry);
  same_rules(yaml.rules, decoded->rules);

  Setup second = load(box.paths, box.cache);  // from the snapshot
  same_registry(yaml.registry, second.registry);
  same_rules(yaml.rules, second.rules);

  SECTION("same findings on every examples/ file and every rule example") {
    std::size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(source_path("examples"))) {
      if (entry.path().extension() != ".luohu") continue;
      ++files;
      std::string text = *read_file(entry.path().string());
      INFO(entry.path());
      CHECK(findings(yaml, entry.path().string(), text) == findings(second, entry.path().string(), text));
    }
    CHECK(files >= 40);
    std::size_t any_findings = 0;
    for (const auto& rule : yaml.rules.rules) {
      for (const auto& ex : rule.examples) {
        INFO(rule.id << " / " << ex.name);
        auto a = findings(yaml, "example.luohu", ex.policy);
        CHECK(a == findings(second, "example.luohu", ex.policy));
        any_findings += !a.empty();
      }
    }
    CHECK(any_findings > 40);
  }
}

TEST_CASE("snapshot: a hit is what load_setup returns", "[snapshot]") {
  Sandbox box("hit");
  load(box.paths, box.cache);
  auto decoded = decode(*read_file(box.snapshot()), box.key());
  REQUIRE(decoded);
  // Doctor the snapshot under the same key: the next load must show it.
  std::vector<City> cities = decoded->registry.cities();
  cities.front().note = "from the snapshot";
  Registry doctored = Registry::from_cities(decoded->registry.path(), decoded->registry.version(), cities);
  REQUIRE(cache::write_atomically(box.snapshot(), cache::encode(box.key(), doctored, decoded->rules)));
  CHECK(load(box.paths, box.cache).registry.cities().front().note == "from the snapshot");
}

TEST_CASE("snapshot: a changed input is loaded from YAML and the snapshot rewritten", "[snapshot]") {
  Sandbox box("changed");
  load(box.paths, box.cache);
  std::string old_key = box.key();

  SECTION("registry") {
    replace_in_file(box.paths.registry, "name: {zh: 北京市, en: \"Beijing\"}", "name: {zh: 北京市, en: \"Peking\"}");
    CHECK(load(box.paths, box.cache).registry.find("110000")->name_en == "Peking");
  }
  SECTION("a rule file") {
    std::string file = box.paths.rules + "/T7-PURCHASE-INVEST-TAX.yaml";
    REQUIRE(fs::exists(file));
    std::string title = load(box.paths, "").rules.find("T7-PURCHASE-INVEST-TAX")->title.en;
    replace_in_file(file, title, "Changed title");
    CHECK(load(box.paths, box.cache).rules.find("T7-PURCHASE-INVEST-TAX")->title.en == "Changed title");
  }
  SECTION("tasks.yaml") {
    std::string reason = load(box.paths, "").rules.task(1)->reason.en;
    REQUIRE_FALSE(reason.empty());
    replace_in_file(box.paths.rules + "/tasks.yaml", reason, "Changed reason");
    CHECK(load(box.paths, box.cache).rules.task(1)->reason.en == "Changed reason");
  }
  SECTION("a new rule file") {
    fs::copy_file(box.paths.rules + "/T7-PURCHASE-INVEST-TAX.yaml", box.paths.rules + "/zz.yaml");
    replace_in_file(box.paths.rules + "/zz.yaml", "id: T7-PURCHASE-INVEST-TAX", "id: T7-PURCHASE-COPY");
    CHECK(load(box.paths, box.cache).rules.find("T7-PURCHASE-COPY"));
  }
  CHECK(box.key() != old_key);
  CHECK(decode(*read_file(box.snapshot()), box.key()));      // rewritten for the new bytes
  CHECK_FALSE(decode(*read_file(box.snapshot()), old_key));  // the old key no longer matches
}

TEST_CASE("snapshot: broken YAML still gives its file:line:column, never a stale hit", "[snapshot]") {
  Sandbox box("broken");
  load(box.paths, box.cache);
  replace_in_file(box.paths.registry, "name: {zh: 北京市, en: \"Beijing\"}", "name: {zh: 北京市, en: [\"Beijing\"}");
  std::vector<LoadError> errors;
  CHECK_FALSE(load_setup(box.paths, box.cache, errors));
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == box.paths.registry);
  CHECK(errors[0].line > 1);
  CHECK(errors[0].column > 1);
  CHECK(errors[0].format(Lang::en).find("YAML syntax error") != std::string::npos);
}

TEST_CASE("snapshot: a corrupt or truncated file falls back to YAML silently and is rewritten", "[snapshot]") {
  Sandbox box("corrupt");
  Setup yaml = load(box.paths, "");
  load(box.paths, box.cache);
  std::string good = *read_file(box.snapshot());
  std::string header = good.substr(0, good.find('\n', good.find('\n') + 1) + 1);
  REQUIRE(header.size() < good.size());

  std::string bad;
  SECTION("truncated") { bad = good.substr(0, good.size() / 2); }
  SECTION("header only") { bad = header; }
  SECTION("garbage after a valid header") { bad = header + std::string(1000, '\xc1'); }
  SECTION("empty") { bad = ""; }
  SECTION("a record of the wrong shape") {
    std::string record;
    nlohmann::json::to_msgpack(nlohmann::json::array({1, "two", nlohmann::json::array()}), record);
    bad = header + std::string{static_cast<char>(record.size()), 0, 0, 0} + record;
  }
  SECTION("a record length past the end") { bad = header + std::string("\xff\xff\xff\x7f", 4) + "x"; }
  std::ofstream(box.snapshot(), std::ios::binary | std::ios::trunc) << bad;
  CHECK_FALSE(decode(bad, box.key()));
  Setup again = load(box.paths, box.cache);
  same_registry(yaml.registry, again.registry);
  same_rules(yaml.rules, again.rules);
  CHECK(unsettled(*read_file(box.snapshot())) == unsettled(good));  // the same, unless the copies settled meanwhile
}

TEST_CASE("snapshot: an unusable cache directory does not fail the load", "[snapshot]") {
  Sandbox box("unwritable");
  std::ofstream(box.root / "not-a-dir") << "x";
  std::string cache_dir = (box.root / "not-a-dir" / "luohu").string();
  load(box.paths, cache_dir);
  load(box.paths, cache_dir);
  CHECK(fs::is_regular_file(box.root / "not-a-dir"));
  CHECK_FALSE(cache::write_atomically(cache_dir + "/x.msgpack", "bytes"));
}

TEST_CASE("snapshot: concurrent loads into one cache all succeed", "[snapshot]") {
  Sandbox box("concurrent");
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&, i] {
      for (int round = 0; round < 2; ++round) {
        std::vector<LoadError> errors;
        auto s = load_setup(box.paths, box.cache, errors);
        ok[i] += s && errors.empty() && s->rules.rules.size() > 40;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(ok == std::vector<int>{2, 2, 2, 2});
  CHECK(decode(*read_file(box.snapshot()), box.key()));
  for (const auto& entry : fs::directory_iterator(box.cache))  // no temp file left behind
    CHECK(entry.path().extension() == ".msgpack");
}

TEST_CASE("snapshot: cache directory from XDG_CACHE_HOME, HOME, LUOHU_NO_CACHE", "[snapshot]") {
  std::string xdg = std::getenv("XDG_CACHE_HOME") ? std::getenv("XDG_CACHE_HOME") : "";
  std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("XDG_CACHE_HOME", "/x/cache", 1);
  CHECK(cache::default_directory() == "/x/cache/luohu");
  ::setenv("XDG_CACHE_HOME", "relative", 1);  // invalid per XDG: ignored
  ::setenv("HOME", "/home/someone", 1);
  CHECK(cache::default_directory() == "/home/someone/.cache/luohu");
  ::setenv("LUOHU_NO_CACHE", "0", 1);
  CHECK_FALSE(cache::default_directory().empty());
  ::setenv("LUOHU_NO_CACHE", "1", 1);
  CHECK(cache::default_directory().empty());
  ::unsetenv("LUOHU_NO_CACHE");
  ::setenv("XDG_CACHE_HOME", xdg.c_str(), 1);
  ::setenv("HOME", home.c_str(), 1);
}

TEST_CASE("snapshot: luohu with and without the cache prints the same", "[snapshot][cli]") {
  Sandbox box("cli");
  std::string xdg = (box.root / "xdg").string();
  std::string file = source_path("examples/violations/T7-wenzhou-purchase.luohu");
  auto run = [&](std::vector<std::string> args) {
    std::vector<std::string> all{"--registry", box.paths.registry, "--rules", box.paths.rules};
    all.insert(all.end(), args.begin(), args.end());
    ::setenv("XDG_CACHE_HOME", xdg.c_str(), 1);
    ::unsetenv("LUOHU_NO_CACHE");  // this test is about the cache
    auto r = run_luohu(all);
    ::setenv("XDG_CACHE_HOME", (fs::path(LUOHU_BINARY).parent_path() / "test-cache").c_str(), 1);
    return r;
  };
  auto plain = run({"--no-cache", "rules", "--format", "json"});
  CHECK_FALSE(fs::exists(xdg));  // --no-cache writes nothing
  auto cold = run({"rules", "--format", "json"});
  REQUIRE(fs::exists(fs::path(xdg) / "luohu"));
  auto warm = run({"rules", "--format", "json"});
  CHECK(plain.exit_code == 0);
  CHECK(cold.out == plain.out);
  CHECK(warm.out == plain.out);
  auto check_plain = run({"--no-cache", "--lang", "en", "check", "--format", "json", file});
  auto check_warm = run({"--lang", "en", "check", "--format", "json", file});
  CHECK(check_plain.exit_code == 1);
  CHECK(check_warm.exit_code == 1);
  CHECK(check_warm.out == check_plain.out);
  CHECK(check_warm.err == check_plain.err);

  // A cache directory that cannot be created changes nothing either.
  std::ofstream(box.root / "file") << "x";
  xdg = (box.root / "file").string();
  auto unwritable = run({"--lang", "en", "check", "--format", "json", file});
  CHECK(unwritable.exit_code == 1);
  CHECK(unwritable.out == check_plain.out);
  CHECK(unwritable.err == check_plain.err);
}

TEST_CASE("snapshot: a check decodes only the cities it asks for, and they equal the YAML's", "[snapshot]") {
  Sandbox box("lazy");
  Setup yaml = load(box.paths, "");
  load(box.paths, box.cache);               // writes the snapshot
  Setup hit = load(box.paths, box.cache);   // reads it
  REQUIRE(hit.snapshot == box.snapshot());
  CHECK(hit.registry.decoded_cities() == 0);
  CHECK(hit.registry.codes() == yaml.registry.codes());  // known without decoding
  const City* qujing = hit.registry.find("530300");
  REQUIRE(qujing);
  CHECK(hit.registry.decoded_cities() == 1);
  CHECK(qujing->name_zh == yaml.registry.find("530300")->name_zh);
  CHECK(qujing->tiers == yaml.registry.find("530300")->tiers);
  CHECK(hit.registry.find("530300") == qujing);  // decoded once, at one address
  CHECK(hit.registry.find("999999") == nullptr);
  // A check of one policy decodes its city only.
  Checker checker(hit.registry, hit.rules);
  auto report = compose::check_file(checker, source_path("policies/yunnan/qujing.luohu"));
  CHECK_FALSE(report.input_error());
  CHECK(hit.registry.decoded_cities() == 1);
  // Asking for every city decodes the rest, at the addresses already handed out.
  same_registry(yaml.registry, hit.registry);
  CHECK(hit.registry.decoded_cities() == yaml.registry.cities().size());
  CHECK(&hit.registry.cities()[static_cast<std::size_t>(qujing - hit.registry.cities().data())] == qujing);
}

TEST_CASE("snapshot: a damaged byte after the stamps is found when the snapshot is opened, not when its city or rule is used", "[snapshot]") {
  Sandbox box("badcity");
  load(box.paths, box.cache);
  std::string good = *read_file(box.snapshot());
  std::string header = good.substr(0, good.find('\n', good.find('\n') + 1) + 1);
  // The first records (the inputs' stamps, the checksum, the registry's) and
  // the string table are kept; the first city's bytes are replaced, its length kept.
  std::size_t at = header.size();
  auto length = [&](std::size_t p) {
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(good[p + i])) << (8 * i);
    return std::size_t{n};
  };
  at += 4 + length(at);
  at += 4 + length(at);
  const std::size_t registry_record = at;
  at += 4 + length(at);
  const std::size_t table = at;
  at += 4 + length(at);
  std::string bad = good;
  REQUIRE(decode(bad, box.key()));
  SECTION("one character of a long string, in the string table, changed") {
    const auto note = bad.find("\xe5\x8c\x97", table + 4);  // 北, in some long text
    REQUIRE(note < at);
    bad[note + 2] = '\x97' + 1;
  }
  SECTION("bytes that are no MessagePack") {
    std::fill(bad.begin() + static_cast<std::ptrdiff_t>(at + 4), bad.begin() + static_cast<std::ptrdiff_t>(at + 4 + length(at)), '\xc1');
  }
  SECTION("one character of a name changed") {
    const auto name = bad.find("\xe5\x8c\x97", at);  // the first city's name begins with 北 (北京市)
    REQUIRE(name < at + 4 + length(at));
    bad[name + 2] = '\x97' + 1;
  }
  // Found by fuzz_snapshot: the codes' list was not checksummed, so a city decoded later disagreed with its slot.
  SECTION("one digit of a city's code, in the registry's list of codes, changed") {
    const auto code = bad.find("110000", registry_record);
    REQUIRE(code < table);
    bad[code] = '9';
  }
  SECTION("one character of a rule's short string changed") {
    const auto id = bad.rfind("T2-WHOLE-FAMILY");  // 15 bytes: inline in its rule's record, not in the table
    REQUIRE(id > at);
    bad[id + 3] = 'w';
  }
  CHECK_FALSE(decode(bad, box.key()));
}

// ---- stamps: stat(2) vouches for unchanged inputs (cache/stamps.hpp) -------------

TEST_CASE("snapshot: once the inputs have settled, a warm load trusts stat instead of hashing, and still sees edits",
          "[snapshot][stamps]") {
  Sandbox box("stamps");
  Setup yaml = load(box.paths, "");
  Setup cold = load(box.paths, box.cache);
  CHECK(cold.inputs == Setup::Inputs::parsed);  // writes the snapshot
  const std::string first = *read_file(box.snapshot());
  // The copies were just made: too fresh for stat to vouch for, so they are hashed.
  CHECK(load(box.paths, box.cache).inputs == Setup::Inputs::hashed);
  std::this_thread::sleep_for(cache::kSettleTime + std::chrono::milliseconds(200));
  // Hashed once more (the stamps recorded were too fresh), and stamped anew.
  Setup hashed = load(box.paths, box.cache);
  CHECK(hashed.inputs == Setup::Inputs::hashed);
  const std::string restamped = *read_file(box.snapshot());
  CHECK(restamped != first);
  Setup warm = load(box.paths, box.cache);
  CHECK(warm.inputs == Setup::Inputs::stat_matched);
  // An audit's receipt names the content, stamps left out: the same data before
  // and after the restamp (CI's --jobs 1 vs 2 comparison straddled one).
  REQUIRE(cold.snapshot_sha256());
  CHECK(cache::content_sha256(first) == cold.snapshot_sha256());
  CHECK(cache::content_sha256(restamped) == cold.snapshot_sha256());
  CHECK(hashed.snapshot_sha256() == cold.snapshot_sha256());
  CHECK(warm.snapshot_sha256() == cold.snapshot_sha256());
  CHECK(load(box.paths, "").snapshot_sha256() == std::nullopt);
  // Nothing changed, nothing rewritten; and the snapshot holds no clock reading,
  // so the same files give the same bytes (an audit's receipt hashes them).
  CHECK(load(box.paths, box.cache).inputs == Setup::Inputs::stat_matched);
  CHECK(*read_file(box.snapshot()) == restamped);
  fs::remove(box.snapshot());
  CHECK(load(box.paths, box.cache).inputs == Setup::Inputs::parsed);
  CHECK(*read_file(box.snapshot()) == restamped);
  same_registry(yaml.registry, warm.registry);
  same_rules(yaml.rules, warm.rules);
  CHECK(warm.digests == hashed.digests);
  for (const auto& [path, digest] : warm.digests) CHECK(digest == *sha256_file(path));

  SECTION("an edit of the same size, its modification time put back, is still seen (ctime)") {
    const std::string file = box.paths.rules + "/T7-PURCHASE-INVEST-TAX.yaml";
    struct stat before{};
    REQUIRE(::stat(file.c_str(), &before) == 0);
    std::string title = yaml.rules.find("T7-PURCHASE-INVEST-TAX")->title.en;
    std::string same_size(title.size(), 'X');
    replace_in_file(file, title, same_size);
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
    REQUIRE(fs::file_size(file) == static_cast<std::uintmax_t>(before.st_size));
    Setup edited = load(box.paths, box.cache);
    CHECK(edited.inputs == Setup::Inputs::parsed);
    CHECK(edited.rules.find("T7-PURCHASE-INVEST-TAX")->title.en == same_size);
  }
  SECTION("a new rule file is seen") {
    fs::copy_file(box.paths.rules + "/T7-PURCHASE-INVEST-TAX.yaml", box.paths.rules + "/zz.yaml");
    replace_in_file(box.paths.rules + "/zz.yaml", "id: T7-PURCHASE-INVEST-TAX", "id: T7-PURCHASE-COPY");
    CHECK(load(box.paths, box.cache).rules.find("T7-PURCHASE-COPY"));
  }
  SECTION("a removed rule file is seen") {
    fs::remove(box.paths.rules + "/T9-SOCIAL-INSURANCE-MEDIUM.yaml");
    Setup removed = load(box.paths, box.cache);
    CHECK(removed.inputs == Setup::Inputs::parsed);
    CHECK_FALSE(removed.rules.find("T9-SOCIAL-INSURANCE-MEDIUM"));
  }
  SECTION("a file replaced by rename, with the same bytes and times, is hashed, not trusted (another inode)") {
    const std::string file = box.paths.registry;
    struct stat before{};
    REQUIRE(::stat(file.c_str(), &before) == 0);
    fs::copy_file(file, file + ".new");
    const struct timespec times[2] = {before.st_atim, before.st_mtim};
    REQUIRE(::utimensat(AT_FDCWD, (file + ".new").c_str(), times, 0) == 0);
    fs::rename(file + ".new", file);
    CHECK(load(box.paths, box.cache).inputs == Setup::Inputs::hashed);  // same bytes: the snapshot still serves
  }
  SECTION("stamps whose digests were changed give another key: the YAML is read") {
    std::string bytes = *read_file(box.snapshot());
    auto stamps = cache::read_stamps(bytes);
    REQUIRE(stamps);
    stamps->files.front().sha256 = std::string(64, '0');
    REQUIRE(cache::write_atomically(box.snapshot(), *cache::with_stamps(bytes, *stamps)));
    Setup again = load(box.paths, box.cache);
    CHECK(again.inputs == Setup::Inputs::parsed);
    same_registry(yaml.registry, again.registry);
    CHECK(again.digests.front().second == *sha256_file(box.paths.registry));
  }
}

TEST_CASE("snapshot: stamps vouch only for the same files, in the same order, unchanged and settled", "[snapshot][stamps]") {
  Sandbox box("stamp-units");
  std::vector<std::string> paths{box.paths.registry, box.paths.rules + "/pack.yaml", box.paths.rules + "/tasks.yaml"};
  cache::Stamps recorded;
  const std::int64_t now = cache::realtime_ns();
  for (const auto& p : paths) {
    auto stat = *cache::stat_file(p);
    recorded.files.push_back({p, *sha256_file(p), stat, cache::settled_at(stat, now)});
  }
  CHECK_FALSE(cache::settled(recorded));  // just copied: too fresh to trust
  CHECK_FALSE(cache::unchanged_digests(recorded, paths));
  CHECK(cache::settled_at(recorded.files[0].stat, now + 3'000'000'000));
  CHECK_FALSE(cache::settled_at(recorded.files[0].stat, now, std::chrono::seconds(3600)));
  for (auto& f : recorded.files) f.settled = true;  // as a later stamping would find them
  auto digests = cache::unchanged_digests(recorded, paths);
  REQUIRE(digests);
  REQUIRE(digests->size() == 3);
  CHECK((*digests)[1] == std::pair{paths[1], recorded.files[1].sha256});
  CHECK_FALSE(cache::unchanged_digests(recorded, {paths[0], paths[2], paths[1]}));
  CHECK_FALSE(cache::unchanged_digests(recorded, {paths[0], paths[1]}));
  CHECK_FALSE(cache::unchanged_digests(recorded, {paths[0], paths[1], paths[2], paths[2]}));
  CHECK_FALSE(cache::unchanged_digests(cache::Stamps{}, {}));  // no stamps vouch for nothing
  std::ofstream(paths[2], std::ios::app) << "\n";
  CHECK_FALSE(cache::unchanged_digests(recorded, paths));
  fs::remove(paths[1]);
  CHECK_FALSE(cache::unchanged_digests(recorded, paths));
  CHECK_FALSE(cache::stat_file(box.paths.rules));  // a directory is no input
}

TEST_CASE("snapshot: stamps survive encode, read_stamps and with_stamps", "[snapshot][stamps]") {
  Sandbox box("stamp-roundtrip");
  Setup yaml = load(box.paths, "");
  cache::Stamps stamps;
  stamps.files.push_back({"/a/b.yaml", std::string(64, 'a'), {12, 34, 56, -7, 1'700'000'000'000'000'001}, true});
  stamps.files.push_back({"/a/c.yaml", std::string(64, 'b'), {0, 1, 2, 3, 4}, false});
  std::string bytes = cache::encode("KEY", yaml.registry, yaml.rules, stamps);
  auto read = cache::read_stamps(bytes);
  REQUIRE(read);
  CHECK(*read == stamps);
  REQUIRE(read->files.size() == 2);
  CHECK((read->files[0].path == "/a/b.yaml" && read->files[0].sha256 == stamps.files[0].sha256));
  CHECK(read->files[0].stat == stamps.files[0].stat);
  CHECK(read->files[1].stat == stamps.files[1].stat);
  cache::Stamps other;
  auto restamped = cache::with_stamps(bytes, other);
  REQUIRE(restamped);
  CHECK(cache::read_stamps(*restamped)->files.empty());
  auto decoded = decode(*restamped, "KEY");  // the rest untouched
  REQUIRE(decoded);
  same_rules(yaml.rules, decoded->rules);
  CHECK_FALSE(cache::read_stamps("luohu-snapshot 7\nKEY\n"));
  CHECK_FALSE(cache::read_stamps("not a snapshot"));
  CHECK_FALSE(cache::with_stamps("luohu-snapshot 7\nKEY\n\x05", other));
}

TEST_CASE("snapshot: a check compiles only the rules it applies, and they equal the YAML's", "[snapshot][lazy-rules]") {
  Sandbox box("lazy-rules");
  Setup yaml = load(box.paths, "");
  for (const auto& rule : yaml.rules.rules) CHECK(rule.compiled_yet());  // YAML: compiled as loaded, errors reported there
  load(box.paths, box.cache);
  Setup hit = load(box.paths, box.cache);
  REQUIRE(hit.inputs != Setup::Inputs::parsed);
  for (const auto& rule : hit.rules.rules) CHECK_FALSE(rule.compiled_yet());
  Checker checker(hit.registry, hit.rules);
  checker.as_of = "2026-01-01";
  const std::string path = source_path("policies/yunnan/qujing.luohu");
  auto report = compose::check_file(checker, path);
  REQUIRE_FALSE(report.input_error());
  const City* qujing = hit.registry.find("530300");
  REQUIRE(qujing);
  std::size_t applied = 0, compiled = 0;
  for (const auto& rule : hit.rules.rules) {
    const bool applies = rule.in_force.on("2026-01-01") && applicability(rule, *qujing) != Applicability::not_applicable;
    INFO(rule.id);
    CHECK(rule.compiled_yet() == applies);
    applied += applies;
    compiled += rule.compiled_yet();
  }
  CHECK(applied > 10);
  CHECK(compiled < hit.rules.rules.size());  // some rules were never compiled
  // The same findings as from the YAML, every rule compiled.
  Checker from_yaml(yaml.registry, yaml.rules);
  from_yaml.as_of = "2026-01-01";
  auto expected = compose::check_file(from_yaml, path);
  REQUIRE(report.diagnostics.size() == expected.diagnostics.size());
  for (std::size_t i = 0; i < report.diagnostics.size(); ++i) {
    CHECK(report.diagnostics[i].code == expected.diagnostics[i].code);
    CHECK(report.diagnostics[i].message.zh == expected.diagnostics[i].message.zh);
    CHECK(report.diagnostics[i].range.begin == expected.diagnostics[i].range.begin);
  }
}

TEST_CASE("snapshot: a rule whose text no longer compiles is refused when applied, never passed", "[snapshot][lazy-rules]") {
  Sandbox box("lazy-broken");
  load(box.paths, box.cache);
  auto decoded = decode(*read_file(box.snapshot()), box.key());
  REQUIRE(decoded);
  RulePack rules = decoded->rules;
  Rule* t9 = nullptr;
  for (auto& r : rules.rules)
    if (r.id == "T9-SOCIAL-INSURANCE-MEDIUM") t9 = &r;
  REQUIRE(t9);
  t9->forbid_text = "policy.no_such_field";
  REQUIRE(cache::write_atomically(box.snapshot(), cache::encode(box.key(), decoded->registry, rules)));
  Setup hit = load(box.paths, box.cache);  // not compiled yet: the snapshot is taken
  REQUIRE(hit.inputs != Setup::Inputs::parsed);
  Checker checker(hit.registry, hit.rules);
  auto report = compose::check_file(checker, source_path("policies/yunnan/qujing.luohu"));  // a medium city: T9-MEDIUM applies
  CHECK(report.input_error());
  bool refused = false;
  for (const auto& d : report.diagnostics)
    refused |= d.code == "rule-evaluation-failed" && d.message.en.find("T9-SOCIAL-INSURANCE-MEDIUM") != std::string::npos;
  CHECK(refused);
}
