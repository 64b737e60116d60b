#include "mcp/tool.hpp"

#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;

BOOST_AUTO_TEST_SUITE(tool_interface)

BOOST_AUTO_TEST_CASE(form_elicitation_is_read_from_the_declared_capabilities) {
    struct capability_case {
        std::string_view capabilities;
        bool can_elicit;
    };
    const capability_case cases[] = {
        {R"({})", false},
        {R"({"elicitation": {}})", true},
        {R"({"elicitation": {"form": {}}})", true},
        {R"({"elicitation": {"form": {}, "url": {}}})", true},
        {R"({"elicitation": {"url": {}}})", false},
        {R"({"elicitation": true})", false},
        {R"({"sampling": {}})", false},
    };
    for (const capability_case& c : cases) {
        BOOST_TEST_CONTEXT(c.capabilities) {
            mcp::call_context ctx;
            ctx.client_capabilities = json::parse(c.capabilities).as_object();
            BOOST_TEST(ctx.client_can_elicit() == c.can_elicit);
        }
    }
}

BOOST_AUTO_TEST_CASE(an_error_result_carries_the_message_and_details) {
    const mcp::tool_result plain = mcp::tool_result::error("no such tag");
    BOOST_TEST(plain.is_error);
    BOOST_TEST(plain.text == "no such tag");
    BOOST_TEST(plain.structured == json::parse(R"({"error": "no such tag"})"));
    BOOST_TEST(!plain.input.has_value());

    const mcp::tool_result detailed =
        mcp::tool_result::error("no such tag", {{"suggestions", json::array{"Users"}}});
    BOOST_TEST(detailed.structured ==
               json::parse(R"({"error": "no such tag", "suggestions": ["Users"]})"));
}

BOOST_AUTO_TEST_SUITE_END()
