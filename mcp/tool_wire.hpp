// How tools and their results look on the wire: the `Tool` objects of `tools/list` and the
// `CallToolResult` (or 2026-07-28 `InputRequiredResult`) of `tools/call`.
#pragma once

#include <boost/json/object.hpp>

#include "mcp/tool.hpp"

namespace clerk_mcp::mcp {

// The `Tool` object of `t`: name, title (when set), description, inputSchema (an empty schema
// becomes {"type": "object"}, which the specification requires), outputSchema (when set), and
// annotations with all four hints spelled out. The outputSchema is `t.output_schema` (which
// describes a success) widened to admit the error shape of tool_result::error as well: the
// success's `required` list moves into `anyOf: [{required: [...]}, {required: ["error"]}]`.
boost::json::object tool_definition(const tool& t);

// The result object of a `tools/call` answered with `result`.
// - A finished result: `content` holds one text block (`result.text`, or `structured` rendered
//   as compact JSON when the text is empty), `structuredContent` holds `structured` when it is
//   not null, and `isError` is always present.
// - When `stateless` (2026-07-28), the result also carries `resultType`: "complete", or
//   "input_required" with `inputRequests` and `requestState` when `result.input` is set.
// A result with `input` set in a 2025-era call cannot be expressed; the caller must not pass one.
boost::json::object call_tool_result(const tool_result& result, bool stateless);

}  // namespace clerk_mcp::mcp
