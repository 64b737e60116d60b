// list_tags: the tags of one BAPI version with how many endpoints each has.
#include <algorithm>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "tools/arguments.hpp"
#include "tools/discovery_tools.hpp"
#include "tools/tool_names.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

// The first sentence (or line) of a description: enough to choose a tag in the text rendering;
// the structured result keeps the whole description.
std::string first_sentence(const std::string& text) {
    // One pass: find_first_of with a set would scan the set once per character of the text.
    auto end = std::find_if(text.begin(), text.end(), [](char c) { return c == '.' || c == '\n'; });
    return std::string(text.begin(), end);
}

mcp::tool_result list_tags(const spec::catalog& catalog, const json::object& args) {
    if (auto bad = reject_unknown_arguments(args, {"version"}, name::list_tags)) {
        return *bad;
    }
    auto doc = document_for(catalog, args);
    if (!doc) {
        return doc.error();
    }
    const auto& document = **doc;

    json::array tags;
    std::string text = "BAPI " + document.version() + ": " +
                       std::to_string(document.tags().size()) +
                       " tags (name [endpoints]: summary). Next: list_endpoints {tag}.\n";
    for (const auto& tag : document.tags()) {
        tags.push_back(json::object{{"name", tag.name},
                                    {"description", tag.description},
                                    {"endpoint_count", tag.endpoint_count}});
        text += tag.name + " [" + std::to_string(tag.endpoint_count) + "]";
        if (!tag.description.empty()) {
            text += ": " + first_sentence(tag.description);
        }
        text += "\n";
    }
    mcp::tool_result result;
    result.structured = json::object{{"version", document.version()}, {"tags", std::move(tags)}};
    result.text = std::move(text);
    return result;
}

}  // namespace

mcp::tool make_list_tags_tool(const spec::catalog& catalog) {
    mcp::tool t;
    t.name = name::list_tags;
    t.title = "List BAPI tags";
    t.description =
        "Lists the tags (resource groups) of Clerk's Backend API with their endpoint counts. "
        "Start here.";
    t.input_schema = {{"type", "object"},
                      {"properties", {{"version", version_schema(catalog)}}},
                      {"additionalProperties", false}};
    t.output_schema = {
        {"type", "object"},
        {"properties",
         {{"version", {{"type", "string"}}},
          {"tags",
           {{"type", "array"},
            {"items", {{"type", "object"}, {"required", {"name", "endpoint_count"}}}}}}}},
        {"required", {"version", "tags"}}};
    t.annotations = spec_reader_annotations();
    t.handler = [&catalog](const json::object& args, const mcp::call_context&) {
        return list_tags(catalog, args);
    };
    return t;
}

json::object version_schema(const spec::catalog& catalog) {
    // The served versions as an enum say all a model needs in the fewest bytes; the default
    // (the latest) is stated once, in the server's instructions.
    json::array versions;
    for (const auto& v : catalog.versions()) {
        versions.emplace_back(v);
    }
    return {{"type", "string"}, {"enum", std::move(versions)}};
}

mcp::tool_annotations spec_reader_annotations() {
    // These tools read the spec compiled into the server: nothing changes, nothing leaves the
    // machine.
    return {.read_only = true, .destructive = false, .idempotent = true, .open_world = false};
}

}  // namespace clerk_mcp::tools
