// Compact views of resolved OpenAPI schemas for describe_endpoint: the full request side a model
// needs to build a correct call, and a short field-and-type summary of response bodies.
#pragma once

#include <string>

#include <boost/json/value.hpp>

namespace clerk_mcp::tools {

// `schema` (already `$ref`-resolved) with only the keywords that constrain a request: type,
// format, enum, nullable, description, properties, required, items, additionalProperties,
// oneOf/anyOf/allOf, bounds, pattern, default. Examples and vendor extensions are dropped.
boost::json::value compact_schema(const boost::json::value& schema);

// A summary of `schema` for reading a response: objects become {field: summary}, arrays become
// [summary of items], scalars become a type string such as "string|null" or "enum(a|b)".
// Objects nested deeper than `depth` become "object".
boost::json::value summarize_schema(const boost::json::value& schema, int depth = 1);

// A one-line type string: "string", "integer", "array<string>", "string|null", "object".
std::string type_string(const boost::json::value& schema);

}  // namespace clerk_mcp::tools
