// The MCP server: one dispatcher for every transport. It decodes a JSON-RPC message, runs the
// lifecycle (`initialize` for the 2025 revisions, per-request `_meta` for 2026-07-28), lists and
// calls tools, and encodes the answer. Transports only frame messages and hand them here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "mcp/session.hpp"
#include "mcp/tool.hpp"

namespace spdlog {
class logger;
}

namespace clerk_mcp::mcp {

struct server_info {
    std::string name;     // serverInfo.name, e.g. "clerk-mcp"
    std::string title;    // serverInfo.title
    std::string version;  // serverInfo.version
    // Returned by `initialize` and `server/discover`: how an agent should use the tools.
    std::string instructions;
};

// Where a message came from, for the rules that differ by transport.
struct request_origin {
    // The session of a 2025-era connection; null for a stateless (2026-07-28) HTTP request.
    session* sess = nullptr;

    // How to push a server-to-client request while this message is handled; empty when the
    // transport cannot (then elicitation falls back to the confirm-token round trip).
    message_sender push;
};

class server {
public:
    server(server_info info, std::shared_ptr<spdlog::logger> logger);

    // Adds a tool. Tools are listed in the order they were added. Not thread-safe: add every
    // tool before the first message is handled.
    void add_tool(tool t);

    // Handles one message text from a client and returns the reply text, or nothing for a
    // notification or a response. Never throws. Thread-safe.
    std::optional<std::string> handle(std::string_view message, const request_origin& origin);

    // The same, for a message that is already parsed.
    std::optional<boost::json::value> handle(const boost::json::value& message,
                                             const request_origin& origin);

    const server_info& info() const { return info_; }
    const std::vector<tool>& tools() const { return tools_; }

private:
    server_info info_;
    std::shared_ptr<spdlog::logger> logger_;
    std::vector<tool> tools_;
};

}  // namespace clerk_mcp::mcp
