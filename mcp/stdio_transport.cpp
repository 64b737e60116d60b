#include "mcp/stdio_transport.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <istream>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/json/value.hpp>
#include <spdlog/logger.h>

#include "mcp/jsonrpc.hpp"
#include "mcp/protocol.hpp"
#include "mcp/session.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;

// Bytes taken from the stream per read while looking for the end of a line.
constexpr std::size_t read_chunk_bytes = 64 * 1024;

// Reads lines of bounded length. A line over the limit is consumed to its end but not kept.
class line_reader {
public:
    struct line {
        std::string text;  // empty when `too_long`
        std::size_t length = 0;
        bool too_long = false;
    };

    line_reader(std::istream& in, std::size_t limit)
        : in_(in), limit_(limit), chunk_(read_chunk_bytes) {}

    // The next line, or nothing at end of file. A last line without a newline still counts.
    std::optional<line> next() {
        line current;
        bool read_any = false;
        for (;;) {
            in_.getline(chunk_.data(), static_cast<std::streamsize>(chunk_.size()));
            if (in_.bad()) {
                return std::nullopt;
            }
            const auto extracted = static_cast<std::size_t>(in_.gcount());
            const bool at_end = in_.eof();
            const bool chunk_full = in_.fail() && !at_end;
            // A found newline is extracted and counted, but not stored.
            const std::size_t stored = (!in_.fail() && !at_end) ? extracted - 1 : extracted;
            read_any = read_any || extracted > 0;

            current.length += stored;
            if (current.length > limit_) {
                if (!current.too_long) {
                    current.too_long = true;
                    std::string().swap(current.text);
                }
            } else {
                current.text.append(chunk_.data(), stored);
            }

            if (chunk_full) {
                in_.clear();
                continue;
            }
            if (at_end && !read_any) {
                return std::nullopt;
            }
            return current;
        }
    }

private:
    std::istream& in_;
    std::size_t limit_;
    std::vector<char> chunk_;
};

// Writes whole lines under one lock, so that concurrent replies never interleave.
class line_writer {
public:
    explicit line_writer(std::ostream& out) : out_(out) {}

    // Returns false once the stream has failed (the client closed its end).
    bool write(std::string_view message) {
        std::lock_guard lock(mutex_);
        if (!out_.good()) {
            return false;
        }
        try {
            out_.write(message.data(), static_cast<std::streamsize>(message.size()));
            out_.put('\n');
            out_.flush();
        } catch (const std::exception&) {
            // A stream with exceptions enabled reports failure here; the state says the same.
            out_.setstate(std::ios::badbit);
        }
        return out_.good();
    }

private:
    std::mutex mutex_;
    std::ostream& out_;
};

// One unit of work: a message for the server, or a reply the reader already prepared (an error
// for an unreadable line), kept in the same queue so that replies follow input order.
struct job {
    json::value message;
    std::string ready_reply;
    // Set for a message the reader waits on before reading further (see `read_loop`).
    std::optional<std::promise<void>> handled;
};

class job_queue {
public:
    explicit job_queue(std::size_t capacity) : capacity_(std::max<std::size_t>(capacity, 1)) {}

    void push(job j) {
        std::unique_lock lock(mutex_);
        not_full_.wait(lock, [&] { return jobs_.size() < capacity_; });
        jobs_.push_back(std::move(j));
        not_empty_.notify_one();
    }

    // The next job; nothing once the queue is closed and drained.
    std::optional<job> pop() {
        std::unique_lock lock(mutex_);
        not_empty_.wait(lock, [&] { return closed_ || !jobs_.empty(); });
        if (jobs_.empty()) {
            return std::nullopt;
        }
        job next = std::move(jobs_.front());
        jobs_.pop_front();
        not_full_.notify_one();
        return next;
    }

    void close() {
        std::lock_guard lock(mutex_);
        closed_ = true;
        not_empty_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable not_empty_;
    std::condition_variable not_full_;
    std::deque<job> jobs_;
    std::size_t capacity_;
    bool closed_ = false;
};

// The workers, joined on every way out of `run_stdio` (the queue is closed first).
class worker_pool {
public:
    worker_pool(job_queue& queue, std::size_t count, std::function<void(job&)> work)
        : queue_(queue), work_(std::move(work)) {
        try {
            for (std::size_t i = 0; i < std::max<std::size_t>(count, 1); ++i) {
                threads_.emplace_back([this] {
                    while (std::optional<job> next = queue_.pop()) {
                        work_(*next);
                    }
                });
            }
        } catch (...) {
            // A thread that could not start: stop the ones that did before reporting it.
            stop();
            throw;
        }
    }

