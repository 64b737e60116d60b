// Converts YAML text into a Boost.JSON value. This is the only place in the spec layer that knows
// yaml-cpp; everything after it works on JSON, whether a spec came from a YAML file at run time or
// from the JSON compiled into the binary.
#pragma once

#include <string_view>

#include <boost/json/value.hpp>

namespace clerk_mcp::spec {

// Parses one YAML document and returns it as JSON.
//
// Plain (unquoted) scalars are typed by the YAML 1.2 core schema: `null`, `~` and empty are
// null; `true`/`false` (also capitalized or upper case) are booleans; decimal, `0x` hex and `0o`
// octal integers become int64 (uint64 when too large for int64, double when too large for
// both); decimal floats become doubles. Anything else, every quoted or block scalar, and every
// scalar with the explicit `!!str` tag stays a string. `.inf` and `.nan` stay strings because
// JSON cannot represent them. Mapping keys are always strings; aliases are expanded into copies.
//
// Empty text gives null. Throws std::runtime_error, with the 1-based line and column, when the
// text is not valid YAML, holds a duplicate or non-scalar key, gives a scalar an explicit core
// tag (`!!int`, `!!float`, `!!bool`, `!!null`) it does not match, or nests deeper than about 500
// levels (yaml-cpp's own limit).
boost::json::value yaml_to_json(std::string_view text);

}  // namespace clerk_mcp::spec
