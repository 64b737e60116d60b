#include "mcp/http_access.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

using clerk_mcp::mcp::access_policy;

namespace {

constexpr std::uint16_t port = 4321;
constexpr std::string_view token = "0123456789abcdef-token";

struct verdict_case {
    std::string_view value;
    bool allowed;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(http_access)

BOOST_AUTO_TEST_CASE(host_allow_list_accepts_loopback_names_on_the_bound_port_only) {
    access_policy policy(port, {}, {}, "");
    const std::vector<verdict_case> cases = {
        {"127.0.0.1:4321", true},
        {"localhost:4321", true},
        {"LOCALHOST:4321", true},
        {"[::1]:4321", true},
        {"localhost", true},
        {"127.0.0.1:4322", false},
        {"evil.example.com:4321", false},
        {"evil.example.com", false},
        {"127.0.0.1.evil.example.com:4321", false},
        {"localhost:4321x", false},
        {"[::1", false},
        {"", false},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("Host: " << c.value) {
            BOOST_TEST(policy.host_allowed(c.value) == c.allowed);
        }
    }
}

BOOST_AUTO_TEST_CASE(configured_hosts_match_by_name_or_by_name_and_port) {
    access_policy policy(port, {"mcp.example.com", "Box.Lan:9000"}, {}, "");
    BOOST_TEST(policy.host_allowed("mcp.example.com"));
    BOOST_TEST(policy.host_allowed("mcp.example.com:443"));
    BOOST_TEST(policy.host_allowed("box.lan:9000"));
    BOOST_TEST(!policy.host_allowed("box.lan:9001"));
    BOOST_TEST(!policy.host_allowed("box.lan"));
    BOOST_TEST(!policy.host_allowed("other.example.com"));
}

BOOST_AUTO_TEST_CASE(origin_allow_list_accepts_loopback_and_configured_origins) {
    access_policy policy(port, {}, {"https://app.example.com"}, "");
    const std::vector<verdict_case> cases = {
        {"http://localhost:4321", true},
        {"http://127.0.0.1:4321", true},
        {"https://[::1]:4321", true},
        {"http://localhost", true},
        {"https://app.example.com", true},
        {"HTTPS://APP.EXAMPLE.COM", true},
        {"https://app.example.com:8443", false},
        {"http://evil.example.com", false},
        {"http://localhost:9999", false},
        {"null", false},
        {"file://", false},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("Origin: " << c.value) {
            BOOST_TEST(policy.origin_allowed(c.value) == c.allowed);
        }
    }
}

BOOST_AUTO_TEST_CASE(no_token_configured_authorizes_every_request) {
    access_policy policy(port, {}, {}, "");
    BOOST_TEST(!policy.token_required());
    BOOST_TEST(policy.authorized(""));
    BOOST_TEST(policy.authorized("Bearer anything"));
}

BOOST_AUTO_TEST_CASE(bearer_token_must_match_exactly) {
    access_policy policy(port, {}, {}, token);
    BOOST_TEST(policy.token_required());
    const std::vector<verdict_case> cases = {
        {"Bearer 0123456789abcdef-token", true},
        {"bearer 0123456789abcdef-token", true},
        {"Bearer   0123456789abcdef-token  ", true},
        {"", false},
        {"Bearer", false},
        {"Bearer ", false},
        {"Bearer 0123456789abcdef-toke", false},
        {"Bearer 0123456789abcdef-tokenX", false},
        {"Basic 0123456789abcdef-token", false},
        {"0123456789abcdef-token", false},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("Authorization: " << c.value) {
            BOOST_TEST(policy.authorized(c.value) == c.allowed);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
