// The header under test comes first, so that it is shown to compile on its own.
#include <partner_center/auth/client_assertion.hpp>

#include "support/rsa_certificate.hpp"
#include "support/self_signed_certificate.hpp"

#include <partner_center/model/formats.hpp>

#include <catch2/catch_test_macros.hpp>

#include <boost/json/parse.hpp>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace auth_client_assertion_test {

using namespace partner_center;
using namespace partner_center::auth;

namespace {

constexpr const char* client_id = "8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d";
constexpr const char* audience =
    "https://login.microsoftonline.com/2f7e2a0b-6c1d-4f3e-9a8b-5c4d3e2f1a0b/oauth2/v2.0/token";
const std::chrono::sys_seconds now{std::chrono::seconds{1'700'000'000}};

const test::certificate_pair& rsa() {
  static const test::certificate_pair pair = test::make_rsa_certificate();
  return pair;
}

struct x509_deleter {
  void operator()(X509* x) const noexcept { X509_free(x); }
};

std::unique_ptr<X509, x509_deleter> read_certificate(const std::string& pem) {
  std::unique_ptr<BIO, test::detail::bio_free> bio(
      BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  return std::unique_ptr<X509, x509_deleter>(
      PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
}

// X509_digest, a different road to the thumbprint than the library's (DER + EVP_Digest).
std::string expected_thumbprint(const std::string& pem, const EVP_MD* md) {
  const auto cert = read_certificate(pem);
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  REQUIRE(X509_digest(cert.get(), md, out, &size) == 1);
  return auth::detail::base64url_encode(out, size);
}

std::vector<std::string> split(const std::string& jwt) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = jwt.find('.', start);
    parts.push_back(jwt.substr(start, dot - start));
    if (dot == std::string::npos)
      break;
    start = dot + 1;
  }
  return parts;
}

boost::json::object decode_part(const std::string& part) {
  const auto text = auth::detail::base64url_decode(part);
  REQUIRE(text);
  return boost::json::parse(*text).as_object();
}

bool verify_rs256(const std::string& certificate_pem, const std::string& signing_input,
                  const std::string& signature) {
  const auto cert = read_certificate(certificate_pem);
  std::unique_ptr<EVP_PKEY, test::detail::pkey_free> key(X509_get_pubkey(cert.get()));
  std::unique_ptr<EVP_MD_CTX, auth::detail::md_ctx_free> ctx(EVP_MD_CTX_new());
  REQUIRE(EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) == 1);
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(),
                          reinterpret_cast<const unsigned char*>(signing_input.data()),
                          signing_input.size()) == 1;
}

}  // namespace

TEST_CASE("base64url has no padding and round-trips", "[auth]") {
  CHECK(auth::detail::base64url_encode("") == "");
  CHECK(auth::detail::base64url_encode("f") == "Zg");
  CHECK(auth::detail::base64url_encode("fo") == "Zm8");
  CHECK(auth::detail::base64url_encode("foo") == "Zm9v");
  CHECK(auth::detail::base64url_encode("\xfb\xff") == "-_8");
  CHECK(auth::detail::base64url_decode("-_8") == std::string("\xfb\xff"));
  CHECK_FALSE(auth::detail::base64url_decode("Zm9v="));
  CHECK_FALSE(auth::detail::base64url_decode("Z"));
}

