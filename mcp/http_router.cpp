#include "mcp/http_router.hpp"

#include <charconv>
#include <chrono>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "mcp/http_mirrored_headers.hpp"
#include "mcp/http_router_internal.hpp"
#include "mcp/http_text.hpp"
#include "mcp/jsonrpc.hpp"
#include "mcp/protocol.hpp"
#include "mcp/request_meta.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;
using detail::error_answer;
using detail::id_of;
using detail::method_of;

constexpr std::string_view allow_all = "GET, POST, DELETE";
// A stateless (2026-07-28) client may only POST: that revision dropped GET streams and DELETE.
constexpr std::string_view allow_stateless = "POST";

// What the client's Accept header lets us send. An absent header accepts anything (RFC 9110
// section 12.5.1); the MCP clients in the field always list both types.
accepted_media read_accept(const std::optional<std::string_view>& accept) {
    if (!accept) {
        return {};
    }
    // A comma-separated list of media ranges, each with optional ";param" parts (RFC 9110
    // section 12.5.1). Quality values are not weighed: any listed range is taken as accepted.
    accepted_media result{false, false};
    std::string_view rest = *accept;
    while (!rest.empty()) {
        std::size_t comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        item = item.substr(0, item.find(';'));
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) {
            item.remove_prefix(1);
        }
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) {
            item.remove_suffix(1);
        }
        using http_text::iequals;
        bool any = iequals(item, "*/*");
        result.json = result.json || any || iequals(item, "application/json") ||
                      iequals(item, "application/*");
        result.sse =
            result.sse || any || iequals(item, "text/event-stream") || iequals(item, "text/*");
    }
    return result;
}

http_answer not_allowed(std::string_view allow) {
    http_answer answer = error_answer(
        405, nullptr, error_code::invalid_request, "Method not allowed on the MCP endpoint");
    answer.headers.emplace_back("Allow", std::string(allow));
    return answer;
}

// The code of a JSON-RPC error reply, or nothing for a result. Replies come from
// jsonrpc::encode_*, which write {"jsonrpc":"2.0","id":ID,"result"|"error":...}; that shape is
// read without parsing the (possibly large) result. Any other shape is parsed in full.
std::optional<int> error_code_of(std::string_view reply) {
    constexpr std::string_view prefix = R"({"jsonrpc":"2.0","id":)";
    if (reply.substr(0, prefix.size()) == prefix) {
        std::size_t pos = prefix.size();
        if (pos < reply.size() && reply[pos] == '"') {
            for (++pos; pos < reply.size() && reply[pos] != '"'; ++pos) {
                if (reply[pos] == '\\') {
                    ++pos;
                }
            }
            ++pos;
        } else {
            pos = reply.find(',', pos);
        }
        std::string_view rest = pos < reply.size() ? reply.substr(pos) : std::string_view{};
        if (rest.substr(0, 10) == R"(,"result":)") {
            return std::nullopt;
        }
        constexpr std::string_view code_prefix = R"(,"error":{"code":)";
        if (rest.substr(0, code_prefix.size()) == code_prefix) {
            rest.remove_prefix(code_prefix.size());
            int code = 0;
            auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), code);
            if (ec == std::errc{}) {
                return code;
            }
        }
    }
    json::error_code ec;
    json::value parsed = json::parse(reply, ec);
    const json::object* object = ec ? nullptr : parsed.if_object();
    const json::value* error = object ? object->if_contains("error") : nullptr;
    const json::value* code =
        error && error->is_object() ? error->as_object().if_contains("code") : nullptr;
    if (code != nullptr && code->is_int64()) {
        return static_cast<int>(code->as_int64());
    }
    return error != nullptr ? std::optional<int>(error_code::internal_error) : std::nullopt;
}

