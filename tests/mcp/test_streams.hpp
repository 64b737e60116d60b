// In-memory streams for driving the stdio transport from a test: an input pipe the test writes
// lines into while the transport reads (so a transcript can answer a request the server sends
// mid-call), and an output sink that hands the test each complete line as it is written.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <streambuf>
#include <string>
#include <string_view>

namespace clerk_mcp::test {

// An input stream buffer fed by another thread. Reads block until data arrives or `close` is
// called, which makes the reader see end of file.
class pipe_buffer : public std::streambuf {
public:
    void write(std::string_view data) {
        std::lock_guard lock(mutex_);
        pending_.append(data);
        ready_.notify_all();
    }

    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        ready_.notify_all();
    }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) {
            return traits_type::to_int_type(*gptr());
        }
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closed_ || !pending_.empty(); });
        if (pending_.empty()) {
            return traits_type::eof();
        }
        current_.swap(pending_);
        pending_.clear();
        setg(current_.data(), current_.data(), current_.data() + current_.size());
        return traits_type::to_int_type(*gptr());
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::string pending_;
    std::string current_;
    bool closed_ = false;
};

// An output stream buffer that collects complete lines for a test to take one at a time.
class line_sink : public std::streambuf {
public:
    // The next complete line, waiting up to `timeout`; nothing when none arrived in time.
    std::optional<std::string> next_line(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        if (!ready_.wait_for(lock, timeout, [&] { return !lines_.empty(); })) {
            return std::nullopt;
        }
        std::string line = std::move(lines_.front());
        lines_.pop_front();
        return line;
    }

    // Bytes written after the last newline (a line never finished).
    std::string unfinished() const {
        std::lock_guard lock(mutex_);
        return partial_;
    }

protected:
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) {
            return traits_type::not_eof(ch);
        }
        const char c = traits_type::to_char_type(ch);
        append(std::string_view(&c, 1));
        return ch;
    }

    std::streamsize xsputn(const char* data, std::streamsize count) override {
        append(std::string_view(data, static_cast<std::size_t>(count)));
        return count;
    }

private:
    void append(std::string_view data) {
        std::lock_guard lock(mutex_);
        for (char c : data) {
            if (c == '\n') {
                lines_.push_back(std::move(partial_));
                partial_.clear();
                ready_.notify_all();
            } else {
                partial_.push_back(c);
            }
        }
    }

    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::string> lines_;
    std::string partial_;
};

}  // namespace clerk_mcp::test
