// One version of Clerk's Backend API OpenAPI document, indexed for the questions the tools ask:
// which tags exist, which operations each has, which operation a method and path name, and what
// a node looks like with every `$ref` resolved.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace clerk_mcp::spec {

struct tag_info {
    std::string name;
    std::string description;  // empty when the tag is used but not declared
    std::size_t endpoint_count = 0;
};

struct operation {
    std::string method;  // upper case: GET, POST, PUT, PATCH, DELETE
    std::string path;    // the spec's template, e.g. /users/{user_id}
    std::string operation_id;
    std::string summary;
    std::vector<std::string> tags;
    bool deprecated = false;
    // The operation object and its path item, inside the document's root (never null).
    const boost::json::object* node = nullptr;
    const boost::json::object* path_item = nullptr;
};

// Immutable after construction; safe to share between threads.
class document {
public:
    // Indexes `root`, an OpenAPI 3.0 document. Paths and tags of Clerk's platform API are
    // left out. Throws std::runtime_error when `root` has no `paths` object.
    document(std::string version, boost::json::value root);
    document(const document&) = delete;
    document& operator=(const document&) = delete;

    const std::string& version() const { return version_; }
    const boost::json::value& root() const { return root_; }

    // The union of the declared tags and the tags operations use, sorted by name.
    const std::vector<tag_info>& tags() const { return tags_; }

    // Every operation, sorted by path, then method.
    const std::vector<operation>& operations() const { return operations_; }

    // The operation at `method` (any case) and `path` (the template), or null.
    const operation* find(std::string_view method, std::string_view path) const;

    // The operation with this operationId (exact match), or null.
    const operation* find_by_operation_id(std::string_view operation_id) const;

    // The tag named `name`, compared without case, or null.
    const tag_info* find_tag(std::string_view name) const;

    // The operations carrying `tag` (compared without case), in operations() order.
    std::vector<const operation*> operations_with_tag(std::string_view tag) const;

    // The operations matching `query` (words matched against path, operationId, summary and
    // parameter names), best first; restricted to `tag` when it is not empty.
    std::vector<const operation*> search(std::string_view query, std::string_view tag = {}) const;

    // The operation's parameters: path-item and operation level merged (the operation wins on
    // the same name and location), every `$ref` resolved.
    boost::json::array parameters(const operation& op) const;

    // A deep copy of `node` with every local `$ref` replaced by its target. A reference that
    // re-enters a schema already being expanded becomes {"$recursive": "<ref>"}; a reference
    // that is not local to this document is never followed and becomes
    // {"$external": "<ref>"}; a local reference with no target becomes {"$missing": "<ref>"}.
    boost::json::value resolve(const boost::json::value& node) const;

private:
    std::string version_;
    boost::json::value root_;
    std::vector<tag_info> tags_;
    std::vector<operation> operations_;
    std::unordered_map<std::string, std::size_t> by_operation_id_;
};

}  // namespace clerk_mcp::spec
