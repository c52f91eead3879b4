#include <partner_center/core/schema.hpp>

#include <partner_center/core/text.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <catch2/catch_test_macros.hpp>

#include <array>
#include <optional>
#include <regex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Structs of the tests' own, one generic rule per member, so that each expected schema shows
// what one rule becomes.
namespace schema_probe {

constexpr bool is_upper(std::string_view s) noexcept {
  for (const char c : s) {
    if (c < 'A' || c > 'Z')
      return false;
  }
  return true;
}

inline constexpr std::array<std::string_view, 2> colours = {"red", "blue"};

enum class Size {
  small,
  large
};
BOOST_DESCRIBE_ENUM(Size, small, large)

struct Part {
  std::optional<std::string> code;
  std::optional<std::string> note;
};
BOOST_DESCRIBE_STRUCT(Part, (), (code, note))

struct Kinds {
  std::string plain;
  std::optional<std::string> text;
  std::optional<bool> flag;
  std::optional<std::vector<std::string>> tags;
  std::vector<Part> parts;
  std::optional<Part> part;
  std::optional<Size> size;
};
BOOST_DESCRIBE_STRUCT(Kinds, (), (plain, text, flag, tags, parts, part, size))

struct Ruled {
  std::optional<std::string> name;
  std::optional<std::string> nick;
  std::optional<std::string> code;
  std::optional<std::string> free_form;
  std::optional<std::string> colour;
  std::optional<std::string> shade;
  std::optional<std::string> secret;
  std::optional<Part> part;
};
BOOST_DESCRIBE_STRUCT(Ruled, (), (name, nick, code, free_form, colour, shade, secret, part))

constexpr auto partner_center_rules(partner_center::type<Ruled>) {
  using namespace partner_center::rules;
  return table(
      field<&Ruled::name>(required, min_length{2}, max_length{3}),
      field<&Ruled::nick>(min_length{1}),
      field<&Ruled::code>(format{"upper case", &is_upper, "^[A-Z]+$"}),
      field<&Ruled::free_form>(format{"upper case", &is_upper}),
      field<&Ruled::colour>(required, one_of{colours}), field<&Ruled::shade>(one_of{colours}),
      field<&Ruled::secret>(forbidden_rule{"it is a secret"}), field<&Ruled::part>(required));
}

// Options a rule depends on, as an environment.
struct Settings {
  bool strict_mode;
};

inline constexpr partner_center::rules::condition<Settings> in_strict_mode{
    "in strict mode", "", [](const Settings& s) noexcept {
      return s.strict_mode;
    }};
inline constexpr partner_center::rules::condition<Settings> for_companies{
    "for a company", "/kind", [](const Settings&) noexcept {
      return true;
    }};

struct Conditional {
  std::optional<std::string> kind;
  std::optional<std::string> id;
  std::optional<std::string> tax;
};
BOOST_DESCRIBE_STRUCT(Conditional, (), (kind, id, tax))

constexpr auto partner_center_rules(partner_center::type<Conditional>) {
  using namespace partner_center::rules;
  return table(field<&Conditional::id>(required_if<Settings>{in_strict_mode}),
               field<&Conditional::tax>(required_if<Settings>{for_companies}));
}

// Rule types from outside core: one describes itself with a member, one through ADL, one not.
struct digits_only {
  static constexpr std::string_view name = "digits_only";
  template <class Value, class Context>
  void check(const Value&, Context&) const {}
  void to_schema(partner_center::schema_context& ctx) const { ctx.add_pattern("^[0-9]+$"); }
};

struct company_needs_vat {
  static constexpr std::string_view name = "company_needs_vat";
  template <class Value, class Context>
  void check(const Value&, Context&) const {}
};

inline void partner_center_schema(const company_needs_vat&, partner_center::schema_context& ctx) {
  ctx.when(partner_center::schema_for_member("/kind", {{"const", "company"}}),
           partner_center::schema_requirement::required,
           partner_center::schema_requirement::absent);
}

struct checked_elsewhere {
  static constexpr std::string_view name = "checked_elsewhere";
  template <class Value, class Context>
  void check(const Value&, Context&) const {}
};

struct Line {
  std::optional<std::string> vat;
  std::optional<std::string> zip;
  std::optional<std::string> memo;
};
BOOST_DESCRIBE_STRUCT(Line, (), (vat, zip, memo))

constexpr auto partner_center_rules(partner_center::type<Line>) {
  using namespace partner_center::rules;
  return table(field<&Line::vat>(company_needs_vat{}), field<&Line::zip>(digits_only{}),
               field<&Line::memo>(checked_elsewhere{}));
}

struct Order {
  std::optional<std::string> kind;
  std::optional<Line> first;
  std::optional<std::vector<Line>> lines;
};
BOOST_DESCRIBE_STRUCT(Order, (), (kind, first, lines))

namespace other {
struct Part {
  std::optional<bool> spare;
};
BOOST_DESCRIBE_STRUCT(Part, (), (spare))
}  // namespace other

struct Twins {
  std::optional<Part> mine;
  std::optional<other::Part> theirs;
};
BOOST_DESCRIBE_STRUCT(Twins, (), (mine, theirs))

// A rule that puts its list in $defs, as rules sharing a long list do.
struct listed_colour {
  static constexpr std::string_view name = "listed_colour";
  std::string_view def = "colours";
  template <class Value, class Context>
  void check(const Value&, Context&) const {}
  void to_schema(partner_center::schema_context& ctx) const {
    ctx.add_schema(ctx.define(def, {{"type", "string"},
                                    {"pattern", partner_center::schema_patterns::any_case_one_of(
                                                    std::span<const std::string_view>(colours))}}));
  }
};

struct Palette {
  std::optional<std::string> fill;
  std::optional<std::string> stroke;
  std::optional<std::string> odd;
  std::optional<Part> part;
};
BOOST_DESCRIBE_STRUCT(Palette, (), (fill, stroke, odd, part))

constexpr auto partner_center_rules(partner_center::type<Palette>) {
  using namespace partner_center::rules;
  return table(field<&Palette::fill>(listed_colour{}), field<&Palette::stroke>(listed_colour{}),
               field<&Palette::odd>(listed_colour{"Part"}, listed_colour{"a b/c"}));
}

}  // namespace schema_probe

