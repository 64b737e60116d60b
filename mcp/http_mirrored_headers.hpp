// The mirrored headers of MCP 2026-07-28 (streamable-http, "Standard Request Headers"): a
// stateless request repeats its protocol version, method and name from the body in the
// MCP-Protocol-Version, Mcp-Method and Mcp-Name headers, so that proxies can route on them
// without reading the body; the server refuses a request whose headers and body disagree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "mcp/http_router.hpp"

namespace clerk_mcp::mcp {

// Checks the headers `request` mirrors from `message`, its parsed body (streamable-http,
// "Server Validation"). `is_request` is false for a notification, which may omit Mcp-Method and
// Mcp-Name. Returns the 400 answer (code header_mismatch) when a header is missing, malformed
// or different; nothing when they agree.
std::optional<http_answer> check_mirrored_headers(const http_request_view& request,
                                                  const boost::json::value& message,
                                                  bool is_request);

// The value a mirrored header stands for: its text, or the decoded `=?base64?...?=` form
// (streamable-http, "Value Encoding"). Nothing when it holds other than visible ASCII, spaces
// and tabs, or its base64 form is malformed.
std::optional<std::string> mirrored_header_value(std::string_view raw);

}  // namespace clerk_mcp::mcp
