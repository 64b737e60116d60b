// Helpers shared by the server tests: building requests of both eras and a server fixture with
// the fake tools and a captured log.
#pragma once

#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include "mcp/protocol.hpp"
#include "mcp/server.hpp"
#include "tests/mcp/fake_tools.hpp"

namespace clerk_mcp::test {

namespace json = boost::json;

inline std::string request(json::value id, std::string_view method, json::object params = {}) {
    json::object message{{"jsonrpc", "2.0"}, {"id", std::move(id)}, {"method", method}};
    if (!params.empty()) {
        message["params"] = std::move(params);
    }
    return json::serialize(message);
}

inline std::string notification(std::string_view method) {
    return json::serialize(json::object{{"jsonrpc", "2.0"}, {"method", method}});
}

// A 2026-07-28 request: the revision and capabilities ride in `_meta`.
inline std::string stateless_request(json::value id,
                                     std::string_view method,
                                     json::object params = {},
                                     json::object capabilities = {},
                                     std::string_view version = mcp::revision_2026_07_28) {
    params["_meta"] = json::object{
        {"io.modelcontextprotocol/protocolVersion", version},
        {"io.modelcontextprotocol/clientCapabilities", std::move(capabilities)},
    };
    return request(std::move(id), method, std::move(params));
}

struct server_fixture {
    std::ostringstream log_text;
    std::shared_ptr<spdlog::logger> logger = std::make_shared<spdlog::logger>(
        "test", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_text));
    std::unique_ptr<mcp::server> srv = test::make_fake_server(logger);
    mcp::session sess;
    mcp::request_origin origin{&sess, {}};

    server_fixture() { logger->set_level(spdlog::level::debug); }

    // Sends a request and returns the parsed reply, which must exist.
    json::value call(const std::string& text, const mcp::request_origin* from = nullptr) {
        std::optional<std::string> reply = srv->handle(text, from ? *from : origin);
        BOOST_TEST_REQUIRE(reply.has_value());
        return json::parse(*reply);
    }

    json::value initialize(std::string_view version = mcp::revision_2025_11_25,
                           json::object capabilities = {}) {
        json::value reply = call(request(0,
                                         mcp::method::initialize,
                                         {{"protocolVersion", version},
                                          {"capabilities", std::move(capabilities)},
                                          {"clientInfo", {{"name", "tester"}, {"version", "1"}}}}));
        BOOST_TEST(!srv->handle(notification(mcp::method::initialized), origin).has_value());
        return reply;
    }

    json::value tool_call(std::string_view name, json::object arguments = {}) {
        return call(request(9, mcp::method::tools_call, {{"name", name}, {"arguments", arguments}}))
            .at("result");
    }
};

inline int error_code_of(const json::value& reply) {
    return static_cast<int>(reply.at("error").at("code").as_int64());
}

inline std::string error_message_of(const json::value& reply) {
    return std::string(reply.at("error").at("message").as_string());
}

inline bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

}  // namespace clerk_mcp::test
