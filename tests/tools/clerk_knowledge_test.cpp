#include "tools/clerk_knowledge.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

namespace {

namespace json = boost::json;
using namespace clerk_mcp::tools;

bool contains(std::string_view text, std::string_view part) {
    return text.find(part) != std::string_view::npos;
}

std::vector<std::string> strings(std::initializer_list<const char*> items) {
    return {items.begin(), items.end()};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(clerk_knowledge)

// --- Metadata -----------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(each_metadata_type_is_explained_by_who_reads_and_writes_it) {
    BOOST_TEST(contains(explain_metadata("public_metadata"), "written only by the backend"));
    BOOST_TEST(contains(explain_metadata("private_metadata"), "only by the backend"));
    BOOST_TEST(contains(explain_metadata("private_metadata"), "never sent to the browser"));
    BOOST_TEST(contains(explain_metadata("unsafe_metadata"), "written by the frontend"));
    BOOST_TEST(contains(explain_metadata("unsafe_metadata"), "never trust"));
    BOOST_TEST(explain_metadata("metadata").empty());
    // Each line is repeated on every metadata write, so each stays short.
    for (const auto* field : {"public_metadata", "private_metadata", "unsafe_metadata"}) {
        BOOST_TEST_CONTEXT(field) {
            BOOST_TEST(explain_metadata(field).size() <= 170u);
        }
    }
}

BOOST_AUTO_TEST_CASE(every_metadata_write_explains_all_three_types_and_marks_those_written) {
    struct row {
        const char* method;
        const char* path;
        const char* body;
        std::vector<std::string> written;
    };
    const std::vector<row> rows = {
        {"PATCH",
         "/users/{user_id}/metadata",
         R"({"public_metadata":{"a":1}})",
         strings({"public_metadata"})},
        {"POST",
         "/users",
         R"({"unsafe_metadata":{"a":1},"private_metadata":{"b":2}})",
         strings({"private_metadata", "unsafe_metadata"})},
        {"PATCH",
         "/users/{user_id}",
         R"({"private_metadata":{"c":3}})",
         strings({"private_metadata"})},
    };
    const std::vector<std::string> all = {"public_metadata", "private_metadata", "unsafe_metadata"};
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.method << " " << r.path << " " << r.body) {
            const auto write = analyze_metadata_write(r.method, r.path, json::parse(r.body));
            BOOST_TEST_REQUIRE(write.has_value());
            const std::string text = render(*write);
            const json::object out = to_json(*write);
            BOOST_TEST(contains(text, "This request writes " + r.written.front()), text);
            for (const auto& field : all) {
                const bool written = std::ranges::find(r.written, field) != r.written.end();
                const std::string line = "- " + std::string(explain_metadata(field));
                BOOST_TEST(contains(text, line + (written ? " [written here]\n" : "\n")),
                           field << " in:\n"
                                 << text);
                BOOST_TEST(out.at("explanations").at(field).as_string() == explain_metadata(field));
            }
            BOOST_TEST(out.at("fields").as_array().size() == r.written.size());
            // A few short lines, not a page: the explanation rides on every metadata write.
            BOOST_TEST(text.size() <= 1100u, text.size() << " characters:\n" << text);
        }
    }
}

