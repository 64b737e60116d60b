#include "spec/yaml_to_json.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

namespace {

namespace json = boost::json;
using clerk_mcp::spec::yaml_to_json;

// The value of key `v` in the one-line document "v: <scalar>".
json::value scalar(const std::string& text) {
    return yaml_to_json("v: " + text).at("v");
}

std::string error_of(const std::string& text) {
    try {
        yaml_to_json(text);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_yaml_to_json)

BOOST_AUTO_TEST_CASE(plain_scalars_follow_the_core_schema) {
    struct row {
        const char* yaml;
        const char* json;
    };
    const row rows[] = {
        {"null", "null"},
        {"~", "null"},
        {"", "null"},
        {"NULL", "null"},
        {"true", "true"},
        {"False", "false"},
        {"TRUE", "true"},
        {"42", "42"},
        {"-17", "-17"},
        {"+5", "5"},
        {"0x1F", "31"},
        {"0o17", "15"},
        {"1.5", "1.5"},
        {"-.5", "-0.5"},
        {"2e3", "2000.0"},
        {"1.", "1.0"},
        {"yes", "\"yes\""},
        {"on", "\"on\""},
        {"1_000", "\"1_000\""},
        {"0x", "\"0x\""},
        {"1e", "\"1e\""},
        {".inf", "\".inf\""},
        {".nan", "\".nan\""},
        {"2026-05-12", "\"2026-05-12\""},
        {"18446744073709551615", "18446744073709551615"},
    };
    for (const row& r : rows) {
        BOOST_TEST_CONTEXT("yaml " << r.yaml) {
            BOOST_TEST(scalar(r.yaml) == json::parse(r.json));
        }
    }
}

BOOST_AUTO_TEST_CASE(integers_keep_their_json_integer_kind) {
    BOOST_TEST(scalar("42").is_int64());
    BOOST_TEST(scalar("-9223372036854775808").as_int64() == INT64_MIN);
    BOOST_TEST(scalar("18446744073709551615").is_uint64());
    BOOST_TEST(scalar("99999999999999999999").is_double());
    BOOST_TEST(scalar("1.0").is_double());
}

BOOST_AUTO_TEST_CASE(quoted_and_block_scalars_stay_strings) {
    BOOST_TEST(scalar("'42'") == json::value("42"));
    BOOST_TEST(scalar("\"true\"") == json::value("true"));
    BOOST_TEST(scalar("'null'") == json::value("null"));
    BOOST_TEST(scalar("'2026-05-12'") == json::value("2026-05-12"));
    BOOST_TEST(yaml_to_json("v: |\n  12\n").at("v") == json::value("12\n"));
    BOOST_TEST(yaml_to_json("v: >-\n  a\n  b\n").at("v") == json::value("a b"));
}

BOOST_AUTO_TEST_CASE(explicit_core_tags_choose_the_type) {
    BOOST_TEST(scalar("!!str 42") == json::value("42"));
    BOOST_TEST(scalar("!!int '7'") == json::value(7));
    BOOST_TEST(scalar("!!float 3") == json::value(3.0));
    BOOST_TEST(scalar("!!bool 'true'") == json::value(true));
    BOOST_TEST(scalar("!custom 3") == json::value("3"));
}

BOOST_AUTO_TEST_CASE(keys_are_always_strings) {
    json::value v = yaml_to_json("200: ok\ntrue: yes\n1.5: x\n~: y\n'q': z\n");
    BOOST_TEST(json::serialize(v) == R"({"200":"ok","true":"yes","1.5":"x","null":"y","q":"z"})");
}

BOOST_AUTO_TEST_CASE(structure_and_key_order_are_kept) {
    json::value v = yaml_to_json("b: [1, {c: d}]\na:\n  - x\n  - null\nz: {}\n");
    BOOST_TEST(json::serialize(v) == R"({"b":[1,{"c":"d"}],"a":["x",null],"z":{}})");
}

BOOST_AUTO_TEST_CASE(aliases_are_expanded_into_copies) {
    json::value v = yaml_to_json("a: &shared {k: 1}\nb: *shared\n");
    BOOST_TEST(v.at("b") == json::parse(R"({"k":1})"));
}

BOOST_AUTO_TEST_CASE(empty_text_is_null) {
    BOOST_TEST(yaml_to_json("").is_null());
}

BOOST_AUTO_TEST_CASE(syntax_errors_name_line_and_column) {
    std::string what = error_of("a: 1\nb: [1, 2\nc: 3\n");
    BOOST_TEST(what.find("line ") != std::string::npos);
    BOOST_TEST(what.find("column ") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_errors_at_the_second_key) {
    BOOST_TEST(error_of("a: 1\nb: 2\na: 3\n").find("line 3, column 1: duplicate key 'a'") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(non_scalar_keys_are_errors) {
    BOOST_TEST(error_of("? [a, b]\n: 1\n").find("a mapping key must be a scalar") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_scalar_that_does_not_match_its_tag_is_an_error) {
    BOOST_TEST(error_of("v: !!int abc\n").find("line 1, column 4") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nesting_beyond_the_limit_is_an_error) {
    std::string deep(600, '[');
    deep += std::string(600, ']');
    BOOST_TEST(error_of(deep).find("YAML error at line ") == 0u);
    std::string fine(100, '[');
    fine += std::string(100, ']');
    BOOST_TEST(error_of(fine).empty());
}

BOOST_AUTO_TEST_SUITE_END()