// The probe types above stay outside core_schema_test: their namespace is part of the $defs
// names these tests pin.
namespace core_schema_test {

namespace {

// Compact JSON of `expected`, written readably in the test: member order is compared too, since
// the schema's text is meant to be stable.
std::string compact(std::string_view expected) {
  return boost::json::serialize(boost::json::parse(expected));
}

std::string defs_of(const boost::json::object& schema) {
  return boost::json::serialize(schema.at("$defs"));
}

constexpr std::string_view text_ref = R"("$ref":"#/$defs/text")";
constexpr std::string_view required_text_ref = R"("$ref":"#/$defs/requiredText")";

}  // namespace

using namespace partner_center;

TEST_CASE("schema: each kind of member becomes its JSON type", "[schema]") {
  const auto schema = json_schema<schema_probe::Kinds>({.rules = false});
  CHECK(defs_of(schema) == compact(R"({
    "Kinds": {"type": "object", "properties": {
      "plain": {"type": "string"},
      "text": {"type": ["string", "null"]},
      "flag": {"type": ["boolean", "null"]},
      "tags": {"type": ["array", "null"], "items": {"type": "string"}},
      "parts": {"type": "array", "items": {"$ref": "#/$defs/Part"}},
      "part": {"anyOf": [{"$ref": "#/$defs/Part"}, {"type": "null"}]},
      "size": {"anyOf": [{"$ref": "#/$defs/Size"}, {"type": "null"}]}}},
    "Part": {"type": "object", "properties": {
      "code": {"type": ["string", "null"]},
      "note": {"type": ["string", "null"]}}},
    "Size": {"type": "string",
      "description": "One of small, large, in any case: the decoder matches enumerators ASCII-case-insensitively.",
      "pattern": "^(?:[Ss][Mm][Aa][Ll][Ll]|[Ll][Aa][Rr][Gg][Ee])$"}
  })"));
}

TEST_CASE("schema: the root refers to its struct and says what the schema cannot", "[schema]") {
  const auto schema =
      json_schema<schema_probe::Part>({.id = "urn:example:part", .title = "A part"});
  CHECK(schema.at("$schema") == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema.at("$id") == "urn:example:part");
  CHECK(schema.at("title") == "A part");
  CHECK(schema.at("$ref") == "#/$defs/Part");
  const std::string description(schema.at("description").as_string());
  CHECK(description.find("case-insensitively") != std::string::npos);
  CHECK(description.find("given twice") != std::string::npos);
  CHECK(description.find("UTF-16") != std::string::npos);
  CHECK_FALSE(schema.contains("allOf"));
  // Keys in a fixed order: the text is stable from run to run.
  std::vector<std::string> keys;
  for (const auto& member : schema)
    keys.emplace_back(member.key());
  CHECK(keys ==
        std::vector<std::string>{"$schema", "$id", "title", "description", "$ref", "$defs"});
}

TEST_CASE("schema: each generic rule becomes its keywords", "[schema]") {
  const auto schema = json_schema<schema_probe::Ruled>();
  const auto& properties = schema.at("$defs").at("Ruled").at("properties").as_object();
  const auto member = [&](std::string_view name) {
    return boost::json::serialize(properties.at(name));
  };
  const std::string length_note =
      R"("description":"Length counted in UTF-16 code units, as the service counts it.")";
  // required: not null, not blank, listed in "required".
  CHECK(member("name") == R"({"type":"string",)" + std::string(required_text_ref) + "," +
                              length_note + R"(,"minLength":2,"maxLength":3})");
  CHECK(member("nick") == R"({"type":["string","null"],)" + std::string(text_ref) + "," +
                              length_note + R"(,"minLength":1})");
  // format: its pattern, blank text let through as the rule lets it through when not required.
  CHECK(member("code") == compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "description": "Must be upper case.",
      "pattern": "^[A-Z]+$|^[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"})"));
  // A format without a pattern is only described.
  CHECK(member("free_form") == compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "description": "Must be upper case; the validator checks this and this schema cannot say it."})"));
  // one_of: a pattern, since the validator compares in any case and JSON Schema's enum exactly.
  CHECK(member("colour") == compact(R"({"type": "string", "$ref": "#/$defs/requiredText",
      "description": "One of red, blue, in any case.",
      "pattern": "^(?:[Rr][Ee][Dd]|[Bb][Ll][Uu][Ee])$"})"));
  CHECK(member("shade") == compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "description": "One of red, blue, in any case.",
      "pattern": "^(?:[Rr][Ee][Dd]|[Bb][Ll][Uu][Ee])$|^[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"})"));
  // forbidden: absent or null only.
  CHECK(member("secret") == R"({"type":"null","description":"Must not be sent: it is a secret."})");
  // A required struct: its $ref, null not allowed.
  CHECK(member("part") == R"({"$ref":"#/$defs/Part"})");
  CHECK(boost::json::serialize(schema.at("$defs").at("Ruled").at("required")) ==
        R"(["name","colour","part"])");
  CHECK_FALSE(schema.at("$defs").at("Ruled").as_object().contains("additionalProperties"));
}

