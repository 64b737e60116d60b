// execute_request: validate, check scopes, confirm, send, and shape Clerk's answer.
#include "tools/execute_request.hpp"

#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "mcp/protocol.hpp"
#include "tools/arguments.hpp"
#include "tools/clerk_knowledge.hpp"
#include "tools/consequences.hpp"
#include "tools/discovery_tools.hpp"
#include "tools/endpoint_lookup.hpp"
#include "tools/request_validator.hpp"
#include "tools/response_view.hpp"
#include "tools/tool_names.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

// The key under which the confirmation question travels in a 2026-07-28 `input_required`
// result and comes back in `inputResponses`.
constexpr std::string_view confirm_input = "confirm";

struct checked_request {
    std::shared_ptr<const spec::document> doc;
    const spec::operation* op = nullptr;
    prepared_request prepared;
    // What the preview shows and the confirmation binds: method, URL path, query, body, version.
    json::object preview;
    std::string digest;
};

// Steps 1-3: the operation exists, the arguments fit it, the operator allows it. Nothing has
// left the machine when any of these fails.
arg_result<checked_request> check_request(const execute_config& config, const json::object& args) {
    auto doc = document_for(*config.catalog, args);
    if (!doc) {
        return doc.error();
    }
    auto op = find_operation(**doc, args);
    if (!op) {
        return op.error();
    }
    request_input input;
    for (auto [name, target] :
         {std::pair{"path_params", &input.path_params}, std::pair{"query", &input.query}}) {
        auto object = optional_object(args, name);
        if (!object) {
            return object.error();
        }
        if (*object) {
            *target = **object;
        }
    }
    if (auto it = args.find("body"); it != args.end() && !it->value().is_null()) {
        input.body = it->value();
    }

    auto prepared = config.validator->prepare(**doc, **op, input);
    if (!prepared) {
        return mcp::tool_result::error(describe_violations(**op, prepared.error()),
                                       {{"violations", to_json(prepared.error())},
                                        {"operation", (*op)->method + " " + (*op)->path},
                                        {"version", (*doc)->version()}});
    }

    if (auto refusal = config.scopes.check((*op)->method)) {
        return mcp::tool_result::error(
            *refusal + " Nothing was sent.",
            {{"missing_scope", true}, {"operation", (*op)->method + " " + (*op)->path}});
    }
    if (config.transport == nullptr) {
        return mcp::tool_result::error(missing_secret_message());
    }

    checked_request checked;
    checked.doc = *doc;
    checked.op = *op;
    checked.prepared = std::move(*prepared);
    const auto& p = checked.prepared;
    checked.preview = {{"method", (*op)->method},
                       {"path", "/v1" + p.encoded_path},
                       {"path_template", (*op)->path},
                       {"query", p.query},
                       {"body", p.body ? *p.body : json::value(nullptr)},
                       {"version", (*doc)->version()}};
    // The digest covers the path template and the parameters as sent, so the token confirms
    // exactly this request and no other.
    json::object bound = checked.preview;
    bound["path_params"] = input.path_params;
    bound["query_string"] = p.query_string;
    checked.digest = request_digest(bound);
    return checked;
}

std::string confirmation_message(const execute_config& config, const checked_request& r) {
    std::string text = render_warning(r.op->method, r.op->path);
    text += "\nRequest: " + r.op->method + " /v1" + r.prepared.encoded_path;
    if (!r.prepared.query_string.empty()) {
        text += "?" + r.prepared.query_string;
    }
    if (r.prepared.body) {
        text += "\nBody: " + json::serialize(*r.prepared.body);
    }
    text += "\nTarget: " + describe_instance(config.instance) + ", BAPI " + r.doc->version() + ".";
    if (r.prepared.body) {
        if (auto write = analyze_metadata_write(r.op->method, r.op->path, *r.prepared.body)) {
            text += "\n" + render(*write);
        }
    }
    return text;
}

