#include "mcp/http_options.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <boost/test/unit_test.hpp>

using clerk_mcp::mcp::http_options;
using clerk_mcp::mcp::load_http_token;
using clerk_mcp::mcp::validate_http_options;

namespace {

constexpr const char* good_token = "s3cret-token-of-24-chars";

// A file in the temporary directory, removed when the test ends.
struct temp_file {
    explicit temp_file(const std::string& content)
        : path(std::filesystem::temp_directory_path() /
               ("clerk-mcp-http-token-" + std::to_string(std::rand()) + ".txt")) {
        std::ofstream(path) << content;
    }
    ~temp_file() { std::filesystem::remove(path); }
    std::filesystem::path path;
};

bool mentions(const std::optional<std::string>& problem, std::string_view text) {
    return problem && problem->find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_options_validation)

BOOST_AUTO_TEST_CASE(defaults_bind_loopback_and_are_valid) {
    http_options options;
    BOOST_TEST(options.host == "127.0.0.1");
    BOOST_TEST(options.path == "/mcp");
    BOOST_TEST(!validate_http_options(options).has_value());
}

BOOST_AUTO_TEST_CASE(loopback_addresses_need_no_flag_nor_token) {
    for (const char* host : {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
        BOOST_TEST_CONTEXT(host) {
            http_options options;
            options.host = host;
            BOOST_TEST(!validate_http_options(options).has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(non_loopback_bind_needs_the_flag_and_a_token) {
    http_options options;
    options.host = "0.0.0.0";
    BOOST_TEST(mentions(validate_http_options(options), "--allow-remote"));

    options.allow_non_loopback = true;
    BOOST_TEST(mentions(validate_http_options(options), "CLERK_MCP_HTTP_TOKEN"));

    options.bearer_token = good_token;
    BOOST_TEST(!validate_http_options(options).has_value());

    options.allow_non_loopback = false;
    BOOST_TEST(mentions(validate_http_options(options), "--allow-remote"));
}

BOOST_AUTO_TEST_CASE(weak_or_malformed_settings_are_refused) {
    http_options options;
    options.bearer_token = "short";
    BOOST_TEST(mentions(validate_http_options(options), "shorter than 16"));

    options = {};
    options.host = "not-an-address";
    BOOST_TEST(mentions(validate_http_options(options), "not an IP address"));

    options = {};
    options.path = "mcp";
    BOOST_TEST(mentions(validate_http_options(options), "--path"));

    options = {};
    options.threads = 0;
    BOOST_TEST(mentions(validate_http_options(options), "threads"));

    options = {};
    options.allowed_origins = {"app.example.com"};
    BOOST_TEST(mentions(validate_http_options(options), "allowed origin"));
}

BOOST_AUTO_TEST_CASE(token_comes_from_the_file_before_the_environment) {
    temp_file file(std::string(good_token) + "\n");
    auto token = load_http_token(file.path.string(), "from-the-environment-value");
    BOOST_REQUIRE(token.has_value());
    BOOST_TEST(*token == good_token);

    auto from_env = load_http_token("", "  from-the-environment-value ");
    BOOST_REQUIRE(from_env.has_value());
    BOOST_TEST(*from_env == "from-the-environment-value");

    auto none = load_http_token("", nullptr);
    BOOST_REQUIRE(none.has_value());
    BOOST_TEST(none->empty());
}

BOOST_AUTO_TEST_CASE(unusable_token_sources_are_errors) {
    BOOST_TEST(!load_http_token("/nonexistent/clerk-mcp-token", nullptr).has_value());
    BOOST_TEST(!load_http_token("", "").has_value());

    temp_file empty("\n\n");
    BOOST_TEST(!load_http_token(empty.path.string(), nullptr).has_value());

    temp_file two_words("two words");
    auto refused = load_http_token(two_words.path.string(), nullptr);
    BOOST_REQUIRE(!refused.has_value());
    // The message names the source, never the token itself.
    BOOST_TEST(refused.error().find("two words") == std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
