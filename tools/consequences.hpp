// What a destructive Clerk Backend API operation destroys or changes, in words a confirmation
// preview can show. A curated table keyed by (method, path template), shared by every BAPI version
// that serves the same path; tests/tools/consequences_test.cpp checks it against the real specs.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace clerk_mcp::tools {

// One operation's consequences. Every string is static data that outlives the program's use of it.
struct consequence {
    std::string_view method = {};  // upper case: POST, PUT, PATCH, DELETE
    std::string_view path = {};    // the spec's template, e.g. /users/{user_id}

    // True when nothing in the API restores what the operation destroys; then `undo` is empty.
    // False when `undo` names the operation that reverses it (ban -> unban). Every DELETE is
    // irreversible.
    bool irreversible = true;

    // True when the effects depend on the request (a body field, a query parameter): each such
    // item of `destroys` then says under which condition it happens.
    bool depends_on_request = false;

    // One line, e.g. "Deletes the user".
    std::string_view action = {};

    // Exactly what is destroyed or changed, one item per thing, most important first.
    std::vector<std::string_view> destroys = {};

    // "METHOD /path" of the operation that reverses this one; empty when irreversible.
    std::string_view undo = {};
};

// Every curated entry, in a stable order (grouped by area).
std::span<const consequence> all_consequences();

// The entry for `method` (any case) and `path` (the spec's template, exactly), or null.
const consequence* find_consequence(std::string_view method, std::string_view path);

// True when the table has an entry for the operation: it deletes, revokes, replaces or otherwise
// destroys something, or locks users out. Every DELETE of the served versions has one.
bool is_destructive(std::string_view method, std::string_view path);

// The warning text of a confirmation preview, several lines. With an entry: the action, whether
// it is IRREVERSIBLE (said in capitals, as the preview must) or how to undo it, and the list of
// what is destroyed. Without one: a DELETE is still called irreversible and a generic line is
// given for other writes; GET yields an empty string.
std::string render_warning(std::string_view method, std::string_view path);

// The entry as JSON for a structured result: {action, irreversible, depends_on_request,
// destroys: [..], undo?}.
boost::json::object to_json(const consequence& entry);

}  // namespace clerk_mcp::tools
