// Turning the JSON values a model passes into the scalars a parameter declares, and checking them
// against the schema's constraints. Shared by the path half (request_parameters_path.cpp) and the
// query half (request_parameters_query.cpp); the rules are documented on
// request_validator::prepare.
#include "tools/request_parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <regex>
#include <tuple>
#include <utility>

#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value_to.hpp>

#include "tools/compiled_schema.hpp"
#include "tools/request_parameters_internal.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

namespace detail {
namespace {

// The longest value a `pattern` is checked on (see matches()).
constexpr std::size_t max_regex_input = 1024;

// A whole-string decimal integer ("-12"); no sign '+', no spaces, no fraction.
std::optional<std::int64_t> parse_integer(std::string_view text) {
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return number;
}

std::optional<double> parse_number(std::string_view text) {
    double number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(number)) {
        return std::nullopt;
    }
    return number;
}

scalar_result to_integer(const json::value& value) {
    if (value.is_int64()) {
        return scalar{value, std::to_string(value.get_int64())};
    }
    if (value.is_uint64()) {
        return scalar{value, std::to_string(value.get_uint64())};
    }
    // JSON has one number type; 10.0 is the integer 10, 10.5 is not an integer.
    if (value.is_double() && std::floor(value.get_double()) == value.get_double() &&
        std::fabs(value.get_double()) <= 9007199254740992.0) {
        const auto number = static_cast<std::int64_t>(value.get_double());
        return scalar{number, std::to_string(number)};
    }
    if (value.is_string()) {
        if (const auto number = parse_integer(value.get_string())) {
            return scalar{*number, std::to_string(*number)};
        }
    }
    return "expected an integer, got " + describe_value(value);
}

scalar_result to_number(const json::value& value) {
    if (value.is_int64() || value.is_uint64()) {
        return to_integer(value);
    }
    if (value.is_double() && std::isfinite(value.get_double())) {
        return scalar{value, number_text(value.get_double())};
    }
    if (value.is_string()) {
        if (const auto number = parse_number(value.get_string())) {
            return scalar{*number, number_text(*number)};
        }
    }
    return "expected a number, got " + describe_value(value);
}

scalar_result to_boolean(const json::value& value) {
    if (value.is_bool()) {
        return scalar{value, value.get_bool() ? "true" : "false"};
    }
    if (value.is_string() && (value.get_string() == "true" || value.get_string() == "false")) {
        const bool flag = value.get_string() == "true";
        return scalar{flag, flag ? "true" : "false"};
    }
    return "expected a boolean (true or false), got " + describe_value(value);
}

std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

// A pattern std::regex cannot compile counts as matched, and so does text longer than
// max_regex_input: libstdc++'s matcher recurses once per character and would overflow the stack.
// Clerk checks those itself.
bool matches(std::string_view pattern, std::string_view text) {
    if (text.size() > max_regex_input) {
        return true;
    }
    try {
        const std::regex compiled(pattern.begin(), pattern.end(), std::regex::ECMAScript);
        return std::regex_search(text.begin(), text.end(), compiled);
    } catch (const std::regex_error&) {
        return true;
    }
}

bool same_value(const json::value& a, const json::value& b) {
    if (a.is_number() && b.is_number()) {
        return json::value_to<double>(a) == json::value_to<double>(b);
    }
    return a == b;
}

// Why `value` is not among the schema's `enum` values; empty when it is, or there is no enum.
std::string enum_problem(const json::value& value, const json::object& schema) {
    const json::value* allowed = schema.if_contains("enum");
    if (allowed == nullptr || !allowed->is_array()) {
        return {};
    }
    const json::array& values = allowed->get_array();
    const bool listed = std::any_of(
        values.begin(), values.end(), [&](const json::value& v) { return same_value(v, value); });
    if (listed) {
        return {};
    }
    std::vector<std::string> names;
    for (const json::value& v : values) {
        names.push_back(json::serialize(v));
    }
    return "must be one of: " + join(names) + " (got " + describe_value(value) + ")";
}

// Why the number in `converted` is outside the schema's minimum or maximum; empty when inside.
std::string bound_problem(const scalar& converted, const json::object& schema) {
    const double number = json::value_to<double>(converted.value);
    for (const auto& [keyword, exclusive_keyword, lower] :
         {std::tuple{"minimum", "exclusiveMinimum", true},
          std::tuple{"maximum", "exclusiveMaximum", false}}) {
        const json::value* bound = schema.if_contains(keyword);
        if (bound == nullptr || !bound->is_number()) {
            continue;
        }
        const json::value* exclusive = schema.if_contains(exclusive_keyword);
        const bool strict = exclusive != nullptr && exclusive->is_bool() && exclusive->get_bool();
        const double limit = json::value_to<double>(*bound);
        const bool ok = lower ? (strict ? number > limit : number >= limit)
                              : (strict ? number < limit : number <= limit);
        if (!ok) {
            return std::string("must be ") + (lower ? ">" : "<") + (strict ? "" : "=") + " " +
                   json::serialize(*bound) + " (got " + converted.text + ")";
        }
    }
    return {};
}

// Why the string `value` breaks the schema's lengths or pattern; empty when it does not.
std::string text_problem(const json::value& value, const json::object& schema) {
    const std::size_t length = code_points(value.get_string());
    const json::value* min_length = schema.if_contains("minLength");
    const json::value* max_length = schema.if_contains("maxLength");
    if (min_length != nullptr && min_length->is_int64() &&
        length < static_cast<std::size_t>(min_length->get_int64())) {
        return "must be at least " + json::serialize(*min_length) + " characters long";
    }
    if (max_length != nullptr && max_length->is_int64() &&
        length > static_cast<std::size_t>(max_length->get_int64())) {
        return "must be at most " + json::serialize(*max_length) + " characters long";
    }
    if (const std::string_view pattern = string_field(&schema, "pattern");
        !pattern.empty() && !matches(pattern, value.get_string())) {
        return "must match the pattern " + std::string(pattern) + " (got " + describe_value(value) +
               ")";
    }
    return {};
}

}  // namespace

