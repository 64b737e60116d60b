// What the router's .cpp files share: readers for the fields of a parsed JSON-RPC message that
// the HTTP rules look at, and the error answer they build. Not part of the router's interface.
#pragma once

#include <string_view>
#include <utility>

#include <boost/json/object.hpp>
#include <boost/json/string.hpp>
#include <boost/json/value.hpp>

#include "mcp/http_router.hpp"

namespace clerk_mcp::mcp::detail {

// The message's id; null when it has none (a notification, or not an object).
inline boost::json::value id_of(const boost::json::value& message) {
    if (const boost::json::object* object = message.if_object()) {
        if (const boost::json::value* id = object->if_contains("id")) {
            return *id;
        }
    }
    return nullptr;
}

// The message's method; empty when it has none or it is not a string.
inline std::string_view method_of(const boost::json::value& message) {
    if (const boost::json::object* object = message.if_object()) {
        if (const boost::json::value* method = object->if_contains("method")) {
            if (const boost::json::string* text = method->if_string()) {
                return *text;
            }
        }
    }
    return {};
}

// The message's params when they are an object; null otherwise.
inline const boost::json::object* params_of(const boost::json::value& message) {
    if (const boost::json::object* object = message.if_object()) {
        if (const boost::json::value* params = object->if_contains("params")) {
            return params->if_object();
        }
    }
    return nullptr;
}

// An HTTP answer carrying a JSON-RPC error.
inline http_answer error_answer(unsigned status,
                                const boost::json::value& id,
                                int code,
                                std::string_view message,
                                boost::json::value data = nullptr) {
    return http_answer{status, {}, jsonrpc_error_text(id, code, message, std::move(data))};
}

}  // namespace clerk_mcp::mcp::detail
