#include "tools/clerk_client.hpp"

#include <atomic>
#include <chrono>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/test/unit_test.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/ostream_sink.h>

#include "tests/tools/tls_loopback_server.hpp"
#include "tests/tools/tls_self_signed.hpp"
#include "tools/rate_limiter.hpp"

namespace {

using namespace std::chrono_literals;
using clerk_mcp::test::http_text;
using clerk_mcp::test::loopback_server;
using clerk_mcp::test::received_request;
using clerk_mcp::test::scripted_reply;
using clerk_mcp::test::tls_self_signed;
using clerk_mcp::tools::clerk_http_client;
using clerk_mcp::tools::client_config;
using clerk_mcp::tools::http_request;
using clerk_mcp::tools::transport_error_kind;
using clerk_mcp::tools::transport_result;

// The key every test uses; no message or log line may ever contain it.
constexpr const char* sentinel_key = "sk_test_SENTINEL_0d9f7c2b_must_never_be_printed";
constexpr const char* sentinel_mark = "SENTINEL_0d9f7c2b";

// A logger at trace level whose output the test can read.
struct captured_log {
    std::ostringstream out;
    std::shared_ptr<spdlog::logger> logger;

    captured_log() {
        logger = std::make_shared<spdlog::logger>(
            "clerk_client_test", std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
        logger->set_level(spdlog::level::trace);
    }

    std::string text() {
        logger->flush();
        return out.str();
    }
};

client_config config_for(const std::string& base_url) {
    client_config config;
    config.base_url = base_url;
    config.secret_key = sentinel_key;
    config.user_agent = "clerk-mcp/9.9.9";
    config.ca_file_setting = "--ca-file";
    config.connect_timeout = 2s;
    config.read_timeout = 5s;
    return config;
}

http_request get(std::string target) {
    return {"GET", std::move(target), {}, "2025-11-10"};
}

scripted_reply ok_json(std::string body = R"({"ok":true})") {
    return {http_text(200, body), false, false};
}

// A port on 127.0.0.1 where nothing listens (bound, then released).
unsigned short closed_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor acceptor(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return acceptor.local_endpoint().port();
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(clerk_client)

BOOST_AUTO_TEST_CASE(sends_method_target_headers_and_body_under_v1) {
    loopback_server server([](const received_request&) { return ok_json(R"({"id":"user_1"})"); });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result =
        client.send({"POST", "/users?limit=10", R"({"first_name":"Ada"})", "2025-11-10"}, 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 200);
    BOOST_TEST(result->body == R"({"id":"user_1"})");
    BOOST_TEST(!result->truncated);
    BOOST_TEST(result->header("content-type").value_or("") == "application/json");

    const auto requests = server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    const received_request& r = requests[0];
    BOOST_TEST(r.method == "POST");
    BOOST_TEST(r.target == "/v1/users?limit=10");
    BOOST_TEST(r.header("authorization") == std::string("Bearer ") + sentinel_key);
    BOOST_TEST(r.header("clerk-api-version") == "2025-11-10");
    BOOST_TEST(r.header("user-agent") == "clerk-mcp/9.9.9");
    BOOST_TEST(r.header("accept") == "application/json");
    BOOST_TEST(r.header("content-type") == "application/json");
    BOOST_TEST(r.header("host") == "127.0.0.1:" + std::to_string(server.port()));
    BOOST_TEST(r.body == R"({"first_name":"Ada"})");
}

BOOST_AUTO_TEST_CASE(a_request_without_body_has_no_content_type_and_no_version_when_unset) {
    loopback_server server([](const received_request&) { return ok_json(); });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    BOOST_TEST_REQUIRE(client.send({"DELETE", "/users/user_1", {}, {}}, 5s).has_value());
    const auto requests = server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 1u);
    BOOST_TEST(requests[0].method == "DELETE");
    BOOST_TEST(requests[0].header("content-type").empty());
    BOOST_TEST(requests[0].header("clerk-api-version").empty());
    BOOST_TEST(requests[0].body.empty());
}

BOOST_AUTO_TEST_CASE(a_path_prefix_in_the_base_url_goes_before_v1) {
    loopback_server server([](const received_request&) { return ok_json(); });
    clerk_http_client client(config_for(server.base_url() + "/mock/"), nullptr);

    BOOST_TEST_REQUIRE(client.send(get("/users"), 5s).has_value());
    BOOST_TEST(server.requests().at(0).target == "/mock/v1/users");
}

BOOST_AUTO_TEST_CASE(keep_alive_carries_several_requests_on_one_connection) {
    loopback_server server([](const received_request&) { return ok_json(); });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    for (int i = 0; i < 3; ++i) {
        BOOST_TEST_REQUIRE(client.send(get("/users"), 5s).has_value());
    }
    BOOST_TEST(server.requests().size() == 3u);
    BOOST_TEST(server.connections() == 1u);
}

BOOST_AUTO_TEST_CASE(an_idle_connection_closed_by_the_server_is_replaced_before_sending) {
    // The server closes after each answer without saying so, as an idle timeout would.
    loopback_server server([](const received_request&) {
        scripted_reply reply = ok_json();
        reply.close_after = true;
        return reply;
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    BOOST_TEST_REQUIRE(client.send(get("/users"), 5s).has_value());
    std::this_thread::sleep_for(50ms);  // let the close arrive
    const transport_result second = client.send({"POST", "/users", "{}", {}}, 5s);
    BOOST_TEST_REQUIRE(second.has_value());
    BOOST_TEST(server.requests().size() == 2u);
    BOOST_TEST(server.connections() == 2u);
}

BOOST_AUTO_TEST_CASE(a_get_is_resent_once_when_a_reused_connection_closes_without_answering) {
    // First request answered; the second, on the same connection, meets a close.
    loopback_server server([](const received_request& r) {
        if (r.connection == 1 && r.target == "/v1/users/second") {
            return scripted_reply{{}, true, false};
        }
        return ok_json();
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    BOOST_TEST_REQUIRE(client.send(get("/users/first"), 5s).has_value());
    const transport_result result = client.send(get("/users/second"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 200);
    const auto requests = server.requests();
    BOOST_TEST_REQUIRE(requests.size() == 3u);
    BOOST_TEST(requests[2].target == "/v1/users/second");
    BOOST_TEST(requests[2].connection == 2u);
}

BOOST_AUTO_TEST_CASE(a_write_is_never_resent_when_a_reused_connection_closes_without_answering) {
    loopback_server server([](const received_request& r) {
        if (r.method == "DELETE") {
            return scripted_reply{{}, true, false};
        }
        return ok_json();
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    BOOST_TEST_REQUIRE(client.send(get("/users"), 5s).has_value());
    const transport_result result = client.send({"DELETE", "/users/user_1", {}, {}}, 5s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::connection_closed));
    BOOST_TEST(result.error().request_sent);
    BOOST_TEST(contains(result.error().message, "may have reached Clerk"));
    BOOST_TEST(server.requests().size() == 2u);
}

BOOST_AUTO_TEST_CASE(response_headers_beyond_beasts_8_kb_default_are_accepted) {
    const std::string big(20'000, 'v');
    loopback_server server([&](const received_request&) {
        return scripted_reply{http_text(200, "[]", "sl-violations: " + big + "\r\n"), false, false};
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 200);
    BOOST_TEST(result->header("SL-Violations").value_or("").size() == big.size());
}

BOOST_AUTO_TEST_CASE(response_headers_beyond_the_limit_are_refused) {
    const std::string huge(70'000, 'v');
    loopback_server server([&](const received_request&) {
        return scripted_reply{http_text(200, "[]", "x-big: " + huge + "\r\n"), false, false};
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::header_too_large));
}

BOOST_AUTO_TEST_CASE(a_body_over_the_limit_is_cut_and_flagged) {
    const std::string body(5000, 'b');
    loopback_server server([&](const received_request&) { return ok_json(body); });
    client_config config = config_for(server.base_url());
    config.body_limit = 1000;
    clerk_http_client client(config, nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->truncated);
    BOOST_TEST(result->body == body.substr(0, 1000));
    BOOST_TEST(result->declared_length.value_or(0) == 5000u);

    // The unread rest makes the connection unusable: the next request opens another.
    BOOST_TEST_REQUIRE(client.send(get("/users"), 5s).has_value());
    BOOST_TEST(server.connections() == 2u);
}

BOOST_AUTO_TEST_CASE(a_chunked_body_over_the_limit_is_cut_and_one_at_the_limit_is_not) {
    const std::string chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        "400\r\n" +
        std::string(1024, 'a') + "\r\n400\r\n" + std::string(1024, 'b') + "\r\n0\r\n\r\n";
    loopback_server server([&](const received_request&) {
        return scripted_reply{chunked, false, false};
    });

    client_config config = config_for(server.base_url());
    config.body_limit = 1500;
    const transport_result cut = clerk_http_client(config, nullptr).send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(cut.has_value());
    BOOST_TEST(cut->truncated);
    BOOST_TEST(cut->body.size() == 1500u);
    BOOST_TEST(!cut->declared_length.has_value());

    config.body_limit = 2048;
    const transport_result whole = clerk_http_client(config, nullptr).send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(whole.has_value());
    BOOST_TEST(!whole->truncated);
    BOOST_TEST(whole->body == std::string(1024, 'a') + std::string(1024, 'b'));
}

BOOST_AUTO_TEST_CASE(a_closed_port_gives_connection_refused_and_nothing_sent) {
    clerk_http_client client(config_for("http://127.0.0.1:" + std::to_string(closed_port())),
                             nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::connect_refused));
    BOOST_TEST(!result.error().request_sent);
    BOOST_TEST(contains(result.error().message, "connection refused"));
}

BOOST_AUTO_TEST_CASE(a_connection_that_cannot_be_established_in_time_is_a_connect_timeout) {
    // A stalled TCP connect cannot be staged reliably on loopback: a SYN to 127.0.0.1 is
    // answered at once unless the listener's backlog is full, and what a full backlog does
    // depends on kernel settings; a non-local address would send packets off the machine. The
    // TLS handshake runs under the same connect deadline, so a listener that never accepts
    // stalls it instead: the kernel completes the TCP handshake from the backlog, and the
    // ClientHello is never answered.
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor mute(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    const std::string url = "https://127.0.0.1:" + std::to_string(mute.local_endpoint().port());

    for (const auto& [connect_timeout, budget] :
         {std::pair{200ms, 5000ms}, std::pair{2000ms, 200ms}}) {
        BOOST_TEST_CONTEXT("connect timeout " << connect_timeout.count() << " ms, budget "
                                              << budget.count() << " ms") {
            client_config config = config_for(url);
            config.connect_timeout = connect_timeout;
            clerk_http_client client(config, nullptr);

            const auto start = std::chrono::steady_clock::now();
            const transport_result result = client.send(get("/users"), budget);
            const auto elapsed = std::chrono::steady_clock::now() - start;
            BOOST_TEST_REQUIRE(result.has_error());
            BOOST_TEST((result.error().kind == transport_error_kind::connect_timeout));
            BOOST_TEST(!result.error().request_sent);
            BOOST_TEST(contains(result.error().message, "TLS handshake"), result.error().message);
            BOOST_TEST(contains(result.error().message, "Clerk API URL"), result.error().message);
            BOOST_TEST((elapsed >= 200ms && elapsed < 3s));
        }
    }
}

BOOST_AUTO_TEST_CASE(a_server_that_never_answers_hits_the_read_timeout) {
    loopback_server server([](const received_request&) { return scripted_reply{{}, false, true}; });
    client_config config = config_for(server.base_url());
    config.read_timeout = 200ms;
    clerk_http_client client(config, nullptr);

    const auto start = std::chrono::steady_clock::now();
    const transport_result result = client.send(get("/users"), 5s);
    const auto elapsed = std::chrono::steady_clock::now() - start;
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::read_timeout));
    BOOST_TEST(result.error().request_sent);
    BOOST_TEST(contains(result.error().message, "200 ms"));
    BOOST_TEST((elapsed >= 200ms && elapsed < 3s));
}

BOOST_AUTO_TEST_CASE(the_calls_budget_bounds_the_wait_when_shorter_than_the_read_timeout) {
    loopback_server server([](const received_request&) { return scripted_reply{{}, false, true}; });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const auto start = std::chrono::steady_clock::now();
    const transport_result result = client.send(get("/users"), 150ms);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::read_timeout));
    BOOST_TEST(contains(result.error().message, "time budget"));
    BOOST_TEST((std::chrono::steady_clock::now() - start < 3s));
}

BOOST_AUTO_TEST_CASE(a_server_error_is_a_response_with_its_body) {
    loopback_server server([](const received_request&) {
        return scripted_reply{http_text(500, R"({"errors":[{"code":"internal"}]})"), false, false};
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 500);
    BOOST_TEST(result->body == R"({"errors":[{"code":"internal"}]})");
}

BOOST_AUTO_TEST_CASE(a_body_shorter_than_its_content_length_is_an_incomplete_response) {
    loopback_server server([](const received_request&) {
        return scripted_reply{
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"data\":[", true, false};
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::incomplete_response));
    BOOST_TEST(result.error().request_sent);
    BOOST_TEST(contains(result.error().message, "middle of the response"));
}

BOOST_AUTO_TEST_CASE(bytes_that_are_not_http_are_a_protocol_error) {
    loopback_server server([](const received_request&) {
        return scripted_reply{"HELLO THERE\r\n\r\n", true, false};
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST((result.error().kind == transport_error_kind::protocol));
}

BOOST_AUTO_TEST_CASE(a_429_is_a_response_carrying_retry_after) {
    loopback_server server([](const received_request&) {
        return scripted_reply{
            http_text(429, R"({"errors":[{"code":"too_many_requests"}]})", "Retry-After: 7\r\n"),
            false,
            false};
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const transport_result result = client.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 429);
    BOOST_TEST(result->header("retry-after").value_or("") == "7");
}

BOOST_AUTO_TEST_CASE(through_the_rate_policy_a_get_answered_429_is_retried_after_the_wait) {
    auto calls = std::make_shared<std::atomic<int>>(0);
    loopback_server server([calls](const received_request&) {
        if ((*calls)++ == 0) {
            return scripted_reply{http_text(429, "{}", "Retry-After: 1\r\n"), false, false};
        }
        return ok_json();
    });
    clerk_http_client client(config_for(server.base_url()), nullptr);
    clerk_mcp::tools::rate_limiter limiter({100, 10s});
    clerk_mcp::tools::rate_limited_transport transport(client, limiter);

    const auto start = std::chrono::steady_clock::now();
    const transport_result result = transport.send(get("/users"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 200);
    BOOST_TEST(server.requests().size() == 2u);
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 1s));
}

BOOST_AUTO_TEST_CASE(requests_that_could_split_headers_are_refused_before_connecting) {
    loopback_server server([](const received_request&) { return ok_json(); });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    const http_request rows[] = {
        {"GET", "users", {}, {}},
        {"GET", "/users\r\nX-Injected: 1", {}, {}},
        {"GET", "/users with space", {}, {}},
        {"GET", "/users#fragment", {}, {}},
        {"TRACE", "/users", {}, {}},
        {"get", "/users", {}, {}},
        {"GET", "/users", {}, "2025-11-10\r\nX-Injected: 1"},
    };
    for (const http_request& row : rows) {
        BOOST_TEST_CONTEXT("method " << row.method << " target " << row.target) {
            const transport_result result = client.send(row, 5s);
            BOOST_TEST_REQUIRE(result.has_error());
            BOOST_TEST((result.error().kind == transport_error_kind::invalid_request));
            BOOST_TEST(!result.error().request_sent);
        }
    }
    BOOST_TEST(server.connections() == 0u);
}

BOOST_AUTO_TEST_CASE(concurrent_callers_each_get_their_own_answer) {
    loopback_server server(
        [](const received_request& r) { return ok_json("{\"target\":\"" + r.target + "\"}"); });
    clerk_http_client client(config_for(server.base_url()), nullptr);

    std::vector<std::thread> threads;
    std::atomic<int> right{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 5; ++i) {
                const std::string target = "/users/u" + std::to_string(t) + "_" + std::to_string(i);
                const transport_result result = client.send(get(target), 5s);
                if (result && result->body == "{\"target\":\"/v1" + target + "\"}") {
                    ++right;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    BOOST_TEST(right.load() == 20);
    BOOST_TEST(server.requests().size() == 20u);
    BOOST_TEST(server.connections() <= 4u);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(clerk_client_config)

BOOST_AUTO_TEST_CASE(plain_http_is_accepted_only_for_loopback_hosts) {
    for (const char* url : {"http://127.0.0.1:4010",
                            "http://127.8.9.10",
                            "http://[::1]:4010",
                            "http://LOCALHOST:4010/prefix",
                            "https://api.clerk.com"}) {
        BOOST_TEST_CONTEXT(url) {
            BOOST_CHECK_NO_THROW(clerk_http_client(config_for(url), nullptr));
        }
    }
    for (const char* url : {"http://api.clerk.com",
                            "http://10.0.0.1:4010",
                            "http://[::2]:80",
                            "http://localhost.example.com"}) {
        BOOST_TEST_CONTEXT(url) {
            try {
                clerk_http_client client(config_for(url), nullptr);
                BOOST_ERROR("accepted");
            } catch (const std::invalid_argument& e) {
                BOOST_TEST(contains(e.what(), "loopback"));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(unusable_base_urls_are_refused_with_the_reason) {
    struct row {
        const char* url;
        const char* reason;
    };
    const row rows[] = {
        {"api.clerk.com", "absolute URL"},
        {"ftp://api.clerk.com", "must use https"},
        {"https://api.clerk.com/?x=1", "query"},
    };
    for (const row& r : rows) {
        BOOST_TEST_CONTEXT(r.url) {
            try {
                clerk_http_client client(config_for(r.url), nullptr);
                BOOST_ERROR("accepted");
            } catch (const std::invalid_argument& e) {
                BOOST_TEST(contains(e.what(), r.reason));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(credentials_in_the_url_are_refused_without_echoing_them) {
    try {
        clerk_http_client client(config_for("https://admin:hunter2@api.clerk.com"), nullptr);
        BOOST_ERROR("accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(!contains(e.what(), "hunter2"));
        BOOST_TEST(contains(e.what(), "user name or password"));
    }
}

BOOST_AUTO_TEST_CASE(a_missing_or_malformed_key_is_refused_without_echoing_it) {
    client_config empty = config_for("https://api.clerk.com");
    empty.secret_key.clear();
    BOOST_CHECK_THROW(clerk_http_client(empty, nullptr), std::invalid_argument);

    client_config stray_newline = config_for("https://api.clerk.com");
    stray_newline.secret_key = std::string(sentinel_key) + "\n";
    try {
        clerk_http_client client(stray_newline, nullptr);
        BOOST_ERROR("accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(!contains(e.what(), sentinel_mark));
        BOOST_TEST(contains(e.what(), "control character"));
    }
}

BOOST_AUTO_TEST_CASE(an_unreadable_ca_file_is_refused_naming_the_file_and_the_setting) {
    client_config config = config_for("https://api.clerk.com");
    config.ca_file = "/nonexistent/clerk-mcp-ca.pem";
    try {
        clerk_http_client client(config, nullptr);
        BOOST_ERROR("accepted");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(contains(e.what(), "/nonexistent/clerk-mcp-ca.pem"));
        BOOST_TEST(contains(e.what(), "--ca-file"));
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(clerk_client_secrecy)

BOOST_AUTO_TEST_CASE(the_key_appears_in_no_error_message_or_log_line_at_trace_level) {
    captured_log log;
    std::vector<std::string> texts;
    auto keep = [&](const transport_result& result) {
        if (result.has_error()) {
            texts.push_back(result.error().message);
        }
    };

    // Every failure the client can meet on the way, each with the sentinel key configured.
    loopback_server silent([](const received_request&) { return scripted_reply{{}, false, true}; });
    loopback_server cut([](const received_request&) {
        return scripted_reply{"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n{", true, false};
    });
    loopback_server garbage([](const received_request&) {
        return scripted_reply{"NOT HTTP\r\n\r\n", true, false};
    });
    loopback_server failing([](const received_request&) {
        return scripted_reply{http_text(500, "{}"), false, false};
    });
    const tls_self_signed certificate("IP:127.0.0.1");
    loopback_server untrusted(
        [](const received_request&) { return ok_json(); },
        loopback_server::tls_files{certificate.certificate(), certificate.private_key()});

    client_config timeouts = config_for(silent.base_url());
    timeouts.read_timeout = 100ms;
    keep(clerk_http_client(timeouts, log.logger).send(get("/users"), 5s));
    keep(clerk_http_client(config_for(cut.base_url()), log.logger).send(get("/users"), 5s));
    keep(clerk_http_client(config_for(garbage.base_url()), log.logger).send(get("/users"), 5s));
    keep(clerk_http_client(config_for(failing.base_url()), log.logger)
             .send({"POST", "/users", "{}", "2025-11-10"}, 5s));
    keep(clerk_http_client(config_for(untrusted.base_url()), log.logger).send(get("/users"), 5s));
    keep(clerk_http_client(config_for("http://127.0.0.1:" + std::to_string(closed_port())),
                           log.logger)
             .send(get("/users"), 5s));
    keep(clerk_http_client(config_for(failing.base_url()), log.logger)
             .send({"GET", "/users\r\nx: y", {}, {}}, 5s));
    try {
        client_config bad_ca = config_for("https://api.clerk.com");
        bad_ca.ca_file = "/nonexistent/ca.pem";
        clerk_http_client client(bad_ca, log.logger);
    } catch (const std::exception& e) {
        texts.push_back(e.what());
    }
    try {
        clerk_http_client client(config_for("http://api.clerk.com"), log.logger);
    } catch (const std::exception& e) {
        texts.push_back(e.what());
    }

    BOOST_TEST(texts.size() == 8u);
    texts.push_back(log.text());
    BOOST_TEST(contains(texts.back(), "clerk request head"));  // trace lines were written
    BOOST_TEST(contains(texts.back(), "[redacted]"));
    for (const std::string& text : texts) {
        BOOST_TEST(!contains(text, sentinel_mark), "the key leaked into: " << text);
    }

    // The key did travel where it must: in the Authorization header.
    BOOST_TEST(failing.requests().at(0).header("authorization") ==
               std::string("Bearer ") + sentinel_key);
}

BOOST_AUTO_TEST_SUITE_END()
