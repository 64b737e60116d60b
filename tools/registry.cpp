#include "tools/registry.hpp"

#include "tools/discovery_tools.hpp"

namespace clerk_mcp::tools {

void register_tools(mcp::server& server, const tools_config& config) {
    server.add_tool(make_list_tags_tool(*config.catalog));
    server.add_tool(make_list_endpoints_tool(*config.catalog));
    server.add_tool(make_describe_endpoint_tool(*config.catalog));
}

std::string server_instructions(const spec::catalog& catalog, const scope_policy& scopes) {
    std::string text =
        "Clerk Backend API (BAPI) tools. Workflow: list_tags -> list_endpoints {tag} (or "
        "{query}) -> describe_endpoint {method, path} -> execute_request. Paths are the spec's "
        "templates (/users/{user_id}); put ids in path_params. Never guess parameter names: "
        "describe_endpoint lists them. Writes (POST, PUT, PATCH, DELETE) return a preview and a "
        "confirm_token first; show the preview to the user and repeat the identical call with "
        "the token only if they agree. BAPI version: " +
        catalog.latest() + " unless `version` is given.";
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
    return text;
}

}  // namespace clerk_mcp::tools
