#pragma once

// An application's certificate credential for the auth tests: an RSA key and a self-signed
// certificate made in memory at test time (no files, no openssl command), as an app
// registration's uploaded certificate would be. Client assertions are signed with it and checked
// against its public key.

#include "self_signed_certificate.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace partner_center::test {

inline certificate_pair make_rsa_certificate(unsigned bits = 2048,
                                             const char* common_name = "pc-auth-test-app") {
  std::unique_ptr<EVP_PKEY, detail::pkey_free> key(EVP_RSA_gen(bits));
  detail::require(key != nullptr, "RSA key");
  std::unique_ptr<X509, detail::x509_free> cert(X509_new());
  detail::require(cert != nullptr, "certificate");
  detail::require(X509_set_version(cert.get(), 2) == 1, "version");
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 4711);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 60 * 60);
  detail::require(X509_set_pubkey(cert.get(), key.get()) == 1, "public key");
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name), -1, -1, 0);
  detail::require(X509_set_issuer_name(cert.get(), name) == 1, "issuer");
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

// The same key, PEM-encrypted with a passphrase (AES-256-CBC).
inline std::string encrypt_private_key_pem(const std::string& key_pem, const char* passphrase) {
  std::unique_ptr<BIO, detail::bio_free> in(
      BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  std::unique_ptr<EVP_PKEY, detail::pkey_free> key(
      PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr));
  detail::require(key != nullptr, "read key");
  std::unique_ptr<BIO, detail::bio_free> out(BIO_new(BIO_s_mem()));
  detail::require(PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), EVP_aes_256_cbc(), nullptr, 0,
                                                nullptr, const_cast<char*>(passphrase)) == 1,
                  "encrypted key PEM");
  return detail::drain(out.get());
}

}  // namespace partner_center::test
