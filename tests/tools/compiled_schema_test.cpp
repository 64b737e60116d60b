#include "tools/compiled_schema.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using clerk_mcp::tools::compiled_schema;
using clerk_mcp::tools::describe_value;
using clerk_mcp::tools::number_text;
using clerk_mcp::tools::schema_finding;

namespace {

struct expected_finding {
    std::string pointer;
    std::string problem;
};

struct validation_case {
    const char* name;
    const char* schema;
    const char* value;
    std::vector<expected_finding> findings;
};

const char* const user_schema = R"({
    "type": "object", "additionalProperties": false, "required": ["email_address"],
    "properties": {
        "email_address": {"type": "array", "items": {"type": "string"}},
        "first_name": {"type": ["string", "null"], "maxLength": 5},
        "age": {"type": "integer", "minimum": 1, "exclusiveMaximum": 200},
        "kind": {"type": "string", "enum": ["admin", "basic_member"]},
        "user_id": {"type": "string", "allOf": [{"if": {"type": "string", "maxLength": 1024},
                                                 "then": {"pattern": "^user_[a-z]+$"}}]},
        "birthday": {"type": ["string", "null"],
                     "allOf": [{"if": {"type": "string", "maxLength": 1024},
                                "then": {"format": "date"}}]},
        "settings": {"anyOf": [{"type": "null"},
                               {"type": "object", "properties": {"level": {"type": "integer"}}}]}
    }})";

const validation_case cases[] = {
    {"a matching value has no findings",
     user_schema,
     R"({"email_address": ["a@x.com"], "first_name": null, "age": 3, "kind": "admin",
         "user_id": "user_abc", "birthday": null, "settings": {"level": 2}})",
     {}},
    {"a type mismatch names the expected and the actual type",
     user_schema,
     R"({"email_address": ["a@x.com", 7]})",
     {{"/email_address/1", "expected string, got integer 7"}}},
    {"a nullable type lists null among the expected types",
     user_schema,
     R"({"email_address": [], "first_name": true})",
     {{"/first_name", "expected string or null, got boolean true"}}},
    {"an enum mismatch lists the allowed values",
     user_schema,
     R"({"email_address": [], "kind": "owner"})",
     {{"/kind", R"(must be one of: "admin", "basic_member" (got string "owner"))"}}},
    {"a missing required property points at the property",
     user_schema,
     R"({})",
     {{"/email_address", "is required but missing"}}},
    {"every unknown property is listed, not just the first",
     user_schema,
     R"({"email_address": [], "public_metadata": {}, "nickname": "x"})",
     {{"/public_metadata", "is not a property the schema allows here"},
      {"/nickname", "is not a property the schema allows here"}}},
    {"bounds read as comparisons",
     user_schema,
     R"({"email_address": [], "age": 0})",
     {{"/age", "must be >= 1 (got integer 0)"}}},
    {"an exclusive bound reads as a strict comparison",
     user_schema,
     R"({"email_address": [], "age": 200})",
     {{"/age", "must be < 200 (got integer 200)"}}},
    {"a pattern mismatch shows the pattern",
     user_schema,
     R"({"email_address": [], "user_id": "org_abc"})",
     {{"/user_id", R"(must match the pattern ^user_[a-z]+$ (got string "org_abc"))"}}},
    {"a string length violation keeps valijson's wording",
     user_schema,
     R"({"email_address": [], "first_name": "Alexandra"})",
     {{"/first_name", "string should be no more than 5 characters in length"}}},
    {"a date format is checked on strings only",
     user_schema,
     R"({"email_address": [], "birthday": "yesterday"})",
     {{"/birthday", "string should be a valid date"}}},
    {"the null branch of a nullable object stays silent",
     user_schema,
     R"({"email_address": [], "settings": {"level": "high"}})",
     {{"/settings/level", "expected integer, got string \"high\""}}},
    {"all problems of one value are reported together",
     user_schema,
     R"({"email_address": "a@x.com", "age": "3", "kind": "owner", "extra": 1})",
     {{"/extra", "is not a property the schema allows here"},
      {"/email_address", "expected array, got string \"a@x.com\""},
      {"/age", "expected integer, got string \"3\""},
      {"/kind", R"(must be one of: "admin", "basic_member" (got string "owner"))"}}},
    {"a failed anyOf is reported with each alternative's complaint",
     R"({"type": "object", "anyOf": [{"required": ["domain"]}, {"required": ["domains"]}]})",
     R"({})",
     {{"",
       "matches none of the alternatives the schema allows here (the other problems listed "
       "for this location describe each alternative)"},
      {"/domain", "is required but missing"},
      {"/domains", "is required but missing"}}},
    {"pointer tokens escape slash and tilde",
     R"({"type": "object", "properties": {"a/b~c": {"type": "string"}}})",
     R"({"a/b~c": 1})",
     {{"/a~1b~0c", "expected string, got integer 1"}}},
    {"an empty schema accepts anything", R"({})", R"({"anything": [1, "two", null]})", {}},
};

