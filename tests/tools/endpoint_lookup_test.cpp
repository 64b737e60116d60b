#include "tools/endpoint_lookup.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/tools/tool_fixture.hpp"

using namespace clerk_mcp;
namespace json = boost::json;

namespace {

// The suggestions of the error result for `args` on 2026-05-12, as "METHOD path" lines.
std::vector<std::string> suggestions_for(std::string_view args) {
    auto doc = test::real_catalog().get("2026-05-12");
    BOOST_TEST_REQUIRE(doc.has_value());
    auto found = tools::find_operation(**doc, json::parse(args).as_object());
    BOOST_TEST_REQUIRE(found.has_error());
    // result::error() returns a copy: keep it alive for the loop.
    const mcp::tool_result error = found.error();
    std::vector<std::string> out;
    for (const auto& s : error.structured.at("suggestions").as_array()) {
        out.push_back(std::string(s.at("method").as_string()) + " " +
                      std::string(s.at("path").as_string()));
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(endpoint_lookup)

BOOST_AUTO_TEST_CASE(a_misspelt_segment_suggests_the_closest_spelling_first) {
    auto got = suggestions_for(R"({"method": "GET", "path": "/user"})");
    BOOST_TEST_REQUIRE(!got.empty());
    BOOST_TEST(got.front() == "GET /users");
    // Segments spelled nothing like `user` are no typo of it.
    for (const auto& s : got) {
        BOOST_TEST_CONTEXT("suggestion " << s) {
            BOOST_TEST(s.find("/allowlist_identifiers") == std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(a_concrete_id_is_matched_to_its_template) {
    auto got = suggestions_for(R"({"method": "DELETE", "path": "/v1/users/user_123"})");
    BOOST_TEST_REQUIRE(!got.empty());
    BOOST_TEST(got.front() == "DELETE /users/{user_id}");
}

BOOST_AUTO_TEST_CASE(another_method_on_the_same_path_is_offered) {
    auto got = suggestions_for(R"({"method": "PUT", "path": "/users"})");
    BOOST_TEST((std::find(got.begin(), got.end(), "GET /users") != got.end()));
    BOOST_TEST((std::find(got.begin(), got.end(), "POST /users") != got.end()));
}

BOOST_AUTO_TEST_CASE(a_misspelt_operation_id_suggests_the_real_one) {
    auto got = suggestions_for(R"({"operation_id": "GetUsrList"})");
    BOOST_TEST_REQUIRE(!got.empty());
    BOOST_TEST(got.front() == "GET /users");
}

BOOST_AUTO_TEST_CASE(a_renamed_placeholder_is_matched_to_the_spec_template) {
    auto got = suggestions_for(R"({"method": "GET", "path": "/users/{id}"})");
    BOOST_TEST_REQUIRE(!got.empty());
    BOOST_TEST(got.front() == "GET /users/{user_id}");

    // A renamed placeholder and a typo together still find the operation.
    got = suggestions_for(R"({"method": "GET", "path": "/user/{id}"})");
    BOOST_TEST_REQUIRE(!got.empty());
    BOOST_TEST(got.front() == "GET /users/{user_id}");
}

BOOST_AUTO_TEST_CASE(an_unknown_last_segment_offers_the_operations_beside_it) {
    auto got = suggestions_for(R"({"method": "POST", "path": "/users/{user_id}/suspend"})");
    BOOST_TEST_REQUIRE(got.size() >= 2u);
    for (const char* expected : {"POST /users/{user_id}/ban", "POST /users/{user_id}/lock"}) {
        BOOST_TEST_CONTEXT("expected " << expected) {
            BOOST_TEST((std::find(got.begin(), got.end(), expected) != got.end()));
        }
    }
    // The requested method comes first.
    BOOST_TEST(got.front().rfind("POST ", 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()
