#include "tools/describe_view.hpp"

#include <string>
#include <string_view>

#include <boost/json/array.hpp>

#include "tools/schema_view.hpp"
#include "tools/scopes.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

const json::value* member(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    return it == o.end() ? nullptr : &it->value();
}

std::string string_or_empty(const json::object& o, std::string_view key) {
    const auto* v = member(o, key);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

json::object describe_parameter(const json::object& p) {
    json::object out{{"name", string_or_empty(p, "name")},
                     {"in", string_or_empty(p, "in")},
                     {"required",
                      member(p, "required") && member(p, "required")->is_bool()
                          ? member(p, "required")->get_bool()
                          : false}};
    const json::value* schema = member(p, "schema");
    out["type"] = schema ? type_string(*schema) : "string";
    if (schema && schema->is_object()) {
        const auto& s = schema->get_object();
        // Array parameters carry their allowed values on the items.
        const json::object* enum_holder = &s;
        if (const auto* items = member(s, "items"); items && items->is_object()) {
            enum_holder = &items->get_object();
        }
        if (const auto* e = member(*enum_holder, "enum")) {
            out["enum"] = *e;
        }
        for (std::string_view key : {"default", "minimum", "maximum", "format"}) {
            if (const auto* v = member(s, key)) {
                out[key] = *v;
            }
        }
    }
    if (auto d = string_or_empty(p, "description"); !d.empty()) {
        out["description"] = std::move(d);
    }
    if (const auto* v = member(p, "deprecated"); v && v->is_bool() && v->get_bool()) {
        out["deprecated"] = true;
    }
    return out;
}

// The JSON media type when there is one, or else the first listed.
std::pair<std::string, const json::object*> pick_media_type(const json::object& content) {
    for (const auto& m : content) {
        if (m.key() == "application/json" && m.value().is_object()) {
            return {std::string(m.key()), &m.value().get_object()};
        }
    }
    for (const auto& m : content) {
        if (m.value().is_object()) {
            return {std::string(m.key()), &m.value().get_object()};
        }
    }
    return {"", nullptr};
}

json::value describe_request_body(const spec::document& doc, const spec::operation& op) {
    const auto* body = member(*op.node, "requestBody");
    if (body == nullptr) {
        return nullptr;
    }
    json::value resolved = doc.resolve(*body);
    if (!resolved.is_object()) {
        return nullptr;
    }
    const auto& b = resolved.get_object();
    json::object out{{"required",
                      member(b, "required") && member(b, "required")->is_bool() &&
                          member(b, "required")->get_bool()}};
    if (const auto* content = member(b, "content"); content && content->is_object()) {
        auto [type, media] = pick_media_type(content->get_object());
        out["content_type"] = type;
        if (media) {
            if (const auto* schema = member(*media, "schema")) {
                out["schema"] = compact_schema(*schema);
            }
        }
        if (type != "application/json") {
            out["note"] = "Not JSON: execute_request sends JSON bodies only.";
        }
    }
    return out;
}

json::object describe_responses(const spec::document& doc, const spec::operation& op, bool expand) {
    json::object out;
    const auto* responses = member(*op.node, "responses");
    if (responses == nullptr || !responses->is_object()) {
        return out;
    }
    for (const auto& r : responses->get_object()) {
        json::value resolved = doc.resolve(r.value());
        if (!resolved.is_object()) {
            continue;
        }
        const auto& response = resolved.get_object();
        json::object entry{{"description", string_or_empty(response, "description")}};
        bool success = !r.key().empty() && r.key()[0] == '2';
        // Error bodies all share Clerk's {errors: [...]} shape; their schema is shown only when
        // asked for, which keeps a describe result small.
        if (success || expand) {
            if (const auto* content = member(response, "content");
                content && content->is_object()) {
                auto [type, media] = pick_media_type(content->get_object());
                if (media) {
                    if (const auto* schema = member(*media, "schema")) {
                        entry["schema"] =
                            expand ? compact_schema(*schema) : summarize_schema(*schema);
                    }
                }
            }
        }
        out[r.key()] = std::move(entry);
    }
    return out;
}

json::object describe_requirements(const spec::operation& op) {
    json::array scopes;
    for (const auto& s : required_scopes(op.method)) {
        scopes.emplace_back(s);
    }
    bool write = is_write_method(op.method);
    return {{"scopes", std::move(scopes)},
            {"confirmation", write},
            {"note",
             write ? "execute_request first returns a preview and a confirm_token; "
                     "repeat the identical call with the token to run it."
                   : "Runs at once; no scope or confirmation needed."}};
}

}  // namespace

json::object describe_operation(const spec::document& doc,
                                const spec::operation& op,
                                bool expand_responses) {
    json::array parameters;
    for (const auto& p : doc.parameters(op)) {
        if (p.is_object()) {
            parameters.push_back(describe_parameter(p.get_object()));
        }
    }
    json::object out{{"version", doc.version()},
                     {"method", op.method},
                     {"path", op.path},
                     {"operation_id", op.operation_id},
                     {"summary", op.summary}};
    if (auto d = string_or_empty(*op.node, "description"); !d.empty()) {
        out["description"] = std::move(d);
    }
    if (op.deprecated) {
        out["deprecated"] = true;
    }
    out["parameters"] = std::move(parameters);
    out["request_body"] = describe_request_body(doc, op);
    out["responses"] = describe_responses(doc, op, expand_responses);
    out["requires"] = describe_requirements(op);
    return out;
}

json::object describe_output_schema() {
    // Kept small, as tools/list is sent to every client: the required members, and the types
    // of the two a client is most likely to walk.
    return {{"type", "object"},
            {"properties",
             {{"parameters",
               {{"type", "array"},
                {"items", {{"type", "object"}, {"required", {"name", "in", "required", "type"}}}}}},
              {"request_body", {{"type", {"object", "null"}}}}}},
            {"required",
             {"version", "method", "path", "operation_id", "parameters", "responses", "requires"}}};
}

}  // namespace clerk_mcp::tools
