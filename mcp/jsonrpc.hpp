// The JSON-RPC 2.0 envelope codec shared by every transport: it turns a message text into a
// checked request, notification or response, and builds the result and error envelopes the
// server sends back. It knows JSON-RPC only; what a method means is the server's business.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace clerk_mcp::mcp::jsonrpc {

// The deepest nesting of arrays and objects a message may have. Boost.JSON's default (32) is
// close to what a tool's arguments can legitimately need once a request body is nested inside
// them; 64 leaves room and still bounds the parser's stack.
inline constexpr std::size_t max_nesting_depth = 64;

// A JSON-RPC error object. `message` says what went wrong and what to do about it.
struct error {
    int code = 0;
    std::string message;
    // Extra detail for the client; omitted from the wire when null.
    boost::json::value data;
};

enum class message_kind {
    request,       // has `method` and `id`: must be answered
    notification,  // has `method`, no `id`: never answered
    response,      // has `result` or `error` and `id`: answers a request we sent
};

// A checked message. Every pointer and view refers into the `boost::json::value` it was decoded
// from, which must outlive it.
struct message {
    message_kind kind = message_kind::request;
    // The id of a request or response (a string or an integer); null for a notification.
    const boost::json::value* id = nullptr;
    // The method of a request or notification; empty for a response.
    std::string_view method;
    // `params`, when present (always an object).
    const boost::json::object* params = nullptr;
    // Exactly one of these is set for a response.
    const boost::json::value* result = nullptr;
    const boost::json::object* error = nullptr;
};

// Why a message was refused, and how to answer it.
struct rejection {
    jsonrpc::error error;
    // The id to answer with: the message's own id when it could be read, null otherwise.
    boost::json::value id;
    // False for a malformed response: JSON-RPC never answers a response, so the transport only
    // logs it. True otherwise, even when the message looked like a notification, because the
    // specification answers an invalid request with a null id.
    bool answer = true;
};

// Returns the offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or npos when `text` is valid. Messages must be UTF-8;
// the parser uses it to say whether a client's encoding or its JSON is at fault, and tools use
// it before quoting bytes that came from elsewhere.
std::size_t first_invalid_utf8(std::string_view text);

// Parses one message text into a JSON value whose memory comes from `storage` (the default
// resource when null). Fails with -32700 when the text is not JSON, saying so specifically when
// the cause is invalid UTF-8, and with -32600 when the text is a JSON array (a batch: MCP
// dropped batching in 2025-06-18, so this server does not support it). Never throws except
// std::bad_alloc.
boost::system::result<boost::json::value, rejection> parse(std::string_view text,
                                                           boost::json::storage_ptr storage = {});

// Checks that `value` is a JSON-RPC 2.0 message this server can read: an object with
// "jsonrpc": "2.0", an id that is a string or an integer (never null), a string `method`, and
// `params` that is an object or absent; or a response carrying exactly one of `result` and
// `error`. Fails with -32600 (-32602 for non-object params) and the id to answer with.
boost::system::result<message, rejection> decode(const boost::json::value& value);

// Builds an error with `code` and `message` and, when not null, `data`.
error make_error(int code, std::string message, boost::json::value data = nullptr);

// The text of a success response: {"jsonrpc":"2.0","id":ID,"result":RESULT}.
std::string encode_result(const boost::json::value& id, const boost::json::value& result);

// The same, for a result that is already serialized JSON (a cached payload): the text is spliced
// in unchanged, so it must be one valid JSON object.
std::string encode_raw_result(const boost::json::value& id, std::string_view result_json);

// The text of an error response; `id` is null when the message's id could not be read.
std::string encode_error(const boost::json::value& id, const error& err);

// The text of a request from this side: {"jsonrpc":"2.0","id":ID,"method":M,"params":P}.
std::string encode_request(const boost::json::value& id,
                           std::string_view method,
                           const boost::json::object& params);

// The same envelopes as JSON values, for transports that hold values rather than text.
boost::json::value make_result_value(const boost::json::value& id, boost::json::value result);
boost::json::value make_error_value(const boost::json::value& id, const error& err);

// A short printable form of an id for logs: 7, "abc", or null.
std::string describe_id(const boost::json::value& id);

}  // namespace clerk_mcp::mcp::jsonrpc
