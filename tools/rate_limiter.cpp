#include "tools/rate_limiter.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

namespace clerk_mcp::tools {

namespace {

using std::chrono::milliseconds;

// Rounds up, so that a caller told to wait never comes back a moment too early.
milliseconds ceil_ms(limiter_clock::time_point::duration d) {
    return std::chrono::ceil<milliseconds>(d);
}

// A left-to-right reader over the text of an HTTP-date.
class date_reader {
public:
    explicit date_reader(std::string_view text) : text_(text) {}

    bool at_end() const { return pos_ == text_.size(); }

    bool eat(char c) {
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    void skip_spaces() {
        while (eat(' ')) {
        }
    }

    std::string_view word() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && ((text_[pos_] >= 'A' && text_[pos_] <= 'Z') ||
                                       (text_[pos_] >= 'a' && text_[pos_] <= 'z'))) {
            ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

    // A number of `min_digits` to `max_digits` digits, or -1.
    int number(std::size_t min_digits, std::size_t max_digits) {
        std::size_t count = 0;
        int value = 0;
        while (count < max_digits && pos_ < text_.size() && text_[pos_] >= '0' &&
               text_[pos_] <= '9') {
            value = value * 10 + (text_[pos_] - '0');
            ++pos_;
            ++count;
        }
        return count >= min_digits ? value : -1;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

// 1..12 for an English three-letter month name (case as in RFC 9110), 0 otherwise.
unsigned month_number(std::string_view name) {
    static constexpr std::array<std::string_view, 12> names = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? 0 : static_cast<unsigned>(it - names.begin() + 1);
}

struct date_fields {
    int year = -1;
    unsigned month = 0;
    int day = -1;
    int hour = -1;
    int minute = -1;
    int second = -1;
};

// "08:49:37"
bool read_time(date_reader& in, date_fields& f) {
    f.hour = in.number(2, 2);
    if (!in.eat(':')) {
        return false;
    }
    f.minute = in.number(2, 2);
    if (!in.eat(':')) {
        return false;
    }
    f.second = in.number(2, 2);
    return f.hour >= 0 && f.minute >= 0 && f.second >= 0;
}

// After "Sun, ": "06 Nov 1994 08:49:37 GMT" (IMF-fixdate).
bool read_imf_fixdate(date_reader& in, date_fields& f) {
    f.day = in.number(2, 2);
    in.skip_spaces();
    f.month = month_number(in.word());
    in.skip_spaces();
    f.year = in.number(4, 4);
    in.skip_spaces();
    if (!read_time(in, f)) {
        return false;
    }
    in.skip_spaces();
    return in.word() == "GMT";
}

// After "Sunday, ": "06-Nov-94 08:49:37 GMT" (RFC 850). A two-digit year that would lie more
// than 50 years in the future means the past century (RFC 9110, section 5.6.7).
bool read_rfc850_date(date_reader& in, date_fields& f, int current_year) {
    f.day = in.number(2, 2);
    if (!in.eat('-')) {
        return false;
    }
    f.month = month_number(in.word());
    if (!in.eat('-')) {
        return false;
    }
    const int yy = in.number(2, 2);
    if (yy < 0) {
        return false;
    }
    f.year = current_year / 100 * 100 + yy;
    if (f.year > current_year + 50) {
        f.year -= 100;
    }
    in.skip_spaces();
    if (!read_time(in, f)) {
        return false;
    }
    in.skip_spaces();
    return in.word() == "GMT";
}

// After "Sun ": "Nov  6 08:49:37 1994" (C's asctime format).
bool read_asctime_date(date_reader& in, date_fields& f) {
    f.month = month_number(in.word());
    in.skip_spaces();
    f.day = in.number(1, 2);
    in.skip_spaces();
    if (!read_time(in, f)) {
        return false;
    }
    in.skip_spaces();
    f.year = in.number(4, 4);
    return true;
}

std::optional<std::chrono::sys_seconds> parse_http_date(std::string_view text, int current_year) {
    date_reader in(text);
    const std::string_view day_name = in.word();
    date_fields f;
    bool ok = false;
    if (day_name.size() == 3 && in.eat(',')) {
        in.skip_spaces();
        ok = read_imf_fixdate(in, f);
    } else if (day_name.size() > 3 && in.eat(',')) {
        in.skip_spaces();
        ok = read_rfc850_date(in, f, current_year);
    } else if (day_name.size() == 3 && in.eat(' ')) {
        in.skip_spaces();
        ok = read_asctime_date(in, f);
    }
    if (!ok || !in.at_end() || f.year < 0 || f.day < 0 || f.hour > 23 || f.minute > 59 ||
        f.second > 60) {
        return std::nullopt;
    }

    const std::chrono::year_month_day date{std::chrono::year{f.year},
                                           std::chrono::month{f.month},
                                           std::chrono::day{static_cast<unsigned>(f.day)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    return std::chrono::sys_days{date} + std::chrono::hours{f.hour} +
           std::chrono::minutes{f.minute} + std::chrono::seconds{f.second};
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

}  // namespace

rate_limit rate_limit_for_key(std::string_view secret_key) {
    // Clerk documents these per instance: production 1000 requests per 10 seconds, development
    // 100. A key of unknown shape gets the stricter budget.
    if (secret_key.starts_with("sk_live_")) {
        return {1000, milliseconds{10'000}};
    }
    return {100, milliseconds{10'000}};
}

limiter_clock limiter_clock::steady() {
    return {[] { return std::chrono::steady_clock::now(); },
            [](time_point until) { std::this_thread::sleep_until(until); }};
}

rate_limiter::rate_limiter(rate_limit limit, limiter_clock clock)
    : limit_(limit), clock_(std::move(clock)) {
    if (limit_.requests == 0 || limit_.window <= milliseconds::zero()) {
        throw std::invalid_argument("rate limit needs at least one request per positive window");
    }
}

void throw_exception_from_error(const slot_unavailable& error, const boost::source_location&) {
    throw std::runtime_error("no rate-limit slot within the deadline; the next is " +
                             std::to_string(error.wait.count()) + " ms away");
}

boost::system::result<milliseconds, slot_unavailable> rate_limiter::acquire(time_point deadline) {
    std::unique_lock lock(mutex_);
    const time_point now = clock_.now();

    // The earliest slot that keeps every window at or under the limit: not before a hold, not
    // before slots already promised to earlier callers, and, when the window is full, only once
    // the oldest remembered grant has left it.
    time_point slot = std::max(now, held_until_);
    if (!granted_.empty()) {
        slot = std::max(slot, granted_.back());
    }
    if (granted_.size() >= limit_.requests) {
        slot = std::max(slot, granted_.front() + limit_.window);
    }
    if (slot > deadline) {
        return slot_unavailable{ceil_ms(slot - now), slot == held_until_};
    }

    granted_.push_back(slot);
    if (granted_.size() > limit_.requests) {
        granted_.pop_front();
    }
    lock.unlock();

    if (slot > now) {
        clock_.sleep_until(slot);
    }
    // In place: slot_unavailable is constructible from a duration too.
    return {boost::system::in_place_value, ceil_ms(slot - now)};
}

void rate_limiter::hold_until(time_point until) {
    std::lock_guard lock(mutex_);
    held_until_ = std::max(held_until_, until);
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now) {
    value = trim(value);
    if (value.empty()) {
        return std::nullopt;
    }

    // delay-seconds; absurd values saturate rather than overflow.
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        constexpr std::uint64_t cap = 100'000'000;
        std::uint64_t seconds = 0;
        for (const char c : value) {
            seconds = std::min(cap, seconds * 10 + static_cast<std::uint64_t>(c - '0'));
        }
        return std::chrono::seconds{static_cast<std::int64_t>(seconds)};
    }

    const auto today = std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)};
    const auto date = parse_http_date(value, static_cast<int>(today.year()));
    if (!date) {
        return std::nullopt;
    }
    const auto wait = std::chrono::ceil<std::chrono::seconds>(*date - now);
    return std::max(wait, std::chrono::seconds::zero());
}

rate_limited_transport::rate_limited_transport(clerk_transport& inner, rate_limiter& limiter)
    : inner_(inner), limiter_(limiter) {}

transport_result rate_limited_transport::send(const http_request& request, milliseconds budget) {
    const limiter_clock& clock = limiter_.clock();
    const rate_limiter::time_point deadline = clock.now() + budget;

    transport_result first = send_once(request, deadline);
    if (!first || first->status != 429) {
        return first;
    }

    // Clerk's Retry-After applies to the whole key, so every caller waits, not only this one.
    const auto header = first->header("Retry-After");
    const auto wait =
        header ? parse_retry_after(*header, std::chrono::system_clock::now()) : std::nullopt;
    if (!wait) {
        return first;
    }
    const rate_limiter::time_point retry_at = clock.now() + *wait;
    limiter_.hold_until(retry_at);

    // Only a GET is safe to send twice (RFC 9110, section 9.2.1): a write that drew a 429 was
    // not performed, but resending it is the caller's decision, not the transport's.
    if (request.method != "GET" || retry_at > deadline) {
        return first;
    }
    return send_once(request, deadline);
}

transport_result rate_limited_transport::send_once(const http_request& request,
                                                   rate_limiter::time_point deadline) {
    const auto slot = limiter_.acquire(deadline);
    if (!slot) {
        const rate_limit& limit = limiter_.limit();
        transport_error error;
        error.kind = transport_error_kind::rate_limited;
        error.retry_after = slot.error().wait;
        const std::string wait_s =
            std::to_string(std::chrono::ceil<std::chrono::seconds>(slot.error().wait).count());
        if (slot.error().held_by_server) {
            error.message =
                "Clerk answered an earlier request with 429 Too Many Requests and "
                "a Retry-After that ends in " +
                wait_s +
                " s, beyond this call's time budget; nothing was sent. Retry after "
                "that time.";
        } else {
            error.message = "the client-side budget of " + std::to_string(limit.requests) +
                            " requests per " + std::to_string(limit.window.count() / 1000) +
                            " s for this key is used up, and the next free slot (in " + wait_s +
                            " s) lies beyond this call's time budget; nothing was sent. Retry "
                            "then, or make fewer requests.";
        }
        return error;
    }
    const auto left = std::chrono::duration_cast<milliseconds>(deadline - limiter_.clock().now());
    return inner_.send(request, std::max(left, milliseconds::zero()));
}

}  // namespace clerk_mcp::tools
