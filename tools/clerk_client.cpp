// The client proper: the public types' small functions, the configuration checks, and send(),
// which builds the request, hands it to a pooled or new connection and logs the outcome. URL
// parsing lives in clerk_endpoint.cpp, TLS in clerk_tls.cpp, connections and the pool in
// clerk_connection.cpp, the exchange on the wire in clerk_exchange.cpp.
#include "tools/clerk_client.hpp"

#include <stdexcept>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/verb.hpp>
#include <spdlog/logger.h>

#include "tools/clerk_client_internal.hpp"

namespace clerk_mcp::tools {

namespace beast = boost::beast;
namespace http = beast::http;
using detail::make_error;
using detail::steady;
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

// Throws std::invalid_argument for a setting that cannot work; the key is never quoted.
void check_config(const client_config& config) {
    if (config.secret_key.empty()) {
        throw std::invalid_argument("no Clerk secret key was given");
    }
    if (!detail::is_header_safe(config.secret_key) ||
        config.secret_key.find(' ') != std::string::npos) {
        throw std::invalid_argument(
            "the Clerk secret key holds a space or control character (a stray newline or "
            "quote?); copy it again from the Clerk Dashboard");
    }
    if (!detail::is_header_safe(config.user_agent)) {
        throw std::invalid_argument("the User-Agent holds a control character");
    }
    if (config.header_limit == 0 || config.header_limit > UINT32_MAX) {
        throw std::invalid_argument("the response header limit must be between 1 and 4 GiB");
    }
}

bool is_supported_method(http::verb verb) {
    return verb == http::verb::get || verb == http::verb::post || verb == http::verb::put ||
           verb == http::verb::patch || verb == http::verb::delete_;
}

// Why `request` cannot be sent as `verb`, or nullopt. Nothing the caller passes may split a
// header or the request line.
std::optional<transport_error> request_problem(const http_request& request, http::verb verb) {
    if (!is_supported_method(verb)) {
        return make_error(transport_error_kind::invalid_request,
                          "unsupported HTTP method '" + request.method + "'");
    }
    if (!detail::is_target_safe(request.target)) {
        return make_error(transport_error_kind::invalid_request,
                          "the request target must start with '/' and be percent-encoded");
    }
    if (!detail::is_header_safe(request.api_version)) {
        return make_error(transport_error_kind::invalid_request,
                          "the Clerk-API-Version value holds a control character");
    }
    return std::nullopt;
}

detail::beast_request build_message(const http_request& request,
                                    http::verb verb,
                                    const detail::clerk_origin& where,
                                    const client_config& config) {
    detail::beast_request message{verb, where.path_prefix + "/v1" + request.target, 11};
    message.set(http::field::host, where.host_header);
    message.set(http::field::authorization, "Bearer " + config.secret_key);
    message.set(http::field::user_agent, config.user_agent);
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
    return message;
}

// The request head for trace logs, with the Authorization value replaced: the key must not
// reach a log at any level.
std::string redacted_head(const detail::beast_request& message) {
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

clerk_http_client::impl::impl(client_config c, std::shared_ptr<spdlog::logger> l)
    : config(std::move(c)),
      where(detail::parse_clerk_origin(config.base_url)),
      logger(std::move(l)) {
    check_config(config);
    tls_context = detail::make_tls_context(config, where);
}

clerk_http_client::impl::outcome clerk_http_client::impl::send_with_retry(
    const detail::beast_request& message, steady::time_point deadline) {
    outcome done{make_error(transport_error_kind::connection_closed, ""), take_idle()};
    done.reused = done.connection != nullptr;
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!done.connection) {
            auto fresh = connect(deadline);
            if (!fresh) {
                done.result = fresh.error();
                break;
            }
            done.connection = std::move(*fresh);
        }
        done.result = exchange(*done.connection, message, deadline, done.reusable);

        // A pooled connection the server closed while idle fails at once; retry only when that
        // cannot perform the request twice (GET is safe by RFC 9110, section 9.2.1).
        const bool stale = done.reused && done.result.has_error() &&
                           (done.result.error().kind == transport_error_kind::connection_closed ||
                            done.result.error().kind == transport_error_kind::write_failed);
        if (!stale || (done.result.error().request_sent && message.method() != http::verb::get)) {
            break;
        }
        if (logger) {
            logger->debug("clerk connection was stale, reconnecting kind={}",
                          to_string(done.result.error().kind));
        }
        done.connection->close();
        done.connection.reset();
        done.reused = false;
    }
    return done;
}

void clerk_http_client::impl::log_outcome(const http_request& request,
                                          const outcome& done,
                                          milliseconds elapsed) const {
    if (!logger) {
        return;
    }
    const std::string_view path =
        std::string_view(request.target).substr(0, request.target.find('?'));
    if (done.result) {
        logger->debug(
            "clerk request method={} path=/v1{} status={} bytes={} truncated={} ms={} reused={}",
            request.method,
            path,
            done.result->status,
            done.result->body.size(),
            done.result->truncated,
            elapsed.count(),
            done.reused);
        return;
    }
    logger->warn("clerk request failed method={} path=/v1{} kind={} ms={} detail={}",
                 request.method,
                 path,
                 to_string(done.result.error().kind),
                 elapsed.count(),
                 done.result.error().message);
}

void clerk_http_client::impl::release(outcome& done) {
    if (!done.connection) {
        return;
    }
    if (done.reusable) {
        give_back(std::move(done.connection));
    } else {
        done.connection->close();
    }
}

clerk_http_client::clerk_http_client(client_config config, std::shared_ptr<spdlog::logger> logger)
    : impl_(std::make_unique<impl>(std::move(config), std::move(logger))) {}

clerk_http_client::~clerk_http_client() = default;

transport_result clerk_http_client::send(const http_request& request, milliseconds budget) {
    impl& m = *impl_;
    const steady::time_point started = steady::now();
    const steady::time_point deadline = started + budget;

    const http::verb verb = http::string_to_verb(request.method);
    if (auto problem = request_problem(request, verb)) {
        return *problem;
    }

    const detail::beast_request message = build_message(request, verb, m.where, m.config);
    if (m.logger && m.logger->should_log(spdlog::level::trace)) {
        m.logger->trace(
            "clerk request head={} body_bytes={}", redacted_head(message), request.body.size());
    }

    impl::outcome done = m.send_with_retry(message, deadline);

    m.log_outcome(request, done, std::chrono::duration_cast<milliseconds>(steady::now() - started));
    m.release(done);
    return std::move(done.result);
}

}  // namespace clerk_mcp::tools
