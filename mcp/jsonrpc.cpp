#include "mcp/jsonrpc.hpp"

#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

#include <boost/json/parser.hpp>
#include <boost/json/serialize.hpp>

#include "mcp/protocol.hpp"

namespace clerk_mcp::mcp::jsonrpc {
namespace {

namespace json = boost::json;

constexpr std::string_view envelope_prefix = R"({"jsonrpc":"2.0","id":)";

rejection reject(int code, std::string text, json::value id = nullptr, bool answer = true) {
    return rejection{make_error(code, std::move(text)), std::move(id), answer};
}

bool is_valid_id(const json::value& id) {
    return id.is_string() || id.is_int64() || id.is_uint64();
}

// Appends the id as JSON. Integers take the common path without the serializer.
void append_id(std::string& out, const json::value& id) {
    if (id.is_int64()) {
        std::array<char, 24> digits{};
        auto [end, ec] =
            std::to_chars(digits.data(), digits.data() + digits.size(), id.get_int64());
        out.append(digits.data(), end);
        return;
    }
    out += json::serialize(id);
}

json::object error_object(const error& err) {
    json::object object;
    object["code"] = err.code;
    object["message"] = err.message;
    if (!err.data.is_null()) {
        object["data"] = err.data;
    }
    return object;
}

boost::system::result<message, rejection> decode_response(const json::object& object) {
    const json::value* id = object.if_contains("id");
    const json::value* result = object.if_contains("result");
    const json::value* error = object.if_contains("error");
    // JSON-RPC 2.0, section 5: an error response has a null id when the request's id could not
    // be read; a success response always answers a readable id.
    const bool id_ok = id != nullptr && (is_valid_id(*id) || (id->is_null() && error != nullptr));
    if (!id_ok || (result == nullptr) == (error == nullptr) ||
        (error != nullptr && !error->is_object())) {
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "malformed response: a response needs an id (a string or an integer, or "
                       "null for an error) and exactly one of \"result\" and \"error\" (an object)",
                       nullptr,
                       false)};
    }
    message decoded;
    decoded.kind = message_kind::response;
    decoded.id = id;
    decoded.result = result;
    decoded.error = error != nullptr ? &error->get_object() : nullptr;
    return decoded;
}

}  // namespace

std::size_t first_invalid_utf8(std::string_view text) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    std::size_t i = 0;
    while (i < size) {
        const unsigned char lead = bytes[i];
        if (lead < 0x80) {
            ++i;
            continue;
        }

        // The allowed range of the second byte narrows for the leads that could otherwise
        // encode an overlong form, a surrogate, or a code point past U+10FFFF.
        std::size_t length = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            return i;
        }
        if (i + length > size || bytes[i + 1] < low || bytes[i + 1] > high) {
            return i;
        }
        for (std::size_t k = 2; k < length; ++k) {
            if (bytes[i + k] < 0x80 || bytes[i + k] > 0xBF) {
                return i;
            }
        }
        i += length;
    }
    return std::string_view::npos;
}

boost::system::result<json::value, rejection> parse(std::string_view text,
                                                    json::storage_ptr storage) {
    // The parser's scratch stack lives on this frame for small messages, so parsing a typical
    // request allocates nothing beyond what `storage` hands out for the value itself.
    unsigned char scratch[1024];
    json::parse_options options;
    options.max_depth = max_nesting_depth;
    json::parser parser(json::storage_ptr(), options, scratch, sizeof(scratch));
    parser.reset(std::move(storage));

    boost::system::error_code ec;
    parser.write(text.data(), text.size(), ec);
    if (ec) {
        // Boost.JSON rejects invalid UTF-8 as a plain syntax error; name the real cause.
        const std::size_t bad = first_invalid_utf8(text);
        if (bad != std::string_view::npos) {
            return {boost::system::in_place_error,
                    reject(error_code::parse_error,
                           "parse error: the message is not valid UTF-8 (first bad byte at "
                           "offset " +
                               std::to_string(bad) + "); MCP messages must be UTF-8 encoded JSON")};
        }
        if (ec == json::error::too_deep) {
            return {boost::system::in_place_error,
                    reject(error_code::parse_error,
                           "parse error: the message nests arrays or objects deeper than " +
                               std::to_string(max_nesting_depth) + " levels")};
        }
        return {boost::system::in_place_error,
                reject(error_code::parse_error,
                       "parse error: the message is not valid JSON (" + ec.message() +
                           "); send one JSON-RPC object per message")};
    }
    json::value value = parser.release();

    if (value.is_array()) {
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "batches are not supported: send each JSON-RPC message on its own, "
                       "not inside an array")};
    }
    return {boost::system::in_place_value, std::move(value)};
}

