// Builds the four tools and owns what they share for the server's lifetime: the Clerk client
// behind its rate limiter, the confirmation store and the request validator.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "mcp/server.hpp"
#include "spec/catalog.hpp"
#include "tools/clerk_api_url.hpp"
#include "tools/clerk_client.hpp"
#include "tools/confirmation.hpp"
#include "tools/rate_limiter.hpp"
#include "tools/request_validator.hpp"
#include "tools/scopes.hpp"
#include "tools/secret.hpp"

namespace spdlog {
class logger;
}

namespace clerk_mcp::tools {

struct toolset_options {
    const spec::catalog* catalog = nullptr;  // must outlive the toolset
    scope_policy scopes{"", false};
    // The Clerk secret; without one, execute_request explains how to configure it.
    std::optional<clerk_secret> secret;
    std::string api_url{default_clerk_api_url};  // see clerk_api_url_from_environment
    std::string ca_file;                         // extra trusted CAs, for private proxies
    std::string user_agent = "clerk-mcp";
    std::chrono::seconds confirmation_ttl = std::chrono::minutes(5);
    // The whole budget of one execute_request call: rate-limit wait, connect, read and one GET
    // retry after a 429. Connect and read timeouts never exceed it.
    std::chrono::milliseconds request_timeout = std::chrono::seconds(30);
    std::shared_ptr<spdlog::logger> logger;
};

class toolset {
public:
    // Throws std::invalid_argument when the API URL or CA file is unusable (a startup error).
    explicit toolset(toolset_options options);
    ~toolset();

    // Adds list_tags, list_endpoints, describe_endpoint and execute_request, in that order.
    void register_with(mcp::server& server);

    // The `instructions` of initialize and server/discover: the workflow, the served versions,
    // what the operator allows (scopes, admin mode) and which instance the key reaches.
    std::string instructions() const;

private:
    toolset_options options_;
    std::unique_ptr<clerk_http_client> client_;
    std::unique_ptr<rate_limiter> limiter_;
    std::unique_ptr<rate_limited_transport> transport_;
    confirmation_store confirmations_;
    request_validator validator_;
};

}  // namespace clerk_mcp::tools
