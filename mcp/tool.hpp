// The tool interface of the MCP server: what a tool declares (name, schemas, annotations) and
// the handler the server calls. The server knows tools only through this header; concrete tools
// live in tools/ and are registered by main.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace clerk_mcp::mcp {

// The four behaviour hints of MCP's ToolAnnotations. Every tool sets all four explicitly,
// because clients assume the most cautious value for a missing hint.
struct tool_annotations {
    bool read_only = false;
    bool destructive = true;
    bool idempotent = false;
    bool open_world = true;
};

// Sends one request to the client and waits for its answer (for example `elicitation/create`).
// Returns the client's `result` object, or a message saying why there is none (the client
// answered with an error, the wait timed out, the connection closed).
using client_requester = std::function<boost::system::result<boost::json::value, std::string>(
    std::string_view method, boost::json::object params)>;

// What the server knows about the call being handled. Built by the server for each call.
struct call_context {
    // The protocol revision in force for this call: negotiated at `initialize` (2025 revisions)
    // or read from the request's `_meta` (2026-07-28).
    std::string protocol_version;

    // The capabilities the client declared (at `initialize`, or in this request's `_meta`).
    boost::json::object client_capabilities;

    // Multi-round-trip requests (2026-07-28): the answers the client sent to the input requests
    // of an earlier `input_required` result, and the `requestState` it echoed. Empty when this is
    // a first round.
    boost::json::object input_responses;
    std::string request_state;

    // Set when the transport can carry a server-to-client request during this call (a 2025-era
    // stdio session, or an HTTP POST answered as an SSE stream); empty otherwise.
    client_requester ask_client;

    // True when the client declared `capabilities.elicitation` (form mode).
    bool client_can_elicit() const;
};

// What a tool handler returns. Tool failures are results with `is_error` set, never exceptions
// or protocol errors, so that the model can read them and act.
struct tool_result {
    // `structuredContent`: an object matching the tool's output schema (on success), or an
    // object describing the failure (on error).
    boost::json::value structured;

    // The `text` content block. When empty, the server renders `structured` as compact JSON.
    std::string text;

    bool is_error = false;

    // Multi-round-trip (2026-07-28): when set, the result is sent with
    // `resultType: "input_required"`, carrying these input requests and the opaque state the
    // client must echo on its retry.
    struct input_required {
        boost::json::object input_requests;
        std::string request_state;
    };
    std::optional<input_required> input;

    // An error result whose text is `message`; `structured` gets {"error": message} plus the
    // members of `details`, when given.
    static tool_result error(std::string message, boost::json::object details = {});
};

// The handler of one tool. It may be called from several threads at once. It must not throw on
// ordinary failures; an exception that escapes anyway is logged by the server and turned into a
// generic error result.
using tool_handler =
    std::function<tool_result(const boost::json::object& arguments, const call_context& ctx)>;

struct tool {
    std::string name;
    std::string title;
    std::string description;
    boost::json::object input_schema;
    boost::json::object output_schema;
    tool_annotations annotations;
    tool_handler handler;
};

}  // namespace clerk_mcp::mcp
