// What a request's `params._meta` says about the protocol (MCP 2026-07-28, `RequestMetaObject`):
// the revision the request is made under and the client's capabilities for it. The server reads
// it to choose the era of each request; the HTTP transport reads it to compare it with the
// `MCP-Protocol-Version` header.
#pragma once

#include <optional>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "mcp/jsonrpc.hpp"

namespace clerk_mcp::mcp {

// Returns the value of `params._meta["io.modelcontextprotocol/protocolVersion"]` in a JSON-RPC
// message, when the message is an object and that member is a string; nothing otherwise (a
// 2025-era message carries none). The view refers into `message`. Does not judge whether the
// revision is supported.
std::optional<std::string_view> requested_protocol_version(const boost::json::value& message);

// The same, given the `params` object of a decoded message (null when it has none).
std::optional<std::string_view> requested_protocol_version(const boost::json::object* params);

// The protocol facts of one stateless (2026-07-28) request. Views refer into the message.
struct request_meta {
    std::string_view protocol_version;
    // `io.modelcontextprotocol/clientCapabilities`; null when the client sent none, which the
    // server treats as an empty object (no optional capabilities).
    const boost::json::object* client_capabilities = nullptr;
};

// Reads the `_meta` of a request's `params` (null when it has none). Returns:
// - nothing, when `_meta` names no protocol revision, or names one negotiated at `initialize`
//   (2025-11-25, 2025-06-18, 2025-03-26): the request belongs to a session;
// - the meta, when it names a stateless revision (2026-07-28);
// - error -32022 with data {"supported": [...], "requested": "..."}, when it names a revision
//   this server does not speak;
// - error -32602, when `_meta`, the revision or the capabilities have the wrong JSON type.
boost::system::result<std::optional<request_meta>, jsonrpc::error> read_request_meta(
    const boost::json::object* params);

}  // namespace clerk_mcp::mcp
