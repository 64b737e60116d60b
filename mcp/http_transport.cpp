// The Beast side of the HTTP transport: the listener, the per-connection state machine and the
// SSE writer. Shaped like Beast's advanced server example: one object per connection owns its
// stream, buffer and parser; every step is a do_/on_ pair running on the connection's strand.
// The MCP rules live in http_router, the access rules in http_access.
#include "mcp/http_transport.hpp"

#include <atomic>
#include <csignal>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/logger.h>

#include "mcp/http_access.hpp"
#include "mcp/http_router.hpp"
#include "mcp/http_sessions.hpp"
#include "mcp/http_text.hpp"
#include "mcp/protocol.hpp"

namespace clerk_mcp::mcp {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class connection;

using clock = std::chrono::steady_clock;

// How long a connection that is being closed after an error keeps reading (and discarding)
// what the client still sends, so that the client reads our error response instead of a reset.
constexpr std::chrono::seconds linger_timeout{2};
// The first read of a request asks for this much; a typical MCP request fits in one read.
constexpr std::size_t first_read_bytes = 8 * 1024;

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

std::string sse_frame(std::string_view message) {
    // Boost.JSON escapes every control character, so a message is one line and one data field.
    std::string frame;
    frame.reserve(message.size() + 24);
    frame += "event: message\ndata: ";
    frame += message;
    frame += "\n\n";
    return frame;
}

// The request headers the transport reads. Beast finds a header by name with a case-insensitive
// search per lookup; one pass over the (few) fields costs less than nine lookups.
struct request_headers {
    std::optional<std::string_view> host;
    std::optional<std::string_view> origin;
    std::optional<std::string_view> authorization;
    http_request_view view;
};

request_headers read_headers(const http::request<http::string_body>& req) {
    request_headers h;
    auto take = [](std::optional<std::string_view>& slot, std::string_view value) {
        if (!slot) {
            slot = value;  // the first of repeated fields counts
        }
    };
    for (const auto& f : req) {
        switch (f.name()) {
            case http::field::host:
                take(h.host, f.value());
                break;
            case http::field::origin:
                take(h.origin, f.value());
                break;
            case http::field::authorization:
                take(h.authorization, f.value());
                break;
            case http::field::accept:
                take(h.view.accept, f.value());
                break;
            case http::field::content_type:
                take(h.view.content_type, f.value());
                break;
            case http::field::unknown: {
                std::string_view name = f.name_string();
                if (http_text::iequals(name, "mcp-session-id")) {
                    take(h.view.session_id, f.value());
                } else if (http_text::iequals(name, "mcp-protocol-version")) {
                    take(h.view.protocol_version, f.value());
                } else if (http_text::iequals(name, "mcp-method")) {
                    take(h.view.mcp_method, f.value());
                } else if (http_text::iequals(name, "mcp-name")) {
                    take(h.view.mcp_name, f.value());
                }
                break;
            }
            default:
                break;
        }
    }
    h.view.method = req.method_string();
    h.view.body = req.body();
    return h;
}

}  // namespace

struct detail::http_transport_state {
    http_transport_state(server& srv, http_options opts, std::shared_ptr<spdlog::logger> log)
        : options(std::move(opts)),
          logger(log ? std::move(log) : std::make_shared<spdlog::logger>("clerk-mcp-http")),
          sessions(http_limits::max_sessions, http_limits::session_idle_expiry),
          router(srv, sessions),
          ioc(static_cast<int>(std::max(1u, options.threads))),
          strand(net::make_strand(ioc)),
          acceptor(strand),
          sweep_timer(strand),
          grace_timer(strand) {}

    void do_accept();
    void on_accept(beast::error_code ec, tcp::socket socket);
    void schedule_sweep();
    void on_stop();
    // Registry of live connections, so that stop() can reach them. Returns the new id.
    std::uint64_t add_connection(const std::shared_ptr<connection>& c, bool& over_capacity);
    void remove_connection(std::uint64_t id);

    http_options options;
    std::shared_ptr<spdlog::logger> logger;
    http_session_store sessions;
    http_router router;
    std::optional<access_policy> policy;

