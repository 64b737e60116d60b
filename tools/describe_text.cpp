#include "tools/describe_text.hpp"

#include <string_view>

#include <boost/json/serialize.hpp>

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

std::string_view string_at(const json::object& o, std::string_view key) {
    const json::value* v = o.if_contains(key);
    return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// `text` with every run of whitespace (the spec's hard wraps included) as one space, except
// that a blank line, which separates paragraphs, stays a line break.
std::string collapse_whitespace(std::string_view text, bool keep_paragraphs) {
    std::string out;
    out.reserve(text.size());
    std::size_t newlines = 0;
    bool pending_space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            newlines += c == '\n';
            pending_space = true;
            continue;
        }
        if (pending_space && !out.empty()) {
            out += keep_paragraphs && newlines >= 2 ? '\n' : ' ';
        }
        pending_space = false;
        newlines = 0;
        out += c;
    }
    return out;
}

// One parameter: "- name* (in, type, default 10, 1..500, one of: a|b): description", where *
// marks a required one.
void render_parameter(const json::object& p, std::string& out) {
    out += "- ";
    out += string_at(p, "name");
    if (const json::value* required = p.if_contains("required");
        required != nullptr && required->is_bool() && required->get_bool()) {
        out += '*';
    }
    out += " (";
    out += string_at(p, "in");
    out += ", ";
    out += string_at(p, "type");
    if (auto format = string_at(p, "format"); !format.empty()) {
        out += " (";
        out += format;
        out += ')';
    }
    if (const json::value* d = p.if_contains("default")) {
        out += ", default " + json::serialize(*d);
    }
    const json::value* min = p.if_contains("minimum");
    const json::value* max = p.if_contains("maximum");
    if (min != nullptr || max != nullptr) {
        out += ", ";
        out += min != nullptr ? json::serialize(*min) : "";
        out += "..";
        out += max != nullptr ? json::serialize(*max) : "";
    }
    if (const json::value* e = p.if_contains("enum"); e != nullptr && e->is_array()) {
        out += ", one of: ";
        bool first = true;
        for (const auto& v : e->get_array()) {
            out += first ? "" : "|";
            out += v.is_string() ? std::string(v.get_string()) : json::serialize(v);
            first = false;
        }
    }
    if (p.contains("deprecated")) {
        out += ", deprecated";
    }
    out += ')';
    if (auto d = string_at(p, "description"); !d.empty()) {
        out += ": " + collapse_whitespace(d, false);
    }
    out += '\n';
}

void render_request_body(const json::value* body, std::string& out) {
    if (body == nullptr || !body->is_object()) {
        out += "Request body: none.\n";
        return;
    }
    const json::object& b = body->get_object();
    out += "Request body (";
    out += string_at(b, "content_type");
    const json::value* required = b.if_contains("required");
    out += required != nullptr && required->is_bool() && required->get_bool() ? ", required"
                                                                              : ", optional";
    out += "):";
    if (auto note = string_at(b, "note"); !note.empty()) {
        out += ' ';
        out += note;
    }
    if (const json::value* schema = b.if_contains("schema")) {
        out += ' ' + json::serialize(*schema);
    }
    out += '\n';
}

void render_responses(const json::value* responses, std::string& out) {
    if (responses == nullptr || !responses->is_object()) {
        return;
    }
    out += "Responses:\n";
    for (const auto& r : responses->get_object()) {
        out += "- ";
        out += r.key();
        if (!r.value().is_object()) {
            out += '\n';
            continue;
        }
        const json::object& entry = r.value().get_object();
        if (auto d = string_at(entry, "description"); !d.empty()) {
            out += ' ' + collapse_whitespace(d, false);
        }
        if (const json::value* schema = entry.if_contains("schema")) {
            out += ": " + json::serialize(*schema);
        }
        out += '\n';
    }
}

}  // namespace

std::string render_operation_text(const json::object& described) {
    std::string out;
    out += string_at(described, "method");
    out += ' ';
    out += string_at(described, "path");
    out += " (";
    out += string_at(described, "operation_id");
    out += ", BAPI ";
    out += string_at(described, "version");
    out += ")";
    if (described.contains("deprecated")) {
        out += " DEPRECATED";
    }
    if (auto summary = string_at(described, "summary"); !summary.empty()) {
        out += ": ";
        out += summary;
    }
    out += '\n';
    if (auto d = string_at(described, "description"); !d.empty()) {
        out += collapse_whitespace(d, true) + '\n';
    }

    const json::value* parameters = described.if_contains("parameters");
    if (parameters != nullptr && parameters->is_array() && !parameters->get_array().empty()) {
        out += "Parameters (* = required):\n";
        for (const auto& p : parameters->get_array()) {
            if (p.is_object()) {
                render_parameter(p.get_object(), out);
            }
        }
    } else {
        out += "Parameters: none.\n";
    }
    render_request_body(described.if_contains("request_body"), out);
    render_responses(described.if_contains("responses"), out);

    if (const json::value* requires_ = described.if_contains("requires");
        requires_ != nullptr && requires_->is_object()) {
        out += "Requires: ";
        const json::value* scopes = requires_->get_object().if_contains("scopes");
        if (scopes != nullptr && scopes->is_array() && !scopes->get_array().empty()) {
            out += "scopes ";
            bool first = true;
            for (const auto& s : scopes->get_array()) {
                out += first ? "" : "+";
                out += s.is_string() ? std::string_view(s.get_string()) : std::string_view();
                first = false;
            }
            out += ". ";
        }
        out += string_at(requires_->get_object(), "note");
        out += '\n';
    }
    return out;
}

}  // namespace clerk_mcp::tools