mcp::tool_result preview_result(const execute_config& config,
                                const checked_request& r,
                                std::string_view refusal = {}) {
    auto issued = config.confirmations->issue(r.digest, token_purpose::confirm_token);
    std::string warning = confirmation_message(config, r);
    json::object out{{"status", "confirmation_required"},
                     {"request", r.preview},
                     {"instance", describe_instance(config.instance)},
                     {"warning", warning},
                     {"confirm_token", issued.token},
                     {"expires_at", format_time(issued.expires_at)}};
    if (const auto* c = find_consequence(r.op->method, r.op->path)) {
        out["consequences"] = to_json(*c);
    }
    if (r.prepared.body) {
        if (auto write = analyze_metadata_write(r.op->method, r.op->path, *r.prepared.body)) {
            out["metadata"] = to_json(*write);
        }
    }
    std::string text;
    if (!refusal.empty()) {
        out["refused_token"] = refusal;
        text += std::string(refusal) + " A fresh preview follows.\n\n";
    }
    text += "NOT EXECUTED: this write needs confirmation.\n" + warning +
            "\n\nShow this to the user. Only if they agree, call execute_request again with the "
            "identical arguments plus confirm_token \"" +
            issued.token + "\" (single use, expires " + format_time(issued.expires_at) + ").";
    mcp::tool_result result;
    result.structured = std::move(out);
    result.text = std::move(text);
    // A refused token is an error the model must notice; a first preview is not.
    result.is_error = !refusal.empty();
    return result;
}

json::object elicitation_params(const execute_config& config,
                                const checked_request& r,
                                const mcp::call_context& ctx) {
    json::object params{{"message", confirmation_message(config, r) + "\n\nRun this request?"},
                        {"requestedSchema",
                         {{"type", "object"},
                          {"properties",
                           {{"confirm",
                             {{"type", "boolean"},
                              {"title", "Run " + r.op->method + " " + r.op->path},
                              {"description", "Tick to execute the request shown above"}}}}},
                          {"required", {"confirm"}}}}};
    if (ctx.protocol_version >= mcp::revision_2025_11_25) {
        params["mode"] = "form";
    }
    return params;
}

enum class answer { accept, decline, cancel, invalid };

answer read_elicitation_answer(const json::value& result) {
    if (!result.is_object()) {
        return answer::invalid;
    }
    const auto& o = result.get_object();
    auto action = o.find("action");
    if (action == o.end() || !action->value().is_string()) {
        return answer::invalid;
    }
    std::string_view a = action->value().get_string();
    if (a == "accept") {
        // Accepting the form with the box unticked is a refusal, not a consent.
        auto content = o.find("content");
        if (content != o.end() && content->value().is_object()) {
            auto confirm = content->value().get_object().find("confirm");
            if (confirm != content->value().get_object().end() && confirm->value().is_bool() &&
                confirm->value().get_bool()) {
                return answer::accept;
            }
        }
        return answer::decline;
    }
    if (a == "decline") {
        return answer::decline;
    }
    return a == "cancel" ? answer::cancel : answer::invalid;
}

mcp::tool_result refused_by_user(answer a, const checked_request& r) {
    bool declined = a == answer::decline;
    std::string text = declined ? "The user declined " : "The user cancelled the confirmation of ";
    text += r.op->method + " " + r.op->path +
            ". Nothing was sent. Do not retry unless the user asks for it.";
    return mcp::tool_result::error(
        std::move(text), {{"status", declined ? "declined" : "cancelled"}, {"request", r.preview}});
}

mcp::tool_result send_request(const execute_config& config, const checked_request& r) {
    http_request request{.method = r.op->method,
                         .target = r.prepared.target(),
                         .body = r.prepared.body_text,
                         .api_version = r.doc->version()};
    auto response = config.transport->send(request, config.budget);
    response_context context{.method = r.op->method,
                             .path = r.op->path,
                             .instance = describe_instance(config.instance),
                             .request = r.preview,
                             .query = r.prepared.query,
                             .parameters = r.doc->parameters(*r.op),
                             .result_limit = config.result_limit};
    if (!response) {
        return transport_failure_result(context, response.error());
    }
    return response_result(context, *response);
}

