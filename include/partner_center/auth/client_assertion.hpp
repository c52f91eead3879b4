#pragma once

// A certificate as the application's credential: a JWT client assertion (RFC 7523 §2.2) signed
// with the certificate's RSA key, in the format of "Microsoft identity platform certificate
// credentials" (https://learn.microsoft.com/entra/identity-platform/certificate-credentials):
//
//   header  {"alg":"RS256","typ":"JWT","x5t":<SHA-1 thumbprint>,"x5t#S256":<SHA-256 thumbprint>}
//   claims  {"aud":<token endpoint URL>,"iss":<client id>,"sub":<client id>,"jti":<GUID>,
//            "nbf":<now>,"iat":<now>,"exp":<now + 10 min>}
//
// Thumbprints are of the certificate's DER encoding, base64url without padding (RFC 7515 §4.1.7,
// §4.1.8). RS256 is RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3); the page's current text
// shows PS256, and its earlier text and Entra ID accept RS256, which every JWT stack has.
// The page asks for an exp "5-10 minutes after nbf": the assertion is made per request.
//
// Needs OpenSSL's libcrypto (link OpenSSL::Crypto): this header, and only this one, includes
// OpenSSL. A client_certificate is a client_assertion factory (token_request.hpp):
//
//   auto cert = auth::client_certificate::from_pem(certificate_pem, key_pem).value();
//   options.credential = auth::client_assertion{cert};

#include <partner_center/core/cxx20.hpp>

#include <partner_center/auth/detail/base64url.hpp>
#include <partner_center/auth/failure.hpp>
#include <partner_center/auth/secret.hpp>
#include <partner_center/auth/token_request.hpp>
#include <partner_center/rest/request_context.hpp>
#include <partner_center/rest/secure_erase.hpp>

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <chrono>
#include <climits>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace partner_center::auth {

// Entra ID takes assertions valid for a short while; ten minutes is the page's upper bound.
inline constexpr std::chrono::seconds default_assertion_lifetime{600};
// NIST SP 800-131A: RSA keys under 2048 bits are no longer acceptable for signatures.
inline constexpr int min_rsa_key_bits = 2048;

namespace detail {

struct evp_pkey_free {
  void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct x509_free {
  void operator()(X509* x) const noexcept { X509_free(x); }
};
struct bio_free {
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};
struct md_ctx_free {
  void operator()(EVP_MD_CTX* c) const noexcept { EVP_MD_CTX_free(c); }
};

// OpenSSL's last error, as text, and an empty error queue afterwards (so that it does not
// surface in some later, unrelated OpenSSL call of the program's).
inline std::string openssl_error() {
  const unsigned long code = ERR_peek_last_error();
  std::string out;
  if (code != 0) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    out = text;
  }
  ERR_clear_error();
  return out;
}

inline std::unique_ptr<BIO, bio_free> memory_bio(std::string_view pem) {
  if (pem.size() > static_cast<std::size_t>(INT_MAX))
    return nullptr;
  return std::unique_ptr<BIO, bio_free>(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

// A PEM key protected by a passphrase is refused, not prompted for on the terminal (OpenSSL's
// default callback reads one from the console).
inline int no_passphrase(char*, int, int, void*) {
  return -1;
}

inline std::string thumbprint(const std::vector<unsigned char>& der, const EVP_MD* digest) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(der.data(), der.size(), md, &size, digest, nullptr) != 1)
    return {};
  return base64url_encode(md, size);
}

// A version 4 GUID (RFC 4122 §4.4) from OpenSSL's CSPRNG: the jti must not repeat.
inline std::string random_guid() {
  unsigned char bytes[16];
  if (RAND_bytes(bytes, sizeof bytes) != 1)
    return {};
  return rest::guid_v4_from_bytes(bytes);
}

}  // namespace detail

