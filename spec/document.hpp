// One version of Clerk's Backend API OpenAPI document, indexed for the questions the tools ask:
// which tags exist, which operations each has, which operation a method and path name, and what
// a node looks like with every `$ref` resolved.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace clerk_mcp::spec {

class search_index;

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
    // Indexes `root`, an OpenAPI 3.0 document. Clerk's platform API is left out: every path
    // under `/platform`, every tag whose name starts with "Platform" and every operation that
    // carries such a tag. Throws std::runtime_error when `root` has no `paths` object.
    document(std::string version, boost::json::value root);
    document(const document&) = delete;
    document& operator=(const document&) = delete;
    ~document();

    const std::string& version() const { return version_; }
    const boost::json::value& root() const { return root_; }

    // The union of the declared tags and the tags operations use, sorted by name ignoring case
    // (names that differ only in case are one tag). A declared tag that no operation uses has
    // endpoint_count 0.
    const std::vector<tag_info>& tags() const { return tags_; }

    // Every operation, sorted by path, then method in the order GET, POST, PUT, PATCH, DELETE
    // (then HEAD, OPTIONS, TRACE).
    const std::vector<operation>& operations() const { return operations_; }

    // The operation at `method` (any case) and `path` (the template), or null.
    const operation* find(std::string_view method, std::string_view path) const;

    // The operation with this operationId (exact match), or null.
    const operation* find_by_operation_id(std::string_view operation_id) const;

    // The tag named `name`, compared without case, or null.
    const tag_info* find_tag(std::string_view name) const;

    // The operations carrying `tag` (compared without case), in operations() order.
    std::vector<const operation*> operations_with_tag(std::string_view tag) const;

    // The operations matching `query` (words matched against path, operationId, summary,
    // method and parameter names), best first; restricted to `tag` (compared without case) when
    // it is not empty. Ranking rules: search_index::rank in spec/search.hpp. A query of no
    // words returns every operation (of `tag`) in operations() order.
    std::vector<const operation*> search(std::string_view query, std::string_view tag = {}) const;

    // The operation's parameters: path-item and operation level merged (the operation wins on
    // the same name and location), every `$ref` resolved; path-item parameters first, then the
    // operation's, each in the order the spec lists them. A parameter whose `$ref` cannot be
    // followed is kept as its marker object (see resolve()).
    boost::json::array parameters(const operation& op) const;

    // A deep copy of `node` with every local `$ref` replaced by its target. A reference that
    // re-enters a schema already being expanded becomes {"$recursive": "<ref>"}; a reference
    // that is not local to this document is never followed and becomes
    // {"$external": "<ref>"}; a local reference with no target becomes {"$missing": "<ref>"}.
    // Keys beside a `$ref` are kept and win over the target's (see spec/ref_resolver.hpp).
    // `node` may be any value; its references are looked up in this document. Copies only what
    // `node` reaches, never the whole document; safe to call from several threads.
    boost::json::value resolve(const boost::json::value& node) const;

    // The node that the local reference `ref` ("#/components/schemas/User") names, unresolved,
    // or null when it is not local or names nothing.
    const boost::json::value* lookup(std::string_view ref) const;

private:
    void index_operations(const boost::json::object& paths);
    void add_operation(std::string_view path,
                       std::string_view method,
                       const boost::json::object& path_item,
                       const boost::json::object& node);
    void index_tags();
    void build_search_index();

    std::string version_;
    boost::json::value root_;
    std::vector<tag_info> tags_;
    std::vector<operation> operations_;
    std::unordered_map<std::string, std::size_t> by_operation_id_;
    std::unordered_map<std::string, std::size_t> by_method_path_;  // "GET /users"
    std::unique_ptr<const search_index> search_;
};

}  // namespace clerk_mcp::spec
