#include "tools/consequences.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include <boost/json/array.hpp>

#include "tools/consequences_table.hpp"

namespace clerk_mcp::tools {

namespace {

std::vector<consequence> build_table() {
    std::vector<consequence> table;
    for (auto&& part : {detail::user_consequences(),
                        detail::organization_consequences(),
                        detail::instance_consequences()}) {
        table.insert(table.end(), part.begin(), part.end());
    }
    return table;
}

// Built once, on first use; immutable afterwards, so any thread may read it.
const std::vector<consequence>& table() {
    static const std::vector<consequence> entries = build_table();
    return entries;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return std::ranges::equal(
        a, b, [](unsigned char x, unsigned char y) { return std::toupper(x) == std::toupper(y); });
}

std::string upper(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::toupper(c); });
    return out;
}

void append_list(std::string& out, const std::vector<std::string_view>& items) {
    for (const auto item : items) {
        out += "\n- ";
        out += item;
    }
}

// The sentence that says whether, and how, the action can be undone.
std::string reversibility_line(const consequence& entry) {
    if (!entry.irreversible) {
        return "It can be undone with " + std::string(entry.undo) + ". What it changes:";
    }
    if (entry.depends_on_request) {
        return "Depending on the request, this action can be IRREVERSIBLE: nothing in the API "
               "restores what it destroys. What it can destroy or change:";
    }
    return "This action is IRREVERSIBLE: nothing in the API restores what it destroys. It "
           "permanently destroys:";
}

}  // namespace

std::span<const consequence> all_consequences() {
    return table();
}

const consequence* find_consequence(std::string_view method, std::string_view path) {
    const auto& entries = table();
    const auto found = std::ranges::find_if(entries, [&](const consequence& entry) {
        return entry.path == path && equals_ignoring_case(entry.method, method);
    });
    return found == entries.end() ? nullptr : &*found;
}

bool is_destructive(std::string_view method, std::string_view path) {
    return find_consequence(method, path) != nullptr;
}

std::string render_warning(std::string_view method, std::string_view path) {
    const std::string verb = upper(method);
    const std::string endpoint = verb + " " + std::string(path);

    if (const consequence* entry = find_consequence(verb, path)) {
        std::string out = endpoint + ": " + std::string(entry->action) + ".\n";
        out += reversibility_line(*entry);
        append_list(out, entry->destroys);
        return out;
    }

    // A spec folder given at run time may hold operations the table has never seen; a DELETE is
    // still a deletion, so the preview must not sound softer than for a known one.
    if (verb == "DELETE") {
        return endpoint +
               ": deletes what the path names.\nThis action is IRREVERSIBLE: nothing in the API "
               "restores what it deletes. No curated list of consequences exists for this "
               "endpoint; call describe_endpoint to read what Clerk documents about it.";
    }
    if (verb == "POST" || verb == "PUT" || verb == "PATCH") {
        return endpoint + ": changes data in your Clerk instance.";
    }
    return {};
}

boost::json::object to_json(const consequence& entry) {
    boost::json::array destroys;
    for (const auto item : entry.destroys) {
        destroys.emplace_back(item);
    }
    boost::json::object out;
    out["action"] = entry.action;
    out["irreversible"] = entry.irreversible;
    out["depends_on_request"] = entry.depends_on_request;
    out["destroys"] = std::move(destroys);
    if (!entry.undo.empty()) {
        out["undo"] = entry.undo;
    }
    return out;
}

}  // namespace clerk_mcp::tools