class client_certificate {
 public:
  // The certificate and its private key, PEM. They may be the same text (one file holding
  // both): each is the first block of its kind. The key must be RSA (2048 bits or more),
  // unencrypted, and belong to the certificate.
  static result<client_certificate> from_pem(std::string_view certificate_pem,
                                             std::string_view private_key_pem) {
    auto refuse = [](std::string detail) {
      return local_failure(auth_failure_kind::invalid_configuration, std::move(detail));
    };
    ERR_clear_error();
    auto cert_bio = detail::memory_bio(certificate_pem);
    auto key_bio = detail::memory_bio(private_key_pem);
    if (!cert_bio || !key_bio)
      return refuse("the certificate or key is too large");
    std::unique_ptr<X509, detail::x509_free> cert(
        PEM_read_bio_X509(cert_bio.get(), nullptr, detail::no_passphrase, nullptr));
    if (!cert) {
      return refuse("the client certificate is not a PEM certificate (" + detail::openssl_error() +
                    ")");
    }
    std::shared_ptr<EVP_PKEY> key(
        PEM_read_bio_PrivateKey(key_bio.get(), nullptr, detail::no_passphrase, nullptr),
        detail::evp_pkey_free{});
    if (!key) {
      return refuse("the client certificate's private key is not an unencrypted PEM private key (" +
                    detail::openssl_error() + ")");
    }
    if (EVP_PKEY_base_id(key.get()) != EVP_PKEY_RSA)
      return refuse("the client certificate's key is not RSA (RS256 needs an RSA key)");
    if (EVP_PKEY_bits(key.get()) < min_rsa_key_bits) {
      return refuse("the client certificate's RSA key has " +
                    std::to_string(EVP_PKEY_bits(key.get())) + " bits; at least " +
                    std::to_string(min_rsa_key_bits) + " are needed");
    }
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
      detail::openssl_error();
      return refuse("the private key does not belong to the client certificate");
    }
    const int der_size = i2d_X509(cert.get(), nullptr);
    if (der_size <= 0)
      return refuse("the client certificate cannot be DER-encoded (" + detail::openssl_error() +
                    ")");
    std::vector<unsigned char> der(static_cast<std::size_t>(der_size));
    unsigned char* p = der.data();
    i2d_X509(cert.get(), &p);

    client_certificate out;
    out.key_ = std::move(key);
    out.x5t_ = detail::thumbprint(der, EVP_sha1());
    out.x5t_s256_ = detail::thumbprint(der, EVP_sha256());
    if (out.x5t_.empty() || out.x5t_s256_.empty())
      return refuse("the client certificate's thumbprint failed (" + detail::openssl_error() + ")");
    return out;
  }

  // base64url SHA-1 and SHA-256 thumbprints of the certificate (the header's x5t, x5t#S256).
  [[nodiscard]] const std::string& x5t() const noexcept { return x5t_; }
  [[nodiscard]] const std::string& x5t_s256() const noexcept { return x5t_s256_; }

  // A signed assertion for one request. `jwt_id` empty: a new GUID.
  [[nodiscard]] result<secret> make_assertion(
      const assertion_input& in, std::chrono::seconds lifetime = default_assertion_lifetime,
      std::string jwt_id = {}) const {
    if (!key_)
      return local_failure(auth_failure_kind::invalid_configuration, "no client certificate");
    boost::json::object header;
    header["alg"] = "RS256";
    header["typ"] = "JWT";
    header["x5t"] = x5t_;
    header["x5t#S256"] = x5t_s256_;
    const std::int64_t now = in.now.time_since_epoch().count();
    boost::json::object claims;
    claims["aud"] = in.audience;
    claims["iss"] = in.client_id;
    claims["sub"] = in.client_id;
    if (jwt_id.empty())
      jwt_id = detail::random_guid();
    if (jwt_id.empty()) {
      return local_failure(
          auth_failure_kind::invalid_configuration,
          "no random jti for the client assertion (" + detail::openssl_error() + ")");
    }
    claims["jti"] = jwt_id;
    claims["nbf"] = now;
    claims["iat"] = now;
    claims["exp"] = now + lifetime.count();

    std::string signing_input = detail::base64url_encode(boost::json::serialize(header));
    signing_input += '.';
    signing_input += detail::base64url_encode(boost::json::serialize(claims));

    std::unique_ptr<EVP_MD_CTX, detail::md_ctx_free> ctx(EVP_MD_CTX_new());
    std::size_t size = 0;
    const auto* data = reinterpret_cast<const unsigned char*>(signing_input.data());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &size, data, signing_input.size()) != 1) {
      return local_failure(auth_failure_kind::invalid_configuration,
                           "signing the client assertion failed (" + detail::openssl_error() + ")");
    }
    std::vector<unsigned char> signature(size);
    if (EVP_DigestSign(ctx.get(), signature.data(), &size, data, signing_input.size()) != 1) {
      return local_failure(auth_failure_kind::invalid_configuration,
                           "signing the client assertion failed (" + detail::openssl_error() + ")");
    }
    std::string jwt;
    jwt.reserve(signing_input.size() + 1 + (size * 4 + 2) / 3);
    jwt += signing_input;
    jwt += '.';
    jwt += detail::base64url_encode(signature.data(), size);
    return secret(std::move(jwt));
  }

  // A client_certificate is an assertion_factory.
  result<secret> operator()(const assertion_input& in) const { return make_assertion(in); }

 private:
  client_certificate() = default;

  std::shared_ptr<EVP_PKEY> key_;  // shared: copies of the credential sign with one key
  std::string x5t_;
  std::string x5t_s256_;
};

}  // namespace partner_center::auth
