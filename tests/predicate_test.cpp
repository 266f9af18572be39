// Tests for the rule predicate language (engine/predicate): parsing,
// precedence, type checking, evaluation, null semantics, templates and limits.
#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <string>

#include <tao/pegtl/contrib/analyze.hpp>

#include "model/schema.hpp"
#include "model/value.hpp"
#include "predicate/grammar.hpp"
#include "predicate/predicate.hpp"

using namespace luohu;
using namespace luohu::predicate;

namespace {

// A model object with whatever fields a test gives it.
struct FakeObject : ModelObject {
  FakeObject(std::string type_, std::map<std::string, Value, std::less<>> fields_)
      : type(std::move(type_)), fields(std::move(fields_)) {}
  std::string_view type_name() const override { return type; }
  Value field(std::string_view name) const override {
    auto it = fields.find(name);
    return it == fields.end() ? Value() : it->second;
  }
  SourceRange range() const override { return {}; }
  std::string type;
  std::map<std::string, Value, std::less<>> fields;
};

Schema fake_schema() {
  Schema schema;
  schema.add({"policy",
              {{"channels", Type::list_of(Type::object_of("channel"))},
               {"main", Type::object_of("channel", true)},
               {"name", Type::string()},
               {"tags", Type::list_of(Type::string())}}});
  schema.add({"channel",
              {{"name", Type::string()},
               {"targets", Type::list_of(Type::string())},
               {"conditions", Type::list_of(Type::object_of("condition"))},
               {"parent", Type::object_of("channel", true)}}});
  schema.add({"condition",
              {{"kind", Type::string()}, {"years", Type::number(true)}, {"required", Type{Type::Kind::Bool, {}, nullptr, true}}}});
  return schema;
}

Scope fake_scope() {
  return {{"policy", Type::object_of("policy")},
          {"it", Type::object_of("condition")},
          {"city", Type::string()},
          {"n", Type::number(true)},
          {"anything", Type::any()},
          {"channels", Type::list_of(Type::object_of("channel"))}};
}

// policy with two channels:
//   graduates: targets [college_graduate, veteran], conditions
//              [social_insurance years 3, residence years null]
//   veterans:  targets [veteran], conditions [social_insurance years 0.5], parent = graduates
struct World {
  FakeObject c1{"condition", {{"kind", "social_insurance"}, {"years", 3}, {"required", true}}};
  FakeObject c2{"condition", {{"kind", "residence"}}};
  FakeObject c3{"condition", {{"kind", "social_insurance"}, {"years", 0.5}, {"required", false}}};
  FakeObject graduates{"channel",
                       {{"name", "graduates"},
                        {"targets", ValueList{"college_graduate", "veteran"}},
                        {"conditions", ValueList{Value(&c1), Value(&c2)}}}};
  FakeObject veterans{"channel",
                      {{"name", "veterans"},
                       {"targets", ValueList{"veteran"}},
                       {"conditions", ValueList{Value(&c3)}},
                       {"parent", Value(&graduates)}}};
  FakeObject policy{"policy",
                    {{"channels", ValueList{Value(&graduates), Value(&veterans)}},
                     {"name", "深圳人才引进"},
                     {"tags", ValueList{}}}};
  Environment env;
  World() {
    env.variables = {{"policy", Value(&policy)}, {"it", Value(&c1)},  {"city", "深圳"},
                     {"n", Value()},             {"anything", 7},     {"channels", policy.field("channels")}};
  }
};

const Schema& schema() {
  static const Schema s = fake_schema();
  return s;
}

Expression compiled(const std::string& text) {
  CompileResult r = compile(text, schema(), fake_scope());
  INFO(text << (r.errors.empty() ? "" : " -> " + r.errors[0].message));
  REQUIRE(r.errors.empty());
  REQUIRE(r.expression);
  return *r.expression;
}

Value run(const std::string& text, const Environment& env) { return evaluate(compiled(text), env); }
Value run(const std::string& text) {
  static const World world;
  return run(text, world.env);
}

Error first_error(const std::string& text) {
  CompileResult r = compile(text, schema(), fake_scope());
  INFO(text);
  REQUIRE_FALSE(r.expression);
  REQUIRE_FALSE(r.errors.empty());
  return r.errors[0];
}

void expect_error(const std::string& text, const std::string& message, std::uint32_t line, std::uint32_t column) {
  const Error e = first_error(text);
  INFO(text << " -> " << e.line << ":" << e.column << " " << e.message);
  CHECK(e.message == message);
  CHECK(e.line == line);
  CHECK(e.column == column);
}

std::string type_of(const std::string& text) { return compiled(text).type().to_string(); }

}  // namespace