TEST_CASE("schema: text members refer to the text checks", "[schema]") {
  const auto schema = json_schema<schema_probe::Ruled>();
  const auto& defs = schema.at("$defs").as_object();
  CHECK(boost::json::serialize(defs.at("text")) == compact(R"({"type": ["string", "null"],
      "description": "Text: no control character, unless it is only white space.",
      "pattern": "^(?:[^\\u0000-\\u001f\\u007f-\\u009f]*|[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*)$"})"));
  CHECK(boost::json::serialize(defs.at("requiredText")) == compact(R"({"type": "string",
      "description": "Required text: not only white space, no control character.",
      "pattern": "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\u0000-\\u001f\\u007f-\\u009f \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f-\\u009f]*$"})"));
  // Without rules there is no text check to refer to.
  const auto shape = json_schema<schema_probe::Ruled>({.rules = false});
  CHECK_FALSE(shape.at("$defs").as_object().contains("text"));
  CHECK_FALSE(shape.at("$defs").as_object().contains("requiredText"));
  CHECK_FALSE(shape.at("$defs").at("Ruled").as_object().contains("required"));
}

TEST_CASE("schema: strict forbids unknown members on every object", "[schema]") {
  const auto schema = json_schema<schema_probe::Ruled>({.strict = true});
  for (const auto& def : schema.at("$defs").as_object()) {
    if (def.value().at("type") == "object")
      CHECK(def.value().at("additionalProperties") == false);
  }
}

