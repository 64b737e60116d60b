// The MCP server: one dispatcher for every transport. It decodes a JSON-RPC message, runs the
// lifecycle (`initialize` for the 2025 revisions, per-request `_meta` for 2026-07-28), lists and
// calls tools, and encodes the answer. Transports only frame messages and hand them here.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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

// How long a tool may wait for the client to answer a server-to-client request (an elicitation
// the user must read and answer): long enough for a person, short enough that a client that
// never answers does not hold a worker forever.
inline constexpr std::chrono::milliseconds default_client_request_timeout = std::chrono::minutes(5);

// Which protocol era a message is handled in, decided per message.
//
// - 2026-07-28 (stateless): the request names the revision in `params._meta`; it needs no
//   `initialize` and no session, and every result carries `resultType`.
// - 2025-11-25, 2025-06-18, 2025-03-26 (session): the revision is negotiated by `initialize`;
//   requests other than `initialize`, `ping` and `server/discover` are refused until then.
class server {
public:
    // `logger` may be null: the server then logs nowhere.
    server(server_info info, std::shared_ptr<spdlog::logger> logger);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    // Adds a tool. Tools are listed in the order they were added. Not thread-safe: add every
    // tool before the first message is handled. Throws std::invalid_argument when another tool
    // already has this name (a startup error).
    void add_tool(tool t);

    // Sets how long `call_context::ask_client` waits for an answer (tests shorten it).
    // Not thread-safe: call before the first message is handled.
    void set_client_request_timeout(std::chrono::milliseconds timeout);

    // Handles one message text from a client and returns the reply text, or nothing for a
    // notification or a response (a response goes to `origin.sess`, whose waiting tool it
    // answers). Unreadable text gets an error reply with a null id. Never throws. Thread-safe.
    std::optional<std::string> handle(std::string_view message, const request_origin& origin);
    // Picks the text overload for a string literal, which could also become a JSON value.
    std::optional<std::string> handle(const char* message, const request_origin& origin) {
        return handle(std::string_view(message), origin);
    }

    // The same, for a message that is already parsed.
    std::optional<boost::json::value> handle(const boost::json::value& message,
                                             const request_origin& origin);

    // The same, for a message that is already parsed, answered as text. This is the fast path
    // for a transport that parses first (to route responses or check headers): cached results
    // such as `tools/list` are spliced in without being copied into a JSON value.
    std::optional<std::string> handle_parsed(const boost::json::value& message,
                                             const request_origin& origin);

    const server_info& info() const { return info_; }
    const std::vector<tool>& tools() const { return tools_; }
    // Never null.
    const std::shared_ptr<spdlog::logger>& logger() const { return logger_; }

private:
    struct request_scope;
    struct outcome;
    struct reply;
    using method_handler = outcome (server::*)(const request_scope&);
    using notification_handler = void (server::*)(const request_scope&);
    struct method_entry {
        method_handler handler = nullptr;
        // True when a 2025-era request needs a negotiated session first.
        bool needs_session = true;
    };

    template <typename Reply, typename Work>
    std::optional<Reply> guarded(Work&& work) const;
    std::optional<reply> dispatch(const boost::json::value& message, const request_origin& origin);
    outcome run_method(const method_entry& entry, const request_scope& scope);
    static std::string encode(const reply& r);
    static boost::json::value encode_value(const reply& r);
    void rebuild_caches();

    // Lifecycle and discovery (server.cpp).
    outcome on_initialize(const request_scope& scope);
    outcome on_ping(const request_scope& scope);
    outcome on_discover(const request_scope& scope);
    void on_initialized(const request_scope& scope);
    void on_cancelled(const request_scope& scope);

    // Tools (server_tools.cpp).
    outcome on_tools_list(const request_scope& scope);
    outcome on_tools_call(const request_scope& scope);
    call_context make_call_context(const request_scope& scope,
                                   const boost::json::object& params) const;
    tool_result run_tool(const tool& t,
                         const boost::json::object& arguments,
                         const call_context& ctx) const;

    server_info info_;
    std::shared_ptr<spdlog::logger> logger_;
    std::vector<tool> tools_;
    std::map<std::string, std::size_t, std::less<>> tool_index_;
    std::chrono::milliseconds client_request_timeout_ = default_client_request_timeout;
    std::unordered_map<std::string_view, method_entry> methods_;
    std::unordered_map<std::string_view, notification_handler> notifications_;
    std::string method_names_;  // "initialize, ping, ...", for the unknown-method error

    // Results that never change once the tools are added, serialized once (`rebuild_caches`).
    std::string tools_list_session_;    // tools/list, 2025 era
    std::string tools_list_stateless_;  // tools/list, 2026-07-28: with resultType and caching
    std::string discover_result_;       // server/discover
    std::string tool_names_;            // "a, b, c", for the unknown-tool error
};

}  // namespace clerk_mcp::mcp
