#include "tools/scopes.hpp"

#include <boost/test/unit_test.hpp>

using namespace clerk_mcp::tools;

BOOST_AUTO_TEST_SUITE(scopes)

BOOST_AUTO_TEST_CASE(get_is_always_allowed) {
    BOOST_TEST(!scope_policy("", false).check("GET"));
}

BOOST_AUTO_TEST_CASE(writes_need_write_and_delete_needs_both) {
    struct row {
        const char* scopes;
        const char* method;
        bool allowed;
    };
    const row rows[] = {
        {"", "POST", false},
        {"write", "POST", true},
        {"write", "PATCH", true},
        {"write", "PUT", true},
        {"write", "DELETE", false},
        {"delete", "DELETE", false},
        {"write,delete", "DELETE", true},
        {" Write , DELETE ", "DELETE", true},
        // Set semantics, not substring matching.
        {"writer", "POST", false},
        {"write-all", "POST", false},
        {"rewrite", "POST", false},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT("scopes '" << r.scopes << "' method " << r.method) {
            BOOST_TEST(!scope_policy(r.scopes, false).check(r.method).has_value() == r.allowed);
        }
    }
}

BOOST_AUTO_TEST_CASE(admin_lifts_the_check_and_refusals_say_what_to_set) {
    BOOST_TEST(!scope_policy("", true).check("DELETE"));
    auto refusal = scope_policy("write", false).check("DELETE");
    BOOST_REQUIRE(refusal);
    BOOST_TEST(refusal->find("CLERK_BAPI_SCOPES=write,delete") != std::string::npos);
    BOOST_TEST(refusal->find("--admin") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
