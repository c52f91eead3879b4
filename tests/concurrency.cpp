// Eight threads at once validate and encode over one shared country rule set, and must get what
// one thread gets. Run under ThreadSanitizer by the `tsan` presets (.ci/run), where a data race
// fails the test; in the other builds it is a plain equality check.

#include <partner_center/core/encode.hpp>
#include <partner_center/model/country_rule_set.hpp>
#include <partner_center/model/create_request.hpp>

#include <catch2/catch_test_macros.hpp>

#include <atomic>
#include <cstddef>
#include <latch>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

namespace pc = partner_center;
namespace pcm = partner_center::model;

constexpr std::size_t thread_count = 8;
constexpr std::size_t rounds = 20;

// Rules loaded at run time next to the built-in US and PT: GB with its postal code pattern, and
// ZZ with a pattern that makes Boost.Regex give up (too_complex) on a long value.
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

// Everything one check produces, as text: equal text means equal results.
std::string outcome(std::string_view document, const pcm::country_rule_set& rules, bool strict) {
  const auto checked = pcm::check_create_request(document, {.strict = strict, .countries = &rules});
  std::string out = checked.complete ? "complete\n" : "incomplete\n";
  for (const pc::violation& v : checked.violations) {
    out += v.path + ' ' + std::string(to_string(v.code)) + ' ' +
           std::string(to_string(v.severity)) + ": " + v.message + '\n';
  }
  out += pc::encode(checked.value);
  return out;
}

}  // namespace

TEST_CASE("concurrency: eight threads validate and encode over one shared rule set as one does",
          "[concurrency]") {
  auto builder = pcm::country_rule_set_builder{};
  REQUIRE(builder.add_json(loaded_rules, "loaded.json"));
  const std::shared_ptr<const pcm::country_rule_set> rules = builder.build();

  const std::vector<std::string> inputs = documents();
  std::vector<std::string> expected;
  for (const std::string& document : inputs) {
    for (const bool strict : {false, true})
      expected.push_back(outcome(document, *rules, strict));
  }

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
          if (outcome(inputs[i / 2], *rules, i % 2 == 1) != expected[i])
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
