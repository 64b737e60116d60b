// The Beast side of the Clerk client: one translation unit, because Beast and Asio are costly to
// compile. Each connection owns an io_context; every step is an asynchronous Beast operation run
// to completion on the calling thread, since beast::tcp_stream enforces timeouts only on
// asynchronous operations.
#include "tools/clerk_client.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <mutex>
#include <stdexcept>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <poll.h>
#include <spdlog/logger.h>

namespace clerk_mcp::tools {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using steady = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::string_view to_string(transport_error_kind kind) {
    switch (kind) {
        case transport_error_kind::invalid_request:
            return "invalid_request";
        case transport_error_kind::rate_limited:
            return "rate_limited";
        case transport_error_kind::dns:
            return "dns";
        case transport_error_kind::connect_refused:
            return "connect_refused";
        case transport_error_kind::connect_failed:
            return "connect_failed";
        case transport_error_kind::connect_timeout:
            return "connect_timeout";
        case transport_error_kind::tls_handshake:
            return "tls_handshake";
        case transport_error_kind::tls_verify:
            return "tls_verify";
        case transport_error_kind::write_failed:
            return "write_failed";
        case transport_error_kind::read_timeout:
            return "read_timeout";
        case transport_error_kind::connection_closed:
            return "connection_closed";
        case transport_error_kind::incomplete_response:
            return "incomplete_response";
        case transport_error_kind::header_too_large:
            return "header_too_large";
        case transport_error_kind::protocol:
            return "protocol";
    }
    return "unknown";
}

void throw_exception_from_error(const transport_error& error, const boost::source_location&) {
    throw std::runtime_error(std::string(to_string(error.kind)) + ": " + error.message);
}

clerk_transport::~clerk_transport() = default;

std::optional<std::string_view> http_response::header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
        if (beast::iequals(key, name)) {
            return std::string_view(value);
        }
    }
    return std::nullopt;
}

namespace {

// Where requests go, parsed once from the base URL.
struct origin {
    bool tls = true;
    bool host_is_ip = false;
    std::string host;         // for DNS, SNI and certificate checks; IPv6 without brackets
    std::string port;         // numeric
    std::string host_header;  // the `Host` header value
    std::string path_prefix;  // the base URL's path without a trailing '/', before "/v1"
    std::string display;      // scheme://host[:port], for messages
};

bool is_header_safe(std::string_view value) {
    return std::all_of(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u != 0x7f;
    });
}

// Only the bytes a request target may hold, after percent-encoding (RFC 9112, section 3.2).
bool is_target_safe(std::string_view target) {
    return !target.empty() && target.front() == '/' &&
           std::all_of(target.begin(), target.end(), [](char c) {
               const auto u = static_cast<unsigned char>(c);
               return u > 0x20 && u < 0x7f && c != '#';
           });
}

