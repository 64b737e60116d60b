#include "tools/rate_limiter.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>

namespace {

using namespace std::chrono_literals;
using clerk_mcp::tools::clerk_transport;
using clerk_mcp::tools::http_request;
using clerk_mcp::tools::http_response;
using clerk_mcp::tools::limiter_clock;
using clerk_mcp::tools::rate_limit;
using clerk_mcp::tools::rate_limited_transport;
using clerk_mcp::tools::rate_limiter;
using clerk_mcp::tools::transport_error_kind;
using clerk_mcp::tools::transport_result;
using time_point = limiter_clock::time_point;

// A clock that only moves when someone sleeps on it, recording every sleep.
struct fake_clock {
    time_point now = time_point{} + 1h;
    std::vector<time_point> sleeps;

    limiter_clock source() {
        return {[this] { return now; },
                [this](time_point until) {
                    sleeps.push_back(until);
                    now = std::max(now, until);
                }};
    }
};

// A transport that answers from a script and records what it was asked.
struct scripted_transport : clerk_transport {
    std::deque<http_response> answers;
    std::vector<http_request> requests;
    std::vector<std::chrono::milliseconds> budgets;

    transport_result send(const http_request& request, std::chrono::milliseconds budget) override {
        requests.push_back(request);
        budgets.push_back(budget);
        http_response answer = answers.front();
        answers.pop_front();
        return answer;
    }
};

http_response response(int status, std::string retry_after = {}) {
    http_response r;
    r.status = status;
    if (!retry_after.empty()) {
        r.headers.emplace_back("retry-after", std::move(retry_after));
    }
    return r;
}

http_request request(std::string method) {
    return {std::move(method), "/users?limit=1", {}, "2025-11-10"};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(rate_limiter_suite)

BOOST_AUTO_TEST_CASE(live_keys_get_the_production_budget_and_others_the_development_one) {
    BOOST_TEST(clerk_mcp::tools::rate_limit_for_key("sk_live_abc").requests == 1000u);
    BOOST_TEST(clerk_mcp::tools::rate_limit_for_key("sk_test_abc").requests == 100u);
    BOOST_TEST(clerk_mcp::tools::rate_limit_for_key("something_else").requests == 100u);
    BOOST_TEST(clerk_mcp::tools::rate_limit_for_key("sk_live_abc").window.count() == 10'000);
}

BOOST_AUTO_TEST_CASE(grants_up_to_the_limit_without_waiting) {
    fake_clock clock;
    rate_limiter limiter({3, 10s}, clock.source());
    for (int i = 0; i < 3; ++i) {
        const auto waited = limiter.acquire(clock.now + 1s);
        BOOST_TEST_REQUIRE(waited.has_value());
        BOOST_TEST(waited->count() == 0);
    }
    BOOST_TEST(clock.sleeps.empty());
}

BOOST_AUTO_TEST_CASE(a_request_past_the_limit_waits_until_the_oldest_grant_leaves_the_window) {
    fake_clock clock;
    const time_point start = clock.now;
    rate_limiter limiter({3, 10s}, clock.source());
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST_REQUIRE(limiter.acquire(clock.now + 1min).has_value());
        clock.now += 1s;
    }

    const auto waited = limiter.acquire(clock.now + 1min);
    BOOST_TEST_REQUIRE(waited.has_value());
    BOOST_TEST(waited->count() == 7000);
    BOOST_TEST_REQUIRE(clock.sleeps.size() == 1u);
    BOOST_TEST((clock.sleeps.back() == start + 10s));

    // The next one must wait for the second grant (at start + 1 s) to leave the window.
    BOOST_TEST_REQUIRE(limiter.acquire(clock.now + 1min).has_value());
    BOOST_TEST((clock.sleeps.back() == start + 11s));
}

BOOST_AUTO_TEST_CASE(fails_without_taking_a_slot_when_the_deadline_comes_first) {
    fake_clock clock;
    const time_point start = clock.now;
    rate_limiter limiter({2, 10s}, clock.source());
    BOOST_TEST_REQUIRE(limiter.acquire(clock.now).has_value());
    BOOST_TEST_REQUIRE(limiter.acquire(clock.now).has_value());

    const auto refused = limiter.acquire(clock.now + 4s);
    BOOST_TEST_REQUIRE(refused.has_error());
    BOOST_TEST(refused.error().wait.count() == 10'000);
    BOOST_TEST(clock.sleeps.empty());

    // Had the refused call taken a slot, this one would be pushed to start + 20 s.
    BOOST_TEST_REQUIRE(limiter.acquire(clock.now + 1min).has_value());
    BOOST_TEST((clock.now == start + 10s));
}

BOOST_AUTO_TEST_CASE(the_full_budget_returns_once_the_window_has_passed) {
    fake_clock clock;
    rate_limiter limiter({2, 10s}, clock.source());
    BOOST_TEST_REQUIRE(limiter.acquire(clock.now).has_value());
    BOOST_TEST_REQUIRE(limiter.acquire(clock.now).has_value());
    clock.now += 10s;
    BOOST_TEST(limiter.acquire(clock.now).has_value());
    BOOST_TEST(limiter.acquire(clock.now).has_value());
    BOOST_TEST(limiter.acquire(clock.now).has_error());
}

BOOST_AUTO_TEST_CASE(a_hold_delays_the_next_grant_and_is_never_shortened) {
    fake_clock clock;
    const time_point start = clock.now;
    rate_limiter limiter({100, 10s}, clock.source());
    limiter.hold_until(start + 5s);
    limiter.hold_until(start + 2s);

    BOOST_TEST(limiter.acquire(start + 4s).has_error());
    const auto waited = limiter.acquire(start + 6s);
    BOOST_TEST_REQUIRE(waited.has_value());
    BOOST_TEST(waited->count() == 5000);
}

BOOST_AUTO_TEST_CASE(a_zero_limit_is_refused) {
    BOOST_CHECK_THROW(rate_limiter(rate_limit{0, 10s}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(concurrent_callers_on_the_real_clock_stay_within_the_limit) {
    rate_limiter limiter({4, 100ms});
    const auto start = std::chrono::steady_clock::now();
    std::atomic<int> granted{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 3; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 4; ++i) {
                if (limiter.acquire(std::chrono::steady_clock::now() + 5s)) {
                    ++granted;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }

    // Twelve grants at four per 100 ms need two full windows after the first four.
    BOOST_TEST(granted.load() == 12);
    BOOST_TEST((std::chrono::steady_clock::now() - start >= 200ms));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(parse_retry_after_suite)

BOOST_AUTO_TEST_CASE(reads_delay_seconds_and_the_three_http_date_formats) {
    using std::chrono::sys_days;
    const auto date = sys_days{std::chrono::year{1994} / 11 / 6} + 8h + 49min + 37s;
    const auto now = std::chrono::system_clock::time_point{date - 30s};

    struct row {
        const char* text;
        long long seconds;
    };
    const row rows[] = {
        {"120", 120},
        {" 5\t", 5},
        {"0", 0},
        {"99999999999999999999", 100'000'000},
        {"Sun, 06 Nov 1994 08:49:37 GMT", 30},
        {"Sunday, 06-Nov-94 08:49:37 GMT", 30},
        {"Sun Nov  6 08:49:37 1994", 30},
        {"Sun, 06 Nov 1994 08:48:00 GMT", 0},
    };
    for (const row& r : rows) {
        BOOST_TEST_CONTEXT("Retry-After: " << r.text) {
            const auto wait = clerk_mcp::tools::parse_retry_after(r.text, now);
            BOOST_TEST_REQUIRE(wait.has_value());
            BOOST_TEST(wait->count() == r.seconds);
        }
    }
}

BOOST_AUTO_TEST_CASE(refuses_values_that_are_neither_seconds_nor_a_date) {
    const auto now = std::chrono::system_clock::now();
    const char* rows[] = {
        "",
        "soon",
        "-5",
        "1.5",
        "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT trailing",
    };
    for (const char* text : rows) {
        BOOST_TEST_CONTEXT("Retry-After: " << text) {
            BOOST_TEST(!clerk_mcp::tools::parse_retry_after(text, now).has_value());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(rate_limited_transport_suite)

BOOST_AUTO_TEST_CASE(passes_requests_through_with_the_budget_left) {
    fake_clock clock;
    rate_limiter limiter({10, 10s}, clock.source());
    scripted_transport inner;
    inner.answers.push_back(response(200));
    rate_limited_transport transport(inner, limiter);

    const transport_result result = transport.send(request("GET"), 3s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 200);
    BOOST_TEST_REQUIRE(inner.requests.size() == 1u);
    BOOST_TEST(inner.requests[0].target == "/users?limit=1");
    BOOST_TEST(inner.budgets[0].count() == 3000);
}

BOOST_AUTO_TEST_CASE(a_full_budget_beyond_the_deadline_sends_nothing) {
    fake_clock clock;
    rate_limiter limiter({1, 10s}, clock.source());
    scripted_transport inner;
    inner.answers.push_back(response(200));
    rate_limited_transport transport(inner, limiter);
    BOOST_TEST_REQUIRE(transport.send(request("GET"), 1s).has_value());

    const transport_result refused = transport.send(request("POST"), 1s);
    BOOST_TEST_REQUIRE(refused.has_error());
    BOOST_TEST((refused.error().kind == transport_error_kind::rate_limited));
    BOOST_TEST(!refused.error().request_sent);
    BOOST_TEST_REQUIRE(refused.error().retry_after.has_value());
    BOOST_TEST(refused.error().retry_after->count() == 10'000);
    BOOST_TEST(refused.error().message.find("1 requests per 10 s") != std::string::npos);
    BOOST_TEST(inner.requests.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_get_answered_429_waits_for_retry_after_and_is_sent_once_more) {
    fake_clock clock;
    const time_point start = clock.now;
    rate_limiter limiter({10, 10s}, clock.source());
    scripted_transport inner;
    inner.answers.push_back(response(429, "2"));
    inner.answers.push_back(response(200));
    rate_limited_transport transport(inner, limiter);

    const transport_result result = transport.send(request("GET"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 200);
    BOOST_TEST(inner.requests.size() == 2u);
    BOOST_TEST((clock.now == start + 2s));
    BOOST_TEST(inner.budgets[1].count() == 3000);
}

BOOST_AUTO_TEST_CASE(a_get_is_retried_at_most_once) {
    fake_clock clock;
    rate_limiter limiter({10, 10s}, clock.source());
    scripted_transport inner;
    inner.answers.push_back(response(429, "1"));
    inner.answers.push_back(response(429, "1"));
    rate_limited_transport transport(inner, limiter);

    const transport_result result = transport.send(request("GET"), 10s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 429);
    BOOST_TEST(inner.requests.size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_get_is_not_retried_when_retry_after_exceeds_the_budget) {
    fake_clock clock;
    rate_limiter limiter({10, 10s}, clock.source());
    scripted_transport inner;
    inner.answers.push_back(response(429, "30"));
    rate_limited_transport transport(inner, limiter);

    const transport_result result = transport.send(request("GET"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 429);
    BOOST_TEST(inner.requests.size() == 1u);
    BOOST_TEST(clock.sleeps.empty());
}

BOOST_AUTO_TEST_CASE(a_get_is_not_retried_without_retry_after) {
    fake_clock clock;
    rate_limiter limiter({10, 10s}, clock.source());
    scripted_transport inner;
    inner.answers.push_back(response(429));
    rate_limited_transport transport(inner, limiter);

    const transport_result result = transport.send(request("GET"), 5s);
    BOOST_TEST_REQUIRE(result.has_value());
    BOOST_TEST(result->status == 429);
    BOOST_TEST(inner.requests.size() == 1u);
}

BOOST_AUTO_TEST_CASE(writes_answered_429_are_never_resent_but_hold_later_calls) {
    for (const char* method : {"POST", "PATCH", "PUT", "DELETE"}) {
        BOOST_TEST_CONTEXT("method " << method) {
            fake_clock clock;
            const time_point start = clock.now;
            rate_limiter limiter({10, 10s}, clock.source());
            scripted_transport inner;
            inner.answers.push_back(response(429, "3"));
            inner.answers.push_back(response(200));
            rate_limited_transport transport(inner, limiter);

            const transport_result result = transport.send(request(method), 10s);
            BOOST_TEST_REQUIRE(result.has_value());
            BOOST_TEST(result->status == 429);
            BOOST_TEST(inner.requests.size() == 1u);
            BOOST_TEST((clock.now == start));

            // The server asked for 3 s of quiet: the next call waits for it.
            BOOST_TEST(transport.send(request("GET"), 10s).has_value());
            BOOST_TEST((clock.now == start + 3s));
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