TEST_CASE("the client assertion has the documented header and claims and verifies", "[auth]") {
  const auto cert = client_certificate::from_pem(rsa().certificate_pem, rsa().private_key_pem);
  REQUIRE(cert.has_value());
  CHECK(cert->x5t() == expected_thumbprint(rsa().certificate_pem, EVP_sha1()));
  CHECK(cert->x5t_s256() == expected_thumbprint(rsa().certificate_pem, EVP_sha256()));

  const auto made = (*cert)(assertion_input{audience, client_id, now});
  REQUIRE(made.has_value());
  const std::string jwt(made->reveal());
  const auto parts = split(jwt);
  REQUIRE(parts.size() == 3);
  for (const auto& p : parts) {
    CHECK(p.find('=') == std::string::npos);
    CHECK(p.find('+') == std::string::npos);
    CHECK(p.find('/') == std::string::npos);
  }

  const boost::json::object header = decode_part(parts[0]);
  CHECK(header.size() == 4);
  CHECK(header.at("alg") == "RS256");
  CHECK(header.at("typ") == "JWT");
  CHECK(header.at("x5t") == cert->x5t().c_str());
  CHECK(header.at("x5t#S256") == cert->x5t_s256().c_str());

  const boost::json::object claims = decode_part(parts[1]);
  CHECK(claims.size() == 7);
  CHECK(claims.at("aud") == audience);
  CHECK(claims.at("iss") == client_id);
  CHECK(claims.at("sub") == client_id);
  CHECK(model::formats::is_guid(std::string(claims.at("jti").as_string())));
  CHECK(claims.at("nbf").as_int64() == 1'700'000'000);
  CHECK(claims.at("iat").as_int64() == 1'700'000'000);
  CHECK(claims.at("exp").as_int64() == 1'700'000'000 + 600);

  const auto signature = auth::detail::base64url_decode(parts[2]);
  REQUIRE(signature);
  CHECK(signature->size() == 256);  // RSA 2048
  CHECK(verify_rs256(rsa().certificate_pem, parts[0] + "." + parts[1], *signature));
  CHECK_FALSE(verify_rs256(rsa().certificate_pem, parts[0] + "." + parts[1] + "x", *signature));
  // A certificate the key does not belong to does not verify it.
  CHECK_FALSE(verify_rs256(test::make_rsa_certificate().certificate_pem, parts[0] + "." + parts[1],
                           *signature));
}

TEST_CASE("each assertion has its own jti; the lifetime can be shorter", "[auth]") {
  const auto cert =
      client_certificate::from_pem(rsa().certificate_pem, rsa().private_key_pem).value();
  const auto a = split(std::string(cert(assertion_input{audience, client_id, now})->reveal()));
  const auto b = split(std::string(
      cert.make_assertion(assertion_input{audience, client_id, now}, std::chrono::seconds(300))
          ->reveal()));
  const auto claims_a = decode_part(a[1]);
  const auto claims_b = decode_part(b[1]);
  CHECK(claims_a.at("jti") != claims_b.at("jti"));
  CHECK(claims_b.at("exp").as_int64() == 1'700'000'000 + 300);
}

TEST_CASE("one PEM text holding both the certificate and the key is accepted", "[auth]") {
  const std::string both = rsa().private_key_pem + rsa().certificate_pem;
  const auto cert = client_certificate::from_pem(both, both);
  REQUIRE(cert.has_value());
  CHECK(cert->x5t_s256() == expected_thumbprint(rsa().certificate_pem, EVP_sha256()));
}

TEST_CASE("unusable certificates and keys are refused with the reason", "[auth]") {
  auto reason = [](const std::string& cert_pem, const std::string& key_pem) {
    const auto cert = client_certificate::from_pem(cert_pem, key_pem);
    REQUIRE_FALSE(cert.has_value());
    CHECK(cert.error().kind == auth_failure_kind::invalid_configuration);
    return cert.error().detail;
  };
  CHECK(reason("not a certificate", rsa().private_key_pem)
            .starts_with("the client certificate is not a PEM certificate ("));
  CHECK(reason(rsa().certificate_pem, "not a key")
            .starts_with("the client certificate's private key is not an unencrypted PEM "
                         "private key ("));
  // Refused, not prompted for: the test would hang on a terminal otherwise.
  CHECK(reason(rsa().certificate_pem, test::encrypt_private_key_pem(rsa().private_key_pem, "pw"))
            .starts_with("the client certificate's private key is not an unencrypted PEM "
                         "private key ("));
  const auto ec = test::make_self_signed_certificate();
  CHECK(reason(ec.certificate_pem, ec.private_key_pem) ==
        "the client certificate's key is not RSA (RS256 needs an RSA key)");
  const auto small = test::make_rsa_certificate(1024);
  CHECK(reason(small.certificate_pem, small.private_key_pem) ==
        "the client certificate's RSA key has 1024 bits; at least 2048 are needed");
  CHECK(reason(test::make_rsa_certificate().certificate_pem, rsa().private_key_pem) ==
        "the private key does not belong to the client certificate");
  CHECK(ERR_peek_error() == 0);  // nothing left in OpenSSL's error queue
}

TEST_CASE("a client certificate is a client assertion factory for the token request", "[auth]") {
  token_request_options o;
  o.tenant = "contoso.onmicrosoft.com";
  o.client_id = client_id;
  o.credential = client_assertion{
      client_certificate::from_pem(rsa().certificate_pem, rsa().private_key_pem).value()};
  const auto request = refresh_token_request(o, secret("rt"), now);
  REQUIRE(request.has_value());
  const std::size_t at = request->body.find("&client_assertion=");
  REQUIRE(at != std::string::npos);
  const auto parts = split(request->body.substr(at + 18));
  REQUIRE(parts.size() == 3);
  CHECK(decode_part(parts[1]).at("aud") ==
        "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/token");
}

}  // namespace auth_client_assertion_test
