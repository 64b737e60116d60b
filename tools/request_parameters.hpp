// The path and query halves of request_validator: filling the path template safely, and checking,
// coercing and encoding query parameters the way the operation declares them. Separate from
// request_validator.cpp only to keep each file to one job; the rules are documented on
// request_validator::prepare.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "spec/document.hpp"
#include "tools/request_validator.hpp"

namespace clerk_mcp::tools {

// `text` percent-encoded for a path segment or a query component: RFC 3986 unreserved
// characters (ALPHA DIGIT - . _ ~) are kept, every other byte becomes %XX (upper-case hex).
std::string percent_encode(std::string_view text);

// The names of the `{name}` segments of `path_template`, in order.
std::vector<std::string> template_names(std::string_view path_template);

// `op`'s path template with each `{name}` replaced by the percent-encoded value from `values`.
// `parameters` is spec::document::parameters(op). Appends a violation ("path.<name>") for each
// missing, unsafe, mistyped or unknown value; the returned path is only meaningful when none was
// appended.
std::string fill_path(const spec::operation& op,
                      const boost::json::array& parameters,
                      const boost::json::object& values,
                      std::vector<violation>& violations);

struct encoded_query {
    std::string text;            // "a=1&b=x%20y", sorted by name
    boost::json::object values;  // coerced values, for previews
};

// Checks, coerces and encodes `values` against the query parameters in `parameters`.
// Appends a violation ("query.<name>") for each unknown name (with near names), wrong type,
// value outside the enum or bounds, and missing required parameter; also one ("header.<name>",
// "cookie.<name>") for each required parameter this server cannot send.
encoded_query encode_query(const spec::operation& op,
                           const boost::json::array& parameters,
                           const boost::json::object& values,
                           std::vector<violation>& violations);

}  // namespace clerk_mcp::tools