TEST_CASE("schema: required_if is decided by the environment it is given", "[schema]") {
  const auto member = [](const boost::json::object& schema, std::string_view name) {
    return boost::json::serialize(schema.at("$defs").at("Conditional").at("properties").at(name));
  };
  const auto strict = json_schema<schema_probe::Conditional>({}, schema_probe::Settings{true});
  CHECK(member(strict, "id") == compact(R"({"type": "string", "$ref": "#/$defs/requiredText",
      "description": "Required in strict mode."})"));
  CHECK(boost::json::serialize(strict.at("$defs").at("Conditional").at("required")) == R"(["id"])");

  const auto lenient = json_schema<schema_probe::Conditional>({}, schema_probe::Settings{false});
  CHECK(member(lenient, "id") == R"({"type":["string","null"],"$ref":"#/$defs/text"})");

  // Without the environment, or with a condition on the document, it is only described.
  const auto unknown = json_schema<schema_probe::Conditional>();
  CHECK(member(unknown, "id") == compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "description": "Required in strict mode; this schema does not express that condition."})"));
  CHECK(member(strict, "tax") == compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "description": "Required for a company; this schema does not express that condition."})"));
}

TEST_CASE("schema: rule types describe themselves, by member or by ADL, or are named", "[schema]") {
  const auto schema = json_schema<schema_probe::Order>();
  const auto& line = schema.at("$defs").at("Line").at("properties");
  CHECK(boost::json::serialize(line.at("zip")) ==
        compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "pattern": "^[0-9]+$|^[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"})"));
  CHECK(boost::json::serialize(line.at("memo")) ==
        compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "description": "The validator also applies its checked_elsewhere rule here, which this schema does not express."})"));
  // The ADL rule states a condition on another member: one if/then/else at the root, reaching
  // the member wherever its struct occurs (a member, every element of an array).
  CHECK(boost::json::serialize(schema.at("allOf")) == compact(R"([{
    "if": {"type": "object", "properties": {"kind": {"const": "company"}}, "required": ["kind"]},
    "then": {"type": "object", "properties": {
      "first": {"type": ["object", "null"], "required": ["vat"],
                "properties": {"vat": {"type": "string", "$ref": "#/$defs/requiredText"}}},
      "lines": {"type": ["array", "null"], "items": {"type": "object", "required": ["vat"],
                "properties": {"vat": {"type": "string", "$ref": "#/$defs/requiredText"}}}}}},
    "else": {"type": "object", "properties": {
      "first": {"type": ["object", "null"], "properties": {"vat": {"type": "null"}}},
      "lines": {"type": ["array", "null"], "items": {"type": "object",
                "properties": {"vat": {"type": "null"}}}}}}
  }])"));
  // The root's $ref and the struct's own schema are untouched by the condition.
  CHECK(boost::json::serialize(line.at("vat")) ==
        R"({"type":["string","null"],"$ref":"#/$defs/text"})");
}

TEST_CASE("schema: schema_for_member tests one member deep in the document", "[schema]") {
  CHECK(boost::json::serialize(schema_for_member("/a/b~1c", {{"enum", {"x", "y"}}})) ==
        compact(R"({"type": "object", "properties": {"a": {"type": "object",
      "properties": {"b/c": {"enum": ["x", "y"]}}, "required": ["b/c"]}}, "required": ["a"]})"));
  CHECK(boost::json::serialize(schema_for_member("", {{"const", 1}})) == R"({"const":1})");
}

TEST_CASE("schema: structs of the same name in two namespaces get distinct $defs", "[schema]") {
  const auto schema = json_schema<schema_probe::Twins>({.rules = false});
  const auto& defs = schema.at("$defs").as_object();
  CHECK(defs.contains("Part"));
  CHECK(defs.contains("schema_probe.other.Part"));
  CHECK(schema.at("$defs").at("Twins").at("properties").at("theirs").at("anyOf").at(0).at("$ref") ==
        "#/$defs/schema_probe.other.Part");
}

TEST_CASE("schema: the text is pretty, stable and compact on request", "[schema]") {
  const auto schema = json_schema<schema_probe::Part>({.rules = false, .description = "Parts."});
  const std::string pretty = schema_text(schema);
  CHECK(pretty ==
        schema_text(json_schema<schema_probe::Part>({.rules = false, .description = "Parts."})));
  CHECK(
      pretty.starts_with("{\n  \"$schema\": \"https://json-schema.org/draft/2020-12/schema\",\n"
                         "  \"description\": \"Parts. Beyond this schema:"));
  CHECK(pretty.ends_with(R"(  "$ref": "#/$defs/Part",
  "$defs": {
    "Part": {
      "type": "object",
      "properties": {
        "code": {"type": ["string", "null"]},
        "note": {"type": ["string", "null"]}
      }
    }
  }
})"));
  CHECK(schema_text(schema, schema_layout::compact) == boost::json::serialize(schema));
}

