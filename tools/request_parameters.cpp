// Path values are treated as hostile: they come from a model that may have been fed text by an
// attacker, and a value such as "../organizations" or "a%2Fb" would let a call reach an endpoint
// other than the one the scope check and the confirmation covered. Query values only need to be
// what the operation declares; encoding keeps them from changing the URL's structure.
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

#include "spec/suggest.hpp"
#include "tools/compiled_schema.hpp"

namespace clerk_mcp::tools {
namespace {

namespace json = boost::json;

constexpr std::size_t max_suggestions = 5;

// The longest value a `pattern` is checked on (see matches()).
constexpr std::size_t max_regex_input = 1024;

// UTF-8 forms of characters that look like nothing or like a space: C1 controls (U+0080 to
// U+009F all start with C2 and a byte below A0), no-break and typographic spaces, zero-width
// characters, line and paragraph separators, the byte-order mark.
constexpr std::string_view invisible_characters[] = {
    "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83",
    "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
    "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\xA8", "\xE2\x80\xA9",
    "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE2\x81\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF",
};

struct scalar {
    json::value value;  // as coerced: "10" -> 10 for an integer parameter
    std::string text;   // as written in the URL, before percent-encoding
};

using scalar_result = boost::system::result<scalar, std::string>;

const json::object* object_field(const json::object* node, std::string_view key) {
    const json::value* found = node != nullptr ? node->if_contains(key) : nullptr;
    return found != nullptr && found->is_object() ? &found->get_object() : nullptr;
}

std::string_view string_field(const json::object* node, std::string_view key) {
    const json::value* found = node != nullptr ? node->if_contains(key) : nullptr;
    return found != nullptr && found->is_string() ? std::string_view(found->get_string())
                                                  : std::string_view();
}

std::string join(const std::vector<std::string>& names, std::string_view separator = ", ") {
    std::string out;
    for (const std::string& name : names) {
        out += out.empty() ? "" : separator;
        out += name;
    }
    return out;
}

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

// Why `converted` breaks the schema's enum, bounds or lengths; empty when it does not.
std::string constraint_problem(const scalar& converted, const json::object& schema) {
    const json::value& value = converted.value;
    if (const json::value* allowed = schema.if_contains("enum"); allowed && allowed->is_array()) {
        const json::array& values = allowed->get_array();
        const bool listed = std::any_of(values.begin(), values.end(), [&](const json::value& v) {
            return same_value(v, value);
        });
        if (!listed) {
            std::vector<std::string> names;
            for (const json::value& v : values) {
                names.push_back(json::serialize(v));
            }
            return "must be one of: " + join(names) + " (got " + describe_value(value) + ")";
        }
    }
    if (value.is_number()) {
        const double number = json::value_to<double>(value);
        for (const auto& [keyword, exclusive_keyword, lower] :
             {std::tuple{"minimum", "exclusiveMinimum", true},
              std::tuple{"maximum", "exclusiveMaximum", false}}) {
            const json::value* bound = schema.if_contains(keyword);
            if (bound == nullptr || !bound->is_number()) {
                continue;
            }
            const json::value* exclusive = schema.if_contains(exclusive_keyword);
            const bool strict =
                exclusive != nullptr && exclusive->is_bool() && exclusive->get_bool();
            const double limit = json::value_to<double>(*bound);
            const bool ok = lower ? (strict ? number > limit : number >= limit)
                                  : (strict ? number < limit : number <= limit);
            if (!ok) {
                return std::string("must be ") + (lower ? ">" : "<") + (strict ? "" : "=") + " " +
                       json::serialize(*bound) + " (got " + converted.text + ")";
            }
        }
    }
    if (value.is_string()) {
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
            return "must match the pattern " + std::string(pattern) + " (got " +
                   describe_value(value) + ")";
        }
    }
    return {};
}

// `value` as the scalar `schema` declares, or why it cannot be one.
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

// Why `text` may not stand in a path segment; empty when it may.
std::string unsafe_path_value(std::string_view text) {
    if (text.empty()) {
        return "is empty; pass the identifier of the object to address";
    }
    if (text.find_first_not_of('.') == std::string_view::npos || text.find("..") != text.npos) {
        return "contains \"..\" or is only dots, which would address another path";
    }
    if (text.find_first_of("/\\") != text.npos) {
        return "contains '/' or '\\', which would address another path; pass one identifier";
    }
    if (text.find('%') != text.npos) {
        return "contains '%': percent-escapes are refused in path parameters (an escaped '/' or "
               "'.' could address another path); pass the raw identifier, this server encodes it";
    }
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            return "contains a control character";
        }
        if (c == ' ') {
            return "contains a space; identifiers have none (check for stray whitespace)";
        }
    }
    for (std::string_view invisible : invisible_characters) {
        if (text.find(invisible) != text.npos) {
            return "contains an invisible or space-like Unicode character";
        }
    }
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == '\xC2' && static_cast<unsigned char>(text[i + 1]) < 0xA0 &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80) {
            return "contains a control character";
        }
    }
    return {};
}

}  // namespace

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

