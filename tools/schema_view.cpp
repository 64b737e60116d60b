#include "tools/schema_view.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

// Keywords copied as they are: they constrain values and are small.
constexpr std::array<std::string_view, 16> kept_keywords = {"type",
                                                            "format",
                                                            "enum",
                                                            "nullable",
                                                            "description",
                                                            "default",
                                                            "minimum",
                                                            "maximum",
                                                            "minLength",
                                                            "maxLength",
                                                            "minItems",
                                                            "maxItems",
                                                            "pattern",
                                                            "deprecated",
                                                            "$recursive",
                                                            "$external"};

// Keywords whose values are schemas (or lists or maps of schemas).
constexpr std::array<std::string_view, 3> schema_list_keywords = {"oneOf", "anyOf", "allOf"};

const json::object* as_object(const json::value& v) {
    return v.is_object() ? &v.get_object() : nullptr;
}

std::string_view string_member(const json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it != o.end() && it->value().is_string()) {
        return it->value().get_string();
    }
    return {};
}

bool is_nullable(const json::object& o) {
    auto it = o.find("nullable");
    return it != o.end() && it->value().is_bool() && it->value().get_bool();
}

// The last segment of a `$ref`-style pointer: "#/components/schemas/User" -> "User".
std::string_view ref_name(std::string_view ref) {
    auto slash = ref.rfind('/');
    return slash == std::string_view::npos ? ref : ref.substr(slash + 1);
}

std::string enum_string(const json::array& values) {
    std::string out = "enum(";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) {
            out += '|';
        }
        if (values[i].is_string()) {
            out += values[i].get_string();
        } else {
            out += json::serialize(values[i]);
        }
    }
    return out + ")";
}

// Merges the properties and required lists of every allOf member into one object schema, so
// the summary shows one flat set of fields.
json::object merge_all_of(const json::object& schema) {
    json::object merged;
    json::object properties;
    json::array required;
    auto absorb = [&](const json::object& part) {
        if (auto it = part.find("properties"); it != part.end() && it->value().is_object()) {
            for (const auto& p : it->value().get_object()) {
                properties[p.key()] = p.value();
            }
        }
        if (auto it = part.find("required"); it != part.end() && it->value().is_array()) {
            for (const auto& r : it->value().get_array()) {
                required.push_back(r);
            }
        }
    };
    absorb(schema);
    for (const auto& part : schema.at("allOf").get_array()) {
        if (const auto* o = as_object(part)) {
            absorb(*o);
        }
    }
    merged["type"] = "object";
    merged["properties"] = std::move(properties);
    if (!required.empty()) {
        merged["required"] = std::move(required);
    }
    return merged;
}

}  // namespace

std::string type_string(const json::value& schema) {
    const auto* o = as_object(schema);
    if (o == nullptr) {
        return "any";
    }
    if (auto r = string_member(*o, "$recursive"); !r.empty()) {
        return std::string(ref_name(r)) + " (recursive)";
    }
    std::string out;
    for (auto keyword : schema_list_keywords) {
        auto it = o->find(keyword);
        if (it == o->end() || !it->value().is_array() || keyword == "allOf") {
            continue;
        }
        // Alternatives often share a type ("object|object|object"): name each type once.
        std::vector<std::string> seen;
        for (const auto& alt : it->value().get_array()) {
            auto t = type_string(alt);
            if (std::find(seen.begin(), seen.end(), t) == seen.end()) {
                out += (out.empty() ? "" : "|") + t;
                seen.push_back(std::move(t));
            }
        }
    }
    if (out.empty()) {
        std::string_view type = string_member(*o, "type");
        if (type == "array") {
            auto items = o->find("items");
            out = "array<" + (items != o->end() ? type_string(items->value()) : "any") + ">";
        } else if (!type.empty()) {
            out = type;
        } else if (o->contains("properties") || o->contains("allOf")) {
            out = "object";
        } else {
            out = "any";
        }
    }
    if (is_nullable(*o)) {
        out += "|null";
    }
    return out;
}

json::value compact_schema(const json::value& schema) {
    const auto* o = as_object(schema);
    if (o == nullptr) {
        return schema;
    }
    json::object out;
    for (auto keyword : kept_keywords) {
        if (auto it = o->find(keyword); it != o->end()) {
            out[keyword] = it->value();
        }
    }
    if (auto it = o->find("required"); it != o->end() && it->value().is_array()) {
        out["required"] = it->value();
    }
    if (auto it = o->find("properties"); it != o->end() && it->value().is_object()) {
        json::object props;
        for (const auto& p : it->value().get_object()) {
            props[p.key()] = compact_schema(p.value());
        }
        out["properties"] = std::move(props);
    }
    if (auto it = o->find("items"); it != o->end()) {
        out["items"] = compact_schema(it->value());
    }
    if (auto it = o->find("additionalProperties"); it != o->end()) {
        out["additionalProperties"] =
            it->value().is_object() ? compact_schema(it->value()) : it->value();
    }
    for (auto keyword : schema_list_keywords) {
        if (auto it = o->find(keyword); it != o->end() && it->value().is_array()) {
            json::array alts;
            for (const auto& alt : it->value().get_array()) {
                alts.push_back(compact_schema(alt));
            }
            out[keyword] = std::move(alts);
        }
    }
    return out;
}

json::value summarize_schema(const json::value& schema, int depth) {
    const auto* o = as_object(schema);
    if (o == nullptr) {
        return "any";
    }
    if (o->contains("allOf") && o->at("allOf").is_array()) {
        return summarize_schema(json::value(merge_all_of(*o)), depth);
    }
    if (auto it = o->find("enum"); it != o->end() && it->value().is_array()) {
        return json::string(enum_string(it->value().get_array()) +
                            (is_nullable(*o) ? "|null" : ""));
    }
    std::string_view type = string_member(*o, "type");
    if (type == "array") {
        auto items = o->find("items");
        json::array out;
        out.push_back(items != o->end() ? summarize_schema(items->value(), depth) : "any");
        return out;
    }
    auto props = o->find("properties");
    if (props == o->end() || !props->value().is_object() || o->contains("oneOf") ||
        o->contains("anyOf")) {
        return json::string(type_string(schema));
    }
    if (depth <= 0) {
        return is_nullable(*o) ? "object|null" : "object";
    }
    json::object fields;
    for (const auto& p : props->value().get_object()) {
        fields[p.key()] = summarize_schema(p.value(), depth - 1);
    }
    return fields;
}

}  // namespace clerk_mcp::tools
