#include "mcp/http_transport.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/ringbuffer_sink.h>

#include "tests/mcp/http_test_client.hpp"

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;
using namespace clerk_mcp::test;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view token = "test-token-0123456789abcdef";

// Sleeps, so that overlapping calls show whether the transport runs them side by side.
mcp::tool slow_tool() {
    mcp::tool t;
    t.name = "slow";
    t.description = "Sleeps 300 ms.";
    t.input_schema = object_schema();
    t.handler = [](const json::object&, const mcp::call_context&) {
        std::this_thread::sleep_for(300ms);
        mcp::tool_result result;
        result.structured = json::object{{"slept_ms", 300}};
        return result;
    };
    return t;
}

struct transport_fixture {
    explicit transport_fixture(mcp::http_options options = {})
        : srv(make_fake_server()), runner(with_slow_tool(*srv), std::move(options)) {}

    static mcp::server& with_slow_tool(mcp::server& s) {
        s.add_tool(slow_tool());
        return s;
    }

    std::uint16_t port() const { return runner.port(); }

    // Sends one request on a new connection.
    http_reply send(std::string_view method, std::string_view body, const header_map& headers) {
        http_client client(port());
        return client.send(method, body, headers);
    }

    std::unique_ptr<mcp::server> srv;
    transport_runner runner;
};

struct token_fixture : transport_fixture {
    token_fixture() : transport_fixture(options()) {}
    static mcp::http_options options() {
        mcp::http_options o;
        o.bearer_token = std::string(token);
        return o;
    }
};

header_map session_headers(const std::string& id, header_map extra = {}) {
    extra.emplace("Mcp-Session-Id", id);
    extra.emplace("MCP-Protocol-Version", "2025-11-25");
    return json_post(std::move(extra));
}

// The headers a 2026-07-28 client mirrors from its body.
header_map stateless_headers(std::string_view method, header_map extra = {}) {
    extra.emplace("MCP-Protocol-Version", std::string(mcp::revision_2026_07_28));
    extra.emplace("Mcp-Method", std::string(method));
    return json_post(std::move(extra));
}

std::string tool_call(int id, std::string_view name) {
    return request_body(id, "tools/call", {{"name", name}, {"arguments", json::object{}}});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_transport)

BOOST_FIXTURE_TEST_CASE(initialize_issues_a_random_session_id_and_answers_json, transport_fixture) {
    auto reply = send("POST", initialize_body(), json_post());
    BOOST_TEST(reply.status == 200u);
    BOOST_TEST(reply.header("Content-Type") == "application/json");
    std::string id = reply.header("Mcp-Session-Id");
    BOOST_TEST(id.size() == 32u);
    BOOST_TEST(reply.json().at("result").at("protocolVersion").as_string() == "2025-11-25");

    auto other = send("POST", initialize_body(), json_post());
    BOOST_TEST(other.header("Mcp-Session-Id") != id);
}

BOOST_FIXTURE_TEST_CASE(session_requests_are_answered_on_a_kept_alive_connection,
                        transport_fixture) {
    std::string id = open_session(port());
    http_client client(port());
    for (int i = 0; i < 3; ++i) {
        auto reply = client.send("POST", request_body(10 + i, "tools/list"), session_headers(id));
        BOOST_TEST(reply.status == 200u);
        BOOST_TEST(reply.json().at("id").as_int64() == 10 + i);
        BOOST_TEST(reply.json().at("result").at("tools").as_array().size() > 0u);
    }
}

BOOST_FIXTURE_TEST_CASE(notification_and_response_posts_get_202_without_body, transport_fixture) {
    std::string id = open_session(port());
    auto note = send(
        "POST", R"({"jsonrpc":"2.0","method":"notifications/initialized"})", session_headers(id));
    BOOST_TEST(note.status == 202u);
    BOOST_TEST(note.body.empty());

    auto response = send("POST", R"({"jsonrpc":"2.0","id":77,"result":{}})", session_headers(id));
    BOOST_TEST(response.status == 202u);
    BOOST_TEST(response.body.empty());
}

