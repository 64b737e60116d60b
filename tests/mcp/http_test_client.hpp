// A blocking Beast client and a transport fixture for the HTTP transport tests: the transport
// runs on 127.0.0.1 with an ephemeral port on its own thread, serving the fake tool set.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "mcp/http_transport.hpp"
#include "mcp/protocol.hpp"
#include "tests/mcp/fake_tools.hpp"

namespace clerk_mcp::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

using header_map = std::map<std::string, std::string>;

struct http_reply {
    unsigned status = 0;
    http::fields headers;
    std::string body;

    std::string header(std::string_view name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : std::string(it->value());
    }
    boost::json::value json() const { return boost::json::parse(body); }
    // The JSON-RPC error code of the body, or 0.
    long long error_code() const {
        auto value = json();
        const auto* error = value.as_object().if_contains("error");
        return error ? error->at("code").as_int64() : 0;
    }
};

// One client connection; requests are sent one after the other on it (keep-alive).
class http_client {
public:
    explicit http_client(std::uint16_t port) : socket_(ioc_), port_(port) {
        socket_.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    }

    http_reply send(std::string_view method,
                    std::string_view body,
                    const header_map& headers = {},
                    std::string_view target = "/mcp") {
        write_request(method, body, headers, target);
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024 * 1024);
        http::read(socket_, buffer_, parser);
        return to_reply(parser.get());
    }

    // Sends a request and reads only the response header; read_more() then reads the body as it
    // arrives (an SSE stream).
    void send_streaming(std::string_view method,
                        std::string_view body,
                        const header_map& headers = {}) {
        write_request(method, body, headers, "/mcp");
        parser_.emplace();
        parser_->body_limit(64 * 1024 * 1024);
        http::read_header(socket_, buffer_, *parser_);
    }
    unsigned stream_status() const { return parser_->get().result_int(); }
    std::string stream_header(http::field name) const { return std::string(parser_->get()[name]); }
    // Reads until the body contains `needle` or the response ends; returns the body so far.
    const std::string& read_until(std::string_view needle) {
        while (!parser_->is_done() && parser_->get().body().find(needle) == std::string::npos) {
            http::read_some(socket_, buffer_, *parser_);
        }
        return parser_->get().body();
    }
    const std::string& read_to_end() {
        while (!parser_->is_done()) {
            http::read_some(socket_, buffer_, *parser_);
        }
        return parser_->get().body();
    }

    tcp::socket& socket() { return socket_; }

private:
    void write_request(std::string_view method,
                       std::string_view body,
                       const header_map& headers,
                       std::string_view target) {
        http::request<http::string_body> req;
        req.method_string(method);
        req.target(target);
        req.version(11);
        req.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
        for (const auto& [name, value] : headers) {
            req.set(name, value);
        }
        req.body() = std::string(body);
        req.prepare_payload();
        http::write(socket_, req);
    }

    static http_reply to_reply(const http::response<http::string_body>& res) {
        http_reply reply;
        reply.status = res.result_int();
        reply.headers = res.base();
        reply.body = res.body();
        return reply;
    }

    net::io_context ioc_;
    tcp::socket socket_;
    std::uint16_t port_;
    beast::flat_buffer buffer_;
    std::optional<http::response_parser<http::string_body>> parser_;
};

// The headers of a JSON POST.
inline header_map json_post(header_map extra = {}) {
    extra.emplace("Content-Type", "application/json");
    extra.emplace("Accept", "application/json, text/event-stream");
    return extra;
}

inline std::string initialize_body(bool can_elicit = false) {
    boost::json::object capabilities;
    if (can_elicit) {
        capabilities["elicitation"] = boost::json::object{};
    }
    return boost::json::serialize(
        boost::json::object{{"jsonrpc", "2.0"},
                            {"id", 1},
                            {"method", "initialize"},
                            {"params",
                             {{"protocolVersion", mcp::revision_2025_11_25},
                              {"capabilities", capabilities},
                              {"clientInfo", {{"name", "http-test"}, {"version", "1"}}}}}});
}

inline std::string request_body(int id, std::string_view method, boost::json::object params = {}) {
    return boost::json::serialize(boost::json::object{
        {"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
}

// A 2026-07-28 request: the revision and capabilities ride in `_meta`.
inline std::string stateless_body(int id,
                                  std::string_view method,
                                  boost::json::object params = {},
                                  std::string_view version = mcp::revision_2026_07_28) {
    params["_meta"] =
        boost::json::object{{mcp::meta_key::protocol_version, version},
                            {mcp::meta_key::client_info, {{"name", "http-test"}, {"version", "1"}}},
                            {mcp::meta_key::client_capabilities, boost::json::object{}}};
    return request_body(id, method, std::move(params));
}

// The transport on 127.0.0.1:0 serving `srv`, run on a thread, stopped at destruction.
class transport_runner {
public:
    explicit transport_runner(mcp::server& srv,
                              mcp::http_options options = {},
                              std::shared_ptr<spdlog::logger> logger = nullptr)
        : transport_(srv, std::move(options), std::move(logger)) {
        auto bound = transport_.start();
        if (!bound) {
            throw std::runtime_error(bound.error());
        }
        port_ = *bound;
        thread_ = std::thread([this] { transport_.run(); });
    }
    ~transport_runner() { stop(); }

    void stop() {
        if (thread_.joinable()) {
            transport_.stop();
            thread_.join();
        }
    }

    std::uint16_t port() const { return port_; }

private:
    mcp::http_transport transport_;
    std::uint16_t port_ = 0;
    std::thread thread_;
};

// Starts a 2025-era session and completes the handshake; returns its Mcp-Session-Id.
inline std::string open_session(std::uint16_t port, bool can_elicit = false) {
    http_client client(port);
    auto init = client.send("POST", initialize_body(can_elicit), json_post());
    std::string id = init.header("Mcp-Session-Id");
    client.send("POST",
                R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
                json_post({{"Mcp-Session-Id", id}, {"MCP-Protocol-Version", "2025-11-25"}}));
    return id;
}

}  // namespace clerk_mcp::test
