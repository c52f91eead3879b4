// partner-center-cpp next to Boost.JSON, RapidJSON and nlohmann/json: the same documents mapped
// to the same structs and back. Before anything is timed, every peer's result is checked equal
// to ours; `--smoke` runs those checks and each benchmark once (for CI, where speed is not
// judged). A benchmark that cannot run as meant calls SkipWithError, and any such call makes the
// program exit 1, so a smoke run cannot pass with a benchmark silently skipped.

#include "allocation_counter.hpp"
#include "documents.hpp"
#include "peers.hpp"
#include "smoke_arguments.hpp"

#include <partner_center/core/decode.hpp>
#include <partner_center/core/encode.hpp>
#include <partner_center/model/create_request.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using partner_center::model::Customer;

Customer ours_decode(std::string_view text) {
  Customer out;
  partner_center::report violations;
  if (!partner_center::decode(text, out, violations))
    std::abort();
  return out;
}

std::string canonical(const Customer& c) {
  return partner_center::encode(c);
}

// --- equality checks, run before timing -------------------------------------------------------

int failures = 0;
int checks = 0;

void expect_equal(const char* what, const std::string& ours, const std::string& theirs) {
  ++checks;
  if (ours != theirs) {
    ++failures;
    std::fprintf(stderr, "MISMATCH %s\n  ours:   %s\n  theirs: %s\n", what, ours.c_str(),
                 theirs.c_str());
  }
}

void check_peers_agree() {
  std::vector<std::string> documents = {bench::documented_request(), bench::documented_response()};
  for (const std::string& d : bench::varied_documents(50))
    documents.push_back(d);
  for (const std::string& text : documents) {
    const Customer ours = ours_decode(text);
    const std::string expected = canonical(ours);
    expect_equal("boost.json decode", expected, canonical(peers::boost_json::decode(text)));
    expect_equal("rapidjson decode", expected, canonical(peers::rapid::decode(text)));
    expect_equal("nlohmann decode", expected, canonical(peers::nlohmann_json::decode(text)));
    // Encoders may order members differently (nlohmann sorts them): compare what they mean.
    expect_equal("boost.json encode", expected,
                 canonical(ours_decode(peers::boost_json::encode(ours))));
    expect_equal("rapidjson encode", expected, canonical(ours_decode(peers::rapid::encode(ours))));
    expect_equal("nlohmann encode", expected,
                 canonical(ours_decode(peers::nlohmann_json::encode(ours))));
  }
  // A valid document must be valid for us, or "validate alone" would time the error path.
  for (const std::string& text : documents) {
    ++checks;
    const auto checked = partner_center::model::validate_create_request_json(
        text, {.creation = partner_center::model::customer_creation::direct});
    const bool response = &text == &documents[1];
    if (!response && !checked.valid()) {
      ++failures;
      std::fprintf(stderr, "INVALID benchmark document: %s\n", text.c_str());
      for (const auto& v : checked.violations)
        std::fprintf(stderr, "  %s\n", v.message.c_str());
    }
  }
}

// --- benchmarks -------------------------------------------------------------------------------

const std::string& payload(int which) {
  return which == 0 ? bench::documented_request() : bench::documented_response();
}
const char* payload_name(int which) {
  return which == 0 ? "request" : "response";
}

void count_allocations(benchmark::State& state, std::size_t before) {
  state.counters["allocs/op"] = benchmark::Counter(
      static_cast<double>(bench::allocations.load() - before), benchmark::Counter::kAvgIterations);
}

