#include "tools/request_validator.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include "spec/catalog.hpp"
#include "tools/compiled_schema.hpp"
#include "tools/schema_translation.hpp"

namespace json = boost::json;
using clerk_mcp::spec::catalog;
using clerk_mcp::spec::document;
using clerk_mcp::spec::operation;
using clerk_mcp::tools::prepare_result;
using clerk_mcp::tools::request_input;
using clerk_mcp::tools::request_validator;
using clerk_mcp::tools::violation;

namespace {

// The six real BAPI versions, parsed once for the whole suite.
const catalog& real_specs() {
    static const catalog specs = [] {
        const char* dir = std::getenv("CLERK_MCP_TEST_SPEC_DIR");
        BOOST_TEST_REQUIRE(dir != nullptr, "CLERK_MCP_TEST_SPEC_DIR is not set");
        return catalog::from_directory(dir);
    }();
    return specs;
}

std::shared_ptr<const document> spec_version(const std::string& version) {
    auto doc = real_specs().get(version);
    BOOST_TEST_REQUIRE(doc.has_value(), "version " << version);
    return *doc;
}

const operation& find_operation(const document& doc,
                                const std::string& method,
                                const std::string& path) {
    const operation* op = doc.find(method, path);
    BOOST_TEST_REQUIRE(op != nullptr, method << " " << path << " in " << doc.version());
    return *op;
}

request_input input_of(const char* path_params, const char* query, const char* body = nullptr) {
    request_input input;
    input.path_params = json::parse(path_params).as_object();
    input.query = json::parse(query).as_object();
    if (body != nullptr) {
        input.body = json::parse(body);
    }
    return input;
}

// The violation reported at `where`, if any. (result::error() returns a copy, so the
// violation is copied out rather than pointed at.)
std::optional<violation> violation_at(const prepare_result& result, const std::string& where) {
    if (result.has_value()) {
        return std::nullopt;
    }
    for (const violation& v : result.error()) {
        if (v.where == where) {
            return v;
        }
    }
    return std::nullopt;
}

bool has_suggestion(const violation& v, const std::string& name) {
    return std::find(v.suggestions.begin(), v.suggestions.end(), name) != v.suggestions.end();
}

// A small hand-written document for the rules the real spec does not exercise.
std::unique_ptr<document> fixture_document() {
    return std::make_unique<document>("fixture", json::parse(R"({
        "openapi": "3.0.3",
        "paths": {
            "/items/{item_id}": {
                "parameters": [{"name": "item_id", "in": "path", "required": true,
                                "schema": {"type": "string"}}],
                "get": {
                    "operationId": "GetItem", "tags": ["Items"],
                    "parameters": [
                        {"name": "ids", "in": "query", "explode": false,
                         "schema": {"type": "array", "items": {"type": "integer"}}},
                        {"name": "codes", "in": "query", "style": "pipeDelimited",
                         "schema": {"type": "array", "items": {"type": "string"}}},
                        {"name": "mode", "in": "query", "required": true,
                         "schema": {"type": "string", "enum": ["fast", "slow"]}},
                        {"name": "ratio", "in": "query",
                         "schema": {"type": "number", "minimum": 0, "exclusiveMinimum": true}},
                        {"name": "X-Trace", "in": "header", "required": true,
                         "schema": {"type": "string"}}
                    ]
                }
            },
            "/kinds/{kind}": {
                "put": {
                    "operationId": "PutKind", "tags": ["Items"],
                    "parameters": [{"name": "kind", "in": "path", "required": true,
                                    "schema": {"type": "string", "enum": ["a", "b"]}}],
                    "requestBody": {"content": {"application/json": {"schema": {
                        "type": "object", "properties": {"name": {"type": "string"}}}}}}
                }
            }
        }})"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(request_validator_rules)

BOOST_AUTO_TEST_CASE(get_users_query_is_typed_sorted_and_encoded) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result =
        validator.prepare(*doc,
                          find_operation(*doc, "GET", "/users"),
                          input_of("{}",
                                   R"({"limit": 10, "created_at_after": 1700000000000,
                     "email_address": ["a@x.com", "b@x.com"]})"));

    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->query_string ==
               "created_at_after=1700000000000&email_address=a%40x.com&email_address=b%40x.com"
               "&limit=10");
    BOOST_TEST(result->encoded_path == "/users");
    BOOST_TEST(result->target() == "/users?" + result->query_string);
    BOOST_TEST(!result->body.has_value());
    BOOST_TEST(result->body_text.empty());
}

