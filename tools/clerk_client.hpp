// The outbound side of execute_request: one HTTP request to Clerk's Backend API and its answer.
// `clerk_transport` is the seam unit tests replace with a recording fake; `clerk_http_client` is
// the real one (Boost.Beast over TLS, kept out of this header so that includers stay cheap).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include "tools/clerk_api_url.hpp"

namespace spdlog {
class logger;
}

namespace clerk_mcp::tools {

// One request to Clerk, before the client adds the base URL and its own headers.
struct http_request {
    // Upper-case HTTP method: GET, POST, PUT, PATCH or DELETE.
    std::string method;

    // Path and query below `/v1`, already percent-encoded, e.g. "/users?limit=10". Must start
    // with '/' and hold no whitespace, control character or '#'.
    std::string target;

    // JSON text, or empty for no body. A non-empty body is sent with
    // `Content-Type: application/json`.
    std::string body;

    // The `Clerk-API-Version` header (a spec date such as "2025-11-10"); omitted when empty.
    std::string api_version;
};

// Clerk's answer. Any status is a response, 4xx and 5xx included: interpreting it is the
// caller's job.
struct http_response {
    int status = 0;

    // Every header in the order received, names as sent by the server.
    std::vector<std::pair<std::string, std::string>> headers;

    // The body, at most `client_config::body_limit` bytes.
    std::string body;

    // True when the body was longer than the limit and was cut there; `body` then holds its
    // first `body_limit` bytes and the rest was not read (the connection is not reused).
    bool truncated = false;

    // The Content-Length the server declared, when it sent one (not with chunked bodies); with
    // `truncated`, it tells how much was cut.
    std::optional<std::uint64_t> declared_length;

    // The value of the first header called `name` (compared without case), or nullopt.
    std::optional<std::string_view> header(std::string_view name) const;
};

// Why no response came back. Ordered roughly by how far the exchange got.
enum class transport_error_kind {
    // The request itself is unusable (bad method, target or header value). Nothing was sent;
    // fix the caller.
    invalid_request,
    // The client-side rate budget had no free slot within the call's time budget. Nothing was
    // sent; `retry_after` says when a slot frees up.
    rate_limited,
    // The host name did not resolve. Check CLERK_API_URL and the network.
    dns,
    // Nothing listens at the address (connection refused).
    connect_refused,
    // Connecting failed otherwise (unreachable network, a loopback-only rule broken by DNS).
    connect_failed,
    // No connection within the connect timeout.
    connect_timeout,
    // The TLS handshake failed for a reason other than the certificate (protocol, cipher).
    tls_handshake,
    // The server's certificate did not verify (unknown CA, expired, wrong host name). The
    // message names the CA-file setting, the fix when a private proxy sits in between.
    tls_verify,
    // The connection failed while the request was being written.
    write_failed,
    // The response did not complete within the read timeout (or the call's budget).
    read_timeout,
    // The server closed the connection before any byte of a response.
    connection_closed,
    // The connection ended inside the response (a body shorter than its Content-Length, a cut
    // chunk).
    incomplete_response,
    // The response headers exceeded `client_config::header_limit`.
    header_too_large,
    // The bytes received are not valid HTTP/1.1.
    protocol,
};

// A stable lower-case name for logs and structured results, e.g. "read_timeout".
std::string_view to_string(transport_error_kind kind);

struct transport_error {
    transport_error_kind kind = transport_error_kind::protocol;

    // What went wrong and what to do next, in words a user can act on. Never holds the secret
    // key or any request header.
    std::string message;

    // True when request bytes reached the network, so Clerk may have performed the request even
    // though no (complete) answer came back. A write in that state must not be repeated without
    // checking its effect first.
    bool request_sent = false;

    // Set for `rate_limited`: how long until the client-side budget has room again.
    std::optional<std::chrono::milliseconds> retry_after;
};

// Lets `boost::system::result<T, transport_error>::value()` throw; the request path should test
// the result instead.
[[noreturn]] void throw_exception_from_error(const transport_error& error,
                                             const boost::source_location& location);

using transport_result = boost::system::result<http_response, transport_error>;

// Sends requests to Clerk. Implementations are safe to call from several threads at once.
class clerk_transport {
public:
    virtual ~clerk_transport();

    // Sends `request` and waits for the whole response, for at most `budget` (connect, write and
    // read together). Never throws for network or HTTP failures: those are errors or responses.
    virtual transport_result send(const http_request& request,
                                  std::chrono::milliseconds budget) = 0;
};

struct client_config {
    // Where Clerk lives (CLERK_API_URL). May carry a path prefix, which goes before `/v1`. Only
    // `https`, or `http` to a loopback host (127.0.0.0/8, ::1, localhost).
    std::string base_url{default_clerk_api_url};

    // Sent as `Authorization: Bearer <secret_key>`. Required.
    std::string secret_key;

    // A PEM file of extra trusted CA certificates (a private proxy's), added to the system
    // store. Empty for the system store alone.
    std::string ca_file;

    // How the operator names `ca_file` (a flag or variable); quoted in certificate errors so the
    // message says exactly what to set.
    std::string ca_file_setting = "the CA-file option";

    // Time allowed to resolve and connect (and for the TLS handshake).
    std::chrono::milliseconds connect_timeout{10'000};

    // Time allowed to write the request and receive the whole response.
    std::chrono::milliseconds read_timeout{30'000};

    // Bodies beyond this many bytes are cut and flagged `truncated`; the rest is not read.
    std::size_t body_limit = 4 * 1024 * 1024;

    // The largest response header block accepted. Beast's default of 8 KB is too small: mocks
    // generated from Clerk's spec send 8+ KB of headers.
    std::size_t header_limit = 64 * 1024;

    // Idle keep-alive connections kept for reuse; more concurrent requests open more
    // connections, the surplus is closed after use.
    std::size_t max_idle_connections = 4;

    // The `User-Agent` header, e.g. "clerk-mcp/0.1.0".
    std::string user_agent = "clerk-mcp";
};

// The real transport: HTTP/1.1 over TLS (certificate and host-name verification, SNI) or, to
// loopback only, plain HTTP. Requests go to `{base_url}/v1{target}` with the Authorization,
// Clerk-API-Version, User-Agent and Accept headers.
//
// Connections are kept alive and reused. A reused connection that turns out closed is replaced
// and the request sent again once, but only when that cannot perform it twice: the connection
// was seen closed before sending, or the method is GET (safe by RFC 9110, section 9.2.1).
//
// Thread-safe: each call takes an idle connection from a small pool, or opens one, and runs its
// own synchronous exchange; calls do not wait for each other.
class clerk_http_client final : public clerk_transport {
public:
    // Validates `config` and prepares the TLS context. Throws std::invalid_argument naming the
    // setting at fault (an unparsable URL, a scheme other than https, http to a non-loopback
    // host, an empty or malformed key, an unreadable CA file). The secret never appears in the
    // message. `logger` may be null (nothing is logged).
    clerk_http_client(client_config config, std::shared_ptr<spdlog::logger> logger);
    ~clerk_http_client() override;

    clerk_http_client(const clerk_http_client&) = delete;
    clerk_http_client& operator=(const clerk_http_client&) = delete;

    transport_result send(const http_request& request, std::chrono::milliseconds budget) override;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace clerk_mcp::tools
