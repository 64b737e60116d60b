// Opening and keeping connections to Clerk: resolve, connect, hand over to TLS, and a small pool
// of idle keep-alive connections. A plain-http base URL is allowed for loopback only, and that
// rule is enforced again here on the resolved addresses, not just on the URL.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <poll.h>

#include "tools/clerk_client_internal.hpp"

namespace clerk_mcp::tools {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using detail::make_error;
using detail::steady;

// A pooled connection can be closed by the server while it sat idle; an idle HTTP/1.1
// connection has nothing to read, so anything readable (data or the close) rules it out.
bool clerk_connection::looks_reusable() {
    if (!lowest().socket().is_open() || buffer.size() != 0) {
        return false;
    }
    pollfd p{lowest().socket().native_handle(), POLLIN, 0};
    return ::poll(&p, 1, 0) == 0;
}

void clerk_connection::close() {
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().socket().close(ignored);
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

namespace {

using endpoints_result = boost::system::result<std::vector<tcp::endpoint>, transport_error>;

transport_error connect_timeout_error(const detail::clerk_origin& where,
                                      const client_config& config) {
    return make_error(transport_error_kind::connect_timeout,
                      "no connection to " + where.display + " within " +
                          std::to_string(config.connect_timeout.count()) +
                          " ms (connect timeout or the call's time budget); check the network "
                          "and the Clerk API URL");
}

// The addresses of `where` that this client may connect to.
endpoints_result resolve(clerk_connection& c,
                         const detail::clerk_origin& where,
                         const client_config& config,
                         steady::time_point connect_deadline) {
    // TODO: name resolution runs getaddrinfo on Asio's resolver thread, which cannot be
    // interrupted, so a hung DNS server can hold a call past its budget for the resolver's own
    // timeout (about 10 s with glibc's defaults) before it fails as a connect timeout.
    tcp::resolver resolver(c.ioc);
    tcp::resolver::results_type results;
    const beast::error_code ec = detail::run(c.ioc, [&](auto handler) {
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
        return connect_timeout_error(where, config);
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
    return endpoints;
}

// Connects `c` to the first of `endpoints` that answers; nullopt on success.
std::optional<transport_error> open_socket(clerk_connection& c,
                                           const std::vector<tcp::endpoint>& endpoints,
                                           const detail::clerk_origin& where,
                                           const client_config& config,
                                           steady::time_point connect_deadline) {
    c.lowest().expires_at(connect_deadline);
    beast::error_code ec =
        detail::run(c.ioc, [&](auto handler) { c.lowest().async_connect(endpoints, handler); });
    if (ec == beast::error::timeout) {
        return connect_timeout_error(where, config);
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
    c.lowest().socket().set_option(tcp::no_delay(true), ec);
    return std::nullopt;
}

}  // namespace

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

    auto endpoints = resolve(*c, where, config, connect_deadline);
    if (!endpoints) {
        return endpoints.error();
    }

    if (auto failure = open_socket(*c, *endpoints, where, config, connect_deadline)) {
        return *failure;
    }

    if (where.tls) {
        if (auto failure = handshake(*c, connect_deadline)) {
            return *failure;
        }
    }
    return c;
}

}  // namespace clerk_mcp::tools
