#include "mcp/http_sessions.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include <boost/test/unit_test.hpp>

using clerk_mcp::mcp::http_session_store;
using clerk_mcp::mcp::make_session_id;
using clerk_mcp::mcp::session;
using namespace std::chrono_literals;

namespace {

const http_session_store::clock::time_point t0 = http_session_store::clock::now();

}  // namespace

BOOST_AUTO_TEST_SUITE(http_sessions)

BOOST_AUTO_TEST_CASE(session_ids_are_128_bit_hex_and_distinct) {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        auto id = make_session_id();
        BOOST_REQUIRE(id.has_value());
        BOOST_TEST(id->size() == 32u);
        BOOST_TEST(id->find_first_not_of("0123456789abcdef") == std::string::npos);
        seen.insert(*id);
    }
    BOOST_TEST(seen.size() == 100u);
}

BOOST_AUTO_TEST_CASE(added_session_is_found_until_removed) {
    http_session_store store(8, 30min);
    auto sess = std::make_shared<session>();
    auto id = store.add(sess, t0);
    BOOST_REQUIRE(id.has_value());
    BOOST_TEST(store.find(*id, t0 + 1s) == sess);
    BOOST_TEST(store.find("not-an-id", t0) == nullptr);
    BOOST_TEST(store.remove(*id));
    BOOST_TEST(store.find(*id, t0 + 2s) == nullptr);
    BOOST_TEST(!store.remove(*id));
    BOOST_TEST(store.size() == 0u);
}

BOOST_AUTO_TEST_CASE(idle_sessions_expire_and_use_keeps_them_alive) {
    http_session_store store(8, 10min);
    auto idle = store.add(std::make_shared<session>(), t0);
    auto busy = store.add(std::make_shared<session>(), t0);
    BOOST_REQUIRE(idle && busy);

    BOOST_TEST(store.find(*busy, t0 + 8min) != nullptr);
    // Past its expiry a session is unusable even before the sweep removes it.
    BOOST_TEST(store.find(*idle, t0 + 11min) == nullptr);
    BOOST_TEST(store.expire_idle(t0 + 11min) == 1u);
    BOOST_TEST(store.find(*busy, t0 + 12min) != nullptr);
    BOOST_TEST(store.size() == 1u);
}

BOOST_AUTO_TEST_CASE(full_table_refuses_new_sessions) {
    http_session_store store(2, 30min);
    BOOST_TEST(store.add(std::make_shared<session>(), t0).has_value());
    BOOST_TEST(store.add(std::make_shared<session>(), t0).has_value());
    BOOST_TEST(!store.add(std::make_shared<session>(), t0).has_value());
}

BOOST_AUTO_TEST_CASE(a_session_has_one_stream_and_removal_closes_it) {
    http_session_store store(8, 30min);
    auto id = store.add(std::make_shared<session>(), t0);
    BOOST_REQUIRE(id.has_value());
    int closed = 0;
    BOOST_TEST(store.attach_stream(*id, [&] { ++closed; }));
    BOOST_TEST(!store.attach_stream(*id, [&] { closed += 100; }));
    BOOST_TEST(!store.attach_stream("unknown", [] {}));
    BOOST_TEST(store.remove(*id));
    BOOST_TEST(closed == 1);
}

BOOST_AUTO_TEST_CASE(detached_stream_is_not_closed_and_can_be_replaced) {
    http_session_store store(8, 30min);
    auto id = store.add(std::make_shared<session>(), t0);
    BOOST_REQUIRE(id.has_value());
    int first = 0;
    int second = 0;
    BOOST_TEST(store.attach_stream(*id, [&] { ++first; }));
    store.detach_stream(*id);
    BOOST_TEST(store.attach_stream(*id, [&] { ++second; }));
    store.remove_all();
    BOOST_TEST(first == 0);
    BOOST_TEST(second == 1);
}

BOOST_AUTO_TEST_CASE(removal_fails_requests_waiting_on_the_client) {
    http_session_store store(8, 30min);
    auto sess = std::make_shared<session>();
    auto id = store.add(sess, t0);
    BOOST_REQUIRE(id.has_value());

    std::promise<void> sent;
    auto waiting = std::async(std::launch::async, [&] {
        return sess->request(
            "elicitation/create",
            {},
            [&](std::string) {
                sent.set_value();
                return true;
            },
            10s);
    });
    sent.get_future().wait();
    BOOST_TEST(store.remove(*id));
    BOOST_REQUIRE(waiting.wait_for(5s) == std::future_status::ready);
    BOOST_TEST(!waiting.get().has_value());
}

BOOST_AUTO_TEST_SUITE_END()
