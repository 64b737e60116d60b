#include "mcp/server.hpp"

#include <array>
#include <chrono>
#include <exception>
#include <type_traits>
#include <utility>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/null_sink.h>

#include "mcp/protocol.hpp"
#include "mcp/server_internal.hpp"
#include "mcp/tool_wire.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;

json::string_view key(std::string_view name) {
    return {name.data(), name.size()};
}

// How much of a message is parsed into stack memory before the arena turns to the heap. Most
// requests (ping, tools/list, a discovery tools/call) fit, so they parse without allocating.
constexpr std::size_t parse_arena_bytes = 4096;

// `ping` results, per era. 2026-07-28 requires `resultType` on every result.
constexpr std::string_view empty_result = "{}";
constexpr std::string_view empty_complete_result = R"({"resultType":"complete"})";

json::object server_capabilities() {
    // The tool set is fixed once the server starts, so it never announces a change.
    return json::object{{"tools", json::object{{"listChanged", false}}}};
}

json::object implementation(const server_info& info) {
    json::object object;
    object["name"] = info.name;
    if (!info.title.empty()) {
        object["title"] = info.title;
    }
    object["version"] = info.version;
    return object;
}

std::shared_ptr<spdlog::logger> or_null_logger(std::shared_ptr<spdlog::logger> logger) {
    if (logger) {
        return logger;
    }
    return std::make_shared<spdlog::logger>("mcp", std::make_shared<spdlog::sinks::null_sink_mt>());
}

}  // namespace

server::server(server_info info, std::shared_ptr<spdlog::logger> logger)
    : info_(std::move(info)), logger_(or_null_logger(std::move(logger))) {
    struct named_method {
        std::string_view name;
        method_entry entry;
    };
    const std::array<named_method, 5> table = {{
        {method::initialize, {&server::on_initialize, false}},
        {method::ping, {&server::on_ping, false}},
        {method::server_discover, {&server::on_discover, false}},
        {method::tools_list, {&server::on_tools_list, true}},
        {method::tools_call, {&server::on_tools_call, true}},
    }};
    for (const named_method& m : table) {
        methods_.emplace(m.name, m.entry);
        method_names_ += (method_names_.empty() ? "" : ", ") + std::string(m.name);
    }
    notifications_.emplace(method::initialized, &server::on_initialized);
    notifications_.emplace(method::cancelled, &server::on_cancelled);
    rebuild_caches();
}

server::~server() = default;

void server::set_client_request_timeout(std::chrono::milliseconds timeout) {
    client_request_timeout_ = timeout;
}

std::optional<std::string> server::handle(std::string_view message, const request_origin& origin) {
    return guarded<std::string>([&]() -> std::optional<std::string> {
        // The arena backs the parsed message and is freed in one step when this call returns;
        // nothing parsed into it may outlive the call (handlers get deep copies; see
        // server_tools.cpp and session.cpp).
        unsigned char buffer[parse_arena_bytes];
        json::monotonic_resource arena(buffer, sizeof(buffer));
        auto parsed = jsonrpc::parse(message, json::storage_ptr(&arena));
        if (!parsed) {
            const jsonrpc::rejection refused = parsed.error();
            logger_->warn("refused unreadable message code={} reason=\"{}\"",
                          refused.error.code,
                          refused.error.message);
            return jsonrpc::encode_error(refused.id, refused.error);
        }
        std::optional<reply> answer = dispatch(*parsed, origin);
        return answer ? std::optional(encode(*answer)) : std::nullopt;
    });
}

std::optional<json::value> server::handle(const json::value& message,
                                          const request_origin& origin) {
    return guarded<json::value>([&]() -> std::optional<json::value> {
        std::optional<reply> answer = dispatch(message, origin);
        return answer ? std::optional(encode_value(*answer)) : std::nullopt;
    });
}

std::optional<std::string> server::handle_parsed(const json::value& message,
                                                 const request_origin& origin) {
    return guarded<std::string>([&]() -> std::optional<std::string> {
        std::optional<reply> answer = dispatch(message, origin);
        return answer ? std::optional(encode(*answer)) : std::nullopt;
    });
}

template <typename Reply, typename Work>
std::optional<Reply> server::guarded(Work&& work) const {
    // The outermost catch-all of the dispatcher (STYLE.md allows two: here and main). The
    // failure may come before the id was read, so the generic error carries a null id.
    try {
        return work();
    } catch (const std::exception& e) {
        logger_->error("unexpected failure while handling a message error=\"{}\"", e.what());
    } catch (...) {
        logger_->error("unexpected non-standard exception while handling a message");
    }
    const jsonrpc::error failure = jsonrpc::make_error(
        error_code::internal_error, "internal error in the server; the server log has the details");
    if constexpr (std::is_same_v<Reply, std::string>) {
        return jsonrpc::encode_error(nullptr, failure);
    } else {
        return jsonrpc::make_error_value(nullptr, failure);
    }
}