BOOST_AUTO_TEST_CASE(metadata_writes_are_classified_by_endpoint) {
    struct row {
        const char* method;
        const char* path;
        const char* body;
        std::optional<metadata_write_mode> mode;  // nothing: no metadata written
        std::vector<std::string> fields;
        const char* merge_endpoint;
    };
    const std::vector<row> rows = {
        {"PATCH",
         "/users/{user_id}/metadata",
         R"({"public_metadata":{"plan":"pro"}})",
         metadata_write_mode::merge,
         strings({"public_metadata"}),
         ""},
        {"put",
         "/users/{user_id}/metadata",
         R"({"unsafe_metadata":{},"private_metadata":{"a":1}})",
         metadata_write_mode::replace,
         strings({"private_metadata", "unsafe_metadata"}),
         "PATCH /users/{user_id}/metadata"},
        {"PATCH",
         "/users/{user_id}",
         R"({"first_name":"Ada","public_metadata":{"x":1}})",
         metadata_write_mode::replace,
         strings({"public_metadata"}),
         "PATCH /users/{user_id}/metadata"},
        {"PATCH",
         "/organizations/{organization_id}",
         R"({"private_metadata":{"x":1}})",
         metadata_write_mode::replace,
         strings({"private_metadata"}),
         "PATCH /organizations/{organization_id}/metadata"},
        {"PUT",
         "/organizations/{organization_id}/metadata",
         R"({"public_metadata":{}})",
         metadata_write_mode::replace,
         strings({"public_metadata"}),
         "PATCH /organizations/{organization_id}/metadata"},
        {"PATCH",
         "/organizations/{organization_id}/memberships/{user_id}/metadata",
         R"({"public_metadata":{"r":1}})",
         metadata_write_mode::merge,
         strings({"public_metadata"}),
         ""},
        {"POST",
         "/users",
         R"({"email_address":["a@b.c"],"private_metadata":{"id":7}})",
         metadata_write_mode::create,
         strings({"private_metadata"}),
         ""},
        {"POST",
         "/invitations/bulk",
         R"([{"email_address":"a@b.c"},{"email_address":"d@e.f","public_metadata":{"x":1}}])",
         metadata_write_mode::create,
         strings({"public_metadata"}),
         ""},
        {"POST",
         "/widgets",
         R"({"public_metadata":{"x":1}})",
         metadata_write_mode::unknown,
         strings({"public_metadata"}),
         ""},
        {"PATCH", "/users/{user_id}", R"({"first_name":"Ada"})", std::nullopt, {}, ""},
        {"PATCH", "/users/{user_id}/metadata", R"("public_metadata")", std::nullopt, {}, ""},
        {"POST", "/users", "null", std::nullopt, {}, ""},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.method << " " << r.path << " " << r.body) {
            const auto write = analyze_metadata_write(r.method, r.path, json::parse(r.body));
            BOOST_TEST_REQUIRE(write.has_value() == r.mode.has_value());
            if (!write) {
                continue;
            }
            BOOST_TEST((write->mode == *r.mode));
            BOOST_TEST(write->fields == r.fields, boost::test_tools::per_element());
            BOOST_TEST(write->merge_endpoint == r.merge_endpoint);
        }
    }
}

BOOST_AUTO_TEST_CASE(merge_reports_nested_keys_set_to_null_as_removed) {
    const auto write = analyze_metadata_write(
        "PATCH",
        "/users/{user_id}/metadata",
        json::parse(R"({"public_metadata":{"plan":null,"billing":{"card":null,"tier":2}},
                        "private_metadata":{"keep":1}})"));
    BOOST_TEST_REQUIRE(write.has_value());
    BOOST_TEST(
        write->removed_keys == strings({"public_metadata.plan", "public_metadata.billing.card"}),
        boost::test_tools::per_element());
    BOOST_TEST(contains(render(*write), "public_metadata.billing.card"));
}

BOOST_AUTO_TEST_CASE(replacement_warns_that_keys_not_sent_are_removed_and_names_the_merge) {
    const auto write = analyze_metadata_write(
        "PUT", "/users/{user_id}/metadata", json::parse(R"({"public_metadata":{}})"));
    BOOST_TEST_REQUIRE(write.has_value());
    BOOST_TEST(write->cleared_fields == strings({"public_metadata"}),
               boost::test_tools::per_element());
    const std::string text = render(*write);
    BOOST_TEST(contains(text, "WARNING"), text);
    BOOST_TEST(contains(text, "not in the request are removed"), text);
    BOOST_TEST(contains(text, "PATCH /users/{user_id}/metadata"), text);
    BOOST_TEST(contains(text, "written only by the backend"), text);

    const json::object out = to_json(*write);
    BOOST_TEST(out.at("mode").as_string() == "replace");
    BOOST_TEST(out.at("merge_endpoint").as_string() == "PATCH /users/{user_id}/metadata");
    BOOST_TEST(out.at("explanations").as_object().size() == 3u);
}

BOOST_AUTO_TEST_CASE(invitation_metadata_says_where_it_ends_up) {
    const auto write = analyze_metadata_write(
        "POST", "/invitations", json::parse(R"({"public_metadata":{"x":1}})"));
    BOOST_TEST_REQUIRE(write.has_value());
    BOOST_TEST(contains(write->note, "new user's public_metadata"));
    BOOST_TEST(contains(render(*write), "new user's public_metadata"));
}

