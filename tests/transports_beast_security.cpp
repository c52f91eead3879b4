// The Boost.Beast transport against hostile or misconfigured peers: certificate checks skipped
// only for loopback, a private CA trusted instead of the system's, a read buffer that an endless
// chunk extension or trailer cannot grow, and a name resolution bounded by the connect timeout.
//
// Memory and resolver tests run the client in a forked child: its peak RSS comes from wait4(), and
// a child can be given a network and a resolv.conf of its own without touching the test process.

// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/transports/beast_transport.hpp>

#include "support/fake_partner_center.hpp"
#include "support/loopback_socket.hpp"
#include "support/self_signed_certificate.hpp"
#include "support/transport_fixtures.hpp"

#include <partner_center/rest/client.hpp>

#include <catch2/catch_test_macros.hpp>

#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace transports_beast_security_test {

using namespace partner_center;
using namespace partner_center::rest;
using partner_center::transports::beast_options;
using partner_center::transports::beast_transport;
using namespace std::chrono_literals;

namespace {

using partner_center::test::wait_for;

using steady = std::chrono::steady_clock;

http_request get(std::string_view url) {
  http_request request;
  request.url = boost::urls::url(url);
  return request;
}

// A file that is removed when the test ends, pass or fail.
class temporary_file {
 public:
  explicit temporary_file(std::string_view content) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "pc-beast-security-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0)
      throw std::runtime_error("mkstemp");
    ::close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~temporary_file() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  temporary_file(const temporary_file&) = delete;
  temporary_file& operator=(const temporary_file&) = delete;

  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// Sets an environment variable for one scope and puts back what was there.
class scoped_environment {
 public:
  scoped_environment(const char* name, const std::string& value) : name_(name) {
    if (const char* old = std::getenv(name))
      old_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~scoped_environment() {
    if (old_)
      ::setenv(name_, old_->c_str(), 1);
    else
      ::unsetenv(name_);
  }
  scoped_environment(const scoped_environment&) = delete;
  scoped_environment& operator=(const scoped_environment&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// ---------------------------------------------------------------------------------------------
// A forked child: what it wrote to its pipe, and its peak resident set from wait4().

struct child_outcome {
  std::string output;
  long max_rss_kib = 0;
  bool killed = false;  // still running at the deadline
};

class child_process {
 public:
  // Runs `body` in a child; its return value is the child's output. The child leaves with _exit,
  // so nothing of the test process (Catch2's reporters, static objects) runs twice.
  explicit child_process(const std::function<std::string()>& body) {
    int fds[2];
    if (::pipe(fds) != 0)
      throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ < 0)
      throw std::runtime_error("fork");
    if (pid_ == 0) {
      ::close(fds[0]);
      std::string out;
      int status = 0;
      try {
        out = body();
      } catch (const std::exception& e) {
        out = std::string("exception: ") + e.what();
        status = 1;
      }
      std::size_t done = 0;
      while (done < out.size()) {
        const ssize_t n = ::write(fds[1], out.data() + done, out.size() - done);
        if (n <= 0)
          break;
        done += static_cast<std::size_t>(n);
      }
      ::_exit(status);
    }
    ::close(fds[1]);
    read_fd_ = fds[0];
  }

  ~child_process() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (read_fd_ >= 0)
      ::close(read_fd_);
  }
  child_process(const child_process&) = delete;
  child_process& operator=(const child_process&) = delete;

  // Waits for the child until `limit` has passed, then kills it.
  child_outcome wait(std::chrono::milliseconds limit) {
    child_outcome outcome;
    const auto deadline = steady::now() + limit;
    rusage usage{};
    int status = 0;
    for (;;) {
      const pid_t done = ::wait4(pid_, &status, WNOHANG, &usage);
      if (done == pid_)
        break;
      if (steady::now() >= deadline) {
        ::kill(pid_, SIGKILL);
        ::wait4(pid_, &status, 0, &usage);
        outcome.killed = true;
        break;
      }
      std::this_thread::sleep_for(10ms);
    }
    reaped_ = true;
    outcome.max_rss_kib = usage.ru_maxrss;  // kibibytes on Linux (getrusage(2))
    char buffer[4096];
    for (ssize_t n; (n = ::read(read_fd_, buffer, sizeof buffer)) > 0;)
      outcome.output.append(buffer, static_cast<std::size_t>(n));
    return outcome;
  }

 private:
  pid_t pid_ = -1;
  int read_fd_ = -1;
  bool reaped_ = false;
};

// This process's resident set now, in KiB (proc(5), /proc/self/statm: pages).
long current_rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  statm >> size >> resident;
  return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

// The lines of a child's output.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

// What a call ended with, as lines: "answer STATUS BODY-SIZE" or "CODE\nDETAIL".
std::string describe(const transport_result& r) {
  if (r)
    return "answer " + std::to_string(r->status) + " " + std::to_string(r->body.size());
  return std::string(to_string(r.error().code)) + "\n" + r.error().detail;
}

// ---------------------------------------------------------------------------------------------
// A plain TCP server on 127.0.0.1 for one connection: reads the request head, writes `head`, then
// `filler` bytes in 64 KiB writes, then `tail`, and closes. It stops early when the peer goes away
// and never waits more than a few seconds for anything, nor streams longer than `limit`.

class streaming_server {
 public:
  streaming_server() : listener_(4) {}
  streaming_server(const streaming_server&) = delete;
  streaming_server& operator=(const streaming_server&) = delete;

