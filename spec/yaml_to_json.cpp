#include "spec/yaml_to_json.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <yaml-cpp/yaml.h>

namespace clerk_mcp::spec {

namespace {

namespace json = boost::json;

// Deep enough for any OpenAPI document, shallow enough that the recursion cannot exhaust the
// stack on hostile input. yaml-cpp 0.7 already refuses about 500 levels; this keeps the
// conversion bounded should a later version stop doing so.
constexpr int max_depth = 512;

// yaml-cpp reports the tag of a plain scalar as "?" and of a quoted or block scalar as "!".
constexpr std::string_view plain_tag = "?";
constexpr std::string_view core_prefix = "tag:yaml.org,2002:";

[[noreturn]] void fail(const YAML::Mark& mark, const std::string& what) {
    // yaml-cpp counts lines and columns from 0; editors count from 1.
    throw std::runtime_error("YAML error at line " + std::to_string(mark.line + 1) + ", column " +
                             std::to_string(mark.column + 1) + ": " + what);
}

bool is_one_of(std::string_view s, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
        if (s == w) {
            return true;
        }
    }
    return false;
}

std::optional<bool> to_bool(std::string_view s) {
    if (is_one_of(s, {"true", "True", "TRUE"})) {
        return true;
    }
    if (is_one_of(s, {"false", "False", "FALSE"})) {
        return false;
    }
    return std::nullopt;
}

bool is_digits(std::string_view s, int base) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        bool ok = base == 8    ? (c >= '0' && c <= '7')
                  : base == 10 ? (c >= '0' && c <= '9')
                               : std::isxdigit(static_cast<unsigned char>(c)) != 0;
        if (!ok) {
            return false;
        }
    }
    return true;
}

// Core schema integers: [-+]?[0-9]+, 0o[0-7]+, 0x[0-9a-fA-F]+.
std::optional<json::value> to_int(std::string_view s) {
    int base = 10;
    bool negative = false;
    std::string_view digits = s;
    if (s.starts_with("0o") || s.starts_with("0x")) {
        base = s[1] == 'o' ? 8 : 16;
        digits.remove_prefix(2);
    } else if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        negative = s[0] == '-';
        digits.remove_prefix(1);
    }
    if (!is_digits(digits, base)) {
        return std::nullopt;
    }

    std::uint64_t magnitude = 0;
    auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
    if (parsed.ec == std::errc::result_out_of_range) {
        // Too large for any JSON integer type: keep the magnitude, lose precision, as JSON
        // parsers do with such numbers.
        double d = 0;
        for (char c : digits) {
            d = d * base + std::stoi(std::string(1, c), nullptr, 16);
        }
        return json::value(negative ? -d : d);
    }
    if (!negative) {
        if (magnitude <= static_cast<std::uint64_t>(INT64_MAX)) {
            return json::value(static_cast<std::int64_t>(magnitude));
        }
        return json::value(magnitude);
    }
    if (magnitude <= static_cast<std::uint64_t>(INT64_MAX) + 1) {
        return json::value(static_cast<std::int64_t>(0 - magnitude));
    }
    return json::value(-static_cast<double>(magnitude));
}

// Core schema floats: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
std::optional<json::value> to_float(std::string_view s) {
    std::string_view rest = s;
    if (!rest.empty() && (rest[0] == '-' || rest[0] == '+')) {
        rest.remove_prefix(1);
    }
    std::size_t i = 0;
    std::size_t int_digits = 0;
    std::size_t frac_digits = 0;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
        ++i;
        ++int_digits;
    }
    if (i < rest.size() && rest[i] == '.') {
        ++i;
        while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) {
            ++i;
            ++frac_digits;
        }
    }
    if (int_digits == 0 && frac_digits == 0) {
        return std::nullopt;
    }
    if (i < rest.size() && (rest[i] == 'e' || rest[i] == 'E')) {
        ++i;
        if (i < rest.size() && (rest[i] == '-' || rest[i] == '+')) {
            ++i;
        }
        if (!is_digits(rest.substr(std::min(i, rest.size())), 10)) {
            return std::nullopt;
        }
        i = rest.size();
    }
    if (i != rest.size()) {
        return std::nullopt;
    }

    // std::from_chars accepts neither a leading '+' nor a bare leading '.'; strtod does both.
    std::string copy(s);
    return json::value(std::strtod(copy.c_str(), nullptr));
}

