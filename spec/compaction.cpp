#include "spec/compaction.hpp"

#include <array>
#include <string_view>
#include <utility>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

namespace clerk_mcp::spec {

namespace {

namespace json = boost::json;

bool is_generator_extension(std::string_view key) {
    return key.starts_with("x-speakeasy-") || key == "x-logo";
}

// Keys whose values are instance data, not spec structure.
bool holds_data(std::string_view key) {
    constexpr std::array<std::string_view, 5> data_keys = {
        "example", "examples", "default", "enum", "const"};
    for (std::string_view k : data_keys) {
        if (key == k) {
            return true;
        }
    }
    return false;
}

// Rebuilds `obj` without the generator keys: object::erase moves the last key into the gap, and
// the order of keys (properties, parameters, responses) is part of what a reader sees.
void drop_extension_keys(json::object& obj) {
    bool any = false;
    for (const auto& [key, value] : obj) {
        any = any || is_generator_extension(key);
    }
    if (!any) {
        return;
    }
    json::object kept(obj.storage());
    kept.reserve(obj.size());
    for (auto& [key, value] : obj) {
        if (!is_generator_extension(key)) {
            kept.emplace(key, std::move(value));
        }
    }
    obj = std::move(kept);
}

void strip(json::value& node, bool keys_are_names) {
    if (json::array* arr = node.if_array()) {
        for (json::value& item : *arr) {
            strip(item, false);
        }
        return;
    }
    json::object* obj = node.if_object();
    if (obj == nullptr) {
        return;
    }
    if (!keys_are_names) {
        drop_extension_keys(*obj);
    }
    for (auto& [key, value] : *obj) {
        if (keys_are_names) {
            strip(value, false);
        } else if (!holds_data(key)) {
            strip(value, key == "properties");
        }
    }
}

}  // namespace

void drop_generator_extensions(json::value& spec) {
    strip(spec, false);
}

}  // namespace clerk_mcp::spec