origin parse_origin(const std::string& base_url) {
    const auto parsed = boost::urls::parse_absolute_uri(base_url);
    if (!parsed) {
        throw std::invalid_argument("the Clerk API URL '" + base_url +
                                    "' is not an absolute URL such as https://api.clerk.com");
    }
    const boost::urls::url_view url = *parsed;
    if (url.has_userinfo()) {
        // Not echoed: a password in the URL is a secret too.
        throw std::invalid_argument(
            "the Clerk API URL must not carry a user name or password; the secret key is sent "
            "as a bearer token instead");
    }
    if (url.has_query() || url.has_fragment()) {
        throw std::invalid_argument("the Clerk API URL '" + base_url +
                                    "' must not have a query or fragment");
    }

    origin o;
    const std::string scheme(url.scheme());
    if (scheme != "https" && scheme != "http") {
        throw std::invalid_argument("the Clerk API URL '" + base_url +
                                    "' must use https (or http to a loopback host)");
    }
    o.tls = scheme == "https";

    bool loopback = false;
    switch (url.host_type()) {
        case boost::urls::host_type::ipv4:
            o.host_is_ip = true;
            loopback = url.host_ipv4_address().to_bytes()[0] == 127;
            o.host = url.host_address();
            break;
        case boost::urls::host_type::ipv6:
            o.host_is_ip = true;
            loopback = url.host_ipv6_address().is_loopback();
            o.host = url.host_address();
            break;
        case boost::urls::host_type::name:
            o.host = url.host_address();
            std::transform(o.host.begin(), o.host.end(), o.host.begin(), [](unsigned char c) {
                return static_cast<char>(std::tolower(c));
            });
            loopback = o.host == "localhost";
            break;
        default:
            break;
    }
    if (o.host.empty()) {
        throw std::invalid_argument("the Clerk API URL '" + base_url + "' names no usable host");
    }
    if (!o.tls && !loopback) {
        // The bearer key would cross the network in clear text.
        throw std::invalid_argument(
            "the Clerk API URL '" + base_url +
            "' uses plain http to a host that is not loopback; the secret key would travel "
            "unencrypted. Use https, or http only to 127.0.0.1, ::1 or localhost");
    }

    const std::string default_port = o.tls ? "443" : "80";
    o.port = url.has_port() && !url.port().empty() ? std::string(url.port()) : default_port;
    const std::string bracketed =
        url.host_type() == boost::urls::host_type::ipv6 ? "[" + o.host + "]" : o.host;
    o.host_header = o.port == default_port ? bracketed : bracketed + ":" + o.port;
    o.display = scheme + "://" + o.host_header;
    o.path_prefix = std::string(url.encoded_path());
    while (!o.path_prefix.empty() && o.path_prefix.back() == '/') {
        o.path_prefix.pop_back();
    }
    return o;
}

transport_error make_error(transport_error_kind kind, std::string message, bool sent = false) {
    transport_error e;
    e.kind = kind;
    e.message = std::move(message);
    e.request_sent = sent;
    return e;
}

// Runs one asynchronous operation to completion on `ioc`, on this thread.
template <class Start>
beast::error_code run(net::io_context& ioc, Start&& start) {
    beast::error_code result = net::error::would_block;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
}

bool is_http_parse_error(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_version).category();
}

// The peer went away at a point where that is the normal end of an idle keep-alive connection.
bool is_closed_by_peer(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == ssl::error::stream_truncated;
}

// What the verify callback saw, kept so that a failed handshake can say why.
struct verify_record {
    long error = X509_V_OK;
    bool host_mismatch = false;
};

}  // namespace

// One connection: its own io_context and either a TCP stream or a TLS stream over one.
struct clerk_connection {
    net::io_context ioc;
    std::optional<beast::tcp_stream> plain;
    std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> secure;
    beast::flat_buffer buffer;
    verify_record verify;

    beast::tcp_stream& lowest() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

    template <class F>
    decltype(auto) with_stream(F&& f) {
        if (secure) {
            return f(*secure);
        }
        return f(*plain);
    }

    // A pooled connection can be closed by the server while it sat idle; an idle HTTP/1.1
    // connection has nothing to read, so anything readable (data or the close) rules it out.
    bool looks_reusable() {
        if (!lowest().socket().is_open() || buffer.size() != 0) {
            return false;
        }
        pollfd p{lowest().socket().native_handle(), POLLIN, 0};
        return ::poll(&p, 1, 0) == 0;
    }

    void close() {
        beast::error_code ignored;
        lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
        lowest().socket().close(ignored);
    }
};

struct clerk_http_client::impl {
    client_config config;
    origin where;
    std::shared_ptr<spdlog::logger> logger;
    std::optional<ssl::context> tls_context;  // for https, or to check a CA file given with http
    std::mutex pool_mutex;
    std::vector<std::unique_ptr<clerk_connection>> idle;

    impl(client_config c, std::shared_ptr<spdlog::logger> l);

    std::unique_ptr<clerk_connection> take_idle();
    void give_back(std::unique_ptr<clerk_connection> connection);

