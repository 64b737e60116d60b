#include "tools/execute_request.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/tools/execute_request_fixture.hpp"
#include "tools/clerk_knowledge.hpp"

using namespace clerk_mcp;
using namespace clerk_mcp::tools;
using namespace clerk_mcp::test::execute;
namespace json = boost::json;

namespace {

// Checks that `text` explains all three metadata types and marks exactly `written` as used.
void expect_three_types(const std::string& text, const std::vector<std::string>& written) {
    BOOST_TEST(has(text, "This request writes " + written.front()), text);
    for (std::string field : {"public_metadata", "private_metadata", "unsafe_metadata"}) {
        const bool used = std::ranges::find(written, field) != written.end();
        const std::string line = "- " + std::string(explain_metadata(field));
        BOOST_TEST(has(text, line + (used ? " [written here]\n" : "\n")), field << ":\n" << text);
    }
}

}  // namespace

BOOST_FIXTURE_TEST_SUITE(execute_request, fixture)

BOOST_AUTO_TEST_CASE(get_with_query_is_sent_at_once_with_a_pagination_hint) {
    transport.set_responder([](const http_request&) {
        return transport_result(test::json_response(200, R"([{"id":"u1"},{"id":"u2"}])"));
    });
    auto r = call(make(""), R"({"method":"GET","path":"/users",
                               "query":{"limit":2,"created_at_after":1700000000000}})");
    BOOST_TEST(!r.is_error, text_of(r));
    auto sent = transport.requests();
    BOOST_REQUIRE_EQUAL(sent.size(), 1u);
    BOOST_TEST(sent[0].method == "GET");
    BOOST_TEST(sent[0].target == "/users?created_at_after=1700000000000&limit=2");
    BOOST_TEST(sent[0].api_version == "2026-05-12");
    BOOST_TEST(r.structured.at("data").as_array().size() == 2u);
    BOOST_TEST(r.structured.at("pagination").at("next_offset").as_int64() == 2);
    BOOST_TEST(text_of(r).find("development instance") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_query_name_is_refused_with_near_names_and_nothing_sent) {
    auto r = call(make(), R"({"method":"GET","path":"/users","query":{"created_at":1}})");
    BOOST_TEST(r.is_error);
    BOOST_TEST(text_of(r).find("created_at_after") != std::string::npos);
    BOOST_TEST(text_of(r).find("created_at_before") != std::string::npos);
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(delete_returns_an_irreversible_preview_then_runs_once_when_confirmed) {
    auto tool = make();
    auto preview = call(tool, delete_user);
    BOOST_TEST(!preview.is_error);
    BOOST_TEST(preview.structured.at("status").as_string() == "confirmation_required");
    auto warning = std::string(preview.structured.at("warning").as_string());
    BOOST_TEST(warning.find("IRREVERSIBLE") != std::string::npos);
    BOOST_TEST(warning.find("organization memberships") != std::string::npos);
    BOOST_TEST(warning.find("sessions") != std::string::npos);
    BOOST_TEST(preview.structured.at("request").at("path").as_string() == "/v1/users/user_123");
    BOOST_TEST(transport.requests().empty());

    auto token = token_of(preview);
    auto done = call(tool, with_token(delete_user, token));
    BOOST_TEST(!done.is_error, text_of(done));
    auto sent = transport.requests();
    BOOST_REQUIRE_EQUAL(sent.size(), 1u);
    BOOST_TEST(sent[0].method == "DELETE");
    BOOST_TEST(sent[0].target == "/users/user_123");

    // The same token again is a replay: refused with a fresh preview, nothing sent.
    auto replay = call(tool, with_token(delete_user, token));
    BOOST_TEST(replay.is_error);
    BOOST_TEST(text_of(replay).find("already used") != std::string::npos);
    BOOST_TEST(token_of(replay) != token);
    BOOST_TEST(transport.requests().size() == 1u);
}

BOOST_AUTO_TEST_CASE(scopes_refuse_before_any_preview_and_admin_lifts_them) {
    auto refused = call(make("write"), delete_user);
    BOOST_TEST(refused.is_error);
    BOOST_TEST(text_of(refused).find("CLERK_BAPI_SCOPES=write,delete") != std::string::npos);
    BOOST_TEST(!refused.structured.as_object().contains("confirm_token"));

    auto admin = call(make("", true), delete_user);
    BOOST_TEST(!admin.is_error);
    BOOST_TEST(admin.structured.at("status").as_string() == "confirmation_required");
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(clerk_errors_become_error_results_with_a_next_step) {
    transport.set_responder([](const http_request&) {
        return transport_result(test::json_response(
            422, R"({"errors":[{"code":"form_param_format_invalid","message":"is invalid",
                 "long_message":"limit must be at most 500","meta":{"param_name":"limit"}}],
                 "clerk_trace_id":"trace_abc"})"));
    });
    auto r = call(make(), R"({"method":"GET","path":"/users"})");
    BOOST_TEST(r.is_error);
    BOOST_TEST(text_of(r).find("form_param_format_invalid") != std::string::npos);
    BOOST_TEST(text_of(r).find("trace_abc") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_429_says_how_long_clerk_asks_to_wait) {
    transport.set_responder([](const http_request&) {
        auto response = test::json_response(429, R"({"errors":[{"code":"too_many_requests"}]})");
        response.headers.emplace_back("Retry-After", "7");
        return transport_result(std::move(response));
    });
    auto r = call(make(), R"({"method":"GET","path":"/users"})");
    BOOST_TEST(r.is_error);
    BOOST_TEST(r.structured.at("retry_after_s").to_number<std::int64_t>() == 7);
    BOOST_TEST(text_of(r).find("wait 7 s") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_body_that_is_not_utf8_is_quoted_as_valid_utf8) {
    transport.set_responder([](const http_request&) {
        auto response = test::json_response(200, "caf\xE9 \xFF\xFE ok \xE2\x82");
        response.headers = {{"Content-Type", "text/plain"}};
        return transport_result(std::move(response));
    });
    auto r = call(make(), R"({"method":"GET","path":"/users"})");
    BOOST_TEST(!r.is_error);
    const auto& data = r.structured.at("data").as_string();
    BOOST_TEST(std::string_view(data) == "caf\uFFFD \uFFFD\uFFFD ok \uFFFD\uFFFD");
}

BOOST_AUTO_TEST_CASE(a_failed_get_says_repeating_is_safe_and_a_write_says_check_first) {
    transport.set_responder([](const http_request&) {
        transport_error error;
        error.kind = transport_error_kind::read_timeout;
        error.message =
            "no complete response within the call's time budget. The request may "
            "have reached Clerk.";
        error.request_sent = true;
        return transport_result(error);
    });
    auto get = call(make(), R"({"method":"GET","path":"/users"})");
    BOOST_TEST(get.is_error);
    BOOST_TEST(text_of(get).find("repeating it is safe") != std::string::npos);
    BOOST_TEST(text_of(get).find("--request-timeout") != std::string::npos);
    BOOST_TEST(get.structured.at("request_may_have_been_performed").as_bool() == false);

    auto preview = call(make(), delete_user);
    auto write = call(make(), with_token(delete_user, token_of(preview)));
    BOOST_TEST(write.is_error);
    BOOST_TEST(text_of(write).find("check the resource with a GET") != std::string::npos);
    BOOST_TEST(write.structured.at("request_may_have_been_performed").as_bool() == true);
}

BOOST_AUTO_TEST_CASE(large_lists_are_cut_with_a_marker) {
    std::string many = "[";
    for (int i = 0; i < 2000; ++i) {
        many += (i ? "," : "") + std::string(R"({"id":"user_)") + std::to_string(i) +
                R"(","first_name":"A fairly long first name to fill the page"})";
    }
    many += "]";
    transport.set_responder(
        [&](const http_request&) { return transport_result(test::json_response(200, many)); });
    auto r = call(make(), R"({"method":"GET","path":"/users","query":{"limit":500}})");
    BOOST_TEST(!r.is_error);
    const auto& marker = r.structured.at("truncated");
    BOOST_TEST(marker.at("dropped_items").to_number<std::int64_t>() > 0);
    BOOST_TEST(json::serialize(r.structured).size() < 40u * 1024);
    BOOST_TEST(text_of(r).find("offset") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(without_a_secret_nothing_can_be_sent) {
    auto tool = make_execute_request_tool({.catalog = &test::real_catalog(),
                                           .scopes = scope_policy("", false),
                                           .transport = nullptr,
                                           .confirmations = &confirmations,
                                           .validator = &validator});
    auto r = call(tool, R"({"method":"GET","path":"/users"})");
    BOOST_TEST(r.is_error);
    BOOST_TEST(text_of(r).find("CLERK_SECRET_KEY") != std::string::npos);
    BOOST_TEST(text_of(r).find(".env") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(hostile_path_values_never_reach_the_transport) {
    auto tool = make("", true);
    for (std::string value : {"../x", "a/b", "a%2fb", "a%5Cb", "", "x\ny"}) {
        BOOST_TEST_CONTEXT("user_id " << value) {
            json::object args{{"method", "GET"},
                              {"path", "/users/{user_id}"},
                              {"path_params", {{"user_id", value}}}};
            BOOST_TEST(call(tool, json::serialize(args)).is_error);
        }
    }
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(urls_and_paths_outside_the_spec_are_refused_and_nothing_is_sent) {
    // Admin and every scope, so that only the path can be the reason for a refusal.
    auto tool = make("write,delete", true);
    for (std::string method : {"GET", "DELETE"}) {
        for (std::string path : {"https://evil.example/v1/users",
                                 "//evil/users",
                                 "http://127.0.0.1:4010/v1/users",
                                 "/users/../clients",
                                 "/users/%2e%2e/clients",
                                 "/v1/users/../../admin",
                                 "/internal/secrets"}) {
            BOOST_TEST_CONTEXT(method << " " << path) {
                auto r =
                    call(tool, json::serialize(json::object{{"method", method}, {"path", path}}));
                BOOST_TEST(r.is_error);
                BOOST_TEST(has(text_of(r), "No operation"), text_of(r));
                BOOST_TEST(has(text_of(r), "list_endpoints"), text_of(r));
                BOOST_TEST(!r.structured.as_object().contains("confirm_token"));
            }
        }
    }
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(replacing_metadata_explains_the_three_types_warns_and_names_the_merge) {
    auto tool = make();
    auto r = call(tool, R"({"method":"PATCH","path":"/users/{user_id}","version":"2025-11-10",
                            "path_params":{"user_id":"user_123"},
                            "body":{"public_metadata":{"plan":"pro"}}})");
    BOOST_TEST_REQUIRE(!r.is_error, text_of(r));
    BOOST_TEST(r.structured.at("status").as_string() == "confirmation_required");
    for (const std::string& text :
         {std::string(r.structured.at("warning").as_string()), text_of(r)}) {
        expect_three_types(text, {"public_metadata"});
        BOOST_TEST(has(text, "WARNING: this endpoint replaces"), text);
        BOOST_TEST(has(text, "not in the request are removed"), text);
        BOOST_TEST(has(text, "use PATCH /users/{user_id}/metadata, which deep-merges"), text);
    }
    const auto& metadata = r.structured.at("metadata");
    BOOST_TEST(metadata.at("mode").as_string() == "replace");
    BOOST_TEST(metadata.at("fields") == json::array{"public_metadata"});
    BOOST_TEST(metadata.at("merge_endpoint").as_string() == "PATCH /users/{user_id}/metadata");
    BOOST_TEST(metadata.at("explanations").as_object().size() == 3u);
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_CASE(merging_metadata_explains_the_three_types_and_names_the_type_used) {
    auto tool = make();
    auto r = call(tool, R"({"method":"PATCH","path":"/users/{user_id}/metadata",
                            "version":"2026-05-12","path_params":{"user_id":"user_123"},
                            "body":{"private_metadata":{"crm_id":"c_9","legacy_id":null}}})");
    BOOST_TEST_REQUIRE(!r.is_error, text_of(r));
    const std::string warning(r.structured.at("warning").as_string());
    expect_three_types(warning, {"private_metadata"});
    BOOST_TEST(has(warning, "deep-merges"), warning);
    BOOST_TEST(has(warning, "Removed by this request: private_metadata.legacy_id"), warning);
    BOOST_TEST(!has(warning, "WARNING: this endpoint replaces"), warning);
    BOOST_TEST(r.structured.at("metadata").at("mode").as_string() == "merge");
    BOOST_TEST(transport.requests().empty());
}

BOOST_AUTO_TEST_SUITE_END()
