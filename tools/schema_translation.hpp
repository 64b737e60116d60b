// OpenAPI 3.0 Schema Objects -> JSON Schema draft 7 documents, which valijson compiles (see
// tools/compiled_schema.hpp). OpenAPI 3.0 schemas are close to draft 4 but not the same: they
// have `nullable`, boolean exclusive bounds, `readOnly`/`writeOnly` and documentation keywords
// that a JSON Schema validator would misread or reject.
//
// Usage:
//     const auto json_schema = translate_schema(document.resolve(media_type.at("schema")));
#pragma once

#include <boost/json/value.hpp>

namespace clerk_mcp::tools {

// Which message a schema describes: OpenAPI's `readOnly` properties exist only in responses and
// `writeOnly` ones only in requests, so each direction leaves the other's properties out.
enum class schema_direction { request, response };

// Returns a JSON Schema (draft 7) document that accepts what `openapi_schema` accepts.
//
// `openapi_schema` is an OpenAPI 3.0 Schema Object with its `$ref`s already resolved by
// spec::document::resolve. The translation keeps only keywords that constrain values and rewrites
// the ones whose meaning differs between the two dialects:
// - `nullable: true` adds "null" to `type` (and to `enum`); without a `type` (the spec's
//   `nullable` + `allOf: [$ref]` idiom) the whole node becomes `anyOf: [{type: null}, node]`.
// - a boolean `exclusiveMinimum`/`exclusiveMaximum` (OpenAPI 3.0, draft 4) becomes the numeric
//   draft 7 form.
// - `pattern` and `format` (kept only for date, date-time and time, the ones valijson checks)
//   become `allOf: [{if: {type: string, maxLength: 1024}, then: {pattern|format}}]`: applied
//   to strings only (valijson casts the value to a string first and throws on a non-empty array
//   or object) and to short ones only (std::regex recurses per character and overflows the
//   stack on long input). A `pattern` std::regex cannot compile is dropped. Clerk checks what
//   is skipped.
// - properties marked `readOnly` (request) or `writeOnly` (response) are removed, with their
//   entries in `required`.
// - the markers spec::document::resolve leaves (`$recursive`, `$external`, `$missing`) become
//   `{}`, which accepts anything: the recursive part of a schema is checked once, at its first
//   level, and an external or missing target is unknown here; Clerk validates those parts.
// - documentation and vendor keywords (`description`, `example`, `examples`, `x-*`,
//   `discriminator`, `xml`, `externalDocs`, `deprecated`, `default`, `title`) are dropped.
// A node that is not an object, and anything nested deeper than 64 levels, becomes `{}`.
// Never throws (beyond std::bad_alloc).
boost::json::value translate_schema(const boost::json::value& openapi_schema,
                                    schema_direction direction = schema_direction::request);

}  // namespace clerk_mcp::tools
