// execute_request's confirmations: confirm_token previews, elicitation and the 2026-07-28
// requestState round trip, and how each refuses a token that does not fit.
#include <algorithm>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/tools/execute_request_fixture.hpp"
#include "tools/clerk_knowledge.hpp"
#include "tools/execute_request.hpp"

using namespace clerk_mcp;
using namespace clerk_mcp::tools;
using namespace clerk_mcp::test::execute;
namespace json = boost::json;

BOOST_FIXTURE_TEST_SUITE(execute_request_confirmation, fixture)

BOOST_AUTO_TEST_CASE(token_for_another_request_or_expired_is_refused) {
    auto tool = make();
    auto token = token_of(call(tool, delete_user));
    auto other =
        R"({"method":"DELETE","path":"/users/{user_id}","path_params":{"user_id":"user_999"}})";
    auto altered = call(tool, with_token(other, token));
    BOOST_TEST(altered.is_error);
    BOOST_TEST(text_of(altered).find("different request") != std::string::npos);

    now += std::chrono::seconds(301);
    auto expired = call(tool, with_token(delete_user, token));
    BOOST_TEST(expired.is_error);
    BOOST_TEST(text_of(expired).find("expired") != std::string::npos);
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(elicitation_accept_runs_and_decline_or_cancel_do_not) {
    auto tool = make();
    for (auto [action, confirm, runs] : {std::tuple{"accept", true, true},
                                         std::tuple{"accept", false, false},
                                         std::tuple{"decline", false, false},
                                         std::tuple{"cancel", false, false}}) {
        BOOST_TEST_CONTEXT("action " << action << " confirm " << confirm) {
            std::size_t before = transport.requests().size();
            json::object asked;
            mcp::call_context ctx;
            ctx.protocol_version = "2025-11-25";
            ctx.client_capabilities = {{"elicitation", json::object{}}};
            ctx.ask_client =
                [&](std::string_view method,
                    json::object params) -> boost::system::result<json::value, std::string> {
                BOOST_TEST(method == "elicitation/create");
                asked = std::move(params);
                return json::value{{"action", action}, {"content", {{"confirm", confirm}}}};
            };
            auto r = call(tool, delete_user, ctx);
            BOOST_TEST(std::string(asked.at("message").as_string()).find("IRREVERSIBLE") !=
                       std::string::npos);
            BOOST_TEST(transport.requests().size() == before + (runs ? 1 : 0));
            BOOST_TEST(r.is_error == !runs);
            if (std::string_view(action) == "cancel") {
                BOOST_TEST(r.structured.at("status").as_string() == "cancelled");
            } else if (!runs) {
                BOOST_TEST(r.structured.at("status").as_string() == "declined");
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(stateless_round_trip_binds_state_to_the_request) {
    auto tool = make();
    mcp::call_context first;
    first.protocol_version = "2026-07-28";
    first.client_capabilities = {{"elicitation", json::object{}}};
    auto pending = call(tool, delete_user, first);
    BOOST_REQUIRE(pending.input.has_value());
    auto state = pending.input->request_state;
    BOOST_TEST(pending.input->input_requests.contains("confirm"));
    BOOST_TEST(transport.requests().empty());

    auto retry = first;
    retry.request_state = state;
    retry.input_responses = {{"confirm", {{"action", "accept"}, {"content", {{"confirm", true}}}}}};

    auto tampered = retry;
    tampered.request_state.back() = tampered.request_state.back() == '0' ? '1' : '0';
    BOOST_TEST(call(tool, delete_user, tampered).is_error);
    BOOST_TEST(transport.requests().empty());

    BOOST_TEST(!call(tool, delete_user, retry).is_error);
    BOOST_TEST(transport.requests().size() == 1u);
    BOOST_TEST(call(tool, delete_user, retry).is_error);  // replayed state
    BOOST_TEST(transport.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(stateless_state_presented_after_expiry_is_refused) {
    auto tool = make();
    auto state = state_of(call(tool, delete_user, stateless_first_call()));
    now += std::chrono::seconds(301);
    auto late = call(tool, delete_user, stateless_retry(state));
    BOOST_TEST(late.is_error);
    BOOST_TEST(text_of(late).find("requestState has expired") != std::string::npos);
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(stateless_state_for_another_request_is_refused_and_not_used_up) {
    auto tool = make();
    auto state = state_of(call(tool, delete_user, stateless_first_call()));
    auto other =
        R"({"method":"DELETE","path":"/users/{user_id}","path_params":{"user_id":"user_999"}})";
    auto moved = call(tool, other, stateless_retry(state));
    BOOST_TEST(moved.is_error);
    BOOST_TEST(text_of(moved).find("different request") != std::string::npos);
    BOOST_TEST(transport.requests().empty());

    BOOST_TEST(!call(tool, delete_user, stateless_retry(state)).is_error);
    auto sent = transport.requests();
    BOOST_REQUIRE_EQUAL(sent.size(), 1u);
    BOOST_TEST(sent[0].target == "/users/user_123");
}

BOOST_AUTO_TEST_CASE(request_state_is_not_accepted_as_a_confirm_token) {
    // The client holds the state before the user has answered: as a confirm_token it would run
    // the write with no consent at all.
    auto tool = make();
    auto state = state_of(call(tool, delete_user, stateless_first_call()));
    for (const auto& ctx : {mcp::call_context{}, stateless_first_call()}) {
        BOOST_TEST_CONTEXT("protocol " << ctx.protocol_version) {
            auto r = call(tool, with_token(delete_user, state), ctx);
            BOOST_TEST(r.is_error);
            BOOST_TEST(text_of(r).find("is a requestState") != std::string::npos);
        }
    }
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(confirm_token_is_not_accepted_as_a_request_state) {
    auto tool = make();
    auto token = token_of(call(tool, delete_user));
    auto r = call(tool, delete_user, stateless_retry(token));
    BOOST_TEST(r.is_error);
    BOOST_TEST(text_of(r).find("requestState is a confirm_token") != std::string::npos);
    BOOST_TEST(transport.requests().empty());

    // The refusal did not use the token up.
    BOOST_TEST(!call(tool, with_token(delete_user, token)).is_error);
    BOOST_TEST(transport.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(token_is_refused_when_only_the_query_changes) {
    auto tool = make();
    auto preview = call(tool, cancel_item);
    BOOST_TEST_REQUIRE(!preview.is_error, text_of(preview));
    auto token = token_of(preview);
    for (bool end_now : {true, false}) {
        BOOST_TEST_CONTEXT("end_now " << end_now) {
            auto args = with(with(cancel_item, "query", {{"end_now", end_now}}),
                             "confirm_token",
                             json::string(token));
            auto r = call(tool, args);
            expect_fresh_preview(r, token);
            BOOST_TEST(r.structured.at("request").at("query").at("end_now") == end_now);
        }
    }
    BOOST_TEST(transport.requests().empty());

    // The refusals did not use the token up: it still confirms the request it was issued for.
    BOOST_TEST(!call(tool, with_token(cancel_item, token)).is_error);
    auto sent = transport.requests();
    BOOST_REQUIRE_EQUAL(sent.size(), 1u);
    BOOST_TEST(sent[0].target == "/billing/subscription_items/csub_1");
}

BOOST_AUTO_TEST_CASE(token_is_refused_when_only_the_version_changes) {
    auto tool = make();
    auto preview = call(tool, delete_user);
    BOOST_TEST(preview.structured.at("request").at("version").as_string() == "2026-05-12");
    auto token = token_of(preview);
    for (std::string version : {"2025-11-10", "2021-02-05"}) {
        BOOST_TEST_CONTEXT("version " << version) {
            auto r =
                call(tool, with_token(with(delete_user, "version", json::string(version)), token));
            expect_fresh_preview(r, token);
            BOOST_TEST(r.structured.at("request").at("version").as_string() == version);
        }
    }
    BOOST_TEST(transport.requests().empty());

    // Naming the default version is the same request, and the token confirms it.
    BOOST_TEST(!call(tool, with_token(with(delete_user, "version", "2026-05-12"), token)).is_error);
    auto sent = transport.requests();
    BOOST_REQUIRE_EQUAL(sent.size(), 1u);
    BOOST_TEST(sent[0].api_version == "2026-05-12");
}

BOOST_AUTO_TEST_SUITE_END()