std::optional<server::reply> server::dispatch(const json::value& value,
                                              const request_origin& origin) {
    // Check the envelope. A malformed response is never answered (that could loop between two
    // peers); anything else malformed is answered, with a null id when none could be read.
    auto decoded = jsonrpc::decode(value);
    if (!decoded) {
        jsonrpc::rejection refused = decoded.error();
        logger_->warn(
            "refused message code={} reason=\"{}\"", refused.error.code, refused.error.message);
        if (!refused.answer) {
            return std::nullopt;
        }
        return reply{std::move(refused.id), outcome::failure(std::move(refused.error))};
    }
    const jsonrpc::message& msg = *decoded;

    if (msg.kind == jsonrpc::message_kind::response) {
        if (origin.sess == nullptr || !origin.sess->deliver_response(value)) {
            logger_->warn("dropped a response that answers no request of ours id={}",
                          jsonrpc::describe_id(*msg.id));
        }
        return std::nullopt;
    }

    // Decide the era of this message from its `_meta`.
    auto meta = read_request_meta(msg.params);
    if (!meta) {
        logger_->warn("refused message method={} reason=\"{}\"", msg.method, meta.error().message);
        if (msg.kind == jsonrpc::message_kind::notification) {
            return std::nullopt;
        }
        return reply{json::value(*msg.id, json::storage_ptr()),
                     outcome::failure(std::move(meta.error()))};
    }
    const request_scope scope{msg, origin, *meta};

    if (msg.kind == jsonrpc::message_kind::notification) {
        auto handler = notifications_.find(msg.method);
        if (handler != notifications_.end()) {
            (this->*handler->second)(scope);
        } else {
            logger_->debug("ignored notification method={}", msg.method);
        }
        return std::nullopt;
    }

    const auto started = std::chrono::steady_clock::now();
    reply answer{json::value(*msg.id, json::storage_ptr()), {}};
    auto entry = methods_.find(msg.method);
    if (entry == methods_.end()) {
        answer.body =
            outcome::failure(error_code::method_not_found,
                             "method not found: \"" + std::string(msg.method) +
                                 "\" is not served here; the methods are " + method_names_);
    } else {
        answer.body = run_method(entry->second, scope);
    }

    if (logger_->should_log(spdlog::level::debug)) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
            std::chrono::steady_clock::now() - started);
        // The one debug line of a request, whatever the transport (see log_request in
        // http_transport.cpp for the HTTP side).
        logger_->debug("request method={} id={} era={} status={} latency_us={}{}",
                       msg.method,
                       jsonrpc::describe_id(answer.id),
                       scope.stateless() ? "stateless" : "session",
                       answer.body.error ? answer.body.error->code : 0,
                       elapsed.count(),
                       answer.body.log_fields);
    }
    return answer;
}

server::outcome server::run_method(const method_entry& entry, const request_scope& scope) {
    // MCP 2025-11-25, basic/lifecycle: before initialization only pings are expected. Calls
    // that name 2026-07-28 in `_meta` need no session at all.
    if (!scope.stateless() && entry.needs_session) {
        if (scope.origin.sess == nullptr) {
            return outcome::failure(error_code::invalid_request,
                                    "no session: \"" + std::string(scope.message.method) +
                                        "\" needs either params._meta[\"" +
                                        std::string(meta_key::protocol_version) + "\"] = \"" +
                                        std::string(revision_2026_07_28) +
                                        "\", or a session started with initialize");
        }
        if (scope.origin.sess->protocol_version().empty()) {
            return outcome::failure(
                error_code::invalid_request,
                "\"" + std::string(scope.message.method) +
                    "\" was sent before initialize: start the session with initialize and "
                    "notifications/initialized, or name protocol version " +
                    std::string(revision_2026_07_28) + " in params._meta[\"" +
                    std::string(meta_key::protocol_version) + "\"]");
        }
    }

    // The outermost catch-all of a request: the client gets a generic error, the log the detail.
    try {
        return (this->*entry.handler)(scope);
    } catch (const std::exception& e) {
        logger_->error("method failed with an exception method={} error=\"{}\"",
                       scope.message.method,
                       e.what());
    }
    return outcome::failure(error_code::internal_error,
                            "internal error while handling \"" + std::string(scope.message.method) +
                                "\"; the server log has the details");
}

std::string server::encode(const reply& r) {
    if (r.body.error) {
        return jsonrpc::encode_error(r.id, *r.body.error);
    }
    if (!r.body.raw.empty()) {
        return jsonrpc::encode_raw_result(r.id, r.body.raw);
    }
    return jsonrpc::encode_result(r.id, r.body.result);
}

json::value server::encode_value(const reply& r) {
    if (r.body.error) {
        return jsonrpc::make_error_value(r.id, *r.body.error);
    }
    if (!r.body.raw.empty()) {
        return jsonrpc::make_result_value(r.id, json::parse(r.body.raw));
    }
    return jsonrpc::make_result_value(r.id, r.body.result);
}