BOOST_FIXTURE_TEST_CASE(request_without_session_id_gets_400, transport_fixture) {
    auto reply = send("POST", request_body(2, "tools/list"), json_post());
    BOOST_TEST(reply.status == 400u);
    BOOST_TEST(reply.error_code() == mcp::error_code::invalid_request);
}

BOOST_FIXTURE_TEST_CASE(unknown_session_id_gets_404, transport_fixture) {
    auto reply = send(
        "POST", request_body(2, "tools/list"), session_headers("0123456789abcdef0123456789abcdef"));
    BOOST_TEST(reply.status == 404u);
}

BOOST_FIXTURE_TEST_CASE(delete_ends_the_session_and_later_requests_get_404, transport_fixture) {
    std::string id = open_session(port());
    auto deleted = send("DELETE", "", session_headers(id));
    BOOST_TEST(deleted.status == 200u);
    BOOST_TEST(send("POST", request_body(3, "tools/list"), session_headers(id)).status == 404u);
    BOOST_TEST(send("DELETE", "", session_headers(id)).status == 404u);
    BOOST_TEST(send("DELETE", "", json_post()).status == 400u);
}

BOOST_FIXTURE_TEST_CASE(protocol_version_header_is_checked, transport_fixture) {
    std::string id = open_session(port());

    header_map unsupported = session_headers(id);
    unsupported["MCP-Protocol-Version"] = "1999-01-01";
    auto refused = send("POST", request_body(4, "tools/list"), unsupported);
    BOOST_TEST(refused.status == 400u);
    BOOST_TEST(refused.error_code() == mcp::error_code::unsupported_protocol_version);
    BOOST_TEST(refused.json().at("error").at("data").at("supported").as_array().size() == 4u);

    // Without the header the client is taken to speak 2025-03-26 (MCP 2025-11-25 transports).
    header_map absent = session_headers(id);
    absent.erase("MCP-Protocol-Version");
    BOOST_TEST(send("POST", request_body(5, "tools/list"), absent).status == 200u);

    // Any session revision is accepted on any session (the conformance suite sends 2025-03-26
    // on a session negotiated at 2025-11-25).
    header_map older = session_headers(id);
    older["MCP-Protocol-Version"] = "2025-03-26";
    BOOST_TEST(send("POST", request_body(6, "tools/list"), older).status == 200u);
}

BOOST_FIXTURE_TEST_CASE(malformed_bodies_and_media_types_are_refused, transport_fixture) {
    auto not_json = send("POST", "{not json", json_post());
    BOOST_TEST(not_json.status == 400u);
    BOOST_TEST(not_json.error_code() == mcp::error_code::parse_error);

    header_map text_body = json_post();
    text_body["Content-Type"] = "text/plain";
    BOOST_TEST(send("POST", initialize_body(), text_body).status == 415u);

    header_map images_only = json_post();
    images_only["Accept"] = "image/png";
    BOOST_TEST(send("POST", initialize_body(), images_only).status == 406u);
}

BOOST_FIXTURE_TEST_CASE(other_methods_get_405_with_allow, transport_fixture) {
    for (std::string_view method : {"PUT", "PATCH", "OPTIONS"}) {
        BOOST_TEST_CONTEXT(method) {
            auto reply = send(method, "", json_post());
            BOOST_TEST(reply.status == 405u);
            BOOST_TEST(reply.header("Allow") == "GET, POST, DELETE");
        }
    }
}

BOOST_FIXTURE_TEST_CASE(other_paths_get_404, transport_fixture) {
    http_client client(port());
    BOOST_TEST(client.send("POST", initialize_body(), json_post(), "/other").status == 404u);
    BOOST_TEST(client.send("POST", initialize_body(), json_post(), "/mcp?x=1").status == 200u);
}

BOOST_FIXTURE_TEST_CASE(foreign_host_or_origin_gets_403, transport_fixture) {
    std::string own = "127.0.0.1:" + std::to_string(port());
    struct origin_case {
        std::string host;
        std::string origin;  // empty: no Origin header
        unsigned status;
    };
    const std::vector<origin_case> cases = {
        {"evil.example.com", "", 403},
        {"evil.example.com:" + std::to_string(port()), "http://evil.example.com", 403},
        {own, "http://evil.example.com", 403},
        {own, "null", 403},
        {own, "", 200},
        {"localhost:" + std::to_string(port()), "http://localhost:" + std::to_string(port()), 200},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("Host " << c.host << " Origin " << c.origin) {
            header_map headers = json_post({{"Host", c.host}});
            if (!c.origin.empty()) {
                headers["Origin"] = c.origin;
            }
            auto reply = send("POST", initialize_body(), headers);
            BOOST_TEST(reply.status == c.status);
            if (c.status == 403) {
                BOOST_TEST(reply.json().at("id").is_null());
            }
        }
    }
}

