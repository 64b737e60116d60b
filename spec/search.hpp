// Ranked keyword search over the operations of one spec version: how `list_endpoints {query}`
// finds "ban a user" or "created_at" without the model knowing the exact path.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clerk_mcp::spec {

// The searchable text of one operation.
struct search_fields {
    std::string method;  // GET, POST, ...
    std::string path;    // the template, e.g. /users/{user_id}/ban
    std::string operation_id;
    std::string summary;
    std::vector<std::string> parameter_names;
};

// Immutable after construction; safe to share between threads.
class search_index {
public:
    // Tokenizes every entry once; entry i is later reported as index i.
    explicit search_index(const std::vector<search_fields>& entries);

    // The indices of `candidates` (ascending indices) that match `query`, best first.
    //
    // The query is split into lower-case words (on white space and URL punctuation; '_' and '-'
    // stay inside a word, so `created_at` is one word); common English filler words ("a",
    // "the", "all", ...) are dropped unless nothing else is left. Each word is scored against
    // each field, by how well it matches that field's best token: an exact match (also when
    // the two differ only by a plural ending) beats a prefix match, which beats a substring
    // match. Fields weigh: path segments most, then operationId and summary, then the method,
    // then parameter names. An entry matching more distinct words always ranks above one
    // matching fewer; among equals the higher score wins, then the lower index (the document's
    // path-then-method order). A query equal to an entry's path, "METHOD path" or operationId
    // (ignoring case) puts that entry first. Entries matching no word are left out; a query with no
    // words returns `candidates` unchanged.
    std::vector<std::size_t> rank(std::string_view query,
                                  const std::vector<std::size_t>& candidates) const;

private:
    struct entry {
        std::string path;          // lower case, for the whole-query match
        std::string operation_id;  // lower case
        std::string method_path;   // "get /users", lower case
        std::vector<std::string> method;
        std::vector<std::string> path_tokens;
        std::vector<std::string> operation_id_tokens;
        std::vector<std::string> summary_tokens;
        std::vector<std::string> parameter_tokens;
    };

    std::vector<entry> entries_;
};

}  // namespace clerk_mcp::spec