TEST_CASE("Type::to_string names every kind", "[predicate]") {
  CHECK(Type::number().to_string() == "number");
  CHECK(Type::number(true).to_string() == "number?");
  CHECK(Type::string().to_string() == "string");
  CHECK(Type::boolean().to_string() == "bool");
  CHECK(Type::any().to_string() == "any");
  CHECK(Type::list_of(Type::object_of("condition")).to_string() == "list(condition)");
  CHECK(Type::object_of("channel", true).to_string() == "channel?");
  CHECK(Type::list_of(Type::list_of(Type::string(true))).to_string() == "list(list(string?))");
  Type null;
  null.kind = Type::Kind::Null;
  CHECK(null.to_string() == "null");
}

TEST_CASE("Value type names and structural equality", "[predicate]") {
  FakeObject a{"channel", {}}, b{"channel", {}};
  CHECK(Value().type_name() == "null");
  CHECK(Value(true).type_name() == "bool");
  CHECK(Value(1).type_name() == "number");
  CHECK(Value("x").type_name() == "string");
  CHECK(Value(ValueList{}).type_name() == "list");
  CHECK(Value(&a).type_name() == "channel");
  CHECK(Value(static_cast<const ModelObject*>(nullptr)).is_null());
  CHECK(Value(1) == Value(1.0));
  CHECK_FALSE(Value(1) == Value("1"));
  CHECK(Value() == Value());
  CHECK_FALSE(Value() == Value(false));
  CHECK(Value(ValueList{1, "a", ValueList{true}}) == Value(ValueList{1, "a", ValueList{true}}));
  CHECK_FALSE(Value(ValueList{1, 2}) == Value(ValueList{1}));
  CHECK(Value(&a) == Value(&a));
  CHECK_FALSE(Value(&a) == Value(&b));  // identity, not contents
}

TEST_CASE("the grammar has no rules that loop without consuming input", "[predicate]") {
  CHECK(tao::pegtl::analyze<grammar::grammar>(0) == 0);
}

TEST_CASE("literals", "[predicate]") {
  CHECK(run("3").as_number() == 3);
  CHECK(run("0.5").as_number() == 0.5);
  CHECK(run("  12.25  ").as_number() == 12.25);
  CHECK(run("'text'").as_string() == "text");
  CHECK(run("\"text\"").as_string() == "text");
  CHECK(run("'社会保险'").as_string() == "社会保险");
  CHECK(run(R"('a\'b\"c\\d\ne\tf\r')").as_string() == "a'b\"c\\d\ne\tf\r");
  CHECK(run(R"("\u4e2d\u0041")").as_string() == "中A");
  CHECK(run("true").as_bool());
  CHECK_FALSE(run("false").as_bool());
  CHECK(run("null").is_null());
  CHECK(run("[]").as_list().empty());
  CHECK(run("[1, 'a', [true]]") == Value(ValueList{1, "a", ValueList{true}}));
  CHECK(run("[n, 1]") == Value(ValueList{Value(), 1}));
  CHECK(run("// leading comment\n 1 // trailing comment").as_number() == 1);
  CHECK(type_of("[1, 2]") == "list(number)");
  CHECK(type_of("[1, null]") == "list(number?)");
  CHECK(type_of("[1, 'a']") == "list(any)");
  CHECK(type_of("null") == "null");
}

TEST_CASE("operator precedence and associativity", "[predicate]") {
  CHECK(run("1 + 2 * 3").as_number() == 7);
  CHECK(run("(1 + 2) * 3").as_number() == 9);
  CHECK(run("10 - 4 - 3").as_number() == 3);
  CHECK(run("8 / 4 / 2").as_number() == 1);
  CHECK(run("-2 * 3").as_number() == -6);
  CHECK(run("- -2").as_number() == 2);
  CHECK(run("2 - -2").as_number() == 4);
  CHECK(run("1 + 2 < 4").as_bool());
  CHECK(run("1 < 2 == true").as_bool());
  CHECK(run("!true == false").as_bool());
  CHECK(run("!!true").as_bool());
  CHECK_FALSE(run("!false && false").as_bool());
  CHECK(run("true || false && false").as_bool());
  CHECK_FALSE(run("(true || false) && false").as_bool());
  CHECK(run("1 + 2 in [3]").as_bool());
  CHECK(run("true ? 1 : 2").as_number() == 1);
  CHECK(run("false ? 1 : false ? 2 : 3").as_number() == 3);  // right-associative
  CHECK(run("true ? false ? 1 : 2 : 3").as_number() == 2);
  CHECK(run("false || true ? 'y' : 'n'").as_string() == "y");  // ?: is loosest
  CHECK(run("1 +\n 2\n *\t3").as_number() == 7);               // whitespace is free
}

