// Smoke tests of the spec layer on Clerk's real BAPI specs (the six-version mirror named by
// CLERK_MCP_TEST_SPEC_DIR): the counts the issue states for 2026-05-12, and full `$ref`
// resolution of every operation of every version.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/test/unit_test.hpp>

#include "spec/catalog.hpp"
#include "spec/suggest.hpp"
#include "spec_test_support.hpp"

namespace {

namespace json = boost::json;
using clerk_mcp::spec::catalog;
using clerk_mcp::spec::document;
using clerk_mcp::spec::operation;

// Parsing six YAML files costs about a second: do it once for all cases.
const catalog& mirror() {
    static const catalog c = catalog::from_directory(clerk_mcp::spec::testing::spec_dir());
    return c;
}

std::shared_ptr<const document> version(const std::string& v) {
    auto doc = mirror().get(v);
    BOOST_TEST_REQUIRE(doc.has_value(), (doc ? std::string() : doc.error()));
    return *doc;
}

struct key_counts {
    int refs = 0;
    int recursive = 0;
    int external = 0;
    int missing = 0;
};

void count_keys(const json::value& v, key_counts& counts) {
    if (const json::object* obj = v.if_object()) {
        counts.refs += obj->contains("$ref") ? 1 : 0;
        counts.recursive += obj->contains("$recursive") ? 1 : 0;
        counts.external += obj->contains("$external") ? 1 : 0;
        counts.missing += obj->contains("$missing") ? 1 : 0;
        for (const auto& [key, child] : *obj) {
            count_keys(child, counts);
        }
    } else if (const json::array* arr = v.if_array()) {
        for (const json::value& child : *arr) {
            count_keys(child, counts);
        }
    }
}

std::vector<std::string> query_parameter_names(const document& doc, const operation& op) {
    std::vector<std::string> names;
    for (const json::value& p : doc.parameters(op)) {
        if (p.at("in") == "query") {
            names.emplace_back(p.at("name").as_string());
        }
    }
    return names;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_bapi_specs)

BOOST_AUTO_TEST_CASE(the_mirror_holds_six_versions) {
    std::vector<std::string> expected = {
        "2021-02-05", "2024-10-01", "2025-03-12", "2025-04-10", "2025-11-10", "2026-05-12"};
    BOOST_TEST(mirror().versions() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(latest_has_42_tags_one_without_endpoints) {
    auto doc = version("2026-05-12");
    BOOST_TEST(doc->tags().size() == 42u);
    std::vector<std::string> empty;
    for (const auto& tag : doc->tags()) {
        if (tag.endpoint_count == 0) {
            empty.push_back(tag.name);
        }
    }
    BOOST_TEST(empty == std::vector<std::string>{"Accountless Applications"});
    for (const char* undeclared : {"Admin Portal Link Tokens", "Directories", "SCIM Directories"}) {
        BOOST_TEST_CONTEXT(undeclared) {
            BOOST_REQUIRE(doc->find_tag(undeclared) != nullptr);
            BOOST_TEST(doc->find_tag(undeclared)->description.empty());
            BOOST_TEST(doc->find_tag(undeclared)->endpoint_count > 0u);
        }
    }
}

BOOST_AUTO_TEST_CASE(latest_has_249_distinct_operations) {
    auto doc = version("2026-05-12");
    std::set<std::string> method_paths;
    std::set<std::string> ids;
    for (const operation& op : doc->operations()) {
        method_paths.insert(op.method + " " + op.path);
        ids.insert(op.operation_id);
    }
    BOOST_TEST(doc->operations().size() == 249u);
    BOOST_TEST(method_paths.size() == 249u);
    BOOST_TEST(ids.size() == 249u);
}

BOOST_AUTO_TEST_CASE(operation_counts_of_every_version) {
    const std::pair<const char*, std::size_t> counts[] = {{"2021-02-05", 212},
                                                          {"2024-10-01", 219},
                                                          {"2025-03-12", 132},
                                                          {"2025-04-10", 219},
                                                          {"2025-11-10", 239},
                                                          {"2026-05-12", 249}};
    for (const auto& [v, n] : counts) {
        BOOST_TEST_CONTEXT(v) {
            BOOST_TEST(version(v)->operations().size() == n);
        }
    }
}

BOOST_AUTO_TEST_CASE(latest_users_tag_has_35_operations) {
    auto doc = version("2026-05-12");
    BOOST_TEST(doc->operations_with_tag("Users").size() == 35u);
    BOOST_TEST(doc->find_tag("users")->endpoint_count == 35u);
}

BOOST_AUTO_TEST_CASE(get_users_has_26_query_parameters) {
    auto doc = version("2026-05-12");
    const operation* op = doc->find("GET", "/users");
    BOOST_REQUIRE(op != nullptr);
    std::vector<std::string> names = query_parameter_names(*doc, *op);
    BOOST_TEST(names.size() == 26u);
    for (const char* name : {"created_at_after", "created_at_before", "limit", "offset"}) {
        BOOST_TEST_CONTEXT(name) {
            BOOST_TEST(std::count(names.begin(), names.end(), name) == 1);
        }
    }
    std::vector<std::string> near = clerk_mcp::spec::closest("created_at", names, 2);
    std::sort(near.begin(), near.end());
    std::vector<std::string> expected = {"created_at_after", "created_at_before"};
    BOOST_TEST(near == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(search_finds_common_tasks_first) {
    auto doc = version("2026-05-12");
    auto first = [&](std::string_view query) {
        auto found = doc->search(query);
        return found.empty() ? std::string() : found.front()->method + " " + found.front()->path;
    };
    BOOST_TEST(first("ban user") == "POST /users/{user_id}/ban");
    BOOST_TEST(first("delete user") == "DELETE /users/{user_id}");
    BOOST_TEST(first("list users") == "GET /users");
    BOOST_TEST(first("GetUserList") == "GET /users");
    // PUT (replace) and PATCH (merge) tie; the document's method order puts PUT first.
    BOOST_TEST(first("user metadata") == "PUT /users/{user_id}/metadata");
    BOOST_TEST(first("merge user metadata") == "PATCH /users/{user_id}/metadata");
}

BOOST_AUTO_TEST_CASE(every_operation_of_every_version_resolves_without_refs) {
    for (const std::string& v : mirror().versions()) {
        auto doc = version(v);
        key_counts total;
        for (const operation& op : doc->operations()) {
            BOOST_TEST_CONTEXT(v << " " << op.method << " " << op.path) {
                key_counts counts;
                count_keys(doc->resolve(json::value(*op.node)), counts);
                count_keys(doc->parameters(op), counts);
                BOOST_TEST(counts.refs == 0);
                BOOST_TEST(counts.external == 0);
                BOOST_TEST(counts.missing == 0);
                total.recursive += counts.recursive;
            }
        }
        BOOST_TEST_MESSAGE(v << ": " << doc->operations().size() << " operations resolved, "
                             << total.recursive << " $recursive markers");
    }
}

BOOST_AUTO_TEST_SUITE_END()
