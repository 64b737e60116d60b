// What the Clerk client's .cpp files share: one pooled connection, the client's state, and the
// helper that runs one asynchronous Beast step to completion. Internal to the client (Beast
// types appear here): include it only from clerk_client.cpp, clerk_connection.cpp,
// clerk_exchange.cpp and clerk_tls.cpp. Each connection owns an io_context and every step runs
// on the calling thread, since beast::tcp_stream enforces timeouts only on asynchronous
// operations.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/error.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/system/result.hpp>
#include <openssl/x509_vfy.h>

#include "tools/clerk_client.hpp"
#include "tools/clerk_endpoint.hpp"

namespace clerk_mcp::tools {

namespace detail {

using steady = std::chrono::steady_clock;
using beast_request = boost::beast::http::request<boost::beast::http::string_body>;

// A transport_error of `kind`; `sent` says whether request bytes reached the network.
inline transport_error make_error(transport_error_kind kind,
                                  std::string message,
                                  bool sent = false) {
    transport_error e;
    e.kind = kind;
    e.message = std::move(message);
    e.request_sent = sent;
    return e;
}

// What the verify callback saw, kept so that a failed handshake can say why.
struct verify_record {
    long error = X509_V_OK;
    bool host_mismatch = false;
};

// The TLS context for `where` (clerk_tls.cpp): TLS 1.2 or later, peer verification against the
// system store (for https) plus `config.ca_file`. Empty for plain http without a CA file. Throws
// std::invalid_argument when a store or the CA file cannot be loaded.
std::optional<boost::asio::ssl::context> make_tls_context(const client_config& config,
                                                          const clerk_origin& where);

// Runs one asynchronous operation to completion on `ioc`, on this thread.
template <class Start>
boost::beast::error_code run(boost::asio::io_context& ioc, Start&& start) {
    boost::beast::error_code result = boost::asio::error::would_block;
    start([&result](boost::beast::error_code ec, auto&&...) { result = ec; });
    ioc.restart();
    ioc.run();
    return result;
}

}  // namespace detail

// One connection: its own io_context and either a TCP stream or a TLS stream over one.
struct clerk_connection {
    boost::asio::io_context ioc;
    std::optional<boost::beast::tcp_stream> plain;
    std::unique_ptr<boost::beast::ssl_stream<boost::beast::tcp_stream>> secure;
    boost::beast::flat_buffer buffer;
    detail::verify_record verify;

    boost::beast::tcp_stream& lowest() {
        return secure ? boost::beast::get_lowest_layer(*secure) : *plain;
    }

    template <class F>
    decltype(auto) with_stream(F&& f) {
        if (secure) {
            return f(*secure);
        }
        return f(*plain);
    }

    // False when the server closed the connection (or sent anything) while it sat idle.
    bool looks_reusable();

    // Shuts the socket down and closes it, ignoring errors: the connection is done either way.
    void close();
};

struct clerk_http_client::impl {
    client_config config;
    detail::clerk_origin where;
    std::shared_ptr<spdlog::logger> logger;
    std::optional<boost::asio::ssl::context> tls_context;  // https, or a CA file given with http
    std::mutex pool_mutex;
    std::vector<std::unique_ptr<clerk_connection>> idle;

    // Validates `c` (see the public constructor) and prepares the TLS context.
    impl(client_config c, std::shared_ptr<spdlog::logger> l);

    // What one call to send() ended with: the result, and the connection that carried it (null
    // when none could be opened).
    struct outcome {
        transport_result result;
        std::unique_ptr<clerk_connection> connection;
        bool reused = false;    // the connection came from the pool
        bool reusable = false;  // the connection may carry another request
    };

    // Sends `message` on a pooled or new connection, retrying once on a fresh one when a pooled
    // connection proves closed and retrying cannot perform the request twice (clerk_client.cpp).
    outcome send_with_retry(const detail::beast_request& message,
                            detail::steady::time_point deadline);
    // One debug line for a response, one warning for a failure; never the key or a header.
    void log_outcome(const http_request& request,
                     const outcome& done,
                     std::chrono::milliseconds elapsed) const;
    // Returns `done.connection` to the pool when it may be reused, else closes it.
    void release(outcome& done);

    // The pool (clerk_connection.cpp): an idle connection that still looks open, or null.
    std::unique_ptr<clerk_connection> take_idle();
    // Keeps `connection` for reuse, or closes it when the pool is full.
    void give_back(std::unique_ptr<clerk_connection> connection);

    // A new connection, resolved, connected and (for https) through the TLS handshake, all by
    // the earlier of `deadline` and the connect timeout (clerk_connection.cpp).
    boost::system::result<std::unique_ptr<clerk_connection>, transport_error> connect(
        detail::steady::time_point deadline);

    // SNI, certificate and host-name checks, and the handshake itself (clerk_tls.cpp).
    std::optional<transport_error> handshake(clerk_connection& c,
                                             detail::steady::time_point deadline);
    transport_error verify_failure(const clerk_connection& c) const;

    // One request and response on `c` (clerk_exchange.cpp); sets `reusable` when `c` may carry
    // another request.
    transport_result exchange(clerk_connection& c,
                              const detail::beast_request& request,
                              detail::steady::time_point deadline,
                              bool& reusable);
    transport_error read_failure(const boost::beast::error_code& ec,
                                 bool got_some,
                                 bool timed_out_by_budget) const;
};

}  // namespace clerk_mcp::tools