// --- Pagination ---------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(pagination_bounds_come_from_the_limit_parameter) {
    const json::array with_bounds = json::parse(R"([
        {"name":"limit","in":"query","schema":{"type":"integer","minimum":1,"maximum":100,
                                               "default":20}},
        {"name":"offset","in":"query","schema":{"type":"integer","minimum":0}}])")
                                        .as_array();
    const auto bounds = find_pagination(with_bounds);
    BOOST_TEST_REQUIRE(bounds.has_value());
    BOOST_TEST(bounds->max_limit == 100);
    BOOST_TEST(bounds->default_limit == 20);
    BOOST_TEST(bounds->min_limit == 1);

    const json::array no_schema =
        json::parse(R"([{"name":"limit","in":"query"},{"name":"offset","in":"query"}])").as_array();
    const auto defaults = find_pagination(no_schema);
    BOOST_TEST_REQUIRE(defaults.has_value());
    BOOST_TEST(defaults->max_limit == 500);
    BOOST_TEST(defaults->default_limit == 10);

    const json::array limit_in_path =
        json::parse(R"([{"name":"limit","in":"path"},{"name":"offset","in":"query"}])").as_array();
    BOOST_TEST(!find_pagination(limit_in_path).has_value());
    BOOST_TEST(!find_pagination(json::array{}).has_value());
}

BOOST_AUTO_TEST_CASE(requested_page_reads_numbers_and_decimal_strings) {
    const pagination_parameters spec;
    struct row {
        const char* query;
        std::int64_t limit;
        std::int64_t offset;
    };
    const std::vector<row> rows = {
        {R"({})", 10, 0},
        {R"({"limit":50,"offset":100})", 50, 100},
        {R"({"limit":"25","offset":"5"})", 25, 5},
        {R"({"limit":"ten","offset":[1]})", 10, 0},
        {R"({"limit":30.0})", 30, 0},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.query) {
            const auto page = requested_page(json::parse(r.query).as_object(), spec);
            BOOST_TEST(page.limit == r.limit);
            BOOST_TEST(page.offset == r.offset);
        }
    }
}

BOOST_AUTO_TEST_CASE(next_offset_follows_both_response_shapes) {
    struct row {
        const char* body;
        std::int64_t limit;
        std::int64_t offset;
        std::optional<page_info::shape> shape;  // nothing: not a list response
        std::size_t returned;
        std::optional<std::int64_t> total;
        std::optional<std::int64_t> next;
    };
    using enum page_info::shape;
    const std::vector<row> rows = {
        // Bare arrays: a full page may have more behind it; a short page is the last.
        {R"([1,2,3])", 3, 0, bare_array, 3, std::nullopt, 3},
        {R"([1,2,3])", 3, 6, bare_array, 3, std::nullopt, 9},
        {R"([1,2])", 3, 0, bare_array, 2, std::nullopt, std::nullopt},
        {R"([])", 3, 9, bare_array, 0, std::nullopt, std::nullopt},
        // {data, total_count}: total_count decides.
        {R"({"data":[1,2],"total_count":7})", 2, 0, data_and_total_count, 2, 7, 2},
        {R"({"data":[1,2],"total_count":4})", 2, 2, data_and_total_count, 2, 4, std::nullopt},
        {R"({"data":[1],"total_count":9})", 2, 0, data_and_total_count, 1, 9, 1},
        {R"({"data":[],"total_count":9})", 2, 20, data_and_total_count, 0, 9, std::nullopt},
        {R"({"data":[1,2]})", 2, 0, data_and_total_count, 2, std::nullopt, 2},
        // Not list responses.
        {R"({"id":"user_1"})", 10, 0, std::nullopt, 0, std::nullopt, std::nullopt},
        {R"({"data":"x"})", 10, 0, std::nullopt, 0, std::nullopt, std::nullopt},
        {R"("text")", 10, 0, std::nullopt, 0, std::nullopt, std::nullopt},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.body << " limit=" << r.limit << " offset=" << r.offset) {
            const auto page = inspect_page(json::parse(r.body), {r.limit, r.offset});
            BOOST_TEST_REQUIRE(page.has_value() == r.shape.has_value());
            if (!page) {
                continue;
            }
            BOOST_TEST((page->response_shape == *r.shape));
            BOOST_TEST(page->returned == r.returned);
            BOOST_TEST((page->total_count == r.total));
            BOOST_TEST((page->next_offset == r.next));
        }
    }
}

BOOST_AUTO_TEST_CASE(pagination_hint_names_limit_offset_and_the_next_offset) {
    const pagination_parameters spec;
    const auto full = inspect_page(json::parse(R"({"data":[1,2],"total_count":5})"), {2, 2});
    BOOST_TEST_REQUIRE(full.has_value());
    const std::string text = render(*full, spec);
    BOOST_TEST(contains(text, "`limit` (1-500, default 10)"), text);
    BOOST_TEST(contains(text, "`offset`"), text);
    BOOST_TEST(contains(text, "of 5 in total"), text);
    BOOST_TEST(contains(text, "offset=4"), text);

    const json::object out = to_json(*full, spec);
    BOOST_TEST(out.at("next_offset").as_int64() == 4);
    BOOST_TEST(out.at("total_count").as_int64() == 5);
    BOOST_TEST(out.at("shape").as_string() == "data_and_total_count");

    const auto last = inspect_page(json::parse("[1]"), {10, 0});
    BOOST_TEST_REQUIRE(last.has_value());
    BOOST_TEST(contains(render(*last, spec), "last page"));
    BOOST_TEST(!to_json(*last, spec).contains("next_offset"));
}

