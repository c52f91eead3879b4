// pc-customer send end to end against the loopback fake Partner Center: where the password goes,
// what is refused before anything is sent, the MS-RequestId that makes a re-run safe, and the
// token kept out of the environment.

#include "support/command_line.hpp"
#include "support/documents.hpp"
#include "support/fake_partner_center.hpp"
#include "support/loopback_socket.hpp"

#include <partner_center/core/encode.hpp>

#include <catch2/catch_test_macros.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cli_send_test {

namespace {

namespace pc = partner_center;
namespace test = partner_center::test;
namespace fs = std::filesystem;

constexpr const char* token = "cli-send-token-5d1e";
const std::string token_variable = std::string("PARTNER_CENTER_TOKEN=") + token;

std::string tool() {
  const std::string path = test::pc_customer_path();
  REQUIRE_FALSE(path.empty());  // the examples are built with the tests
  return path;
}

std::string valid_document(const test::temp_directory& dir) {
  return dir.write("valid.json", pc::encode(test::documented_customer()));
}

test::run_result send(const std::vector<std::string>& args,
                      const std::vector<std::string>& environment = {token_variable}) {
  std::vector<std::string> all{"send"};
  all.insert(all.end(), args.begin(), args.end());
  return test::run(tool(), all, environment);
}

// The id printed on standard error before sending.
std::string printed_request_id(const std::string& err) {
  const std::string marker = "pc-customer send: MS-RequestId ";
  const auto at = err.find(marker);
  REQUIRE(at != std::string::npos);
  return err.substr(at + marker.size(), 36);
}

// What send prints on standard output when the service refuses the create with an error body
// {"code","description","data":[],"source"} (the fake's, in the shape of Partner Center's,
// https://learn.microsoft.com/partner-center/developer/error-codes): `message` is the one line
// for people, then the service's own fields.
std::string refusal_json(int status, const std::string& code, const std::string& description,
                         const std::string& message, const std::string& request_id) {
  return R"({"error":{"kind":"service","message":")" + message + R"(","attempts":1,"httpStatus":)" +
         std::to_string(status) + R"(,"code":")" + code + R"(","description":")" + description +
         R"(","data":[],"retryable":false,"requestId":")" + request_id + "\"}}\n";
}

}  // namespace

TEST_CASE("send: the password goes to a new 0600 credentials file and is printed redacted",
          "[cli][send]") {
  test::fake_partner_center server({.token = token});
  test::temp_directory dir;
  const std::string credentials = (dir.path() / "admin.json").string();
  const auto r = send(
      {valid_document(dir), "--base-url", server.base_url(), "--credentials-file", credentials});
  CAPTURE(r.out, r.err);
  REQUIRE(r.status == 0);
  REQUIRE(server.customer_count() == 1);
  CHECK(server.connections() == 1);  // what the other cases expect to stay 0
  const pc::model::Customer created = server.customers().front();
  const std::string password = *created.userCredentials->password;
  CHECK(r.out.find(*created.id) != std::string::npos);
  CHECK(r.out.find("\"password\":\"<redacted>\"") != std::string::npos);
  CHECK(r.both().find(password) == std::string::npos);
  // The whole output: the customer as created, nothing but the password changed.
  pc::model::Customer shown = created;
  shown.userCredentials->password = "<redacted>";
  CHECK(r.out == pc::encode(shown) + "\n");
  CHECK(r.err == "pc-customer send: MS-RequestId " + server.request_ids().front() + "\n");
  CHECK(test::read_text_file(credentials) ==
        "{\"userName\":\"admin\",\"password\":\"" + password + "\"}\n");
  struct stat st {};
  REQUIRE(::stat(credentials.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(printed_request_id(r.err) == server.request_ids().front());
}

TEST_CASE("send: a credentials file that cannot be created stops it before anything is sent",
          "[cli][send]") {
  test::fake_partner_center server({.token = token});
  test::temp_directory dir;
  for (const std::string path : {"/nonexistent/x", "/proc/pc-customer-credentials"}) {
    CAPTURE(path);
    const auto r =
        send({valid_document(dir), "--base-url", server.base_url(), "--credentials-file", path});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("cannot create the credentials file " + path) != std::string::npos);
    CHECK(r.err.find("nothing was sent") != std::string::npos);
  }
  CHECK(server.connections() == 0);
}

TEST_CASE("send: an existing credentials file is never overwritten and nothing is sent",
          "[cli][send]") {
  test::fake_partner_center server({.token = token});
  test::temp_directory dir;
  const std::string existing = dir.write("admin.json", "{\"password\":\"from an earlier run\"}\n");
  const auto r =
      send({valid_document(dir), "--base-url", server.base_url(), "--credentials-file", existing});
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "pc-customer send: cannot create the credentials file " + existing +
                     ": File exists (it is never overwritten); nothing was sent\n");
  CHECK(server.connections() == 0);
  CHECK(server.statistics().requests == 0);
  CHECK(test::read_text_file(existing) == "{\"password\":\"from an earlier run\"}\n");
}