std::vector<std::string> template_names(std::string_view path_template) {
    std::vector<std::string> names;
    std::size_t open = path_template.find('{');
    while (open != std::string_view::npos) {
        const std::size_t close = path_template.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        names.emplace_back(path_template.substr(open + 1, close - open - 1));
        open = path_template.find('{', close);
    }
    return names;
}

std::string fill_path(const spec::operation& op,
                      const json::array& parameters,
                      const json::object& values,
                      std::vector<violation>& violations) {
    const std::vector<std::string> names = template_names(op.path);
    const std::vector<std::string> query_names = names_in(parameters, "query");

    // Names the template does not have.
    for (const auto& [key, value] : values) {
        if (contains(names, key)) {
            continue;
        }
        violation unknown{
            "path." + std::string(key), {}, spec::closest(key, names, max_suggestions)};
        unknown.problem = contains(query_names, key)
                              ? "is a query parameter of " + endpoint(op) + ": pass it in `query`"
                              : "is not a path parameter of " + endpoint(op) + " (it has: " +
                                    (names.empty() ? std::string("none") : join(names)) + ")";
        violations.push_back(std::move(unknown));
    }

    // Each `{name}`, replaced in place.
    std::string path;
    std::size_t copied = 0;
    for (const std::string& name : names) {
        const std::size_t open = op.path.find("{" + name + "}", copied);
        path.append(op.path, copied, open - copied);
        copied = open + name.size() + 2;

        const std::string where = "path." + name;
        const json::value* value = values.if_contains(name);
        if (value == nullptr || value->is_null()) {
            violations.push_back(
                {where,
                 "is required: pass it in path_params, e.g. {\"" + name + "\": \"...\"}",
                 {}});
            continue;
        }
        if (!value->is_string() && !value->is_int64() && !value->is_uint64()) {
            violations.push_back({where, "expected a string, got " + describe_value(*value), {}});
            continue;
        }
        const scalar text = *to_text(*value);
        if (std::string problem = unsafe_path_value(text.text); !problem.empty()) {
            violations.push_back({where, std::move(problem), {}});
            continue;
        }
        const json::object* schema =
            object_field(find_parameter(parameters, "path", name), "schema");
        if (schema != nullptr) {
            if (std::string problem = constraint_problem(text, *schema); !problem.empty()) {
                violations.push_back({where, std::move(problem), {}});
                continue;
            }
        }
        path += percent_encode(text.text);
    }
    path.append(op.path, copied, std::string::npos);
    return path;
}

namespace {

violation unknown_query_parameter(const spec::operation& op,
                                  std::string_view name,
                                  const std::vector<std::string>& query_names) {
    violation unknown{"query." + std::string(name), {}, {}};
    if (contains(template_names(op.path), name)) {
        unknown.problem = "is a path parameter of " + endpoint(op) + ": pass it in `path_params`";
    } else if (query_names.empty()) {
        unknown.problem = "is not a query parameter: " + endpoint(op) + " takes none";
    } else {
        // The full list only when no near name stands out: it can run to thirty names.
        unknown.suggestions = spec::closest(name, query_names, max_suggestions);
        unknown.problem = "is not a query parameter of " + endpoint(op);
        if (unknown.suggestions.empty()) {
            unknown.problem += "; it accepts: " + join(query_names);
        }
    }
    return unknown;
}

// The separator between the values of an array sent under one name (explode false).
std::optional<std::string> array_delimiter(std::string_view style) {
    if (style == "form") {
        return ",";
    }
    if (style == "spaceDelimited") {
        return "%20";
    }
    if (style == "pipeDelimited") {
        return "|";
    }
    return std::nullopt;
}

// An array parameter: every item coerced to the item schema, then written as the parameter's
// style says. Returns the encoded "name=..." text, or nothing after adding violations.
std::optional<std::string> encode_array(std::string_view name,
                                        const json::value& value,
                                        const json::object& parameter,
                                        json::value& coerced,
                                        std::vector<violation>& violations) {
    const std::string where = "query." + std::string(name);
    const json::object* items = object_field(object_field(&parameter, "schema"), "items");
    const json::array single{value};
    const json::array& given = value.is_array() ? value.get_array() : single;

    json::array converted_items;
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < given.size(); ++i) {
        scalar_result converted = to_scalar(given[i], items);
        if (!converted) {
            violations.push_back({where + "[" + std::to_string(i) + "]", converted.error(), {}});
            continue;
        }
        converted_items.push_back(std::move(converted->value));
        texts.push_back(percent_encode(converted->text));
    }
    if (converted_items.size() != given.size()) {
        return std::nullopt;
    }
    coerced = std::move(converted_items);

