#pragma once

// Many creates, exactly once each, resumable after a crash: create_customers() takes the rows,
// a journal (batch_journal.hpp), a credentials sink (credentials_sink.hpp) and a transport
// factory, and runs `concurrency` workers that share one limiter (batch_limiter.hpp).
//
//   auto journal = rest::file_journal::open("batch.journal").value();
//   auto sink = rest::credentials_directory::open("credentials").value();
//   std::atomic<bool> stop{false};                        // set it from SIGINT
//   rest::batch_options options;
//   options.client.context = {.base_url = ..., .token = ...};
//   options.create.reseller_id = "484e548c-...";
//   options.concurrency = 8;
//   options.stop = &stop;
//   options.on_progress = [](const rest::batch_progress& p) { ... };
//   auto summary = rest::create_customers(rows, journal, sink,
//                                         [] { return transports::curl_transport{}; }, options);
//
// For each row, in this order, and each step only once the previous one is durable:
//   1. validate it (create_request_body); an invalid row is journalled `invalid` and never sent;
//   2. journal `planned` with a new MS-RequestId and the SHA-256 of the encoded body;
//   3. send it (client<Transport>, retries with the same request id);
//   4. created: store the credentials in the sink, then journal `created`;
//      otherwise journal `refused` (the service said no) or `failed` (no usable answer).
// A run over a journal that already has records skips the rows it settled (created, refused),
// validates `invalid` rows again (they were never sent), and sends `planned` and `failed` rows
// again with the request id they were planned with, so that the service answers a create it
// already made with that customer instead of making a second one ("MS-RequestId ... used to
// ensure id-potency", https://learn.microsoft.com/partner-center/developer/headers). A row whose
// body changed since it was planned is reported as `changed` and not sent: the old body may have
// become a customer already, and the operator has to decide.
//
// Stopping: when *options.stop becomes true, no new row is taken; rows in flight finish and are
// journalled. A journal or credentials write that fails, an authentication failure, or a
// request the client refuses to build stops the batch the same way and is reported in
// batch_summary::error.

#include <partner_center/core/cxx20.hpp>

#include <partner_center/core/message.hpp>
#include <partner_center/core/violation.hpp>
#include <partner_center/model/customer.hpp>
#include <partner_center/rest/batch_journal.hpp>
#include <partner_center/rest/batch_limiter.hpp>
#include <partner_center/rest/batch_summary.hpp>
#include <partner_center/rest/client.hpp>
#include <partner_center/rest/credentials_sink.hpp>
#include <partner_center/rest/customers.hpp>
#include <partner_center/rest/detail/sha256.hpp>
#include <partner_center/rest/failure.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/system/result.hpp>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace partner_center::rest {

// One create request of the batch.
struct batch_row {
  // Unique in the batch and the same in every run over the same input, e.g. the line number and
  // the domain ("12:contoso.onmicrosoft.com"): the journal knows rows by it.
  std::string key;
  model::Customer customer;
  // Found while reading the row (malformed JSON, an unknown member in strict mode): an error
  // makes the row invalid, and it is never sent.
  report problems{};
  // associatedPartnerId for this row; empty: batch_options::create.reseller_id.
  std::string reseller_id{};
};

struct batch_options {
  // Base URL, token, retry policy, clock, sleep: every worker's client gets a copy. Its
  // context.new_id makes the request ids of newly planned rows and the run's correlation id.
  client_options client{};
  // Reseller id, creation kind, domain suffixes, country rules; its ids are ignored.
  create_options create{};
  std::size_t concurrency = 4;
  limiter_options limiter{};
  // Plan refused rows again, with a new request id (after the cause was fixed: a reseller
  // relationship, a domain released).
  bool retry_refused = false;
  std::function<void(const batch_progress&)> on_progress{};
  // Set it (from a signal handler too: a lock-free atomic) to stop taking rows.
  const std::atomic<bool>* stop = nullptr;
};

