// Test helper: a self-signed certificate and its key, made with the OpenSSL API at test time and
// written as PEM files into a fresh temporary folder that is removed again on destruction.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace clerk_mcp::test {

class tls_self_signed {
public:
    // A P-256 certificate valid from an hour ago for a day, for the names in
    // `subject_alt_names` (OpenSSL's syntax, e.g. "IP:127.0.0.1,DNS:localhost").
    explicit tls_self_signed(const std::string& subject_alt_names) {
        std::random_device random;
        dir_ = std::filesystem::temp_directory_path() /
               ("clerk-mcp-tls-" + std::to_string(random()) + std::to_string(random()));
        std::filesystem::create_directories(dir_);
        certificate_ = dir_ / "cert.pem";
        private_key_ = dir_ / "key.pem";

        const key_ptr key(EVP_EC_gen("P-256"));
        const cert_ptr cert(X509_new());
        if (!key || !cert) {
            throw std::runtime_error("OpenSSL could not create a key or certificate");
        }
        X509_set_version(cert.get(), 2);
        ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), static_cast<long>(random() >> 1));
        X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
        X509_gmtime_adj(X509_getm_notAfter(cert.get()), 86400);
        X509_set_pubkey(cert.get(), key.get());
        X509_NAME* name = X509_get_subject_name(cert.get());
        X509_NAME_add_entry_by_txt(name,
                                   "CN",
                                   MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("clerk-mcp test"),
                                   -1,
                                   -1,
                                   0);
        X509_set_issuer_name(cert.get(), name);

        add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
        add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
        add_extension(cert.get(), NID_subject_key_identifier, "hash");
        add_extension(cert.get(), NID_subject_alt_name, subject_alt_names);
        if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
            throw std::runtime_error("OpenSSL could not sign the test certificate");
        }

        write_pem(certificate_, [&](FILE* f) { return PEM_write_X509(f, cert.get()); });
        write_pem(private_key_, [&](FILE* f) {
            return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
        });
    }

    ~tls_self_signed() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    tls_self_signed(const tls_self_signed&) = delete;
    tls_self_signed& operator=(const tls_self_signed&) = delete;

    const std::filesystem::path& certificate() const { return certificate_; }
    const std::filesystem::path& private_key() const { return private_key_; }

private:
    struct key_free {
        void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
    };
    struct cert_free {
        void operator()(X509* cert) const { X509_free(cert); }
    };
    using key_ptr = std::unique_ptr<EVP_PKEY, key_free>;
    using cert_ptr = std::unique_ptr<X509, cert_free>;

    static void add_extension(X509* cert, int nid, const std::string& value) {
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
        X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
        if (ext == nullptr) {
            throw std::runtime_error("OpenSSL refused the extension value '" + value + "'");
        }
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    }

    template <class Write>
    static void write_pem(const std::filesystem::path& path, Write write) {
        FILE* file = std::fopen(path.c_str(), "w");
        if (file == nullptr) {
            throw std::runtime_error("cannot write " + path.string());
        }
        const int ok = write(file);
        std::fclose(file);
        if (ok == 0) {
            throw std::runtime_error("OpenSSL could not write " + path.string());
        }
    }

    std::filesystem::path dir_;
    std::filesystem::path certificate_;
    std::filesystem::path private_key_;
};

}  // namespace clerk_mcp::test
