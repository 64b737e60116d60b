// The header scan: the few request headers the transport reads, found in one pass. Beast finds a
// header by name with a case-insensitive search per lookup; one pass over the (few) fields costs
// less than nine lookups.
#include <boost/beast/http/field.hpp>

#include "mcp/http_text.hpp"
#include "mcp/http_transport_internal.hpp"

namespace clerk_mcp::mcp::detail {

namespace http = boost::beast::http;

namespace {

void take(std::optional<std::string_view>& slot, std::string_view value) {
    if (!slot) {
        slot = value;  // the first of repeated fields counts
    }
}

// Reads a field that Beast does not know by name: the MCP headers.
void take_mcp_header(http_request_view& view, std::string_view name, std::string_view value) {
    if (http_text::iequals(name, "mcp-session-id")) {
        take(view.session_id, value);
    } else if (http_text::iequals(name, "mcp-protocol-version")) {
        take(view.protocol_version, value);
    } else if (http_text::iequals(name, "mcp-method")) {
        take(view.mcp_method, value);
    } else if (http_text::iequals(name, "mcp-name")) {
        take(view.mcp_name, value);
    }
}

}  // namespace

request_headers read_headers(const http::request<http::string_body>& req) {
    request_headers h;
    for (const auto& f : req) {
        switch (f.name()) {
            case http::field::host:
                take(h.host, f.value());
                break;
            case http::field::origin:
                take(h.origin, f.value());
                break;
            case http::field::authorization:
                take(h.authorization, f.value());
                break;
            case http::field::accept:
                take(h.view.accept, f.value());
                break;
            case http::field::content_type:
                take(h.view.content_type, f.value());
                break;
            case http::field::unknown:
                take_mcp_header(h.view, f.name_string(), f.value());
                break;
            default:
                break;
        }
    }
    h.view.method = req.method_string();
    h.view.body = req.body();
    return h;
}

}  // namespace clerk_mcp::mcp::detail
