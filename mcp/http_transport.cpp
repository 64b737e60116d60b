// The listener of the HTTP transport: binds, accepts connections and keeps a registry of them,
// sweeps idle sessions, and stops on request or on SIGINT/SIGTERM, giving in-flight requests a
// grace period. Each connection is an http_connection (http_connection.cpp, http_sse.cpp).
#include "mcp/http_transport.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <spdlog/logger.h>

#include "mcp/http_connection.hpp"
#include "mcp/http_transport_internal.hpp"

namespace clerk_mcp::mcp {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// Opens, binds and listens on `endpoint`. Returns why it could not, or nothing.
std::optional<std::string> listen_on(tcp::acceptor& acceptor, const tcp::endpoint& endpoint) {
    beast::error_code ec;
    auto fail = [&](std::string_view what) {
        return std::string(what) + " " + endpoint.address().to_string() + " port " +
               std::to_string(endpoint.port()) + ": " + ec.message();
    };
    acceptor.open(endpoint.protocol(), ec);
    if (ec) {
        return fail("cannot open a socket for");
    }
    acceptor.set_option(net::socket_base::reuse_address(true), ec);
    acceptor.bind(endpoint, ec);
    if (ec) {
        return fail("cannot bind");
    }
    acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail("cannot listen on");
    }
    return std::nullopt;
}

// The Host values the access policy accepts besides the loopback names. A non-loopback bind
// also answers to its own address as Host.
std::vector<std::string> allowed_hosts(const http_options& options,
                                       const net::ip::address& address,
                                       std::uint16_t port) {
    std::vector<std::string> hosts = options.allowed_hosts;
    if (!address.is_loopback() && !address.is_unspecified()) {
        std::string literal =
            address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
        hosts.push_back(literal + ":" + std::to_string(port));
    }
    return hosts;
}

}  // namespace

std::uint64_t detail::http_transport_state::add_connection(
    const std::shared_ptr<detail::http_connection>& c, bool& over_capacity) {
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
        auto c = std::make_shared<detail::http_connection>(std::move(socket), *this);
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
        if (std::size_t expired = sessions.expire_idle(std::chrono::steady_clock::now())) {
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

    std::vector<std::shared_ptr<detail::http_connection>> live;
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
    if (auto problem = listen_on(s.acceptor, tcp::endpoint(address, s.options.port))) {
        return std::move(*problem);
    }
    std::uint16_t port = s.acceptor.local_endpoint().port();
    s.policy.emplace(port,
                     allowed_hosts(s.options, address, port),
                     s.options.allowed_origins,
                     s.options.bearer_token);

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