TEST_CASE("send: a create refused by the service (400, 409) exits 1 and leaves no credentials file",
          "[cli][send]") {
  test::fake_partner_center server({.token = token});
  test::temp_directory dir;
  const std::string credentials = (dir.path() / "admin.json").string();
  struct {
    int status = 0;
    std::string code, description, summary;
  } refused;
  SECTION("409: the domain is taken") {
    server.take_domain(*test::documented_customer().companyProfile->domain);
    refused = {409, "409", "The domain already exists",
               "HTTP 409 Conflict, code 409: The domain already exists"};
  }
  SECTION("400: the reseller is not an active indirect reseller") {
    server.add_reseller("00000000-0000-4000-8000-000000000001");
    refused = {400, "800016", "PartnerID isn't a valid Indirect Reseller",
               "HTTP 400 Bad Request, code 800016 (the partner ID (associatedPartnerId) is not a "
               "valid indirect reseller): PartnerID isn't a valid Indirect Reseller"};
  }
  const auto r = send(
      {valid_document(dir), "--base-url", server.base_url(), "--credentials-file", credentials});
  CAPTURE(r.out, r.err);
  CHECK(r.status == 1);
  const std::string id = printed_request_id(r.err);
  CHECK(r.out == refusal_json(refused.status, refused.code, refused.description,
                              refused.summary + ", MS-RequestId " + id, id));
  // The service said no: nothing was created, so no advice to repeat the request.
  CHECK(r.err == "pc-customer send: MS-RequestId " + id + "\n");
  CHECK(server.statistics().create_requests == 1);
  CHECK(server.customer_count() == 0);
  CHECK_FALSE(fs::exists(credentials));
}

TEST_CASE("send: an invalid document or no token exits before anything is sent", "[cli][send]") {
  test::fake_partner_center server({.token = token});
  test::temp_directory dir;
  const std::string credentials = (dir.path() / "admin.json").string();
  SECTION("no token") {
    const auto r = send(
        {valid_document(dir), "--base-url", server.base_url(), "--credentials-file", credentials},
        {"PARTNER_CENTER_TOKEN="});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err == "pc-customer send: PARTNER_CENTER_TOKEN is not set; nothing was sent\n");
    CHECK_FALSE(fs::exists(credentials));
  }
  SECTION("an invalid document, its reserved credentials file removed") {
    pc::model::Customer broken = test::documented_customer();
    broken.billingProfile->email = "not an address";
    const std::string file = dir.write("broken.json", pc::encode(broken));
    const auto r = send({file, "--base-url", server.base_url(), "--credentials-file", credentials});
    CHECK(r.status == 1);
    CHECK_FALSE(fs::exists(credentials));
  }
  SECTION("--request-id that is not a GUID") {
    const auto r =
        send({valid_document(dir), "--base-url", server.base_url(), "--request-id", "abc"});
    CHECK(r.status == 2);
    CHECK(r.err.starts_with(
        "pc-customer send: --request-id \"abc\" is not a GUID (8-4-4-4-12 hexadecimal digits)\n"));
  }
  CHECK(server.connections() == 0);
}

TEST_CASE("send: a failed create repeated with --request-id creates no second customer",
          "[cli][send]") {
  test::fake_partner_center server({.token = token});
  test::temp_directory dir;
  const std::string document = valid_document(dir);
  // The customer is stored, then the answer is a truncated body: the caller cannot tell.
  server.push_faults({test::fault::malformed});
  const auto failed = send({document, "--base-url", server.base_url()});
  CAPTURE(failed.out, failed.err);
  REQUIRE(failed.status == 2);
  const std::string id = printed_request_id(failed.err);
  CHECK(failed.err.find("run the same command again with --request-id " + id) != std::string::npos);
  REQUIRE(server.customer_count() == 1);

  const auto again = send({document, "--base-url", server.base_url(), "--request-id", id});
  CAPTURE(again.out, again.err);
  CHECK(again.status == 0);
  CHECK(printed_request_id(again.err) == id);
  CHECK(server.customer_count() == 1);
  CHECK(server.statistics().deduplicated == 1);
}

TEST_CASE("send: the token is taken out of the process environment", "[cli][send][secrets]") {
  test::fake_partner_center server({.token = token, .slow_delay = std::chrono::milliseconds(1500)});
  server.push_faults({test::fault::slow});
  test::temp_directory dir;
  test::child_process child(tool(), {"send", valid_document(dir), "--base-url", server.base_url()},
                            {token_variable});
  // While the answer is held back, the process is waiting with the token in memory.
  for (int i = 0; i < 500 && server.request_ids().empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE_FALSE(server.request_ids().empty());
  const std::string environment =
      test::read_text_file("/proc/" + std::to_string(child.pid()) + "/environ");
  CHECK(environment.find(token) == std::string::npos);
  CHECK(environment.find("PARTNER_CENTER_TOKEN=") != std::string::npos);  // the name stays
  CHECK(child.wait().status == 0);
}

namespace {

// A listening socket on 127.0.0.1 that nobody should connect to: a proxy the tool must not use.
class unused_listener {
 public:
  [[nodiscard]] std::string url() const { return socket_.http_url(); }
  // Whether any connection is waiting to be accepted.
  [[nodiscard]] bool was_contacted() const {
    const int accepted = ::accept(socket_.fd(), nullptr, nullptr);
    if (accepted >= 0)
      ::close(accepted);
    return accepted >= 0;
  }

 private:
  test::loopback_listening_socket socket_{16, SOCK_NONBLOCK};
};

}  // namespace

TEST_CASE("send: proxy variables in the environment are not used", "[cli][send][secrets]") {
  test::fake_partner_center server({.token = token});
  unused_listener proxy;
  test::temp_directory dir;
  std::vector<std::string> environment{token_variable};
  for (const char* name :
       {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"})
    environment.push_back(std::string(name) + "=" + proxy.url());
  environment.emplace_back("NO_PROXY=");
  environment.emplace_back("no_proxy=");
  const auto r = send({valid_document(dir), "--base-url", server.base_url()}, environment);
  CAPTURE(r.out, r.err);
  CHECK(r.status == 0);
  CHECK(server.customer_count() == 1);
  CHECK_FALSE(proxy.was_contacted());
}

}  // namespace cli_send_test
