// Clerk error knowledge: the BAPI's error body (the specs' ClerkErrors schema: {errors: [{code,
// message, long_message, meta}], clerk_trace_id}) turned into text and a next step by status.
#include <string>

#include <boost/json/parse.hpp>

#include "tools/clerk_knowledge.hpp"

namespace clerk_mcp::tools {

namespace {

namespace json = boost::json;

// How much of a body that is not a Clerk error to quote: enough to recognise an HTML error page
// or a proxy's message, little enough to keep the result small.
constexpr std::size_t excerpt_limit = 400;

std::string string_field(const json::object& object, std::string_view key) {
    const json::value* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

// The start of `body` on one line (control characters become spaces), with a marker saying how
// much was cut.
std::string make_excerpt(std::string_view body) {
    std::string out;
    for (const char c : body.substr(0, excerpt_limit)) {
        out += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? ' ' : c;
    }
    if (body.size() > excerpt_limit) {
        out += " [cut: " + std::to_string(body.size() - excerpt_limit) + " more bytes]";
    }
    return out;
}

std::optional<clerk_error_entry> parse_entry(const json::value& value) {
    const json::object* object = value.if_object();
    if (object == nullptr) {
        return std::nullopt;
    }
    clerk_error_entry entry;
    entry.code = string_field(*object, "code");
    entry.message = string_field(*object, "message");
    entry.long_message = string_field(*object, "long_message");
    if (const json::value* meta = object->if_contains("meta"); meta && meta->is_object()) {
        entry.meta = *meta;
        entry.param_name = string_field(meta->as_object(), "param_name");
    }
    if (entry.code.empty() && entry.message.empty() && entry.long_message.empty()) {
        return std::nullopt;
    }
    return entry;
}

std::string_view reason_phrase(unsigned status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 402:
            return "Payment Required";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 409:
            return "Conflict";
        case 410:
            return "Gone";
        case 413:
            return "Payload Too Large";
        case 422:
            return "Unprocessable Entity";
        case 423:
            return "Locked";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 502:
            return "Bad Gateway";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return {};
    }
}

}  // namespace

std::string_view next_step_for_status(unsigned status) {
    switch (status) {
        case 400:
        case 422:
            return "Fix the fields the errors name, then send the request again; call "
                   "describe_endpoint for the exact parameters and body this endpoint accepts.";
        case 401:
            return "The secret key was refused: it is wrong, revoked, or belongs to another "
                   "instance. Check CLERK_SECRET_KEY (or the .env file it is read from).";
        case 402:
            return "The instance's plan does not include this feature; it can be enabled from "
                   "the Clerk Dashboard.";
        case 403:
            return "The key is valid but may not do this: the key lacks the permission, or the "
                   "feature is disabled for this instance in the Clerk Dashboard.";
        case 404:
            return "No such resource in this instance: check the ID. Development (sk_test_) and "
                   "production (sk_live_) instances hold different data, so an ID from one does "
                   "not exist in the other.";
        case 409:
            return "The request conflicts with the current state (for example an identifier "
                   "already in use): read the resource again, then decide what to send.";
        case 410:
            return "This endpoint is deprecated and pending removal: use a newer API version or "
                   "the endpoint that replaces it (list_endpoints shows what is available).";
        case 413:
            return "The request body is too large for this endpoint: send a smaller one.";
        case 423:
            return "The resource is locked and cannot be changed now.";
        case 429:
            return "Rate limited: wait before retrying (as long as Clerk's Retry-After asks, "
                   "when the result gives it). Clerk allows 100 requests per 10 seconds with "
                   "development keys and 1000 "
                   "with production keys.";
        default:
            break;
    }
    if (status >= 500 && status <= 599) {
        return "A fault on Clerk's side: retry later. If it persists, contact Clerk support, "
               "giving them the clerk_trace_id when the error has one.";
    }
    if (status >= 400 && status <= 499) {
        return "Clerk refused the request: read the error messages and call describe_endpoint "
               "to check the request.";
    }
    return "Clerk answered with an unexpected status; read the body for details.";
}

clerk_error parse_clerk_error(unsigned status, std::string_view body) {
    clerk_error out;
    out.status = status;
    out.next_step = next_step_for_status(status);

    boost::system::error_code ec;
    const json::value parsed = json::parse(body, ec);
    const json::object* root = ec ? nullptr : parsed.if_object();
    if (root != nullptr) {
        out.trace_id = string_field(*root, "clerk_trace_id");
        if (const json::value* errors = root->if_contains("errors"); errors && errors->is_array()) {
            for (const auto& element : errors->as_array()) {
                if (auto entry = parse_entry(element)) {
                    out.errors.push_back(std::move(*entry));
                }
            }
        }
    }
    out.well_formed = !out.errors.empty();
    if (!out.well_formed) {
        out.excerpt = make_excerpt(body);
    }
    return out;
}

json::object to_json(const clerk_error& error) {
    json::object out;
    out["status"] = error.status;
    json::array errors;
    for (const auto& entry : error.errors) {
        json::object item;
        item["code"] = entry.code;
        item["message"] = entry.message;
        if (!entry.long_message.empty()) {
            item["long_message"] = entry.long_message;
        }
        if (!entry.param_name.empty()) {
            item["param_name"] = entry.param_name;
        }
        if (!entry.meta.is_null()) {
            item["meta"] = entry.meta;
        }
        errors.push_back(std::move(item));
    }
    out["errors"] = std::move(errors);
    if (!error.trace_id.empty()) {
        out["clerk_trace_id"] = error.trace_id;
    }
    out["next_step"] = error.next_step;
    if (!error.well_formed) {
        out["body_excerpt"] = error.excerpt;
    }
    return out;
}

std::string render(const clerk_error& error) {
    std::string out = "Clerk answered " + std::to_string(error.status);
    if (const auto phrase = reason_phrase(error.status); !phrase.empty()) {
        out += " " + std::string(phrase);
    }
    if (!error.well_formed) {
        out += error.excerpt.empty() ? " with an empty body."
                                     : " with a body that is not a Clerk error: " + error.excerpt;
    } else {
        out += ".";
    }

    for (const auto& entry : error.errors) {
        out += "\n- ";
        if (!entry.code.empty()) {
            out += entry.code + ": ";
        }
        out += entry.long_message.empty() ? entry.message : entry.long_message;
        if (!entry.param_name.empty()) {
            out += " (field: " + entry.param_name + ")";
        }
    }
    if (!error.trace_id.empty()) {
        out += "\nclerk_trace_id: " + error.trace_id;
    }
    out += "\nNext step: " + error.next_step;
    return out;
}

}  // namespace clerk_mcp::tools