server::outcome server::on_initialize(const request_scope& scope) {
    const json::object* params = scope.message.params;
    const json::value* requested = params ? params->if_contains("protocolVersion") : nullptr;
    if (requested == nullptr || !requested->is_string()) {
        return outcome::failure(error_code::invalid_params,
                                "invalid params: initialize needs \"protocolVersion\", a string "
                                "such as \"" +
                                    std::string(revision_2025_11_25) + "\"");
    }
    const json::value* capabilities = params->if_contains("capabilities");
    if (capabilities != nullptr && !capabilities->is_object()) {
        return outcome::failure(error_code::invalid_params,
                                "invalid params: \"capabilities\" must be an object");
    }

    // MCP 2025-11-25, basic/lifecycle: answer with the requested revision when supported,
    // otherwise with the latest one this server supports.
    std::string_view asked(requested->get_string().data(), requested->get_string().size());
    std::string_view agreed = is_session_revision(asked) ? asked : session_revisions.front();

    if (session* sess = scope.origin.sess) {
        if (!sess->protocol_version().empty()) {
            return outcome::failure(error_code::invalid_request,
                                    "initialize was already received on this session; a session "
                                    "is initialized once (start a new connection to renegotiate)");
        }
        sess->set_negotiated(std::string(agreed),
                             capabilities ? capabilities->get_object() : json::object());
    }

    std::string client = "unknown";
    if (const json::value* info = params->if_contains("clientInfo"); info && info->is_object()) {
        const json::value* name = info->get_object().if_contains("name");
        if (name != nullptr && name->is_string()) {
            client = name->get_string();
        }
    }
    logger_->info(
        "session initialized protocol={} requested={} client=\"{}\"", agreed, asked, client);

    json::object result;
    result["protocolVersion"] = key(agreed);
    result["capabilities"] = server_capabilities();
    result["serverInfo"] = implementation(info_);
    if (!info_.instructions.empty()) {
        result["instructions"] = info_.instructions;
    }
    return outcome::value(std::move(result));
}

server::outcome server::on_ping(const request_scope& scope) {
    return outcome::cached(scope.stateless() ? empty_complete_result : empty_result);
}

server::outcome server::on_discover(const request_scope&) {
    return outcome::cached(discover_result_);
}

void server::on_initialized(const request_scope& scope) {
    session* sess = scope.origin.sess;
    if (sess == nullptr || scope.stateless()) {
        return;
    }
    if (sess->protocol_version().empty()) {
        logger_->warn("notifications/initialized arrived before initialize; ignored");
        return;
    }
    sess->mark_initialized();
}

void server::on_cancelled(const request_scope& scope) {
    // TODO: honour notifications/cancelled. A cancelled tools/call runs to its end and its
    // answer is still sent; clients drop answers to cancelled requests, so the cost is only
    // the work (and, for execute_request, the Clerk call) the client no longer wanted.
    const json::value* id =
        scope.message.params ? scope.message.params->if_contains("requestId") : nullptr;
    logger_->debug("cancellation noted but not acted on request_id={}",
                   id ? json::serialize(*id) : std::string("none"));
}

void server::rebuild_caches() {
    json::array definitions;
    tool_names_.clear();
    for (const tool& t : tools_) {
        definitions.push_back(tool_definition(t));
        tool_names_ += (tool_names_.empty() ? "" : ", ") + t.name;
    }

    tools_list_session_ = json::serialize(json::object{{"tools", definitions}});
    tools_list_stateless_ = json::serialize(json::object{
        {"tools", std::move(definitions)},
        {"ttlMs", list_cache_ttl_ms},
        {"cacheScope", key(list_cache_scope)},
        {"resultType", key(result_type::complete)},
    });

    // MCP 2026-07-28, server/discover: every revision this server speaks (the 2025 ones through
    // initialize), its capabilities and identity. serverInfo appears both as a member, as the
    // discovery page shows it, and in `_meta`, where the 2026-07-28 schema puts it.
    json::array versions;
    for (std::string_view revision : all_revisions) {
        versions.emplace_back(key(revision));
    }
    json::object discover;
    discover["resultType"] = key(result_type::complete);
    discover["supportedVersions"] = std::move(versions);
    discover["capabilities"] = server_capabilities();
    discover["serverInfo"] = implementation(info_);
    if (!info_.instructions.empty()) {
        discover["instructions"] = info_.instructions;
    }
    discover["ttlMs"] = list_cache_ttl_ms;
    discover["cacheScope"] = key(list_cache_scope);
    discover["_meta"] = json::object{{key(meta_key::server_info), implementation(info_)}};
    discover_result_ = json::serialize(discover);
}

}  // namespace clerk_mcp::mcp
