// What a spec keeps on its way into the server: Clerk's specs carry SDK-generator settings that
// say nothing about the API itself. Applied the same way to embedded and folder-loaded specs, so
// both serve identical documents.
#pragma once

#include <boost/json/value.hpp>

namespace clerk_mcp::spec {

// Removes, anywhere in `spec`, the object keys that only steer Clerk's SDK generator
// (`x-speakeasy-*`) or its documentation site (`x-logo`). Keys inside a schema's `properties`
// are property names, and `example`, `examples`, `default`, `enum` and `const` hold data, so
// neither is touched. Everything else, descriptions and examples included, is kept: a model
// reads them to build correct requests.
void drop_generator_extensions(boost::json::value& spec);

}  // namespace clerk_mcp::spec
