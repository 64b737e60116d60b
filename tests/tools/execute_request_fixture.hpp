// Test support for the execute_request tests: the tool over the real spec mirror with a
// recording transport and an injected clock, and helpers for previews, tokens and the
// 2026-07-28 round trip.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/tools/tool_fixture.hpp"
#include "tools/execute_request.hpp"

namespace clerk_mcp::test::execute {

namespace json = boost::json;
using namespace clerk_mcp::tools;

struct fixture {
    test::recording_transport transport;
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
    confirmation_store confirmations{std::chrono::seconds(300), [this] { return now; }};
    request_validator validator;

    mcp::tool make(std::string_view scopes = "write,delete", bool admin = false) {
        return make_execute_request_tool({.catalog = &test::real_catalog(),
                                          .scopes = scope_policy(scopes, admin),
                                          .instance = instance_kind::development,
                                          .transport = &transport,
                                          .confirmations = &confirmations,
                                          .validator = &validator});
    }

    static mcp::tool_result call(const mcp::tool& tool,
                                 std::string_view args,
                                 const mcp::call_context& ctx = {}) {
        return tool.handler(json::parse(args).as_object(), ctx);
    }
};

inline std::string text_of(const mcp::tool_result& r) {
    return r.text.empty() ? json::serialize(r.structured) : r.text;
}

inline std::string token_of(const mcp::tool_result& r) {
    return std::string(r.structured.at("confirm_token").as_string());
}

inline constexpr std::string_view delete_user =
    R"({"method":"DELETE","path":"/users/{user_id}","path_params":{"user_id":"user_123"}})";

inline std::string with_token(std::string_view args, const std::string& token) {
    auto o = json::parse(args).as_object();
    o["confirm_token"] = token;
    return json::serialize(o);
}

// The first call of a stateless client that can answer an elicitation.
inline mcp::call_context stateless_first_call() {
    mcp::call_context ctx;
    ctx.protocol_version = "2026-07-28";
    ctx.client_capabilities = {{"elicitation", json::object{}}};
    return ctx;
}

// The retry carrying `state` and the user's consent.
inline mcp::call_context stateless_retry(std::string state) {
    auto ctx = stateless_first_call();
    ctx.request_state = std::move(state);
    ctx.input_responses = {{"confirm", {{"action", "accept"}, {"content", {{"confirm", true}}}}}};
    return ctx;
}

inline std::string state_of(const mcp::tool_result& r) {
    BOOST_REQUIRE(r.input.has_value());
    return r.input->request_state;
}

inline bool has(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

// The same arguments with `key` set to `value`.
inline std::string with(std::string_view args, std::string_view key, json::value value) {
    auto o = json::parse(args).as_object();
    o[key] = std::move(value);
    return json::serialize(o);
}

// The one write of 2026-05-12 with a query parameter: end_now=true cancels at once instead of
// at the end of the billing period.
inline constexpr std::string_view cancel_item =
    R"({"method":"DELETE","path":"/billing/subscription_items/{subscription_item_id}",
        "path_params":{"subscription_item_id":"csub_1"}})";

// Checks a refusal of `token` for a request that differs from the one it confirms: an error
// naming the difference, and a fresh preview of the request actually sent.
inline void expect_fresh_preview(const mcp::tool_result& r, const std::string& token) {
    BOOST_TEST(r.is_error);
    BOOST_TEST(has(text_of(r), "different request"), text_of(r));
    BOOST_TEST(has(text_of(r), "A fresh preview follows"), text_of(r));
    BOOST_TEST(r.structured.at("status").as_string() == "confirmation_required");
    BOOST_TEST(token_of(r) != token);
}

}  // namespace clerk_mcp::test::execute