TEST_CASE("comparison and equality", "[predicate]") {
  CHECK(run("1 <= 1").as_bool());
  CHECK(run("2 >= 1").as_bool());
  CHECK_FALSE(run("2 > 2").as_bool());
  CHECK(run("'abc' < 'abd'").as_bool());  // bytewise
  CHECK(run("'B' < 'a'").as_bool());
  CHECK(run("'社会' != '社保'").as_bool());
  CHECK(run("[1, [2]] == [1, [2]]").as_bool());
  CHECK(run("[1, 2] != [2, 1]").as_bool());
  CHECK(run("policy.channels.filter(c, c.name == 'veterans').map(c, c.parent) == "
            "policy.channels.filter(c, c.name == 'graduates')").as_bool());  // objects by identity
  CHECK(run("channels.exists(c, channels.exists(d, d.parent == c))").as_bool());
  CHECK_FALSE(run("channels.exists(c, c.parent == c)").as_bool());
  CHECK(run("n == null").as_bool());
  CHECK(run("anything == 7").as_bool());
}

TEST_CASE("fields, null-safe access and nullable types", "[predicate]") {
  CHECK(run("policy.name").as_string() == "深圳人才引进");
  CHECK(run("it.kind").as_string() == "social_insurance");
  CHECK(run("it.years").as_number() == 3);
  CHECK(run("policy.main").is_null());
  CHECK(run("policy.main.name").is_null());         // a field of null is null
  CHECK(run("policy.main.parent.parent").is_null());
  CHECK(run("policy.main.name == null").as_bool());
  CHECK(type_of("policy.name") == "string");
  CHECK(type_of("policy.main") == "channel?");
  CHECK(type_of("policy.main.name") == "string?");  // nullable receiver -> nullable result
  CHECK(type_of("policy.main.targets") == "list(string)?");
  CHECK(type_of("it.years") == "number?");
  CHECK(type_of("policy.channels") == "list(channel)");
  CHECK(type_of("anything.whatever") == "any");
  CHECK(type_of("policy\n  .channels") == "list(channel)");
}

TEST_CASE("null semantics", "[predicate]") {
  CHECK_FALSE(run("n < 1").as_bool());  // ordering with null is false
  CHECK_FALSE(run("n >= 1").as_bool());
  CHECK_FALSE(run("1 > n").as_bool());
  CHECK_FALSE(run("policy.main.parent.name < 'x'").as_bool());
  CHECK(run("n + 1").is_null());  // arithmetic with null is null
  CHECK(run("-n").is_null());
  CHECK(run("n * 2 == null").as_bool());
  CHECK(run("it.required && policy.main.name == null").as_bool());
  CHECK_FALSE(run("policy.channels.exists(c, c.conditions.exists(k, k.kind == 'residence' && k.required))")
                  .as_bool());  // a null bool counts as false
  CHECK(run("policy.channels.exists(c, c.conditions.exists(k, k.kind == 'residence' && !k.required))").as_bool());
  CHECK(run("policy.main.targets.size()").as_number() == 0);  // a null list is empty
  CHECK_FALSE(run("policy.main.targets.exists(t, t == 'x')").as_bool());
  CHECK(run("policy.main.targets.all(t, t == 'x')").as_bool());
  CHECK_FALSE(run("'x' in policy.main.targets").as_bool());
  CHECK(run("policy.main.targets + ['a']") == Value(ValueList{"a"}));
  CHECK(run("max(policy.channels.map(c, c.conditions.filter(k, k.kind == 'nothing').size())) == 0").as_bool());
}

