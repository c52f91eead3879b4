// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/batch_limiter.hpp>

#include "support/batch_fixtures.hpp"
#include "support/scripted_transport.hpp"

#include <catch2/catch_test_macros.hpp>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

namespace rest_batch_limiter_test {

using namespace partner_center;
using namespace partner_center::rest;
using namespace std::chrono_literals;

namespace {

limiter_options on_clock(test::virtual_clock& clock, double per_minute) {
  limiter_options o;
  o.per_minute = per_minute;
  o.now = [&clock] {
    return clock.now();
  };
  o.sleep_until = [&clock](std::chrono::steady_clock::time_point t) {
    clock.sleep_until(t);
  };
  return o;
}

http_response throttled(std::string retry_after, std::string body = {}) {
  http_response r;
  r.status = 429;
  if (!retry_after.empty())
    r.headers.add("Retry-After", std::move(retry_after));
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("limiter: requests are spaced evenly at the rate, with no burst", "[batch]") {
  test::virtual_clock clock;
  batch_limiter limiter(on_clock(clock, 60));
  std::vector<std::chrono::milliseconds> sent;
  for (int i = 0; i < 5; ++i) {
    limiter.acquire();
    sent.push_back(clock.elapsed());
  }
  CHECK(sent == std::vector<std::chrono::milliseconds>{0ms, 1000ms, 2000ms, 3000ms, 4000ms});
}

TEST_CASE("limiter: a pause holds every worker, not only the throttled one", "[batch]") {
  test::virtual_clock clock;
  batch_limiter limiter(on_clock(clock, 0));  // no rate: only the pause moves the clock
  constexpr int workers = 4;
  std::atomic<int> sequence{0};
  std::atomic<bool> paused{false};
  int pause_sequence = 0;
  std::chrono::milliseconds pause_start{0};
  struct acquired {
    int started;  // sequence number when acquire() was called
    std::chrono::milliseconds at;
  };
  std::mutex mutex;
  std::vector<acquired> log;

  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w) {
    threads.emplace_back([&, w] {
      for (int i = 0; i < 10; ++i) {
        if (i == 2 && w != 0) {
          while (!paused)
            std::this_thread::yield();
        }
        const int started = ++sequence;
        limiter.acquire();
        {
          std::lock_guard lock(mutex);
          log.push_back({started, clock.elapsed()});
        }
        if (w == 0 && i == 1) {  // worker 0's second request is answered 429, Retry-After: 2
          pause_start = clock.elapsed();
          limiter.pause_for(throttled("2"));
          // Numbered after the pause is in force: a request that starts later must wait for it
          // (one numbered before pause_for returned may legitimately have gone through at once).
          pause_sequence = ++sequence;
          paused = true;
        }
      }
    });
  }
  for (auto& t : threads)
    t.join();

  std::size_t after_pause = 0;
  for (const acquired& a : log) {
    if (a.started > pause_sequence) {
      ++after_pause;
      CHECK(a.at >= pause_start + 2s);
    }
  }
  CHECK(after_pause >= workers * 8);           // at least every request from the third on
  CHECK(clock.elapsed() == pause_start + 2s);  // one pause of 2 s, not one per worker
  CHECK(limiter.pauses() == 1);
}

TEST_CASE("limiter: how long a 429 pauses", "[batch]") {
  test::virtual_clock clock;
  limiter_options options = on_clock(clock, 0);
  options.pause_without_retry_after = 1500ms;
  options.max_pause = 60s;
  std::vector<std::chrono::milliseconds> told;
  options.on_pause = [&](std::chrono::milliseconds d) {
    told.push_back(d);
  };
  batch_limiter limiter(options);
  const auto pause_of = [&](const http_response& r) {
    clock.sleep_until(limiter.paused_until());  // the previous pause is over
    const auto before = clock.now();
    limiter.pause_for(r);
    return std::chrono::duration_cast<std::chrono::milliseconds>(limiter.paused_until() - before);
  };
  CHECK(pause_of(throttled("2")) == 2s);
  CHECK(pause_of(throttled(
            "",
            R"({"statusCode":429,"message":"Rate limit is exceeded. Try again in 5 seconds."})")) ==
        5s);
  CHECK(pause_of(throttled("")) == 1500ms);
  CHECK(pause_of(throttled("3600")) == 60s);
  CHECK(told == std::vector<std::chrono::milliseconds>{2s, 5s, 1500ms, 60s});

  SECTION("a shorter pause does not cut a longer one") {
    limiter.pause(10s);
    const auto until = limiter.paused_until();
    limiter.pause(1s);
    CHECK(limiter.paused_until() == until);
  }
}

TEST_CASE("limiter: the transport waits for the pause a 429 started", "[batch]") {
  test::virtual_clock clock;
  batch_limiter limiter(on_clock(clock, 0));
  test::scripted_transport script;
  rest::http_headers retry_after;
  retry_after.add("Retry-After", "2");
  script.then(429, "", retry_after).then(201, "{}");
  throttled_transport send(script, limiter);
  const http_request request;
  const auto first = send(request);
  REQUIRE(first.has_value());
  CHECK(first->status == 429);
  CHECK(clock.elapsed() == 0ms);
  const auto second = send(request);
  REQUIRE(second.has_value());
  CHECK(second->status == 201);
  CHECK(clock.elapsed() == 2s);
}

}  // namespace rest_batch_limiter_test
