// The Streamable HTTP transport (MCP 2025-03-26 to 2025-11-25, and 2026-07-28): one endpoint
// that frames HTTP requests into messages for `server` and its answers back into JSON or SSE.
// Beast stays in the .cpp; this header is what main needs:
//
//   http_options options;                        // from the command line
//   if (auto problem = validate_http_options(options)) { fail(*problem); }
//   return run_http(srv, options, logger);        // blocks until SIGINT or SIGTERM
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <boost/system/result.hpp>

#include "mcp/http_options.hpp"
#include "mcp/server.hpp"

namespace spdlog {
class logger;
}

namespace clerk_mcp::mcp {

namespace detail {
// The transport's state: Beast and Asio objects, defined in http_transport.cpp.
struct http_transport_state;
}  // namespace detail

// The transport object, for callers that run it on their own thread (tests).
class http_transport {
public:
    // `srv` must outlive the transport. `logger` may be null (no logs).
    http_transport(server& srv, http_options options, std::shared_ptr<spdlog::logger> logger);
    ~http_transport();
    http_transport(const http_transport&) = delete;
    http_transport& operator=(const http_transport&) = delete;

    // Binds and listens. Returns the bound port, or a message saying why it could not bind.
    // Call once, before run().
    boost::system::result<std::uint16_t, std::string> start();

    // Serves requests on `options.threads` threads (the calling one included) until stop();
    // then finishes in-flight requests and returns.
    void run();

    // Stops accepting, ends idle connections, SSE streams and sessions, and lets in-flight
    // requests finish (for at most http_limits::shutdown_grace). Thread-safe; may be called
    // before run() or from a signal-handling thread.
    void stop();

private:
    friend int run_http(server& srv,
                        const http_options& options,
                        std::shared_ptr<spdlog::logger> logger);

    std::unique_ptr<detail::http_transport_state> impl_;
};

// Runs the transport on this thread until SIGINT or SIGTERM, then stops cleanly. Logs the
// endpoint URL at info level once bound. Returns the process exit code: 0 after a clean stop,
// 1 when it could not bind.
int run_http(server& srv, const http_options& options, std::shared_ptr<spdlog::logger> logger);

}  // namespace clerk_mcp::mcp
