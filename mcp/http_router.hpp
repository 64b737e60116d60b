// The MCP rules of the Streamable HTTP transport, apart from sockets: which protocol era a
// request belongs to, the session and header checks of each era, whether the answer is JSON or
// an SSE stream, and the HTTP status of each outcome.
//
// Both eras share one endpoint and are told apart per request:
// - 2026-07-28 (stateless): the body's `_meta` carries `io.modelcontextprotocol/protocolVersion`
//   (or the MCP-Protocol-Version header names 2026-07-28). No session; the MCP-Protocol-Version,
//   Mcp-Method and Mcp-Name headers must mirror the body, else 400 with -32020.
// - 2025-11-25, 2025-06-18, 2025-03-26: `initialize` issues an Mcp-Session-Id that every later
//   request must carry (400 without it, 404 when unknown); GET opens a stream, DELETE ends it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json/value.hpp>

#include "mcp/http_sessions.hpp"
#include "mcp/server.hpp"

namespace clerk_mcp::mcp {

// The parts of one HTTP request the MCP rules read; views into the transport's buffers.
struct http_request_view {
    std::string_view method;  // "POST", "GET", "DELETE", ...
    std::optional<std::string_view> accept;
    std::optional<std::string_view> content_type;
    std::optional<std::string_view> session_id;        // Mcp-Session-Id
    std::optional<std::string_view> protocol_version;  // MCP-Protocol-Version
    std::optional<std::string_view> mcp_method;        // Mcp-Method
    std::optional<std::string_view> mcp_name;          // Mcp-Name
    std::string_view body;
};

// The media types a client's Accept header admits for the answer.
struct accepted_media {
    bool json = true;
    bool sse = true;
};

// A complete HTTP answer: status, extra headers and a body (JSON text, or empty).
struct http_answer {
    unsigned status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;  // sent as application/json when not empty
};

// A JSON-RPC message for the dispatcher, with what the transport needs to carry it out.
struct mcp_call {
    boost::json::value message;
    std::string rpc_method;         // for the log
    std::shared_ptr<session> sess;  // null for a stateless request and for `initialize`
    bool is_initialize = false;     // a session is made for it and registered on success
    bool is_request = true;         // false for a notification (answered 202, no body)
    bool stateless = false;         // 2026-07-28
    bool as_sse = false;            // answer as a text/event-stream
    bool off_io_thread = false;     // may block (a tool call): run it on the worker pool
};

// A GET that opens the server-to-client SSE stream of a session.
struct open_stream {
    std::shared_ptr<session> sess;
    std::string session_id;
};

using route = std::variant<http_answer, mcp_call, open_stream>;

class http_router {
public:
    // `srv` and `sessions` must outlive the router.
    http_router(server& srv, http_session_store& sessions);

    // Applies the transport rules to a request that already passed the path, Host, Origin and
    // token checks. Returns the answer when the rules settle it, or the work to do. Thread-safe.
    route classify(const http_request_view& request);

    // Runs `call` through the dispatcher and returns its reply text (nothing for a
    // notification). `push` delivers server-to-client requests on the answer's stream (empty
    // when the answer is plain JSON). May block: see `mcp_call::off_io_thread`.
    std::optional<std::string> run(mcp_call& call, message_sender push);

    // The HTTP answer for `call` given the dispatcher's `reply`: 202 without a reply, else the
    // status by era and error code, and for a successful `initialize` the new Mcp-Session-Id
    // (the session is registered here).
    http_answer finish(mcp_call& call, std::optional<std::string> reply);

private:
    route classify_post(const http_request_view& request);
    route classify_stateless(const http_request_view& request,
                             accepted_media accept,
                             boost::json::value message);
    route classify_session(const http_request_view& request,
                           accepted_media accept,
                           boost::json::value message);
    route classify_get(const http_request_view& request);
    route classify_delete(const http_request_view& request);

    server& server_;
    http_session_store& sessions_;
};

// A JSON-RPC error response as text; `id` is null when the request's id is unknown.
std::string jsonrpc_error_text(const boost::json::value& id,
                               int code,
                               std::string_view message,
                               boost::json::value data = nullptr);

}  // namespace clerk_mcp::mcp