mcp::tool_result execute_request(const execute_config& config,
                                 const json::object& args,
                                 const mcp::call_context& ctx) {
    if (auto bad = reject_unknown_arguments(args,
                                            {"method",
                                             "path",
                                             "operation_id",
                                             "path_params",
                                             "query",
                                             "body",
                                             "version",
                                             "confirm_token"},
                                            name::execute_request)) {
        return *bad;
    }
    auto token = optional_string(args, "confirm_token");
    if (!token) {
        return token.error();
    }
    auto checked = check_request(config, args);
    if (!checked) {
        return checked.error();
    }
    const auto& r = *checked;
    if (!is_write_method(r.op->method)) {
        return send_request(config, r);
    }

    // A confirm_token from an earlier preview confirms this write, whatever the client can do.
    if (*token) {
        auto verdict =
            config.confirmations->redeem(**token, r.digest, token_purpose::confirm_token);
        if (verdict != confirmation_store::verdict::accepted) {
            return preview_result(
                config, r, confirmation_store::explain(verdict, token_purpose::confirm_token));
        }
        return send_request(config, r);
    }

    // 2026-07-28: ask through a multi-round-trip request; the state carries the binding.
    if (ctx.protocol_version >= mcp::revision_2026_07_28 && ctx.client_can_elicit()) {
        if (ctx.request_state.empty()) {
            auto issued = config.confirmations->issue(r.digest, token_purpose::request_state);
            mcp::tool_result pending;
            pending.input = mcp::tool_result::input_required{
                {{confirm_input,
                  {{"method", mcp::method::elicitation_create},
                   {"params", elicitation_params(config, r, ctx)}}}},
                issued.token};
            return pending;
        }
        auto verdict =
            config.confirmations->redeem(ctx.request_state, r.digest, token_purpose::request_state);
        if (verdict != confirmation_store::verdict::accepted) {
            return preview_result(
                config, r, confirmation_store::explain(verdict, token_purpose::request_state));
        }
        auto it = ctx.input_responses.find(confirm_input);
        answer a = it == ctx.input_responses.end() ? answer::invalid
                                                   : read_elicitation_answer(it->value());
        if (a == answer::accept) {
            return send_request(config, r);
        }
        if (a == answer::invalid) {
            return preview_result(config, r, "The retry carried no answer to the confirmation.");
        }
        return refused_by_user(a, r);
    }

    // 2025 revisions with an elicitation-capable client: ask the human directly.
    if (ctx.ask_client && ctx.client_can_elicit()) {
        auto reply =
            ctx.ask_client(mcp::method::elicitation_create, elicitation_params(config, r, ctx));
        if (!reply) {
            return preview_result(
                config, r, "The confirmation question could not be asked (" + reply.error() + ").");
        }
        answer a = read_elicitation_answer(*reply);
        if (a == answer::accept) {
            return send_request(config, r);
        }
        if (a == answer::invalid) {
            return preview_result(config,
                                  r,
                                  "The client's answer to the confirmation was "
                                  "not understood.");
        }
        return refused_by_user(a, r);
    }
    return preview_result(config, r);
}

}  // namespace

mcp::tool make_execute_request_tool(execute_config config) {
    mcp::tool t;
    t.name = name::execute_request;
    t.title = "Execute a BAPI request";
    t.description =
        "Checks one request against the spec, then sends it to Clerk's Backend API. GET runs at "
        "once; a write returns a preview and confirm_token: show it to the user, then repeat "
        "the identical call with the token. path is a template; ids go in path_params.";
    json::object any_object{{"type", "object"}};
    t.input_schema = {
        {"type", "object"},
        {"properties",
         {{"method", {{"type", "string"}, {"enum", {"GET", "POST", "PUT", "PATCH", "DELETE"}}}},
          {"path", {{"type", "string"}, {"description", "Template, e.g. /users/{user_id}"}}},
          {"operation_id", {{"type", "string"}, {"description", "Instead of method + path"}}},
          {"path_params", any_object},
          {"query", any_object},
          {"body", {{"description", "JSON request body"}}},
          {"confirm_token", {{"type", "string"}, {"description", "From the write preview"}}},
          {"version", version_schema(*config.catalog)}}},
        {"additionalProperties", false}};
    t.output_schema = {{"type", "object"},
                       {"properties",
                        {{"status", {{"type", {"integer", "string"}}}},
                         {"request", any_object},
                         {"confirm_token", {{"type", "string"}}},
                         {"expires_at", {{"type", "string"}}}}},
                       {"required", {"status"}}};
    // It can delete production users: every hint at its most cautious.
    t.annotations = {
        .read_only = false, .destructive = true, .idempotent = false, .open_world = true};
    t.handler = [config](const json::object& args, const mcp::call_context& ctx) {
        return execute_request(config, args, ctx);
    };
    return t;
}

}  // namespace clerk_mcp::tools