BOOST_AUTO_TEST_CASE(numeric_and_boolean_strings_are_coerced) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc,
        find_operation(*doc, "GET", "/users"),
        input_of("{}",
                 R"({"limit": "25", "banned": "true", "offset": 20.0, "user_id": "user_1"})"));

    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->query_string == "banned=true&limit=25&offset=20&user_id=user_1");
    BOOST_TEST(result->query.at("limit") == json::value(25));
    BOOST_TEST(result->query.at("banned") == json::value(true));
    BOOST_TEST(result->query.at("user_id") == json::parse(R"(["user_1"])"));
}

BOOST_AUTO_TEST_CASE(query_values_of_the_wrong_type_or_range_are_refused) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc,
        find_operation(*doc, "GET", "/users"),
        input_of("{}",
                 R"({"limit": 0, "offset": 1.5, "banned": "yes", "email_address": [7, {}]})"));

    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST(violation_at(result, "query.limit")->problem == "must be >= 1 (got 0)");
    BOOST_TEST(violation_at(result, "query.offset")->problem ==
               "expected an integer, got number 1.5");
    BOOST_TEST(violation_at(result, "query.banned").has_value());
    BOOST_TEST(violation_at(result, "query.email_address[1]").has_value());
    BOOST_TEST(violation_at(result, "query.email_address[0]").has_value() == false);  // 7 -> "7"
    BOOST_TEST(result.error().size() == 4u);
}

BOOST_AUTO_TEST_CASE(unknown_query_name_suggests_near_names) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(*doc,
                                          find_operation(*doc, "GET", "/users"),
                                          input_of("{}", R"({"created_at": 1700000000000})"));

    const std::optional<violation> v = violation_at(result, "query.created_at");
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(has_suggestion(*v, "created_at_after"));
    BOOST_TEST(has_suggestion(*v, "created_at_before"));
    BOOST_TEST(v->problem.find("is not a query parameter of GET /users") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_query_name_without_near_names_lists_every_accepted_name) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc, find_operation(*doc, "GET", "/users"), input_of("{}", R"({"zzzz": 1})"));

    const std::optional<violation> v = violation_at(result, "query.zzzz");
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(v->suggestions.empty());
    BOOST_TEST(v->problem.find("it accepts: ") != std::string::npos);
    BOOST_TEST(v->problem.find("created_at_after") != std::string::npos);
    BOOST_TEST(v->problem.find("limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(enum_violation_lists_the_allowed_values) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc, find_operation(*doc, "GET", "/invitations"), input_of("{}", R"({"status": "open"})"));

    const std::optional<violation> v = violation_at(result, "query.status");
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(
        v->problem ==
        R"(must be one of: "pending", "accepted", "revoked", "expired" (got string "open"))");
}

BOOST_AUTO_TEST_CASE(query_pattern_is_checked_on_short_values_only) {
    const auto doc = spec_version("2026-05-12");
    const operation& op = find_operation(*doc, "GET", "/api_keys");
    const request_validator validator;
    request_input short_value;
    short_value.query["subject"] = "user_x";
    request_input long_value;  // would overflow the stack inside std::regex
    long_value.query["subject"] = std::string(200000, 'a');

    const auto refused = validator.prepare(*doc, op, short_value);
    const auto passed = validator.prepare(*doc, op, long_value);

    BOOST_TEST_REQUIRE(violation_at(refused, "query.subject").has_value());
    BOOST_TEST(violation_at(refused, "query.subject")->problem.find("must match the pattern") !=
               std::string::npos);
    BOOST_TEST(passed.has_value());
}

BOOST_AUTO_TEST_CASE(array_without_explode_is_joined_with_commas) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc,
        find_operation(*doc, "GET", "/organization_domains"),
        input_of("{}", R"({"enrollment_mode": ["manual_invitation", "automatic_invitation"]})"));

    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->query_string == "enrollment_mode=manual_invitation,automatic_invitation");
}

