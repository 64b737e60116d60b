#include "mcp/server.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include "mcp/protocol.hpp"
#include "tests/mcp/fake_tools.hpp"
#include "tests/mcp/server_test_support.hpp"

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;
namespace test = clerk_mcp::test;
using namespace clerk_mcp::test;

BOOST_AUTO_TEST_SUITE(server_lifecycle)

BOOST_FIXTURE_TEST_CASE(initialize_agrees_on_a_supported_revision_or_offers_the_latest,
                        server_fixture) {
    const std::vector<std::pair<std::string_view, std::string_view>> cases = {
        {"2025-11-25", "2025-11-25"},
        {"2025-06-18", "2025-06-18"},
        {"2025-03-26", "2025-03-26"},
        {"2024-11-05", "2025-11-25"},
        {"2026-07-28", "2025-11-25"},
        {"1999-01-01", "2025-11-25"},
    };
    for (const auto& [asked, agreed] : cases) {
        BOOST_TEST_CONTEXT("client asks " << asked) {
            mcp::session fresh;
            mcp::request_origin from{&fresh, {}};
            json::value reply =
                call(request(1, mcp::method::initialize, {{"protocolVersion", asked}}), &from);
            BOOST_TEST(reply.at("result").at("protocolVersion").as_string() == agreed);
            BOOST_TEST(fresh.protocol_version() == agreed);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(initialize_returns_capabilities_identity_and_instructions, server_fixture) {
    json::value reply = initialize(mcp::revision_2025_06_18, {{"elicitation", json::object()}});
    BOOST_TEST(reply.at("id") == json::value(0));
    const json::value expected = json::parse(R"({
        "protocolVersion": "2025-06-18",
        "capabilities": {"tools": {"listChanged": false}},
        "serverInfo": {"name": "fake-server", "title": "Fake Server", "version": "9.9.9"},
        "instructions": "Call echo first."})");
    BOOST_TEST(reply.at("result") == expected);
    BOOST_TEST(sess.initialized());
    BOOST_TEST(sess.client_capabilities().contains("elicitation"));
    BOOST_TEST(contains(log_text.str(), "session initialized protocol=2025-06-18"));
}

BOOST_FIXTURE_TEST_CASE(initialize_without_a_protocol_version_is_invalid_params, server_fixture) {
    json::value reply = call(request(1, mcp::method::initialize, {{"capabilities", {}}}));
    BOOST_TEST(error_code_of(reply) == mcp::error_code::invalid_params);
    BOOST_TEST(contains(error_message_of(reply), "protocolVersion"));
    BOOST_TEST(sess.protocol_version().empty());
}

BOOST_FIXTURE_TEST_CASE(a_second_initialize_on_a_session_is_refused, server_fixture) {
    initialize();
    json::value reply =
        call(request(2, mcp::method::initialize, {{"protocolVersion", "2025-03-26"}}));
    BOOST_TEST(error_code_of(reply) == mcp::error_code::invalid_request);
    BOOST_TEST(sess.protocol_version() == "2025-11-25");
}

BOOST_FIXTURE_TEST_CASE(requests_before_initialize_are_refused_except_ping, server_fixture) {
    json::value refused = call(request(1, mcp::method::tools_list));
    BOOST_TEST(error_code_of(refused) == mcp::error_code::invalid_request);
    BOOST_TEST(contains(error_message_of(refused), "before initialize"));
    BOOST_TEST(refused.at("id") == json::value(1));

    json::value pong = call(request(2, mcp::method::ping));
    BOOST_TEST(pong.at("result") == json::object());

    initialize();
    BOOST_TEST(call(request(3, mcp::method::tools_list)).as_object().contains("result"));
}

BOOST_FIXTURE_TEST_CASE(a_2025_request_without_a_session_is_refused, server_fixture) {
    const mcp::request_origin stateless{};
    json::value reply = call(request("a", mcp::method::tools_call, {{"name", "echo"}}), &stateless);
    BOOST_TEST(error_code_of(reply) == mcp::error_code::invalid_request);
    BOOST_TEST(contains(error_message_of(reply), "no session"));
    BOOST_TEST(reply.at("id") == json::value("a"));
}

BOOST_FIXTURE_TEST_CASE(notifications_get_no_reply, server_fixture) {
    for (std::string_view method :
         {mcp::method::initialized, mcp::method::cancelled, std::string_view("notifications/x")}) {
        BOOST_TEST_CONTEXT(method) {
            BOOST_TEST(!srv->handle(notification(method), origin));
        }
    }
    // A notification before initialize does not mark the session initialized.
    BOOST_TEST(!sess.initialized());
}

BOOST_FIXTURE_TEST_CASE(an_unknown_method_is_method_not_found, server_fixture) {
    initialize();
    json::value reply = call(request(5, "resources/list"));
    BOOST_TEST(error_code_of(reply) == mcp::error_code::method_not_found);
    BOOST_TEST(contains(error_message_of(reply), "\"resources/list\""));
    BOOST_TEST(contains(error_message_of(reply), "tools/call"));
}

BOOST_FIXTURE_TEST_CASE(unreadable_text_is_answered_with_a_null_id, server_fixture) {
    json::value reply = call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\"}");
    BOOST_TEST(error_code_of(reply) == mcp::error_code::parse_error);
    BOOST_TEST(reply.at("id").is_null());
    BOOST_TEST(contains(log_text.str(), "refused unreadable message"));
}

BOOST_FIXTURE_TEST_CASE(a_response_with_no_pending_request_is_dropped, server_fixture) {
    BOOST_TEST(!srv->handle(R"({"jsonrpc":"2.0","id":77,"result":{}})", origin));
}

BOOST_FIXTURE_TEST_CASE(every_entry_point_gives_the_same_answer, server_fixture) {
    initialize();
    const std::string text = request("same", mcp::method::tools_list);
    const json::value by_text = json::parse(*srv->handle(text, origin));
    const json::value parsed = json::parse(text);
    BOOST_TEST(json::parse(*srv->handle_parsed(parsed, origin)) == by_text);
    BOOST_TEST(*srv->handle(parsed, origin) == by_text);
}

BOOST_AUTO_TEST_CASE(adding_two_tools_with_one_name_is_refused) {
    mcp::server srv(test::fake_server_info(), nullptr);
    srv.add_tool(test::echo_tool());
    BOOST_CHECK_THROW(srv.add_tool(test::echo_tool()), std::invalid_argument);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(server_stateless_revision)

BOOST_FIXTURE_TEST_CASE(discover_needs_no_initialize_and_lists_every_revision, server_fixture) {
    const mcp::request_origin no_session{};
    json::value reply = call(stateless_request(1, mcp::method::server_discover), &no_session);
    const json::value expected = json::parse(R"({
        "resultType": "complete",
        "supportedVersions": ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"],
        "capabilities": {"tools": {"listChanged": false}},
        "serverInfo": {"name": "fake-server", "title": "Fake Server", "version": "9.9.9"},
        "instructions": "Call echo first.",
        "ttlMs": 3600000,
        "cacheScope": "public",
        "_meta": {"io.modelcontextprotocol/serverInfo":
                  {"name": "fake-server", "title": "Fake Server", "version": "9.9.9"}}})");
    BOOST_TEST(reply.at("result") == expected);
}

BOOST_FIXTURE_TEST_CASE(tools_list_carries_result_type_and_cache_hints, server_fixture) {
    json::value modern = call(stateless_request(1, mcp::method::tools_list)).at("result");
    BOOST_TEST(modern.at("resultType") == json::value("complete"));
    BOOST_TEST(modern.at("ttlMs") == json::value(mcp::list_cache_ttl_ms));
    BOOST_TEST(modern.at("cacheScope") == json::value("public"));

    initialize();
    json::value legacy = call(request(2, mcp::method::tools_list)).at("result");
    BOOST_TEST(modern.at("tools") == legacy.at("tools"));
    BOOST_TEST(legacy.as_object().size() == 1u);
}

BOOST_FIXTURE_TEST_CASE(ping_carries_result_type, server_fixture) {
    json::value reply = call(stateless_request(1, mcp::method::ping));
    BOOST_TEST(reply.at("result") == json::parse(R"({"resultType":"complete"})"));
}

BOOST_FIXTURE_TEST_CASE(an_unsupported_revision_is_refused_with_the_supported_list,
                        server_fixture) {
    json::value reply = call(stateless_request(7, mcp::method::tools_list, {}, {}, "2027-01-01"));
    BOOST_TEST(error_code_of(reply) == mcp::error_code::unsupported_protocol_version);
    BOOST_TEST(reply.at("id") == json::value(7));
    BOOST_TEST(reply.at("error").at("data") == json::parse(R"({
        "supported": ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"],
        "requested": "2027-01-01"})"));
}

BOOST_FIXTURE_TEST_CASE(malformed_meta_is_invalid_params, server_fixture) {
    json::value bad_version =
        call(request(1,
                     mcp::method::tools_list,
                     {{"_meta", {{"io.modelcontextprotocol/protocolVersion", 2026}}}}));
    BOOST_TEST(error_code_of(bad_version) == mcp::error_code::invalid_params);

    json::value bad_meta = call(request(2, mcp::method::tools_list, {{"_meta", "x"}}));
    BOOST_TEST(error_code_of(bad_meta) == mcp::error_code::invalid_params);

    json::value bad_caps =
        call(request(3,
                     mcp::method::tools_list,
                     {{"_meta",
                       {{"io.modelcontextprotocol/protocolVersion", "2026-07-28"},
                        {"io.modelcontextprotocol/clientCapabilities", "all"}}}}));
    BOOST_TEST(error_code_of(bad_caps) == mcp::error_code::invalid_params);
}

BOOST_FIXTURE_TEST_CASE(a_2025_revision_in_meta_still_needs_a_session, server_fixture) {
    json::value reply =
        call(stateless_request(1, mcp::method::tools_list, {}, {}, mcp::revision_2025_11_25));
    BOOST_TEST(error_code_of(reply) == mcp::error_code::invalid_request);
}

BOOST_FIXTURE_TEST_CASE(a_stateless_call_reads_revision_and_capabilities_from_meta,
                        server_fixture) {
    // The session negotiated 2025-06-18 without elicitation; the request's `_meta` wins.
    initialize(mcp::revision_2025_06_18);
    mcp::request_origin pushing{&sess, [](std::string) { return true; }};
    json::value reply = call(stateless_request(1,
                                               mcp::method::tools_call,
                                               {{"name", "context"}},
                                               {{"elicitation", {{"form", json::object()}}}}),
                             &pushing);
    const json::value& result = reply.at("result");
    BOOST_TEST(result.at("resultType") == json::value("complete"));
    const json::value& seen = result.at("structuredContent");
    BOOST_TEST(seen.at("protocol_version") == json::value("2026-07-28"));
    BOOST_TEST(seen.at("can_elicit") == json::value(true));
    // 2026-07-28 asks through input_required results, never through a pushed request.
    BOOST_TEST(seen.at("can_ask_client") == json::value(false));
}

BOOST_FIXTURE_TEST_CASE(input_required_round_trip_carries_responses_and_state, server_fixture) {
    const mcp::request_origin no_session{};
    json::value first =
        call(stateless_request(1, mcp::method::tools_call, {{"name", "confirm"}}), &no_session)
            .at("result");
    BOOST_TEST(first.at("resultType") == json::value("input_required"));
    BOOST_TEST(first.at("requestState") == json::value("state-1"));
    BOOST_TEST(first.at("inputRequests").at("confirm").at("method") ==
               json::value("elicitation/create"));
    BOOST_TEST(!first.as_object().contains("content"));

    const json::object answer{{"action", "accept"}, {"content", {{"ok", true}}}};
    json::value second = call(stateless_request(2,
                                                mcp::method::tools_call,
                                                {{"name", "confirm"},
                                                 {"inputResponses", {{"confirm", answer}}},
                                                 {"requestState", "state-1"}}),
                              &no_session)
                             .at("result");
    BOOST_TEST(second.at("resultType") == json::value("complete"));
    BOOST_TEST(second.at("structuredContent") ==
               json::value(json::object{{"answer", answer}, {"request_state", "state-1"}}));
}

BOOST_AUTO_TEST_SUITE_END()