    boost::system::result<std::unique_ptr<clerk_connection>, transport_error> connect(
        steady::time_point deadline);
    std::optional<transport_error> handshake(clerk_connection& c, steady::time_point deadline);
    transport_error verify_failure(const clerk_connection& c) const;

    // One request and response on `c`; sets `reusable` when `c` may carry another request.
    transport_result exchange(clerk_connection& c,
                              const http::request<http::string_body>& request,
                              steady::time_point deadline,
                              bool& reusable);
    transport_error read_failure(const beast::error_code& ec,
                                 bool got_some,
                                 bool timed_out_by_budget) const;
};

clerk_http_client::impl::impl(client_config c, std::shared_ptr<spdlog::logger> l)
    : config(std::move(c)), where(parse_origin(config.base_url)), logger(std::move(l)) {
    if (config.secret_key.empty()) {
        throw std::invalid_argument("no Clerk secret key was given");
    }
    if (!is_header_safe(config.secret_key) || config.secret_key.find(' ') != std::string::npos) {
        throw std::invalid_argument(
            "the Clerk secret key holds a space or control character (a stray newline or "
            "quote?); copy it again from the Clerk Dashboard");
    }
    if (!is_header_safe(config.user_agent)) {
        throw std::invalid_argument("the User-Agent holds a control character");
    }
    if (config.header_limit == 0 || config.header_limit > UINT32_MAX) {
        throw std::invalid_argument("the response header limit must be between 1 and 4 GiB");
    }

    // Certificates must chain to the system store (or the operator's extra CA) and name the
    // host. TLS 1.0 and 1.1 are deprecated (RFC 8996). Loading the system store costs tens of
    // milliseconds, so a plain-http client to a local mock skips it.
    if (!where.tls && config.ca_file.empty()) {
        return;
    }
    tls_context.emplace(ssl::context::tls_client);
    SSL_CTX_set_min_proto_version(tls_context->native_handle(), TLS1_2_VERSION);
    tls_context->set_verify_mode(ssl::verify_peer);
    beast::error_code ec;
    if (where.tls) {
        tls_context->set_default_verify_paths(ec);
        if (ec) {
            throw std::invalid_argument("cannot load the system's CA certificates: " +
                                        ec.message());
        }
    }
    if (!config.ca_file.empty()) {
        tls_context->load_verify_file(config.ca_file, ec);
        if (ec) {
            throw std::invalid_argument("cannot load the CA file '" + config.ca_file +
                                        "' named by " + config.ca_file_setting + ": " +
                                        ec.message() + "; it must hold PEM certificates");
        }
    }
}

std::unique_ptr<clerk_connection> clerk_http_client::impl::take_idle() {
    std::lock_guard lock(pool_mutex);
    while (!idle.empty()) {
        std::unique_ptr<clerk_connection> c = std::move(idle.back());
        idle.pop_back();
        if (c->looks_reusable()) {
            return c;
        }
        c->close();
    }
    return nullptr;
}

void clerk_http_client::impl::give_back(std::unique_ptr<clerk_connection> connection) {
    std::lock_guard lock(pool_mutex);
    if (idle.size() < config.max_idle_connections) {
        idle.push_back(std::move(connection));
    } else {
        connection->close();
    }
}

