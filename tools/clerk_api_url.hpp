// Where execute_request sends requests: the base URL the operator names in the environment, or
// Clerk's own. The client (clerk_client.hpp) validates whatever is chosen.
#pragma once

#include <string>
#include <string_view>

namespace clerk_mcp::tools {

// Clerk's Backend API, used when the environment names no other base URL.
inline constexpr std::string_view default_clerk_api_url = "https://api.clerk.com";

// The base URL to use: `clerk_api_url` (the value of CLERK_API_URL) when not empty, else
// `clerk_rest_api_url` (CLERK_REST_API_URL, the name older Clerk tooling uses) when not empty,
// else default_clerk_api_url. An empty value stands for an unset variable. Values are returned
// as given, unchecked.
std::string choose_clerk_api_url(std::string_view clerk_api_url,
                                 std::string_view clerk_rest_api_url);

// choose_clerk_api_url over this process's environment; a variable set to the empty string
// counts as unset. Reads the environment, so it is not safe to call while another thread
// changes it.
std::string clerk_api_url_from_environment();

}  // namespace clerk_mcp::tools
