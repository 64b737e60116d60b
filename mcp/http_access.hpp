// Who may talk to the HTTP transport: the Host and Origin allow-list that defeats DNS rebinding
// (MCP 2025-11-25 transports, "Security Warning"), and the optional inbound bearer token.
// Pure logic, no sockets: the transport asks it about each request before anything else runs.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace clerk_mcp::mcp {

class access_policy {
public:
    // `bound_port` is the port the transport listens on. The loopback names 127.0.0.1,
    // localhost and [::1] are always allowed, with that port or none. `extra_hosts` are further
    // Host values ("name" matches the name with any port; "name:port" only that port);
    // `extra_origins` are further Origin values ("https://app.example.com"), compared exactly
    // (case-insensitive). An empty `bearer_token` means no token is required.
    access_policy(std::uint16_t bound_port,
                  std::vector<std::string> extra_hosts,
                  std::vector<std::string> extra_origins,
                  std::string_view bearer_token);

    // True when `host` (the Host header value) names this server.
    bool host_allowed(std::string_view host) const;

    // True when `origin` (the Origin header value, when the request has one) may use this
    // server. A browser sends "null" for opaque origins; it is never allowed.
    bool origin_allowed(std::string_view origin) const;

    bool token_required() const { return token_required_; }

    // True when no token is required, or `authorization` (the Authorization header value) is
    // "Bearer <the token>". The comparison takes the same time whatever the header holds.
    bool authorized(std::string_view authorization) const;

private:
    bool loopback_authority_allowed(std::string_view authority) const;

    std::uint16_t bound_port_;
    std::vector<std::string> extra_hosts_;
    std::vector<std::string> extra_origins_;
    bool token_required_ = false;
    // SHA-256 of the token: comparing fixed-size digests hides the token's length too.
    std::array<unsigned char, 32> token_digest_{};
};

}  // namespace clerk_mcp::mcp