    // OpenAPI 3.0 defaults: style form, and explode true for form only.
    const std::string_view style =
        string_field(&parameter, "style").empty() ? "form" : string_field(&parameter, "style");
    const json::value* explode_flag = parameter.if_contains("explode");
    const bool explode = explode_flag != nullptr && explode_flag->is_bool()
                             ? explode_flag->get_bool()
                             : style == "form";
    const std::string encoded_name = percent_encode(name);
    if (explode) {
        return encoded_name + "=" + join(texts, "&" + encoded_name + "=");
    }
    const std::optional<std::string> delimiter = array_delimiter(style);
    if (!delimiter) {
        violations.push_back(
            {where,
             "uses the query style \"" + std::string(style) + "\", which this server cannot send",
             {}});
        return std::nullopt;
    }
    return encoded_name + "=" + join(texts, *delimiter);
}

bool is_required(const json::object& parameter) {
    const json::value* required = parameter.if_contains("required");
    return required != nullptr && required->is_bool() && required->get_bool();
}

bool is_absent(const json::value* value) {
    return value == nullptr || value->is_null() ||
           (value->is_array() && value->get_array().empty());
}

}  // namespace

encoded_query encode_query(const spec::operation& op,
                           const json::array& parameters,
                           const json::object& values,
                           std::vector<violation>& violations) {
    const std::vector<std::string> query_names = names_in(parameters, "query");
    std::vector<std::pair<std::string, std::string>> encoded;  // name, "name=value"
    encoded_query out;

    for (const auto& [key, value] : values) {
        const json::object* parameter = find_parameter(parameters, "query", key);
        if (parameter == nullptr) {
            violations.push_back(unknown_query_parameter(op, key, query_names));
            continue;
        }
        if (is_absent(&value)) {
            continue;  // a null or an empty list sends nothing, as if the name were left out
        }

        const json::object* schema = object_field(parameter, "schema");
        const std::string_view type = string_field(schema, "type");
        const std::string where = "query." + std::string(key);
        if (type == "array") {
            json::value coerced;
            if (auto text = encode_array(key, value, *parameter, coerced, violations)) {
                encoded.emplace_back(key, std::move(*text));
                out.values[key] = std::move(coerced);
            }
        } else if (type == "object") {
            violations.push_back(
                {where, "is an object parameter, which this server cannot send", {}});
        } else if (scalar_result converted = to_scalar(value, schema); !converted) {
            violations.push_back({where, std::move(converted.error()), {}});
        } else {
            encoded.emplace_back(key, percent_encode(key) + "=" + percent_encode(converted->text));
            out.values[key] = std::move(converted->value);
        }
    }

    // Required parameters, and the locations this server has no way to fill.
    for (const json::value& parameter_value : parameters) {
        const json::object* parameter =
            parameter_value.is_object() ? &parameter_value.get_object() : nullptr;
        if (parameter == nullptr || !is_required(*parameter)) {
            continue;
        }
        const std::string_view location = string_field(parameter, "in");
        const std::string name(string_field(parameter, "name"));
        if (location == "query" && is_absent(values.if_contains(name))) {
            violations.push_back({"query." + name, "is required but missing", {}});
        } else if (location == "header" || location == "cookie") {
            violations.push_back({std::string(location) + "." + name,
                                  "is a required " + std::string(location) + " parameter of " +
                                      endpoint(op) + ", which this server cannot set",
                                  {}});
        }
    }

    // Sorted by name so that the same request always has the same query string; a stable sort
    // keeps the repeated values of an exploded array in the order given.
    std::stable_sort(encoded.begin(), encoded.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    for (const auto& [name, text] : encoded) {
        out.text += out.text.empty() ? "" : "&";
        out.text += text;
    }
    return out;
}

}  // namespace clerk_mcp::tools