// --- Errors -------------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(clerk_error_bodies_are_parsed_into_entries) {
    const auto error = parse_clerk_error(422, R"({
        "errors":[{"code":"form_param_unknown","message":"is unknown",
                   "long_message":"created_at is not a valid parameter for this request.",
                   "meta":{"param_name":"created_at"}},
                  {"code":"form_param_missing","message":"is missing","long_message":"x"}],
        "clerk_trace_id":"trace-123"})");
    BOOST_TEST(error.well_formed);
    BOOST_TEST_REQUIRE(error.errors.size() == 2u);
    BOOST_TEST(error.errors[0].code == "form_param_unknown");
    BOOST_TEST(error.errors[0].param_name == "created_at");
    BOOST_TEST(error.errors[1].param_name.empty());
    BOOST_TEST(error.trace_id == "trace-123");

    const std::string text = render(error);
    BOOST_TEST(contains(text, "422 Unprocessable Entity"), text);
    BOOST_TEST(contains(text, "created_at is not a valid parameter"), text);
    BOOST_TEST(contains(text, "(field: created_at)"), text);
    BOOST_TEST(contains(text, "trace-123"), text);
    BOOST_TEST(contains(text, "describe_endpoint"), text);

    const json::object out = to_json(error);
    BOOST_TEST(out.at("status").as_uint64() == 422u);
    BOOST_TEST(out.at("errors").as_array().size() == 2u);
    BOOST_TEST(out.at("clerk_trace_id").as_string() == "trace-123");
    BOOST_TEST(!out.contains("body_excerpt"));
}

BOOST_AUTO_TEST_CASE(malformed_error_bodies_keep_a_bounded_excerpt) {
    struct row {
        std::string body;
        bool well_formed;
        std::size_t entries;
    };
    const std::vector<row> rows = {
        {"", false, 0},
        {"<html><body>502 Bad Gateway</body></html>", false, 0},
        {R"({"errors":)", false, 0},
        {R"({"errors":"nope"})", false, 0},
        {R"({"errors":[]})", false, 0},
        {R"({"errors":[42,"x",{}]})", false, 0},
        {R"({"error":"not clerk shape"})", false, 0},
        {R"([{"code":"x"}])", false, 0},
        {R"({"errors":[7,{"message":"only a message"}]})", true, 1},
        {std::string(5000, 'x'), false, 0},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.body.substr(0, 60)) {
            const auto error = parse_clerk_error(502, r.body);
            BOOST_TEST(error.well_formed == r.well_formed);
            BOOST_TEST(error.errors.size() == r.entries);
            BOOST_TEST(error.excerpt.size() <= 450u);
            if (!r.well_formed) {
                BOOST_TEST(to_json(error).contains("body_excerpt"));
            }
            BOOST_TEST(contains(render(error), "Next step"));
        }
    }
    const auto cut = parse_clerk_error(500, std::string(5000, 'x'));
    BOOST_TEST(contains(cut.excerpt, "[cut: 4600 more bytes]"), cut.excerpt);
    const auto html = parse_clerk_error(502, "<p>a\nb</p>");
    BOOST_TEST(html.excerpt == "<p>a b</p>");
}

BOOST_AUTO_TEST_CASE(next_step_depends_on_the_status) {
    struct row {
        unsigned status;
        const char* expected;
    };
    const std::vector<row> rows = {
        {400, "describe_endpoint"},
        {422, "Fix the fields"},
        {401, "CLERK_SECRET_KEY"},
        {403, "lacks the permission"},
        {404, "sk_live_"},
        {409, "conflicts"},
        {429, "Retry-After"},
        {500, "clerk_trace_id"},
        {503, "retry later"},
        {418, "describe_endpoint"},
        {302, "unexpected status"},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT(r.status) {
            BOOST_TEST(contains(next_step_for_status(r.status), r.expected));
            BOOST_TEST(parse_clerk_error(r.status, "{}").next_step ==
                       next_step_for_status(r.status));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
