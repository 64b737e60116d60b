#include "mcp/request_meta.hpp"

#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include "mcp/protocol.hpp"

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;

namespace {

json::value message_with_meta(std::string_view meta_json) {
    return json::parse(R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":)" +
                       std::string(meta_json) + "}}");
}

const json::object* params_of(const json::value& message) {
    return &message.at("params").as_object();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(request_meta)

BOOST_AUTO_TEST_CASE(the_requested_version_is_read_from_meta_when_it_is_a_string) {
    const json::value modern =
        message_with_meta(R"({"io.modelcontextprotocol/protocolVersion":"2026-07-28"})");
    BOOST_TEST(*mcp::requested_protocol_version(modern) == "2026-07-28");

    // Any string is reported, supported or not: comparing with a header is the caller's job.
    const json::value future =
        message_with_meta(R"({"io.modelcontextprotocol/protocolVersion":"2099-01-01"})");
    BOOST_TEST(*mcp::requested_protocol_version(future) == "2099-01-01");

    for (std::string_view text :
         {R"({"jsonrpc":"2.0","id":1,"method":"ping"})",
          R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{}})",
          R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"_meta":{}}})",
          R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"_meta":[]}})",
          R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"_meta":{
              "io.modelcontextprotocol/protocolVersion":20260728}}})",
          R"([1])"}) {
        BOOST_TEST_CONTEXT(text) {
            BOOST_TEST(!mcp::requested_protocol_version(json::parse(text)));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_stateless_revision_yields_the_meta_with_capabilities) {
    const json::value message = message_with_meta(
        R"({"io.modelcontextprotocol/protocolVersion":"2026-07-28",
            "io.modelcontextprotocol/clientCapabilities":{"elicitation":{}}})");
    auto meta = mcp::read_request_meta(params_of(message));
    BOOST_TEST_REQUIRE(meta.has_value());
    BOOST_TEST_REQUIRE(meta->has_value());
    BOOST_TEST((*meta)->protocol_version == "2026-07-28");
    BOOST_TEST_REQUIRE((*meta)->client_capabilities != nullptr);
    BOOST_TEST((*meta)->client_capabilities->contains("elicitation"));

    const json::value bare =
        message_with_meta(R"({"io.modelcontextprotocol/protocolVersion":"2026-07-28"})");
    auto without_caps = mcp::read_request_meta(params_of(bare));
    BOOST_TEST_REQUIRE(without_caps.has_value());
    BOOST_TEST((*without_caps)->client_capabilities == nullptr);
}

BOOST_AUTO_TEST_CASE(no_revision_or_a_session_revision_belongs_to_a_session) {
    BOOST_TEST(!*mcp::read_request_meta(nullptr));
    const json::value no_meta = json::parse(R"({"params":{"cursor":"x"}})");
    BOOST_TEST(!*mcp::read_request_meta(params_of(no_meta)));
    const json::value other_keys = message_with_meta(R"({"progressToken":3})");
    BOOST_TEST(!*mcp::read_request_meta(params_of(other_keys)));
    const json::value session_revision =
        message_with_meta(R"({"io.modelcontextprotocol/protocolVersion":"2025-06-18"})");
    BOOST_TEST(!*mcp::read_request_meta(params_of(session_revision)));
}

BOOST_AUTO_TEST_CASE(an_unknown_revision_is_refused_with_the_supported_list) {
    const json::value message =
        message_with_meta(R"({"io.modelcontextprotocol/protocolVersion":"2024-11-05"})");
    auto meta = mcp::read_request_meta(params_of(message));
    BOOST_TEST_REQUIRE(meta.has_error());
    BOOST_TEST(meta.error().code == mcp::error_code::unsupported_protocol_version);
    BOOST_TEST(meta.error().data == json::parse(R"({
        "supported": ["2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26"],
        "requested": "2024-11-05"})"));
}

BOOST_AUTO_TEST_CASE(wrongly_typed_meta_members_are_invalid_params) {
    for (std::string_view meta : {R"("text")",
                                  R"({"io.modelcontextprotocol/protocolVersion":true})",
                                  R"({"io.modelcontextprotocol/protocolVersion":"2026-07-28",
                                      "io.modelcontextprotocol/clientCapabilities":[]})"}) {
        BOOST_TEST_CONTEXT(meta) {
            const json::value message = message_with_meta(meta);
            auto read = mcp::read_request_meta(params_of(message));
            BOOST_TEST_REQUIRE(read.has_error());
            BOOST_TEST(read.error().code == mcp::error_code::invalid_params);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
