#include "mcp/stdio_transport.hpp"

#include <chrono>
#include <future>
#include <istream>
#include <memory>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>

#include "mcp/jsonrpc.hpp"
#include "mcp/protocol.hpp"
#include "tests/mcp/fake_tools.hpp"
#include "tests/mcp/test_streams.hpp"

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;
namespace test = clerk_mcp::test;
using namespace std::chrono_literals;

namespace {

const std::string initialize_line =
    R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
    R"("capabilities":{"elicitation":{}},"clientInfo":{"name":"t","version":"1"}}})";
const std::string initialized_line = R"({"jsonrpc":"2.0","method":"notifications/initialized"})";

std::string ping_line(int id) {
    return R"({"jsonrpc":"2.0","id":)" + std::to_string(id) + R"(,"method":"ping"})";
}

// Runs the transport over the whole of `input` and returns what it wrote, line by line.
std::vector<std::string> run_to_end(const std::string& input, std::size_t workers = 1) {
    auto srv = test::make_fake_server();
    std::istringstream in(input);
    std::ostringstream out;
    mcp::run_stdio(*srv, in, out, {.workers = workers});

    std::vector<std::string> lines;
    std::istringstream written(out.str());
    for (std::string line; std::getline(written, line);) {
        lines.push_back(line);
    }
    BOOST_TEST((out.str().empty() || out.str().back() == '\n'), "output ends mid-line");
    return lines;
}

// Every line written must be one JSON-RPC message: the contract of stdout on stdio.
void check_all_json_rpc(const std::vector<std::string>& lines) {
    for (const std::string& line : lines) {
        BOOST_TEST_CONTEXT(line) {
            auto parsed = mcp::jsonrpc::parse(line);
            BOOST_TEST_REQUIRE(parsed.has_value());
            BOOST_TEST(mcp::jsonrpc::decode(*parsed).has_value());
        }
    }
}

// A transport running on its own thread over a pipe, for exchanges that must interleave.
struct live_transport {
    std::unique_ptr<mcp::server> srv;
    test::pipe_buffer input;
    test::line_sink output;
    std::istream in{&input};
    std::ostream out{&output};
    std::thread runner;

    explicit live_transport(std::size_t workers, std::shared_ptr<spdlog::logger> logger = {})
        : srv(test::make_fake_server(std::move(logger))) {
        runner =
            std::thread([this, workers] { mcp::run_stdio(*srv, in, out, {.workers = workers}); });
    }

    ~live_transport() {
        input.close();
        runner.join();
    }

    void send(const std::string& line) { input.write(line + "\n"); }

    json::value receive() {
        std::optional<std::string> line = output.next_line(5s);
        BOOST_TEST_REQUIRE(line.has_value());
        return json::parse(*line);
    }
};

// A log sink that holds the thread logging "session initialized" (inside the server's
// initialize handler) until the test releases it.
class initialize_gate : public spdlog::sinks::base_sink<std::mutex> {
public:
    std::promise<void> release;
    std::promise<void> reached;

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        std::string_view text(msg.payload.data(), msg.payload.size());
        if (text.starts_with("session initialized")) {
            reached.set_value();
            release_future_.wait();
        }
    }
    void flush_() override {}

private:
    std::shared_future<void> release_future_ = release.get_future().share();
};

}  // namespace

BOOST_AUTO_TEST_SUITE(stdio_transport)

BOOST_AUTO_TEST_CASE(a_huge_line_is_refused_and_the_next_request_still_answered) {
    const std::string huge = R"({"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":")" +
                             std::string(10 * 1024 * 1024, 'a') + R"("}})";
    std::vector<std::string> lines = run_to_end(huge + "\n" + ping_line(2) + "\n");
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    check_all_json_rpc(lines);

    const json::value refused = json::parse(lines[0]);
    BOOST_TEST(refused.at("id").is_null());
    BOOST_TEST(refused.at("error").at("code") == json::value(mcp::error_code::invalid_request));
    const std::string message(refused.at("error").at("message").as_string());
    BOOST_TEST(message.find("exceeds the 4194304-byte limit") != std::string::npos, message);

    BOOST_TEST(json::parse(lines[1]) == json::parse(R"({"jsonrpc":"2.0","id":2,"result":{}})"));
}