const json::object* object_field(const json::object* node, std::string_view key) {
    const json::value* found = node != nullptr ? node->if_contains(key) : nullptr;
    return found != nullptr && found->is_object() ? &found->get_object() : nullptr;
}

std::string_view string_field(const json::object* node, std::string_view key) {
    const json::value* found = node != nullptr ? node->if_contains(key) : nullptr;
    return found != nullptr && found->is_string() ? std::string_view(found->get_string())
                                                  : std::string_view();
}

std::string join(const std::vector<std::string>& names, std::string_view separator) {
    std::string out;
    for (const std::string& name : names) {
        out += out.empty() ? "" : separator;
        out += name;
    }
    return out;
}

scalar_result to_text(const json::value& value) {
    if (value.is_string()) {
        return scalar{value, std::string(value.get_string())};
    }
    // Spelled as JSON spells them: some string parameters are enums of "true" and "false".
    if (value.is_int64() || value.is_uint64() || value.is_bool()) {
        const std::string text = json::serialize(value);
        return scalar{json::string(text), text};
    }
    return "expected a string, got " + describe_value(value);
}

std::string constraint_problem(const scalar& converted, const json::object& schema) {
    if (std::string problem = enum_problem(converted.value, schema); !problem.empty()) {
        return problem;
    }
    if (converted.value.is_number()) {
        if (std::string problem = bound_problem(converted, schema); !problem.empty()) {
            return problem;
        }
    }
    if (converted.value.is_string()) {
        return text_problem(converted.value, schema);
    }
    return {};
}

scalar_result to_scalar(const json::value& value, const json::object* schema) {
    const std::string_view type = string_field(schema, "type");
    scalar_result converted = type == "integer"   ? to_integer(value)
                              : type == "number"  ? to_number(value)
                              : type == "boolean" ? to_boolean(value)
                              : type == "string"  ? to_text(value)
                              : value.is_bool()   ? to_boolean(value)
                              : value.is_number() ? to_number(value)
                                                  : to_text(value);
    if (converted && schema != nullptr) {
        if (std::string problem = constraint_problem(*converted, *schema); !problem.empty()) {
            return problem;
        }
    }
    return converted;
}

std::vector<std::string> names_in(const json::array& parameters, std::string_view location) {
    std::vector<std::string> names;
    for (const json::value& parameter : parameters) {
        const json::object* object = parameter.is_object() ? &parameter.get_object() : nullptr;
        if (string_field(object, "in") == location) {
            names.emplace_back(string_field(object, "name"));
        }
    }
    return names;
}

const json::object* find_parameter(const json::array& parameters,
                                   std::string_view location,
                                   std::string_view name) {
    for (const json::value& parameter : parameters) {
        const json::object* object = parameter.is_object() ? &parameter.get_object() : nullptr;
        if (string_field(object, "in") == location && string_field(object, "name") == name) {
            return object;
        }
    }
    return nullptr;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string endpoint(const spec::operation& op) {
    return op.method + " " + op.path;
}

}  // namespace detail
}  // namespace clerk_mcp::tools
