// The query half: every given value checked against the parameter the operation declares,
// coerced, and encoded so that it cannot change the URL's structure; required parameters checked
// for presence. Query values only need to be what the operation declares.
#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include <boost/json/value.hpp>

#include "spec/suggest.hpp"
#include "tools/request_parameters.hpp"
#include "tools/request_parameters_internal.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;
using detail::endpoint;
using detail::join;
using detail::object_field;
using detail::string_field;

namespace {

// Encoded "name=value" texts, each with its parameter's name, to sort by.
using encoded_pairs = std::vector<std::pair<std::string, std::string>>;

violation unknown_query_parameter(const spec::operation& op,
                                  std::string_view name,
                                  const std::vector<std::string>& query_names) {
    violation unknown{"query." + std::string(name), {}, {}};
    if (detail::contains(template_names(op.path), name)) {
        unknown.problem = "is a path parameter of " + endpoint(op) + ": pass it in `path_params`";
    } else if (query_names.empty()) {
        unknown.problem = "is not a query parameter: " + endpoint(op) + " takes none";
    } else {
        // The full list only when no near name stands out: it can run to thirty names.
        unknown.suggestions = spec::closest(name, query_names, detail::max_suggestions);
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

// Every item of `value` (a lone value counts as a list of one) coerced to `items`, with its
// encoded text appended to `texts`. Returns nothing after adding a violation per failed item.
std::optional<json::array> coerce_items(const std::string& where,
                                        const json::value& value,
                                        const json::object* items,
                                        std::vector<std::string>& texts,
                                        std::vector<violation>& violations) {
    const json::array single{value};
    const json::array& given = value.is_array() ? value.get_array() : single;
    json::array converted_items;
    for (std::size_t i = 0; i < given.size(); ++i) {
        detail::scalar_result converted = detail::to_scalar(given[i], items);
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
    return converted_items;
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
    std::vector<std::string> texts;
    std::optional<json::array> converted = coerce_items(where, value, items, texts, violations);
    if (!converted) {
        return std::nullopt;
    }
    coerced = std::move(*converted);

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

// Encodes each of `values` into `encoded` and its coerced form into `coerced`, or adds a
// violation for it.
void encode_given(const spec::operation& op,
                  const json::array& parameters,
                  const json::object& values,
                  encoded_pairs& encoded,
                  json::object& coerced,
                  std::vector<violation>& violations) {
    const std::vector<std::string> query_names = detail::names_in(parameters, "query");
    for (const auto& [key, value] : values) {
        const json::object* parameter = detail::find_parameter(parameters, "query", key);
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
            json::value items;
            if (auto text = encode_array(key, value, *parameter, items, violations)) {
                encoded.emplace_back(key, std::move(*text));
                coerced[key] = std::move(items);
            }
        } else if (type == "object") {
            violations.push_back(
                {where, "is an object parameter, which this server cannot send", {}});
        } else if (detail::scalar_result converted = detail::to_scalar(value, schema); !converted) {
            violations.push_back({where, std::move(converted.error()), {}});
        } else {
            encoded.emplace_back(key, percent_encode(key) + "=" + percent_encode(converted->text));
            coerced[key] = std::move(converted->value);
        }
    }
}

// A violation for each required query parameter missing from `values`, and for each required
// header or cookie parameter, which this server has no way to set.
void report_required(const spec::operation& op,
                     const json::array& parameters,
                     const json::object& values,
                     std::vector<violation>& violations) {
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
}

// The query string: sorted by name so that the same request always has the same text; a stable
// sort keeps the repeated values of an exploded array in the order given.
std::string joined_by_name(encoded_pairs& encoded) {
    std::stable_sort(encoded.begin(), encoded.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    std::string text;
    for (const auto& [name, pair] : encoded) {
        text += text.empty() ? "" : "&";
        text += pair;
    }
    return text;
}

}  // namespace

encoded_query encode_query(const spec::operation& op,
                           const json::array& parameters,
                           const json::object& values,
                           std::vector<violation>& violations) {
    encoded_pairs encoded;
    encoded_query out;
    encode_given(op, parameters, values, encoded, out.values, violations);
    report_required(op, parameters, values, violations);
    out.text = joined_by_name(encoded);
    return out;
}

}  // namespace clerk_mcp::tools
