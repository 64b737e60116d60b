// Checks an execute_request call against its operation before anything leaves the machine: every
// path parameter filled and safe to put in a URL, every query parameter known to the operation,
// of the declared type and encoded the way the spec serializes it, and the JSON body valid
// against the request schema. All problems are reported together, each phrased so the model can
// correct the call without guessing.
//
// Usage:
//     request_validator validator;  // one per process: it caches compiled body schemas
//     auto prepared = validator.prepare(doc, op, {path_params, query, body});
//     if (!prepared) return error_result(describe_violations(op, prepared.error()));
//     client.send(prepared->method, prepared->target(), prepared->body_text);
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

#include "spec/document.hpp"

namespace clerk_mcp::tools {

// What the model asked to send, as given in the tool arguments.
struct request_input {
    // Values for the `{name}` segments of the path template: strings (integers are accepted
    // and written in decimal).
    boost::json::object path_params;
    // Query parameters by name. A null value means "not sent". Numeric and boolean parameters
    // also accept their string forms ("10", "true"); an array parameter also accepts one value.
    boost::json::object query;
    // The JSON body; absent (or null) when none is sent.
    std::optional<boost::json::value> body;
};

// A request that passed every check, ready for the HTTP client and for the confirmation preview.
struct prepared_request {
    std::string method;         // upper case: GET, POST, PUT, PATCH, DELETE
    std::string path_template;  // the spec's template: /users/{user_id}
    // The template with each parameter percent-encoded in place: /users/user_123. Relative to
    // the API's version prefix (the client adds /v1).
    std::string encoded_path;
    // The encoded query without "?": parameters sorted by name (so equal requests give equal
    // strings), the values of an array in the order given. Empty when nothing is sent.
    std::string query_string;
    // The query values as validated and coerced ("10" -> 10, "x" -> ["x"] for an array), for
    // previews and for binding a confirmation to the request.
    boost::json::object query;
    // The body as given, or absent when none is sent.
    std::optional<boost::json::value> body;
    // The body serialized as sent on the wire (compact JSON); empty when there is no body.
    std::string body_text;

    // encoded_path, then "?" and query_string when there is a query.
    std::string target() const;
};

// One problem with a request.
struct violation {
    // Where the problem is: "path.user_id", "query.created_at", "body" (the body itself), or
    // "body" followed by a JSON Pointer into it: "body/email_address/0".
    std::string where;
    // What is wrong and, where it is not obvious, what to do instead. Never contains the secret
    // key: only spec text and the values the model sent.
    std::string problem;
    // Near names of the thing the model probably meant ("created_at_after"), or the endpoint
    // to use instead ("PATCH /users/{user_id}/metadata"); best first, possibly empty.
    std::vector<std::string> suggestions;
};

using prepare_result = boost::system::result<prepared_request, std::vector<violation>>;

// Holds what prepare() derives from the spec for each operation (merged parameters, the
// compiled body schema), keyed by (document version, method, path template): one document per
// version is assumed for the validator's lifetime. Thread-safe: prepare() may run on many
// threads at once; an entry is built outside the lock, and when two threads build the same
// entry the first stored wins.
class request_validator {
public:
    request_validator();
    ~request_validator();
    request_validator(const request_validator&) = delete;
    request_validator& operator=(const request_validator&) = delete;

    // Checks `input` against `op` (an operation of `doc`) and returns the request to send, or
    // every violation found. Rules:
    // - Path: each `{name}` of the template needs a non-empty string (or integer) value that
    //   contains no '/', '\', "..", '%' (no percent-escapes at all: an escaped '/' or '.' could
    //   slip past this check and be decoded by a proxy or the server), no control character and
    //   no whitespace, and is not just dots; it is percent-encoded (RFC 3986 unreserved
    //   characters kept). An enum in the parameter's schema is enforced. Names the template does
    //   not have are refused.
    // - Query: each name must be a query parameter of the operation (near names are
    //   suggested); values must have the declared type (see request_input), respect `enum`,
    //   `minimum`/`maximum` (and exclusive bounds), `minLength`/`maxLength`, `pattern`; arrays
    //   follow the parameter's `style`/`explode` (default form + explode: a=1&a=2; explode false:
    //   a=1,2). Required parameters must be present. Header and cookie parameters cannot be set
    //   through this server: a required one is reported (Clerk's BAPI has none).
    // - Body: only for operations with a requestBody (an empty object or null counts as no
    //   body), only as application/json (an operation that takes only multipart/form-data is
    //   refused, with or without a body, saying what to do instead), required when the spec says
    //   so, and valid against the request schema (see compiled_schema). An unknown property whose
    //   name ends in
    //   `_metadata` also points to `PATCH <path>/metadata` when the document has it.
    // Never throws on any input (beyond std::bad_alloc).
    prepare_result prepare(const spec::document& doc,
                           const spec::operation& op,
                           const request_input& input) const;

    // How many operations have a cached entry (for tests and diagnostics).
    std::size_t cached_operations() const;

private:
    struct cache;
    std::unique_ptr<cache> cache_;
};

// The violations as one text for an error result: a headline saying nothing was sent, one line
// per violation with its suggestions, and the next step (fix and call again; describe_endpoint
// for the operation shows every parameter and the body schema).
std::string describe_violations(const spec::operation& op,
                                const std::vector<violation>& violations);

// The violations as JSON: [{"where", "problem", "suggestions"?}], suggestions only when present.
boost::json::array to_json(const std::vector<violation>& violations);

}  // namespace clerk_mcp::tools
