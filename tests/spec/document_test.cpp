#include "spec/document.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include "spec_test_support.hpp"

namespace {

namespace json = boost::json;
using clerk_mcp::spec::document;
using clerk_mcp::spec::operation;
using clerk_mcp::spec::testing::mini_document;

std::vector<std::string> method_paths(const std::vector<const operation*>& ops) {
    std::vector<std::string> out;
    for (const operation* op : ops) {
        out.push_back(op->method + " " + op->path);
    }
    return out;
}

std::vector<std::string> all_method_paths(const document& doc) {
    std::vector<const operation*> ops;
    for (const operation& op : doc.operations()) {
        ops.push_back(&op);
    }
    return method_paths(ops);
}

std::vector<std::string> names_of(const json::array& parameters) {
    std::vector<std::string> out;
    for (const json::value& p : parameters) {
        out.emplace_back(p.at("name").as_string());
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_document)

BOOST_AUTO_TEST_CASE(operations_are_sorted_by_path_then_method) {
    auto doc = mini_document();
    std::vector<std::string> expected = {"GET /organizations",
                                         "GET /platformer",
                                         "GET /trees",
                                         "GET /users",
                                         "POST /users",
                                         "GET /users/{user_id}",
                                         "PATCH /users/{user_id}",
                                         "DELETE /users/{user_id}",
                                         "POST /users/{user_id}/ban"};
    BOOST_TEST(all_method_paths(*doc) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(platform_api_paths_and_tags_are_left_out) {
    auto doc = mini_document();
    BOOST_TEST(doc->find("GET", "/platform") == nullptr);
    BOOST_TEST(doc->find("GET", "/platform/applications") == nullptr);
    BOOST_TEST(doc->find_by_operation_id("ListPlatformPlans") == nullptr);
    BOOST_TEST(doc->find_tag("Platform Applications") == nullptr);
    BOOST_TEST(doc->find_tag("Platform Billing") == nullptr);
    BOOST_TEST(doc->find("GET", "/platformer") != nullptr);
}

BOOST_AUTO_TEST_CASE(tags_are_the_union_of_declared_and_used_tags) {
    auto doc = mini_document();
    std::vector<std::string> names;
    std::vector<std::size_t> counts;
    for (const auto& tag : doc->tags()) {
        names.push_back(tag.name);
        counts.push_back(tag.endpoint_count);
    }
    std::vector<std::string> expected_names = {"Organizations", "Trees", "Users", "Widgets"};
    std::vector<std::size_t> expected_counts = {1, 2, 7, 0};
    BOOST_TEST(names == expected_names, boost::test_tools::per_element());
    BOOST_TEST(counts == expected_counts, boost::test_tools::per_element());
    BOOST_TEST(doc->find_tag("Users")->description == "People who sign in.");
    BOOST_TEST(doc->find_tag("Widgets")->description == "Declared, never used.");
    BOOST_TEST(doc->find_tag("Organizations")->description.empty());
}

BOOST_AUTO_TEST_CASE(operation_fields_come_from_the_spec) {
    auto doc = mini_document();
    const operation* op = doc->find("delete", "/users/{user_id}");
    BOOST_REQUIRE(op != nullptr);
    BOOST_TEST(op->method == "DELETE");
    BOOST_TEST(op->operation_id == "DeleteUser");
    BOOST_TEST(op->summary == "Delete a user");
    BOOST_TEST(op->deprecated);
    BOOST_TEST(!doc->find("GET", "/users/{user_id}")->deprecated);
    BOOST_TEST(op->node->at("operationId") == json::value("DeleteUser"));
    BOOST_TEST(op->path_item->contains("patch"));
    std::vector<std::string> tags = {"Organizations", "Users"};
    BOOST_TEST(doc->find("GET", "/organizations")->tags == tags, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(find_needs_the_exact_path_template) {
    auto doc = mini_document();
    BOOST_TEST(doc->find("GET", "/users/user_123") == nullptr);
    BOOST_TEST(doc->find("GET", "/users/") == nullptr);
    BOOST_TEST(doc->find("PUT", "/users") == nullptr);
    BOOST_TEST(doc->find("Get", "/users") == &doc->operations()[3]);
}

BOOST_AUTO_TEST_CASE(find_by_operation_id_is_exact) {
    auto doc = mini_document();
    BOOST_TEST(doc->find_by_operation_id("BanUser")->path == "/users/{user_id}/ban");
    BOOST_TEST(doc->find_by_operation_id("banuser") == nullptr);
    BOOST_TEST(doc->find_by_operation_id("") == nullptr);
}

BOOST_AUTO_TEST_CASE(tags_match_without_case) {
    auto doc = mini_document();
    BOOST_TEST(doc->find_tag("users")->name == "Users");
    BOOST_TEST(doc->operations_with_tag("USERS").size() == 7u);
    BOOST_TEST(doc->operations_with_tag("trees").size() == 2u);
    BOOST_TEST(doc->operations_with_tag("Nope").empty());
}

BOOST_AUTO_TEST_CASE(parameters_merge_path_item_and_operation_levels) {
    auto doc = mini_document();
    json::array get = doc->parameters(*doc->find("GET", "/users/{user_id}"));
    BOOST_TEST(names_of(get) == std::vector<std::string>{"user_id"});
    BOOST_TEST(get[0].at("description") == json::value("The ID of the user."));

    json::array patch = doc->parameters(*doc->find("PATCH", "/users/{user_id}"));
    std::vector<std::string> expected = {"user_id", "dry_run"};
    BOOST_TEST(names_of(patch) == expected, boost::test_tools::per_element());
    BOOST_TEST(patch[0].at("description") == json::value("The ID of the user to update."));
}

BOOST_AUTO_TEST_CASE(parameters_resolve_references) {
    auto doc = mini_document();
    json::array list = doc->parameters(*doc->find("GET", "/users"));
    std::vector<std::string> expected = {
        "limit", "created_at_after", "created_at_before", "email_address"};
    BOOST_TEST(names_of(list) == expected, boost::test_tools::per_element());
    BOOST_TEST(list[0].at("in") == json::value("query"));
    BOOST_TEST(!list[0].as_object().contains("$ref"));
}

BOOST_AUTO_TEST_CASE(resolve_expands_an_operation_fully) {
    auto doc = mini_document();
    const operation* op = doc->find("POST", "/users");
    json::value resolved = doc->resolve(json::value(*op->node));
    BOOST_TEST(resolved.at_pointer("/requestBody/content/application~1json/schema/type") ==
               json::value("object"));
    BOOST_TEST(resolved.at_pointer("/responses/200/description") == json::value("A user."));
}

BOOST_AUTO_TEST_CASE(lookup_returns_the_unresolved_target) {
    auto doc = mini_document();
    const json::value* user = doc->lookup("#/components/responses/UserResponse");
    BOOST_REQUIRE(user != nullptr);
    BOOST_TEST(user->at_pointer("/content/application~1json/schema/$ref") ==
               json::value("#/components/schemas/User"));
    BOOST_TEST(doc->lookup("#/components/schemas/Nope") == nullptr);
}

BOOST_AUTO_TEST_CASE(a_document_without_paths_is_rejected) {
    BOOST_CHECK_THROW(document("2030-01-01", json::parse(R"({"openapi": "3.0.3"})")),
                      std::runtime_error);
    BOOST_CHECK_THROW(document("2030-01-01", json::parse(R"([1])")), std::runtime_error);
    BOOST_CHECK_THROW(document("2030-01-01", json::parse(R"({"paths": []})")), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(malformed_parts_are_skipped_not_fatal) {
    document doc("2030-01-01", json::parse(R"({
        "tags": [{"description": "no name"}, "not an object", {"name": "Kept"}],
        "paths": {
            "/a": {"get": "not an object", "post": {"tags": [1, "T"], "summary": 5},
                   "x-extension": {}},
            "/b": 7
        }})"));
    BOOST_REQUIRE(doc.operations().size() == 1u);
    BOOST_TEST(doc.operations()[0].method == "POST");
    BOOST_TEST(doc.operations()[0].summary.empty());
    BOOST_TEST(doc.operations()[0].tags == std::vector<std::string>{"T"});
    BOOST_TEST(doc.tags().size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