TEST_CASE("membership and list joining", "[predicate]") {
  CHECK(run("'veteran' in ['veteran', 'graduate']").as_bool());
  CHECK_FALSE(run("'x' in []").as_bool());
  CHECK(run("city in ['深圳', '广州']").as_bool());
  CHECK(run("null in [1, null]").as_bool());
  CHECK(run("[1] + [2, 3]") == Value(ValueList{1, 2, 3}));
  CHECK(run("'a' + 'b'").as_string() == "ab");
  CHECK(type_of("[1] + [2]") == "list(number)");
  CHECK(type_of("'a' + 'b'") == "string");
}

TEST_CASE("logic short-circuits", "[predicate]") {
  CHECK_FALSE(run("false && 1 / 0 > 0").as_bool());
  CHECK(run("true || 1 / 0 > 0").as_bool());
  CHECK(run("true ? 1 : 1 / 0").as_number() == 1);
  CHECK_THROWS_WITH(run("1 / 0"), "division by zero");
  CHECK_THROWS_AS(run("true && 1 / 0 > 0"), EvalError);
  CHECK(run("it.required").as_bool());
  CHECK_FALSE(run("policy.main.parent == null && false").as_bool());
}

TEST_CASE("macros", "[predicate]") {
  CHECK(run("policy.channels.exists(c, c.name == 'veterans')").as_bool());
  CHECK_FALSE(run("policy.channels.exists(c, c.name == 'nobody')").as_bool());
  CHECK(run("policy.channels.all(c, c.targets.size() > 0)").as_bool());
  CHECK(run("policy.tags.all(t, false)").as_bool());  // true for an empty list
  CHECK_FALSE(run("policy.tags.exists(t, true)").as_bool());
  CHECK(run("policy.channels.exists_one(c, 'college_graduate' in c.targets)").as_bool());
  CHECK_FALSE(run("policy.channels.exists_one(c, 'veteran' in c.targets)").as_bool());
  CHECK(run("policy.channels.filter(c, c.parent != null).map(c, c.name)") == Value(ValueList{"veterans"}));
  CHECK(run("policy.channels.map(c, c.conditions.size())") == Value(ValueList{2, 1}));
  // nested macros see the outer variable
  CHECK(run("policy.channels.exists(c, c.conditions.exists(k, k.kind == 'residence' && c.name == 'graduates'))")
            .as_bool());
  // an inner binding shadows an outer one and the scope variable of the same name
  CHECK(run("[1, 2].map(it, [10].map(it, it + 1))") == Value(ValueList{ValueList{11}, ValueList{11}}));
  CHECK(run("[1, 2, 3].filter(x, x > 1).map(x, x * 2)") == Value(ValueList{4, 6}));
  CHECK(run("anything == 7 && [anything].all(a, a == 7)").as_bool());
  CHECK(type_of("policy.channels.map(c, c.conditions)") == "list(list(condition))");
  CHECK(type_of("policy.channels.filter(c, true)") == "list(channel)");
  CHECK(type_of("policy.channels.map(c, c.conditions.map(k, k.years))") == "list(list(number?))");
  CHECK(type_of("channels.exists(c, c.parent.name == 'x')") == "bool");
}

TEST_CASE("functions", "[predicate]") {
  CHECK(run("size([1, 2, 3])").as_number() == 3);
  CHECK(run("size('社会保险')").as_number() == 4);  // characters, not bytes
  CHECK(run("'abc'.size()").as_number() == 3);
  CHECK(run("policy.channels.size()").as_number() == 2);
  CHECK(run("sum([1, 2, 3.5])").as_number() == 6.5);
  CHECK(run("sum([])").as_number() == 0);
  CHECK(run("min([3, 1, 2])").as_number() == 1);
  CHECK(run("max([3, 1, 2])").as_number() == 3);
  CHECK(run("min([])").is_null());
  CHECK(run("max(flatten(policy.channels.map(c, c.conditions.map(k, k.years))))").as_number() == 3);
  CHECK(run("min(flatten(policy.channels.map(c, c.conditions.map(k, k.years))))").as_number() == 0.5);
  CHECK(run("flatten([[1], [2, 3], []])") == Value(ValueList{1, 2, 3}));
  CHECK(run("flatten(policy.channels.map(c, c.targets))") ==
        Value(ValueList{"college_graduate", "veteran", "veteran"}));
  CHECK(run("label('college_graduate')").as_string() == "college_graduate");  // identity without a hook
  World world;
  world.env.label = [](const std::string& id) { return id == "college_graduate" ? "高校毕业生" : id; };
  CHECK(run("label('college_graduate')", world.env).as_string() == "高校毕业生");
  CHECK(run("label(n == null ? 'college_graduate' : 'x')", world.env).as_string() == "高校毕业生");
  CHECK(run("label(['college_graduate', 'y'])", world.env) == Value(ValueList{"高校毕业生", "y"}));
  CHECK(type_of("min([1])") == "number?");
  CHECK(type_of("sum([1])") == "number");
  CHECK(type_of("flatten([[1]])") == "list(number)");
}