boost::system::result<std::unique_ptr<clerk_connection>, transport_error>
clerk_http_client::impl::connect(steady::time_point deadline) {
    auto c = std::make_unique<clerk_connection>();
    if (where.tls) {
        c->secure = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(c->ioc, *tls_context);
    } else {
        c->plain.emplace(c->ioc);
    }
    const steady::time_point connect_deadline =
        std::min(deadline, steady::now() + config.connect_timeout);
    const std::string timeout_text = "no connection to " + where.display + " within " +
                                     std::to_string(config.connect_timeout.count()) +
                                     " ms (connect timeout or the call's time budget); check "
                                     "the network and the Clerk API URL";

    // TODO: name resolution runs getaddrinfo on Asio's resolver thread, which cannot be
    // interrupted, so a hung DNS server can hold a call past its budget for the resolver's own
    // timeout (about 10 s with glibc's defaults) before it fails as a connect timeout.
    tcp::resolver resolver(c->ioc);
    tcp::resolver::results_type results;
    beast::error_code ec = run(c->ioc, [&](auto handler) {
        resolver.async_resolve(
            where.host,
            where.port,
            [&results, handler](beast::error_code e, tcp::resolver::results_type r) mutable {
                results = std::move(r);
                handler(e);
            });
    });
    if (ec) {
        return make_error(transport_error_kind::dns,
                          "cannot resolve the host of " + where.display + ": " + ec.message() +
                              "; check the Clerk API URL and DNS");
    }
    if (steady::now() >= connect_deadline) {
        return make_error(transport_error_kind::connect_timeout, timeout_text);
    }

    // Plain http is allowed for loopback only; hold to that even if a name resolves elsewhere.
    std::vector<tcp::endpoint> endpoints;
    for (const auto& entry : results) {
        if (where.tls || entry.endpoint().address().is_loopback()) {
            endpoints.push_back(entry.endpoint());
        }
    }
    if (endpoints.empty()) {
        return make_error(transport_error_kind::connect_failed,
                          where.display +
                              " resolves to no loopback address, and plain http is allowed "
                              "only to loopback; use https");
    }

    c->lowest().expires_at(connect_deadline);
    ec = run(c->ioc, [&](auto handler) { c->lowest().async_connect(endpoints, handler); });
    if (ec == beast::error::timeout) {
        return make_error(transport_error_kind::connect_timeout, timeout_text);
    }
    if (ec == net::error::connection_refused) {
        return make_error(transport_error_kind::connect_refused,
                          "connection refused by " + where.display +
                              ": nothing listens there. Check the Clerk API URL, or start the "
                              "local server it names.");
    }
    if (ec) {
        return make_error(transport_error_kind::connect_failed,
                          "cannot connect to " + where.display + ": " + ec.message());
    }
    c->lowest().socket().set_option(tcp::no_delay(true), ec);

    if (where.tls) {
        if (auto failure = handshake(*c, connect_deadline)) {
            return *failure;
        }
    }
    return c;
}

