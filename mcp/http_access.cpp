#include "mcp/http_access.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "mcp/http_text.hpp"

namespace clerk_mcp::mcp {
namespace {

constexpr std::array<std::string_view, 3> loopback_names = {"127.0.0.1", "localhost", "[::1]"};

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// An authority ("name", "name:port", "[v6]", "[v6]:port") split into its name and port text.
struct authority_parts {
    std::string_view name;
    std::string_view port;  // empty when absent
};

std::optional<authority_parts> split_authority(std::string_view authority) {
    if (authority.empty()) {
        return std::nullopt;
    }
    std::size_t name_end = 0;
    if (authority.front() == '[') {
        name_end = authority.find(']');
        if (name_end == std::string_view::npos) {
            return std::nullopt;
        }
        ++name_end;
    } else {
        name_end = authority.find(':');
        if (name_end == std::string_view::npos) {
            name_end = authority.size();
        }
    }
    authority_parts parts{authority.substr(0, name_end), {}};
    std::string_view rest = authority.substr(name_end);
    if (!rest.empty()) {
        if (rest.front() != ':') {
            return std::nullopt;
        }
        parts.port = rest.substr(1);
    }
    return parts;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value > 65535) {
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(value);
}

std::array<unsigned char, 32> sha256(std::string_view data) {
    std::array<unsigned char, 32> digest{};
    unsigned int size = 0;
    EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
    return digest;
}

}  // namespace

access_policy::access_policy(std::uint16_t bound_port,
                             std::vector<std::string> extra_hosts,
                             std::vector<std::string> extra_origins,
                             std::string_view bearer_token)
    : bound_port_(bound_port),
      extra_hosts_(std::move(extra_hosts)),
      extra_origins_(std::move(extra_origins)),
      token_required_(!bearer_token.empty()) {
    if (token_required_) {
        token_digest_ = sha256(bearer_token);
    }
}

bool access_policy::loopback_authority_allowed(std::string_view authority) const {
    auto parts = split_authority(authority);
    if (!parts) {
        return false;
    }
    bool loopback = std::any_of(loopback_names.begin(), loopback_names.end(), [&](auto name) {
        return http_text::iequals(name, parts->name);
    });
    return loopback && (parts->port.empty() || parse_port(parts->port) == bound_port_);
}

bool access_policy::host_allowed(std::string_view host) const {
    host = trim(host);
    if (loopback_authority_allowed(host)) {
        return true;
    }
    auto parts = split_authority(host);
    if (!parts) {
        return false;
    }
    // "name" allows the name on any port (a reverse proxy may drop or change it);
    // "name:port" allows exactly that.
    return std::any_of(extra_hosts_.begin(), extra_hosts_.end(), [&](const std::string& entry) {
        return http_text::iequals(entry, host) || http_text::iequals(entry, parts->name);
    });
}

bool access_policy::origin_allowed(std::string_view origin) const {
    origin = trim(origin);
    if (std::any_of(extra_origins_.begin(), extra_origins_.end(), [&](const std::string& entry) {
            return http_text::iequals(entry, origin);
        })) {
        return true;
    }
    for (std::string_view scheme : {"http://", "https://"}) {
        if (http_text::istarts_with(origin, scheme)) {
            return loopback_authority_allowed(origin.substr(scheme.size()));
        }
    }
    return false;
}

bool access_policy::authorized(std::string_view authorization) const {
    if (!token_required_) {
        return true;
    }
    authorization = trim(authorization);
    constexpr std::string_view scheme = "bearer ";
    if (!http_text::istarts_with(authorization, scheme)) {
        return false;
    }
    auto presented = sha256(trim(authorization.substr(scheme.size())));
    return CRYPTO_memcmp(presented.data(), token_digest_.data(), token_digest_.size()) == 0;
}

}  // namespace clerk_mcp::mcp
