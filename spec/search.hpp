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
    std::vector<std::string> parameter_names;  // query, header and cookie parameters
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
    // "the", "all", ...) are dropped unless nothing else is left. Each word is matched against
    // each field's tokens: exact beats the same word in another number ("user", "users"), which
    // beats close (a prefix, or the same word root: "invite" and "invitations"), which beats a
    // substring.
    // Fields weigh: path segments most, then operationId and summary, then the method (exact
    // only), then parameter names (query, header and cookie; path parameters count as path).
    //
    // Order: first the number of words that name the operation (an exact or close match outside
    // parameter names), then the number of words matched exactly or closely anywhere, then the
    // weighted score (substring matches included) plus a
    // bonus for a path whose fixed segments the query names completely, then the lower index
    // (the document's path-then-method order). A query equal to an entry's path, "METHOD path"
    // or operationId (ignoring case) puts that entry first. Entries matching no word are left
    // out; a query with no words returns `candidates` unchanged.
    std::vector<std::size_t> rank(std::string_view query,
                                  const std::vector<std::size_t>& candidates) const;

private:
    struct entry {
        std::string path;          // lower case, for the whole-query match
        std::string operation_id;  // lower case
        std::string method_path;   // "get /users", lower case
        std::vector<std::string> method;
        std::vector<std::string> path_tokens;
        std::vector<std::vector<std::string>> fixed_segments;  // path segments, not {params}
        std::vector<std::string> operation_id_tokens;
        std::vector<std::string> summary_tokens;
        std::vector<std::string> parameter_tokens;
    };

    std::vector<entry> entries_;
};

}  // namespace clerk_mcp::spec