BOOST_AUTO_TEST_CASE(a_line_at_the_limit_is_still_read) {
    std::string line = ping_line(3);
    const std::string padded = line.substr(0, line.size() - 1) + R"(,"params":{"p":")" +
                               std::string(mcp::max_stdio_line_bytes - line.size() - 18, ' ') +
                               R"("}})";
    BOOST_TEST_REQUIRE(padded.size() == mcp::max_stdio_line_bytes);
    std::vector<std::string> lines = run_to_end(padded + "\n");
    BOOST_TEST_REQUIRE(lines.size() == 1u);
    BOOST_TEST(json::parse(lines[0]).at("id") == json::value(3));
}

BOOST_AUTO_TEST_CASE(an_invalid_utf8_line_gets_a_parse_error_and_reading_goes_on) {
    std::vector<std::string> lines = run_to_end(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xc3\x28\"}\n" + ping_line(2) + "\n");
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    check_all_json_rpc(lines);
    const json::value refused = json::parse(lines[0]);
    BOOST_TEST(refused.at("error").at("code") == json::value(mcp::error_code::parse_error));
    BOOST_TEST(refused.at("id").is_null());
    BOOST_TEST(std::string(refused.at("error").at("message").as_string()).find("UTF-8") !=
               std::string::npos);
    BOOST_TEST(json::parse(lines[1]).at("id") == json::value(2));
}

BOOST_AUTO_TEST_CASE(blank_lines_are_skipped_and_crlf_and_a_final_line_without_newline_work) {
    std::vector<std::string> lines =
        run_to_end("\n   \n" + ping_line(1) + "\r\n\r\n" + ping_line(2));
    BOOST_TEST_REQUIRE(lines.size() == 2u);
    BOOST_TEST(json::parse(lines[0]).at("id") == json::value(1));
    BOOST_TEST(json::parse(lines[1]).at("id") == json::value(2));
}

BOOST_AUTO_TEST_CASE(a_mixed_session_writes_only_json_rpc_lines_in_order) {
    const std::string input =
        initialize_line + "\n" + initialized_line + "\n" +
        R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})" + "\n" + "not json\n" +
        R"([{"jsonrpc":"2.0","id":2,"method":"ping"}])" + "\n" +
        R"({"jsonrpc":"2.0","id":3,"method":"tools/call",)"
        R"("params":{"name":"explode"}})" +
        "\n" + R"({"jsonrpc":"2.0","id":4,"method":"nope"})" + "\n" +
        R"({"jsonrpc":"2.0","method":"notifications/cancelled"})" + "\n" +
        R"({"jsonrpc":"2.0","id":99,"result":{}})" + "\n" + ping_line(5) + "\n";
    std::vector<std::string> lines = run_to_end(input);
    check_all_json_rpc(lines);

    std::vector<std::string> ids;
    for (const std::string& line : lines) {
        ids.push_back(json::serialize(json::parse(line).at("id")));
    }
    // No reply to either notification or to the stray response.
    BOOST_TEST(ids == (std::vector<std::string>{"0", "1", "null", "null", "3", "4", "5"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_elicitation_round_trip_runs_while_the_reader_keeps_reading) {
    live_transport transport(1);
    transport.send(initialize_line);
    BOOST_TEST(transport.receive().at("id") == json::value(0));
    transport.send(initialized_line);
    transport.send(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"confirm"}})");

    // The only worker is now waiting for the client; the reader must route the answer to it.
    const json::value asked = transport.receive();
    BOOST_TEST(asked.at("method") == json::value("elicitation/create"));
    BOOST_TEST(asked.at("params").at("message") == json::value("Really act?"));
    transport.send(R"({"jsonrpc":"2.0","id":)" + json::serialize(asked.at("id")) +
                   R"(,"result":{"action":"accept","content":{"ok":true}}})");

    const json::value done = transport.receive();
    BOOST_TEST(done.at("id") == json::value(7));
    BOOST_TEST(done.at("result").at("structuredContent").at("answer").at("action") ==
               json::value("accept"));
}