TEST_CASE("syntax errors say what was expected, where", "[predicate]") {
  expect_error("", "expected an expression", 1, 1);
  expect_error("   ", "expected an expression", 1, 4);
  expect_error("// only a comment", "expected an expression", 1, 18);
  expect_error("(1 + 2", "expected ')' to close '('", 1, 7);
  expect_error("()", "expected an expression after '('", 1, 2);
  expect_error("true &&", "expected an expression after '&&'", 1, 8);
  expect_error("true || ", "expected an expression after '||'", 1, 9);
  expect_error("1 +", "expected an expression after '+'", 1, 4);
  expect_error("1 - *", "expected an expression after '-'", 1, 5);
  expect_error("1 * )", "expected an expression after '*'", 1, 5);
  expect_error("1 / ", "expected an expression after '/'", 1, 5);
  expect_error("1 ==", "expected an expression after '=='", 1, 5);
  expect_error("1 != ", "expected an expression after '!='", 1, 6);
  expect_error("1 <", "expected an expression after '<'", 1, 4);
  expect_error("1 <=", "expected an expression after '<='", 1, 5);
  expect_error("1 >", "expected an expression after '>'", 1, 4);
  expect_error("1 >=", "expected an expression after '>='", 1, 5);
  expect_error("1 in", "expected an expression after 'in'", 1, 5);
  expect_error("!", "expected an expression after '!'", 1, 2);
  expect_error("-", "expected an expression after '-'", 1, 2);
  expect_error("true ?", "expected an expression after '?'", 1, 7);
  expect_error("true ? 1", "expected ':' after the '?' branch", 1, 9);
  expect_error("true ? 1 :", "expected an expression after ':'", 1, 11);
  expect_error("[1, 2", "expected ']' to close '['", 1, 6);
  expect_error("[1,]", "expected an expression after ','", 1, 4);
  expect_error("size(1", "expected ')' to close the argument list", 1, 7);
  expect_error("size(1,)", "expected an expression after ','", 1, 8);
  expect_error("policy.", "expected a field or method name after '.'", 1, 8);
  expect_error("policy.1", "expected a field or method name after '.'", 1, 8);
  expect_error("'abc", "expected ' to end the string", 1, 5);
  expect_error("\"abc'", "expected \" to end the string", 1, 6);
  expect_error("'ab\ncd'", "expected ' to end the string", 1, 4);
  expect_error(R"('a\qb')", "unknown escape sequence; use \\n, \\t, \\r, \\\\, \\', \\\" or \\uXXXX", 1, 4);
  expect_error(R"('\u12')", "unknown escape sequence; use \\n, \\t, \\r, \\\\, \\', \\\" or \\uXXXX", 1, 6);
  expect_error(R"('\ud800')", "\\u escape names a surrogate, which is not a character", 1, 2);
  expect_error("city = 'x'", "unexpected '='; use '==' to compare", 1, 6);
  expect_error("true & false", "unexpected '&'; use '&&' for 'and'", 1, 6);
  expect_error("true | false", "unexpected '|'; use '||' for 'or'", 1, 6);
  expect_error("1)", "unexpected ')' without a matching '('", 1, 2);
  expect_error("1 2", "unexpected '2'; expected an operator or the end of the expression", 1, 3);
  expect_error("city contains 'x'",
               "unexpected 'contains'; expected an operator or the end of the expression", 1, 6);
  expect_error("true ; 1", "unexpected ';'; expected an operator or the end of the expression", 1, 6);
  expect_error("1 +\n\n  ", "expected an expression after '+'", 3, 3);
  expect_error("city in", "expected an expression after 'in'", 1, 8);
  // columns count characters, not bytes
  expect_error("'社会保险' == ", "expected an expression after '=='", 1, 11);
  expect_error("'社会保险'\n  + '险' +", "expected an expression after '+'", 2, 10);
  expect_error("'中' 社", "unexpected '社'; expected an operator or the end of the expression", 1, 5);
}