// The HTTP status of a JSON-RPC error reply. A malformed message is a 400 in both eras; the
// 2026-07-28 transport also maps its protocol errors onto statuses (streamable-http,
// "Protocol Version Header"), while the 2025 revisions carry every other error in a 200.
unsigned status_for(int code, bool stateless) {
    if (code == error_code::parse_error || code == error_code::invalid_request) {
        return 400;
    }
    if (!stateless) {
        return 200;
    }
    switch (code) {
        case error_code::method_not_found:
            return 404;
        case error_code::header_mismatch:
        case error_code::missing_client_capability:
        case error_code::unsupported_protocol_version:
            return 400;
        default:
            return 200;
    }
}

bool client_can_elicit(const session& sess) {
    return sess.client_capabilities().contains("elicitation");
}

}  // namespace

std::string jsonrpc_error_text(const json::value& id,
                               int code,
                               std::string_view message,
                               json::value data) {
    return jsonrpc::encode_error(id, jsonrpc::make_error(code, std::string(message), data));
}

http_router::http_router(server& srv, http_session_store& sessions)
    : server_(srv), sessions_(sessions) {}

route http_router::classify(const http_request_view& request) {
    if (request.method == "POST") {
        return classify_post(request);
    }
    if (request.method == "GET") {
        return classify_get(request);
    }
    if (request.method == "DELETE") {
        return classify_delete(request);
    }
    return not_allowed(allow_all);
}

route http_router::classify_post(const http_request_view& request) {
    if (!request.content_type || !http_text::icontains(*request.content_type, "application/json")) {
        return error_answer(415,
                            nullptr,
                            error_code::invalid_request,
                            "Unsupported Media Type: the body must be application/json");
    }
    accepted_media accept = read_accept(request.accept);
    if (!accept.json && !accept.sse) {
        return error_answer(406,
                            nullptr,
                            error_code::invalid_request,
                            "Not Acceptable: accept application/json or text/event-stream");
    }

    auto parsed = jsonrpc::parse(request.body);
    if (!parsed) {
        return http_answer{400, {}, jsonrpc::encode_error(parsed.error().id, parsed.error().error)};
    }
    json::value message = std::move(*parsed);

    // The era is chosen per request: a stateless revision named in `_meta` or in the header
    // wins; an unknown header version is refused; everything else belongs to a session.
    std::optional<std::string_view> meta_version = requested_protocol_version(message);
    if (meta_version && !is_session_revision(*meta_version)) {
        return classify_stateless(request, accept, std::move(message));
    }
    if (request.protocol_version && is_stateless_revision(*request.protocol_version)) {
        return classify_stateless(request, accept, std::move(message));
    }
    if (request.protocol_version && !is_session_revision(*request.protocol_version)) {
        json::array supported;
        for (std::string_view revision : all_revisions) {
            supported.emplace_back(json::string_view(revision.data(), revision.size()));
        }
        std::string requested(*request.protocol_version);
        return error_answer(400,
                            id_of(message),
                            error_code::unsupported_protocol_version,
                            "Unsupported MCP-Protocol-Version header '" + requested + "'",
                            json::object{{"supported", std::move(supported)},
                                         {"requested", json::string(requested)}});
    }
    return classify_session(request, accept, std::move(message));
}

route http_router::classify_stateless(const http_request_view& request,
                                      accepted_media accept,
                                      json::value message) {
    std::string_view method = method_of(message);
    if (method.empty()) {
        return error_answer(400,
                            id_of(message),
                            error_code::invalid_request,
                            "A 2026-07-28 POST carries one JSON-RPC request or notification");
    }
    bool is_request = message.as_object().contains("id");
    if (auto refusal = check_mirrored_headers(request, message, is_request)) {
        return std::move(*refusal);
    }

    mcp_call call;
    call.rpc_method = std::string(method);
    call.is_request = is_request;
    call.stateless = true;
    // 2026-07-28 carries server-to-client requests inside results (input_required), never on
    // the stream, so plain JSON is the answer unless the client cannot take it.
    call.as_sse = is_request && !accept.json;
    call.off_io_thread = method == mcp::method::tools_call;
    call.message = std::move(message);
    return call;
}

