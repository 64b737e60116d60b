#include "mcp/tool.hpp"

#include <utility>

namespace clerk_mcp::mcp {

bool call_context::client_can_elicit() const {
    // MCP 2025-11-25, client/elicitation: an empty `elicitation` object means form mode, for
    // compatibility with 2025-06-18; otherwise form mode must be named. URL mode alone does not
    // let the server ask for a confirmation through a form.
    const boost::json::value* elicitation = client_capabilities.if_contains("elicitation");
    if (elicitation == nullptr || !elicitation->is_object()) {
        return false;
    }
    const boost::json::object& modes = elicitation->get_object();
    return modes.empty() || modes.contains("form");
}

tool_result tool_result::error(std::string message, boost::json::object details) {
    tool_result result;
    boost::json::object structured;
    structured["error"] = message;
    for (auto& member : details) {
        structured[member.key()] = std::move(member.value());
    }
    result.structured = std::move(structured);
    result.text = std::move(message);
    result.is_error = true;
    return result;
}

}  // namespace clerk_mcp::mcp
