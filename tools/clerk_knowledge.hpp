// Clerk domain knowledge that execute_request adds to its results: what the three metadata types
// are and how a request writes them, how list endpoints paginate, and what a Clerk error body
// says and what to do next. Pure functions over JSON; no I/O, safe from any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

namespace clerk_mcp::tools {

// --- Metadata -----------------------------------------------------------------------------------

// What Clerk lets each side do with one metadata type, and what it is for, in one short line:
// public_metadata (read by frontend and backend, written only by the backend), private_metadata
// (backend only) and unsafe_metadata (read and written by the frontend too, so never trusted).
// Empty for any other name.
std::string_view explain_metadata(std::string_view field);

// How the endpoint treats each metadata object the request sends.
enum class metadata_write_mode {
    merge,    // PATCH .../metadata: deep merge; a key set to null is removed
    replace,  // each object sent replaces the stored one whole; keys not sent are lost
    create,   // the object becomes the initial metadata of a new resource (or invitation)
    unknown,  // an endpoint this module does not know; the request still writes the fields
};

struct metadata_write {
    // The metadata fields the body writes, in the order public, private, unsafe.
    std::vector<std::string> fields;
    metadata_write_mode mode = metadata_write_mode::unknown;

    // Only for `replace`: "PATCH /users/{user_id}/metadata" and the like, the endpoint that
    // merges instead and keeps the keys not sent. Empty when no merge endpoint exists.
    std::string merge_endpoint;

    // Only for `merge`: dotted paths of the keys set to null, which the merge deletes
    // ("public_metadata.plan", "private_metadata.billing.card").
    std::vector<std::string> removed_keys;

    // Only for `replace`: fields sent as an empty object, which clears every key they held.
    std::vector<std::string> cleared_fields;

    // A fact particular to the endpoint (where invitation metadata ends up, which API version
    // refuses metadata here); empty when there is none.
    std::string note;
};

// Which metadata fields a request with `body` to `method` (any case) `path` (the spec's
// template) writes, and how. Looks at the body's top-level keys, or at every element when the
// body is an array (bulk invitations). Nothing when the body writes no metadata field.
std::optional<metadata_write> analyze_metadata_write(std::string_view method,
                                                     std::string_view path,
                                                     const boost::json::value& body);

// {fields, mode, explanations: {field: text} for all three types, merge_endpoint?,
//  removed_keys?, cleared_fields?, note?}
boost::json::object to_json(const metadata_write& write);

// Several lines for the model: which types the request writes; all three types, who reads and
// writes each and what it is for, with those written marked "[written here]"; and, for a
// replacement, a warning that keys not sent are removed with the merge endpoint to use instead.
std::string render(const metadata_write& write);

// --- Pagination ---------------------------------------------------------------------------------

// The `limit` and `offset` query parameters of a list operation, as its spec declares them.
struct pagination_parameters {
    std::int64_t default_limit = 10;
    std::int64_t min_limit = 1;
    std::int64_t max_limit = 500;
};

// Reads `limit` from `parameters` (the operation's resolved parameter list, as
// spec::document::parameters returns it). Nothing when the operation has no `limit` and
// `offset` query parameters; missing bounds keep the BAPI's usual values (1-500, default 10).
std::optional<pagination_parameters> find_pagination(const boost::json::array& parameters);

// The limit and offset a request used: the values in `query` (numbers or decimal strings, as
// agents send both), else the defaults.
struct page_request {
    std::int64_t limit = 10;
    std::int64_t offset = 0;
};
page_request requested_page(const boost::json::object& query, const pagination_parameters& spec);

// What one response page says about the next one.
struct page_info {
    enum class shape { bare_array, data_and_total_count };
    shape response_shape = shape::bare_array;
    std::size_t returned = 0;
    std::optional<std::int64_t> total_count;  // only with {data, total_count}
    page_request request;

    // Set when more results may follow: with total_count, when offset + returned is below it;
    // without, when the page came back full (returned >= limit).
    std::optional<std::int64_t> next_offset;
};

// Inspects a list response: a bare JSON array, or an object with a `data` array (and usually
// `total_count`). Nothing for any other body.
std::optional<page_info> inspect_page(const boost::json::value& body, const page_request& request);

// {shape, returned, limit, offset, total_count?, next_offset?, hint}
boost::json::object to_json(const page_info& page, const pagination_parameters& spec);

// One or two sentences: results are paginated with limit (bounds, default) and offset; what
// this page held; the next offset to request, or that this was the last page.
std::string render(const page_info& page, const pagination_parameters& spec);

// --- Errors -------------------------------------------------------------------------------------

// One entry of a Clerk error body's `errors` array.
struct clerk_error_entry {
    std::string code;
    std::string message;
    std::string long_message;
    std::string param_name;   // meta.param_name, when Clerk names the offending field
    boost::json::value meta;  // the whole `meta`, null when absent
};

struct clerk_error {
    unsigned status = 0;
    std::vector<clerk_error_entry> errors;
    std::string trace_id;  // clerk_trace_id, empty when absent

    // False when the body was not Clerk's {errors: [...]} shape (HTML from a proxy, an empty
    // body, truncated JSON); `excerpt` then holds its start, cut to a bound.
    bool well_formed = false;
    std::string excerpt;

    // What to do next for this status: fix the fields, check the key, retry later...
    std::string next_step;
};

// Parses a Clerk error response. Never fails: a malformed body yields well_formed = false.
clerk_error parse_clerk_error(unsigned status, std::string_view body);

// The next step for an HTTP error status, one or two sentences.
std::string_view next_step_for_status(unsigned status);

// {status, errors: [{code, message, long_message?, param_name?, meta?}], clerk_trace_id?,
//  next_step, body_excerpt?}
boost::json::object to_json(const clerk_error& error);

// The error as lines for the model: "Clerk answered 422 Unprocessable Entity", each error's
// code and long message (naming the field), the trace id, then the next step.
std::string render(const clerk_error& error);

}  // namespace clerk_mcp::tools
