// Eight threads at once validate, encode and build requests over one shared country rule set and
// one shared request context, and must get what one thread gets. Run under ThreadSanitizer by
// the `tsan` presets (.ci/run), where a data race fails the test; in the other builds it is a
// plain equality check.

#include <partner_center/core/encode.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/create_request.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/redact.hpp>
#include <partner_center/rest/request_context.hpp>

#include <catch2/catch_test_macros.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <latch>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace concurrency_test {

namespace {

namespace pc = partner_center;
namespace pcm = partner_center::model;

constexpr std::size_t thread_count = 8;
constexpr std::size_t rounds = 20;

// Rules loaded at run time next to the built-in US and PT: GB with its postal code pattern, and
// ZZ with a pattern whose match runs out of its step budget on a long value.
constexpr std::string_view loaded_rules = R"([
  {"iso2Code":"GB","isPostalCodeRequired":true,"isCityRequired":true,
   "postalCodeRegex":"^([A-Za-z][A-Ha-hJ-Yj-y]?[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}|[Gg][Ii][Rr] ?0[Aa]{2})$",
   "supportedCulturesList":["en-GB"],"supportedLanguagesList":["en"]},
  {"iso2Code":"ZZ","postalCodeRegex":"^(a+)+$","supportedCulturesList":["en-US"],
   "supportedLanguagesList":["en"]}
])";

std::string request(std::string_view country, std::string_view culture, std::string_view postal,
                    std::string_view extra = {}) {
  std::string out = R"({"companyProfile":{"domain":"wingtiptoys.onmicrosoft.com"},)"
                    R"("billingProfile":{"email":"gena@wingtiptoys.com","culture":")";
  out += culture;
  out += R"(","language":"en","companyName":"Wingtip Toys","defaultAddress":{"country":")";
  out += country;
  out += R"(","city":"Redmond","state":"WA","addressLine1":"One Microsoft Way","postalCode":")";
  out += postal;
  out += R"(","phoneNumber":"4255550101"}},)";
  out += extra;
  out += R"("associatedPartnerId":"484e548c-f5f3-4528-93a9-c16c6373cb59"})";
  return out;
}

std::vector<std::string> documents() {
  return {
      request("US", "en-US", "98052"),
      request("US", "en-us", "9805"),
      request("PT", "pt-PT", "1000-001"),
      request("GB", "en-GB", "SW1A 1AA"),
      request("GB", "en-GB", "not a postcode"),
      request("ZZ", "en-US", std::string(40, 'a') + "!"),
      request("RU", "ru-RU", "101000"),
      request("UK", "en-GB", "SW1A 1AA", R"("Note":"x","userCredentials":{"password":"p"},)"),
      request("US", "en-US", "98052", R"("tags":["a\u0000b"],"relationshipToPartner":"none",)"),
      R"({"companyProfile":{"domain":"x.onmicrosoft.com"},"billingProfile":{"email":1})",
      "not json",
  };
}

void append(std::string& out, const pc::report& violations) {
  for (const pc::violation& v : violations) {
    out += v.path + ' ' + std::string(to_string(v.code)) + ' ' +
           std::string(to_string(v.severity)) + ": " + v.message + '\n';
  }
}

// Everything one check produces, as text: equal text means equal results. The request ids are
// fixed, so that the built request is the same every time.
std::string outcome(std::string_view document,
                    const std::shared_ptr<const pcm::country_rule_set>& rules, bool strict,
                    const pc::rest::request_context& context) {
  pc::rest::create_options options;
  options.request.countries = rules;
  options.request.decoding.strict = strict;
  const auto checked = pcm::validate_create_request_json(document, options.request);
  std::string out = checked.complete ? "complete\n" : "incomplete\n";
  append(out, checked.violations);
  out += pc::encode(checked.value);
  out += '\n';
  options.ids = {"d628adbe-b7ee-412e-ac55-58f22b4ba2f4", "0dd197a8-992c-44ca-aeae-21cd83494dce"};
  if (const auto built = pc::rest::build_create_customer(context, checked.value, options)) {
    out += pc::rest::redacted(*built);
  } else {
    out += built.error().summary() + '\n';
    append(out, built.error().violations);
  }
  return out;
}

}  // namespace

TEST_CASE("concurrency: eight threads validate, encode and build requests as one thread does",
          "[concurrency]") {
  auto builder = pcm::country_rule_set_builder{};
  REQUIRE(builder.add_json(loaded_rules, "loaded.json"));
  const std::shared_ptr<const pcm::country_rule_set> rules = builder.build();
  pc::rest::request_context shared_context;
  shared_context.base_url = pc::rest::base_url::parse("https://127.0.0.1:8443/pc").value();
  shared_context.token = pc::rest::static_token("concurrency-token");
  shared_context.locale = "en-US";
  const pc::rest::request_context& context = shared_context;

  const std::vector<std::string> inputs = documents();
  std::vector<std::string> expected;
  for (const std::string& document : inputs) {
    for (const bool strict : {false, true})
      expected.push_back(outcome(document, rules, strict, context));
  }

  // Some documents are built into requests, some refused: both paths run in the threads.
  const auto built = std::count_if(expected.begin(), expected.end(), [](const std::string& e) {
    return e.find("POST https://127.0.0.1:8443/pc/v1/customers HTTP/1.1") != std::string::npos;
  });
  CHECK(built >= 4);
  CHECK(built < static_cast<std::ptrdiff_t>(expected.size()));

  std::atomic<std::size_t> checks{0};
  std::atomic<std::size_t> mismatches{0};
  std::latch start(thread_count);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < thread_count; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();  // all at once, to give a race its chance
      for (std::size_t round = 0; round < rounds; ++round) {
        // Each thread walks the documents from a different place.
        for (std::size_t k = 0; k < expected.size(); ++k) {
          const std::size_t i = (k + t * 3 + round) % expected.size();
          if (outcome(inputs[i / 2], rules, i % 2 == 1, context) != expected[i])
            mismatches.fetch_add(1, std::memory_order_relaxed);
          checks.fetch_add(1, std::memory_order_relaxed);
        }
      }
    });
  }
  for (std::thread& thread : threads)
    thread.join();

  CHECK(checks.load() == thread_count * rounds * expected.size());
  CHECK(mismatches.load() == 0);
}

}  // namespace concurrency_test
