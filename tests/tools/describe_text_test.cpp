#include "tools/describe_text.hpp"

#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/tools/tool_fixture.hpp"
#include "tools/describe_view.hpp"

using namespace clerk_mcp;

namespace {

std::string rendered(std::string_view method, std::string_view path) {
    auto doc = test::real_catalog().get("2026-05-12");
    BOOST_TEST_REQUIRE(doc.has_value());
    const spec::operation* op = (*doc)->find(std::string(method), path);
    BOOST_TEST_REQUIRE(op != nullptr);
    return tools::render_operation_text(tools::describe_operation(**doc, *op, false));
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(describe_text)

BOOST_AUTO_TEST_CASE(every_parameter_gets_a_line_with_its_constraints) {
    const std::string text = rendered("GET", "/users");
    BOOST_TEST(contains(text, "GET /users (GetUserList, BAPI 2026-05-12): List all users\n"));
    BOOST_TEST(contains(text, "\n- created_at_after (query, integer): Returns users who"));
    BOOST_TEST(contains(text, "\n- limit (query, integer, default 10, 1..500): "));
    BOOST_TEST(contains(text, "\n- last_active_at_since (query, integer, deprecated): "));
    BOOST_TEST(contains(text, "Request body: none.\n"));
    BOOST_TEST(contains(text, "\n- 200 Success: [{\"id\":\"string\""));
    // The spec's hard wraps inside a description become spaces.
    BOOST_TEST(contains(text, "email addresses. Accepts up to 100"));
    std::size_t lines = 0;
    for (char c : text) {
        lines += c == '\n';
    }
    BOOST_TEST(lines < 45u);
}

BOOST_AUTO_TEST_CASE(a_delete_marks_its_required_path_parameter_and_its_scopes) {
    const std::string text = rendered("DELETE", "/users/{user_id}");
    BOOST_TEST(contains(text, "\n- user_id* (path, string)"));
    BOOST_TEST(contains(text, "Requires: scopes write+delete. "));
}

BOOST_AUTO_TEST_SUITE_END()
