// Builds the four tools and the server instructions that teach an agent how to use them.
#pragma once

#include <memory>
#include <string>

#include "mcp/server.hpp"
#include "spec/catalog.hpp"
#include "tools/scopes.hpp"

namespace clerk_mcp::tools {

struct tools_config {
    const spec::catalog* catalog = nullptr;  // must outlive the server
    scope_policy scopes{"", false};
};

// Adds list_tags, list_endpoints, describe_endpoint (and execute_request) to `server`, in
// that order.
void register_tools(mcp::server& server, const tools_config& config);

// The `instructions` returned by initialize: the workflow, the served versions, and what the
// operator allows (scopes, admin mode).
std::string server_instructions(const spec::catalog& catalog, const scope_policy& scopes);

}  // namespace clerk_mcp::tools
