#include "spec/suggest.hpp"

#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace {

using clerk_mcp::spec::closest;
using names = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_suggest)

BOOST_AUTO_TEST_CASE(a_prefix_suggests_every_longer_name) {
    names query = {"limit", "offset", "created_at_before", "created_at_after", "order_by"};
    names expected = {"created_at_after", "created_at_before"};
    BOOST_TEST(closest("created_at", query, 5) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(case_is_ignored_and_the_spelling_kept) {
    names tags = {"Users", "Organizations", "Sessions"};
    BOOST_TEST(closest("users", tags, 3) == names{"Users"});
    BOOST_TEST(closest("USERS", tags, 3).front() == "Users");
}

BOOST_AUTO_TEST_CASE(typos_within_the_distance_limit_are_found) {
    names ids = {"GetUser", "GetUserList", "DeleteUser", "BanUser"};
    BOOST_TEST(closest("GetUsr", ids, 4).front() == "GetUser");
    BOOST_TEST(closest("GteUser", ids, 4).front() == "GetUser");
    BOOST_TEST(closest("DeletUser", ids, 4).front() == "DeleteUser");
}

BOOST_AUTO_TEST_CASE(a_path_one_segment_off_is_found) {
    names paths = {"/users/{user_id}", "/users/{user_id}/ban", "/organizations"};
    BOOST_TEST(closest("/user/{user_id}", paths, 3).front() == "/users/{user_id}");
}

BOOST_AUTO_TEST_CASE(a_contained_word_is_found) {
    names tags = {"Organization Memberships", "Users", "Organizations"};
    names expected = {"Organizations", "Organization Memberships"};
    BOOST_TEST(closest("organization", tags, 5) == expected, boost::test_tools::per_element());
    BOOST_TEST(closest("memberships", tags, 5) == names{"Organization Memberships"});
}

BOOST_AUTO_TEST_CASE(unrelated_names_are_not_suggested) {
    names tags = {"Users", "Sessions", "Invitations"};
    BOOST_TEST(closest("billing", tags, 5).empty());
    BOOST_TEST(closest("", tags, 5).empty());
}

BOOST_AUTO_TEST_CASE(closer_names_rank_first_and_max_is_honoured) {
    names words = {"abcdefghij", "abcdefghiz", "abcdefghyz", "abcdefgxyz"};
    names expected = {"abcdefghij", "abcdefghiz"};
    BOOST_TEST(closest("abcdefghij", words, 2) == expected, boost::test_tools::per_element());
    BOOST_TEST(closest("abcdefghij", words, 0).empty());
}

BOOST_AUTO_TEST_CASE(duplicates_are_reported_once) {
    names words = {"Users", "Users", "users"};
    names expected = {"Users", "users"};
    BOOST_TEST(closest("users", words, 5) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
