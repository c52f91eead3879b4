// The hostile-input catalogue: documents built to crash, hang or exhaust a parser. Each must end
// in a clear violation, with a report that stays small whatever the input's size. Timing is
// asserted only where a time bound is the promise (country patterns), with a wide margin; the
// CI's test timeout and the sanitizer runs catch any other hang or blow-up.

#include "support/documents.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/rest/base_url.hpp>
#include <partner_center/rest/country_validation_rules.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/domains.hpp>
#include <partner_center/rest/request_context.hpp>

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_string.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/url_view.hpp>
#include <boost/version.hpp>

#include <chrono>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>

namespace hostile_inputs_test {

namespace {

namespace pc = partner_center;
namespace rest = partner_center::rest;
using Catch::Matchers::ContainsSubstring;
using pc::violation_code;
using pc::model::validate_create_request_json;

constexpr std::string_view valid_request =
    R"({"companyProfile":{"domain":"wingtiptoys.onmicrosoft.com"},)"
    R"("billingProfile":{"email":"gena@wingtiptoys.com","culture":"en-US","language":"en",)"
    R"("companyName":"Wingtip Toys","defaultAddress":{"country":"US","city":"Redmond",)"
    R"("state":"WA","addressLine1":"One Microsoft Way","postalCode":"98052",)"
    R"("phoneNumber":"4255550101"}},"associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"})";

// The valid request with `member` (text such as "\"x\":1") added at its top level.
std::string request_with(std::string_view member) {
  std::string out(valid_request.substr(0, valid_request.size() - 1));
  out += ',';
  out += member;
  out += '}';
  return out;
}

// The valid request with the text member at `key` of defaultAddress replaced by raw JSON `value`.
std::string address_with(std::string_view key, std::string_view value) {
  std::string out(valid_request);
  const std::string marker = "\"" + std::string(key) + "\":";
  const std::size_t at = out.find(marker);
  REQUIRE(at != std::string::npos);
  const std::size_t start = at + marker.size();
  const std::size_t end = out.find('"', start + 1) + 1;
  out.replace(start, end - start, value);
  return out;
}

// A hostile document's report: a handful of violations, each short. The bound is what keeps a
// report from growing with the input.
void require_small(const pc::report& found, std::size_t most = 4) {
  CAPTURE(found.size());
  REQUIRE(found.size() <= most);
  for (const pc::violation& v : found) {
    CAPTURE(v.path.size(), v.message.substr(0, 200));
    CHECK(v.path.size() <= 256);
    CHECK(v.message.size() <= 512);
  }
}

constexpr std::string_view reseller = "484e548c-f5f3-4528-93a9-c16c6373cb59";

rest::request_context context_with(std::string token = "t0ken-0123456789") {
  rest::request_context context;
  context.token = rest::static_token(std::move(token));
  return context;
}

// A refusal names the problem in one line and never quotes the refused value whole.
void require_refused(const rest::result<rest::http_request>& built, std::string_view says) {
  REQUIRE_FALSE(built.has_value());
  CHECK(built.error().kind == rest::failure_kind::invalid_request);
  CHECK_THAT(built.error().message, ContainsSubstring(std::string(says)));
  CHECK(built.error().message.find_first_of("\r\n") == std::string::npos);
  CHECK(built.error().message.size() <= 512);
}

std::string last_segment(const boost::urls::url& url) {
  const auto segments = boost::urls::url_view(url).segments();  // decoded
  REQUIRE_FALSE(segments.empty());
  return *std::prev(segments.end());
}

const pc::violation* first_of(const pc::report& found, violation_code code) {
  for (const pc::violation& v : found) {
    if (v.code == code)
      return &v;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("hostile: the valid request the catalogue starts from is valid", "[hostile]") {
  const auto checked = validate_create_request_json(valid_request, {.decoding = {.strict = true}});
  CAPTURE(checked.violations.items());
  CHECK(checked.valid());
}

TEST_CASE("hostile: nesting 100,000 deep is a limit error", "[hostile]") {
  std::string arrays = request_with("\"x\":" + std::string(100'000, '['));
  std::string objects;
  for (int i = 0; i < 100'000; ++i)
    objects += "{\"a\":";
  objects = request_with("\"x\":" + objects);

  // Two violations: the unknown member "x" (a warning), then the limit.
  for (const std::string* text : {&arrays, &objects}) {
    const auto checked = validate_create_request_json(*text);
    CHECK_FALSE(checked.complete);
    require_small(checked.violations, 2);
    const pc::violation* limit = first_of(checked.violations, violation_code::limit);
    REQUIRE(limit != nullptr);
    CHECK_THAT(limit->message, ContainsSubstring("nesting deeper than 32 levels"));
  }

  SECTION("a raised max_depth stops at the ceiling instead of overflowing the stack") {
    pc::model::create_request_options options;
    options.decoding.max_depth = 1'000'000;
    for (const std::string* text : {&arrays, &objects}) {
      const auto checked = validate_create_request_json(*text, options);
      CHECK_FALSE(checked.complete);
      require_small(checked.violations, 2);
      const pc::violation* limit = first_of(checked.violations, violation_code::limit);
      REQUIRE(limit != nullptr);
      CHECK_THAT(limit->message,
                 ContainsSubstring("nesting deeper than " +
                                   std::to_string(pc::decode_options::depth_ceiling) + " levels"));
    }
  }
}

TEST_CASE("hostile: a 100 MB document", "[hostile]") {
  // A valid request carrying a 100 MB unknown member: numbers, strings and objects to skip.
  std::string filler = "\"filler\":[";
  filler.reserve(std::size_t{101} << 20);
  while (filler.size() < (std::size_t{100} << 20))
    filler += R"(12345.678e-3,"abcdefghijklmnopqrstuvwxyz",{"k":[true,false,null]},)";
  filler += "0]";
  const std::string text = request_with(filler);
  REQUIRE(text.size() > (std::size_t{100} << 20));

  SECTION("the default limit refuses it before parsing") {
    const auto checked = validate_create_request_json(text);
    CHECK_FALSE(checked.complete);
    require_small(checked.violations, 1);
    CHECK(checked.violations[0].code == violation_code::limit);
    CHECK_THAT(checked.violations[0].message, ContainsSubstring("at most 1048576 are accepted"));
  }
  SECTION("a raised limit reads it in one pass, keeping nothing of the filler") {
    pc::model::create_request_options options;
    options.decoding.max_document_size = std::size_t{128} << 20;
    const auto checked = validate_create_request_json(text, options);
    CHECK(checked.complete);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::unknown_field);
    CHECK(checked.violations[0].path == "/filler");
    CHECK(checked.valid());
  }
}

TEST_CASE("hostile: a 10 MB string", "[hostile]") {
  const std::string huge(std::size_t{10} << 20, 'x');
  pc::model::create_request_options raised;
  raised.decoding.max_document_size = std::size_t{16} << 20;

  SECTION("in a member with a length limit: one max_length error, the value not quoted") {
    const std::string text = address_with("addressLine1", "\"" + huge + "\"");
    CHECK(validate_create_request_json(text).violations[0].code == violation_code::limit);
    const auto checked = validate_create_request_json(text, raised);
    CHECK(checked.complete);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::max_length);
    CHECK(checked.violations[0].path == "/billingProfile/defaultAddress/addressLine1");
    CHECK_THAT(checked.violations[0].message, ContainsSubstring("has 10485760 characters"));
  }
  SECTION("in a member matched against the country's pattern: not tried, a limit error") {
    const auto checked =
        validate_create_request_json(address_with("postalCode", "\"" + huge + "\""), raised);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::limit);
    CHECK(checked.violations[0].path == "/billingProfile/defaultAddress/postalCode");
  }
  SECTION("in an enumeration: not_supported, the value clipped") {
    std::string text = request_with("\"relationshipToPartner\":\"" + huge + "\"");
    const auto checked = validate_create_request_json(text, raised);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::not_supported);
  }
  SECTION("as the name of an unknown member: reported at its object, the name clipped") {
    const auto checked = validate_create_request_json(request_with("\"" + huge + "\":1"), raised);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::unknown_field);
    CHECK(checked.violations[0].path.empty());
    CHECK_THAT(checked.violations[0].message, ContainsSubstring("10485760 bytes"));
  }
}

TEST_CASE("hostile: invalid UTF-8 is a syntax error at its position", "[hostile]") {
  struct sample {
    std::string_view name;
    std::string_view bytes;  // inside a JSON string
    std::string_view says;
  };
  const sample samples[] = {
      {"overlong slash, two bytes", "\xC0\xAF", "invalid UTF-8"},
      {"overlong slash, three bytes", "\xE0\x80\xAF", "invalid UTF-8"},
      {"overlong NUL", "\xC0\x80", "invalid UTF-8"},
      {"lone high surrogate, raw", "\xED\xA0\x80", "invalid UTF-8"},
      {"lone low surrogate, raw", "\xED\xB0\x80", "invalid UTF-8"},
      {"above U+10FFFF", "\xF4\x90\x80\x80", "invalid UTF-8"},
      {"truncated three-byte sequence", "\xE2\x82", "invalid UTF-8"},
      {"truncated four-byte sequence", "\xF0\x9F\x98", "invalid UTF-8"},
      {"stray continuation byte", "\x80", "invalid UTF-8"},
      {"lone high surrogate, escaped", "\\ud800", "an escaped lone UTF-16 surrogate"},
      {"lone low surrogate, escaped", "\\udc00", "an escaped lone UTF-16 surrogate"},
      {"high surrogate then a letter, escaped", "\\ud800x", "an escaped lone UTF-16 surrogate"},
  };
  for (const sample& s : samples) {
    CAPTURE(s.name);
    const std::string value = "\"Wingtip " + std::string(s.bytes) + " Toys\"";
    const auto checked = validate_create_request_json(address_with("city", value));
    CHECK_FALSE(checked.complete);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::syntax);
    CHECK_THAT(checked.violations[0].message, ContainsSubstring(std::string(s.says)));
    CHECK_THAT(checked.violations[0].message, ContainsSubstring("line 1, column "));
  }
  SECTION("a whole escaped surrogate pair is a character, not an error") {
    const auto checked =
        validate_create_request_json(address_with("city", "\"Wingtip \\ud83d\\ude00\""));
    CHECK(checked.valid());
  }
}

TEST_CASE("hostile: an escaped control character in a text member is a format error", "[hostile]") {
  for (const std::string_view escaped : {"\\u0000", "\\u001f", "\\u007f", "\\u0085", "\\n"}) {
    CAPTURE(escaped);
    const auto checked = validate_create_request_json(
        address_with("city", "\"Red" + std::string(escaped) + "mond\""));
    CHECK(checked.complete);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::format);
    CHECK(checked.violations[0].path == "/billingProfile/defaultAddress/city");
    CHECK_THAT(checked.violations[0].message, ContainsSubstring("control character"));
  }
}

TEST_CASE("hostile: numbers where strings are expected, and 1e999", "[hostile]") {
  for (const std::string_view number :
       {"98052", "-0", "1e999", "-1e999", "1e-999", "123456789012345678901234567890", "0.1e-400"}) {
    CAPTURE(number);
    const auto checked = validate_create_request_json(address_with("postalCode", number));
    CHECK(checked.complete);
    require_small(checked.violations, 1);
    REQUIRE(checked.violations.size() == 1);
    CHECK(checked.violations[0].code == violation_code::type);
    CHECK(checked.violations[0].path == "/billingProfile/defaultAddress/postalCode");
    CHECK(checked.violations[0].message == "postalCode must be a string, not a number");
  }
  // Boost.JSON before 1.83 refuses an exponent past INT_MAX (exponent_overflow, reported as
  // syntax); 1.83 reads it as infinity, as it reads 1e999
  // (https://github.com/boostorg/json/pull/892), so the member gets the same type violation.
  SECTION("an exponent past INT_MAX: syntax before Boost 1.83, a number from 1.83 on") {
    const auto checked =
        validate_create_request_json(address_with("postalCode", "1e" + std::string(400, '9')));
    require_small(checked.violations, 1);
#if BOOST_VERSION < 108300
    CHECK(checked.violations[0].code == violation_code::syntax);
#else
    CHECK(checked.violations[0].code == violation_code::type);
    CHECK(checked.violations[0].message == "postalCode must be a string, not a number");
#endif
  }
}

TEST_CASE("hostile: duplicate keys, whatever their case, keep the first", "[hostile]") {
  SECTION("a known member") {
    const auto checked = validate_create_request_json(
        request_with(R"("AssociatedPartnerId":"not-a-guid","ASSOCIATEDPARTNERID":"x")"));
    require_small(checked.violations, 2);
    REQUIRE(checked.violations.size() == 2);
    CHECK(checked.violations.contains("/associatedPartnerId", violation_code::duplicate_key));
    CHECK(checked.value.associatedPartnerId == "484e548c-f5f3-4528-93a9-c16c6373cb59");
  }
  SECTION("an unknown member") {
    const auto checked =
        validate_create_request_json(request_with(R"("note":1,"NOTE":2,"Note":3)"));
    require_small(checked.violations, 3);
    CHECK(checked.violations.contains("/note", violation_code::unknown_field));
    CHECK(checked.violations.contains("/NOTE", violation_code::duplicate_key));
    CHECK(checked.violations.contains("/Note", violation_code::duplicate_key));
  }
}

TEST_CASE("hostile: a megabyte of distinct unknown members is read in linear time", "[hostile]") {
  // Each unknown member is a warning; 90,000 of them used to be checked against each other.
  std::string members;
  for (int i = 0; members.size() < 1'000'000 - 1'000; ++i)
    members += "\"k" + std::to_string(i) + "\":0,";
  members += "\"last\":0";
  const auto checked = validate_create_request_json(request_with(members));
  CHECK(checked.complete);
  CHECK(checked.violations.size() == pc::report::max_listed + 1);
  CHECK(checked.violations.unlisted() > 80'000);
  const pc::violation* limit = first_of(checked.violations, violation_code::limit);
  REQUIRE(limit != nullptr);
  CHECK(limit->message == "more than 1000 problems; the rest are not listed");
  CHECK_FALSE(checked.valid());  // an unlisted problem might have been an error
}

TEST_CASE("hostile: an array of a hundred thousand empty objects stops at the array limit",
          "[hostile]") {
  std::string headers = R"("links":{"self":{"uri":"/x","headers":[)";
  for (int i = 0; i < 100'000; ++i)
    headers += "{},";
  headers += "{}]}}";
  const auto checked = validate_create_request_json(request_with(headers));
  CHECK(checked.complete);
  require_small(checked.violations, 1);
  REQUIRE(checked.violations.size() == 1);
  CHECK(checked.violations[0].code == violation_code::limit);
  CHECK(checked.violations[0].path == "/links/self/headers");
  CHECK(checked.value.links->self->headers->size() == pc::decode_options{}.max_array_size);
}

TEST_CASE("hostile: a country rules file of a million empty objects is refused in bounded memory",
          "[hostile]") {
  std::string rules = "[";
  for (int i = 0; i < 1'000'000; ++i)
    rules += "{},";
  rules += "{}]";
  auto builder = pc::model::country_rule_set_builder::empty();
  const auto loaded = builder.add_json(rules, "million.json");
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.error().message, ContainsSubstring("million.json: more than 10000 elements"));
  CHECK(loaded.error().message.size() < 4096);
}

TEST_CASE("hostile: a pathological regex in loaded country rules ends in a limit, not a hang",
          "[hostile]") {
  // Nested quantifiers: a failing match backtracks 2^n ways.
  auto builder = pc::model::country_rule_set_builder{};
  const auto loaded = builder.add_json(
      R"({"iso2Code":"US","postalCodeRegex":"^(a+)+$","isPostalCodeRequired":true,)"
      R"("phoneNumberRegex":"^(\\d|\\d\\d)*x$","supportedCulturesList":["en-US"],)"
      R"("supportedLanguagesList":["en"]})",
      "pathological.json");
  REQUIRE(loaded);
  const auto rules = builder.build();

  std::string text = address_with("postalCode", "\"" + std::string(60, 'a') + "!\"");
  const std::size_t phone = text.find("4255550101");
  // The x the pattern requires is there, or the engine would decide at once that nothing matches.
  text.replace(phone, 10, std::string(198, '1') + "x!");
  const auto checked = validate_create_request_json(text, {.countries = rules});
  CHECK(checked.complete);
  require_small(checked.violations, 2);
  REQUIRE(checked.violations.size() == 2);
  for (const pc::violation& v : checked.violations) {
    CAPTURE(v.path, v.message);
    CHECK(v.code == violation_code::limit);
    CHECK_THAT(v.message, ContainsSubstring("more effort than the regex engine allows"));
  }
}

TEST_CASE(
    "hostile: the backtracking pattern fuzzing found, as US rules: 200 documents in well "
    "under 2 s, each flagged",
    "[hostile]") {
  // Its postal code pattern starts ^(a+)+$ and goes on with literals; Boost.Regex spent 0.36 s on
  // each 256-character value before it gave up, 72 s for these documents.
  boost::json::object rules =
      boost::json::parse(pc::test::read_test_data("country-rules-backtracking.json")).as_object();
  rules["iso2Code"] = "US";
  auto builder = pc::model::country_rule_set_builder{};
  const auto loaded = builder.add_json(boost::json::serialize(rules), "US.json");
  REQUIRE(loaded);
  const auto set = builder.build();

  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < 200; ++i) {
    // 256 characters: as many as are tried; the tail varies so no two documents are alike.
    const std::size_t tail = i % 16;
    const std::string postal = std::string(256 - tail, 'a') + std::string(tail, 'P');
    const auto checked = validate_create_request_json(
        address_with("postalCode", "\"" + postal + "\""), {.countries = set});
    const pc::violation* flagged = nullptr;
    for (const pc::violation& v : checked.violations) {
      if (v.path == "/billingProfile/defaultAddress/postalCode")
        flagged = &v;
    }
    CAPTURE(i);
    REQUIRE(flagged != nullptr);
    CHECK((flagged->code == violation_code::format || flagged->code == violation_code::limit));
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
}

TEST_CASE("hostile: CR, LF or NUL in anything that becomes a header is refused", "[hostile]") {
  using namespace std::string_literals;
  const std::string bad_values[] = {"x\r\nX-Injected: 1"s, "x\nHost: evil.example"s, "x\rY"s,
                                    "x\0y"s};
  const auto get = [&](const rest::request_context& context, const rest::call_ids& ids = {}) {
    return rest::build_get_customer(context, reseller, ids);
  };
  for (const std::string& bad : bad_values) {
    CAPTURE(bad);
    // The bearer token: refused, and not quoted in the message.
    const auto built = get(context_with("t0ken" + bad));
    require_refused(built, "the bearer token contains CR, LF or NUL");
    CHECK(built.error().message.find("t0ken") == std::string::npos);

    auto context = context_with();
    context.application = "Contoso" + bad;
    require_refused(get(context), "header MS-PartnerCenter-Application contains CR, LF or NUL");

    context = context_with();
    context.locale = "en-US" + bad;
    require_refused(get(context), "is not a culture Partner Center supports");

    require_refused(get(context_with(), {std::string(reseller) + bad, {}}), "is not a GUID");
    require_refused(get(context_with(), {{}, std::string(reseller) + bad}), "is not a GUID");

    auto query = rest::customers_of_reseller(reseller);
    query.continuation_token = "page-2" + bad;
    require_refused(rest::build_list_customers(context_with(), query),
                    "the continuation token contains CR, LF or NUL");
  }
}

TEST_CASE("hostile: ids holding \"../\" or \"?#\" stay one path segment or are refused",
          "[hostile]") {
  const auto context = context_with();
  SECTION("a customer id must be a GUID") {
    for (const std::string_view id : {"../../admin", "..", "x?y#z", "%2e%2e", ""})
      require_refused(rest::build_get_customer(context, id), "is not a GUID");
  }
  SECTION("a country must be two letters") {
    for (const std::string_view iso2 : {"..", "./", "?#", "U/"})
      require_refused(rest::build_get_country_validation_rules(context, iso2),
                      "is not a two-letter ISO 3166-1 code");
  }
  SECTION("a domain is one encoded segment, whatever it holds") {
    for (const std::string_view domain :
         {"../../v1/customers", "..", ".", "a?b#c", "x/../../y", "%2e%2e%2f", "a b\\c"}) {
      CAPTURE(domain);
      const auto built = rest::build_domain_availability(context, domain);
      REQUIRE(built.has_value());
      CHECK_FALSE(built->url.has_query());
      CHECK_FALSE(built->url.has_fragment());
      CHECK(boost::urls::url_view(built->url).segments().size() == 3);  // v1, domains, it
      CHECK(last_segment(built->url) == domain);
      const std::string_view path(built->url.encoded_path().data(),
                                  built->url.encoded_path().size());
      CHECK(path.starts_with("/v1/domains/"));
      CHECK(path.find("/../") == std::string_view::npos);
    }
  }
}

TEST_CASE("hostile: a base URL that is not https is refused unless its host is loopback",
          "[hostile]") {
  for (const std::string_view refused :
       {"http://api.partnercenter.microsoft.com", "HTTP://API.PARTNERCENTER.MICROSOFT.COM",
        "http://10.0.0.1", "http://192.168.1.1:8080", "http://127.0.0.1.nip.io",
        "http://localhost.example.com", "http://[::2]", "http://0x7f000001",
        "ftp://api.partnercenter.microsoft.com", "ws://127.0.0.1", "file:///etc/passwd",
        "https://user:secret@api.partnercenter.microsoft.com", "https://host/?q=1",
        "https://host/#f", "//api.partnercenter.microsoft.com",
        "api.partnercenter.microsoft.com"}) {
    CAPTURE(refused);
    const auto parsed = rest::base_url::parse(refused);
    REQUIRE_FALSE(parsed.has_value());
    CHECK(parsed.error().kind == rest::failure_kind::invalid_request);
    CHECK(parsed.error().message.find("secret") == std::string::npos);
  }
  for (const std::string_view accepted :
       {"http://127.0.0.1:8080", "http://127.255.0.9", "http://[::1]:9000", "http://localhost",
        "http://LOCALHOST:1", "https://api.partnercenter.microsoft.com",
        "https://partner.partnercenterapi.microsoftonline.cn/prefix"}) {
    CAPTURE(accepted);
    CHECK(rest::base_url::parse(accepted).has_value());
  }
}

}  // namespace hostile_inputs_test
