// The request side of a connection: read a request under its timeouts, apply the access rules
// (Host, Origin, token, path) and the connection cap, then answer it, run it inline, or hand it
// to the worker pool. The MCP rules live in http_router, the access rules in http_access.
#include "mcp/http_connection.hpp"

#include <type_traits>
#include <utility>
#include <variant>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/logger.h>

#include "mcp/protocol.hpp"

namespace clerk_mcp::mcp::detail {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

// A limit for an error message, in the largest binary unit that divides it ("4 MiB"), so that the
// text follows the constant.
std::string size_in_words(std::size_t bytes) {
    if (bytes != 0 && bytes % (1024 * 1024) == 0) {
        return std::to_string(bytes / (1024 * 1024)) + " MiB";
    }
    if (bytes != 0 && bytes % 1024 == 0) {
        return std::to_string(bytes / 1024) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

http_answer refusal(unsigned status, std::string_view message) {
    return http_answer{
        status, {}, jsonrpc_error_text(nullptr, error_code::invalid_request, message)};
}

}  // namespace

http_connection::http_connection(tcp::socket&& socket, http_transport_state& state)
    : stream_(std::move(socket)), state_(state), keepalive_timer_(stream_.get_executor()) {}

http_connection::~http_connection() {
    if (id_ != 0) {
        state_.remove_connection(id_);
    }
}

void http_connection::start(std::uint64_t id, bool over_capacity) {
    id_ = id;
    over_capacity_ = over_capacity;
    net::dispatch(stream_.get_executor(),
                  [self = shared_from_this()] { self->wait_for_request(); });
}

void http_connection::stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] { self->on_stop(); });
}

// Waits for the first byte of the next request under the idle timeout, then reads the request
// under the read timeout: a slow sender and an idle client are cut separately.
void http_connection::wait_for_request() {
    phase_ = phase::waiting;
    if (state_.stopping) {
        return close();
    }
    if (buffer_.size() > 0) {
        return read_request();
    }
    stream_.expires_after(http_limits::idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(first_read_bytes),
        beast::bind_front_handler(&http_connection::on_first_bytes, shared_from_this()));
}

void http_connection::on_first_bytes(beast::error_code ec, std::size_t bytes) {
    if (ec) {
        return close();  // idle timeout, client closed, or stop()
    }
    buffer_.commit(bytes);
    read_request();
}

void http_connection::read_request() {
    phase_ = phase::reading;
    parser_.emplace();
    parser_->body_limit(http_limits::max_body_bytes);
    parser_->header_limit(http_limits::max_header_bytes);
    stream_.expires_after(http_limits::read_timeout);
    http::async_read(stream_,
                     buffer_,
                     *parser_,
                     beast::bind_front_handler(&http_connection::on_read, shared_from_this()));
}

void http_connection::on_read(beast::error_code ec, std::size_t) {
    phase_ = phase::handling;
    started_ = clock::now();
    rpc_method_.clear();
    dispatched_request_ = false;
    if (ec == http::error::end_of_stream || ec == net::error::operation_aborted ||
        ec == beast::error::timeout || ec == net::error::connection_reset) {
        return close();
    }
    if (ec == http::error::body_limit) {
        static const std::string too_large =
            "Payload Too Large: the body exceeds " + size_in_words(http_limits::max_body_bytes);
        return refuse(413, too_large);
    }
    if (ec == http::error::header_limit) {
        static const std::string too_large =
            "Request Header Fields Too Large: the header exceeds " +
            size_in_words(http_limits::max_header_bytes);
        return refuse(431, too_large);
    }
    if (ec) {
        return refuse(400, "Bad Request: malformed HTTP");
    }
    handle_request();
}

// Answers an error that ends the connection (the rest of the request may be unread).
void http_connection::refuse(unsigned status, std::string_view message) {
    keep_alive_ = false;
    linger_ = true;
    write_answer(refusal(status, message));
}

void http_connection::handle_request() {
    const auto& req = parser_->get();
    keep_alive_ = req.keep_alive();
    method_ = std::string(req.method_string());
    std::string_view target = req.target();
    path_ = std::string(target.substr(0, target.find('?')));

    if (over_capacity_) {
        return refuse_busy();
    }

    // The header views point into `req`, which lives until the next read.
    request_headers headers = read_headers(req);
    if (!admit(headers)) {
        return;
    }
    if (path_ != state_.options.path) {
        return write_answer(refusal(404, "Not Found"));
    }
    follow(state_.router.classify(headers.view));
}

// A connection over the cap gets one answer and is closed, so that the client backs off
// instead of waiting in the listen queue.
void http_connection::refuse_busy() {
    keep_alive_ = false;
    http_answer busy{
        503,
        {{"Retry-After", "1"}},
        jsonrpc_error_text(
            nullptr, error_code::internal_error, "Service Unavailable: too many connections")};
    write_answer(std::move(busy));
}