namespace detail {

// What the journal says about one row: its last record, and its last plan.
struct row_history {
  const journal_record* last = nullptr;
  const journal_record* plan = nullptr;
};

class batch_run {
 public:
  batch_run(std::span<const batch_row> rows, batch_journal& journal, credentials_sink& sink,
            const batch_options& options)
      : rows_(rows)
      , journal_(journal)
      , sink_(sink)
      , options_(options) {}

  // Checks the keys, reads the journal, settles the rows it can without sending anything.
  // Returns the indexes of the rows left to work on.
  boost::system::result<std::vector<std::size_t>, batch_error> prepare() {
    std::map<std::string_view, std::size_t> index;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const std::string& key = rows_[i].key;
      if (key.empty())
        return batch_error{batch_error_kind::rows, "row " + std::to_string(i + 1) + " has no key"};
      const auto [at, inserted] = index.emplace(key, i);
      if (!inserted) {
        return batch_error{batch_error_kind::rows, "rows " + std::to_string(at->second + 1) +
                                                       " and " + std::to_string(i + 1) +
                                                       " have the same key " +
                                                       quote_for_message(key)};
      }
    }
    history_.resize(rows_.size());
    std::map<std::string_view, const journal_record*> unknown;
    std::vector<std::string_view> unknown_order;
    for (const journal_record& r : journal_.earlier()) {
      const auto found = index.find(r.row);
      if (found == index.end()) {
        if (unknown.emplace(r.row, &r).second)
          unknown_order.push_back(r.row);
        else
          unknown[r.row] = &r;
        continue;
      }
      row_history& h = history_[found->second];
      h.last = &r;
      if (r.state == journal_state::planned)
        h.plan = &r;
    }
    for (const std::string_view key : unknown_order)
      summary_.unknown_rows.push_back(*unknown[key]);

