// Finding the operation a tool call names, by method and path template or by operationId, and
// the near misses to offer when it names none.
#pragma once

#include <boost/json/object.hpp>

#include "tools/arguments.hpp"

namespace clerk_mcp::tools {

// The operation named by `args`: {method, path} or {operation_id}. Fails with an error result
// that says what to pass, and for an unknown endpoint lists near misses: other methods on the
// same path, paths that differ in one closely spelled segment, closest first (a concrete id
// given where the template has a parameter is matched to that template), and operationIds
// with a similar spelling.
arg_result<const spec::operation*> find_operation(const spec::document& doc,
                                                  const boost::json::object& args);

}  // namespace clerk_mcp::tools
