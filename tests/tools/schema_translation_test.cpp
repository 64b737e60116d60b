#include "tools/schema_translation.hpp"

#include <string>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
using clerk_mcp::tools::schema_direction;
using clerk_mcp::tools::translate_schema;

namespace {

struct translation_case {
    const char* name;
    const char* openapi;
    const char* expected;
};

const translation_case request_cases[] = {
    {"plain type and bounds are kept",
     R"({"type": "integer", "minimum": 1, "maximum": 500, "format": "int64"})",
     R"({"type": "integer", "minimum": 1, "maximum": 500})"},
    {"nullable adds null to the type",
     R"({"type": "string", "nullable": true})",
     R"({"type": ["string", "null"]})"},
    {"nullable adds null to an enum",
     R"({"type": "string", "nullable": true, "enum": ["a", "b"]})",
     R"({"type": ["string", "null"], "enum": ["a", "b", null]})"},
    {"nullable without a type wraps the node in anyOf",
     R"({"nullable": true, "allOf": [{"type": "object"}]})",
     R"({"anyOf": [{"type": "null"}, {"allOf": [{"type": "object"}]}]})"},
    {"nullable false changes nothing",
     R"({"type": "boolean", "nullable": false})",
     R"({"type": "boolean"})"},
    {"boolean exclusiveMinimum becomes the numeric bound",
     R"({"type": "number", "minimum": 0, "exclusiveMinimum": true})",
     R"({"type": "number", "exclusiveMinimum": 0})"},
    {"false exclusiveMaximum keeps the inclusive bound",
     R"({"type": "number", "maximum": 9, "exclusiveMaximum": false})",
     R"({"type": "number", "maximum": 9})"},
    {"documentation and vendor keywords are dropped",
     R"({"type": "string", "description": "d", "title": "t", "example": "e",
         "examples": ["e"], "x-speakeasy": 1, "deprecated": true, "default": "x",
         "xml": {"name": "n"}, "externalDocs": {"url": "u"}})",
     R"({"type": "string"})"},
    {"discriminator is dropped and the branches kept",
     R"({"oneOf": [{"type": "string"}, {"type": "integer"}],
         "discriminator": {"propertyName": "object"}})",
     R"({"oneOf": [{"type": "string"}, {"type": "integer"}]})"},
    {"readOnly properties leave a request schema with their required entry",
     R"({"type": "object", "required": ["id", "name"], "additionalProperties": false,
         "properties": {"id": {"type": "string", "readOnly": true},
                        "name": {"type": "string"}}})",
     R"({"type": "object", "required": ["name"], "additionalProperties": false,
         "properties": {"name": {"type": "string"}}})"},
    {"required disappears when only readOnly properties were required",
     R"({"type": "object", "required": ["id"],
         "properties": {"id": {"type": "string", "readOnly": true}}})",
     R"({"type": "object", "properties": {}})"},
    {"a property named like a dropped keyword is kept",
     R"({"type": "object", "properties": {"example": {"type": "string", "example": "x"},
                                          "description": {"type": "string"}}})",
     R"({"type": "object", "properties": {"example": {"type": "string"},
                                          "description": {"type": "string"}}})"},
    {"resolver markers accept anything",
     R"({"type": "object", "properties": {
         "self": {"$recursive": "#/components/schemas/Node"},
         "far": {"$external": "other.yml#/X"},
         "gone": {"$missing": "#/components/schemas/Gone"}}})",
     R"({"type": "object", "properties": {"self": {}, "far": {}, "gone": {}}})"},
    {"date-time format applies to short strings only",
     R"({"type": "string", "nullable": true, "format": "date-time"})",
     R"({"type": ["string", "null"],
         "allOf": [{"if": {"type": "string", "maxLength": 1024},
                    "then": {"format": "date-time"}}]})"},
    {"unchecked formats are dropped",
     R"({"type": "string", "format": "email"})",
     R"({"type": "string"})"},
    {"a pattern std::regex compiles applies to short strings",
     R"({"type": "string", "pattern": "^user_\\w{27}$"})",
     R"({"type": "string",
         "allOf": [{"if": {"type": "string", "maxLength": 1024},
                    "then": {"pattern": "^user_\\w{27}$"}}]})"},
    {"string checks join the schema's own allOf",
     R"({"allOf": [{"type": "string"}], "format": "date"})",
     R"({"allOf": [{"type": "string"},
                   {"if": {"type": "string", "maxLength": 1024}, "then": {"format": "date"}}]})"},
    {"a pattern std::regex cannot compile is dropped",
     R"({"type": "string", "pattern": "^(?<name>x"})",
     R"({"type": "string"})"},
    {"items, additionalProperties and not are translated",
     R"({"type": "object",
         "additionalProperties": {"type": "array", "items": {"type": "string",
                                                             "nullable": true}},
         "not": {"type": "string", "example": "x"}})",
     R"({"type": "object",
         "additionalProperties": {"type": "array", "items": {"type": ["string", "null"]}},
         "not": {"type": "string"}})"},
    {"array constraints are kept",
     R"({"type": "array", "minItems": 1, "maxItems": 3, "uniqueItems": true,
         "items": {"type": "string", "minLength": 1, "maxLength": 9}})",
     R"({"type": "array", "minItems": 1, "maxItems": 3, "uniqueItems": true,
         "items": {"type": "string", "minLength": 1, "maxLength": 9}})"},
    {"an unknown type is dropped", R"({"type": "file"})", R"({})"},
    {"a non-object schema accepts anything", R"(true)", R"({})"},
};

}  // namespace

BOOST_AUTO_TEST_SUITE(schema_translation)

BOOST_AUTO_TEST_CASE(request_translation_matches_each_table_row) {
    for (const translation_case& row : request_cases) {
        BOOST_TEST_CONTEXT(row.name) {
            const json::value translated = translate_schema(json::parse(row.openapi));
            BOOST_TEST(translated == json::parse(row.expected));
        }
    }
}

BOOST_AUTO_TEST_CASE(response_translation_keeps_read_only_and_drops_write_only) {
    const json::value openapi = json::parse(R"({"type": "object", "required": ["id", "secret"],
        "properties": {"id": {"type": "string", "readOnly": true},
                       "secret": {"type": "string", "writeOnly": true}}})");
    const json::value expected = json::parse(R"({"type": "object", "required": ["id"],
        "properties": {"id": {"type": "string"}}})");

    BOOST_TEST(translate_schema(openapi, schema_direction::response) == expected);
}

BOOST_AUTO_TEST_CASE(nesting_beyond_the_depth_limit_accepts_anything) {
    json::value openapi = json::object{{"type", "string"}};
    for (int level = 0; level < 100; ++level) {
        openapi = json::object{{"type", "array"}, {"items", openapi}};
    }

    const json::value translated = translate_schema(openapi);
    const json::value* node = &translated;
    int depth = 0;
    while (node->is_object() && node->get_object().contains("items")) {
        node = &node->get_object().at("items");
        ++depth;
    }

    BOOST_TEST(depth > 32);
    BOOST_TEST(depth < 100);
    BOOST_TEST(*node == json::value(json::object{}));
}

BOOST_AUTO_TEST_SUITE_END()
