// The three read-only tools that let a model explore the BAPI spec without reading it whole:
// list_tags, list_endpoints and describe_endpoint.
#pragma once

#include "mcp/tool.hpp"
#include "spec/catalog.hpp"

namespace clerk_mcp::tools {

// Each returned tool keeps a reference to `catalog`, which must outlive it.
mcp::tool make_list_tags_tool(const spec::catalog& catalog);
mcp::tool make_list_endpoints_tool(const spec::catalog& catalog);
mcp::tool make_describe_endpoint_tool(const spec::catalog& catalog);

// The JSON Schema of the optional `version` argument every tool takes, naming the served
// versions and the default.
boost::json::object version_schema(const spec::catalog& catalog);

// Annotations of a tool that only reads the local spec.
mcp::tool_annotations spec_reader_annotations();

}  // namespace clerk_mcp::tools
