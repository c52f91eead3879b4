#pragma once

// A transport for client tests without a network: it records every request and answers from a
// script (a queue of canned outcomes), or from a handler when the queue is empty.

#include <partner_center/rest/http.hpp>

#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace partner_center::test {

struct scripted_state {
  std::vector<rest::http_request> requests;
  std::deque<rest::transport_result> script;
  std::function<rest::transport_result(const rest::http_request&)> handler;
};

// Copies share one state, so a test keeps a handle while the client owns its copy.
class scripted_transport {
 public:
  scripted_transport() : state_(std::make_shared<scripted_state>()) {}

  rest::transport_result operator()(const rest::http_request& request) {
    state_->requests.push_back(request);
    if (!state_->script.empty()) {
      rest::transport_result next = std::move(state_->script.front());
      state_->script.pop_front();
      return next;
    }
    if (state_->handler)
      return state_->handler(request);
    return rest::transport_error{rest::transport_errc::other, "script exhausted"};
  }

  scripted_transport& then(int status, std::string body = {}, rest::http_headers headers = {}) {
    rest::http_response r;
    r.status = status;
    r.body = std::move(body);
    r.headers = std::move(headers);
    state_->script.emplace_back(std::move(r));
    return *this;
  }
  scripted_transport& then_fail(rest::transport_errc code, std::string detail = {}) {
    state_->script.emplace_back(rest::transport_error{code, std::move(detail)});
    return *this;
  }

  [[nodiscard]] const std::vector<rest::http_request>& requests() const { return state_->requests; }
  [[nodiscard]] scripted_state& state() { return *state_; }

 private:
  std::shared_ptr<scripted_state> state_;
};

}  // namespace partner_center::test
