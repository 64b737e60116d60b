// list_endpoints: the operations of one tag, or those matching a search query.
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "spec/suggest.hpp"
#include "tools/arguments.hpp"
#include "tools/discovery_tools.hpp"
#include "tools/tool_names.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

constexpr std::size_t max_search_results = 15;

mcp::tool_result unknown_tag(const spec::document& doc, const std::string& tag) {
    std::vector<std::string> names;
    for (const auto& t : doc.tags()) {
        names.push_back(t.name);
    }
    auto near = spec::closest(tag, names, 3);
    std::string text = "No tag `" + tag + "` in BAPI version " + doc.version() + ".";
    json::array suggestions;
    for (const auto& n : near) {
        text += (suggestions.empty() ? " Closest tags: " : ", ") + n;
        suggestions.emplace_back(n);
    }
    text += ". list_tags shows them all; or pass `query` to search every endpoint.";
    return mcp::tool_result::error(
        std::move(text), {{"version", doc.version()}, {"suggestions", std::move(suggestions)}});
}

mcp::tool_result list_endpoints(const spec::catalog& catalog, const json::object& args) {
    if (auto bad =
            reject_unknown_arguments(args, {"tag", "query", "version"}, name::list_endpoints)) {
        return *bad;
    }
    auto doc = document_for(catalog, args);
    if (!doc) {
        return doc.error();
    }
    auto tag = optional_string(args, "tag");
    if (!tag) {
        return tag.error();
    }
    auto query = optional_string(args, "query");
    if (!query) {
        return query.error();
    }
    const auto& document = **doc;

    const spec::tag_info* tag_info = nullptr;
    if (*tag) {
        tag_info = document.find_tag(**tag);
        if (tag_info == nullptr) {
            return unknown_tag(document, **tag);
        }
    }

    std::vector<const spec::operation*> found;
    std::size_t matched = 0;
    if (*query && !(*query)->empty()) {
        found = document.search(**query, tag_info ? tag_info->name : "");
        // Search ranks every operation sharing a word with the query; past the best few the
        // rest is noise that costs the model tokens.
        matched = found.size();
        if (found.size() > max_search_results) {
            found.resize(max_search_results);
        }
    } else if (tag_info) {
        found = document.operations_with_tag(tag_info->name);
    } else {
        for (const auto& op : document.operations()) {
            found.push_back(&op);
        }
    }

    json::array endpoints;
    std::string text = std::to_string(found.size()) + " endpoints";
    json::object structured{{"version", document.version()}};
    if (tag_info) {
        structured["tag"] = tag_info->name;
        text += " tagged " + tag_info->name;
    }
    if (*query) {
        structured["query"] = **query;
        text += " matching \"" + **query + "\"";
    }
    text += " (BAPI " + document.version() + "). Next: describe_endpoint {method, path}.\n";
    for (const auto* op : found) {
        endpoints.push_back(json::object{{"method", op->method},
                                         {"path", op->path},
                                         {"operation_id", op->operation_id},
                                         {"summary", op->summary},
                                         {"deprecated", op->deprecated}});
        text += op->method + " " + op->path + " " + op->operation_id + ": " + op->summary +
                (op->deprecated ? " [deprecated]\n" : "\n");
    }
    if (matched > found.size()) {
        structured["more_matches"] = matched - found.size();
        text += "(" + std::to_string(matched - found.size()) +
                " weaker matches not shown: add words or a tag to narrow.)\n";
    }
    if (found.empty()) {
        text += "Nothing matched. Try fewer or other words, or list_tags to browse.\n";
    }
    structured["endpoints"] = std::move(endpoints);

    mcp::tool_result result;
    result.structured = std::move(structured);
    result.text = std::move(text);
    return result;
}

}  // namespace

mcp::tool make_list_endpoints_tool(const spec::catalog& catalog) {
    mcp::tool t;
    t.name = name::list_endpoints;
    t.title = "List BAPI endpoints";
    t.description =
        "Lists a tag's endpoints (method, path template, operation_id, summary), or ranks them "
        "by a search `query` over paths, ids, summaries and parameter names.";
    t.input_schema = {
        {"type", "object"},
        {"properties",
         {{"tag", {{"type", "string"}, {"description", "From list_tags, any case"}}},
          {"query", {{"type", "string"}, {"description", "Search words, e.g. \"ban user\""}}},
          {"version", version_schema(catalog)}}},
        {"additionalProperties", false}};
    t.output_schema = {
        {"type", "object"},
        {"properties",
         {{"version", {{"type", "string"}}},
          {"endpoints",
           {{"type", "array"},
            {"items",
             {{"type", "object"}, {"required", {"method", "path", "operation_id", "summary"}}}}}}}},
        {"required", {"version", "endpoints"}}};
    t.annotations = spec_reader_annotations();
    t.handler = [&catalog](const json::object& args, const mcp::call_context&) {
        return list_endpoints(catalog, args);
    };
    return t;
}

}  // namespace clerk_mcp::tools
