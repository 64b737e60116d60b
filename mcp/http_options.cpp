#include "mcp/http_options.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <sstream>

#include <arpa/inet.h>

namespace clerk_mcp::mcp {
namespace {

enum class address_kind { invalid, loopback, other };

address_kind classify_address(const std::string& host) {
    if (host == "localhost") {
        return address_kind::loopback;
    }
    std::array<unsigned char, 16> bytes{};
    if (inet_pton(AF_INET, host.c_str(), bytes.data()) == 1) {
        // 127.0.0.0/8 is loopback (RFC 1122, section 3.2.1.3).
        return bytes[0] == 127 ? address_kind::loopback : address_kind::other;
    }
    if (inet_pton(AF_INET6, host.c_str(), bytes.data()) == 1) {
        constexpr std::array<unsigned char, 16> v6_loopback = {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        return bytes == v6_loopback ? address_kind::loopback : address_kind::other;
    }
    return address_kind::invalid;
}

bool is_visible_ascii(std::string_view text) {
    return std::all_of(
        text.begin(), text.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; });
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view space = " \t\r\n";
    auto first = text.find_first_not_of(space);
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

// Value and error are both strings: say which one is meant.
boost::system::result<std::string, std::string> token_value(std::string token) {
    return {boost::system::in_place_value, std::move(token)};
}

boost::system::result<std::string, std::string> token_error(std::string message) {
    return {boost::system::in_place_error, std::move(message)};
}

bool looks_like_origin(std::string_view origin) {
    for (std::string_view scheme : {"http://", "https://"}) {
        if (origin.substr(0, scheme.size()) == scheme) {
            std::string_view authority = origin.substr(scheme.size());
            return !authority.empty() && authority.find('/') == std::string_view::npos &&
                   is_visible_ascii(authority);
        }
    }
    return false;
}

}  // namespace

std::optional<std::string> validate_http_options(const http_options& options) {
    address_kind kind = classify_address(options.host);
    if (kind == address_kind::invalid) {
        return "--host '" + options.host + "' is not an IP address (or localhost)";
    }
    if (kind == address_kind::other) {
        // Off loopback, anyone who can reach the port could drive the Clerk tools with the
        // server's secret key: binding there is a deliberate act and needs a token.
        if (!options.allow_non_loopback) {
            return "--host " + options.host +
                   " is not a loopback address; add --allow-remote to listen there";
        }
        if (options.bearer_token.empty()) {
            return "listening on " + options.host +
                   " needs an inbound bearer token: set --http-token-file or "
                   "CLERK_MCP_HTTP_TOKEN";
        }
    }
    if (!options.bearer_token.empty()) {
        if (options.bearer_token.size() < http_limits::min_token_length) {
            return "the inbound bearer token is shorter than " +
                   std::to_string(http_limits::min_token_length) + " characters";
        }
        if (!is_visible_ascii(options.bearer_token)) {
            return "the inbound bearer token holds spaces or non-ASCII characters";
        }
    }
    if (options.path.empty() || options.path.front() != '/' || !is_visible_ascii(options.path) ||
        options.path.find('?') != std::string::npos) {
        return "--path '" + options.path + "' must start with '/' and hold no query or spaces";
    }
    if (options.threads < 1 || options.threads > 64) {
        return "the number of HTTP threads must be between 1 and 64";
    }
    for (const auto& host : options.allowed_hosts) {
        if (host.empty() || !is_visible_ascii(host) || host.find('/') != std::string::npos) {
            return "allowed host '" + host + "' must be a host name, optionally with :port";
        }
    }
    for (const auto& origin : options.allowed_origins) {
        if (!looks_like_origin(origin)) {
            return "allowed origin '" + origin + "' must look like https://host[:port]";
        }
    }
    return std::nullopt;
}

boost::system::result<std::string, std::string> load_http_token(const std::string& token_file,
                                                                const char* env_value) {
    std::string token;
    std::string source;
    if (!token_file.empty()) {
        std::ifstream in(token_file, std::ios::binary);
        if (!in) {
            return token_error("cannot read the token file " + token_file + ": " +
                               std::strerror(errno));
        }
        std::ostringstream content;
        content << in.rdbuf();
        token = std::string(trim(content.str()));
        source = "the token file " + token_file;
    } else if (env_value != nullptr) {
        token = std::string(trim(env_value));
        source = "CLERK_MCP_HTTP_TOKEN";
        if (token.empty()) {
            return token_error("CLERK_MCP_HTTP_TOKEN is set but empty");
        }
    } else {
        return token_value(std::string());
    }
    if (token.empty()) {
        return token_error(source + " is empty");
    }
    if (!is_visible_ascii(token)) {
        return token_error(source +
                           " holds spaces, line breaks or non-ASCII characters inside the token");
    }
    return token_value(std::move(token));
}

}  // namespace clerk_mcp::mcp
