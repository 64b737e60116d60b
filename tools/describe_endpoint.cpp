// describe_endpoint: one operation, with every `$ref` resolved, in a form compact enough to read
// and complete enough to build a correct request from.
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "tools/arguments.hpp"
#include "tools/describe_text.hpp"
#include "tools/describe_view.hpp"
#include "tools/discovery_tools.hpp"
#include "tools/endpoint_lookup.hpp"
#include "tools/tool_names.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

mcp::tool_result describe_endpoint(const spec::catalog& catalog, const json::object& args) {
    if (auto bad = reject_unknown_arguments(
            args,
            {"method", "path", "operation_id", "version", "expand_responses"},
            name::describe_endpoint)) {
        return *bad;
    }
    auto doc = document_for(catalog, args);
    if (!doc) {
        return doc.error();
    }
    auto expand = optional_bool(args, "expand_responses", false);
    if (!expand) {
        return expand.error();
    }
    auto op = find_operation(**doc, args);
    if (!op) {
        return op.error();
    }

    mcp::tool_result result;
    result.structured = describe_operation(**doc, **op, *expand);
    result.text = render_operation_text(result.structured.get_object());
    return result;
}

}  // namespace

mcp::tool make_describe_endpoint_tool(const spec::catalog& catalog) {
    mcp::tool t;
    t.name = name::describe_endpoint;
    t.title = "Describe a BAPI endpoint";
    t.description =
        "One endpoint in full: parameters, request body, responses (summarized unless "
        "expand_responses) and what execute_request needs. Name it by method + path or "
        "operation_id.";
    t.input_schema = {
        {"type", "object"},
        {"properties",
         {{"method", {{"type", "string"}, {"description", "GET, POST, PUT, PATCH or DELETE"}}},
          {"path", {{"type", "string"}, {"description", "Path template, e.g. /users/{user_id}"}}},
          {"operation_id", {{"type", "string"}, {"description", "Instead of method + path"}}},
          {"expand_responses", {{"type", "boolean"}}},
          {"version", version_schema(catalog)}}},
        {"additionalProperties", false}};
    t.output_schema = describe_output_schema();
    t.annotations = spec_reader_annotations();
    t.handler = [&catalog](const json::object& args, const mcp::call_context&) {
        return describe_endpoint(catalog, args);
    };
    return t;
}

}  // namespace clerk_mcp::tools
