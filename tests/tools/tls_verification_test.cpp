// The Clerk client's TLS checks against a loopback TLS server with a certificate made at test
// time: untrusted by the system store, trusted once named as the CA file, and refused when it
// names another host.
#include <chrono>
#include <string>

#include <boost/test/unit_test.hpp>

#include "tests/tools/tls_loopback_server.hpp"
#include "tests/tools/tls_self_signed.hpp"
#include "tools/clerk_client.hpp"

namespace {

using namespace std::chrono_literals;
using clerk_mcp::test::http_text;
using clerk_mcp::test::loopback_server;
using clerk_mcp::test::received_request;
using clerk_mcp::test::scripted_reply;
using clerk_mcp::test::tls_self_signed;
using clerk_mcp::tools::clerk_http_client;
using clerk_mcp::tools::client_config;
using clerk_mcp::tools::transport_error_kind;
using clerk_mcp::tools::transport_result;

scripted_reply ok_json() {
    return {http_text(200, R"({"ok":true})"), false, false};
}

// A TLS server presenting `certificate`.
loopback_server serve(const tls_self_signed& certificate) {
    return loopback_server(
        [](const received_request&) { return ok_json(); },
        loopback_server::tls_files{certificate.certificate(), certificate.private_key()});
}

client_config config_for(std::string base_url, std::string ca_file = {}) {
    client_config config;
    config.base_url = std::move(base_url);
    config.secret_key = "sk_test_tls";
    config.ca_file = std::move(ca_file);
    config.ca_file_setting = "--ca-file (or CLERK_CA_FILE)";
    config.connect_timeout = 3s;
    return config;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(clerk_client_tls)

BOOST_AUTO_TEST_CASE(a_self_signed_server_fails_against_the_system_store) {
    const tls_self_signed certificate("IP:127.0.0.1,DNS:localhost");
    loopback_server server = serve(certificate);
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result = client.send({"GET", "/users", {}, {}}, 5s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::tls_verify));
    BOOST_TEST(!result.error().request_sent);
    BOOST_TEST(contains(result.error().message, "self-signed"));
    BOOST_TEST(contains(result.error().message, "--ca-file (or CLERK_CA_FILE)"));
    BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_CASE(the_same_server_is_trusted_once_its_certificate_is_the_ca_file) {
    const tls_self_signed certificate("IP:127.0.0.1,DNS:localhost");
    loopback_server server = serve(certificate);
    clerk_http_client client(config_for(server.base_url(), certificate.certificate()), nullptr);

    for (int i = 0; i < 2; ++i) {
        const transport_result result = client.send({"GET", "/users", {}, "2025-11-10"}, 5s);
        BOOST_TEST_REQUIRE(result.has_value());
        BOOST_TEST(result->status == 200);
    }
    const auto requests = server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 2u);
    BOOST_TEST(requests[0].target == "/v1/users");
    BOOST_TEST(requests[0].header("authorization") == "Bearer sk_test_tls");
    BOOST_TEST(server.connections() == 1u);
}

BOOST_AUTO_TEST_CASE(a_host_name_is_verified_against_the_certificate_dns_names) {
    const tls_self_signed certificate("DNS:localhost");
    loopback_server server = serve(certificate);
    clerk_http_client client(
        config_for("https://localhost:" + std::to_string(server.port()), certificate.certificate()),
        nullptr);

    const transport_result result = client.send({"GET", "/users", {}, {}}, 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 200);
    BOOST_TEST(server.requests().at(0).header("host") ==
               "localhost:" + std::to_string(server.port()));
}

BOOST_AUTO_TEST_CASE(a_trusted_certificate_for_another_host_is_refused) {
    const tls_self_signed certificate("DNS:other.example");
    loopback_server server = serve(certificate);
    clerk_http_client client(config_for(server.base_url(), certificate.certificate()), nullptr);

    const transport_result result = client.send({"GET", "/users", {}, {}}, 5s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::tls_verify));
    BOOST_TEST(contains(result.error().message, "not issued for 127.0.0.1"));
    BOOST_TEST(server.requests().empty());
}

BOOST_AUTO_TEST_SUITE_END()
