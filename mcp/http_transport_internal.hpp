// What the HTTP transport's .cpp files share: the header scan, the transport state the listener
// owns and every connection reads, and the timing constants of a connection. Beast and Asio
// types appear here, so only the transport's own .cpp files include it; http_transport.hpp, the
// header main and the tests see, stays Beast-free.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <spdlog/logger.h>

#include "mcp/http_access.hpp"
#include "mcp/http_options.hpp"
#include "mcp/http_router.hpp"
#include "mcp/http_sessions.hpp"
#include "mcp/server.hpp"

namespace clerk_mcp::mcp::detail {

class http_connection;

// How long a connection that is being closed after an error keeps reading (and discarding)
// what the client still sends, so that the client reads our error response instead of a reset.
inline constexpr std::chrono::seconds linger_timeout{2};
// The first read of a request asks for this much; a typical MCP request fits in one read.
inline constexpr std::size_t first_read_bytes = 8 * 1024;

// The request headers the transport reads; views into the request, which must outlive them.
struct request_headers {
    std::optional<std::string_view> host;
    std::optional<std::string_view> origin;
    std::optional<std::string_view> authorization;
    http_request_view view;
};

// Finds the headers the transport reads in one pass over `req`; of a repeated field the first
// counts. Defined in http_request_headers.cpp.
request_headers read_headers(
    const boost::beast::http::request<boost::beast::http::string_body>& req);

// `message` as one SSE event. Defined in http_sse.cpp.
std::string sse_frame(std::string_view message);

// The listener's state, which every connection of the transport reads. The listener
// (http_transport.cpp) defines the member functions.
struct http_transport_state {
    using tcp = boost::asio::ip::tcp;

    http_transport_state(server& srv, http_options opts, std::shared_ptr<spdlog::logger> log)
        : options(std::move(opts)),
          logger(log ? std::move(log) : std::make_shared<spdlog::logger>("clerk-mcp-http")),
          sessions(http_limits::max_sessions, options.session_idle_expiry),
          router(srv, sessions),
          ioc(static_cast<int>(std::max(1u, options.threads))),
          strand(boost::asio::make_strand(ioc)),
          acceptor(strand),
          sweep_timer(strand),
          grace_timer(strand) {}

    void do_accept();
    void on_accept(boost::beast::error_code ec, tcp::socket socket);
    void schedule_sweep();
    void on_stop();
    // Registry of live connections, so that stop() can reach them. Returns the new id.
    std::uint64_t add_connection(const std::shared_ptr<http_connection>& c, bool& over_capacity);
    void remove_connection(std::uint64_t id);

    http_options options;
    std::shared_ptr<spdlog::logger> logger;
    http_session_store sessions;
    http_router router;
    std::optional<access_policy> policy;

    std::mutex registry_mutex;
    std::unordered_map<std::uint64_t, std::weak_ptr<http_connection>> registry;
    std::uint64_t next_connection_id = 1;
    std::atomic<bool> stopping{false};
    // Set while the transport is destroyed: connections ending then must not post to `ioc`.
    std::atomic<bool> destroying{false};

    // Tool calls run here; joined after the I/O threads end. Declared before `ioc` so that the
    // I/O objects are destroyed first.
    boost::asio::thread_pool workers{http_limits::worker_threads};
    boost::asio::io_context ioc;
    boost::asio::strand<boost::asio::io_context::executor_type> strand;
    tcp::acceptor acceptor;
    boost::asio::steady_timer sweep_timer;
    boost::asio::steady_timer grace_timer;
    std::optional<boost::asio::signal_set> signals;
};

}  // namespace clerk_mcp::mcp::detail