bool contains(const std::vector<schema_finding>& findings, const expected_finding& wanted) {
    for (const schema_finding& finding : findings) {
        if (finding.pointer == wanted.pointer && finding.problem == wanted.problem) {
            return true;
        }
    }
    return false;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(compiled_schema_validation)

BOOST_AUTO_TEST_CASE(findings_match_each_table_row) {
    for (const validation_case& row : cases) {
        BOOST_TEST_CONTEXT(row.name) {
            const compiled_schema schema(json::parse(row.schema));
            const std::vector<schema_finding> findings = schema.validate(json::parse(row.value));

            BOOST_TEST(findings.size() == row.findings.size());
            for (const expected_finding& wanted : row.findings) {
                BOOST_TEST_CONTEXT(wanted.pointer << ": " << wanted.problem) {
                    BOOST_TEST(contains(findings, wanted));
                }
            }
            for (const schema_finding& finding : findings) {
                BOOST_TEST_MESSAGE("finding " << finding.pointer << ": " << finding.problem);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(strings_too_long_for_std_regex_skip_pattern_and_format) {
    // Long enough to overflow the stack inside libstdc++'s regex matcher, were it run.
    const std::string digits(200000, '1');
    json::object value{{"email_address", json::array{}}, {"user_id", digits}, {"birthday", digits}};
    const compiled_schema schema(json::parse(user_schema));

    BOOST_TEST(schema.validate(value).empty());
}

BOOST_AUTO_TEST_CASE(unknown_property_findings_carry_the_known_names) {
    const compiled_schema schema(json::parse(user_schema));

    const std::vector<schema_finding> findings =
        schema.validate(json::parse(R"({"email_address": [], "public_metadata": {}})"));

    BOOST_TEST_REQUIRE(findings.size() == 1u);
    BOOST_TEST(findings[0].unknown_property == "public_metadata");
    const std::vector<std::string> known = {
        "age", "birthday", "email_address", "first_name", "kind", "settings", "user_id"};
    BOOST_TEST(findings[0].known_properties == known, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(other_findings_carry_no_property_names) {
    const compiled_schema schema(json::parse(user_schema));

    const std::vector<schema_finding> findings = schema.validate(json::parse(R"({})"));

    BOOST_TEST_REQUIRE(findings.size() == 1u);
    BOOST_TEST(findings[0].unknown_property.empty());
    BOOST_TEST(findings[0].known_properties.empty());
}

BOOST_AUTO_TEST_CASE(a_schema_valijson_rejects_throws_runtime_error) {
    BOOST_CHECK_THROW(compiled_schema(json::parse(R"({"type": "no-such-type"})")),
                      std::runtime_error);
}

BOOST_AUTO_TEST_CASE(the_compiled_schema_is_kept_for_later_reading) {
    const json::value source = json::parse(R"({"type": "string"})");

    const compiled_schema schema(source);

    BOOST_TEST(schema.json_schema() == source);
}

BOOST_AUTO_TEST_CASE(values_are_described_by_type_and_short_text) {
    BOOST_TEST(describe_value(json::parse("5")) == "integer 5");
    BOOST_TEST(describe_value(json::parse("1.5")) == "number 1.5");
    BOOST_TEST(describe_value(json::parse(R"("abc")")) == R"(string "abc")");
    BOOST_TEST(describe_value(json::parse("[1]")) == "array");
    BOOST_TEST(describe_value(json::parse("null")) == "null");
    BOOST_TEST(number_text(1.0) == "1");
    BOOST_TEST(number_text(0.25) == "0.25");
}

BOOST_AUTO_TEST_CASE(long_strings_are_cut_at_a_character_boundary) {
    // 58 ASCII characters, then two-byte characters: byte 60 falls inside one of them.
    const std::string text = std::string(58, 'a') + "\u00fc\u00fc\u00fc";

    const std::string described = describe_value(json::parse('"' + text + '"'));

    BOOST_TEST(described == "string \"" + std::string(58, 'a') + "...");
}

BOOST_AUTO_TEST_SUITE_END()
