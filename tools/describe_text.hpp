// The text rendering of a describe_endpoint result: what a model reads when its host passes it
// the result's text block rather than its structuredContent.
#pragma once

#include <string>

#include <boost/json/object.hpp>

namespace clerk_mcp::tools {

// Renders `described` (an object made by describe_operation) as compact text holding the same
// facts: a heading line, the operation's description, one line per parameter with its place,
// type, constraints and description, the request body and response schemas as compact JSON, and
// what executing it requires. Soft line breaks of the spec's prose become spaces. Roughly half
// the bytes of the JSON, since no key is repeated per parameter.
std::string render_operation_text(const boost::json::object& described);

}  // namespace clerk_mcp::tools
