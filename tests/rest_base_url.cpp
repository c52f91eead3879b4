// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/rest/base_url.hpp>

#include <catch2/catch_test_macros.hpp>

#include <boost/url/parse.hpp>

#include <string>
#include <string_view>

namespace rest_base_url_test {

using namespace partner_center::rest;

namespace {

std::string buffer(const boost::urls::url& u) {
  return std::string(u.buffer());
}

}  // namespace

TEST_CASE("the default base URL is the public cloud", "[rest]") {
  CHECK(base_url().str() == "https://api.partnercenter.microsoft.com");
  CHECK(base_url::public_cloud().str() == public_cloud_base_url);
  CHECK(base_url::china_21vianet().str() == "https://partner.partnercenterapi.microsoftonline.cn");
}

TEST_CASE("endpoints are {base}/v1/...", "[rest]") {
  CHECK(buffer(base_url().endpoint({"customers"})) ==
        "https://api.partnercenter.microsoft.com/v1/customers");
  const auto proxied = base_url::parse("https://proxy.example.com:8443/partner-center/").value();
  CHECK(proxied.str() == "https://proxy.example.com:8443/partner-center");
  CHECK(buffer(proxied.endpoint({"domains", "contoso.onmicrosoft.com"})) ==
        "https://proxy.example.com:8443/partner-center/v1/domains/contoso.onmicrosoft.com");
}

TEST_CASE("https is required except for loopback hosts", "[rest]") {
  for (const char* ok :
       {"https://api.partnercenter.microsoft.com", "http://127.0.0.1:8080", "http://127.4.5.6",
        "http://localhost:1234", "http://LOCALHOST", "http://[::1]:9000", "HTTPS://example.com"}) {
    INFO(ok);
    CHECK(base_url::parse(ok).has_value());
  }
  for (const char* refused :
       {"http://api.partnercenter.microsoft.com", "http://128.0.0.1", "http://10.0.0.1",
        "http://127.0.0.1.nip.io", "http://localhost.example.com", "http://[::2]",
        "ftp://127.0.0.1", "file:///etc/passwd", "api.partnercenter.microsoft.com", "", "https://",
        "https://user:secret@example.com", "https://example.com/?a=b", "https://example.com/#x",
        "https://api.partnercenter.microsoft.com/v1"}) {
    INFO(refused);
    const auto r = base_url::parse(refused);
    CHECK_FALSE(r.has_value());
    if (!r)
      CHECK(r.error().kind == failure_kind::invalid_request);
  }
  CHECK(base_url::parse("http://example.com").error().message ==
        "base URL \"http://example.com\": http:// is accepted only for a loopback host "
        "(127.0.0.0/8, ::1, localhost); use https://");
}

TEST_CASE("loopback hosts are 127.0.0.0/8, ::1 and localhost", "[rest]") {
  CHECK(is_loopback_host("127.0.0.1"));
  CHECK(is_loopback_host("127.255.255.254"));
  CHECK(is_loopback_host("::1"));
  CHECK(is_loopback_host("[::1]"));
  CHECK(is_loopback_host("::ffff:127.0.0.1"));
  CHECK(is_loopback_host("localhost"));
  CHECK_FALSE(is_loopback_host("126.0.0.1"));
  CHECK_FALSE(is_loopback_host("0.0.0.0"));
  CHECK_FALSE(is_loopback_host("::"));
  CHECK_FALSE(is_loopback_host("127.1"));  // a name to the URL grammar, not an address
  CHECK_FALSE(is_loopback_host("localhost."));
  CHECK_FALSE(is_loopback_host(""));
  CHECK(base_url::parse("http://127.0.0.1:1").value().is_loopback());
  CHECK_FALSE(base_url().is_loopback());
}

TEST_CASE("path segments are percent-encoded and stay one segment", "[rest]") {
  const base_url base;
  CHECK(buffer(base.endpoint({"customers", "../admin"})) ==
        "https://api.partnercenter.microsoft.com/v1/customers/..%2Fadmin");
  CHECK(buffer(base.endpoint({"customers", ".."})) ==
        "https://api.partnercenter.microsoft.com/v1/customers/%2E%2E");
  CHECK(buffer(base.endpoint({"customers", "."})) ==
        "https://api.partnercenter.microsoft.com/v1/customers/%2E");
  CHECK(buffer(base.endpoint({"domains", "a?b#c d"})) ==
        "https://api.partnercenter.microsoft.com/v1/domains/a%3Fb%23c%20d");
  CHECK(buffer(base.endpoint({"domains", "m\xC3\xBCller"})) ==
        "https://api.partnercenter.microsoft.com/v1/domains/m%C3%BCller");
  auto u = base.endpoint({"domains", "a/b?c"});
  CHECK(u.segments().size() == 3);
  CHECK(u.segments().back() == "a/b?c");
  CHECK_FALSE(u.has_query());
}

TEST_CASE("query values keep '+', '&', '=' and '%' through Boost.URL's decoding", "[rest]") {
  // Boost.URL 1.81's params() reads a bare '+' as a space, as form decoding does: '+' must go
  // out as %2B.
  const std::string value = R"({"Value":"A+B & C=D 100%"})";
  const query_parameter query[] = {{"filter", value}, {"size", "0"}};
  auto u = base_url().endpoint({"customers"}, query);
  CHECK(std::string(u.encoded_query()) ==
        "filter=%7B%22Value%22%3A%22A%2BB%20%26%20C%3DD%20100%25%22%7D&size=0");
  const auto params = u.params();
  REQUIRE(params.size() == 2);
  CHECK((*params.find("filter")).value == value);
  CHECK((*params.find("size")).value == "0");
  // And a server that decodes the raw query its own way sees the same.
  const auto reparsed = boost::urls::parse_uri(u.buffer()).value();
  CHECK((*reparsed.params().find("filter")).value == value);
}

TEST_CASE("same_origin compares scheme, host and port", "[rest]") {
  const auto base = base_url::parse("https://api.example.com").value();
  CHECK(base.same_origin(boost::urls::parse_uri("https://API.example.com/v1/x").value()));
  CHECK_FALSE(base.same_origin(boost::urls::parse_uri("https://evil.example.com/v1/x").value()));
  CHECK_FALSE(base.same_origin(boost::urls::parse_uri("http://api.example.com/v1/x").value()));
  CHECK_FALSE(base.same_origin(boost::urls::parse_uri("https://api.example.com:444/").value()));
}

TEST_CASE("same_origin takes a scheme's default port for none", "[rest][origin]") {
  const auto base = base_url::parse("https://api.example.com").value();
  CHECK(base.same_origin(boost::urls::parse_uri("https://api.example.com:443/v1/x").value()));
  CHECK_FALSE(base.same_origin(boost::urls::parse_uri("https://api.example.com:80/").value()));
  const auto explicit_port = base_url::parse("https://api.example.com:443").value();
  CHECK(explicit_port.same_origin(boost::urls::parse_uri("https://api.example.com/v1/x").value()));
  const auto loopback = base_url::parse("http://127.0.0.1").value();
  CHECK(loopback.same_origin(boost::urls::parse_uri("http://127.0.0.1:80/v1/x").value()));
  CHECK(origin_of(boost::urls::parse_uri("https://user@api.example.com:8443/v1/x?q#f").value()) ==
        "https://api.example.com:8443");
}

}  // namespace rest_base_url_test
