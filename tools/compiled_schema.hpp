// A JSON Schema compiled by valijson, and validation whose findings are phrased for the model that
// sent the value: what was expected and what arrived, the allowed values of an enum, every
// property the schema forbids (valijson itself names only the first), the bound that was crossed.
//
// Usage:
//     const compiled_schema schema(translate_schema(document.resolve(openapi_schema)));
//     for (const schema_finding& finding : schema.validate(body)) { ... }
//
// valijson is included by compiled_schema.cpp only, built with VALIJSON_USE_EXCEPTIONS so that a
// bad schema throws instead of aborting the process; keep other translation units off valijson.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace clerk_mcp::tools {

// One reason a value does not match a schema.
struct schema_finding {
    // A JSON Pointer into the validated value: "" for the value itself, "/email_address/0".
    std::string pointer;
    // What is wrong, e.g. `expected string, got integer 5` or `must be one of: "a", "b"`.
    std::string problem;
    // For a property the schema does not allow at its level: its name and the names the schema
    // does list there (sorted, without duplicates), so a caller can suggest near names. Both
    // empty for every other kind of finding.
    std::string unknown_property;
    std::vector<std::string> known_properties;
};

// How findings name a value: its JSON type and, for a scalar, the value itself, cut to 60 bytes
// at a character boundary: `string "abc"`, `integer 5`, `number 1.5`, `object`.
std::string describe_value(const boost::json::value& value);

// The shortest decimal text that reads back as `number`: 1, 1.5, 1e+21.
std::string number_text(double number);

// Immutable after construction; validate() may run on many threads at once.
class compiled_schema {
public:
    // Compiles `json_schema`, a JSON Schema draft 7 document (see translate_schema). Throws
    // std::runtime_error, with valijson's reason, when valijson cannot compile it.
    explicit compiled_schema(boost::json::value json_schema);
    ~compiled_schema();
    compiled_schema(const compiled_schema&) = delete;
    compiled_schema& operator=(const compiled_schema&) = delete;

    // The schema this was compiled from.
    const boost::json::value& json_schema() const { return json_schema_; }

    // Every reason `value` does not match, in the order valijson meets them, without duplicates;
    // empty when it matches. Findings about alternatives that merely exist (the null branch of
    // a nullable field) are left out when the value has the type another branch allows. Never
    // throws for any `value`: a failure inside the validator becomes a finding at "".
    std::vector<schema_finding> validate(const boost::json::value& value) const;

private:
    struct impl;
    boost::json::value json_schema_;
    std::unique_ptr<const impl> impl_;
};

}  // namespace clerk_mcp::tools
