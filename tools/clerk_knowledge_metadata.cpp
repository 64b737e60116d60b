// Metadata knowledge: the three types and how each endpoint writes them. The merge and replace
// semantics are those the BAPI specs document on the endpoints themselves (2021-02-05 ...
// 2026-05-12): PATCH .../metadata deep-merges and deletes keys set to null; PUT .../metadata
// replaces each field sent; PATCH /users/{user_id} and PATCH /organizations/{organization_id}
// replaced the fields sent until 2026-05-12, which refuses metadata there altogether.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "tools/clerk_knowledge.hpp"

namespace clerk_mcp::tools {

namespace {

namespace json = boost::json;

constexpr std::array<std::string_view, 3> metadata_fields = {
    "public_metadata", "private_metadata", "unsafe_metadata"};

struct known_endpoint {
    std::string_view method;
    std::string_view path;
    metadata_write_mode mode;
    std::string_view merge_endpoint;  // for replace
    std::string_view note;
};

// Endpoints whose metadata handling is not told by the path alone.
constexpr std::array<known_endpoint, 9> known_endpoints = {{
    {"PATCH",
     "/users/{user_id}",
     metadata_write_mode::replace,
     "PATCH /users/{user_id}/metadata",
     "API version 2026-05-12 refuses metadata on this endpoint."},
    {"PATCH",
     "/organizations/{organization_id}",
     metadata_write_mode::replace,
     "PATCH /organizations/{organization_id}/metadata",
     "API version 2026-05-12 refuses metadata on this endpoint."},
    {"POST", "/users", metadata_write_mode::create, {}, {}},
    {"POST", "/organizations", metadata_write_mode::create, {}, {}},
    {"POST", "/organizations/{organization_id}/memberships", metadata_write_mode::create, {}, {}},
    {"POST",
     "/invitations",
     metadata_write_mode::create,
     {},
     "When the invitee signs up, this metadata becomes the new user's public_metadata."},
    {"POST",
     "/invitations/bulk",
     metadata_write_mode::create,
     {},
     "When an invitee signs up, this metadata becomes the new user's public_metadata."},
    {"POST",
     "/organizations/{organization_id}/invitations",
     metadata_write_mode::create,
     {},
     "When the invitation is accepted, this metadata moves to the new organization membership."},
    {"POST",
     "/organizations/{organization_id}/invitations/bulk",
     metadata_write_mode::create,
     {},
     "When an invitation is accepted, its metadata moves to the new organization membership."},
}};

std::string upper(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::toupper(c); });
    return out;
}

// The mode, merge endpoint and note for an operation; the .../metadata suffix decides for
// endpoints not listed, so a newer spec's metadata endpoints are still understood.
known_endpoint classify(std::string_view method, std::string_view path) {
    for (const auto& known : known_endpoints) {
        if (known.method == method && known.path == path) {
            return known;
        }
    }
    if (path.ends_with("/metadata") && method == "PATCH") {
        return {method, path, metadata_write_mode::merge, {}, {}};
    }
    if (path.ends_with("/metadata") && method == "PUT") {
        return {method, path, metadata_write_mode::replace, {}, {}};
    }
    return {method, path, metadata_write_mode::unknown, {}, {}};
}

// Appends the dotted path of every key under `node` whose value is null.
void collect_null_keys(const json::object& node,
                       const std::string& prefix,
                       std::vector<std::string>& out) {
    for (const auto& [key, value] : node) {
        const std::string path = prefix + "." + std::string(key);
        if (value.is_null()) {
            out.push_back(path);
        } else if (value.is_object()) {
            collect_null_keys(value.as_object(), path, out);
        }
    }
}

void add_unique(std::vector<std::string>& list, std::string item) {
    if (std::ranges::find(list, item) == list.end()) {
        list.push_back(std::move(item));
    }
}

// Records what one body object (the body, or one element of a bulk body) writes.
void scan_object(const json::object& body, metadata_write& write) {
    for (const auto field : metadata_fields) {
        const json::value* value = body.if_contains(field);
        if (value == nullptr) {
            continue;
        }
        write.fields.emplace_back(field);
        if (!value->is_object()) {
            continue;
        }
        if (write.mode == metadata_write_mode::merge) {
            std::vector<std::string> removed;
            collect_null_keys(value->as_object(), std::string(field), removed);
            for (auto& key : removed) {
                add_unique(write.removed_keys, std::move(key));
            }
        }
        if (write.mode == metadata_write_mode::replace && value->as_object().empty()) {
            add_unique(write.cleared_fields, std::string(field));
        }
    }
}

// Keeps the first occurrence of each field, in public, private, unsafe order.
void normalize_fields(std::vector<std::string>& fields) {
    std::vector<std::string> ordered;
    for (const auto field : metadata_fields) {
        if (std::ranges::find(fields, field) != fields.end()) {
            ordered.emplace_back(field);
        }
    }
    fields = std::move(ordered);
}

