#include "mcp/http_mirrored_headers.hpp"

#include <algorithm>
#include <array>

#include <openssl/evp.h>

#include "mcp/http_router_internal.hpp"
#include "mcp/protocol.hpp"
#include "mcp/request_meta.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;
using detail::id_of;
using detail::method_of;
using detail::params_of;

// `io.modelcontextprotocol/...` keys aside, the body fields a 2026-07-28 request mirrors into
// Mcp-Name (streamable-http, "Standard Request Headers").
struct name_source {
    std::string_view method;
    std::string_view field;
};
constexpr std::array<name_source, 3> named_methods = {
    name_source{"tools/call", "name"},
    name_source{"prompts/get", "name"},
    name_source{"resources/read", "uri"},
};

// True for a header value made of visible ASCII, spaces and tabs (RFC 9110 section 5.5).
bool is_plain_header_value(std::string_view value) {
    return std::all_of(value.begin(), value.end(), [](unsigned char c) {
        return c == '\t' || (c >= 0x20 && c < 0x7f);
    });
}

bool is_base64_digit(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

// Standard base64 (RFC 4648 section 4). Padding is optional and any number of trailing '=' is
// taken as padding; bits left over past the last whole byte are dropped.
std::optional<std::string> decode_base64(std::string_view text) {
    while (!text.empty() && text.back() == '=') {
        text.remove_suffix(1);
    }
    // Checked here because EVP_DecodeBlock is lenient where a header value must not be: it
    // skips leading and trailing whitespace and decodes '=' anywhere as zero bits.
    if (!std::all_of(text.begin(), text.end(), is_base64_digit)) {
        return std::nullopt;
    }
    // EVP_DecodeBlock takes whole groups of four. 'A' (zero bits) fills the last group, and the
    // bytes it adds are cut off below, so unpadded input decodes like padded input.
    std::string group_aligned(text);
    group_aligned.resize((text.size() + 3) / 4 * 4, 'A');
    std::string out(group_aligned.size() / 4 * 3, '\0');
    int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(group_aligned.data()),
                                  static_cast<int>(group_aligned.size()));
    if (written < 0) {
        return std::nullopt;
    }
    out.resize(text.size() * 6 / 8);
    return out;
}

http_answer mismatch(const json::value& id, std::string message) {
    return detail::error_answer(
        400, id, error_code::header_mismatch, "Header mismatch: " + message);
}

std::optional<http_answer> check_version(const http_request_view& request,
                                         const json::value& message,
                                         const json::value& id) {
    std::optional<std::string_view> meta_version = requested_protocol_version(message);
    if (!request.protocol_version) {
        return mismatch(id, "the MCP-Protocol-Version header is required");
    }
    if (!meta_version || *meta_version != *request.protocol_version) {
        return mismatch(id,
                        "MCP-Protocol-Version header '" + std::string(*request.protocol_version) +
                            "' does not match _meta " + std::string(meta_key::protocol_version) +
                            " '" + std::string(meta_version.value_or("")) + "'");
    }
    return std::nullopt;
}

std::optional<http_answer> check_method(const http_request_view& request,
                                        std::string_view method,
                                        const json::value& id,
                                        bool is_request) {
    if (!request.mcp_method) {
        if (is_request) {
            return mismatch(id, "the Mcp-Method header is required");
        }
    } else if (*request.mcp_method != method) {
        return mismatch(id,
                        "Mcp-Method header '" + std::string(*request.mcp_method) +
                            "' does not match body method '" + std::string(method) + "'");
    }
    return std::nullopt;
}

// Mcp-Name, for the methods that name something in their params.
std::optional<http_answer> check_name(const http_request_view& request,
                                      const json::value& message,
                                      std::string_view method,
                                      const json::value& id,
                                      bool is_request) {
    auto source = std::find_if(named_methods.begin(), named_methods.end(), [&](const auto& s) {
        return s.method == method;
    });
    if (source == named_methods.end()) {
        return std::nullopt;
    }
    const json::object* params = params_of(message);
    const json::value* field = params ? params->if_contains(source->field) : nullptr;
    const json::string* name = field ? field->if_string() : nullptr;
    if (!request.mcp_name) {
        if (name != nullptr && is_request) {
            return mismatch(id, "the Mcp-Name header is required for " + std::string(method));
        }
        return std::nullopt;
    }
    std::optional<std::string> decoded = mirrored_header_value(*request.mcp_name);
    if (!decoded) {
        return mismatch(id, "the Mcp-Name header is malformed");
    }
    if (name == nullptr || *decoded != std::string_view(*name)) {
        return mismatch(id,
                        "Mcp-Name header '" + *decoded + "' does not match body " +
                            std::string(source->field) + " '" +
                            (name ? std::string(*name) : std::string()) + "'");
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> mirrored_header_value(std::string_view raw) {
    if (!is_plain_header_value(raw)) {
        return std::nullopt;
    }
    constexpr std::string_view open = "=?base64?";
    constexpr std::string_view close = "?=";
    if (raw.size() >= open.size() + close.size() && raw.substr(0, open.size()) == open &&
        raw.substr(raw.size() - close.size()) == close) {
        return decode_base64(raw.substr(open.size(), raw.size() - open.size() - close.size()));
    }
    return std::string(raw);
}

std::optional<http_answer> check_mirrored_headers(const http_request_view& request,
                                                  const json::value& message,
                                                  bool is_request) {
    json::value id = id_of(message);
    if (auto refusal = check_version(request, message, id)) {
        return refusal;
    }
    std::string_view method = method_of(message);
    if (auto refusal = check_method(request, method, id, is_request)) {
        return refusal;
    }
    return check_name(request, message, method, id, is_request);
}

}  // namespace clerk_mcp::mcp
