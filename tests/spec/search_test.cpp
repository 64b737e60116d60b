#include "spec/search.hpp"

#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include "spec/document.hpp"
#include "spec_test_support.hpp"

namespace {

using clerk_mcp::spec::document;
using clerk_mcp::spec::search_fields;
using clerk_mcp::spec::search_index;
using clerk_mcp::spec::testing::mini_document;

std::vector<std::string> found(const document& doc,
                               std::string_view query,
                               std::string_view tag = {}) {
    std::vector<std::string> out;
    for (const auto* op : doc.search(query, tag)) {
        out.push_back(op->method + " " + op->path);
    }
    return out;
}

std::vector<std::size_t> all(std::size_t n) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < n; ++i) {
        out.push_back(i);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_search)

BOOST_AUTO_TEST_CASE(exact_beats_prefix_beats_substring) {
    search_index index({{"GET", "/mywidgets", "", "", {}},
                        {"GET", "/widgetsets", "", "", {}},
                        {"GET", "/widgets", "", "", {}},
                        {"GET", "/gadgets", "", "", {}}});
    std::vector<std::size_t> expected = {2, 1, 0};
    BOOST_TEST(index.rank("widgets", all(4)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(another_number_of_the_word_still_matches) {
    search_index index({{"GET", "/users", "", "", {}}, {"GET", "/usernames", "", "", {}}});
    std::vector<std::size_t> expected = {0, 1};
    BOOST_TEST(index.rank("user", all(2)) == expected, boost::test_tools::per_element());
    search_index identities({{"GET", "/identities", "", "", {}}});
    BOOST_TEST(identities.rank("identity", all(1)) == std::vector<std::size_t>{0});
}

BOOST_AUTO_TEST_CASE(the_literal_word_beats_its_other_number) {
    search_index index({{"POST", "/users/ban", "BanUsers", "Ban multiple users", {}},
                        {"POST", "/users/{user_id}/ban", "BanUser", "Ban a user", {}}});
    std::vector<std::size_t> single = {1, 0};
    std::vector<std::size_t> bulk = {0, 1};
    BOOST_TEST(index.rank("ban user", all(2)) == single, boost::test_tools::per_element());
    BOOST_TEST(index.rank("ban users", all(2)) == bulk, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_same_word_root_matches) {
    search_index index({{"POST", "/invitations", "", "", {}}, {"GET", "/users", "", "", {}}});
    BOOST_TEST(index.rank("invite", all(2)) == std::vector<std::size_t>{0});
}

BOOST_AUTO_TEST_CASE(path_outweighs_parameter_names) {
    search_index index({{"GET", "/things", "", "", {"email"}}, {"GET", "/email", "", "", {}}});
    std::vector<std::size_t> expected = {1, 0};
    BOOST_TEST(index.rank("email", all(2)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(naming_more_words_beats_a_higher_score) {
    // Entry 0 matches "alpha" in every field; entry 1 names both words, by prefix only.
    search_index index({{"GET", "/alpha", "Alpha", "alpha", {"alpha"}},
                        {"GET", "/x", "", "alphabet betamax", {}}});
    std::vector<std::size_t> expected = {1, 0};
    BOOST_TEST(index.rank("alpha beta", all(2)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(parameter_names_alone_do_not_name_an_operation) {
    search_index index(
        {{"GET", "/things", "", "", {"email", "domain"}}, {"GET", "/x", "", "email", {}}});
    std::vector<std::size_t> expected = {1, 0};
    BOOST_TEST(index.rank("email domain", all(2)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(substring_matches_only_help_recall) {
    // "count" inside "accounts" must not count as naming a second word.
    search_index index({{"DELETE", "/users/{user_id}/accounts", "", "", {}},
                        {"GET", "/users", "ListUsers", "List users", {}}});
    std::vector<std::size_t> expected = {1, 0};
    BOOST_TEST(index.rank("users count", all(2)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_fully_named_path_beats_a_longer_one) {
    search_index index(
        {{"POST", "/tokens/{token_id}/revoke", "", "", {}}, {"POST", "/tokens", "", "", {}}});
    std::vector<std::size_t> expected = {1, 0};
    BOOST_TEST(index.rank("tokens", all(2)) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(operation_ids_split_at_case_changes) {
    search_index index({{"GET", "/a", "GetOAuthApplication", "", {}}, {"GET", "/b", "", "", {}}});
    BOOST_TEST(index.rank("application", all(2)) == std::vector<std::size_t>{0});
    BOOST_TEST(index.rank("auth", all(2)) == std::vector<std::size_t>{0});
}

BOOST_AUTO_TEST_CASE(only_candidates_are_ranked) {
    search_index index({{"GET", "/users", "", "", {}}, {"POST", "/users", "", "", {}}});
    BOOST_TEST(index.rank("users", {1}) == std::vector<std::size_t>{1});
}

BOOST_AUTO_TEST_CASE(a_query_without_words_returns_the_candidates) {
    search_index index({{"GET", "/users", "", "", {}}, {"POST", "/users", "", "", {}}});
    std::vector<std::size_t> candidates = {0, 1};
    BOOST_TEST(index.rank("  /? ", candidates) == candidates, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_best_match_for_a_task_comes_first) {
    auto doc = mini_document();
    BOOST_TEST(found(*doc, "ban").front() == "POST /users/{user_id}/ban");
    BOOST_TEST(found(*doc, "ban a user").front() == "POST /users/{user_id}/ban");
    BOOST_TEST(found(*doc, "delete user").front() == "DELETE /users/{user_id}");
    BOOST_TEST(found(*doc, "list all users").front() == "GET /users");
    BOOST_TEST(found(*doc, "organizations").front() == "GET /organizations");
}

BOOST_AUTO_TEST_CASE(parameter_names_are_searched) {
    auto doc = mini_document();
    BOOST_TEST(found(*doc, "created_at") == std::vector<std::string>{"GET /users"});
    BOOST_TEST(found(*doc, "dry_run") == std::vector<std::string>{"PATCH /users/{user_id}"});
}

BOOST_AUTO_TEST_CASE(an_exact_path_or_operation_id_comes_first) {
    auto doc = mini_document();
    BOOST_TEST(found(*doc, "/users/{user_id}/ban").front() == "POST /users/{user_id}/ban");
    BOOST_TEST(found(*doc, "GetUser").front() == "GET /users/{user_id}");
    BOOST_TEST(found(*doc, "patch /users/{user_id}").front() == "PATCH /users/{user_id}");
}

BOOST_AUTO_TEST_CASE(equal_scores_keep_path_then_method_order) {
    auto doc = mini_document();
    std::vector<std::string> expected = {"GET /users/{user_id}",
                                         "PATCH /users/{user_id}",
                                         "DELETE /users/{user_id}",
                                         "POST /users/{user_id}/ban"};
    BOOST_TEST(found(*doc, "user_id") == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_tag_restricts_the_results) {
    auto doc = mini_document();
    BOOST_TEST(found(*doc, "list", "organizations") ==
               std::vector<std::string>{"GET /organizations"});
    BOOST_TEST(found(*doc, "ban", "trees").empty());
    BOOST_TEST(found(*doc, "", "Trees").size() == 2u);
}

BOOST_AUTO_TEST_CASE(words_that_match_nothing_give_nothing) {
    auto doc = mini_document();
    BOOST_TEST(found(*doc, "zebra").empty());
}

BOOST_AUTO_TEST_SUITE_END()
