#include "mcp/request_meta.hpp"

#include <string>

#include "mcp/protocol.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;

json::string_view key(std::string_view name) {
    return {name.data(), name.size()};
}

const json::object* meta_of(const json::object* params) {
    if (params == nullptr) {
        return nullptr;
    }
    const json::value* meta = params->if_contains("_meta");
    return meta != nullptr ? meta->if_object() : nullptr;
}

jsonrpc::error unsupported_version(std::string_view requested) {
    json::array supported;
    for (std::string_view revision : all_revisions) {
        supported.emplace_back(key(revision));
    }
    std::string text = "unsupported protocol version \"" + std::string(requested) + "\": name " +
                       std::string(revision_2026_07_28) +
                       " in _meta, or start a session with initialize for";
    for (std::string_view revision : session_revisions) {
        text += " " + std::string(revision);
    }
    return jsonrpc::make_error(
        error_code::unsupported_protocol_version,
        std::move(text),
        json::object{{"supported", std::move(supported)}, {"requested", key(requested)}});
}

}  // namespace

std::optional<std::string_view> requested_protocol_version(const json::value& message) {
    const json::object* object = message.if_object();
    if (object == nullptr) {
        return std::nullopt;
    }
    const json::value* params = object->if_contains("params");
    return requested_protocol_version(params != nullptr ? params->if_object() : nullptr);
}

std::optional<std::string_view> requested_protocol_version(const json::object* params) {
    const json::object* meta = meta_of(params);
    if (meta == nullptr) {
        return std::nullopt;
    }
    const json::value* version = meta->if_contains(key(meta_key::protocol_version));
    if (version == nullptr || !version->is_string()) {
        return std::nullopt;
    }
    const json::string& text = version->get_string();
    return std::string_view(text.data(), text.size());
}

boost::system::result<std::optional<request_meta>, jsonrpc::error> read_request_meta(
    const json::object* params) {
    using result_type = boost::system::result<std::optional<request_meta>, jsonrpc::error>;
    if (params == nullptr) {
        return result_type(boost::system::in_place_value, std::nullopt);
    }
    const json::value* meta_value = params->if_contains("_meta");
    if (meta_value == nullptr) {
        return result_type(boost::system::in_place_value, std::nullopt);
    }
    if (!meta_value->is_object()) {
        return result_type(boost::system::in_place_error,
                           jsonrpc::make_error(error_code::invalid_params,
                                               "invalid params: \"_meta\" must be an object"));
    }
    const json::object& meta = meta_value->get_object();

    const json::value* version = meta.if_contains(key(meta_key::protocol_version));
    if (version == nullptr) {
        return result_type(boost::system::in_place_value, std::nullopt);
    }
    if (!version->is_string()) {
        return result_type(boost::system::in_place_error,
                           jsonrpc::make_error(error_code::invalid_params,
                                               "invalid params: _meta[\"" +
                                                   std::string(meta_key::protocol_version) +
                                                   "\"] must be a string such as \"2026-07-28\""));
    }
    std::string_view requested(version->get_string().data(), version->get_string().size());
    if (is_session_revision(requested)) {
        return result_type(boost::system::in_place_value, std::nullopt);
    }
    if (!is_stateless_revision(requested)) {
        return result_type(boost::system::in_place_error, unsupported_version(requested));
    }

    request_meta found;
    found.protocol_version = requested;
    if (const json::value* caps = meta.if_contains(key(meta_key::client_capabilities))) {
        if (!caps->is_object()) {
            return result_type(boost::system::in_place_error,
                               jsonrpc::make_error(error_code::invalid_params,
                                                   "invalid params: _meta[\"" +
                                                       std::string(meta_key::client_capabilities) +
                                                       "\"] must be an object"));
        }
        found.client_capabilities = &caps->get_object();
    }
    return result_type(boost::system::in_place_value, found);
}

}  // namespace clerk_mcp::mcp