template <class Decode>
void decode_row(benchmark::State& state, int which, Decode decode) {
  const std::string& text = payload(which);
  const std::size_t before = bench::allocations.load();
  for (auto _ : state) {
    Customer c = decode(text);
    benchmark::DoNotOptimize(c);
  }
  count_allocations(state, before);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

template <class Encode>
void encode_row(benchmark::State& state, int which, Encode encode) {
  const Customer c = ours_decode(payload(which));
  const std::size_t size = canonical(c).size();
  const std::size_t before = bench::allocations.load();
  for (auto _ : state) {
    std::string out = encode(c);
    benchmark::DoNotOptimize(out);
  }
  count_allocations(state, before);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void ours_decode_validate(benchmark::State& state, int which) {
  const std::string& text = payload(which);
  const partner_center::model::create_request_options options{
      .creation = partner_center::model::customer_creation::direct};
  const std::size_t before = bench::allocations.load();
  for (auto _ : state) {
    auto checked = partner_center::model::validate_create_request_json(text, options);
    benchmark::DoNotOptimize(checked);
  }
  count_allocations(state, before);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void ours_validate(benchmark::State& state) {
  const Customer c = ours_decode(bench::documented_request());
  partner_center::report violations;
  const std::size_t before = bench::allocations.load();
  for (auto _ : state) {
    const bool valid = partner_center::model::validate_create_request(c, violations);
    benchmark::DoNotOptimize(valid);
  }
  count_allocations(state, before);
  if (!violations.empty())
    state.SkipWithError("the documented request must be valid");
}

void ours_round_trip(benchmark::State& state, int which) {
  const std::string& text = payload(which);
  for (auto _ : state) {
    std::string out = canonical(ours_decode(text));
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

const std::vector<std::string>& batch() {
  static const std::vector<std::string> documents = bench::varied_documents(10000);
  return documents;
}

std::int64_t batch_bytes() {
  std::int64_t total = 0;
  for (const std::string& d : batch())
    total += static_cast<std::int64_t>(d.size());
  return total;
}

template <class Each>
void batch_row(benchmark::State& state, Each each) {
  for (auto _ : state) {
    for (const std::string& d : batch())
      each(d);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(batch().size()));
  state.SetBytesProcessed(state.iterations() * batch_bytes());
}

void register_all() {
  using benchmark::RegisterBenchmark;
  for (int which : {0, 1}) {
    const std::string p = payload_name(which);
    RegisterBenchmark(("decode/ours/" + p).c_str(),
                      [which](benchmark::State& s) { decode_row(s, which, ours_decode); });
    RegisterBenchmark(("decode/boost.json/" + p).c_str(), [which](benchmark::State& s) {
      decode_row(s, which, peers::boost_json::decode);
    });
    RegisterBenchmark(("decode/rapidjson/" + p).c_str(),
                      [which](benchmark::State& s) { decode_row(s, which, peers::rapid::decode); });
    RegisterBenchmark(("decode/nlohmann/" + p).c_str(), [which](benchmark::State& s) {
      decode_row(s, which, peers::nlohmann_json::decode);
    });
    RegisterBenchmark(("decode+validate/ours/" + p).c_str(),
                      [which](benchmark::State& s) { ours_decode_validate(s, which); });
    RegisterBenchmark(("encode/ours/" + p).c_str(),
                      [which](benchmark::State& s) { encode_row(s, which, canonical); });
    RegisterBenchmark(("encode/boost.json/" + p).c_str(), [which](benchmark::State& s) {
      encode_row(s, which, peers::boost_json::encode);
    });
    RegisterBenchmark(("encode/rapidjson/" + p).c_str(),
                      [which](benchmark::State& s) { encode_row(s, which, peers::rapid::encode); });
    RegisterBenchmark(("encode/nlohmann/" + p).c_str(), [which](benchmark::State& s) {
      encode_row(s, which, peers::nlohmann_json::encode);
    });
    RegisterBenchmark(("round_trip/ours/" + p).c_str(),
                      [which](benchmark::State& s) { ours_round_trip(s, which); });
  }
  RegisterBenchmark("validate/ours/request", ours_validate);
  RegisterBenchmark("batch10k/decode+validate/ours", [](benchmark::State& s) {
    batch_row(s, [](const std::string& d) {
      auto checked = partner_center::model::validate_create_request_json(d);
      benchmark::DoNotOptimize(checked);
    });
  });
  RegisterBenchmark("batch10k/decode/boost.json", [](benchmark::State& s) {
    batch_row(s, [](const std::string& d) {
      auto c = peers::boost_json::decode(d);
      benchmark::DoNotOptimize(c);
    });
  });
  RegisterBenchmark("batch10k/decode/rapidjson", [](benchmark::State& s) {
    batch_row(s, [](const std::string& d) {
      auto c = peers::rapid::decode(d);
      benchmark::DoNotOptimize(c);
    });
  });
}

// Google Benchmark reports a SkipWithError as a row and still exits 0; this reporter counts them.
template <class Reporter>
class error_counting_reporter final : public Reporter {
 public:
  void ReportRuns(const std::vector<benchmark::BenchmarkReporter::Run>& runs) override {
    for (const auto& run : runs) {
      if (run.error_occurred) {
        ++errors_;
        std::fprintf(stderr, "benchmark %s did not run: %s\n", run.benchmark_name().c_str(),
                     run.error_message.c_str());
      }
    }
    Reporter::ReportRuns(runs);
  }
  [[nodiscard]] int errors() const noexcept { return errors_; }

 private:
  int errors_ = 0;
};

template <class Reporter>
int run_benchmarks() {
  error_counting_reporter<Reporter> reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  return reporter.errors();
}

// Proves the exit status: registered only when the environment asks for it (benchmark.smoke_skip).
void register_failing_benchmark_if_asked() {
  const char* asked = std::getenv("PARTNER_CENTER_BENCHMARK_SKIP_ONE");
  if (asked == nullptr || std::string_view(asked) != "1")
    return;
  benchmark::RegisterBenchmark("skip/asked_by_the_environment", [](benchmark::State& state) {
    for (auto _ : state) {
    }
    state.SkipWithError("PARTNER_CENTER_BENCHMARK_SKIP_ONE=1");
  });
}

}  // namespace

int main(int argc, char** argv) {
  check_peers_agree();
  std::printf("peer equality: %d passed, %d failed\n", checks - failures, failures);
  if (failures != 0)
    return 1;

  std::vector<char*> args = bench::arguments_with_smoke(argc, argv);
  int count = static_cast<int>(args.size());
  const bool json = std::any_of(args.begin(), args.end(), [](const char* a) {
    return std::string_view(a) == "--benchmark_format=json";
  });
  register_all();
  register_failing_benchmark_if_asked();
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data()))
    return 2;
  const int errors = json ? run_benchmarks<benchmark::JSONReporter>()
                          : run_benchmarks<benchmark::ConsoleReporter>();
  benchmark::Shutdown();
  return errors == 0 ? 0 : 1;
}
