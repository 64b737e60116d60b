// Reading tool arguments: type checks with errors a model can act on, unknown argument names
// with near spellings, and the choice of spec version.
#pragma once

#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/system/result.hpp>

#include "mcp/tool.hpp"
#include "spec/catalog.hpp"

namespace clerk_mcp::tools {

// A failed argument check, already phrased as the tool result the model will read.
using arg_result_error = mcp::tool_result;

template <class T>
using arg_result = boost::system::result<T, mcp::tool_result>;

// Fails when `args` has a member not in `allowed`, naming the closest allowed name.
std::optional<mcp::tool_result> reject_unknown_arguments(
    const boost::json::object& args,
    std::initializer_list<std::string_view> allowed,
    std::string_view tool_name);

// The string argument `name`, or nothing when absent or null. Fails when it has another type.
arg_result<std::optional<std::string>> optional_string(const boost::json::object& args,
                                                       std::string_view name);

// The boolean argument `name`, or `fallback` when absent. Fails when it has another type.
arg_result<bool> optional_bool(const boost::json::object& args,
                               std::string_view name,
                               bool fallback);

// The object argument `name`, or nothing when absent or null. Fails when it has another type.
arg_result<const boost::json::object*> optional_object(const boost::json::object& args,
                                                       std::string_view name);

// The document of the `version` argument (the latest when absent). Fails with the served
// versions when the version is unknown or cannot be loaded.
arg_result<std::shared_ptr<const spec::document>> document_for(const spec::catalog& catalog,
                                                               const boost::json::object& args);

}  // namespace clerk_mcp::tools