json::value plain_scalar(const std::string& s) {
    // yaml-cpp already turns plain `null`, `Null`, `NULL`, `~` and empty scalars into null nodes.
    if (auto b = to_bool(s)) {
        return json::value(*b);
    }
    if (auto i = to_int(s)) {
        return *i;
    }
    if (auto f = to_float(s)) {
        return *f;
    }
    return json::value(s);
}

json::value tagged_scalar(const YAML::Node& node, std::string_view type) {
    const std::string& s = node.Scalar();
    std::optional<json::value> v;
    if (type == "str") {
        v = json::value(s);
    } else if (type == "int") {
        v = to_int(s);
    } else if (type == "float") {
        v = to_float(s);
        if (!v) {
            v = to_int(s);
        }
    } else if (type == "bool") {
        if (auto b = to_bool(s)) {
            v = json::value(*b);
        }
    } else if (type == "null") {
        if (is_one_of(s, {"", "~", "null", "Null", "NULL"})) {
            v = json::value(nullptr);
        }
    } else {
        // Other core tags (!!binary, !!timestamp) carry text a JSON reader expects as a string.
        v = json::value(s);
    }
    if (!v) {
        fail(node.Mark(), "'" + s + "' is not a valid !!" + std::string(type));
    }
    return *v;
}

json::value scalar(const YAML::Node& node) {
    std::string_view tag = node.Tag();
    if (tag == plain_tag) {
        return plain_scalar(node.Scalar());
    }
    if (tag.starts_with(core_prefix)) {
        tag.remove_prefix(core_prefix.size());
        return tagged_scalar(node, tag);
    }
    // Quoted and block scalars ("!") and application tags keep their text.
    return json::value(node.Scalar());
}

json::value convert(const YAML::Node& node, int depth);

json::value mapping(const YAML::Node& node, int depth) {
    json::object out;
    out.reserve(node.size());
    for (auto it = node.begin(); it != node.end(); ++it) {
        // The iterator yields a temporary pair of node handles: copy the (cheap) handles.
        const YAML::Node key = it->first;
        const YAML::Node value = it->second;
        std::string name;
        if (key.IsScalar()) {
            name = key.Scalar();
        } else if (key.IsNull()) {
            name = "null";
        } else {
            fail(key.Mark(), "a mapping key must be a scalar");
        }
        if (out.contains(name)) {
            fail(key.Mark(), "duplicate key '" + name + "'");
        }
        out.emplace(name, convert(value, depth + 1));
    }
    return out;
}

json::value convert(const YAML::Node& node, int depth) {
    if (depth > max_depth) {
        fail(node.Mark(), "nesting deeper than " + std::to_string(max_depth) + " levels");
    }
    switch (node.Type()) {
        case YAML::NodeType::Scalar:
            return scalar(node);
        case YAML::NodeType::Sequence: {
            json::array out;
            out.reserve(node.size());
            for (const YAML::Node& item : node) {
                out.push_back(convert(item, depth + 1));
            }
            return out;
        }
        case YAML::NodeType::Map:
            return mapping(node, depth);
        case YAML::NodeType::Null:
        case YAML::NodeType::Undefined:
            break;
    }
    return nullptr;
}

}  // namespace

json::value yaml_to_json(std::string_view text) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::Exception& e) {
        fail(e.mark, e.msg);
    }
    return convert(root, 0);
}

}  // namespace clerk_mcp::spec
