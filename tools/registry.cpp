#include "tools/registry.hpp"

#include <algorithm>

#include "tools/discovery_tools.hpp"
#include "tools/execute_request.hpp"

namespace clerk_mcp::tools {

toolset::toolset(toolset_options options)
    : options_(std::move(options)), confirmations_(options_.confirmation_ttl) {
    if (!options_.secret) {
        return;
    }
    client_config config;
    config.base_url = options_.api_url;
    config.secret_key = options_.secret->key;
    config.ca_file = options_.ca_file;
    config.ca_file_setting = "--ca-file (or CLERK_MCP_CA_FILE)";
    config.user_agent = options_.user_agent;
    config.connect_timeout = std::min(config.connect_timeout, options_.request_timeout);
    config.read_timeout = std::min(config.read_timeout, options_.request_timeout);
    client_ = std::make_unique<clerk_http_client>(std::move(config), options_.logger);
    limiter_ = std::make_unique<rate_limiter>(rate_limit_for_key(options_.secret->key));
    transport_ = std::make_unique<rate_limited_transport>(*client_, *limiter_);
}

toolset::~toolset() = default;

void toolset::register_with(mcp::server& server) {
    server.add_tool(make_list_tags_tool(*options_.catalog));
    server.add_tool(make_list_endpoints_tool(*options_.catalog));
    server.add_tool(make_describe_endpoint_tool(*options_.catalog));
    server.add_tool(make_execute_request_tool(
        {.catalog = options_.catalog,
         .scopes = options_.scopes,
         .instance = options_.secret ? kind_of_key(options_.secret->key) : instance_kind::unknown,
         .transport = transport_.get(),
         .confirmations = &confirmations_,
         .validator = &validator_,
         .budget = options_.request_timeout}));
}

std::string toolset::instructions() const {
    const auto& catalog = *options_.catalog;
    const auto& scopes = options_.scopes;
    std::string text =
        "Clerk Backend API (BAPI) tools. Workflow: list_tags -> list_endpoints {tag} (or "
        "{query}) -> describe_endpoint {method, path} -> execute_request. Paths are the spec's "
        "templates (/users/{user_id}); put ids in path_params. Never guess parameter names: "
        "describe_endpoint lists them. Writes (POST, PUT, PATCH, DELETE) return a preview and a "
        "confirm_token first; show the preview to the user and repeat the identical call with "
        "the token only if they agree. BAPI version: " +
        catalog.latest() + " (the latest) unless `version` names another of:";
    for (const auto& v : catalog.versions()) {
        text += " " + v;
    }
    text += ".";
    if (scopes.admin()) {
        text +=
            " ADMIN MODE: the operator lifted the scope check; every write still needs "
            "confirmation.";
    } else if (scopes.granted().empty()) {
        text += " Scopes: none granted, so only GET requests can be executed.";
    } else {
        text += " Scopes granted:";
        for (const auto& s : scopes.granted()) {
            text += " " + s;
        }
        text += ".";
    }
    text += options_.secret
                ? " Requests reach a " + describe_instance(kind_of_key(options_.secret->key)) + "."
                : " No secret key is configured: execute_request cannot send "
                  "requests until the operator sets CLERK_SECRET_KEY.";
    return text;
}

}  // namespace clerk_mcp::tools