TEST_CASE("name errors suggest the closest name", "[predicate]") {
  expect_error("chanels.size() > 0", "unknown name 'chanels'; did you mean 'channels'?", 1, 1);
  expect_error("policy.channels.exists(c, c.target == 'x')",
               "type 'channel' has no field 'target'; did you mean 'targets'?", 1, 29);
  expect_error("policy.chanels", "type 'policy' has no field 'chanels'; did you mean 'channels'?", 1, 8);
  expect_error("policy.zzz", "type 'policy' has no field 'zzz'", 1, 8);
  expect_error("qqqqq", "unknown name 'qqqqq'", 1, 1);
  expect_error("[1].exists(x, y > 0)", "unknown name 'y'", 1, 15);
  expect_error("[1].exists(x, xx > 0)", "unknown name 'xx'; did you mean 'x'?", 1, 15);
  expect_error("size", "unknown name 'size'; 'size' is a function: call it as size(...)", 1, 1);
  expect_error("sise([1])", "unknown function 'sise'; did you mean 'size'?", 1, 1);
  expect_error("foo(1)", "unknown function 'foo'", 1, 1);
  expect_error("exists(policy.channels, c, true)",
               "'exists' is a method of lists: write list.exists(x, predicate)", 1, 1);
  expect_error("policy.channels.exist(c, true)", "unknown method 'exist'; did you mean 'exists'?", 1, 17);
  expect_error("policy.channels.sum()", "unknown method 'sum'; 'sum' is a function: write sum(list)", 1, 17);
  // positions across lines
  expect_error("policy.channels\n  .exists(c,\n    c.target == 'x')",
               "type 'channel' has no field 'target'; did you mean 'targets'?", 3, 7);
  expect_error("'社会保险' == kind", "unknown name 'kind'", 1, 11);
}

TEST_CASE("type errors", "[predicate]") {
  expect_error("policy.channels.name", "cannot read field 'name' of a list(channel); use a macro such as "
                                       ".exists(x, x.name ...) or .map(x, x.name)", 1, 17);
  expect_error("city.length", "cannot read field 'length' of a string", 1, 6);
  expect_error("1 + 'a'", "operator '+' needs two numbers, two strings or two lists, got number and string", 1, 3);
  expect_error("[1] + ['a']", "operator '+' needs lists of the same element type, got list(number) and list(string)",
               1, 5);
  expect_error("city * 2", "operator '*' needs numbers, got string and number", 1, 6);
  expect_error("true - 1", "operator '-' needs numbers, got bool and number", 1, 6);
  expect_error("city < 3", "operator '<' needs two numbers (or two strings), got string and number", 1, 6);
  expect_error("policy.channels > 1", "operator '>' needs two numbers (or two strings), got list(channel) and number",
               1, 17);
  expect_error("city == 3", "'==' compares string with number, which are never equal", 1, 6);
  expect_error("it != policy", "'!=' compares condition with policy, which are never equal", 1, 4);
  expect_error("1 in city", "'in' needs a list on the right, got string", 1, 6);
  expect_error("1 in policy.channels",
               "'in' looks for a number in a list(channel), which can never contain it", 1, 3);
  expect_error("1 && true", "an operand of '&&' must be bool, got number", 1, 1);
  expect_error("true || city", "an operand of '||' must be bool, got string", 1, 9);
  expect_error("!city", "the operand of '!' must be bool, got string", 1, 2);
  expect_error("-city", "the operand of '-' must be a number, got string", 1, 2);
  expect_error("city ? 1 : 2", "the condition of '?:' must be bool, got string", 1, 1);
  expect_error("true ? 1 : 'a'", "the branches of '?:' have different types: number and string", 1, 6);
  expect_error("policy.channels.exists(c, c.name)", "the predicate of 'exists' must be bool, got string", 1, 27);
  expect_error("policy.channels.all(c)",
               "'all' takes 2 arguments (a variable name and a predicate), got 1", 1, 17);
  expect_error("policy.channels.map(c, c, c)",
               "'map' takes 2 arguments (a variable name and an expression), got 3", 1, 17);
  expect_error("policy.channels.exists(c.name, true)", "the first argument of 'exists' must be a variable name", 1,
               24);
  expect_error("city.exists(c, true)", "'exists' needs a list, got string", 1, 6);
  expect_error("policy.channels.size(1)", "'size' takes 0 arguments, got 1", 1, 17);
  expect_error("size(1, 2)", "'size' takes 1 argument, got 2", 1, 1);
  expect_error("size(3)", "'size' needs a list or a string, got number", 1, 6);
  expect_error("sum(['a'])", "'sum' needs a list of numbers, got list(string)", 1, 5);
  expect_error("max(policy.channels)", "'max' needs a list of numbers, got list(channel)", 1, 5);
  expect_error("flatten([1])", "'flatten' needs a list of lists, got list(number)", 1, 9);
  expect_error("label(3)", "'label' needs a string or a list of strings, got number", 1, 7);
  // every error is reported, not just the first
  CompileResult r = compile("chanels.size() > 0 && city * 2 > 1 && policy.nme", schema(), fake_scope());
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].message == "unknown name 'chanels'; did you mean 'channels'?");
  CHECK(r.errors[1].column == 28);
  CHECK(r.errors[2].message == "type 'policy' has no field 'nme'; did you mean 'name'?");
  // comparisons and membership with `any` are allowed
  CHECK(type_of("anything == 'x' && anything < 3 && anything in [1] && 1 in anything") == "bool");
  CHECK(type_of("anything + 1") == "number?");
}