  [[nodiscard]] std::string url() const {
    return "http://127.0.0.1:" + std::to_string(listener_.port()) + "/v1/customers";
  }

  // Serves one connection; returns how many filler bytes went out.
  std::size_t serve_one(std::string_view head, char filler, std::size_t filler_bytes,
                        std::string_view tail = {}, std::chrono::seconds limit = 30s) const {
    if (!wait_for(listener_.fd(), POLLIN, 10'000))
      return 0;
    const int fd = ::accept(listener_.fd(), nullptr, nullptr);
    if (fd < 0)
      return 0;
    const auto deadline = steady::now() + limit;
    read_head(fd);
    const std::string chunk(64 * 1024, filler);
    std::size_t sent = 0;
    bool alive = partner_center::test::send_all(fd, head, deadline);
    while (alive && sent < filler_bytes) {
      const std::size_t n = std::min(chunk.size(), filler_bytes - sent);
      alive = partner_center::test::send_all(fd, std::string_view(chunk.data(), n), deadline);
      if (alive)
        sent += n;
    }
    if (alive)
      partner_center::test::send_all(fd, tail, deadline);
    ::close(fd);
    return sent;
  }

 private:
  static void read_head(int fd) {
    std::string text;
    char buffer[4096];
    while (text.find("\r\n\r\n") == std::string::npos && text.size() < 65536 &&
           wait_for(fd, POLLIN, 5000)) {
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0)
        return;
      text.append(buffer, static_cast<std::size_t>(n));
    }
  }

  partner_center::test::loopback_listening_socket listener_;
};

// The client in a child, the server here: the child's output is its RSS before the call (KiB),
// then what the call ended with.
struct endless_answer_run {
  child_outcome child;
  std::size_t filler_sent = 0;
  std::chrono::milliseconds elapsed{};
};

endless_answer_run run_endless_answer(std::string_view head) {
  streaming_server server;
  const std::string url = server.url();
  const auto start = steady::now();
  child_process child([&url] {
    const long before = current_rss_kib();
    beast_transport transport{{.timeout = 20s}};
    const auto r = transport(get(url));
    return std::to_string(before) + "\n" + describe(r);
  });
  endless_answer_run run;
  run.filler_sent = server.serve_one(head, 'a', std::size_t{300} << 20);
  run.child = child.wait(30s);
  run.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - start);
  return run;
}

// ---------------------------------------------------------------------------------------------
// A network and a resolver configuration of the child's own (user, mount and network namespaces,
// see user_namespaces(7)): only the loopback interface, a DNS server on 127.0.0.1:53 that takes
// queries and never answers, and "hosts: dns" so that nothing but that server is asked. Nothing
// leaves the machine. Returns an empty string, or why the isolation is not available here.

std::string write_file(const char* path, std::string_view text) {
  const int fd = ::open(path, O_WRONLY);
  if (fd < 0)
    return std::string("open ") + path + ": " + std::strerror(errno);
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok ? std::string() : std::string("write ") + path;
}

std::string isolate_with_silent_dns(const std::string& resolv_conf,
                                    const std::string& nsswitch_conf) {
  const uid_t uid = ::getuid();
  const gid_t gid = ::getgid();
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET) != 0)
    return std::string("unshare: ") + std::strerror(errno);
  if (auto e = write_file("/proc/self/setgroups", "deny"); !e.empty())
    return e;
  if (auto e = write_file("/proc/self/uid_map", "0 " + std::to_string(uid) + " 1"); !e.empty())
    return e;
  if (auto e = write_file("/proc/self/gid_map", "0 " + std::to_string(gid) + " 1"); !e.empty())
    return e;

