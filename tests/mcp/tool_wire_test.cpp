#include "mcp/tool_wire.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;

BOOST_AUTO_TEST_SUITE(tool_wire)

BOOST_AUTO_TEST_CASE(a_definition_spells_out_every_hint_and_defaults_the_input_schema) {
    mcp::tool t;
    t.name = "list_tags";
    t.description = "Lists tags.";
    t.annotations.read_only = true;
    BOOST_TEST(json::value(mcp::tool_definition(t)) == json::parse(R"({
        "name": "list_tags", "description": "Lists tags.",
        "inputSchema": {"type": "object"},
        "annotations": {"readOnlyHint": true, "destructiveHint": true,
                        "idempotentHint": false, "openWorldHint": true}})"));

    t.title = "List tags";
    t.input_schema = {{"type", "object"}, {"required", json::array{"version"}}};
    t.output_schema = {{"type", "object"}};
    const json::object full = mcp::tool_definition(t);
    BOOST_TEST(full.at("title") == json::value("List tags"));
    BOOST_TEST(full.at("inputSchema") == json::value(t.input_schema));
    BOOST_TEST(full.at("outputSchema") == json::value(t.output_schema));
}

BOOST_AUTO_TEST_CASE(an_output_schema_admits_the_error_shape_beside_the_success_shape) {
    mcp::tool t;
    t.name = "list_tags";
    t.output_schema = json::parse(R"({"type": "object",
        "properties": {"tags": {"type": "array"}}, "required": ["version", "tags"]})")
                          .as_object();
    BOOST_TEST(json::value(mcp::tool_definition(t).at("outputSchema")) == json::parse(R"({
        "type": "object",
        "properties": {"tags": {"type": "array"}},
        "anyOf": [{"required": ["version", "tags"]}, {"required": ["error"]}]})"));
}

BOOST_AUTO_TEST_CASE(a_result_without_text_renders_its_structured_content) {
    mcp::tool_result result;
    result.structured = json::parse(R"({"b": [1, 2], "a": "x"})");
    const json::value wire = mcp::call_tool_result(result, false);
    BOOST_TEST(wire == json::parse(R"({
        "content": [{"type": "text", "text": "{\"b\":[1,2],\"a\":\"x\"}"}],
        "structuredContent": {"b": [1, 2], "a": "x"},
        "isError": false})"));
}

BOOST_AUTO_TEST_CASE(a_text_only_result_has_no_structured_content) {
    mcp::tool_result result;
    result.text = "plain";
    const json::value wire = mcp::call_tool_result(result, true);
    BOOST_TEST(wire == json::parse(R"({"content": [{"type": "text", "text": "plain"}],
        "isError": false, "resultType": "complete"})"));
}

BOOST_AUTO_TEST_CASE(input_required_carries_only_the_members_that_are_set) {
    mcp::tool_result result;
    result.input = mcp::tool_result::input_required{{}, "opaque"};
    BOOST_TEST(json::value(mcp::call_tool_result(result, true)) ==
               json::parse(R"({"resultType": "input_required", "requestState": "opaque"})"));

    result.input->input_requests = {{"k", {{"method", "elicitation/create"}}}};
    result.input->request_state.clear();
    BOOST_TEST(json::value(mcp::call_tool_result(result, true)) ==
               json::parse(R"({"resultType": "input_required",
                   "inputRequests": {"k": {"method": "elicitation/create"}}})"));
}

BOOST_AUTO_TEST_SUITE_END()
