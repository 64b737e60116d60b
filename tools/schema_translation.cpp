// OpenAPI 3.0 schema -> JSON Schema draft 7. The walk is an allow-list: it follows the keywords
// that hold sub-schemas structurally (so a property named "example" is kept) and copies only the
// keywords that constrain values, so nothing valijson does not expect reaches its parser.
#include "tools/schema_translation.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <regex>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace clerk_mcp::tools {
namespace {

namespace json = boost::json;

constexpr int max_depth = 64;

// The longest string a pattern or format is checked on (see add_string_check).
constexpr std::int64_t max_regex_input = 1024;

// Copied as they are when they hold a number (or a boolean, for uniqueItems): draft 4 and
// draft 7 agree on them.
constexpr std::array<std::string_view, 8> copied_keywords = {
    "multipleOf",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "uniqueItems",
};

constexpr std::array<std::string_view, 6> json_types = {
    "string", "number", "integer", "boolean", "array", "object"};

// The formats valijson checks; every other format it accepts silently, so they are not copied.
constexpr std::array<std::string_view, 3> checked_formats = {"date", "date-time", "time"};

json::value translate_node(const json::value& in, schema_direction direction, int depth);

bool is_true(const json::object& node, std::string_view key) {
    const json::value* value = node.if_contains(key);
    return value != nullptr && value->is_bool() && value->get_bool();
}

template <std::size_t N>
bool is_one_of(const json::value* value, const std::array<std::string_view, N>& names) {
    if (value == nullptr || !value->is_string()) {
        return false;
    }
    const std::string_view text = value->get_string();
    for (std::string_view name : names) {
        if (text == name) {
            return true;
        }
    }
    return false;
}

// The markers spec::document::resolve leaves where it stopped expanding (and a stray `$ref`).
bool is_unexpanded(const json::object& node) {
    return node.contains("$recursive") || node.contains("$external") || node.contains("$missing") ||
           node.contains("$ref");
}

bool compiles_as_regex(std::string_view pattern) {
    try {
        std::regex compiled(pattern.begin(), pattern.end(), std::regex::ECMAScript);
        return true;
    } catch (const std::regex_error&) {
        return false;
    }
}

// A property that does not belong in this direction's messages.
bool is_hidden(const json::value& property, schema_direction direction) {
    if (!property.is_object()) {
        return false;
    }
    const char* marker = direction == schema_direction::request ? "readOnly" : "writeOnly";
    return is_true(property.get_object(), marker);
}

void translate_properties(const json::object& in,
                          schema_direction direction,
                          int depth,
                          json::object& out) {
    std::vector<std::string_view> hidden;
    const json::value* properties = in.if_contains("properties");
    if (properties != nullptr && properties->is_object()) {
        json::object translated;
        for (const auto& [name, schema] : properties->get_object()) {
            if (is_hidden(schema, direction)) {
                hidden.push_back(name);
                continue;
            }
            translated.emplace(name, translate_node(schema, direction, depth + 1));
        }
        out["properties"] = std::move(translated);
    }

    // Draft 4 forbids an empty `required`; leaving it out means the same.
    const json::value* required = in.if_contains("required");
    if (required != nullptr && required->is_array()) {
        json::array names;
        for (const json::value& name : required->get_array()) {
            if (name.is_string() &&
                std::find(hidden.begin(), hidden.end(), name.get_string()) == hidden.end()) {
                names.push_back(name);
            }
        }
        if (!names.empty()) {
            out["required"] = std::move(names);
        }
    }

    const json::value* additional = in.if_contains("additionalProperties");
    if (additional != nullptr && additional->is_bool()) {
        out["additionalProperties"] = *additional;
    } else if (additional != nullptr && additional->is_object()) {
        out["additionalProperties"] = translate_node(*additional, direction, depth + 1);
    }
}

void translate_composition(const json::object& in,
                           schema_direction direction,
                           int depth,
                           json::object& out) {
    for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
        const json::value* branches = in.if_contains(keyword);
        if (branches == nullptr || !branches->is_array() || branches->get_array().empty()) {
            continue;
        }
        json::array translated;
        for (const json::value& branch : branches->get_array()) {
            translated.push_back(translate_node(branch, direction, depth + 1));
        }
        out[keyword] = std::move(translated);
    }
    for (const char* keyword : {"items", "not"}) {
        const json::value* schema = in.if_contains(keyword);
        if (schema != nullptr && schema->is_object()) {
            out[keyword] = translate_node(*schema, direction, depth + 1);
        }
    }
}

