#include "mcp/jsonrpc.hpp"

#include <string>
#include <string_view>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include "mcp/protocol.hpp"

namespace json = boost::json;
namespace jsonrpc = clerk_mcp::mcp::jsonrpc;
namespace error_code = clerk_mcp::mcp::error_code;

namespace {

// Parses and decodes in one step, as a transport does.
boost::system::result<jsonrpc::message, jsonrpc::rejection> read(std::string_view text,
                                                                 json::value& holder) {
    auto parsed = jsonrpc::parse(text);
    if (!parsed) {
        return {boost::system::in_place_error, parsed.error()};
    }
    holder = std::move(*parsed);
    return jsonrpc::decode(holder);
}

struct refused_case {
    std::string_view label;
    std::string text;
    int code;
    std::string id;  // the id to answer with, as JSON
    std::string_view says;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(jsonrpc_codec)

BOOST_AUTO_TEST_CASE(malformed_messages_are_refused_with_code_id_and_reason) {
    const std::vector<refused_case> cases = {
        {"truncated json",
         R"({"jsonrpc":"2.0","id":1)",
         error_code::parse_error,
         "null",
         "not valid JSON"},
        {"not json at all", "hello", error_code::parse_error, "null", "not valid JSON"},
        {"invalid utf-8 byte",
         "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"p\xff\"}",
         error_code::parse_error,
         "null",
         "not valid UTF-8"},
        {"overlong utf-8",
         "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xc0\xaf\"}",
         error_code::parse_error,
         "null",
         "not valid UTF-8"},
        {"utf-8 surrogate",
         "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xed\xa0\x80\"}",
         error_code::parse_error,
         "null",
         "offset 34"},
        {"batch",
         R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])",
         error_code::invalid_request,
         "null",
         "batches are not supported"},
        {"empty batch", "[]", error_code::invalid_request, "null", "batches are not supported"},
        {"scalar", "42", error_code::invalid_request, "null", "must be a JSON object"},
        {"missing jsonrpc",
         R"({"id":1,"method":"ping"})",
         error_code::invalid_request,
         "1",
         "\"jsonrpc\": \"2.0\""},
        {"wrong jsonrpc",
         R"({"jsonrpc":"1.0","id":"a","method":"ping"})",
         error_code::invalid_request,
         "\"a\"",
         "\"jsonrpc\": \"2.0\""},
        {"null id",
         R"({"jsonrpc":"2.0","id":null,"method":"ping"})",
         error_code::invalid_request,
         "null",
         "string or an integer"},
        {"fractional id",
         R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})",
         error_code::invalid_request,
         "null",
         "string or an integer"},
        {"boolean id",
         R"({"jsonrpc":"2.0","id":true,"method":"ping"})",
         error_code::invalid_request,
         "null",
         "string or an integer"},
        {"object id",
         R"({"jsonrpc":"2.0","id":{},"method":"ping"})",
         error_code::invalid_request,
         "null",
         "string or an integer"},
        {"numeric method",
         R"({"jsonrpc":"2.0","id":3,"method":7})",
         error_code::invalid_request,
         "3",
         "\"method\" must be a non-empty string"},
        {"empty method",
         R"({"jsonrpc":"2.0","id":3,"method":""})",
         error_code::invalid_request,
         "3",
         "\"method\" must be a non-empty string"},
        {"no method",
         R"({"jsonrpc":"2.0","id":4})",
         error_code::invalid_request,
         "4",
         "no \"method\""},
        {"array params",
         R"({"jsonrpc":"2.0","id":5,"method":"ping","params":[1]})",
         error_code::invalid_params,
         "5",
         "must be an object"},
        {"string params",
         R"({"jsonrpc":"2.0","id":5,"method":"ping","params":"x"})",
         error_code::invalid_params,
         "5",
         "must be an object"},
        {"too deep",
         std::string(70, '[') + std::string(70, ']'),
         error_code::parse_error,
         "null",
         "deeper than 64"},
    };
    for (const refused_case& c : cases) {
        BOOST_TEST_CONTEXT(c.label) {
            json::value holder;
            auto decoded = read(c.text, holder);
            BOOST_TEST_REQUIRE(!decoded);
            const jsonrpc::rejection refused = decoded.error();
            BOOST_TEST(refused.error.code == c.code);
            BOOST_TEST(json::serialize(refused.id) == c.id);
            BOOST_TEST(refused.answer);
            BOOST_TEST(refused.error.message.find(c.says) != std::string::npos,
                       "message: " << refused.error.message);
        }
    }
}

