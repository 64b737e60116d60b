// The base URL choice. CLERK_API_URL is what Clerk's current SDKs read; CLERK_REST_API_URL is
// accepted too because older Clerk tooling set that name, and an operator migrating a .env file
// should not have requests silently go to production instead.
#include "tools/clerk_api_url.hpp"

#include <cstdlib>

namespace clerk_mcp::tools {

namespace {

std::string_view env_value(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string_view{} : std::string_view(value);
}

}  // namespace

std::string choose_clerk_api_url(std::string_view clerk_api_url,
                                 std::string_view clerk_rest_api_url) {
    if (!clerk_api_url.empty()) {
        return std::string(clerk_api_url);
    }
    if (!clerk_rest_api_url.empty()) {
        return std::string(clerk_rest_api_url);
    }
    return std::string(default_clerk_api_url);
}

std::string clerk_api_url_from_environment() {
    return choose_clerk_api_url(env_value("CLERK_API_URL"), env_value("CLERK_REST_API_URL"));
}

}  // namespace clerk_mcp::tools
