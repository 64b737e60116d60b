// Pagination knowledge: BAPI list endpoints take `limit` and `offset` query parameters (the
// specs' LimitParameter: 1-500, default 10 on most; 1-100 on a few) and answer either with a bare
// array or with {data, total_count}.
#include <charconv>
#include <limits>
#include <string>

#include "tools/clerk_knowledge.hpp"

namespace clerk_mcp::tools {

namespace {

namespace json = boost::json;

// An integer from a JSON number or a decimal string; nothing for anything else.
std::optional<std::int64_t> as_integer(const json::value& value) {
    if (value.is_int64()) {
        return value.as_int64();
    }
    if (value.is_uint64() &&
        value.as_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return static_cast<std::int64_t>(value.as_uint64());
    }
    if (value.is_double()) {
        const double d = value.as_double();
        if (d >= 0 && d <= 9e15 && d == static_cast<double>(static_cast<std::int64_t>(d))) {
            return static_cast<std::int64_t>(d);
        }
        return std::nullopt;
    }
    if (value.is_string()) {
        const json::string& text = value.as_string();
        std::int64_t parsed = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
        if (ec == std::errc() && end == text.data() + text.size()) {
            return parsed;
        }
    }
    return std::nullopt;
}

// The query parameter named `name` in a resolved parameter list, or null.
const json::object* find_query_parameter(const json::array& parameters, std::string_view name) {
    for (const auto& parameter : parameters) {
        const json::object* object = parameter.if_object();
        if (object == nullptr) {
            continue;
        }
        const json::value* in = object->if_contains("in");
        const json::value* parameter_name = object->if_contains("name");
        if (in && parameter_name && in->is_string() && parameter_name->is_string() &&
            in->as_string() == "query" && parameter_name->as_string() == name) {
            return object;
        }
    }
    return nullptr;
}

std::string range_text(const pagination_parameters& spec) {
    return std::to_string(spec.min_limit) + "-" + std::to_string(spec.max_limit) + ", default " +
           std::to_string(spec.default_limit);
}

}  // namespace

std::optional<pagination_parameters> find_pagination(const json::array& parameters) {
    const json::object* limit = find_query_parameter(parameters, "limit");
    if (limit == nullptr || find_query_parameter(parameters, "offset") == nullptr) {
        return std::nullopt;
    }
    pagination_parameters out;
    const json::value* schema = limit->if_contains("schema");
    if (schema == nullptr || !schema->is_object()) {
        return out;
    }
    const json::object& bounds = schema->as_object();
    const auto read = [&](std::string_view key, std::int64_t& target) {
        if (const json::value* value = bounds.if_contains(key)) {
            target = as_integer(*value).value_or(target);
        }
    };
    read("default", out.default_limit);
    read("minimum", out.min_limit);
    read("maximum", out.max_limit);
    return out;
}

page_request requested_page(const json::object& query, const pagination_parameters& spec) {
    page_request out{.limit = spec.default_limit, .offset = 0};
    if (const json::value* limit = query.if_contains("limit")) {
        out.limit = as_integer(*limit).value_or(out.limit);
    }
    if (const json::value* offset = query.if_contains("offset")) {
        out.offset = as_integer(*offset).value_or(out.offset);
    }
    return out;
}

std::optional<page_info> inspect_page(const json::value& body, const page_request& request) {
    page_info page;
    page.request = request;
    if (body.is_array()) {
        page.response_shape = page_info::shape::bare_array;
        page.returned = body.as_array().size();
    } else if (const json::object* object = body.if_object()) {
        const json::value* data = object->if_contains("data");
        if (data == nullptr || !data->is_array()) {
            return std::nullopt;
        }
        page.response_shape = page_info::shape::data_and_total_count;
        page.returned = data->as_array().size();
        if (const json::value* total = object->if_contains("total_count")) {
            page.total_count = as_integer(*total);
        }
    } else {
        return std::nullopt;
    }

    // An empty page never points further, so a client following next_offset always stops.
    const auto after = request.offset + static_cast<std::int64_t>(page.returned);
    if (page.returned == 0) {
        return page;
    }
    if (page.total_count) {
        if (after < *page.total_count) {
            page.next_offset = after;
        }
    } else if (static_cast<std::int64_t>(page.returned) >= request.limit) {
        page.next_offset = after;
    }
    return page;
}

json::object to_json(const page_info& page, const pagination_parameters& spec) {
    json::object out;
    out["shape"] =
        page.response_shape == page_info::shape::bare_array ? "array" : "data_and_total_count";
    out["returned"] = page.returned;
    out["limit"] = page.request.limit;
    out["offset"] = page.request.offset;
    if (page.total_count) {
        out["total_count"] = *page.total_count;
    }
    if (page.next_offset) {
        out["next_offset"] = *page.next_offset;
    }
    out["hint"] = render(page, spec);
    return out;
}

std::string render(const page_info& page, const pagination_parameters& spec) {
    std::string out = "Results are paginated with `limit` (" + range_text(spec) +
                      ") and `offset` (default 0). This page holds " +
                      std::to_string(page.returned) + " result(s) from offset " +
                      std::to_string(page.request.offset);
    if (page.total_count) {
        out += " of " + std::to_string(*page.total_count) + " in total";
    }
    out += ".";

    if (page.next_offset) {
        out += page.total_count ? " More results follow"
                                : " The page came back full, so more "
                                  "results may follow";
        out += ": request offset=" + std::to_string(*page.next_offset) +
               " with limit=" + std::to_string(page.request.limit) + " for the next page.";
    } else {
        out += " This is the last page.";
    }
    return out;
}

}  // namespace clerk_mcp::tools
