// `$ref` resolution inside one OpenAPI document: JSON Pointer lookup of local references and the
// deep, cycle-safe expansion the tools show to a model.
#pragma once

#include <string_view>

#include <boost/json/value.hpp>

namespace clerk_mcp::spec {

// The node that the local reference `ref` (a URI fragment such as
// "#/components/schemas/User") names inside `root`, or null when `ref` is not local (does not
// start with '#') or names nothing. The fragment is percent-decoded, then read as a JSON Pointer
// (RFC 6901: "~1" is '/', "~0" is '~'). "#" alone names `root`.
const boost::json::value* lookup_ref(const boost::json::value& root, std::string_view ref);

// A deep copy of `node` in which every object holding a `$ref` is replaced by the expansion of
// its target, recursively. Only the parts reached from `node` are copied, never all of `root`.
//
// A reference is never followed outside `root`:
// - not local (an external file or URL): {"$external": "<ref>"};
// - local but naming nothing: {"$missing": "<ref>"};
// - naming a target that is already being expanded on the current branch (a recursive schema):
//   {"$recursive": "<ref>"}. The same target reached again on another branch is expanded again.
//
// Keys beside `$ref` are kept and win over the target's keys of the same name. OpenAPI 3.0 says
// such siblings are ignored, but Clerk's specs put context-specific `description` and `nullable`
// there, which is what a reader needs at that spot (OpenAPI 3.1 lets `description` override too).
// A marker object keeps the siblings as well.
//
// The result owns its memory (the default memory resource) and does not refer to `root`. `root`
// is only read, so concurrent calls are safe.
boost::json::value resolve_refs(const boost::json::value& root, const boost::json::value& node);

}  // namespace clerk_mcp::spec