    std::mutex registry_mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<connection>> registry;
    std::uint64_t next_connection_id = 1;
    std::atomic<bool> stopping{false};
    // Set while the transport is destroyed: connections ending then must not post to `ioc`.
    std::atomic<bool> destroying{false};

    // Tool calls run here; joined after the I/O threads end. Declared before `ioc` so that the
    // I/O objects are destroyed first.
    net::thread_pool workers{http_limits::worker_threads};
    net::io_context ioc;
    net::strand<net::io_context::executor_type> strand;
    tcp::acceptor acceptor;
    net::steady_timer sweep_timer;
    net::steady_timer grace_timer;
    std::optional<net::signal_set> signals;
};

namespace {

// One client connection: reads requests one at a time, answers each as JSON or as an SSE
// stream, and keeps the connection alive between requests.
class connection : public std::enable_shared_from_this<connection> {
public:
    connection(tcp::socket&& socket, detail::http_transport_state& state)
        : stream_(std::move(socket)), state_(state), keepalive_timer_(stream_.get_executor()) {}

    ~connection() {
        if (id_ != 0) {
            state_.remove_connection(id_);
        }
    }

    void start(std::uint64_t id, bool over_capacity) {
        id_ = id;
        over_capacity_ = over_capacity;
        net::dispatch(stream_.get_executor(),
                      [self = shared_from_this()] { self->wait_for_request(); });
    }

    // Thread-safe: ends the connection once its current request, if any, is answered.
    void stop() {
        net::post(stream_.get_executor(), [self = shared_from_this()] { self->on_stop(); });
    }

private:
    enum class phase { waiting, reading, handling, streaming };
    // The SSE answer of the current request: none; not started (the header is written on the
    // first event, so that a quick answer can still be a plain response); header due; open.
    enum class sse_state { none, lazy, started };

    // Waits for the first byte of the next request under the idle timeout, then reads the
    // request under the read timeout: a slow sender and an idle client are cut separately.
    void wait_for_request() {
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
            beast::bind_front_handler(&connection::on_first_bytes, shared_from_this()));
    }

    void on_first_bytes(beast::error_code ec, std::size_t bytes) {
        if (ec) {
            return close();  // idle timeout, client closed, or stop()
        }
        buffer_.commit(bytes);
        read_request();
    }

