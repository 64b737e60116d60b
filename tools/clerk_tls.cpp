// TLS for the Clerk client: which certificates are trusted, how the server's is checked, and what
// a failed check tells the operator. A private proxy in between is the usual cause of a verify
// failure, so the messages name the CA-file setting that fixes it.
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/verify_context.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "tools/clerk_client_internal.hpp"

namespace clerk_mcp::tools {

namespace ssl = boost::asio::ssl;
using detail::make_error;
using detail::steady;

namespace detail {

std::optional<ssl::context> make_tls_context(const client_config& config,
                                             const clerk_origin& where) {
    // Certificates must chain to the system store (or the operator's extra CA) and name the
    // host. TLS 1.0 and 1.1 are deprecated (RFC 8996). Loading the system store costs tens of
    // milliseconds, so a plain-http client to a local mock skips it.
    std::optional<ssl::context> context;
    if (!where.tls && config.ca_file.empty()) {
        return context;
    }
    context.emplace(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    context->set_verify_mode(ssl::verify_peer);

    boost::beast::error_code ec;
    if (where.tls) {
        context->set_default_verify_paths(ec);
        if (ec) {
            throw std::invalid_argument("cannot load the system's CA certificates: " +
                                        ec.message());
        }
    }
    if (!config.ca_file.empty()) {
        context->load_verify_file(config.ca_file, ec);
        if (ec) {
            throw std::invalid_argument("cannot load the CA file '" + config.ca_file +
                                        "' named by " + config.ca_file_setting + ": " +
                                        ec.message() + "; it must hold PEM certificates");
        }
    }
    return context;
}

}  // namespace detail

std::optional<transport_error> clerk_http_client::impl::handshake(clerk_connection& c,
                                                                  steady::time_point deadline) {
    // SNI carries host names only (RFC 6066, section 3), never an address literal.
    if (!where.host_is_ip &&
        !SSL_set_tlsext_host_name(c.secure->native_handle(), where.host.c_str())) {
        return make_error(transport_error_kind::tls_handshake,
                          "cannot set the TLS server name for " + where.display);
    }

    // Record why verification failed: OpenSSL's handshake error alone cannot tell an unknown CA
    // from a certificate issued for another host.
    c.secure->set_verify_callback(
        [&record = c.verify, check = ssl::host_name_verification(where.host)](
            bool preverified, ssl::verify_context& ctx) {
            if (!preverified) {
                record.error = X509_STORE_CTX_get_error(ctx.native_handle());
                return false;
            }
            if (!check(preverified, ctx)) {
                record.host_mismatch = true;
                return false;
            }
            return true;
        });

    c.lowest().expires_at(deadline);
    const boost::beast::error_code ec = detail::run(
        c.ioc, [&](auto handler) { c.secure->async_handshake(ssl::stream_base::client, handler); });
    if (!ec) {
        return std::nullopt;
    }
    if (ec == boost::beast::error::timeout) {
        return make_error(transport_error_kind::connect_timeout,
                          "the TLS handshake with " + where.display + " did not finish within " +
                              std::to_string(config.connect_timeout.count()) +
                              " ms (connect timeout or the call's time budget); check the "
                              "network and that the Clerk API URL names an HTTPS server");
    }
    if (c.verify.error != X509_V_OK || c.verify.host_mismatch) {
        return verify_failure(c);
    }
    return make_error(transport_error_kind::tls_handshake,
                      "the TLS handshake with " + where.display + " failed: " + ec.message());
}

transport_error clerk_http_client::impl::verify_failure(const clerk_connection& c) const {
    const std::string reason = c.verify.host_mismatch
                                   ? "it is not issued for " + where.host
                                   : std::string(X509_verify_cert_error_string(c.verify.error));
    std::string text = "the TLS certificate of " + where.display + " did not verify against ";
    if (config.ca_file.empty()) {
        text += "the system's CA store (" + reason +
                "). If a proxy or private certificate authority sits between this machine and "
                "Clerk, name its CA certificate (PEM) with " +
                config.ca_file_setting +
                "; otherwise check the Clerk API URL and the system clock.";
    } else if (c.verify.host_mismatch) {
        text += "the system's CA store or '" + config.ca_file + "' (" + reason +
                "). The certificate is trusted but names another host: check the host in the "
                "Clerk API URL.";
    } else {
        text += "the system's CA store or '" + config.ca_file + "' (" + reason +
                "). Check that this file holds the CA certificate that issued the server's, "
                "and the system clock.";
    }
    return make_error(transport_error_kind::tls_verify, std::move(text));
}

}  // namespace clerk_mcp::tools
