#include "mcp/tool_wire.hpp"

#include <boost/json/serialize.hpp>

#include "mcp/protocol.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;

json::string_view key(std::string_view name) {
    return {name.data(), name.size()};
}

// `schema` widened so that a failed call's structuredContent, {"error": text, ...details} (see
// tool_result::error), validates against it too. Clients validate structuredContent against
// outputSchema whether or not isError is set (the TypeScript SDK 1.32 turns a mismatch into a
// -32602 that hides the tool's error text from the model), so the members a success requires
// become one branch of an anyOf and the error shape the other.
json::object with_error_shape(json::object schema) {
    json::value required;
    if (auto* found = schema.if_contains("required")) {
        required = std::move(*found);
        schema.erase("required");
    }
    if (required.is_array() && !required.get_array().empty()) {
        schema["anyOf"] = json::array{json::object{{"required", std::move(required)}},
                                      json::object{{"required", json::array{"error"}}}};
    }
    return schema;
}

}  // namespace

json::object tool_definition(const tool& t) {
    json::object definition;
    definition["name"] = t.name;
    if (!t.title.empty()) {
        definition["title"] = t.title;
    }
    definition["description"] = t.description;
    definition["inputSchema"] =
        t.input_schema.empty() ? json::object{{"type", "object"}} : t.input_schema;
    if (!t.output_schema.empty()) {
        definition["outputSchema"] = with_error_shape(t.output_schema);
    }

    // Every hint is explicit: a client fills a missing one with its most cautious default.
    definition["annotations"] = json::object{
        {"readOnlyHint", t.annotations.read_only},
        {"destructiveHint", t.annotations.destructive},
        {"idempotentHint", t.annotations.idempotent},
        {"openWorldHint", t.annotations.open_world},
    };
    return definition;
}

json::object call_tool_result(const tool_result& result, bool stateless) {
    json::object wire;
    if (stateless && result.input) {
        // MCP 2026-07-28, multi round-trip requests: at least one of the two members must be
        // present; each is left out when empty.
        wire["resultType"] = key(result_type::input_required);
        if (!result.input->input_requests.empty()) {
            wire["inputRequests"] = result.input->input_requests;
        }
        if (!result.input->request_state.empty()) {
            wire["requestState"] = result.input->request_state;
        }
        return wire;
    }

    json::object block;
    block["type"] = "text";
    if (!result.text.empty() || result.structured.is_null()) {
        block["text"] = result.text;
    } else {
        block["text"] = json::serialize(result.structured);
    }
    wire["content"] = json::array{std::move(block)};
    if (!result.structured.is_null()) {
        wire["structuredContent"] = result.structured;
    }
    wire["isError"] = result.is_error;
    if (stateless) {
        wire["resultType"] = key(result_type::complete);
    }
    return wire;
}

}  // namespace clerk_mcp::mcp
