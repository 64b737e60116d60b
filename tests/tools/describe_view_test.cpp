#include "tools/describe_view.hpp"

#include <string>

#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include "tests/tools/tool_fixture.hpp"

using namespace clerk_mcp;
namespace json = boost::json;

namespace {

json::object described(std::string_view method, std::string_view path, bool expand) {
    auto doc = test::real_catalog().get("2026-05-12");
    BOOST_TEST_REQUIRE(doc.has_value());
    const spec::operation* op = (*doc)->find(std::string(method), path);
    BOOST_TEST_REQUIRE(op != nullptr);
    return tools::describe_operation(**doc, *op, expand);
}

const json::object* parameter(const json::object& view, std::string_view name) {
    for (const json::value& p : view.at("parameters").as_array()) {
        if (p.at("name").as_string() == name) {
            return &p.as_object();
        }
    }
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(describe_view)

BOOST_AUTO_TEST_CASE(the_request_body_schema_is_complete) {
    const json::object view = described("POST", "/users", false);
    const json::object& body = view.at("request_body").as_object();
    BOOST_TEST(body.at("required").as_bool());
    BOOST_TEST(body.at("content_type").as_string() == "application/json");

    // Every property keeps its type, description and nested constraints, not a summary.
    const json::object& properties = body.at("schema").at("properties").as_object();
    const json::object& email = properties.at("email_address").as_object();
    BOOST_TEST(email.at("type").as_string() == "array");
    BOOST_TEST(email.at("items").at("type").as_string() == "string");
    BOOST_TEST(!email.at("description").as_string().empty());
    const json::value& status_items = properties.at("email_address_identification_status");
    BOOST_TEST(status_items.at("items").at("enum").as_array().size() >= 2u);
    BOOST_TEST(properties.at("first_name").at("nullable").as_bool());
    BOOST_TEST(json::serialize(body).find("$ref") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_query_parameter_lists_its_allowed_values) {
    const json::object view = described("GET", "/sessions", false);
    const json::object* status = parameter(view, "status");
    BOOST_TEST_REQUIRE(status != nullptr);
    BOOST_TEST(status->at("in").as_string() == "query");
    BOOST_TEST(!status->at("required").as_bool());
    const json::array& allowed = status->at("enum").as_array();
    BOOST_TEST(allowed.size() == 7u);
    BOOST_TEST(allowed.front().as_string() == "abandoned");
}

BOOST_AUTO_TEST_CASE(responses_are_summarized_unless_expanded) {
    // Summarized: each field maps to its type in a few characters.
    const json::object summary = described("GET", "/users/{user_id}", false);
    const json::object& fields = summary.at("responses").at("200").at("schema").as_object();
    BOOST_TEST(fields.at("id").as_string() == "string");
    BOOST_TEST(fields.at("external_id").as_string() == "string|null");
    BOOST_TEST(!fields.contains("properties"));

    // Expanded: the full JSON Schema, with required fields, enums and no $ref left.
    const json::object full = described("GET", "/users/{user_id}", true);
    const json::object& schema = full.at("responses").at("200").at("schema").as_object();
    BOOST_TEST(schema.at("type").as_string() == "object");
    BOOST_TEST(!schema.at("required").as_array().empty());
    BOOST_TEST(schema.at("properties").at("object").at("enum").as_array().size() == 1u);
    BOOST_TEST(json::serialize(schema).find("$ref") == std::string::npos);
    BOOST_TEST(json::serialize(schema).size() > 3 * json::serialize(fields).size());
}

BOOST_AUTO_TEST_CASE(what_executing_requires_follows_the_method) {
    const json::object get = described("GET", "/users", false);
    BOOST_TEST(get.at("requires").at("scopes").as_array().empty());
    BOOST_TEST(!get.at("requires").at("confirmation").as_bool());

    const json::object del = described("DELETE", "/users/{user_id}", false);
    const json::array& scopes = del.at("requires").at("scopes").as_array();
    BOOST_TEST(scopes.size() == 2u);
    BOOST_TEST(del.at("requires").at("confirmation").as_bool());
}

BOOST_AUTO_TEST_SUITE_END()
