#include "spec/document.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <stdexcept>
#include <utility>

#include <boost/json/string.hpp>

#include "spec/ref_resolver.hpp"
#include "spec/search.hpp"

namespace clerk_mcp::spec {

namespace {

namespace json = boost::json;

// The path item keys that hold operations (OpenAPI 3.0.3, "Path Item Object"), in the order
// operations of one path are listed: reads first, then writes, the destructive one last.
constexpr std::array<std::string_view, 8> methods = {
    "get", "post", "put", "patch", "delete", "head", "options", "trace"};

std::size_t method_rank(std::string_view method) {
    for (std::size_t i = 0; i < methods.size(); ++i) {
        if (methods[i].size() == method.size() &&
            std::equal(method.begin(), method.end(), methods[i].begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == b;
            })) {
            return i;
        }
    }
    return methods.size();
}

std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool iless(std::string_view a, std::string_view b) {
    return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x)) <
               std::tolower(static_cast<unsigned char>(y));
    });
}

// Clerk's platform API manages Clerk applications themselves; it is a different API with
// different credentials (a platform token, not an instance's secret key) and its own
// spec. Some spec sets carry its paths and tags beside the Backend API's. This server serves the
// Backend API only, so none of it is indexed, and a model never sees an endpoint the secret key
// cannot call.
bool is_platform_path(std::string_view path) {
    constexpr std::string_view prefix = "/platform";
    return path.starts_with(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

bool is_platform_tag(std::string_view tag) {
    return tag.starts_with("Platform");
}

std::string string_or_empty(const json::object& obj, std::string_view key) {
    const json::value* v = obj.if_contains(key);
    return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::string method_path_key(std::string_view method, std::string_view path) {
    std::string key = to_upper(method);
    key.push_back(' ');
    key.append(path);
    return key;
}

// The parameters listed at `key` of `holder`, each resolved; an absent list is empty.
std::vector<json::value> resolved_parameters(const json::value& root, const json::object* holder) {
    std::vector<json::value> out;
    const json::value* list = holder != nullptr ? holder->if_contains("parameters") : nullptr;
    if (list == nullptr || !list->is_array()) {
        return out;
    }
    for (const json::value& p : list->get_array()) {
        out.push_back(resolve_refs(root, p));
    }
    return out;
}

// Parameters are unique by name and location (OpenAPI 3.0.3, "Operation Object").
std::pair<std::string, std::string> parameter_key(const json::value& p) {
    if (const json::object* obj = p.if_object()) {
        return {string_or_empty(*obj, "name"), string_or_empty(*obj, "in")};
    }
    return {};
}

}  // namespace

document::document(std::string version, json::value root)
    : version_(std::move(version)), root_(std::move(root)) {
    const json::object* top = root_.if_object();
    const json::value* paths = top != nullptr ? top->if_contains("paths") : nullptr;
    if (paths == nullptr || !paths->is_object()) {
        throw std::runtime_error("the OpenAPI document of version " + version_ +
                                 " has no `paths` object");
    }
    index_operations(paths->get_object());
    index_tags();
    build_search_index();
}

document::~document() = default;

void document::index_operations(const json::object& paths) {
    for (const auto& [path, item_value] : paths) {
        if (is_platform_path(path)) {
            continue;
        }
        // A path item may itself be a reference (OpenAPI 3.0.3, "Path Item Object", `$ref`).
        const json::value* item = &item_value;
        if (const json::object* obj = item->if_object(); obj != nullptr && obj->contains("$ref")) {
            const json::value* ref = obj->if_contains("$ref");
            item = ref->is_string() ? lookup(ref->get_string()) : nullptr;
        }
        if (item == nullptr || !item->is_object()) {
            continue;
        }
        for (const auto& [key, node] : item->get_object()) {
            if (method_rank(key) < methods.size() && node.is_object()) {
                add_operation(path, key, item->get_object(), node.get_object());
            }
        }
    }

    std::sort(operations_.begin(), operations_.end(), [](const operation& a, const operation& b) {
        if (a.path != b.path) {
            return a.path < b.path;
        }
        return method_rank(a.method) < method_rank(b.method);
    });
    for (std::size_t i = 0; i < operations_.size(); ++i) {
        const operation& op = operations_[i];
        by_method_path_.emplace(method_path_key(op.method, op.path), i);
        if (!op.operation_id.empty()) {
            // operationIds are unique by the spec; should one repeat, the first in order wins.
            by_operation_id_.emplace(op.operation_id, i);
        }
    }
}

void document::add_operation(std::string_view path,
                             std::string_view method,
                             const json::object& path_item,
                             const json::object& node) {
    operation op;
    op.method = to_upper(method);
    op.path = std::string(path);
    op.operation_id = string_or_empty(node, "operationId");
    op.summary = string_or_empty(node, "summary");
    if (const json::value* tags = node.if_contains("tags"); tags != nullptr && tags->is_array()) {
        for (const json::value& tag : tags->get_array()) {
            if (!tag.is_string()) {
                continue;
            }
            if (is_platform_tag(tag.get_string())) {
                return;
            }
            std::string name(tag.get_string());
            if (std::find(op.tags.begin(), op.tags.end(), name) == op.tags.end()) {
                op.tags.push_back(std::move(name));
            }
        }
    }
    const json::value* deprecated = node.if_contains("deprecated");
    op.deprecated = deprecated != nullptr && deprecated->is_bool() && deprecated->get_bool();
    op.node = &node;
    op.path_item = &path_item;
    operations_.push_back(std::move(op));
}

void document::index_tags() {
    // Declared tags first, so that their descriptions are kept; then the tags only operations
    // use (Clerk's specs use some tags they never declare).
    std::map<std::string, tag_info, decltype(&iless)> by_name(&iless);
    if (const json::value* tags = root_.get_object().if_contains("tags");
        tags != nullptr && tags->is_array()) {
        for (const json::value& tag : tags->get_array()) {
            const json::object* obj = tag.if_object();
            std::string name = obj != nullptr ? string_or_empty(*obj, "name") : std::string();
            if (name.empty() || is_platform_tag(name)) {
                continue;
            }
            by_name.try_emplace(name, tag_info{name, string_or_empty(*obj, "description"), 0});
        }
    }
    for (const operation& op : operations_) {
        for (const std::string& name : op.tags) {
            auto [it, inserted] = by_name.try_emplace(name, tag_info{name, std::string(), 0});
            ++it->second.endpoint_count;
        }
    }
    for (auto& [name, info] : by_name) {
        tags_.push_back(std::move(info));
    }
}

void document::build_search_index() {
    std::vector<search_fields> fields;
    fields.reserve(operations_.size());
    for (const operation& op : operations_) {
        search_fields f{op.method, op.path, op.operation_id, op.summary, {}};
        for (const json::value& p : parameters(op)) {
            // Path parameters are already part of the path's words.
            const json::object* obj = p.if_object();
            if (obj != nullptr && string_or_empty(*obj, "in") != "path") {
                f.parameter_names.push_back(string_or_empty(*obj, "name"));
            }
        }
        fields.push_back(std::move(f));
    }
    search_ = std::make_unique<const search_index>(fields);
}

const operation* document::find(std::string_view method, std::string_view path) const {
    auto it = by_method_path_.find(method_path_key(method, path));
    return it != by_method_path_.end() ? &operations_[it->second] : nullptr;
}

const operation* document::find_by_operation_id(std::string_view operation_id) const {
    auto it = by_operation_id_.find(std::string(operation_id));
    return it != by_operation_id_.end() ? &operations_[it->second] : nullptr;
}

const tag_info* document::find_tag(std::string_view name) const {
    for (const tag_info& tag : tags_) {
        if (iequals(tag.name, name)) {
            return &tag;
        }
    }
    return nullptr;
}

std::vector<const operation*> document::operations_with_tag(std::string_view tag) const {
    std::vector<const operation*> out;
    for (const operation& op : operations_) {
        if (std::any_of(op.tags.begin(), op.tags.end(), [&](const std::string& t) {
                return iequals(t, tag);
            })) {
            out.push_back(&op);
        }
    }
    return out;
}

std::vector<const operation*> document::search(std::string_view query, std::string_view tag) const {
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < operations_.size(); ++i) {
        const std::vector<std::string>& tags = operations_[i].tags;
        if (tag.empty() || std::any_of(tags.begin(), tags.end(), [&](const std::string& t) {
                return iequals(t, tag);
            })) {
            candidates.push_back(i);
        }
    }
    std::vector<const operation*> out;
    for (std::size_t i : search_->rank(query, candidates)) {
        out.push_back(&operations_[i]);
    }
    return out;
}

json::array document::parameters(const operation& op) const {
    std::vector<json::value> merged = resolved_parameters(root_, op.path_item);
    for (json::value& p : resolved_parameters(root_, op.node)) {
        auto key = parameter_key(p);
        auto same = std::find_if(merged.begin(), merged.end(), [&](const json::value& q) {
            return !key.first.empty() && parameter_key(q) == key;
        });
        if (same != merged.end()) {
            *same = std::move(p);
        } else {
            merged.push_back(std::move(p));
        }
    }
    json::array out;
    out.reserve(merged.size());
    for (json::value& p : merged) {
        out.push_back(std::move(p));
    }
    return out;
}

json::value document::resolve(const json::value& node) const {
    return resolve_refs(root_, node);
}

const json::value* document::lookup(std::string_view ref) const {
    return lookup_ref(root_, ref);
}

}  // namespace clerk_mcp::spec
