// Turning Clerk's answer (or the lack of one) into a tool result: the data cut to a bound with
// a marker, pagination guidance for list endpoints, and Clerk errors with a next step.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "mcp/tool.hpp"
#include "tools/clerk_client.hpp"

namespace clerk_mcp::tools {

struct response_context {
    std::string method;
    std::string path;               // the spec's template
    std::string instance;           // describe_instance() of the key
    boost::json::object request;    // the request as previewed (method, path, query, body)
    boost::json::object query;      // the validated query, for the page arithmetic
    boost::json::array parameters;  // the operation's resolved parameters
    std::size_t result_limit = 24 * 1024;
};

// The result for an HTTP answer: 2xx -> {status, instance, request, data, pagination?,
// truncated?}; any other status -> an error result from Clerk's error body.
mcp::tool_result response_result(const response_context& context, const http_response& response);

// The result when no answer came back: what failed, whether Clerk may have acted on a write,
// and what to do.
mcp::tool_result transport_failure_result(const response_context& context,
                                          const transport_error& error);

// ISO 8601 UTC, e.g. 2026-12-03T19:40:00Z.
std::string format_time(std::chrono::system_clock::time_point t);

}  // namespace clerk_mcp::tools
