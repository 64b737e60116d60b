#include "spec/compaction.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

namespace {

namespace json = boost::json;
using clerk_mcp::spec::drop_generator_extensions;

std::string compacted(std::string_view text) {
    json::value v = json::parse(text);
    drop_generator_extensions(v);
    return json::serialize(v);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_compaction)

BOOST_AUTO_TEST_CASE(generator_keys_are_dropped_at_every_depth) {
    BOOST_TEST(compacted(R"({"info": {"x-logo": {"url": "u"}, "title": "t"},
                             "paths": {"/a": {"get": {"x-speakeasy-group": "g",
                                                      "operationId": "A",
                                                      "x-speakeasy-name-override": "n"}}},
                             "list": [{"x-speakeasy-retries": 1, "k": 2}]})") ==
               R"({"info":{"title":"t"},"paths":{"/a":{"get":{"operationId":"A"}}},)"
               R"("list":[{"k":2}]})");
}

BOOST_AUTO_TEST_CASE(key_order_is_kept) {
    BOOST_TEST(compacted(R"({"a": 1, "x-speakeasy-a": 2, "b": 3, "c": 4})") ==
               R"({"a":1,"b":3,"c":4})");
}

BOOST_AUTO_TEST_CASE(other_extensions_and_descriptions_are_kept) {
    const char* text = R"({"x-encoded":true,"description":"d","example":{"x":1}})";
    BOOST_TEST(compacted(text) == text);
}

BOOST_AUTO_TEST_CASE(property_names_and_data_are_not_keys_to_drop) {
    const char* text =
        R"({"properties":{"x-logo":{"type":"string","x-speakeasy-unknown-values":"allow"}},)"
        R"("example":{"x-logo":"u"},"default":{"x-speakeasy-group":"g"},)"
        R"("enum":[{"x-logo":1}]})";
    BOOST_TEST(compacted(text) ==
               R"({"properties":{"x-logo":{"type":"string"}},"example":{"x-logo":"u"},)"
               R"("default":{"x-speakeasy-group":"g"},"enum":[{"x-logo":1}]})");
}

BOOST_AUTO_TEST_SUITE_END()