    summary_.counts.total = rows_.size();
    summary_.rows.resize(rows_.size());
    const request_context& context = options_.client.context;
    summary_.correlation_id = context.new_id ? context.new_id() : new_guid();
    std::vector<std::size_t> work;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      row_outcome& out = summary_.rows[i];
      out.key = rows_[i].key;
      const row_history& h = history_[i];
      if (h.plan)
        out.request_id = h.plan->request_id;
      if (h.last && h.last->state == journal_state::created) {
        out.status = row_status::created;
        out.customer_id = h.last->customer_id;
        out.tenant_id = h.last->tenant_id;
      } else if (h.last && h.last->state == journal_state::refused && !options_.retry_refused) {
        out.status = row_status::refused;
        out.http_status = h.last->http_status;
        out.service_code = h.last->service_code;
        out.message = h.last->message;
      } else {
        work.push_back(i);
        continue;
      }
      out.earlier = true;
      finish(i, {});
    }
    return work;
  }

  template <class Client>
  void process(Client& client, std::size_t i) {
    const batch_row& row = rows_[i];
    const row_history& h = history_[i];
    row_outcome out;
    out.key = row.key;
    // A planned or failed row keeps the request id it was planned with; any other (new, invalid
    // before, refused and tried again) gets a new one.
    const bool keeps_plan = h.last && (h.last->state == journal_state::planned ||
                                       h.last->state == journal_state::failed);
    const journal_record* plan = keeps_plan ? h.plan : nullptr;
    if (plan)
      out.request_id = plan->request_id;

    create_options options = options_.create;
    if (!row.reseller_id.empty())
      options.reseller_id = row.reseller_id;
    std::optional<create_body> body;
    report violations = row.problems;
    if (violations.valid()) {
      auto made = create_request_body(row.customer, options);
      if (made)
        body = std::move(*made);
      else
        violations.append(made.error().violations);
    }
    if (!body) {
      out.violations = violations.items();
      if (plan) {
        out.status = row_status::changed;
        out.message = "the row was planned with request id " + plan->request_id +
                      " and is now invalid; not sent";
        return finish(i, std::move(out));
      }
      out.status = row_status::invalid;
      out.earlier = h.last && h.last->state == journal_state::invalid;
      if (!out.earlier) {
        journal_record r;
        r.state = journal_state::invalid;
        r.row = row.key;
        r.violations = out.violations;
        append(r);  // a failure stops the batch; the outcome stands
      }
      return finish(i, std::move(out));
    }

    const std::string digest = sha256_hex(body->json);
    if (plan && plan->body_sha256 != digest) {
      out.status = row_status::changed;
      out.message = "the body changed since the row was planned with request id " +
                    plan->request_id + " (SHA-256 " + plan->body_sha256 + ", now " + digest +
                    "); not sent: a customer may exist for the old body";
      return finish(i, std::move(out));
    }
    if (!plan) {
      const request_context& context = options_.client.context;
      out.request_id = context.new_id ? context.new_id() : new_guid();
      journal_record r;
      r.state = journal_state::planned;
      r.row = row.key;
      r.request_id = out.request_id;
      r.body_sha256 = digest;
      if (!append(r)) {
        out.status = row_status::not_started;  // never sent
        return finish(i, std::move(out));
      }
    }

    auto created = client.create_customer(*body, call_ids{out.request_id, summary_.correlation_id});
    if (created) {
      out.status = row_status::created;
      out.customer_id = created->id.value_or("");
      if (created->companyProfile && created->companyProfile->tenantId)
        out.tenant_id = *created->companyProfile->tenantId;
      const bool has_password = created->userCredentials && created->userCredentials->password &&
                                !created->userCredentials->password->empty();
      if (has_password) {
        // Named after the domain as sent: the one the operator knows the row by.
        auto stored = sink_.store({row.key, *body->customer.companyProfile->domain, out.customer_id,
                                   *created->userCredentials});
        secure_erase(*created->userCredentials->password);
        if (!stored) {
          // Not journalled as created: the next run asks again with the same request id.
          out.status = row_status::failed;
          out.message =
              "customer " + out.customer_id +
              " was created, but its credentials could not be stored: " + stored.error().message();
          stop_with({batch_error_kind::credentials, "cannot store the credentials of row " +
                                                        quote_for_message(row.key) + ": " +
                                                        stored.error().message()});
          return finish(i, std::move(out));
        }
        out.credentials = std::move(*stored);
      } else {
        out.message = "the answer held no credentials";
      }
      journal_record r;
      r.state = journal_state::created;
      r.row = row.key;
      r.customer_id = out.customer_id;
      r.tenant_id = out.tenant_id;
      append(r);
      return finish(i, std::move(out));
    }

    const failure& f = created.error();
    out.message = f.summary();
    if (f.service)
      out.http_status = f.service->http_status;
    if (f.is_authentication()) {
      out.status = row_status::failed;  // left `planned`: sent again with its id next run
      stop_with({batch_error_kind::authentication, f.summary()});
      return finish(i, std::move(out));
    }
    if (f.kind == failure_kind::invalid_request) {
      out.status = row_status::failed;
      stop_with({batch_error_kind::request, f.summary()});
      return finish(i, std::move(out));
    }
    journal_record r;
    r.row = row.key;
    r.message = out.message;
    r.http_status = out.http_status;
    if (f.kind == failure_kind::service && f.service && !f.service->retryable()) {
      out.status = row_status::refused;
      out.service_code = f.service->code;
      r.state = journal_state::refused;
      r.service_code = out.service_code;
    } else {
      out.status = row_status::failed;
      r.state = journal_state::failed;
      r.failure = std::string(to_string(f.kind));
      if (f.transport)
        r.transport = std::string(to_string(f.transport->code));
      r.attempts = f.attempts;
    }
    append(r);
    finish(i, std::move(out));
  }

  [[nodiscard]] bool should_stop() const noexcept {
    return halted_.load() || (options_.stop && options_.stop->load());
  }

  void stop_with(batch_error error) {
    std::lock_guard lock(mutex_);
    if (!summary_.error)
      summary_.error = std::move(error);
    halted_ = true;
  }

  batch_summary take_summary() {
    std::lock_guard lock(mutex_);
    for (const row_outcome& r : summary_.rows) {
      if (r.status == row_status::not_started) {
        summary_.stopped = !summary_.error && options_.stop && options_.stop->load();
        break;
      }
    }
    return std::move(summary_);
  }

 private:
  bool append(const journal_record& r) {
    journal_result<void> written;
    {
      std::lock_guard lock(journal_mutex_);
      written = journal_.append(r);
    }
    if (!written)
      stop_with({batch_error_kind::journal, written.error().summary()});
    return written.has_value();
  }

  // Records the outcome (an empty one: the row's is already in place) and reports progress.
  void finish(std::size_t i, std::optional<row_outcome> outcome) {
    std::lock_guard lock(mutex_);
    row_outcome& out = summary_.rows[i];
    if (outcome)
      out = std::move(*outcome);
    if (out.status == row_status::not_started)
      return;
    batch_counts& c = summary_.counts;
    ++c.done;
    if (out.earlier)
      ++c.earlier;
    switch (out.status) {
      case row_status::created:
        ++c.created;
        break;
      case row_status::invalid:
        ++c.invalid;
        break;
      case row_status::refused:
        ++c.refused;
        break;
      case row_status::failed:
        ++c.failed;
        break;
      case row_status::changed:
        ++c.changed;
        break;
      case row_status::not_started:
        break;
    }
    if (options_.on_progress)
      options_.on_progress(batch_progress{c, out});
  }

  std::span<const batch_row> rows_;
  batch_journal& journal_;
  credentials_sink& sink_;
  const batch_options& options_;
  std::vector<row_history> history_;
  std::mutex mutex_;          // summary_
  std::mutex journal_mutex_;  // one append at a time
  std::atomic<bool> halted_{false};
  batch_summary summary_;
};

}  // namespace detail