TEST_CASE("evaluation errors the checker cannot exclude", "[predicate]") {
  World world;
  world.env.variables["anything"] = "text";
  CHECK_THROWS_WITH(run("anything + 1", world.env), "arithmetic needs numbers, got string");
  CHECK_THROWS_WITH(run("anything.field", world.env), "cannot read field 'field', got string");
  CHECK_THROWS_WITH(run("anything && true", world.env), "expected bool, got string");
  world.env.variables.erase("city");
  CHECK_THROWS_WITH(run("city == 'x'", world.env), "variable 'city' is not set");
}

TEST_CASE("nesting is bounded, never a stack overflow", "[predicate]") {
  const std::string deep(100000, '(');
  Error e = first_error(deep);
  CHECK(e.message == "expression is nested too deeply (more than 256 levels)");
  CHECK(e.line == 1);
  CHECK(first_error(std::string(100000, '!') + "true").message ==
        "expression is nested too deeply (more than 256 levels)");
  CHECK(first_error(std::string(100000, '[')).message == "expression is nested too deeply (more than 256 levels)");
  CHECK(first_error(std::string(100000, '-') + "1").message ==
        "expression is nested too deeply (more than 256 levels)");
  std::string chain = "1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  CHECK(first_error(chain).message == "expression is too large: more than 512 levels of operators");
  std::string ok = std::string(200, '(') + "1" + std::string(200, ')');
  CHECK(run(ok).as_number() == 1);
  std::string ors = "false";
  for (int i = 0; i < 300; ++i) ors += " || false";
  CHECK_FALSE(run(ors).as_bool());
}

TEST_CASE("invalid UTF-8 is an error", "[predicate]") {
  expect_error("'\xff'", "invalid UTF-8 in expression text", 1, 2);
  expect_error("'中\xe4\xb8'", "invalid UTF-8 in expression text", 1, 3);  // truncated sequence
  expect_error("'\xc0\xaf'", "invalid UTF-8 in expression text", 1, 2);    // overlong '/'
  expect_error("'\xed\xa0\x80'", "invalid UTF-8 in expression text", 1, 2);  // surrogate
  expect_error("'ok'\n'\xf5\x80\x80\x80'", "invalid UTF-8 in expression text", 2, 2);
  CHECK(run("'\xf0\x9f\x98\x80'").as_string() == "\xf0\x9f\x98\x80");  // 4-byte sequences are fine
  CHECK(run("size('\xf0\x9f\x98\x80')").as_number() == 1);
}

