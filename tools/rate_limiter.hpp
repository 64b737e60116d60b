// Clerk's rate limits on the client side: a sliding-window budget that makes a busy agent wait
// for a free slot instead of collecting 429 responses, the `Retry-After` parser, and a transport
// decorator that applies both (with the one-retry rule for GET) around any `clerk_transport`.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include <boost/assert/source_location.hpp>
#include <boost/system/result.hpp>

#include "tools/clerk_client.hpp"

namespace clerk_mcp::tools {

// A number of requests allowed in any window of the given length.
struct rate_limit {
    std::size_t requests = 100;
    std::chrono::milliseconds window{10'000};
};

// Clerk's published Backend API limits for the key's instance: production keys (`sk_live_`)
// 1000 requests per 10 s, development keys (`sk_test_`, and anything else) 100 per 10 s.
rate_limit rate_limit_for_key(std::string_view secret_key);

// The clock the limiter reads and sleeps on; tests inject a fake one that advances when slept.
struct limiter_clock {
    using time_point = std::chrono::steady_clock::time_point;
    std::function<time_point()> now;
    std::function<void(time_point)> sleep_until;

    // std::chrono::steady_clock and std::this_thread::sleep_until.
    static limiter_clock steady();
};

// Why `rate_limiter::acquire` took no slot: the earliest free one is `wait` away, past the
// caller's deadline.
struct slot_unavailable {
    std::chrono::milliseconds wait;
    // True when a server's Retry-After hold, not this client's own window, sets the wait.
    bool held_by_server = false;
};

// Lets `result<..., slot_unavailable>::value()` throw std::runtime_error.
[[noreturn]] void throw_exception_from_error(const slot_unavailable& error,
                                             const boost::source_location& location);

// A sliding window of granted slots: at most `limit.requests` grants in any `limit.window`.
// A caller that finds the window full reserves the earliest free slot and sleeps until it, so
// waiting callers are served in arrival order. Thread-safe.
class rate_limiter {
public:
    using time_point = limiter_clock::time_point;

    explicit rate_limiter(rate_limit limit, limiter_clock clock = limiter_clock::steady());

    // Takes one slot, sleeping until it is free. Returns how long it waited, or, when the slot
    // would come after `deadline`, the wait it would have needed (nothing is taken then).
    boost::system::result<std::chrono::milliseconds, slot_unavailable> acquire(time_point deadline);

    // Grants no slot before `until` (the server's `Retry-After` after a 429). Later calls with an
    // earlier time do not shorten a hold already in force.
    void hold_until(time_point until);

    const rate_limit& limit() const { return limit_; }
    const limiter_clock& clock() const { return clock_; }

private:
    rate_limit limit_;
    limiter_clock clock_;
    std::mutex mutex_;
    std::deque<time_point> granted_;  // the last `limit_.requests` slots, oldest first
    time_point held_until_{};
};

// Parses a `Retry-After` value (RFC 9110, section 10.2.3): delay-seconds, or an HTTP-date in
// any of the three formats of section 5.6.7. Returns the wait from `now`, zero for a date in
// the past, nullopt when the value is neither.
std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now);

// Wraps a transport with the rate policy; execute_request can use it as its transport.
//
// - Every send first takes a slot from `limiter`, waiting within the call's budget; when the
//   budget is too short, the result is a `rate_limited` error and nothing is sent.
// - A 429 answer holds the limiter until its `Retry-After`, so other calls wait too.
// - A GET answered with 429 is sent once more when `Retry-After` is present and the wait fits
//   in what is left of the budget. Any other method is never resent: its 429 is returned as is.
//
// Thread-safe when `inner` is. Both references must outlive this object.
class rate_limited_transport final : public clerk_transport {
public:
    rate_limited_transport(clerk_transport& inner, rate_limiter& limiter);

    transport_result send(const http_request& request, std::chrono::milliseconds budget) override;

private:
    transport_result send_once(const http_request& request, rate_limiter::time_point deadline);

    clerk_transport& inner_;
    rate_limiter& limiter_;
};

}  // namespace clerk_mcp::tools
