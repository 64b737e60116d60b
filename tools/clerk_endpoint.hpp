// Where the Clerk client sends requests, parsed once from the operator's base URL, and the checks
// that keep caller-supplied text from splitting a request line or header. Internal to the client
// (clerk_client*.cpp); no Beast types, so it is cheap to include.
#pragma once

#include <string>
#include <string_view>

namespace clerk_mcp::tools::detail {

// The parts of the base URL each step of a request needs.
struct clerk_origin {
    bool tls = true;
    bool host_is_ip = false;
    std::string host;         // for DNS, SNI and certificate checks; IPv6 without brackets
    std::string port;         // numeric
    std::string host_header;  // the `Host` header value
    std::string path_prefix;  // the base URL's path without a trailing '/', before "/v1"
    std::string display;      // scheme://host[:port], for messages
};

// `base_url` taken apart. Throws std::invalid_argument, quoting the URL, when it is not absolute,
// carries a user name, password, query or fragment, names no host, or uses a scheme other than
// https (or http to a loopback host). A URL with a password is not quoted.
clerk_origin parse_clerk_origin(const std::string& base_url);

// True when `value` holds no control character, so it cannot end or split a header line.
bool is_header_safe(std::string_view value);

// True when `target` starts with '/' and holds only the bytes a request target may hold after
// percent-encoding (RFC 9112, section 3.2): no space, control character or '#'.
bool is_target_safe(std::string_view target);

}  // namespace clerk_mcp::tools::detail
