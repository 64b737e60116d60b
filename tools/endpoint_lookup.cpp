#include "tools/endpoint_lookup.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/array.hpp>

#include "spec/suggest.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> segments;
    std::size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '/') {
            ++start;
            continue;
        }
        auto end = path.find('/', start);
        if (end == std::string_view::npos) {
            end = path.size();
        }
        segments.push_back(path.substr(start, end - start));
        start = end;
    }
    return segments;
}

bool is_template_segment(std::string_view s) {
    return s.size() >= 2 && s.front() == '{' && s.back() == '}';
}

std::string upper(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    return out;
}

// Models often send the URL they would call (`/v1/users/user_123/`) rather than the spec's
// template: strip what never belongs to a template so that near-miss matching sees the rest.
std::string normalize_path(std::string_view path) {
    std::string p(path);
    if (auto q = p.find('?'); q != std::string::npos) {
        p.resize(q);
    }
    if (p.rfind("/v1/", 0) == 0) {
        p.erase(0, 3);
    }
    while (p.size() > 1 && p.back() == '/') {
        p.pop_back();
    }
    if (p.empty() || p.front() != '/') {
        p.insert(p.begin(), '/');
    }
    return p;
}

struct near_miss {
    std::string method;
    std::string path;
    std::string operation_id;
    std::string why;
};

// Segments are the same when they are equal or both placeholders, whatever their names.
bool same_segment(std::string_view spec_segment, std::string_view sent) {
    return spec_segment == sent || (is_template_segment(spec_segment) && is_template_segment(sent));
}

// When the last segment of `wanted` is wrong beyond a typo (`/users/{user_id}/suspend`), the
// operations beside it and on its parent path are what the caller is looking for, those with the
// requested method first. Nothing when the parent path has no operation.
void add_siblings(const spec::document& doc,
                  std::string_view method,
                  const std::vector<std::string_view>& wanted,
                  std::vector<near_miss>& out) {
    if (wanted.size() < 2) {
        return;
    }
    const std::size_t parent_size = wanted.size() - 1;
    std::vector<near_miss> parents;
    std::vector<near_miss> children;
    for (const auto& op : doc.operations()) {
        auto have = split_path(op.path);
        if (have.size() != parent_size && have.size() != wanted.size()) {
            continue;
        }
        bool under_parent = true;
        for (std::size_t i = 0; i < parent_size && under_parent; ++i) {
            under_parent = same_segment(have[i], wanted[i]);
        }
        if (!under_parent) {
            continue;
        }
        if (have.size() == parent_size) {
            parents.push_back({op.method, op.path, op.operation_id, "the parent path"});
        } else {
            children.push_back({op.method,
                                op.path,
                                op.operation_id,
                                "another operation under the same parent path"});
        }
    }
    // Same method first; among those, a sibling is likelier what was meant than the parent.
    std::vector<near_miss> ranked = std::move(children);
    ranked.insert(ranked.begin(), parents.begin(), parents.end());
    std::stable_partition(ranked.begin(), ranked.end(), [&](const near_miss& m) {
        return m.method == method && split_path(m.path).size() == wanted.size();
    });
    std::stable_partition(
        ranked.begin(), ranked.end(), [&](const near_miss& m) { return m.method == method; });
    out.insert(out.end(), ranked.begin(), ranked.end());
}