route http_router::classify_session(const http_request_view& request,
                                    accepted_media accept,
                                    json::value message) {
    std::string_view method = method_of(message);
    const json::object* object = message.if_object();
    bool has_id = object != nullptr && object->contains("id");
    bool is_response = object != nullptr && method.empty() && has_id &&
                       (object->contains("result") || object->contains("error"));

    mcp_call call;
    call.rpc_method = std::string(method);
    call.is_request = !is_response && (has_id || method.empty());

    if (method == mcp::method::initialize && has_id) {
        // A new session; it gets its id only if `initialize` succeeds (http_router::finish).
        call.sess = std::make_shared<session>();
        call.is_initialize = true;
        call.as_sse = !accept.json;
        call.message = std::move(message);
        return call;
    }

    if (!request.session_id) {
        return error_answer(400,
                            id_of(message),
                            error_code::invalid_request,
                            "Bad Request: the Mcp-Session-Id header is required; send "
                            "initialize first to get one");
    }
    call.sess = sessions_.find(*request.session_id, http_session_store::clock::now());
    if (!call.sess) {
        return error_answer(404,
                            id_of(message),
                            error_code::invalid_request,
                            "Session not found: it was deleted or expired; send initialize "
                            "to start a new one");
    }

    if (is_response) {
        // The answer to one of our server-to-client requests (an elicitation): it wakes the tool
        // that waits for it. An answer nobody waits for any more is dropped, as JSON-RPC allows.
        call.sess->deliver_response(message);
        return http_answer{202, {}, {}};
    }

    call.off_io_thread = method == mcp::method::tools_call;
    // An SSE answer lets a tool ask the user (elicitation) while it runs; it costs a stream per
    // call, so it is used only where that can happen or the client takes nothing else.
    call.as_sse = call.is_request && accept.sse &&
                  (!accept.json || (call.off_io_thread && client_can_elicit(*call.sess)));
    call.message = std::move(message);
    return call;
}

route http_router::classify_get(const http_request_view& request) {
    if (request.protocol_version && !is_session_revision(*request.protocol_version)) {
        return not_allowed(allow_stateless);
    }
    if (!read_accept(request.accept).sse) {
        return error_answer(406,
                            nullptr,
                            error_code::invalid_request,
                            "Not Acceptable: a GET stream is text/event-stream");
    }
    if (!request.session_id) {
        return error_answer(400,
                            nullptr,
                            error_code::invalid_request,
                            "Bad Request: the Mcp-Session-Id header is required");
    }
    auto sess = sessions_.find(*request.session_id, http_session_store::clock::now());
    if (!sess) {
        return error_answer(404, nullptr, error_code::invalid_request, "Session not found");
    }
    return open_stream{std::move(sess), std::string(*request.session_id)};
}

route http_router::classify_delete(const http_request_view& request) {
    if (request.protocol_version && !is_session_revision(*request.protocol_version)) {
        return not_allowed(allow_stateless);
    }
    if (!request.session_id) {
        return error_answer(400,
                            nullptr,
                            error_code::invalid_request,
                            "Bad Request: the Mcp-Session-Id header is required");
    }
    if (!sessions_.remove(*request.session_id)) {
        return error_answer(404, nullptr, error_code::invalid_request, "Session not found");
    }
    return http_answer{200, {}, {}};
}

std::optional<std::string> http_router::run(mcp_call& call, message_sender push) {
    return server_.handle_parsed(call.message, request_origin{call.sess.get(), std::move(push)});
}

http_answer http_router::finish(mcp_call& call, std::optional<std::string> reply) {
    if (!reply) {
        return http_answer{202, {}, {}};
    }
    std::optional<int> code = error_code_of(*reply);
    http_answer answer{code ? status_for(*code, call.stateless) : 200u, {}, std::move(*reply)};
    if (call.is_initialize && !code) {
        auto id = sessions_.add(call.sess, http_session_store::clock::now());
        if (!id) {
            call.sess->close();
            return error_answer(503,
                                id_of(call.message),
                                error_code::internal_error,
                                "Too many open sessions; end unused ones with DELETE or retry "
                                "later");
        }
        answer.headers.emplace_back("Mcp-Session-Id", std::move(*id));
    }
    return answer;
}

}  // namespace clerk_mcp::mcp
