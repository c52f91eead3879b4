#pragma once

// A throwaway TLS identity for the loopback server, made in memory with OpenSSL's C API (no
// openssl command, no files): an ECDSA P-256 key and a self-signed certificate for localhost and
// 127.0.0.1, valid for a day. Clients trust it by taking certificate_pem as their CA.

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace partner_center::test {

struct certificate_pair {
  std::string certificate_pem;
  std::string private_key_pem;
};

namespace detail {

struct bio_free {
  void operator()(BIO* b) const noexcept { BIO_free(b); }
};
struct pkey_free {
  void operator()(EVP_PKEY* k) const noexcept { EVP_PKEY_free(k); }
};
struct x509_free {
  void operator()(X509* x) const noexcept { X509_free(x); }
};

inline void require(bool ok, const char* what) {
  if (!ok)
    throw std::runtime_error(std::string("making the test certificate: ") + what);
}

inline std::string drain(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

inline void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  require(ext != nullptr, "extension");
  const int added = X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
  require(added == 1, "add extension");
}

}  // namespace detail

inline certificate_pair make_self_signed_certificate() {
  std::unique_ptr<EVP_PKEY, detail::pkey_free> key(EVP_EC_gen("P-256"));
  detail::require(key != nullptr, "key");
  std::unique_ptr<X509, detail::x509_free> cert(X509_new());
  detail::require(cert != nullptr, "certificate");
  detail::require(X509_set_version(cert.get(), 2) == 1, "version");  // v3, for extensions

  unsigned char serial_bytes[16];
  detail::require(RAND_bytes(serial_bytes, sizeof serial_bytes) == 1, "serial");
  serial_bytes[0] &= 0x7F;  // positive
  BIGNUM* serial = BN_bin2bn(serial_bytes, sizeof serial_bytes, nullptr);
  detail::require(serial != nullptr, "serial");
  BN_to_ASN1_INTEGER(serial, X509_get_serialNumber(cert.get()));
  BN_free(serial);

  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 60 * 60);
  detail::require(X509_set_pubkey(cert.get(), key.get()) == 1, "public key");

  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  detail::require(X509_set_issuer_name(cert.get(), name) == 1, "issuer");

  detail::add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  detail::add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
  detail::add_extension(cert.get(), NID_ext_key_usage, "serverAuth");
  detail::add_extension(cert.get(), NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  detail::add_extension(cert.get(), NID_subject_key_identifier, "hash");
  detail::require(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "signature");

  std::unique_ptr<BIO, detail::bio_free> cert_bio(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, detail::bio_free> key_bio(BIO_new(BIO_s_mem()));
  detail::require(cert_bio && key_bio, "memory BIO");
  detail::require(PEM_write_bio_X509(cert_bio.get(), cert.get()) == 1, "certificate PEM");
  detail::require(PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                           nullptr) == 1,
                  "key PEM");
  return {detail::drain(cert_bio.get()), detail::drain(key_bio.get())};
}

}  // namespace partner_center::test