TEST_CASE("schema: long arrays of scalars are filled to the line width", "[schema]") {
  boost::json::array many;
  for (int i = 0; i < 30; ++i)
    many.emplace_back("code" + std::to_string(i));
  const std::string text = detail::pretty_json(boost::json::object{{"enum", many}});
  CHECK(text.starts_with("{\n  \"enum\": [\n    \"code0\", \"code1\","));
  std::size_t longest = 0;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      longest = std::max(longest, i - line_start);
      line_start = i + 1;
    }
  }
  CHECK(longest <= detail::json_layout_width);
  CHECK(boost::json::parse(text) == boost::json::object{{"enum", many}});
}

TEST_CASE("schema: values compared in any case become patterns", "[schema]") {
  using schema_patterns::any_case_one_of;
  constexpr std::array<std::string_view, 1> gb = {"GB"};
  constexpr std::array<std::string_view, 2> cultures = {"en-US", "az-Latn-AZ"};
  constexpr std::array<std::string_view, 1> syntax = {"a.b|c(d)"};
  CHECK(any_case_one_of(std::span<const std::string_view>(gb)) == "^[Gg][Bb]$");
  CHECK(any_case_one_of(std::span<const std::string_view>(cultures)) ==
        "^(?:[Ee][Nn]-[Uu][Ss]|[Aa][Zz]-[Ll][Aa][Tt][Nn]-[Aa][Zz])$");
  CHECK(any_case_one_of(std::span<const std::string_view>(syntax)) ==
        "^[Aa]\\.[Bb]\\|[Cc]\\([Dd]\\)$");
  CHECK(any_case_one_of(std::vector<std::string>{"x1", "y_2"}) == "^(?:[Xx]1|[Yy]_2)$");
  // No value: nothing matches, not even "".
  const std::string none = any_case_one_of(std::vector<std::string>{});
  CHECK_FALSE(std::regex_search("", std::regex(none)));
  CHECK_FALSE(std::regex_search("a", std::regex(none)));

  // The pattern accepts what text::iequals accepts, and nothing else.
  const std::regex pattern(any_case_one_of(std::span<const std::string_view>(cultures)));
  for (const std::string candidate : {"en-US", "EN-us", "az-latn-az", "AZ-LATN-AZ", "en-USA",
                                      "xen-US", "en_US", "en-U", "", "en-US\n"}) {
    INFO(candidate);
    const bool listed = text::iequals(candidate, "en-US") || text::iequals(candidate, "az-Latn-AZ");
    CHECK(std::regex_search(candidate, pattern) == listed);
  }
}

TEST_CASE("schema: a rule may define a $defs entry that others refer to", "[schema]") {
  const auto schema = json_schema<schema_probe::Palette>();
  const auto& defs = schema.at("$defs").as_object();
  const std::string colours =
      compact(R"({"type": "string", "pattern": "^(?:[Rr][Ee][Dd]|[Bb][Ll][Uu][Ee])$"})");
  // Two members, one entry.
  CHECK(boost::json::serialize(defs.at("colours")) == colours);
  const auto& properties = defs.at("Palette").at("properties");
  CHECK(boost::json::serialize(properties.at("fill")) ==
        compact(R"({"type": ["string", "null"], "$ref": "#/$defs/text",
      "allOf": [{"$ref": "#/$defs/colours"}]})"));
  CHECK(properties.at("stroke") == properties.at("fill"));
  // A name a struct has taken gets a suffix; a name that is no plain key is made one.
  CHECK(boost::json::serialize(properties.at("odd").at("allOf")) ==
        R"([{"$ref":"#/$defs/Part.2"},{"$ref":"#/$defs/a_b_c"}])");
  CHECK(boost::json::serialize(defs.at("Part.2")) == colours);
  CHECK(defs.at("Part").at("type") == "object");
  std::vector<std::string> keys;
  for (const auto& def : defs)
    keys.emplace_back(def.key());
  CHECK(keys == std::vector<std::string>{"Palette", "Part", "text", "colours", "Part.2", "a_b_c"});
}

}  // namespace core_schema_test