BOOST_AUTO_TEST_CASE(hostile_path_values_are_refused) {
    const auto doc = spec_version("2026-05-12");
    const operation& op = find_operation(*doc, "GET", "/users/{user_id}");
    const request_validator validator;
    const char* const hostile[] = {
        "../x",
        "a/b",
        "a%2fb",
        "a%2Fb",
        "a%5Cb",
        "a%5cb",
        "",
        "\n",
        "a\\b",
        "..",
        ".",
        "a b",
        "a\tb",
        "user\x7f",
        "a\xC2\xA0"
        "b",
        "a\xE2\x80\x8B"
        "b",
        "a\xC2\x85"
        "b",
        "%41",
    };

    for (const char* value : hostile) {
        BOOST_TEST_CONTEXT("user_id = \"" << value << "\"") {
            request_input input;
            input.path_params["user_id"] = value;
            const auto result = validator.prepare(*doc, op, input);
            BOOST_TEST(violation_at(result, "path.user_id").has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(path_values_are_percent_encoded) {
    const auto doc = spec_version("2026-05-12");
    const operation& op = find_operation(*doc, "GET", "/users/{user_id}");
    const request_validator validator;

    const auto plain =
        validator.prepare(*doc, op, input_of(R"({"user_id": "user_2x-Y.z~9"})", "{}"));
    const auto unicode =
        validator.prepare(*doc, op, input_of(R"({"user_id": "j\u00fcrgen"})", "{}"));
    const auto reserved = validator.prepare(*doc, op, input_of(R"({"user_id": "a?b#c"})", "{}"));
    const auto number = validator.prepare(*doc, op, input_of(R"({"user_id": 42})", "{}"));

    BOOST_TEST_REQUIRE(plain.has_value());
    BOOST_TEST(plain->encoded_path == "/users/user_2x-Y.z~9");
    BOOST_TEST_REQUIRE(unicode.has_value());
    BOOST_TEST(unicode->encoded_path == "/users/j%C3%BCrgen");
    BOOST_TEST_REQUIRE(reserved.has_value());
    BOOST_TEST(reserved->encoded_path == "/users/a%3Fb%23c");
    BOOST_TEST_REQUIRE(number.has_value());
    BOOST_TEST(number->encoded_path == "/users/42");
}

BOOST_AUTO_TEST_CASE(missing_mistyped_and_unknown_path_params_are_refused) {
    const auto doc = spec_version("2026-05-12");
    const operation& op = find_operation(*doc, "GET", "/users/{user_id}");
    const request_validator validator;

    const auto missing = validator.prepare(*doc, op, input_of("{}", "{}"));
    const auto mistyped = validator.prepare(*doc, op, input_of(R"({"user_id": true})", "{}"));
    const auto unknown =
        validator.prepare(*doc, op, input_of(R"({"user_id": "user_1", "userid": "x"})", "{}"));

    BOOST_TEST_REQUIRE(violation_at(missing, "path.user_id").has_value());
    BOOST_TEST(violation_at(missing, "path.user_id")->problem.find("path_params") !=
               std::string::npos);
    BOOST_TEST(violation_at(mistyped, "path.user_id")->problem ==
               "expected a string, got boolean true");
    BOOST_TEST_REQUIRE(violation_at(unknown, "path.userid").has_value());
    BOOST_TEST(has_suggestion(*violation_at(unknown, "path.userid"), "user_id"));
}

BOOST_AUTO_TEST_CASE(post_users_body_lists_every_violation) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(*doc,
                                          find_operation(*doc, "POST", "/users"),
                                          input_of("{}",
                                                   "{}",
                                                   R"({"email_address": "a@x.com", "first_name": 5,
                                       "skip_password_checks": "yes", "nickname": "x",
                                       "frist_name": "Ada"})"));

    BOOST_TEST_REQUIRE(!result.has_value());
    BOOST_TEST(result.error().size() == 5u);
    BOOST_TEST(violation_at(result, "body/email_address")->problem ==
               R"(expected array, got string "a@x.com")");
    BOOST_TEST(violation_at(result, "body/first_name")->problem ==
               "expected string or null, got integer 5");
    BOOST_TEST(violation_at(result, "body/skip_password_checks")->problem ==
               R"(expected boolean or null, got string "yes")");
    BOOST_TEST_REQUIRE(violation_at(result, "body/nickname").has_value());
    BOOST_TEST(violation_at(result, "body/nickname")->problem.find("allowed here: ") !=
               std::string::npos);
    BOOST_TEST_REQUIRE(violation_at(result, "body/frist_name").has_value());
    BOOST_TEST(has_suggestion(*violation_at(result, "body/frist_name"), "first_name"));
}

BOOST_AUTO_TEST_CASE(valid_post_users_body_is_serialized) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc,
        find_operation(*doc, "POST", "/users"),
        input_of("{}", "{}", R"({"email_address": ["a@x.com"], "first_name": null})"));

    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->body_text == R"({"email_address":["a@x.com"],"first_name":null})");
    BOOST_TEST(*result->body == json::parse(result->body_text));
}

BOOST_AUTO_TEST_CASE(patch_user_metadata_points_to_the_merge_endpoint_in_2026_05_12) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc,
        find_operation(*doc, "PATCH", "/users/{user_id}"),
        input_of(R"({"user_id": "user_1"})", "{}", R"({"public_metadata": {"plan": "pro"}})"));

    const std::optional<violation> v = violation_at(result, "body/public_metadata");
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST_REQUIRE(!v->suggestions.empty());
    BOOST_TEST(v->suggestions.front() == "PATCH /users/{user_id}/metadata");
    BOOST_TEST(v->problem.find("PATCH /users/{user_id}/metadata") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(patch_user_metadata_is_accepted_in_2025_11_10) {
    const auto doc = spec_version("2025-11-10");
    const request_validator validator;

    const auto result = validator.prepare(
        *doc,
        find_operation(*doc, "PATCH", "/users/{user_id}"),
        input_of(R"({"user_id": "user_1"})", "{}", R"({"public_metadata": {"plan": "pro"}})"));

    BOOST_TEST(result.has_value());
}

BOOST_AUTO_TEST_CASE(multipart_only_operation_is_refused_with_what_to_do) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result =
        validator.prepare(*doc,
                          find_operation(*doc, "POST", "/users/{user_id}/profile_image"),
                          input_of(R"({"user_id": "user_1"})", "{}", R"({"file": "x"})"));

    const std::optional<violation> v = violation_at(result, "body");
    BOOST_TEST_REQUIRE(v.has_value());
    BOOST_TEST(v->problem.find("multipart/form-data") != std::string::npos);
    BOOST_TEST(v->problem.find("cannot send") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(multipart_only_operation_is_refused_without_a_body_too) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;

    const auto result =
        validator.prepare(*doc,
                          find_operation(*doc, "PUT", "/organizations/{organization_id}/logo"),
                          input_of(R"({"organization_id": "org_1"})", "{}"));

    BOOST_TEST(violation_at(result, "body").has_value());
}

BOOST_AUTO_TEST_CASE(body_rules_follow_the_request_body_declaration) {
    const auto doc = spec_version("2026-05-12");
    const request_validator validator;
    const operation& get_users = find_operation(*doc, "GET", "/users");
    const operation& post_users = find_operation(*doc, "POST", "/users");

    const auto body_on_get =
        validator.prepare(*doc, get_users, input_of("{}", "{}", R"({"a": 1})"));
    const auto empty_on_get = validator.prepare(*doc, get_users, input_of("{}", "{}", "{}"));
    const auto missing_required = validator.prepare(*doc, post_users, input_of("{}", "{}"));

    BOOST_TEST(violation_at(body_on_get, "body").has_value());
    BOOST_TEST_REQUIRE(empty_on_get.has_value());
    BOOST_TEST(!empty_on_get->body.has_value());
    BOOST_TEST(violation_at(missing_required, "body").has_value());
}

BOOST_AUTO_TEST_CASE(fixture_rules_for_styles_required_and_headers) {
    const auto doc = fixture_document();
    const operation& op = find_operation(*doc, "GET", "/items/{item_id}");
    const request_validator validator;

    const auto sent =
        validator.prepare(*doc,
                          op,
                          input_of(R"({"item_id": "i1"})",
                                   R"({"ids": [3, "4"], "codes": ["a b", "c"], "mode": "fast"})"));
    const auto refused = validator.prepare(
        *doc, op, input_of(R"({"item_id": "i1"})", R"({"ratio": 0, "item_id": "x"})"));

    // The header parameter cannot be set, so even a good request reports it.
    BOOST_TEST(violation_at(sent, "header.X-Trace").has_value());
    BOOST_TEST(sent.error().size() == 1u);
    BOOST_TEST(violation_at(refused, "query.mode")->problem == "is required but missing");
    BOOST_TEST(violation_at(refused, "query.ratio")->problem == "must be > 0 (got 0)");
    BOOST_TEST(violation_at(refused, "query.item_id")->problem.find("path_params") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(fixture_arrays_follow_style_and_explode) {
    auto root = fixture_document()->root();
    // Without the header parameter the same operation can be prepared.
    root.at_pointer("/paths/~1items~1{item_id}/get/parameters").as_array().pop_back();
    const document doc("fixture", root);
    const request_validator validator;

    const auto result =
        validator.prepare(doc,
                          find_operation(doc, "GET", "/items/{item_id}"),
                          input_of(R"({"item_id": "i1"})",
                                   R"({"ids": [3, "4"], "codes": ["a b", "c"], "mode": "fast"})"));

    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->query_string == "codes=a%20b|c&ids=3,4&mode=fast");
    BOOST_TEST(result->query.at("ids") == json::parse("[3, 4]"));
}

BOOST_AUTO_TEST_CASE(path_enum_is_enforced) {
    const auto doc = fixture_document();
    const request_validator validator;

    const auto result = validator.prepare(
        *doc, find_operation(*doc, "PUT", "/kinds/{kind}"), input_of(R"({"kind": "c"})", "{}"));

    BOOST_TEST(violation_at(result, "path.kind")->problem ==
               R"(must be one of: "a", "b" (got string "c"))");
}

BOOST_AUTO_TEST_CASE(violations_render_as_text_and_json) {
    const auto doc = spec_version("2026-05-12");
    const operation& op = find_operation(*doc, "GET", "/users");
    const request_validator validator;
    const auto result = validator.prepare(*doc, op, input_of("{}", R"({"created_at": 1})"));
    BOOST_TEST_REQUIRE(!result.has_value());

    const std::string text = clerk_mcp::tools::describe_violations(op, result.error());
    const json::array array = clerk_mcp::tools::to_json(result.error());

    BOOST_TEST(text.find("GET /users was not sent") != std::string::npos);
    BOOST_TEST(text.find("- query.created_at: ") != std::string::npos);
    BOOST_TEST(text.find("did you mean: created_at_") != std::string::npos);
    BOOST_TEST(text.find("describe_endpoint") != std::string::npos);
    BOOST_TEST_REQUIRE(array.size() == 1u);
    BOOST_TEST(array[0].at("where") == "query.created_at");
    BOOST_TEST(array[0].at("suggestions").as_array().size() >= 2u);
}

BOOST_AUTO_TEST_CASE(operations_are_cached_once_and_safe_to_share_between_threads) {
    const auto doc = spec_version("2026-05-12");
    const operation& op = find_operation(*doc, "POST", "/users");
    const request_validator validator;
    const request_input input = input_of("{}", "{}", R"({"email_address": 5})");

    std::vector<std::string> problems(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        threads.emplace_back([&, i] {
            for (int round = 0; round < 20; ++round) {
                const auto result = validator.prepare(*doc, op, input);
                problems[i] = result ? "accepted" : result.error().front().problem;
            }
        });
    }
    for (std::thread& thread : threads) {
        thread.join();
    }

    BOOST_TEST(validator.cached_operations() == 1u);
    for (const std::string& problem : problems) {
        BOOST_TEST(problem == "expected array, got integer 5");
    }
}

BOOST_AUTO_TEST_CASE(every_json_request_schema_of_every_version_compiles) {
    std::size_t compiled = 0;
    for (const std::string& version : real_specs().versions()) {
        const auto doc = spec_version(version);
        for (const operation& op : doc->operations()) {
            const json::value* body = op.node->if_contains("requestBody");
            if (body == nullptr) {
                continue;
            }
            const json::value resolved = doc->resolve(*body);
            const json::value* schema =
                resolved.as_object().at("content").as_object().if_contains("application/json");
            if (schema == nullptr || !schema->as_object().contains("schema")) {
                continue;
            }
            BOOST_TEST_CONTEXT(version << " " << op.method << " " << op.path) {
                BOOST_CHECK_NO_THROW({
                    const clerk_mcp::tools::compiled_schema checked(
                        clerk_mcp::tools::translate_schema(schema->at("schema")));
                    checked.validate(json::object{});
                });
            }
            ++compiled;
        }
    }
    BOOST_TEST(compiled > 500u);
}

BOOST_AUTO_TEST_SUITE_END()