std::optional<transport_error> clerk_http_client::impl::handshake(clerk_connection& c,
                                                                  steady::time_point deadline) {
    // SNI carries host names only (RFC 6066, section 3), never an address literal.
    if (!where.host_is_ip &&
        !SSL_set_tlsext_host_name(c.secure->native_handle(), where.host.c_str())) {
        return make_error(transport_error_kind::tls_handshake,
                          "cannot set the TLS server name for " + where.display);
    }
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
    const beast::error_code ec = run(
        c.ioc, [&](auto handler) { c.secure->async_handshake(ssl::stream_base::client, handler); });
    if (!ec) {
        return std::nullopt;
    }
    if (ec == beast::error::timeout) {
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

transport_error clerk_http_client::impl::read_failure(const beast::error_code& ec,
                                                      bool got_some,
                                                      bool timed_out_by_budget) const {
    // The request was written: whether Clerk acted on it is unknown. What that means for the
    // caller depends on the method, which the tool layer says.
    constexpr std::string_view unsure = " The request may have reached Clerk.";
    if (ec == beast::error::timeout) {
        return make_error(transport_error_kind::read_timeout,
                          "no complete response from " + where.display + " within " +
                              (timed_out_by_budget ? std::string("the call's time budget")
                                                   : std::to_string(config.read_timeout.count()) +
                                                         " ms (the read timeout)") +
                              "." + std::string(unsure),
                          true);
    }
    if (ec == http::error::header_limit) {
        return make_error(transport_error_kind::header_too_large,
                          "the response headers from " + where.display + " exceed " +
                              std::to_string(config.header_limit) + " bytes.",
                          true);
    }
    if (is_closed_by_peer(ec) && !got_some) {
        return make_error(
            transport_error_kind::connection_closed,
            where.display + " closed the connection without answering." + std::string(unsure),
            true);
    }
    if (ec == http::error::partial_message || is_closed_by_peer(ec)) {
        return make_error(transport_error_kind::incomplete_response,
                          "the connection to " + where.display +
                              " ended in the middle of the response (" + ec.message() + ")." +
                              std::string(unsure),
                          true);
    }
    if (is_http_parse_error(ec)) {
        return make_error(transport_error_kind::protocol,
                          where.display + " sent a malformed HTTP response: " + ec.message(),
                          true);
    }
    return make_error(transport_error_kind::incomplete_response,
                      "reading the response from " + where.display + " failed: " + ec.message() +
                          "." + std::string(unsure),
                      true);
}

transport_result clerk_http_client::impl::exchange(clerk_connection& c,
                                                   const http::request<http::string_body>& request,
                                                   steady::time_point deadline,
                                                   bool& reusable) {
    reusable = false;
    const steady::time_point read_deadline =
        std::min(deadline, steady::now() + config.read_timeout);
    const bool budget_is_tighter = deadline < steady::now() + config.read_timeout;
    c.lowest().expires_at(read_deadline);

    // Write. Nothing reached the server when no byte was written.
    std::size_t written = 0;
    beast::error_code ec = c.with_stream([&](auto& stream) {
        return run(c.ioc, [&](auto handler) {
            http::async_write(
                stream, request, [handler, &written](beast::error_code e, std::size_t n) mutable {
                    written = n;
                    handler(e);
                });
        });
    });
    if (ec == beast::error::timeout) {
        return read_failure(ec, false, budget_is_tighter);
    }
    if (ec) {
        return make_error(transport_error_kind::write_failed,
                          "sending the request to " + where.display + " failed: " + ec.message(),
                          written > 0);
    }

    // Read the header; the limit is raised because Clerk-shaped mocks send 8+ KB of headers.
    http::response_parser<http::buffer_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
    parser.body_limit(boost::none);
    ec = c.with_stream([&](auto& stream) {
        return run(c.ioc, [&](auto handler) {
            http::async_read_header(stream, c.buffer, parser, handler);
        });
    });
    if (ec) {
        return read_failure(ec, parser.got_some(), budget_is_tighter);
    }

    http_response response;
    response.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get()) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    if (parser.content_length()) {
        response.declared_length = *parser.content_length();
    }

    // Read the body in chunks, keeping at most body_limit bytes; past it, stop reading.
    std::array<char, 16 * 1024> chunk;
    while (!parser.is_done()) {
        parser.get().body().data = chunk.data();
        parser.get().body().size = chunk.size();
        ec = c.with_stream([&](auto& stream) {
            return run(c.ioc,
                       [&](auto handler) { http::async_read(stream, c.buffer, parser, handler); });
        });
        if (ec == http::error::need_buffer) {
            ec = {};
        }
        if (ec == ssl::error::stream_truncated && parser.need_eof()) {
            // A body delimited by the close, from a server that skipped TLS close_notify.
            parser.put_eof(ec);
        }
        if (ec) {
            return read_failure(ec, true, budget_is_tighter);
        }
        const std::size_t got = chunk.size() - parser.get().body().size;
        const std::size_t room = config.body_limit - response.body.size();
        response.body.append(chunk.data(), std::min(got, room));
        if (got > room) {
            response.truncated = true;
            break;
        }
    }

    reusable = parser.is_done() && parser.keep_alive() && !response.truncated;
    return response;
}

clerk_http_client::clerk_http_client(client_config config, std::shared_ptr<spdlog::logger> logger)
    : impl_(std::make_unique<impl>(std::move(config), std::move(logger))) {}

clerk_http_client::~clerk_http_client() = default;

namespace {

bool is_supported_method(http::verb verb) {
    return verb == http::verb::get || verb == http::verb::post || verb == http::verb::put ||
           verb == http::verb::patch || verb == http::verb::delete_;
}

// The request head for trace logs, with the Authorization value replaced: the key must not
// reach a log at any level.
std::string redacted_head(const http::request<http::string_body>& message) {
    std::string text =
        std::string(message.method_string()) + " " + std::string(message.target()) + " HTTP/1.1";
    for (const auto& field : message) {
        text += " | ";
        text += field.name_string();
        text += ": ";
        if (field.name() == http::field::authorization) {
            text += "[redacted]";
        } else {
            text += field.value();
        }
    }
    return text;
}

}  // namespace

transport_result clerk_http_client::send(const http_request& request, milliseconds budget) {
    impl& m = *impl_;
    const steady::time_point started = steady::now();
    const steady::time_point deadline = started + budget;

    // Check the request before anything is sent: nothing the caller passes may split a header.
    const http::verb verb = http::string_to_verb(request.method);
    if (!is_supported_method(verb)) {
        return make_error(transport_error_kind::invalid_request,
                          "unsupported HTTP method '" + request.method + "'");
    }
    if (!is_target_safe(request.target)) {
        return make_error(transport_error_kind::invalid_request,
                          "the request target must start with '/' and be percent-encoded");
    }
    if (!is_header_safe(request.api_version)) {
        return make_error(transport_error_kind::invalid_request,
                          "the Clerk-API-Version value holds a control character");
    }

    http::request<http::string_body> message{
        verb, m.where.path_prefix + "/v1" + request.target, 11};
    message.set(http::field::host, m.where.host_header);
    message.set(http::field::authorization, "Bearer " + m.config.secret_key);
    message.set(http::field::user_agent, m.config.user_agent);
    message.set(http::field::accept, "application/json");
    if (!request.api_version.empty()) {
        message.set("Clerk-API-Version", request.api_version);
    }
    if (!request.body.empty()) {
        message.set(http::field::content_type, "application/json");
        message.body() = request.body;
    }
    message.keep_alive(true);
    message.prepare_payload();
    if (m.logger && m.logger->should_log(spdlog::level::trace)) {
        m.logger->trace(
            "clerk request head={} body_bytes={}", redacted_head(message), request.body.size());
    }

    // Send on a pooled connection when one is alive. If it proves closed before answering, try
    // once on a fresh one, but only when that cannot perform the request twice.
    std::unique_ptr<clerk_connection> connection = m.take_idle();
    bool reused = connection != nullptr;
    transport_result result = make_error(transport_error_kind::connection_closed, "");
    bool reusable = false;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!connection) {
            auto fresh = m.connect(deadline);
            if (!fresh) {
                result = fresh.error();
                break;
            }
            connection = std::move(*fresh);
        }
        result = m.exchange(*connection, message, deadline, reusable);
        const bool stale = reused && result.has_error() &&
                           (result.error().kind == transport_error_kind::connection_closed ||
                            result.error().kind == transport_error_kind::write_failed);
        if (!stale || (result.error().request_sent && verb != http::verb::get)) {
            break;
        }
        if (m.logger) {
            m.logger->debug("clerk connection was stale, reconnecting kind={}",
                            to_string(result.error().kind));
        }
        connection->close();
        connection.reset();
        reused = false;
    }

    const auto elapsed = std::chrono::duration_cast<milliseconds>(steady::now() - started);
    const std::string_view path =
        std::string_view(request.target).substr(0, request.target.find('?'));
    if (result) {
        if (m.logger) {
            m.logger->debug(
                "clerk request method={} path=/v1{} status={} bytes={} truncated={} ms={} "
                "reused={}",
                request.method,
                path,
                result->status,
                result->body.size(),
                result->truncated,
                elapsed.count(),
                reused);
        }
    } else if (m.logger) {
        m.logger->warn("clerk request failed method={} path=/v1{} kind={} ms={} detail={}",
                       request.method,
                       path,
                       to_string(result.error().kind),
                       elapsed.count(),
                       result.error().message);
    }

    if (connection) {
        if (reusable) {
            m.give_back(std::move(connection));
        } else {
            connection->close();
        }
    }
    return result;
}

}  // namespace clerk_mcp::tools