BOOST_FIXTURE_TEST_CASE(body_over_the_limit_gets_413, transport_fixture) {
    std::string huge(mcp::http_limits::max_body_bytes + 1, ' ');
    auto reply = send("POST", huge, json_post());
    BOOST_TEST(reply.status == 413u);
    std::string limit = std::to_string(mcp::http_limits::max_body_bytes / (1024 * 1024)) + " MiB";
    BOOST_TEST(std::string(reply.json().at("error").at("message").as_string()).find(limit) !=
               std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(headers_over_the_limit_get_431, transport_fixture) {
    // The limit covers the whole header block; one large field is the simplest way past it
    // (Beast, which the test client uses, caps a single field value below 64 KiB).
    struct header_case {
        std::size_t field_bytes;
        unsigned status;
    };
    const std::vector<header_case> cases = {
        {mcp::http_limits::max_header_bytes / 2, 200},
        {mcp::http_limits::max_header_bytes, 431},
        {mcp::http_limits::max_header_bytes * 3, 431},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT("X-Padding of " << c.field_bytes << " bytes") {
            auto reply = send("POST",
                              initialize_body(),
                              json_post({{"X-Padding", std::string(c.field_bytes, 'a')}}));
            BOOST_TEST(reply.status == c.status);
            if (c.status == 431) {
                BOOST_TEST(reply.error_code() == mcp::error_code::invalid_request);
                BOOST_TEST(reply.json().at("id").is_null());
            }
        }
    }
}

struct capped_fixture : transport_fixture {
    capped_fixture() : transport_fixture(options()) {}
    static mcp::http_options options() {
        mcp::http_options o;
        o.max_connections = 2;
        return o;
    }
};

struct short_session_fixture : transport_fixture {
    short_session_fixture() : transport_fixture(options()) {}
    static mcp::http_options options() {
        mcp::http_options o;
        o.session_idle_expiry = 1s;
        return o;
    }
};

BOOST_FIXTURE_TEST_CASE(a_session_unused_past_its_expiry_gets_404, short_session_fixture) {
    std::string id = open_session(port());
    // Use keeps it alive...
    for (int i = 0; i < 3; ++i) {
        std::this_thread::sleep_for(400ms);
        auto used = send("POST", request_body(20 + i, "ping"), session_headers(id));
        BOOST_TEST(used.status == 200u);
    }
    // ...and idleness ends it: the client is told to initialize again.
    std::this_thread::sleep_for(1500ms);
    auto expired = send("POST", request_body(30, "ping"), session_headers(id));
    BOOST_TEST(expired.status == 404u);
    BOOST_TEST(expired.body.find("initialize") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(connections_over_the_cap_get_503_until_one_closes, capped_fixture) {
    // Two kept-alive connections fill the cap; each has been answered, so both are registered.
    auto first = std::make_unique<http_client>(port());
    http_client second(port());
    BOOST_TEST(first->send("POST", initialize_body(), json_post()).status == 200u);
    BOOST_TEST(second.send("POST", initialize_body(), json_post()).status == 200u);

    auto busy = send("POST", initialize_body(), json_post());
    BOOST_TEST(busy.status == 503u);
    BOOST_TEST(busy.header("Retry-After") == "1");
    BOOST_TEST(busy.error_code() == mcp::error_code::internal_error);

    // Closing a connection frees its slot once the server has seen the close.
    first.reset();
    unsigned status = 0;
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (status != 200u && std::chrono::steady_clock::now() < deadline) {
        status = send("POST", initialize_body(), json_post()).status;
        if (status != 200u) {
            std::this_thread::sleep_for(20ms);
        }
    }
    BOOST_TEST(status == 200u);
}

BOOST_FIXTURE_TEST_CASE(inbound_token_is_required_and_compared, token_fixture) {
    auto missing = send("POST", initialize_body(), json_post());
    BOOST_TEST(missing.status == 401u);
    BOOST_TEST(missing.header("WWW-Authenticate").rfind("Bearer", 0) == 0u);

    auto wrong = send("POST", initialize_body(), json_post({{"Authorization", "Bearer nope"}}));
    BOOST_TEST(wrong.status == 401u);
    BOOST_TEST(wrong.header("WWW-Authenticate").find("invalid_token") != std::string::npos);

    auto right = send(
        "POST", initialize_body(), json_post({{"Authorization", "Bearer " + std::string(token)}}));
    BOOST_TEST(right.status == 200u);
}

// The debug lines a transport with a bearer token logs, kept in memory.
struct logged_fixture {
    logged_fixture()
        : sink(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64)),
          logger(std::make_shared<spdlog::logger>("test", sink)),
          srv(make_fake_server(logger)),
          runner(*srv, options(), logger) {
        logger->set_level(spdlog::level::debug);
    }
    static mcp::http_options options() {
        mcp::http_options o;
        o.bearer_token = std::string(token);
        return o;
    }

    // The debug lines so far, once `expected` of them have arrived (or two seconds passed) and
    // a moment more, so that a surplus line would be seen too.
    std::vector<std::string> debug_lines(std::size_t expected) const {
        for (int i = 0; i < 200 && debug_lines_now().size() < expected; ++i) {
            std::this_thread::sleep_for(10ms);
        }
        std::this_thread::sleep_for(50ms);
        return debug_lines_now();
    }
    std::vector<std::string> debug_lines_now() const {
        std::vector<std::string> lines;
        for (const std::string& line : sink->last_formatted()) {
            if (line.find("[debug]") != std::string::npos) {
                lines.push_back(line);
            }
        }
        return lines;
    }

    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink;
    std::shared_ptr<spdlog::logger> logger;
    std::unique_ptr<mcp::server> srv;
    transport_runner runner;
};

BOOST_FIXTURE_TEST_CASE(each_request_logs_one_debug_line_without_the_token, logged_fixture) {
    const std::string bearer = "Bearer " + std::string(token);

    // A tool call: the dispatcher's line names the method, the tool and its result.
    http_client client(runner.port());
    auto call = client.send(
        "POST",
        stateless_body(1, "tools/call", {{"name", "echo"}, {"arguments", {}}}),
        stateless_headers("tools/call", {{"Mcp-Name", "echo"}, {"Authorization", bearer}}));
    BOOST_TEST(call.status == 200u);
    auto lines = debug_lines(1);
    BOOST_TEST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(lines[0].find("request method=tools/call") != std::string::npos);
    BOOST_TEST(lines[0].find("tool=echo result=ok") != std::string::npos);

    // A refusal the transport answers alone: its own line, with the status.
    http_client other(runner.port());
    auto refused = other.send("POST", initialize_body(), json_post());
    BOOST_TEST(refused.status == 401u);
    lines = debug_lines(2);
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(lines[1].find("http request method=POST path=/mcp status=401") != std::string::npos);

    for (const std::string& line : lines) {
        BOOST_TEST(line.find(token) == std::string::npos);
    }
}

BOOST_FIXTURE_TEST_CASE(client_accepting_only_sse_gets_an_event_stream, transport_fixture) {
    header_map sse_only = json_post();
    sse_only["Accept"] = "text/event-stream";
    auto reply = send("POST", initialize_body(), sse_only);
    BOOST_TEST(reply.status == 200u);
    BOOST_TEST(reply.header("Content-Type") == "text/event-stream");
    BOOST_TEST(reply.header("Mcp-Session-Id").size() == 32u);
    BOOST_REQUIRE(reply.body.rfind("event: message\ndata: ", 0) == 0u);
    BOOST_REQUIRE(reply.body.size() > 2);
    BOOST_TEST(reply.body.substr(reply.body.size() - 2) == "\n\n");
    std::string data = reply.body.substr(21, reply.body.size() - 23);
    BOOST_TEST(json::parse(data).at("result").at("protocolVersion").as_string() == "2025-11-25");
}

BOOST_FIXTURE_TEST_CASE(elicitation_is_pushed_on_the_call_stream_and_answered_by_post,
                        transport_fixture) {
    std::string id = open_session(port(), true);
    http_client call(port());
    call.send_streaming("POST", tool_call(9, "confirm"), session_headers(id));
    BOOST_TEST(call.stream_status() == 200u);
    BOOST_TEST(call.stream_header(http::field::content_type) == "text/event-stream");

    // The server's request arrives as an event before the call's result.
    std::string body = call.read_until("\n\n");
    auto start = body.find("data: ");
    BOOST_REQUIRE(start != std::string::npos);
    auto request = json::parse(body.substr(start + 6, body.find("\n\n") - start - 6));
    BOOST_TEST(request.at("method").as_string() == "elicitation/create");

    json::object answer{{"jsonrpc", "2.0"},
                        {"id", request.at("id")},
                        {"result", {{"action", "accept"}, {"content", {{"ok", true}}}}}};
    BOOST_TEST(send("POST", json::serialize(answer), session_headers(id)).status == 202u);

    std::string all = call.read_to_end();
    auto last = all.rfind("data: ");
    auto result = json::parse(all.substr(last + 6, all.size() - last - 8));
    BOOST_TEST(result.at("id").as_int64() == 9);
    BOOST_TEST(result.at("result").at("structuredContent").at("answer").at("action").as_string() ==
               "accept");
}

BOOST_FIXTURE_TEST_CASE(concurrent_posts_on_one_session_run_side_by_side, transport_fixture) {
    std::string id = open_session(port());
    auto started = std::chrono::steady_clock::now();
    std::vector<std::future<http_reply>> calls;
    for (int i = 0; i < 4; ++i) {
        calls.push_back(std::async(std::launch::async, [&, i] {
            return send("POST", tool_call(100 + i, "slow"), session_headers(id));
        }));
    }
    // A cheap request is not held up by the slow calls.
    std::this_thread::sleep_for(50ms);
    auto list_started = std::chrono::steady_clock::now();
    BOOST_TEST(send("POST", request_body(99, "tools/list"), session_headers(id)).status == 200u);
    BOOST_TEST((std::chrono::steady_clock::now() - list_started) < 200ms);

    for (int i = 0; i < 4; ++i) {
        auto reply = calls[i].get();
        BOOST_TEST(reply.status == 200u);
        BOOST_TEST(reply.json().at("id").as_int64() == 100 + i);
    }
    // Four 300 ms calls in sequence would take 1.2 s.
    BOOST_TEST((std::chrono::steady_clock::now() - started) < 900ms);
}

BOOST_FIXTURE_TEST_CASE(get_opens_one_stream_per_session_and_delete_closes_it, transport_fixture) {
    std::string id = open_session(port());
    header_map get_headers = session_headers(id);
    get_headers["Accept"] = "text/event-stream";

    http_client stream(port());
    stream.send_streaming("GET", "", get_headers);
    BOOST_TEST(stream.stream_status() == 200u);
    BOOST_TEST(stream.stream_header(http::field::content_type) == "text/event-stream");

    BOOST_TEST(send("GET", "", get_headers).status == 409u);
    BOOST_TEST(send("GET", "", json_post({{"Accept", "text/event-stream"}})).status == 400u);

    BOOST_TEST(send("DELETE", "", session_headers(id)).status == 200u);
    stream.read_to_end();  // returns once the server ends the stream
}

BOOST_FIXTURE_TEST_CASE(stateless_request_needs_no_session, transport_fixture) {
    auto reply = send("POST", stateless_body(1, "tools/list"), stateless_headers("tools/list"));
    BOOST_TEST(reply.status == 200u);
    BOOST_TEST(reply.header("Mcp-Session-Id").empty());
    BOOST_TEST(reply.json().at("result").at("tools").as_array().size() > 0u);

    // A session id from an older client is ignored, not checked.
    auto ignored = send("POST",
                        stateless_body(2, "tools/list"),
                        stateless_headers("tools/list", {{"Mcp-Session-Id", "stale"}}));
    BOOST_TEST(ignored.status == 200u);

    auto call = send("POST",
                     stateless_body(3, "tools/call", {{"name", "echo"}, {"arguments", {}}}),
                     stateless_headers("tools/call", {{"Mcp-Name", "echo"}}));
    BOOST_TEST(call.status == 200u);
    BOOST_TEST(call.json().at("result").at("isError").as_bool() == false);
}

BOOST_FIXTURE_TEST_CASE(stateless_headers_must_mirror_the_body, transport_fixture) {
    const std::string call_body =
        stateless_body(5, "tools/call", {{"name", "echo"}, {"arguments", {}}});
    struct mismatch_case {
        std::string_view label;
        std::string body;
        header_map headers;
        unsigned status;
        long long code;
    };
    auto without = [](header_map h, const std::string& name) {
        h.erase(name);
        return h;
    };
    const std::vector<mismatch_case> cases = {
        {"version header differs from _meta",
         call_body,
         stateless_headers("tools/call", {{"Mcp-Name", "echo"}, {"MCP-Protocol-Version", "x"}}),
         400,
         mcp::error_code::header_mismatch},
        {"version header missing",
         call_body,
         without(stateless_headers("tools/call", {{"Mcp-Name", "echo"}}), "MCP-Protocol-Version"),
         400,
         mcp::error_code::header_mismatch},
        {"2026 header without _meta",
         request_body(5, "tools/list"),
         stateless_headers("tools/list"),
         400,
         mcp::error_code::header_mismatch},
        {"Mcp-Method differs",
         call_body,
         stateless_headers("tools/list", {{"Mcp-Name", "echo"}}),
         400,
         mcp::error_code::header_mismatch},
        {"Mcp-Method missing",
         call_body,
         without(stateless_headers("tools/call", {{"Mcp-Name", "echo"}}), "Mcp-Method"),
         400,
         mcp::error_code::header_mismatch},
        {"Mcp-Name differs",
         call_body,
         stateless_headers("tools/call", {{"Mcp-Name", "greet"}}),
         400,
         mcp::error_code::header_mismatch},
        {"Mcp-Name missing",
         call_body,
         stateless_headers("tools/call"),
         400,
         mcp::error_code::header_mismatch},
        {"Mcp-Name in base64",
         call_body,
         stateless_headers("tools/call", {{"Mcp-Name", "=?base64?ZWNobw==?="}}),
         200,
         0},
        {"unknown method",
         stateless_body(5, "nope/nothing"),
         stateless_headers("nope/nothing"),
         404,
         mcp::error_code::method_not_found},
        {"unsupported version in header and _meta",
         stateless_body(5, "tools/list", {}, "2099-01-01"),
         stateless_headers("tools/list", {{"MCP-Protocol-Version", "2099-01-01"}}),
         400,
         mcp::error_code::unsupported_protocol_version},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.label) {
            auto reply = send("POST", c.body, c.headers);
            BOOST_TEST(reply.status == c.status);
            BOOST_TEST(reply.error_code() == c.code);
        }
    }
}

BOOST_FIXTURE_TEST_CASE(stateless_get_and_delete_get_405, transport_fixture) {
    header_map headers = stateless_headers("tools/list", {{"Accept", "text/event-stream"}});
    auto get = send("GET", "", headers);
    BOOST_TEST(get.status == 405u);
    BOOST_TEST(get.header("Allow") == "POST");
    BOOST_TEST(send("DELETE", "", headers).status == 405u);
}

BOOST_FIXTURE_TEST_CASE(stop_lets_an_in_flight_call_finish, transport_fixture) {
    std::string id = open_session(port());
    auto call = std::async(std::launch::async, [&] {
        return send("POST", tool_call(50, "slow"), session_headers(id));
    });
    std::this_thread::sleep_for(100ms);
    auto stopped = std::async(std::launch::async, [&] { runner.stop(); });
    auto reply = call.get();
    BOOST_TEST(reply.status == 200u);
    BOOST_TEST(reply.json().at("id").as_int64() == 50);
    BOOST_TEST((stopped.wait_for(5s) == std::future_status::ready));
    BOOST_CHECK_THROW(http_client{port()}, boost::system::system_error);
}

BOOST_AUTO_TEST_SUITE_END()