boost::system::result<message, rejection> decode(const json::value& value) {
    if (value.is_array()) {
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "batches are not supported: send each JSON-RPC message on its own, "
                       "not inside an array")};
    }
    if (!value.is_object()) {
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "invalid request: a JSON-RPC message must be a JSON object")};
    }
    const json::object& object = value.get_object();

    // Read the id first, so that every later complaint can be answered to the right request.
    // A deep copy into the default resource: the message may live in a caller's short arena.
    const json::value* id = object.if_contains("id");
    const bool id_readable = id != nullptr && is_valid_id(*id);
    json::value answer_id = id_readable ? json::value(*id, json::storage_ptr()) : json::value();

    const json::value* version = object.if_contains("jsonrpc");
    if (version == nullptr || !version->is_string() || version->get_string() != "2.0") {
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "invalid request: the message must carry \"jsonrpc\": \"2.0\"",
                       std::move(answer_id))};
    }

    const json::value* method = object.if_contains("method");
    if (method == nullptr) {
        if (object.contains("result") || object.contains("error")) {
            return decode_response(object);
        }
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "invalid request: the message has no \"method\"",
                       std::move(answer_id))};
    }
    if (id != nullptr && !id_readable) {
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "invalid request: \"id\" must be a string or an integer (MCP does not "
                       "allow a null id)")};
    }
    if (!method->is_string() || method->get_string().empty()) {
        return {boost::system::in_place_error,
                reject(error_code::invalid_request,
                       "invalid request: \"method\" must be a non-empty string",
                       std::move(answer_id))};
    }

    const json::value* params = object.if_contains("params");
    if (params != nullptr && !params->is_object()) {
        return {boost::system::in_place_error,
                reject(error_code::invalid_params,
                       "invalid params: \"params\" must be an object (MCP passes parameters by "
                       "name)",
                       std::move(answer_id))};
    }

    message decoded;
    decoded.kind = id != nullptr ? message_kind::request : message_kind::notification;
    decoded.id = id;
    decoded.method = method->get_string();
    decoded.params = params != nullptr ? &params->get_object() : nullptr;
    return decoded;
}

error make_error(int code, std::string message, json::value data) {
    return error{code, std::move(message), std::move(data)};
}

std::string encode_result(const json::value& id, const json::value& result) {
    return encode_raw_result(id, json::serialize(result));
}

std::string encode_raw_result(const json::value& id, std::string_view result_json) {
    constexpr std::string_view middle = R"(,"result":)";
    std::string out;
    out.reserve(envelope_prefix.size() + 24 + middle.size() + result_json.size() + 1);
    out += envelope_prefix;
    append_id(out, id);
    out += middle;
    out += result_json;
    out += '}';
    return out;
}

std::string encode_error(const json::value& id, const error& err) {
    std::string out(envelope_prefix);
    append_id(out, id);
    out += R"(,"error":)";
    out += json::serialize(error_object(err));
    out += '}';
    return out;
}

std::string encode_request(const json::value& id,
                           std::string_view method,
                           const json::object& params) {
    std::string out(envelope_prefix);
    append_id(out, id);
    out += R"(,"method":)";
    out += json::serialize(json::string_view(method.data(), method.size()));
    out += R"(,"params":)";
    out += json::serialize(params);
    out += '}';
    return out;
}

json::value make_result_value(const json::value& id, json::value result) {
    return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json::value make_error_value(const json::value& id, const error& err) {
    return json::object{{"jsonrpc", "2.0"}, {"id", id}, {"error", error_object(err)}};
}

std::string describe_id(const json::value& id) {
    return json::serialize(id);
}

}  // namespace clerk_mcp::mcp::jsonrpc