// Applies the access rules. Returns true when the request may go on; otherwise its refusal is
// being written.
bool http_connection::admit(const request_headers& headers) {
    // DNS-rebinding protection comes first: a page from a foreign origin learns nothing, not even
    // whether a token is needed (MCP 2025-11-25 transports, "Security Warning").
    if (!headers.host) {
        refuse(400, "Bad Request: the Host header is required");
        return false;
    }
    if (!state_.policy->host_allowed(*headers.host) ||
        (headers.origin && !state_.policy->origin_allowed(*headers.origin))) {
        write_answer(refusal(403, "Forbidden: Host or Origin not allowed"));
        return false;
    }
    if (!state_.policy->authorized(headers.authorization.value_or(""))) {
        std::string challenge = R"(Bearer realm="clerk-mcp")";
        if (headers.authorization) {
            challenge += R"(, error="invalid_token")";
        }
        http_answer unauthorized = refusal(401, "Unauthorized: a bearer token is required");
        unauthorized.headers.emplace_back("WWW-Authenticate", std::move(challenge));
        write_answer(std::move(unauthorized));
        return false;
    }
    return true;
}

// Carries out what the MCP rules decided: an answer, a message to run, or a GET stream.
void http_connection::follow(route outcome) {
    std::visit(
        [this](auto&& chosen) {
            using T = std::decay_t<decltype(chosen)>;
            if constexpr (std::is_same_v<T, http_answer>) {
                write_answer(std::move(chosen));
            } else if constexpr (std::is_same_v<T, mcp_call>) {
                start_call(std::move(chosen));
            } else {
                open_get_stream(std::move(chosen));
            }
        },
        std::move(outcome));
}

// Runs a JSON-RPC message: inline when it is cheap, on the worker pool when it may block.
void http_connection::start_call(mcp_call&& outcome) {
    auto call = std::make_shared<mcp_call>(std::move(outcome));
    rpc_method_ = call->rpc_method;
    dispatched_request_ = call->is_request;
    message_sender push;
    if (call->as_sse) {
        push = open_call_stream();
    }
    if (!call->off_io_thread) {
        auto reply = state_.router.run(*call, std::move(push));
        return on_call_done(call, std::move(reply));
    }
    // The work guard keeps run() going while the call is away from the I/O thread.
    net::post(state_.workers,
              [self = shared_from_this(),
               call,
               push = std::move(push),
               guard = net::make_work_guard(state_.ioc)]() mutable {
                  auto reply = self->state_.router.run(*call, std::move(push));
                  net::post(self->stream_.get_executor(),
                            [self, call, reply = std::move(reply)]() mutable {
                                self->on_call_done(call, std::move(reply));
                            });
              });
}

void http_connection::on_call_done(const std::shared_ptr<mcp_call>& call,
                                   std::optional<std::string> reply) {
    keepalive_timer_.cancel();
    http_answer answer = state_.router.finish(*call, std::move(reply));
    if (sse_ == sse_state::started) {
        return end_call_stream(std::move(answer));
    }
    // No event was pushed, so the stream never started: the answer goes out as one response.
    bool as_sse = sse_ == sse_state::lazy && answer.status == 200 && !answer.body.empty();
    sse_ = sse_state::none;
    sse_alive_ = false;
    if (as_sse) {
        answer.body = sse_frame(answer.body);
    }
    write_answer(std::move(answer), as_sse);
}

void http_connection::write_answer(http_answer answer, bool as_sse) {
    status_ = answer.status;
    response_ = {};
    response_.version(11);
    response_.result(answer.status);
    if (!answer.body.empty()) {
        response_.set(http::field::content_type, as_sse ? "text/event-stream" : "application/json");
    }
    for (auto& [name, value] : answer.headers) {
        response_.set(name, value);
    }
    response_.keep_alive(keep_alive_ && !state_.stopping);
    response_.body() = std::move(answer.body);
    response_.prepare_payload();
    stream_.expires_after(http_limits::write_timeout);
    http::async_write(stream_,
                      response_,
                      beast::bind_front_handler(&http_connection::on_write, shared_from_this()));
}

void http_connection::on_write(beast::error_code ec, std::size_t) {
    log_request();
    if (ec) {
        return close();
    }
    after_response();
}

void http_connection::after_response() {
    if (!keep_alive_ || state_.stopping) {
        return linger_ ? linger() : close();
    }
    wait_for_request();
}

// Half-closes and reads until the client closes (or a short timeout), so that a client still
// sending an oversized body sees our error response rather than a connection reset.
void http_connection::linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(linger_timeout);
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(first_read_bytes),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                if (!ec) {
                                    self->linger();
                                }
                            });
}

void http_connection::close() {
    keepalive_timer_.cancel();
    sse_alive_ = false;
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
}

void http_connection::on_stop() {
    switch (phase_) {
        case phase::waiting:
            return close();  // cancels the pending read
        case phase::streaming:
            return end_stream();
        default:
            keep_alive_ = false;  // answered, then closed
    }
}

// One debug line per HTTP request. A JSON-RPC request that reached the dispatcher already has
// its debug line there (method, tool, status, latency), so this one drops to trace; everything
// the transport answers alone (refusals, 202s, streams) is logged here.
void http_connection::log_request() {
    const auto level = dispatched_request_ ? spdlog::level::trace : spdlog::level::debug;
    if (!state_.logger->should_log(level)) {
        return;
    }
    auto micros =
        std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - started_).count();
    state_.logger->log(level,
                       "http request method={} path={} status={} rpc={} ms={:.3f}",
                       method_,
                       path_,
                       status_,
                       rpc_method_.empty() ? "-" : rpc_method_,
                       static_cast<double>(micros) / 1000.0);
}

}  // namespace clerk_mcp::mcp::detail
