// Every MCP wire string in one place: method names, protocol revisions and JSON-RPC error codes.
#pragma once

#include <array>
#include <string_view>

namespace clerk_mcp::mcp {

// Protocol revisions, newest first. 2026-07-28 is stateless (no `initialize`; each request
// carries its revision in `_meta`); the others negotiate once at `initialize`.
inline constexpr std::string_view revision_2026_07_28 = "2026-07-28";
inline constexpr std::string_view revision_2025_11_25 = "2025-11-25";
inline constexpr std::string_view revision_2025_06_18 = "2025-06-18";
inline constexpr std::string_view revision_2025_03_26 = "2025-03-26";
inline constexpr std::array<std::string_view, 3> session_revisions = {
    revision_2025_11_25, revision_2025_06_18, revision_2025_03_26};
// The revisions a request may name in its `_meta` and be served without a session.
inline constexpr std::array<std::string_view, 1> stateless_revisions = {revision_2026_07_28};
// Every revision this server speaks, newest first: `server/discover` advertises this list, and
// an unsupported-version error returns it so the client can pick one.
inline constexpr std::array<std::string_view, 4> all_revisions = {
    revision_2026_07_28, revision_2025_11_25, revision_2025_06_18, revision_2025_03_26};

// True when `version` is one of `session_revisions` (negotiated at `initialize`).
constexpr bool is_session_revision(std::string_view version) {
    for (std::string_view known : session_revisions) {
        if (known == version) {
            return true;
        }
    }
    return false;
}

// True when `version` is one of `stateless_revisions` (carried in each request's `_meta`).
constexpr bool is_stateless_revision(std::string_view version) {
    for (std::string_view known : stateless_revisions) {
        if (known == version) {
            return true;
        }
    }
    return false;
}

// Reserved `_meta` keys (2026-07-28, schema `RequestMetaObject` and `ResultMetaObject`).
namespace meta_key {
inline constexpr std::string_view protocol_version = "io.modelcontextprotocol/protocolVersion";
inline constexpr std::string_view client_capabilities =
    "io.modelcontextprotocol/clientCapabilities";
inline constexpr std::string_view client_info = "io.modelcontextprotocol/clientInfo";
inline constexpr std::string_view server_info = "io.modelcontextprotocol/serverInfo";
}  // namespace meta_key

// `resultType` values (2026-07-28): every result carries one.
namespace result_type {
inline constexpr std::string_view complete = "complete";
inline constexpr std::string_view input_required = "input_required";
}  // namespace result_type

namespace method {
inline constexpr std::string_view initialize = "initialize";
inline constexpr std::string_view initialized = "notifications/initialized";
inline constexpr std::string_view cancelled = "notifications/cancelled";
inline constexpr std::string_view ping = "ping";
inline constexpr std::string_view tools_list = "tools/list";
inline constexpr std::string_view tools_call = "tools/call";
inline constexpr std::string_view server_discover = "server/discover";
inline constexpr std::string_view elicitation_create = "elicitation/create";
}  // namespace method

// The caching hints of `server/discover` and `tools/list` (2026-07-28, `CacheableResult`). The
// tool set is fixed for the life of the process and holds nothing specific to a user, so a
// client or a shared proxy may keep the answer for an hour; a restart with another build is the
// only change, and an hour of staleness then costs one failed call at worst.
inline constexpr long long list_cache_ttl_ms = 3'600'000;
inline constexpr std::string_view list_cache_scope = "public";

// JSON-RPC 2.0 error codes (section 5.1), plus the MCP-specific ones.
namespace error_code {
// The message text is not JSON.
inline constexpr int parse_error = -32700;
// JSON, but not a request object: a batch array, a missing "jsonrpc":"2.0", a bad id type.
inline constexpr int invalid_request = -32600;
// The method is not one this server serves (or not in the negotiated revision).
inline constexpr int method_not_found = -32601;
// The method is known but its params are wrong, or `tools/call` names an unknown tool.
inline constexpr int invalid_params = -32602;
// Anything unexpected inside the server; the client gets a generic text, the log the detail.
inline constexpr int internal_error = -32603;
// 2026-07-28: the MCP-Protocol-Version header and the request's `_meta` disagree.
inline constexpr int header_mismatch = -32020;
// 2026-07-28: the request needs a client capability its `_meta` did not declare.
inline constexpr int missing_client_capability = -32021;
// 2026-07-28: the request asks for a protocol revision this server does not serve.
inline constexpr int unsupported_protocol_version = -32022;
}  // namespace error_code

}  // namespace clerk_mcp::mcp
