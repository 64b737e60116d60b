// The describe_endpoint view of one operation, shared by describe_endpoint and by
// execute_request's error results (which point the model at the right shape).
#pragma once

#include <boost/json/object.hpp>

#include "spec/document.hpp"

namespace clerk_mcp::tools {

// {version, method, path, operation_id, summary, description, tags, deprecated, parameters,
// request_body, responses, requires}. Response schemas are summarized to fields and types unless
// `expand_responses`; the request side is always complete.
boost::json::object describe_operation(const spec::document& doc,
                                       const spec::operation& op,
                                       bool expand_responses);

// The output schema of describe_endpoint.
boost::json::object describe_output_schema();

}  // namespace clerk_mcp::tools
