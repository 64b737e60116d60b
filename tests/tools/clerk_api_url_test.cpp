#include "tools/clerk_api_url.hpp"

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <boost/test/unit_test.hpp>

using namespace clerk_mcp::tools;

namespace {

// Sets (or, with nothing, unsets) an environment variable for one scope and restores it after,
// so the suite leaves the process as it found it.
class scoped_env {
public:
    scoped_env(const char* name, std::optional<std::string> value) : name_(name) {
        if (const char* old = std::getenv(name)) {
            old_ = old;
        }
        set(value);
    }
    ~scoped_env() { set(old_); }
    scoped_env(const scoped_env&) = delete;
    scoped_env& operator=(const scoped_env&) = delete;

private:
    void set(const std::optional<std::string>& value) {
        if (value) {
            ::setenv(name_, value->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }

    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(clerk_api_url)

BOOST_AUTO_TEST_CASE(clerk_api_url_wins_then_rest_api_url_then_clerks_own) {
    struct row {
        const char* api_url;
        const char* rest_api_url;
        const char* expected;
    };
    const std::vector<row> rows = {
        {"", "", "https://api.clerk.com"},
        {"http://127.0.0.1:4010", "", "http://127.0.0.1:4010"},
        {"", "https://rest.example.test", "https://rest.example.test"},
        {"http://127.0.0.1:4010", "https://rest.example.test", "http://127.0.0.1:4010"},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT("CLERK_API_URL='" << r.api_url << "' CLERK_REST_API_URL='"
                                             << r.rest_api_url << "'") {
            BOOST_TEST(choose_clerk_api_url(r.api_url, r.rest_api_url) == r.expected);
        }
    }
    BOOST_TEST(default_clerk_api_url == "https://api.clerk.com");
}

BOOST_AUTO_TEST_CASE(environment_is_read_and_empty_variables_count_as_unset) {
    using value = std::optional<std::string>;
    struct row {
        value api_url;
        value rest_api_url;
        const char* expected;
    };
    const std::vector<row> rows = {
        {std::nullopt, std::nullopt, "https://api.clerk.com"},
        {"", "", "https://api.clerk.com"},
        {std::nullopt, "http://localhost:4011", "http://localhost:4011"},
        {"", "http://localhost:4011", "http://localhost:4011"},
        {"http://[::1]:4010/prefix", "http://localhost:4011", "http://[::1]:4010/prefix"},
        {"http://[::1]:4010", std::nullopt, "http://[::1]:4010"},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT("CLERK_API_URL=" << r.api_url.value_or("<unset>")
                                            << " CLERK_REST_API_URL="
                                            << r.rest_api_url.value_or("<unset>")) {
            scoped_env api("CLERK_API_URL", r.api_url);
            scoped_env rest("CLERK_REST_API_URL", r.rest_api_url);
            BOOST_TEST(clerk_api_url_from_environment() == r.expected);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
