// The names of the four tools, defined once: the server lists them, the instructions and error
// texts refer to them, and tests look them up.
#pragma once

#include <string_view>

namespace clerk_mcp::tools::name {
inline constexpr std::string_view list_tags = "list_tags";
inline constexpr std::string_view list_endpoints = "list_endpoints";
inline constexpr std::string_view describe_endpoint = "describe_endpoint";
inline constexpr std::string_view execute_request = "execute_request";
}  // namespace clerk_mcp::tools::name