std::string_view mode_name(metadata_write_mode mode) {
    switch (mode) {
        case metadata_write_mode::merge:
            return "merge";
        case metadata_write_mode::replace:
            return "replace";
        case metadata_write_mode::create:
            return "create";
        case metadata_write_mode::unknown:
            break;
    }
    return "unknown";
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

}  // namespace

std::string_view explain_metadata(std::string_view field) {
    // Kept to one short line each: every metadata write repeats all three, so they cost tokens
    // on each preview.
    if (field == "public_metadata") {
        return "public_metadata: read by frontend and backend, written only by the backend; "
               "for what the app shows or checks but users must not change (plan, role).";
    }
    if (field == "private_metadata") {
        return "private_metadata: read and written only by the backend, never sent to the "
               "browser; for internal data (IDs in other systems).";
    }
    if (field == "unsafe_metadata") {
        return "unsafe_metadata: read and written by the frontend too, so the user can change "
               "it; never trust it for authorization; for preferences, onboarding answers.";
    }
    return {};
}

std::optional<metadata_write> analyze_metadata_write(std::string_view method,
                                                     std::string_view path,
                                                     const json::value& body) {
    const std::string verb = upper(method);
    const known_endpoint endpoint = classify(verb, path);

    metadata_write write;
    write.mode = endpoint.mode;
    if (body.is_object()) {
        scan_object(body.as_object(), write);
    } else if (body.is_array()) {
        for (const auto& element : body.as_array()) {
            if (element.is_object()) {
                scan_object(element.as_object(), write);
            }
        }
    }
    if (write.fields.empty()) {
        return std::nullopt;
    }
    normalize_fields(write.fields);

    if (write.mode == metadata_write_mode::replace) {
        write.merge_endpoint = endpoint.merge_endpoint.empty()
                                   ? "PATCH " + std::string(path)
                                   : std::string(endpoint.merge_endpoint);
    }
    write.note = endpoint.note;
    return write;
}

json::object to_json(const metadata_write& write) {
    json::object out;
    json::array fields;
    for (const auto& field : write.fields) {
        fields.emplace_back(field);
    }
    json::object explanations;
    for (const auto field : metadata_fields) {
        explanations[field] = explain_metadata(field);
    }
    out["fields"] = std::move(fields);
    out["mode"] = mode_name(write.mode);
    out["explanations"] = std::move(explanations);
    if (!write.merge_endpoint.empty()) {
        out["merge_endpoint"] = write.merge_endpoint;
    }
    if (!write.removed_keys.empty()) {
        out["removed_keys"] = json::array(write.removed_keys.begin(), write.removed_keys.end());
    }
    if (!write.cleared_fields.empty()) {
        out["cleared_fields"] =
            json::array(write.cleared_fields.begin(), write.cleared_fields.end());
    }
    if (!write.note.empty()) {
        out["note"] = write.note;
    }
    return out;
}

std::string render(const metadata_write& write) {
    // All three types, not only those written: choosing the wrong one (unsafe for a role,
    // public for a secret) is the usual mistake, and only the contrast shows it.
    std::string out = "This request writes " + join(write.fields) + ". Clerk's metadata types:";
    for (const auto field : metadata_fields) {
        const bool written = std::ranges::find(write.fields, field) != write.fields.end();
        out += "\n- ";
        out += explain_metadata(field);
        if (written) {
            out += " [written here]";
        }
    }
    switch (write.mode) {
        case metadata_write_mode::merge:
            out +=
                "\nThis endpoint deep-merges: keys not sent are kept, nested objects are "
                "merged, and a key set to null is removed.";
            if (!write.removed_keys.empty()) {
                out += " Removed by this request: " + join(write.removed_keys) + ".";
            }
            break;
        case metadata_write_mode::replace:
            out +=
                "\nWARNING: this endpoint replaces each metadata object sent whole: the "
                "stored keys of that object that are not in the request are removed (objects "
                "not sent are left as they are).";
            if (!write.cleared_fields.empty()) {
                out += " Sent empty, so cleared entirely: " + join(write.cleared_fields) + ".";
            }
            out += " To change only some keys and keep the others, use " + write.merge_endpoint +
                   ", which deep-merges.";
            break;
        case metadata_write_mode::create:
            out += "\nThe objects sent become the initial metadata of what this request creates.";
            break;
        case metadata_write_mode::unknown:
            out +=
                "\nWhether this endpoint merges or replaces metadata is not known here; call "
                "describe_endpoint to read its documentation.";
            break;
    }
    if (!write.note.empty()) {
        out += "\n" + write.note;
    }
    return out;
}

}  // namespace clerk_mcp::tools