BOOST_AUTO_TEST_CASE(well_formed_messages_are_classified) {
    struct accepted_case {
        std::string_view label;
        std::string_view text;
        jsonrpc::message_kind kind;
        std::string_view method;
        bool has_params;
    };
    const std::vector<accepted_case> cases = {
        {"request with integer id",
         R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
         jsonrpc::message_kind::request,
         "ping",
         false},
        {"request with string id",
         R"({"jsonrpc":"2.0","id":"x-1","method":"tools/list",
          "params":{}})",
         jsonrpc::message_kind::request,
         "tools/list",
         true},
        {"negative id",
         R"({"jsonrpc":"2.0","id":-3,"method":"ping"})",
         jsonrpc::message_kind::request,
         "ping",
         false},
        {"notification",
         R"({"jsonrpc":"2.0","method":"notifications/initialized"})",
         jsonrpc::message_kind::notification,
         "notifications/initialized",
         false},
        {"success response",
         R"({"jsonrpc":"2.0","id":2,"result":{}})",
         jsonrpc::message_kind::response,
         "",
         false},
        {"error response",
         R"({"jsonrpc":"2.0","id":2,"error":{"code":-1,"message":"no"}})",
         jsonrpc::message_kind::response,
         "",
         false},
        {"error response with null id",
         R"({"jsonrpc":"2.0","id":null,"error":{"code":-1}})",
         jsonrpc::message_kind::response,
         "",
         false},
        {"non-ascii utf-8",
         "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"caf\xc3\xa9\"}",
         jsonrpc::message_kind::request,
         "caf\xc3\xa9",
         false},
    };
    for (const accepted_case& c : cases) {
        BOOST_TEST_CONTEXT(c.label) {
            json::value holder;
            auto decoded = read(c.text, holder);
            BOOST_TEST_REQUIRE(decoded.has_value());
            BOOST_TEST(static_cast<int>(decoded->kind) == static_cast<int>(c.kind));
            BOOST_TEST(decoded->method == c.method);
            BOOST_TEST((decoded->params != nullptr) == c.has_params);
            BOOST_TEST((decoded->id == nullptr) == (c.kind == jsonrpc::message_kind::notification));
        }
    }
}

BOOST_AUTO_TEST_CASE(malformed_responses_are_refused_without_an_answer) {
    for (std::string_view text : {R"({"jsonrpc":"2.0","id":1,"result":{},"error":{}})",
                                  R"({"jsonrpc":"2.0","result":{}})",
                                  R"({"jsonrpc":"2.0","id":null,"result":{}})",
                                  R"({"jsonrpc":"2.0","id":1,"error":"bad"})"}) {
        BOOST_TEST_CONTEXT(text) {
            json::value holder;
            auto decoded = read(text, holder);
            BOOST_TEST_REQUIRE(!decoded);
            BOOST_TEST(!decoded.error().answer);
        }
    }
}

BOOST_AUTO_TEST_CASE(envelopes_round_trip_through_the_parser) {
    const json::value result = json::parse(R"({"tools":[]})");
    const json::value with_int = json::parse(jsonrpc::encode_result(7, result));
    BOOST_TEST(with_int == json::parse(R"({"jsonrpc":"2.0","id":7,"result":{"tools":[]}})"));

    const json::value with_string = json::parse(jsonrpc::encode_raw_result("a\"b", "{}"));
    BOOST_TEST(with_string == json::parse(R"({"jsonrpc":"2.0","id":"a\"b","result":{}})"));

    const auto err = jsonrpc::make_error(-32602, "bad", json::object{{"k", 1}});
    const json::value error = json::parse(jsonrpc::encode_error(nullptr, err));
    BOOST_TEST(error == json::parse(R"({"jsonrpc":"2.0","id":null,
        "error":{"code":-32602,"message":"bad","data":{"k":1}}})"));
    BOOST_TEST(jsonrpc::make_error_value(nullptr, err) == error);

    const json::value no_data =
        json::parse(jsonrpc::encode_error(3, jsonrpc::make_error(-32601, "nope")));
    BOOST_TEST(!no_data.at("error").as_object().contains("data"));

    const json::value request =
        json::parse(jsonrpc::encode_request(1, "elicitation/create", json::object{{"m", "x"}}));
    BOOST_TEST(request == json::parse(R"({"jsonrpc":"2.0","id":1,"method":"elicitation/create",
        "params":{"m":"x"}})"));
    BOOST_TEST(jsonrpc::make_result_value(7, result) == with_int);
}

BOOST_AUTO_TEST_CASE(parsing_uses_the_given_memory_resource) {
    unsigned char buffer[2048];
    json::monotonic_resource arena(buffer, sizeof(buffer));
    auto parsed =
        jsonrpc::parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})", json::storage_ptr(&arena));
    BOOST_TEST_REQUIRE(parsed.has_value());
    BOOST_TEST(parsed->storage().get() == &arena);
}

BOOST_AUTO_TEST_SUITE_END()
