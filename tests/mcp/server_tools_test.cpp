// Tests of the tool methods of the server (mcp/server_tools.cpp).
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include "mcp/protocol.hpp"
#include "mcp/server.hpp"
#include "tests/mcp/fake_tools.hpp"
#include "tests/mcp/server_test_support.hpp"

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;
namespace test = clerk_mcp::test;
using namespace clerk_mcp::test;

BOOST_AUTO_TEST_SUITE(server_tools)

BOOST_FIXTURE_TEST_CASE(tools_list_describes_every_tool_in_order_with_explicit_hints,
                        server_fixture) {
    initialize();
    const json::value reply = call(request(1, mcp::method::tools_list));
    const json::array& tools = reply.at("result").at("tools").as_array();
    std::vector<std::string> names;
    for (const json::value& t : tools) {
        names.emplace_back(t.at("name").as_string());
        const json::object& hints = t.at("annotations").as_object();
        for (std::string_view hint :
             {"readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"}) {
            BOOST_TEST(hints.at(hint).is_bool(), t.at("name") << " lacks " << hint);
        }
        BOOST_TEST(t.at("inputSchema").at("type") == json::value("object"));
        BOOST_TEST(t.at("description").is_string());
    }
    BOOST_TEST(
        names == (std::vector<std::string>{
                     "echo", "greet", "fail", "explode", "context", "confirm", "misuse_input"}),
        boost::test_tools::per_element());

    const json::value echo = json::parse(R"({
        "name": "echo", "title": "Echo", "description": "Returns its arguments.",
        "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}}},
        "outputSchema": {"type": "object", "properties": {"arguments": {"type": "object"}}},
        "annotations": {"readOnlyHint": true, "destructiveHint": false,
                        "idempotentHint": true, "openWorldHint": false}})");
    BOOST_TEST(tools.at(0) == echo);
    BOOST_TEST(!tools.at(1).as_object().contains("title"));
    BOOST_TEST(!tools.at(1).as_object().contains("outputSchema"));
}

BOOST_FIXTURE_TEST_CASE(tools_list_refuses_a_cursor_it_never_issued, server_fixture) {
    initialize();
    json::value reply = call(request(1, mcp::method::tools_list, {{"cursor", "abc"}}));
    BOOST_TEST(error_code_of(reply) == mcp::error_code::invalid_params);
}

BOOST_FIXTURE_TEST_CASE(structured_content_is_rendered_as_compact_json_text, server_fixture) {
    initialize();
    json::value result = tool_call("echo", {{"message", "hi"}});
    const json::value structured = json::parse(R"({"arguments":{"message":"hi"}})");
    BOOST_TEST(result.at("structuredContent") == structured);
    BOOST_TEST(result.at("content") ==
               json::parse(R"([{"type":"text","text":"{\"arguments\":{\"message\":\"hi\"}}"}])"));
    BOOST_TEST(result.at("isError") == json::value(false));
    BOOST_TEST(!result.as_object().contains("resultType"));
}

BOOST_FIXTURE_TEST_CASE(a_tool_text_is_used_when_given, server_fixture) {
    initialize();
    json::value result = tool_call("greet", {{"name", "Ada"}});
    BOOST_TEST(result.at("content").at(0).at("text") == json::value("hello Ada"));
    BOOST_TEST(result.at("structuredContent").at("greeting") == json::value("hello Ada"));
}

BOOST_FIXTURE_TEST_CASE(a_tool_error_is_an_error_result, server_fixture) {
    initialize();
    json::value result = tool_call("fail");
    BOOST_TEST(result.at("isError") == json::value(true));
    BOOST_TEST(result.at("structuredContent") ==
               json::parse(R"({"error":"the thing failed; try echo instead","hint":"echo"})"));
    BOOST_TEST(result.at("content").at(0).at("text") ==
               json::value("the thing failed; try echo instead"));
}

BOOST_FIXTURE_TEST_CASE(a_throwing_tool_becomes_a_generic_error_result_and_a_log_line,
                        server_fixture) {
    initialize();
    json::value result = tool_call("explode");
    BOOST_TEST(result.at("isError") == json::value(true));
    const std::string text(result.at("content").at(0).at("text").as_string());
    BOOST_TEST(contains(text, "explode failed unexpectedly"));
    BOOST_TEST(!contains(text, "secret internal detail"));
    BOOST_TEST(contains(log_text.str(), "secret internal detail"));
}

BOOST_FIXTURE_TEST_CASE(malformed_calls_are_invalid_params, server_fixture) {
    initialize();
    struct bad_call {
        std::string_view label;
        json::object params;
        std::string_view says;
    };
    const std::vector<bad_call> cases = {
        {"no params", {}, "needs \"name\""},
        {"numeric name", {{"name", 3}}, "needs \"name\""},
        {"unknown tool", {{"name", "ecko"}}, "unknown tool \"ecko\"; the tools are: echo, greet"},
        {"array arguments",
         {{"name", "echo"}, {"arguments", json::array{1}}},
         "\"arguments\" must be an object"},
        {"string input responses",
         {{"name", "echo"}, {"inputResponses", "x"}},
         "\"inputResponses\" must be an object"},
        {"numeric request state",
         {{"name", "echo"}, {"requestState", 1}},
         "\"requestState\" must be a string"},
    };
    for (const bad_call& c : cases) {
        BOOST_TEST_CONTEXT(c.label) {
            json::value reply = call(request(4, mcp::method::tools_call, c.params));
            BOOST_TEST(error_code_of(reply) == mcp::error_code::invalid_params);
            BOOST_TEST(contains(error_message_of(reply), c.says), error_message_of(reply));
        }
    }
}

BOOST_FIXTURE_TEST_CASE(a_session_call_sees_the_negotiated_revision_and_capabilities,
                        server_fixture) {
    initialize(mcp::revision_2025_03_26, {{"elicitation", json::object()}});
    json::value seen = tool_call("context").at("structuredContent");
    BOOST_TEST(seen.at("protocol_version") == json::value("2025-03-26"));
    BOOST_TEST(seen.at("can_elicit") == json::value(true));
    // No push channel in this origin, so the tool cannot ask the client anything.
    BOOST_TEST(seen.at("can_ask_client") == json::value(false));

    mcp::request_origin pushing{&sess, [](std::string) { return true; }};
    json::value with_push =
        call(request(1, mcp::method::tools_call, {{"name", "context"}}), &pushing);
    BOOST_TEST(with_push.at("result").at("structuredContent").at("can_ask_client") ==
               json::value(true));
}

BOOST_FIXTURE_TEST_CASE(a_client_without_elicitation_gets_no_ask_client, server_fixture) {
    initialize();
    mcp::request_origin pushing{&sess, [](std::string) { return true; }};
    json::value reply = call(request(1, mcp::method::tools_call, {{"name", "context"}}), &pushing);
    BOOST_TEST(reply.at("result").at("structuredContent").at("can_ask_client") ==
               json::value(false));
}

BOOST_FIXTURE_TEST_CASE(input_requested_in_a_2025_call_becomes_an_error_result, server_fixture) {
    initialize();
    json::value result = tool_call("misuse_input");
    BOOST_TEST(result.at("isError") == json::value(true));
    BOOST_TEST(!result.as_object().contains("inputRequests"));
    BOOST_TEST(contains(log_text.str(), "tool asked for input outside 2026-07-28"));
}

BOOST_AUTO_TEST_SUITE_END()