// Creates a customer for each row, at most once each across runs (see the top of the file).
// `make_transport` is called once per worker, on the calling thread, and returns that worker's
// transport (a fresh curl_transport, or a callable sharing one thread-safe transport). An error
// means nothing was done (the rows' keys are unusable); everything else, an early stop included,
// is in the summary.
template <class TransportFactory>
requires transport<std::decay_t<std::invoke_result_t<TransportFactory&>>>
    boost::system::result<batch_summary, batch_error> create_customers(
        std::span<const batch_row> rows, batch_journal& journal, credentials_sink& credentials,
        TransportFactory&& make_transport, const batch_options& options = {}) {
  using inner_transport = std::decay_t<std::invoke_result_t<TransportFactory&>>;
  using worker_client = client<throttled_transport<inner_transport>>;

  detail::batch_run run(rows, journal, credentials, options);
  auto work = run.prepare();
  if (!work)
    return work.error();
  const std::size_t workers = std::min(std::max<std::size_t>(options.concurrency, 1), work->size());
  if (workers == 0)
    return run.take_summary();

  batch_limiter limiter(options.limiter);
  std::vector<worker_client> clients;
  clients.reserve(workers);
  for (std::size_t w = 0; w < workers; ++w)
    clients.emplace_back(throttled_transport<inner_transport>(make_transport(), limiter),
                         options.client);

  std::atomic<std::size_t> next{0};
  auto work_loop = [&](worker_client& c) {
    try {
      while (!run.should_stop()) {
        const std::size_t n = next++;
        if (n >= work->size())
          return;
        run.process(c, (*work)[n]);
      }
    } catch (const std::exception& e) {
      run.stop_with({batch_error_kind::internal, e.what()});
    } catch (...) {
      run.stop_with({batch_error_kind::internal, "an unknown exception"});
    }
  };
  {
    std::vector<std::jthread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w)
      threads.emplace_back(work_loop, std::ref(clients[w]));
  }  // joined here
  return run.take_summary();
}

}  // namespace partner_center::rest
