// The server's private request types, shared by server.cpp (lifecycle and dispatch) and
// server_tools.cpp (tools/list and tools/call). Not part of the public interface.
#pragma once

#include <optional>
#include <string_view>

#include <boost/json/value.hpp>

#include "mcp/jsonrpc.hpp"
#include "mcp/request_meta.hpp"
#include "mcp/server.hpp"

namespace clerk_mcp::mcp {

// One message being handled: the decoded envelope, where it came from, and its era.
struct server::request_scope {
    const jsonrpc::message& message;
    const request_origin& origin;
    // Set for a stateless (2026-07-28) request; empty for a 2025-era one.
    std::optional<request_meta> meta;

    bool stateless() const { return meta.has_value(); }
};

// What a method handler produces: a result value, a cached serialized result, or an error.
struct server::outcome {
    boost::json::value result;
    // A serialized result owned by the server (a cache); used instead of `result` when set.
    std::string_view raw;
    std::optional<jsonrpc::error> error;
    // Extra `key=value` fields for the request's debug line (tools/call names its tool).
    std::string log_fields;

    static outcome value(boost::json::value v) {
        outcome o;
        o.result = std::move(v);
        return o;
    }
    static outcome cached(std::string_view serialized) {
        outcome o;
        o.raw = serialized;
        return o;
    }
    static outcome failure(int code, std::string text, boost::json::value data = nullptr) {
        outcome o;
        o.error = jsonrpc::make_error(code, std::move(text), std::move(data));
        return o;
    }
    static outcome failure(jsonrpc::error err) {
        outcome o;
        o.error = std::move(err);
        return o;
    }
};

// The answer to one request: its id (owned, in the default resource) and its outcome.
struct server::reply {
    boost::json::value id;
    outcome body;
};

}  // namespace clerk_mcp::mcp