  const int s = ::socket(AF_INET, SOCK_DGRAM, 0);
  ifreq lo{};
  std::strcpy(lo.ifr_name, "lo");
  if (::ioctl(s, SIOCGIFFLAGS, &lo) != 0)
    return std::string("SIOCGIFFLAGS: ") + std::strerror(errno);
  lo.ifr_flags = static_cast<short>(lo.ifr_flags | IFF_UP);
  if (::ioctl(s, SIOCSIFFLAGS, &lo) != 0)
    return std::string("SIOCSIFFLAGS: ") + std::strerror(errno);
  ::close(s);

  const int dns = ::socket(AF_INET, SOCK_DGRAM, 0);  // left open and never read
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(53);
  if (::bind(dns, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    return std::string("bind 127.0.0.1:53: ") + std::strerror(errno);

  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    return std::string("mount private: ") + std::strerror(errno);
  if (::mount(resolv_conf.c_str(), "/etc/resolv.conf", nullptr, MS_BIND, nullptr) != 0)
    return std::string("bind resolv.conf: ") + std::strerror(errno);
  if (::mount(nsswitch_conf.c_str(), "/etc/nsswitch.conf", nullptr, MS_BIND, nullptr) != 0)
    return std::string("bind nsswitch.conf: ") + std::strerror(errno);
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------

TEST_CASE("beast: insecure_skip_verify is refused for a host that is not loopback before sending",
          "[transport][security]") {
  beast_transport t{{.insecure_skip_verify = true}};
  // Nothing resolves example.invalid (RFC 6761 §6.4): a resolve_failed here would mean the
  // transport went as far as the resolver.
  const auto r = t(get("https://example.invalid/v1/customers"));
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == transport_errc::invalid_request);
  CHECK(r.error().detail ==
        "insecure_skip_verify is accepted only for a loopback host (127.0.0.0/8, ::1, localhost); "
        "refusing to send to \"example.invalid\" without verifying its certificate");
}

TEST_CASE("beast: insecure_skip_verify talks to a loopback TLS server it cannot verify",
          "[transport][security]") {
  test::fake_options options;
  options.tls = true;
  test::fake_partner_center server(options);
  for (const char* host : {"127.0.0.1", "localhost"}) {
    client c{beast_transport{{.insecure_skip_verify = true}},
             test::fast_retry_options(server, host)};
    CHECK(c.check_domain("x.onmicrosoft.com").value() == domain_availability::available);
  }
}

TEST_CASE("beast: a ca_file is trusted and a given CA replaces the system trust store",
          "[transport][security]") {
  test::fake_options options;
  options.tls = true;
  test::fake_partner_center server(options);
  const temporary_file server_ca(server.certificate_pem());
  const temporary_file other_ca(test::make_self_signed_certificate().certificate_pem);

  client by_file{beast_transport{{.ca_file = server_ca.path()}}, test::fast_retry_options(server)};
  CHECK(by_file.check_domain("x.onmicrosoft.com").value() == domain_availability::available);

  // OpenSSL's default verify paths take SSL_CERT_FILE from the environment
  // (https://docs.openssl.org/3.0/man3/SSL_CTX_load_verify_locations/): here the server's
  // certificate plays a system-trusted one.
  const scoped_environment system_store("SSL_CERT_FILE", server_ca.path());
  client by_system{beast_transport{}, test::fast_retry_options(server)};
  CHECK(by_system.check_domain("x.onmicrosoft.com").value() == domain_availability::available);

  // A private CA means trust exactly it: the system store no longer vouches for the server.
  for (const beast_options& private_ca :
       {beast_options{.ca_file = other_ca.path()},
        beast_options{.ca_pem = test::make_self_signed_certificate().certificate_pem}}) {
    client c{beast_transport{private_ca}, test::fast_retry_options(server)};
    const auto refused = c.check_domain("x.onmicrosoft.com");
    REQUIRE_FALSE(refused.has_value());
    REQUIRE(refused.error().transport);
    CHECK(refused.error().transport->code == transport_errc::tls_failed);
  }
}

TEST_CASE("beast: an endless chunk extension or trailer stops at the read buffer cap",
          "[transport][security]") {
  // "1;" then no end of line: the chunk header never completes. "0\r\nX-Trailer: " then no end:
  // the trailers never do. Both used to grow the read buffer with every byte that came.
  const std::string prefix = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string head;
  SECTION("chunk extension") {
    head = prefix + "1;";
  }
  SECTION("trailer") {
    head = prefix + "0\r\nX-Trailer: ";
  }
  const auto run = run_endless_answer(head);
  INFO("child output: " << run.child.output);
  INFO("filler sent: " << run.filler_sent << " bytes in " << run.elapsed.count() << " ms");
  REQUIRE_FALSE(run.child.killed);
  const auto lines = lines_of(run.child.output);
  REQUIRE(lines.size() == 3);
  const long grown_kib = run.child.max_rss_kib - std::stol(lines[0]);
  INFO("peak RSS " << run.child.max_rss_kib << " KiB, " << grown_kib << " KiB over the start");
  CHECK(grown_kib < 64 * 1024);
  CHECK(lines[1] == "protocol");
  CHECK(lines[2] == "read: a chunk header or the trailers of the response exceed 131072 bytes");
  CHECK(run.filler_sent < (std::size_t{64} << 20));  // the client hung up early
}

TEST_CASE("beast: large bodies pass the read buffer cap in one chunk or by Content-Length",
          "[transport][security]") {
  constexpr std::size_t size = std::size_t{4} << 20;
  std::string head;
  std::string tail;
  SECTION("one 4 MiB chunk with an extension") {
    head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400000;name=value\r\n";
    tail = "\r\n0\r\nX-Trailer: done\r\n\r\n";
  }
  SECTION("Content-Length") {
    head = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n";
  }
  streaming_server server;
  std::thread serving([&] { server.serve_one(head, 'a', size, tail); });
  beast_transport t{{.timeout = 20s}};
  const auto r = t(get(server.url()));
  serving.join();
  REQUIRE(r.has_value());
  CHECK(r->status == 200);
  CHECK(r->body == std::string(size, 'a'));
}

TEST_CASE("beast: the header and body limits end the call as protocol errors that say which",
          "[transport][security]") {
  std::string head;
  std::string tail;
  std::size_t filler = 0;
  std::string expected;
  SECTION("header") {
    head = "HTTP/1.1 200 OK\r\nX-Large: ";
    filler = 100 * 1024;
    tail = "\r\nContent-Length: 0\r\n\r\n";
    expected = "read: the response header exceeds 65536 bytes";
  }
  SECTION("body") {
    head = "HTTP/1.1 200 OK\r\nContent-Length: 2000000\r\n\r\n";
    filler = 2'000'000;
    expected = "read: the response body exceeds 1000000 bytes";
  }
  streaming_server server;
  std::thread serving([&] { server.serve_one(head, 'a', filler, tail); });
  beast_transport t{{.timeout = 20s, .max_response_body = 1'000'000}};
  const auto r = t(get(server.url()));
  serving.join();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().code == transport_errc::protocol);
  CHECK(r.error().detail == expected);
}

TEST_CASE("beast: a resolver that never answers costs the connect timeout and no more",
          "[transport][security]") {
  // glibc waits `timeout` seconds per attempt for a silent DNS server (resolv.conf(5)); the
  // transport must give up at connect_timeout.
  const temporary_file resolv_conf("nameserver 127.0.0.1\noptions timeout:5 attempts:1\n");
  const temporary_file nsswitch_conf("hosts: dns\n");
  child_process child([&] {
    if (auto why = isolate_with_silent_dns(resolv_conf.path(), nsswitch_conf.path()); !why.empty())
      return "skip\n" + why;
    beast_transport t{{.connect_timeout = 300ms, .timeout = 20s}};
    const auto start = steady::now();
    const auto r = t(get("http://never-answers.test/v1/customers"));
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(steady::now() - start).count();
    return std::to_string(ms) + "\n" + describe(r);
  });
  const auto outcome = child.wait(30s);
  INFO("child output: " << outcome.output);
  REQUIRE_FALSE(outcome.killed);
  const auto lines = lines_of(outcome.output);
  REQUIRE(lines.size() >= 2);
  if (lines[0] == "skip")
    SKIP("no user, mount and network namespaces here: " << lines[1]);
  REQUIRE(lines.size() == 3);
  CHECK(std::stol(lines[0]) < 2000);
  CHECK(lines[1] == "timeout");
  CHECK(lines[2] == "resolve: never-answers.test gave no address within the connect timeout");
}

}  // namespace transports_beast_security_test