// Operations whose path has the same number of segments as `path` and either matches it once
// concrete ids are read as template parameters (the model sent a URL, not the template) and
// placeholders are compared without their names (`{id}` for `{user_id}`), or differs from it in
// one literal segment that is spelled closely (a typo: `/user` for `/users`), closest spelling
// first. The first kind, when there is any, is the answer; the second is offered only when there
// is none; when neither exists, the operations beside the path (same parent) are offered.
void add_path_neighbours(const spec::document& doc,
                         std::string_view method,
                         std::string_view path,
                         std::vector<near_miss>& out) {
    auto wanted = split_path(path);
    std::vector<near_miss> filled;
    struct typo {
        near_miss miss;
        std::string sent;  // the segment as the caller spelled it
        std::string spec;  // the segment as the spec spells it
    };
    std::vector<typo> typos;
    for (const auto& op : doc.operations()) {
        auto have = split_path(op.path);
        if (have.size() != wanted.size() || op.path == path) {
            continue;
        }
        int literal_differences = 0;
        bool filled_template = false;
        bool renamed_template = false;
        std::size_t differing = 0;
        for (std::size_t i = 0; i < have.size(); ++i) {
            if (have[i] == wanted[i]) {
                continue;
            }
            if (is_template_segment(have[i])) {
                (is_template_segment(wanted[i]) ? renamed_template : filled_template) = true;
                continue;
            }
            ++literal_differences;
            differing = i;
        }
        if (literal_differences == 0 && filled_template) {
            filled.push_back({op.method,
                              op.path,
                              op.operation_id,
                              "path is a template: put the ids in path_params"});
        } else if (literal_differences == 0 && renamed_template) {
            filled.push_back({op.method,
                              op.path,
                              op.operation_id,
                              "same path; the spec names its placeholders so"});
        } else if (literal_differences == 1 && !filled_template && op.method == method) {
            std::string sent(wanted[differing]);
            std::string spelled(have[differing]);
            typos.push_back({{op.method,
                              op.path,
                              op.operation_id,
                              "the spec spells segment `" + sent + "` as `" + spelled + "`"},
                             sent,
                             spelled});
        }
    }
    if (!filled.empty()) {
        // A template match with the requested method first.
        std::stable_partition(
            filled.begin(), filled.end(), [&](const near_miss& m) { return m.method == method; });
        out.insert(out.end(), filled.begin(), filled.end());
        return;
    }

    // Every typo differs in one segment, but not always the same one: rank each against the
    // other spellings of its own position, and keep only the close ones.
    std::vector<std::pair<std::size_t, near_miss>> ranked;
    for (const auto& t : typos) {
        std::vector<std::string> spellings;
        for (const auto& other : typos) {
            if (other.sent == t.sent &&
                std::find(spellings.begin(), spellings.end(), other.spec) == spellings.end()) {
                spellings.push_back(other.spec);
            }
        }
        auto close = spec::closest(t.sent, spellings, spellings.size());
        auto at = std::find(close.begin(), close.end(), t.spec);
        if (at != close.end()) {
            ranked.emplace_back(static_cast<std::size_t>(at - close.begin()), t.miss);
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    for (auto& [rank, miss] : ranked) {
        out.push_back(std::move(miss));
    }
    if (ranked.empty()) {
        add_siblings(doc, method, wanted, out);
    }
}

mcp::tool_result unknown_endpoint(const spec::document& doc,
                                  std::string_view method,
                                  std::string_view path,
                                  std::string_view operation_id) {
    std::vector<near_miss> misses;
    std::string normalized;
    if (!path.empty()) {
        normalized = normalize_path(path);
        for (const auto& op : doc.operations()) {
            if (op.path == normalized && op.method != method) {
                misses.push_back({op.method, op.path, op.operation_id, "other method, same path"});
            }
            if (op.path == normalized && op.method == method && normalized != path) {
                misses.push_back({op.method, op.path, op.operation_id, "path without /v1 or /"});
            }
        }
        add_path_neighbours(doc, method, normalized, misses);
    }
    std::string id_query(operation_id);
    if (id_query.empty() && !path.empty()) {
        id_query = std::string(split_path(normalized).empty() ? "" : split_path(normalized).back());
    }
    if (!id_query.empty()) {
        std::vector<std::string> ids;
        ids.reserve(doc.operations().size());
        for (const auto& op : doc.operations()) {
            ids.push_back(op.operation_id);
        }
        for (const auto& id : spec::closest(id_query, ids, 3)) {
            if (const auto* op = doc.find_by_operation_id(id)) {
                misses.push_back({op->method, op->path, op->operation_id, "similar operationId"});
            }
        }
    }

    // Keep the first mention of each operation, at most eight.
    json::array suggestions;
    std::vector<std::string> seen;
    std::string text = operation_id.empty()
                           ? "No operation " + std::string(method) + " " + std::string(path)
                           : "No operation with operation_id `" + std::string(operation_id) + "`";
    text += " in BAPI version " + doc.version() + ".";
    for (const auto& m : misses) {
        std::string key = m.method + " " + m.path;
        if (std::find(seen.begin(), seen.end(), key) != seen.end() || seen.size() == 8) {
            continue;
        }
        seen.push_back(key);
        if (seen.size() == 1) {
            text += " Did you mean:";
        }
        text += "\n- " + key + " (" + m.operation_id + "): " + m.why;
        suggestions.push_back(json::object{{"method", m.method},
                                           {"path", m.path},
                                           {"operation_id", m.operation_id},
                                           {"reason", m.why}});
    }
    text += seen.empty() ? "\nUse list_endpoints with a tag or query to find the operation."
                         : "\nOr use list_endpoints with a tag or query to browse.";
    return mcp::tool_result::error(
        std::move(text), {{"version", doc.version()}, {"suggestions", std::move(suggestions)}});
}

}  // namespace

arg_result<const spec::operation*> find_operation(const spec::document& doc,
                                                  const json::object& args) {
    auto method = optional_string(args, "method");
    if (!method) {
        return method.error();
    }
    auto path = optional_string(args, "path");
    if (!path) {
        return path.error();
    }
    auto operation_id = optional_string(args, "operation_id");
    if (!operation_id) {
        return operation_id.error();
    }

    if (*operation_id) {
        if (const auto* op = doc.find_by_operation_id(**operation_id)) {
            return op;
        }
        return unknown_endpoint(doc, "", "", **operation_id);
    }
    if (!*method || !*path) {
        return mcp::tool_result::error(
            "Name the endpoint with `method` and `path` (the spec's template, e.g. GET "
            "/users/{user_id}), or with `operation_id`. list_endpoints shows both.");
    }
    std::string m = upper(**method);
    if (const auto* op = doc.find(m, **path)) {
        return op;
    }
    return unknown_endpoint(doc, m, **path, "");
}

}  // namespace clerk_mcp::tools
