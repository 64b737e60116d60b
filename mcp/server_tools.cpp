// The tool methods of the server: `tools/list` from the cache, and `tools/call` with its call
// context, its error paths and its rendering.
#include <exception>
#include <stdexcept>
#include <utility>

#include <boost/json/storage_ptr.hpp>
#include <spdlog/logger.h>

#include "mcp/protocol.hpp"
#include "mcp/server.hpp"
#include "mcp/server_internal.hpp"
#include "mcp/tool_wire.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;

// Reads an optional member of `params` that must have a given kind when present. Returns the
// member (null when absent), or the -32602 error that names it.
template <typename Check>
std::optional<jsonrpc::error> check_member(const json::object& params,
                                           std::string_view name,
                                           Check has_kind,
                                           std::string_view kind,
                                           const json::value*& member) {
    member = params.if_contains(json::string_view(name.data(), name.size()));
    if (member != nullptr && !has_kind(*member)) {
        return jsonrpc::make_error(
            error_code::invalid_params,
            "invalid params: \"" + std::string(name) + "\" must be " + std::string(kind));
    }
    return std::nullopt;
}

}  // namespace

void server::add_tool(tool t) {
    if (tool_index_.contains(t.name)) {
        throw std::invalid_argument("two tools are named \"" + t.name + "\"");
    }
    tool_index_.emplace(t.name, tools_.size());
    tools_.push_back(std::move(t));
    rebuild_caches();
}

server::outcome server::on_tools_list(const request_scope& scope) {
    // Every tool fits in one page, so this server never hands out a cursor; one sent anyway was
    // not ours (MCP 2025-11-25, utilities/pagination: an invalid cursor is -32602).
    if (scope.message.params != nullptr && scope.message.params->contains("cursor")) {
        return outcome::failure(error_code::invalid_params,
                                "invalid params: this server lists every tool in one page and "
                                "never issues a cursor; call tools/list without \"cursor\"");
    }
    return outcome::cached(scope.stateless() ? tools_list_stateless_ : tools_list_session_);
}

server::outcome server::on_tools_call(const request_scope& scope) {
    // A malformed call or an unknown tool is a protocol error (-32602), not a tool result: the
    // tool never ran (MCP 2025-11-25, server/tools, error handling).
    static const json::object no_params;
    const json::object& params = scope.message.params ? *scope.message.params : no_params;

    const json::value* name = params.if_contains("name");
    if (name == nullptr || !name->is_string()) {
        return outcome::failure(error_code::invalid_params,
                                "invalid params: tools/call needs \"name\", the name of a tool "
                                "from tools/list");
    }
    std::string_view tool_name(name->get_string().data(), name->get_string().size());
    auto found = tool_index_.find(tool_name);
    if (found == tool_index_.end()) {
        return outcome::failure(
            error_code::invalid_params,
            "unknown tool \"" + std::string(tool_name) + "\"; the tools are: " + tool_names_);
    }
    const tool& target = tools_[found->second];

    const json::value* arguments = nullptr;
    const json::value* input_responses = nullptr;
    const json::value* request_state = nullptr;
    auto is_object = [](const json::value& v) { return v.is_object(); };
    auto is_string = [](const json::value& v) { return v.is_string(); };
    for (auto failure :
         {check_member(params, "arguments", is_object, "an object", arguments),
          check_member(params, "inputResponses", is_object, "an object", input_responses),
          check_member(params, "requestState", is_string, "a string", request_state)}) {
        if (failure) {
            return outcome::failure(std::move(*failure));
        }
    }

    // Handlers may keep what they are given, so they get copies in the default resource rather
    // than views into the parser's arena.
    json::object owned_arguments =
        arguments ? json::object(arguments->get_object(), json::storage_ptr()) : json::object();
    call_context ctx = make_call_context(scope, params);
    tool_result result = run_tool(target, owned_arguments, ctx);

    if (result.input && !scope.stateless()) {
        logger_->error("tool asked for input outside 2026-07-28 tool={} protocol={}",
                       target.name,
                       ctx.protocol_version);
        result = tool_result::error("the tool " + target.name +
                                    " needs input that protocol version " + ctx.protocol_version +
                                    " cannot carry; the server log has the details");
    }
    outcome out = outcome::value(call_tool_result(result, scope.stateless()));
    // Only when the request's debug line will be written: this is every tool call's path.
    if (logger_->should_log(spdlog::level::debug)) {
        const char* kind = result.input ? "input_required" : result.is_error ? "error" : "ok";
        out.log_fields = " tool=" + target.name + " result=" + kind;
    }
    return out;
}

call_context server::make_call_context(const request_scope& scope,
                                       const json::object& params) const {
    call_context ctx;
    session* sess = scope.origin.sess;
    if (scope.stateless()) {
        ctx.protocol_version = scope.meta->protocol_version;
        if (scope.meta->client_capabilities != nullptr) {
            ctx.client_capabilities =
                json::object(*scope.meta->client_capabilities, json::storage_ptr());
        }
    } else if (sess != nullptr) {
        ctx.protocol_version = sess->protocol_version();
        ctx.client_capabilities = sess->client_capabilities();
    }

    // 2026-07-28 multi round-trip: the answers to an earlier input_required result.
    if (const json::value* responses = params.if_contains("inputResponses")) {
        ctx.input_responses = json::object(responses->get_object(), json::storage_ptr());
    }
    if (const json::value* state = params.if_contains("requestState")) {
        ctx.request_state = state->get_string();
    }

    // A 2025-era session can carry a server-to-client request in the middle of a call, when the
    // transport can push one and the client declared elicitation. 2026-07-28 replaced this with
    // input_required results, so stateless calls never get it.
    const bool declared = ctx.client_capabilities.contains("elicitation");
    if (!scope.stateless() && sess != nullptr && scope.origin.push && declared) {
        ctx.ask_client = [sess, push = scope.origin.push, timeout = client_request_timeout_](
                             std::string_view method, json::object request_params) {
            return sess->request(method, std::move(request_params), push, timeout);
        };
    }
    return ctx;
}

tool_result server::run_tool(const tool& t,
                             const json::object& arguments,
                             const call_context& ctx) const {
    // Tools report failures as error results; an exception here is a bug. The model still gets
    // a result it can read, and the operator gets the detail.
    try {
        return t.handler(arguments, ctx);
    } catch (const std::exception& e) {
        logger_->error("tool failed with an exception tool={} error=\"{}\"", t.name, e.what());
    } catch (...) {
        logger_->error("tool failed with a non-standard exception tool={}", t.name);
    }
    return tool_result::error("the tool " + t.name +
                              " failed unexpectedly; the server log has the details. Retrying "
                              "the same call is unlikely to help");
}

}  // namespace clerk_mcp::mcp
