// What the request_parameters*.cpp files share: coercing a JSON value to the scalar a parameter
// declares and checking it against the schema's constraints, plus small readers for the
// operation's parameter list. Not part of request_parameters.hpp's interface.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "spec/document.hpp"

namespace clerk_mcp::tools::detail {

// How many near names an unknown-parameter violation suggests at most.
inline constexpr std::size_t max_suggestions = 5;

// A parameter value as this server sends it.
struct scalar {
    boost::json::value value;  // as coerced: "10" -> 10 for an integer parameter
    std::string text;          // as written in the URL, before percent-encoding
};

// A scalar, or why the value cannot be one (a sentence fragment such as "expected an integer,
// got ...").
using scalar_result = boost::system::result<scalar, std::string>;

// `value` as the scalar `schema` declares (its `type`, or guessed from the value when `schema`
// is null or untyped), checked against the schema's enum, bounds, lengths and pattern.
scalar_result to_scalar(const boost::json::value& value, const boost::json::object* schema);

// `value` as a string parameter: strings as they are, integers and booleans spelled as JSON
// spells them; anything else is an error.
scalar_result to_text(const boost::json::value& value);

// Why `converted` breaks the schema's enum, bounds, lengths or pattern; empty when it does not.
std::string constraint_problem(const scalar& converted, const boost::json::object& schema);

// The object at `node[key]`, or null when `node` is null or the field is missing or not an
// object.
const boost::json::object* object_field(const boost::json::object* node, std::string_view key);

// The string at `node[key]`, or empty when `node` is null or the field is missing or not a string.
std::string_view string_field(const boost::json::object* node, std::string_view key);

// `names` joined with `separator`.
std::string join(const std::vector<std::string>& names, std::string_view separator = ", ");

// True when `names` holds `name`.
bool contains(const std::vector<std::string>& names, std::string_view name);

// The names of the parameters in `parameters` whose `in` is `location`, in order.
std::vector<std::string> names_in(const boost::json::array& parameters, std::string_view location);

// The parameter object named `name` at `location`, or null.
const boost::json::object* find_parameter(const boost::json::array& parameters,
                                          std::string_view location,
                                          std::string_view name);

// "METHOD /path", for messages.
std::string endpoint(const spec::operation& op);

}  // namespace clerk_mcp::tools::detail
