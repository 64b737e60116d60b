#include "tools/arguments.hpp"

#include <vector>

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "spec/suggest.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

std::string_view kind_of(const json::value& v) {
    switch (v.kind()) {
        case json::kind::null:
            return "null";
        case json::kind::bool_:
            return "a boolean";
        case json::kind::int64:
        case json::kind::uint64:
        case json::kind::double_:
            return "a number";
        case json::kind::string:
            return "a string";
        case json::kind::array:
            return "an array";
        case json::kind::object:
            return "an object";
    }
    return "a value";
}

mcp::tool_result wrong_type(std::string_view name,
                            std::string_view expected,
                            const json::value& got) {
    return mcp::tool_result::error(
        "Argument `" + std::string(name) + "` must be " + std::string(expected) + ", not " +
            std::string(kind_of(got)) + ". Call the tool again with the corrected argument.",
        {{"argument", name}, {"expected", expected}});
}

}  // namespace

std::optional<mcp::tool_result> reject_unknown_arguments(
    const json::object& args,
    std::initializer_list<std::string_view> allowed,
    std::string_view tool_name) {
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& member : args) {
        std::string_view key = member.key();
        bool known = false;
        for (auto a : allowed) {
            known = known || a == key;
        }
        if (known) {
            continue;
        }
        std::string text =
            "Unknown argument `" + std::string(key) + "` for " + std::string(tool_name) + ".";
        json::array near;
        for (auto& s : spec::closest(key, names, 2)) {
            near.emplace_back(s);
        }
        if (!near.empty()) {
            text += " Did you mean `" + std::string(near[0].as_string()) + "`?";
        }
        text += " Accepted arguments:";
        for (auto a : allowed) {
            text += " " + std::string(a);
        }
        text += ".";
        return mcp::tool_result::error(std::move(text),
                                       {{"argument", key}, {"suggestions", std::move(near)}});
    }
    return std::nullopt;
}

arg_result<std::optional<std::string>> optional_string(const json::object& args,
                                                       std::string_view name) {
    auto it = args.find(name);
    if (it == args.end() || it->value().is_null()) {
        return std::optional<std::string>{};
    }
    if (!it->value().is_string()) {
        return wrong_type(name, "a string", it->value());
    }
    return std::optional<std::string>{std::string(it->value().get_string())};
}

arg_result<bool> optional_bool(const json::object& args, std::string_view name, bool fallback) {
    auto it = args.find(name);
    if (it == args.end() || it->value().is_null()) {
        return arg_result<bool>(boost::system::in_place_value, fallback);
    }
    if (!it->value().is_bool()) {
        return wrong_type(name, "a boolean", it->value());
    }
    return arg_result<bool>(boost::system::in_place_value, it->value().get_bool());
}

arg_result<const json::object*> optional_object(const json::object& args, std::string_view name) {
    auto it = args.find(name);
    if (it == args.end() || it->value().is_null()) {
        return static_cast<const json::object*>(nullptr);
    }
    if (!it->value().is_object()) {
        return wrong_type(name, "an object", it->value());
    }
    return &it->value().get_object();
}

arg_result<std::shared_ptr<const spec::document>> document_for(const spec::catalog& catalog,
                                                               const json::object& args) {
    auto version = optional_string(args, "version");
    if (!version) {
        return version.error();
    }
    auto doc = catalog.get(version->value_or(""));
    if (!doc) {
        json::array served;
        for (const auto& v : catalog.versions()) {
            served.emplace_back(v);
        }
        return mcp::tool_result::error(
            doc.error(), {{"served_versions", std::move(served)}, {"latest", catalog.latest()}});
    }
    return *doc;
}

}  // namespace clerk_mcp::tools