// OpenAPI 3.0 (like draft 4) marks a bound exclusive with a boolean beside it; draft 7 puts the
// bound itself in `exclusiveMinimum` / `exclusiveMaximum`.
void translate_bound(const json::object& in,
                     const char* bound_keyword,
                     const char* exclusive_keyword,
                     json::object& out) {
    const json::value* bound = in.if_contains(bound_keyword);
    const json::value* exclusive = in.if_contains(exclusive_keyword);
    const bool has_bound = bound != nullptr && bound->is_number();
    if (has_bound && exclusive != nullptr && exclusive->is_bool() && exclusive->get_bool()) {
        out[exclusive_keyword] = *bound;
        return;
    }
    if (has_bound) {
        out[bound_keyword] = *bound;
    }
    if (exclusive != nullptr && exclusive->is_number()) {
        out[exclusive_keyword] = *exclusive;
    }
}

// Adds `check` (a pattern or a format, both run through std::regex by valijson) as
// allOf: [{if: <a string of at most max_regex_input characters>, then: check}]. Only strings are
// checked because valijson casts the value to a string first, reading null as "" and throwing
// on a non-empty array or object; only short ones because libstdc++'s regex matcher recurses
// once per character and a string of some tens of thousands of characters overflows the stack.
// Clerk checks what is skipped here.
void add_string_check(json::object check, json::object& out) {
    json::value& all_of = out["allOf"];
    if (!all_of.is_array()) {
        all_of = json::array{};
    }
    all_of.get_array().push_back(
        json::object{{"if", json::object{{"type", "string"}, {"maxLength", max_regex_input}}},
                     {"then", std::move(check)}});
}

void translate_scalar_constraints(const json::object& in, json::object& out) {
    for (std::string_view keyword : copied_keywords) {
        const json::value* value = in.if_contains(keyword);
        if (value != nullptr && (value->is_number() || value->is_bool())) {
            out[keyword] = *value;
        }
    }
    translate_bound(in, "minimum", "exclusiveMinimum", out);
    translate_bound(in, "maximum", "exclusiveMaximum", out);

    const json::value* pattern = in.if_contains("pattern");
    if (pattern != nullptr && pattern->is_string() && compiles_as_regex(pattern->get_string())) {
        add_string_check(json::object{{"pattern", *pattern}}, out);
    }
    const json::value* format = in.if_contains("format");
    if (is_one_of(format, checked_formats)) {
        add_string_check(json::object{{"format", *format}}, out);
    }
}

// `type` and `enum`, with OpenAPI's `nullable` folded in. Returns whether null is still to be
// allowed by wrapping the node (no usable `type` to add it to).
bool translate_type(const json::object& in, json::object& out) {
    const bool nullable = is_true(in, "nullable");
    const json::value* type = in.if_contains("type");
    const bool typed = is_one_of(type, json_types);
    if (typed) {
        out["type"] = nullable ? json::value(json::array{*type, "null"}) : *type;
    }

    const json::value* values = in.if_contains("enum");
    if (values != nullptr && values->is_array()) {
        json::array allowed = values->get_array();
        if (nullable && typed &&
            std::find(allowed.begin(), allowed.end(), nullptr) == allowed.end()) {
            allowed.push_back(nullptr);
        }
        out["enum"] = std::move(allowed);
    }
    return nullable && !typed;
}

json::value translate_node(const json::value& in, schema_direction direction, int depth) {
    if (!in.is_object() || depth > max_depth || is_unexpanded(in.get_object())) {
        return json::object{};
    }
    const json::object& node = in.get_object();

    json::object out;
    const bool wrap_for_null = translate_type(node, out);
    translate_composition(node, direction, depth, out);  // before the checks add to allOf
    translate_scalar_constraints(node, out);
    translate_properties(node, direction, depth, out);

    if (wrap_for_null && !out.empty()) {
        return json::object{{"anyOf", json::array{json::object{{"type", "null"}}, std::move(out)}}};
    }
    return out;
}

}  // namespace

boost::json::value translate_schema(const boost::json::value& openapi_schema,
                                    schema_direction direction) {
    return translate_node(openapi_schema, direction, 0);
}

}  // namespace clerk_mcp::tools