    ~worker_pool() { stop(); }

private:
    void stop() {
        queue_.close();
        for (std::thread& t : threads_) {
            t.join();
        }
        threads_.clear();
    }

    job_queue& queue_;
    std::function<void(job&)> work_;
    std::vector<std::thread> threads_;
};

std::string error_reply(int code, std::string text) {
    return jsonrpc::encode_error(nullptr, jsonrpc::make_error(code, std::move(text)));
}

bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

// Reads `in` to its end, routing answers to the session and queueing everything else.
void read_loop(std::istream& in,
               const stdio_options& options,
               session& sess,
               job_queue& queue,
               spdlog::logger& log) {
    line_reader reader(in, options.max_line_bytes);
    while (std::optional<line_reader::line> line = reader.next()) {
        if (line->too_long) {
            log.warn("discarded an over-long line bytes={} limit={}",
                     line->length,
                     options.max_line_bytes);
            queue.push(
                job{{},
                    error_reply(error_code::invalid_request,
                                "message too large: a line of " + std::to_string(line->length) +
                                    " bytes exceeds the " + std::to_string(options.max_line_bytes) +
                                    "-byte limit of this server; the line was discarded"),
                    std::nullopt});
            continue;
        }
        if (!line->text.empty() && line->text.back() == '\r') {
            line->text.pop_back();
        }
        if (is_blank(line->text)) {
            continue;
        }

        auto parsed = jsonrpc::parse(line->text);
        if (!parsed) {
            jsonrpc::rejection refused = parsed.error();
            log.warn("refused an unreadable line code={} reason=\"{}\"",
                     refused.error.code,
                     refused.error.message);
            queue.push(job{{}, jsonrpc::encode_error(refused.id, refused.error), std::nullopt});
            continue;
        }

        // Answers to our own requests are routed here, not queued: the worker waiting for one
        // may be the only worker there is.
        auto decoded = jsonrpc::decode(*parsed);
        if (decoded && decoded->kind == jsonrpc::message_kind::response) {
            sess.deliver_response(*parsed);
            continue;
        }

        // A client may send requests right behind `initialize` without waiting for its answer;
        // they must not overtake it on another worker, so reading pauses until it is handled.
        if (decoded && decoded->kind == jsonrpc::message_kind::request &&
            decoded->method == method::initialize) {
            std::promise<void> handled;
            std::future<void> done = handled.get_future();
            queue.push(job{std::move(*parsed), {}, std::move(handled)});
            done.wait();
            continue;
        }
        queue.push(job{std::move(*parsed), {}, std::nullopt});
    }
}

}  // namespace

void run_stdio(server& srv, std::istream& in, std::ostream& out, const stdio_options& options) {
    spdlog::logger& log = *srv.logger();
    line_writer writer(out);
    session sess;
    request_origin origin;
    origin.sess = &sess;
    origin.push = [&writer](std::string message) { return writer.write(message); };

    try {
        job_queue queue(options.max_queued_messages);
        worker_pool pool(queue, options.workers, [&](job& j) {
            if (!j.ready_reply.empty()) {
                writer.write(j.ready_reply);
            } else if (std::optional<std::string> reply = srv.handle_parsed(j.message, origin)) {
                writer.write(*reply);
            }
            if (j.handled) {
                j.handled->set_value();
            }
        });
        // At end of input (or on a failure) nobody can answer a pending elicitation any more:
        // this guard fails those first, then the pool's destructor lets the workers finish
        // what was already read.
        struct close_session {
            session& s;
            ~close_session() { s.close(); }
        } closer{sess};
        log.info("stdio transport started workers={}", std::max<std::size_t>(options.workers, 1));

        read_loop(in, options, sess, queue, log);
    } catch (const std::exception& e) {
        log.error("stdio transport stopped by an unexpected failure error=\"{}\"", e.what());
        sess.close();
    }
    log.info("stdio transport stopped");
}

}  // namespace clerk_mcp::mcp
