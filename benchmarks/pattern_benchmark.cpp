// The regular-expression engines a country pattern could go through, side by side on the
// patterns the service publishes (GET /v1/countryvalidationrules/{country}: US and PT, in
// data/country-validation-rules/) and on values each accepts and refuses:
//
//   ours        model::country_pattern: PCRE2's interpreter, the pattern searched as one
//               anchored match under a budget of match steps and memory (what validation runs)
//   pcre2       PCRE2's interpreter on the bare pattern, no budget (the cost of the bound)
//   pcre2.jit   PCRE2's JIT on the bare pattern (faster, but it does not count backtracking
//               inside lookarounds, so a budget does not bound its time)
//   boost.regex Boost.Regex, Perl syntax (what country patterns used before PCRE2)
//   std::regex  the standard library's, ECMAScript syntax
//   re2         RE2 (linear time; it cannot read lookaround or backreferences)
//
// Before anything is timed every engine's verdict on every (pattern, value) is checked equal to
// ours; `--smoke` runs that check and each benchmark once.

#include "smoke_arguments.hpp"

#include <partner_center/model/country_pattern.hpp>

#include <benchmark/benchmark.h>

#include <re2/re2.h>
#include <boost/regex.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace pcm = partner_center::model;

struct pattern_case {
  const char* name;
  const char* pattern;
  std::vector<std::string> values;  // accepted and refused ones
};

// Patterns as the service returns them (data/country-validation-rules/US.json and PT.json).
const std::vector<pattern_case>& cases() {
  static const std::vector<pattern_case> all = {
      {"US.postalCode",
       R"(^\d{5}(-\d{4})?$)",
       {"98052", "98052-6399", "9805", "98052-63", "WA 98052"}},
      {"US.phoneNumber",
       R"(^(1[ \-\/\.]?)?(\((\d{3})\)|(\d{3}))[ \-\/\.]?(\d{3})[ \-\/\.]?(\d{4})$)",
       {"4255550101", "(425) 555-0101", "1-425-555-0101", "425.555.010", "+44 20 7946 0958"}},
      {"PT.postalCode", R"(^\d{4}(-\d{3})?$)", {"1000-001", "1000", "1000-01", "PT-1000"}},
      {"PT.vatId", R"(^PT[\d]{9,9}$)", {"PT123456789", "PT12345678", "123456789", "pt123456789"}},
  };
  return all;
}

// The interface each engine gets: compile once, then answer "does the value match?".
class engine {
 public:
  virtual ~engine() = default;
  virtual bool matches(const std::string& value) const = 0;
};

// The service's patterns compile; a failure here is a broken benchmark, said and stopped.
pcm::country_pattern compiled(const char* pattern) {
  auto result = pcm::country_pattern::compile(pattern);
  if (!result) {
    std::fprintf(stderr, "%s\n", result.error().c_str());
    std::exit(1);
  }
  return std::move(*result);
}

class ours final : public engine {
 public:
  explicit ours(const char* pattern) : pattern_(compiled(pattern)) {}
  bool matches(const std::string& value) const override {
    return pattern_.test(value) == pcm::pattern_match::matched;
  }

 private:
  pcm::country_pattern pattern_;
};

template <bool Jit>
class pcre2 final : public engine {
 public:
  explicit pcre2(const char* pattern) {
    int error = 0;
    PCRE2_SIZE offset = 0;
    code_ = pcre2_compile_8(reinterpret_cast<PCRE2_SPTR8>(pattern), PCRE2_ZERO_TERMINATED,
                            PCRE2_UTF, &error, &offset, nullptr);
    if constexpr (Jit)
      pcre2_jit_compile_8(code_, PCRE2_JIT_COMPLETE);
    data_ = pcre2_match_data_create_from_pattern_8(code_, nullptr);
  }
  ~pcre2() override {
    pcre2_match_data_free_8(data_);
    pcre2_code_free_8(code_);
  }
  pcre2(const pcre2&) = delete;
  pcre2& operator=(const pcre2&) = delete;

  bool matches(const std::string& value) const override {
    const auto subject = reinterpret_cast<PCRE2_SPTR8>(value.data());
    const int found = Jit ? pcre2_jit_match_8(code_, subject, value.size(), 0, 0, data_, nullptr)
                          : pcre2_match_8(code_, subject, value.size(), 0, 0, data_, nullptr);
    return found >= 0;
  }

 private:
  pcre2_code_8* code_ = nullptr;
  pcre2_match_data_8* data_ = nullptr;
};

class boost_regex final : public engine {
 public:
  explicit boost_regex(const char* pattern) : regex_(pattern, boost::regex::perl) {}
  bool matches(const std::string& value) const override {
    return boost::regex_search(value, regex_);
  }

 private:
  boost::regex regex_;
};

class std_regex final : public engine {
 public:
  explicit std_regex(const char* pattern) : regex_(pattern, std::regex::ECMAScript) {}
  bool matches(const std::string& value) const override { return std::regex_search(value, regex_); }

 private:
  std::regex regex_;
};

class re2_engine final : public engine {
 public:
  explicit re2_engine(const char* pattern) : regex_(pattern) {}
  bool matches(const std::string& value) const override { return RE2::PartialMatch(value, regex_); }

 private:
  RE2 regex_;
};

struct engine_kind {
  const char* name;
  std::unique_ptr<engine> (*make)(const char* pattern);
};

template <class Engine>
std::unique_ptr<engine> make(const char* pattern) {
  return std::make_unique<Engine>(pattern);
}

const std::vector<engine_kind>& engines() {
  static const std::vector<engine_kind> all = {
      {"ours", make<ours>},
      {"pcre2", make<pcre2<false>>},
      {"pcre2.jit", make<pcre2<true>>},
      {"boost.regex", make<boost_regex>},
      {"std::regex", make<std_regex>},
      {"re2", make<re2_engine>},
  };
  return all;
}

// Every engine must give ours's verdict on every value, or its timing would not mean the same.
int disagreements() {
  int failures = 0;
  int checks = 0;
  for (const pattern_case& c : cases()) {
    const auto reference = engines().front().make(c.pattern);
    for (const engine_kind& kind : engines()) {
      const auto other = kind.make(c.pattern);
      for (const std::string& value : c.values) {
        ++checks;
        if (other->matches(value) != reference->matches(value)) {
          ++failures;
          std::fprintf(stderr, "%s on %s: \"%s\" %s, ours says otherwise\n", kind.name, c.name,
                       value.c_str(), other->matches(value) ? "matches" : "does not match");
        }
      }
    }
  }
  std::printf("engine agreement: %d passed, %d failed\n", checks - failures, failures);
  return failures;
}

void register_all() {
  for (const pattern_case& c : cases()) {
    for (const engine_kind& kind : engines()) {
      const std::string name = std::string(c.name) + "/" + kind.name;
      benchmark::RegisterBenchmark(name.c_str(), [&c, &kind](benchmark::State& state) {
        const auto compiled = kind.make(c.pattern);
        for (auto _ : state) {
          for (const std::string& value : c.values)
            benchmark::DoNotOptimize(compiled->matches(value));
        }
        state.SetItemsProcessed(state.iterations() *
                                static_cast<benchmark::IterationCount>(c.values.size()));
      });
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (disagreements() != 0)
    return 1;
  std::vector<char*> args = bench::arguments_with_smoke(argc, argv);
  int count = static_cast<int>(args.size());
  register_all();
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data()))
    return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