TEST_CASE("arbitrary input never crashes or hangs", "[predicate]") {
  const char* pieces[] = {"(", ")", "[", "]", "{", "}", "'", "\"", "\\", ".", ",", "?", ":", "!", "-", "+", "*",
                          "/", "//", "<", "<=", "==", "!=", "&&", "||", "in", " ", "\n", "1", "0.5", "x",
                          "policy", "channels", "exists", "map", "size", "it", "null", "true", "\xe4\xb8\xad",
                          "\xff", "c", "=", "&", "|", "e", "\t"};
  std::mt19937 random(12345);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1), length(0, 30);
  int compiled_ok = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string text;
    for (std::size_t k = length(random); k > 0; --k) text += pieces[pick(random)];
    CompileResult r;
    REQUIRE_NOTHROW(r = compile(text, schema(), fake_scope()));
    CHECK(r.expression.has_value() == r.errors.empty());
    if (r.expression) {
      ++compiled_ok;
      World world;
      try {
        evaluate(*r.expression, world.env);
      } catch (const EvalError&) {
      }
    }
    TemplateResult t;
    REQUIRE_NOTHROW(t = compile_template(text, schema(), fake_scope()));
  }
  CHECK(compiled_ok > 0);
}

TEST_CASE("templates render holes", "[predicate]") {
  World world;
  auto render_text = [&](const std::string& text, const Environment& env) {
    TemplateResult t = compile_template(text, schema(), fake_scope());
    INFO(text << (t.errors.empty() ? "" : " -> " + t.errors[0].message));
    REQUIRE(t.errors.empty());
    REQUIRE(t.value);
    return render(*t.value, env);
  };
  CHECK(render_text("社会保险年限要求 {it.years} 年", world.env) == "社会保险年限要求 3 年");
  CHECK(render_text("{0.5} {2.25} {1 / 4} {-3} {10 * 10} {1000000}", world.env) == "0.5 2.25 0.25 -3 100 1000000");
  CHECK(render_text("no holes", world.env) == "no holes");
  CHECK(render_text("", world.env).empty());
  CHECK(render_text("{{literal}} and }} {{", world.env) == "{literal} and } {");
  CHECK(render_text("{{{1 + 1}}}", world.env) == "{2}");
  CHECK(render_text("{'a}b'} {\"{\"}", world.env) == "a}b {");
  CHECK(render_text("{policy.channels.map(c, c.name)}", world.env) == "graduates、veterans");
  CHECK(render_text("{true}/{n}/{policy.main.name}.", world.env) == "true//.");
  CHECK(render_text("{it}", world.env) == "condition");
  CHECK(render_text("城市：{city}", world.env) == "城市：深圳");

  Environment zh = world.env;
  zh.label = [](const std::string& id) -> std::string {
    if (id == "social_insurance") return "社会保险";
    if (id == "veteran") return "退役军人";
    if (id == "college_graduate") return "高校毕业生";
    if (id == "社会保险") return "DOUBLE-LABELLED";
    return id;
  };
  CHECK(render_text("{it.kind}", zh) == "社会保险");  // bare string results are labelled
  CHECK(render_text("{label(it.kind)}", zh) == "社会保险");  // and label() is not applied twice
  CHECK(render_text("{policy.channels.filter(c, c.name == 'graduates').map(c, c.targets)}", zh) ==
        "高校毕业生、退役军人");
  CHECK(render_text("{label(['veteran'])}", zh) == "退役军人");
}

TEST_CASE("template errors", "[predicate]") {
  auto first = [](const std::string& text) {
    TemplateResult t = compile_template(text, schema(), fake_scope());
    INFO(text);
    REQUIRE_FALSE(t.value);
    REQUIRE_FALSE(t.errors.empty());
    return t.errors;
  };
  auto errors = first("年限 {it.yeers} 年");
  CHECK(errors[0].message == "type 'condition' has no field 'yeers'; did you mean 'years'?");
  CHECK(errors[0].line == 1);
  CHECK(errors[0].column == 8);
  errors = first("abc {");
  CHECK(errors[0].message == "expected '}' to close '{' in template; write '{{' for a literal brace");
  CHECK(errors[0].column == 5);
  errors = first("a } b");
  CHECK(errors[0].message == "unmatched '}' in template; write '}}' for a literal brace");
  CHECK(errors[0].column == 3);
  errors = first("x {}");
  CHECK(errors[0].message == "expected an expression");
  CHECK(errors[0].column == 4);
  errors = first("line one\n中文 {1 +}");
  CHECK(errors[0].message == "expected an expression after '+'");
  CHECK(errors[0].line == 2);
  CHECK(errors[0].column == 8);
  errors = first("{chanels} and {city * 2}");
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].message == "unknown name 'chanels'; did you mean 'channels'?");
  CHECK(errors[1].column == 21);
  errors = first("bad \xff byte");
  CHECK(errors[0].message == "invalid UTF-8 in template text");
  CHECK(errors[0].column == 5);
}