BOOST_AUTO_TEST_CASE(a_tool_waiting_for_the_client_does_not_hold_up_other_requests) {
    live_transport transport(4);
    transport.send(initialize_line);
    transport.receive();
    transport.send(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"confirm"}})");
    const json::value asked = transport.receive();
    BOOST_TEST_REQUIRE(asked.as_object().contains("method"));

    transport.send(ping_line(8));
    BOOST_TEST(transport.receive().at("id") == json::value(8));

    transport.send(R"({"jsonrpc":"2.0","id":)" + json::serialize(asked.at("id")) +
                   R"(,"result":{"action":"decline"}})");
    BOOST_TEST(transport.receive().at("id") == json::value(7));
}

BOOST_AUTO_TEST_CASE(end_of_input_fails_a_pending_elicitation_at_once) {
    auto srv = test::make_fake_server();
    test::pipe_buffer input;
    test::line_sink output;
    std::istream in(&input);
    std::ostream out(&output);
    std::thread runner([&] { mcp::run_stdio(*srv, in, out, {.workers = 1}); });

    input.write(initialize_line + "\n");
    BOOST_TEST_REQUIRE(output.next_line(5s).has_value());
    input.write(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"confirm"}})"
                "\n");
    BOOST_TEST_REQUIRE(output.next_line(5s).has_value());

    // The server's client-request timeout is minutes; closing must not wait for it.
    const auto started = std::chrono::steady_clock::now();
    input.close();
    runner.join();
    BOOST_TEST((std::chrono::steady_clock::now() - started < 5s));

    std::optional<std::string> last = output.next_line(0ms);
    BOOST_TEST_REQUIRE(last.has_value());
    const json::value result = json::parse(*last).at("result");
    BOOST_TEST(result.at("isError") == json::value(true));
    BOOST_TEST(std::string(result.at("content").at(0).at("text").as_string()).find("closed") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(requests_pipelined_behind_initialize_wait_for_its_answer) {
    // Hold initialize inside its handler; a request sent behind it must not be handled by
    // another worker meanwhile (it would find the session not yet initialized).
    auto gate = std::make_shared<initialize_gate>();
    std::future<void> reached = gate->reached.get_future();
    live_transport transport(4, std::make_shared<spdlog::logger>("gate", gate));
    transport.send(initialize_line);
    transport.send(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})");
    BOOST_TEST_REQUIRE((reached.wait_for(5s) == std::future_status::ready));
    BOOST_TEST(!transport.output.next_line(300ms).has_value(), "tools/list overtook initialize");

    gate->release.set_value();
    BOOST_TEST(transport.receive().at("id") == json::value(0));
    const json::value listed = transport.receive();
    BOOST_TEST(listed.at("id") == json::value(1));
    BOOST_TEST(listed.as_object().contains("result"));
}

BOOST_AUTO_TEST_CASE(many_concurrent_requests_are_each_answered_once) {
    // Stateless requests, so that no reply depends on another having been handled first.
    std::string input;
    for (int id = 1; id <= 200; ++id) {
        input += R"({"jsonrpc":"2.0","id":)" + std::to_string(id) +
                 R"(,"method":"tools/call","params":{"name":"echo","arguments":{"n":)" +
                 std::to_string(id) +
                 R"(},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})" + "\n";
    }
    std::vector<std::string> lines = run_to_end(input, 4);
    BOOST_TEST_REQUIRE(lines.size() == 200u);
    check_all_json_rpc(lines);
    std::vector<bool> seen(201, false);
    for (const std::string& line : lines) {
        const json::value reply = json::parse(line);
        const auto id = reply.at("id").as_int64();
        BOOST_TEST(!seen.at(static_cast<std::size_t>(id)));
        seen.at(static_cast<std::size_t>(id)) = true;
        BOOST_TEST(reply.at("result").at("structuredContent").at("arguments").at("n") ==
                   json::value(id));
    }
}

BOOST_AUTO_TEST_SUITE_END()
