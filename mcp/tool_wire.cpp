#include "mcp/tool_wire.hpp"

#include <boost/json/serialize.hpp>

#include "mcp/protocol.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;

json::string_view key(std::string_view name) {
    return {name.data(), name.size()};
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
        definition["outputSchema"] = t.output_schema;
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