    void read_request() {
        phase_ = phase::reading;
        parser_.emplace();
        parser_->body_limit(http_limits::max_body_bytes);
        parser_->header_limit(http_limits::max_header_bytes);
        stream_.expires_after(http_limits::read_timeout);
        http::async_read(stream_,
                         buffer_,
                         *parser_,
                         beast::bind_front_handler(&connection::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
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
    void refuse(unsigned status, std::string_view message) {
        keep_alive_ = false;
        linger_ = true;
        write_answer(http_answer{
            status, {}, jsonrpc_error_text(nullptr, error_code::invalid_request, message)});
    }

    void handle_request() {
        const auto& req = parser_->get();
        keep_alive_ = req.keep_alive();
        method_ = std::string(req.method_string());
        std::string_view target = req.target();
        path_ = std::string(target.substr(0, target.find('?')));

        if (over_capacity_) {
            keep_alive_ = false;
            http_answer busy{503,
                             {{"Retry-After", "1"}},
                             jsonrpc_error_text(nullptr,
                                                error_code::internal_error,
                                                "Service Unavailable: too many connections")};
            return write_answer(std::move(busy));
        }

        // DNS-rebinding protection comes first: a page from a foreign origin learns nothing,
        // not even whether a token is needed (MCP 2025-11-25 transports, "Security Warning").
        request_headers headers = read_headers(req);
        const auto& host = headers.host;
        const auto& origin = headers.origin;
        const auto& authorization = headers.authorization;
        if (!host) {
            return refuse(400, "Bad Request: the Host header is required");
        }
        if (!state_.policy->host_allowed(*host) ||
            (origin && !state_.policy->origin_allowed(*origin))) {
            return write_answer(
                http_answer{403,
                            {},
                            jsonrpc_error_text(nullptr,
                                               error_code::invalid_request,
                                               "Forbidden: Host or Origin not allowed")});
        }
        if (!state_.policy->authorized(authorization.value_or(""))) {
            std::string challenge = R"(Bearer realm="clerk-mcp")";
            if (authorization) {
                challenge += R"(, error="invalid_token")";
            }
            return write_answer(
                http_answer{401,
                            {{"WWW-Authenticate", std::move(challenge)}},
                            jsonrpc_error_text(nullptr,
                                               error_code::invalid_request,
                                               "Unauthorized: a bearer token is required")});
        }
        if (path_ != state_.options.path) {
            return write_answer(http_answer{
                404, {}, jsonrpc_error_text(nullptr, error_code::invalid_request, "Not Found")});
        }

        std::visit(
            [this](auto&& outcome) {
                using T = std::decay_t<decltype(outcome)>;
                if constexpr (std::is_same_v<T, http_answer>) {
                    write_answer(std::move(outcome));
                } else if constexpr (std::is_same_v<T, mcp_call>) {
                    start_call(std::move(outcome));
                } else {
                    open_get_stream(std::move(outcome));
                }
            },
            state_.router.classify(headers.view));
    }

    // Runs a JSON-RPC message: inline when it is cheap, on the worker pool when it may block.
    void start_call(mcp_call&& outcome) {
        auto call = std::make_shared<mcp_call>(std::move(outcome));
        rpc_method_ = call->rpc_method;
        dispatched_request_ = call->is_request;
        message_sender push;
        if (call->as_sse) {
            sse_ = sse_state::lazy;
            sse_alive_ = true;
            schedule_keepalive();
            push = make_push();
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

    void on_call_done(const std::shared_ptr<mcp_call>& call, std::optional<std::string> reply) {
        keepalive_timer_.cancel();
        if (sse_ == sse_state::started) {
            // The stream is open: the reply is its last event.
            http_answer answer = state_.router.finish(*call, std::move(reply));
            status_ = 200;
            if (!sse_alive_) {
                return close();
            }
            if (!answer.body.empty()) {
                sse_queue_.push_back(sse_frame(answer.body));
            }
            sse_final_ = true;
            return pump();
        }
        http_answer answer = state_.router.finish(*call, std::move(reply));
        bool as_sse = sse_ == sse_state::lazy && answer.status == 200 && !answer.body.empty();
        sse_ = sse_state::none;
        sse_alive_ = false;
        if (as_sse) {
            answer.body = sse_frame(answer.body);
        }
        write_answer(std::move(answer), as_sse);
    }

    // The sender a tool uses to ask the client something while its call runs. Called from a
    // worker thread; the event is written on the connection's strand.
    message_sender make_push() {
        std::weak_ptr<connection> weak = shared_from_this();
        return [weak](std::string message) -> bool {
            auto self = weak.lock();
            if (!self || !self->sse_alive_) {
                return false;
            }
            net::post(self->stream_.get_executor(), [self, message = std::move(message)] {
                self->push_event(sse_frame(message));
            });
            return true;
        };
    }

    void push_event(std::string frame) {
        if (!sse_alive_ || sse_ == sse_state::none) {
            return;
        }
        sse_queue_.push_back(std::move(frame));
        pump();
    }

    void open_get_stream(open_stream stream) {
        std::weak_ptr<connection> weak = shared_from_this();
        auto closer = [weak, executor = stream_.get_executor()] {
            net::post(executor, [weak] {
                if (auto self = weak.lock()) {
                    self->end_stream();
                }
            });
        };
        if (!state_.sessions.attach_stream(stream.session_id, std::move(closer))) {
            return write_answer(
                http_answer{409,
                            {},
                            jsonrpc_error_text(nullptr,
                                               error_code::invalid_request,
                                               "Conflict: this session already has a GET stream")});
        }
        // The stream lives until the session ends, the client leaves or the server stops; the
        // connection ends with it.
        stream_session_ = std::move(stream.session_id);
        phase_ = phase::streaming;
        keep_alive_ = false;
        status_ = 200;
        sse_ = sse_state::started;
        sse_alive_ = true;
        header_due_ = true;
        log_request();
        schedule_keepalive();
        watch_for_disconnect();
        pump();
    }

    void end_stream() {
        if (phase_ != phase::streaming || sse_final_) {
            return;
        }
        keepalive_timer_.cancel();
        sse_final_ = true;
        pump();
    }

    // While a stream is open the pending keep-alive timer holds the connection: a GET stream
    // has no other operation in flight between events.
    void schedule_keepalive() {
        keepalive_timer_.expires_after(http_limits::sse_keepalive_interval);
        keepalive_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || !self->sse_alive_ || self->sse_final_) {
                return;
            }
            // A comment line: clients ignore it, proxies and idle timers see traffic.
            self->push_event(": keep-alive\n\n");
            self->schedule_keepalive();
        });
    }

    // A GET stream's client sends nothing more; a read that completes means it left (or broke
    // the protocol), and the stream ends at once rather than at the next keep-alive.
    void watch_for_disconnect() {
        stream_.expires_never();
        buffer_.clear();
        stream_.async_read_some(
            buffer_.prepare(first_read_bytes),
            [self = shared_from_this()](beast::error_code, std::size_t) { self->client_left(); });
    }

    void client_left() {
        if (phase_ != phase::streaming) {
            return;
        }
        sse_alive_ = false;
        keepalive_timer_.cancel();
        if (!stream_session_.empty()) {
            state_.sessions.detach_stream(stream_session_);
            stream_session_.clear();
        }
        close();
    }

    // Writes what the SSE answer has due, one write at a time: the header, the queued events,
    // and the last chunk once the answer is final.
    void pump() {
        if (writing_ || !sse_alive_) {
            return;
        }
        if (sse_ == sse_state::lazy) {
            sse_ = sse_state::started;
            header_due_ = true;
            status_ = 200;
        }
        auto self = shared_from_this();
        if (header_due_) {
            writing_ = true;
            header_due_ = false;
            sse_header_.emplace(http::status::ok, 11);
            sse_header_->set(http::field::content_type, "text/event-stream");
            sse_header_->set(http::field::cache_control, "no-cache");
            // Tells nginx-style proxies not to buffer the stream (MCP 2026-07-28 transports).
            sse_header_->set("X-Accel-Buffering", "no");
            sse_header_->keep_alive(keep_alive_ && !state_.stopping);
            sse_header_->chunked(true);
            sse_serializer_.emplace(*sse_header_);
            stream_.expires_after(http_limits::write_timeout);
            return http::async_write_header(
                stream_, *sse_serializer_, [self](beast::error_code ec, std::size_t) {
                    self->on_pumped(ec, false);
                });
        }
        if (!sse_queue_.empty()) {
            writing_ = true;
            stream_.expires_after(http_limits::write_timeout);
            return net::async_write(stream_,
                                    http::make_chunk(net::buffer(sse_queue_.front())),
                                    [self](beast::error_code ec, std::size_t) {
                                        self->sse_queue_.pop_front();
                                        self->on_pumped(ec, false);
                                    });
        }
        if (sse_final_) {
            writing_ = true;
            stream_.expires_after(http_limits::write_timeout);
            return net::async_write(
                stream_, http::make_chunk_last(), [self](beast::error_code ec, std::size_t) {
                    self->on_pumped(ec, true);
                });
        }
    }

    void on_pumped(beast::error_code ec, bool last) {
        writing_ = false;
        if (ec) {
            // The client left: pushes now fail, and the tool call (if any) ends on its own.
            sse_alive_ = false;
            keepalive_timer_.cancel();
            if (!stream_session_.empty()) {
                state_.sessions.detach_stream(stream_session_);
            }
            return stream_.socket().close(ec);
        }
        if (!last) {
            return pump();
        }
        sse_ = sse_state::none;
        sse_alive_ = false;
        sse_final_ = false;
        sse_serializer_.reset();
        sse_header_.reset();
        if (!stream_session_.empty()) {
            state_.sessions.detach_stream(stream_session_);
            stream_session_.clear();
        } else {
            log_request();
        }
        after_response();
    }

    void write_answer(http_answer answer, bool as_sse = false) {
        status_ = answer.status;
        response_ = {};
        response_.version(11);
        response_.result(answer.status);
        if (!answer.body.empty()) {
            response_.set(http::field::content_type,
                          as_sse ? "text/event-stream" : "application/json");
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
                          beast::bind_front_handler(&connection::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        log_request();
        if (ec) {
            return close();
        }
        after_response();
    }

    void after_response() {
        if (!keep_alive_ || state_.stopping) {
            return linger_ ? linger() : close();
        }
        wait_for_request();
    }

    // Half-closes and reads until the client closes (or a short timeout), so that a client still
    // sending an oversized body sees our error response rather than a connection reset.
    void linger() {
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

    void close() {
        keepalive_timer_.cancel();
        sse_alive_ = false;
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.socket().close(ignored);
    }

    void on_stop() {
        switch (phase_) {
            case phase::waiting:
                return close();  // cancels the pending read
            case phase::streaming:
                return end_stream();
            default:
                keep_alive_ = false;  // answered, then closed
        }
    }

    // One debug line per HTTP request. A JSON-RPC request that reached the dispatcher already
    // has its debug line there (method, tool, status, latency), so this one drops to trace;
    // everything the transport answers alone (refusals, 202s, streams) is logged here.
    void log_request() {
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

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    detail::http_transport_state& state_;
    net::steady_timer keepalive_timer_;
    std::uint64_t id_ = 0;
    bool over_capacity_ = false;
    phase phase_ = phase::waiting;
    bool keep_alive_ = true;
    bool linger_ = false;

    // The request being answered, for the log line.
    clock::time_point started_;
    std::string method_;
    std::string path_;
    std::string rpc_method_;
    bool dispatched_request_ = false;  // the dispatcher logged this request (see log_request)
    unsigned status_ = 0;

    // The SSE answer (a POST answered as a stream, or a GET stream).
    sse_state sse_ = sse_state::none;
    std::atomic<bool> sse_alive_{false};  // read by pushes on worker threads
    bool header_due_ = false;
    bool writing_ = false;
    bool sse_final_ = false;
    std::deque<std::string> sse_queue_;
    std::optional<http::response<http::empty_body>> sse_header_;
    std::optional<http::response_serializer<http::empty_body>> sse_serializer_;
    std::string stream_session_;  // the session whose GET stream this is
};

}  // namespace

std::uint64_t detail::http_transport_state::add_connection(const std::shared_ptr<connection>& c,
                                                           bool& over_capacity) {
    std::lock_guard lock(registry_mutex);
    over_capacity = registry.size() >= options.max_connections;
    std::uint64_t id = next_connection_id++;
    registry.emplace(id, c);
    return id;
}

void detail::http_transport_state::remove_connection(std::uint64_t id) {
    std::lock_guard lock(registry_mutex);
    registry.erase(id);
    if (stopping && registry.empty() && !destroying) {
        // The last in-flight request is done: no need to wait out the grace period.
        net::post(strand, [this] { grace_timer.cancel(); });
    }
}

void detail::http_transport_state::do_accept() {
    // With one I/O thread every handler already runs in sequence; a strand would only add cost.
    net::any_io_executor executor = options.threads > 1
                                        ? net::any_io_executor(net::make_strand(ioc))
                                        : net::any_io_executor(ioc.get_executor());
    acceptor.async_accept(executor,
                          beast::bind_front_handler(&http_transport_state::on_accept, this));
}

void detail::http_transport_state::on_accept(beast::error_code ec, tcp::socket socket) {
    if (stopping || !acceptor.is_open()) {
        return;
    }
    if (ec) {
        // Out of descriptors or a connection reset before accept: keep serving the others.
        logger->warn("http accept failed error={}", ec.message());
    } else {
        socket.set_option(tcp::no_delay(true), ec);
        auto c = std::make_shared<connection>(std::move(socket), *this);
        bool over_capacity = false;
        std::uint64_t id = add_connection(c, over_capacity);
        c->start(id, over_capacity);
    }
    do_accept();
}

void detail::http_transport_state::schedule_sweep() {
    sweep_timer.expires_after(http_limits::session_sweep_interval);
    sweep_timer.async_wait([this](beast::error_code ec) {
        if (ec || stopping) {
            return;
        }
        if (std::size_t expired = sessions.expire_idle(clock::now())) {
            logger->debug("http sessions expired count={}", expired);
        }
        schedule_sweep();
    });
}

void detail::http_transport_state::on_stop() {
    beast::error_code ignored;
    acceptor.close(ignored);
    sweep_timer.cancel();
    if (signals) {
        signals->cancel(ignored);
    }
    // Ending the sessions fails the server-to-client requests tools wait on, so that no worker
    // stays blocked on a client that will never answer.
    sessions.remove_all();

    std::vector<std::shared_ptr<connection>> live;
    {
        std::lock_guard lock(registry_mutex);
        stopping = true;
        for (auto& [id, weak] : registry) {
            if (auto c = weak.lock()) {
                live.push_back(std::move(c));
            }
        }
    }
    for (auto& c : live) {
        c->stop();
    }
    if (!live.empty()) {
        grace_timer.expires_after(http_limits::shutdown_grace);
        grace_timer.async_wait([this](beast::error_code ec) {
            if (!ec) {
                logger->warn("http shutdown grace period over; closing remaining connections");
                ioc.stop();
            }
        });
    }
}

http_transport::http_transport(server& srv,
                               http_options options,
                               std::shared_ptr<spdlog::logger> logger)
    : impl_(std::make_unique<detail::http_transport_state>(
          srv, std::move(options), std::move(logger))) {}

http_transport::~http_transport() {
    // Sessions close their GET streams by posting to the connections' strands: do it while the
    // io_context still exists, then let the workers finish before anything is destroyed.
    impl_->stopping = true;
    impl_->sessions.remove_all();
    impl_->workers.join();
    impl_->destroying = true;
}

boost::system::result<std::uint16_t, std::string> http_transport::start() {
    auto& s = *impl_;
    beast::error_code ec;
    std::string host = s.options.host == "localhost" ? "127.0.0.1" : s.options.host;
    auto address = net::ip::make_address(host, ec);
    if (ec) {
        return "invalid --host '" + s.options.host + "': " + ec.message();
    }
    tcp::endpoint endpoint(address, s.options.port);
    auto fail = [&](std::string_view what) {
        return std::string(what) + " " + endpoint.address().to_string() + " port " +
               std::to_string(s.options.port) + ": " + ec.message();
    };
    s.acceptor.open(endpoint.protocol(), ec);
    if (ec) {
        return fail("cannot open a socket for");
    }
    s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    s.acceptor.bind(endpoint, ec);
    if (ec) {
        return fail("cannot bind");
    }
    s.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail("cannot listen on");
    }
    std::uint16_t port = s.acceptor.local_endpoint().port();

    // A non-loopback bind also answers to its own address as Host.
    std::vector<std::string> hosts = s.options.allowed_hosts;
    if (!address.is_loopback() && !address.is_unspecified()) {
        std::string literal =
            address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
        hosts.push_back(literal + ":" + std::to_string(port));
    }
    s.policy.emplace(port, std::move(hosts), s.options.allowed_origins, s.options.bearer_token);

    net::post(s.strand, [&s] {
        s.do_accept();
        s.schedule_sweep();
    });
    return port;
}

void http_transport::run() {
    auto& s = *impl_;
    std::vector<std::thread> extra;
    for (unsigned i = 1; i < std::max(1u, s.options.threads); ++i) {
        extra.emplace_back([&s] { s.ioc.run(); });
    }
    s.ioc.run();
    for (auto& t : extra) {
        t.join();
    }
    s.workers.join();
}

void http_transport::stop() {
    auto* s = impl_.get();
    net::post(s->strand, [s] {
        if (!s->stopping) {
            s->on_stop();
        }
    });
}

int run_http(server& srv, const http_options& options, std::shared_ptr<spdlog::logger> logger) {
    http_transport transport(srv, options, logger);
    auto& s = *transport.impl_;
    auto port = transport.start();
    if (!port) {
        s.logger->error("http transport could not start: {}", port.error());
        return 1;
    }
    std::string host =
        options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    s.logger->info("http transport listening url=http://{}:{}{} token={}",
                   host,
                   *port,
                   options.path,
                   options.bearer_token.empty() ? "none" : "required");

    s.signals.emplace(s.strand, SIGINT, SIGTERM);
    s.signals->async_wait([&transport, &s](beast::error_code ec, int signal) {
        if (!ec) {
            s.logger->info("http transport stopping signal={}", signal);
            transport.stop();
        }
    });
    transport.run();
    s.logger->info("http transport stopped");
    return 0;
}

}  // namespace clerk_mcp::mcp
