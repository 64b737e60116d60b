#include "mcp/session.hpp"

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
namespace mcp = clerk_mcp::mcp;
using namespace std::chrono_literals;

namespace {

// Records what the session sends, and lets the test wait for it.
struct recording_sender {
    std::mutex mutex;
    std::vector<json::value> sent;
    std::promise<void> first_sent;
    bool signalled = false;
    bool accept = true;

    mcp::message_sender sender() {
        return [this](std::string message) {
            std::lock_guard lock(mutex);
            sent.push_back(json::parse(message));
            if (!signalled) {
                signalled = true;
                first_sent.set_value();
            }
            return accept;
        };
    }
};

// Runs `request` on another thread, since it blocks until answered.
std::future<boost::system::result<json::value, std::string>> ask(
    mcp::session& sess, recording_sender& client, std::chrono::milliseconds timeout) {
    return std::async(std::launch::async, [&sess, &client, timeout] {
        return sess.request("elicitation/create", {{"message", "ok?"}}, client.sender(), timeout);
    });
}

}  // namespace

BOOST_AUTO_TEST_SUITE(session_requests)

BOOST_AUTO_TEST_CASE(a_request_is_sent_and_resolved_by_the_matching_response) {
    mcp::session sess;
    recording_sender client;
    auto answer = ask(sess, client, 5s);
    client.first_sent.get_future().wait();

    const json::value request = client.sent.at(0);
    BOOST_TEST(request == json::parse(R"({"jsonrpc":"2.0","id":1,"method":"elicitation/create",
        "params":{"message":"ok?"}})"));

    BOOST_TEST(sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":1,
        "result":{"action":"accept"}})")));
    auto result = answer.get();
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(*result == json::parse(R"({"action":"accept"})"));
}

BOOST_AUTO_TEST_CASE(each_request_gets_a_new_id_and_answers_are_matched_by_id) {
    mcp::session sess;
    recording_sender first_client;
    recording_sender second_client;
    auto first = ask(sess, first_client, 5s);
    first_client.first_sent.get_future().wait();
    auto second = ask(sess, second_client, 5s);
    second_client.first_sent.get_future().wait();
    BOOST_TEST(second_client.sent.at(0).at("id") == json::value(2));

    // Answered out of order.
    sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":2,"result":{"n":2}})"));
    sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":1,"result":{"n":1}})"));
    BOOST_TEST(first.get()->at("n") == json::value(1));
    BOOST_TEST(second.get()->at("n") == json::value(2));
}

BOOST_AUTO_TEST_CASE(an_error_answer_becomes_a_message_with_code_and_text) {
    mcp::session sess;
    recording_sender client;
    auto answer = ask(sess, client, 5s);
    client.first_sent.get_future().wait();
    sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":1,
        "error":{"code":-32601,"message":"Method not found"}})"));
    auto result = answer.get();
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST(result.error() ==
               "the client answered elicitation/create with error -32601: Method not found");
}

BOOST_AUTO_TEST_CASE(an_unanswered_request_times_out_and_a_late_answer_is_harmless) {
    mcp::session sess;
    recording_sender client;
    const auto started = std::chrono::steady_clock::now();
    auto result = ask(sess, client, 50ms).get();
    BOOST_TEST((std::chrono::steady_clock::now() - started >= 50ms));
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST(result.error() == "the client did not answer elicitation/create within 50 ms");
    BOOST_TEST(sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":1,"result":{}})")));
}

BOOST_AUTO_TEST_CASE(close_fails_pending_requests_and_later_ones_at_once) {
    mcp::session sess;
    recording_sender client;
    auto answer = ask(sess, client, 60s);
    client.first_sent.get_future().wait();
    const auto started = std::chrono::steady_clock::now();
    sess.close();
    auto result = answer.get();
    BOOST_TEST((std::chrono::steady_clock::now() - started < 5s));
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST(result.error() == "the connection closed before the client answered");

    recording_sender later;
    auto refused = sess.request("ping", {}, later.sender(), 60s);
    BOOST_TEST_REQUIRE(refused.has_error());
    BOOST_TEST(refused.error().find("connection is closed") != std::string::npos);
    BOOST_TEST(later.sent.empty());
}

BOOST_AUTO_TEST_CASE(a_failed_send_is_reported_without_waiting) {
    mcp::session sess;
    recording_sender client;
    client.accept = false;
    auto result = sess.request("elicitation/create", {}, client.sender(), 60s);
    BOOST_TEST_REQUIRE(result.has_error());
    BOOST_TEST(result.error().find("stream is closed") != std::string::npos);

    auto no_sender = sess.request("elicitation/create", {}, mcp::message_sender(), 60s);
    BOOST_TEST(no_sender.has_error());
}

BOOST_AUTO_TEST_CASE(only_responses_are_taken_by_deliver_response) {
    mcp::session sess;
    BOOST_TEST(!sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":1,"method":"ping"})")));
    BOOST_TEST(!sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","method":"x"})")));
    BOOST_TEST(!sess.deliver_response(json::parse("[1]")));
    BOOST_TEST(sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":"s","result":{}})")));
    BOOST_TEST(sess.deliver_response(json::parse(R"({"jsonrpc":"2.0","id":5,"error":{}})")));
}

BOOST_AUTO_TEST_CASE(negotiated_state_outlives_the_message_it_came_from) {
    mcp::session sess;
    BOOST_TEST(sess.protocol_version().empty());
    BOOST_TEST(!sess.initialized());
    {
        unsigned char buffer[512];
        json::monotonic_resource arena(buffer, sizeof(buffer));
        json::value message =
            json::parse(R"({"elicitation":{"form":{}}})", json::storage_ptr(&arena));
        sess.set_negotiated("2025-06-18", message.as_object());
    }
    BOOST_TEST(sess.protocol_version() == "2025-06-18");
    BOOST_TEST(json::serialize(sess.client_capabilities()) == R"({"elicitation":{"form":{}}})");
    sess.mark_initialized();
    BOOST_TEST(sess.initialized());
}

BOOST_AUTO_TEST_SUITE_END()
