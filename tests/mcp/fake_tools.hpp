// A small tool set for the protocol tests: tools that echo, fail, throw, report their call
// context, and ask the client for a confirmation in both protocol eras. It stands in for the
// real tools, which the mcp layer must not know.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "mcp/protocol.hpp"
#include "mcp/server.hpp"
#include "mcp/tool.hpp"

namespace clerk_mcp::test {

inline mcp::server_info fake_server_info() {
    return {"fake-server", "Fake Server", "9.9.9", "Call echo first."};
}

inline boost::json::object object_schema(boost::json::object properties = {}) {
    return {{"type", "object"}, {"properties", std::move(properties)}};
}

// Returns its arguments as structured content and leaves the text to the server's rendering.
inline mcp::tool echo_tool() {
    mcp::tool t;
    t.name = "echo";
    t.title = "Echo";
    t.description = "Returns its arguments.";
    t.input_schema = object_schema({{"message", {{"type", "string"}}}});
    t.output_schema = object_schema({{"arguments", {{"type", "object"}}}});
    t.annotations = {true, false, true, false};
    t.handler = [](const boost::json::object& arguments, const mcp::call_context&) {
        mcp::tool_result result;
        result.structured = boost::json::object{{"arguments", arguments}};
        return result;
    };
    return t;
}

// Sets both a text and structured content.
inline mcp::tool greet_tool() {
    mcp::tool t;
    t.name = "greet";
    t.description = "Greets someone by name.";
    t.handler = [](const boost::json::object& arguments, const mcp::call_context&) {
        std::string name = "world";
        if (const auto* given = arguments.if_contains("name"); given && given->is_string()) {
            name = given->get_string();
        }
        mcp::tool_result result;
        result.text = "hello " + name;
        result.structured = boost::json::object{{"greeting", result.text}};
        return result;
    };
    return t;
}

// Fails the ordinary way: an error result.
inline mcp::tool fail_tool() {
    mcp::tool t;
    t.name = "fail";
    t.description = "Always fails.";
    t.handler = [](const boost::json::object&, const mcp::call_context&) {
        return mcp::tool_result::error("the thing failed; try echo instead", {{"hint", "echo"}});
    };
    return t;
}

// Fails the wrong way: an exception the server must contain.
inline mcp::tool explode_tool() {
    mcp::tool t;
    t.name = "explode";
    t.description = "Throws.";
    t.handler = [](const boost::json::object&, const mcp::call_context&) -> mcp::tool_result {
        throw std::runtime_error("secret internal detail");
    };
    return t;
}

// Reports the call context it was given.
inline mcp::tool context_tool() {
    mcp::tool t;
    t.name = "context";
    t.description = "Reports its call context.";
    t.handler = [](const boost::json::object&, const mcp::call_context& ctx) {
        mcp::tool_result result;
        result.structured = boost::json::object{
            {"protocol_version", ctx.protocol_version},
            {"client_capabilities", ctx.client_capabilities},
            {"input_responses", ctx.input_responses},
            {"request_state", ctx.request_state},
            {"can_ask_client", static_cast<bool>(ctx.ask_client)},
            {"can_elicit", ctx.client_can_elicit()},
        };
        return result;
    };
    return t;
}

// Asks the client to confirm before "acting": through an input_required result in 2026-07-28,
// through a server-to-client elicitation request in a 2025-era session.
inline mcp::tool confirm_tool() {
    mcp::tool t;
    t.name = "confirm";
    t.description = "Acts after the user confirms.";
    t.annotations = {false, true, false, false};
    t.handler = [](const boost::json::object&, const mcp::call_context& ctx) {
        const boost::json::object elicitation{
            {"message", "Really act?"},
            {"requestedSchema", object_schema({{"ok", {{"type", "boolean"}}}})},
        };
        mcp::tool_result result;
        if (mcp::is_stateless_revision(ctx.protocol_version)) {
            if (const auto* answer = ctx.input_responses.if_contains("confirm")) {
                result.structured =
                    boost::json::object{{"answer", *answer}, {"request_state", ctx.request_state}};
                return result;
            }
            result.input = mcp::tool_result::input_required{
                {{"confirm",
                  {{"method", mcp::method::elicitation_create}, {"params", elicitation}}}},
                "state-1"};
            return result;
        }
        if (!ctx.ask_client) {
            return mcp::tool_result::error("this client cannot confirm; nothing was done");
        }
        auto answer = ctx.ask_client(mcp::method::elicitation_create, elicitation);
        if (!answer) {
            return mcp::tool_result::error("no confirmation: " + answer.error());
        }
        result.structured = boost::json::object{{"answer", *answer}};
        return result;
    };
    return t;
}

// Requests input even in a 2025-era call, which the server must refuse to send.
inline mcp::tool misuse_input_tool() {
    mcp::tool t;
    t.name = "misuse_input";
    t.description = "Asks for input whatever the revision.";
    t.handler = [](const boost::json::object&, const mcp::call_context&) {
        mcp::tool_result result;
        result.input = mcp::tool_result::input_required{{}, "state-x"};
        return result;
    };
    return t;
}

// The server of the protocol tests, with every fake tool in a fixed order.
inline std::unique_ptr<mcp::server> make_fake_server(std::shared_ptr<spdlog::logger> logger = {}) {
    auto srv = std::make_unique<mcp::server>(fake_server_info(), std::move(logger));
    srv->add_tool(echo_tool());
    srv->add_tool(greet_tool());
    srv->add_tool(fail_tool());
    srv->add_tool(explode_tool());
    srv->add_tool(context_tool());
    srv->add_tool(confirm_tool());
    srv->add_tool(misuse_input_tool());
    return srv;
}

}  // namespace clerk_mcp::test
