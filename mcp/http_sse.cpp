// The SSE writer of a connection: a POST answered as a text/event-stream (server-to-client
// requests pushed while a tool runs, then the reply as the last event) and a session's GET
// stream. Events queue on the connection's strand and go out one write at a time, as chunks of
// one chunked response, with keep-alive comments while the stream is quiet.
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/write.hpp>

#include "mcp/http_connection.hpp"
#include "mcp/protocol.hpp"

namespace clerk_mcp::mcp::detail {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

std::string sse_frame(std::string_view message) {
    // Boost.JSON escapes every control character, so a message is one line and one data field.
    std::string frame;
    frame.reserve(message.size() + 24);
    frame += "event: message\ndata: ";
    frame += message;
    frame += "\n\n";
    return frame;
}

// Prepares the SSE answer of a call; its header goes out with the first pushed event. Returns
// the sender the call's tool pushes with.
message_sender http_connection::open_call_stream() {
    sse_ = sse_state::lazy;
    sse_alive_ = true;
    schedule_keepalive();
    return make_push();
}

// The stream is open: the reply is its last event.
void http_connection::end_call_stream(http_answer answer) {
    status_ = 200;
    if (!sse_alive_) {
        return close();
    }
    if (!answer.body.empty()) {
        sse_queue_.push_back(sse_frame(answer.body));
    }
    sse_final_ = true;
    pump();
}

// The sender a tool uses to ask the client something while its call runs. Called from a worker
// thread; the event is written on the connection's strand.
message_sender http_connection::make_push() {
    std::weak_ptr<http_connection> weak = shared_from_this();
    return [weak](std::string message) -> bool {
        auto self = weak.lock();
        if (!self || !self->sse_alive_) {
            return false;
        }
        net::post(self->stream_.get_executor(),
                  [self, message = std::move(message)] { self->push_event(sse_frame(message)); });
        return true;
    };
}

void http_connection::push_event(std::string frame) {
    if (!sse_alive_ || sse_ == sse_state::none) {
        return;
    }
    sse_queue_.push_back(std::move(frame));
    pump();
}

void http_connection::open_get_stream(open_stream stream) {
    std::weak_ptr<http_connection> weak = shared_from_this();
    auto closer = [weak, executor = stream_.get_executor()] {
        net::post(executor, [weak] {
            if (auto self = weak.lock()) {
                self->end_stream();
            }
        });
    };
    if (!state_.sessions.attach_stream(stream.session_id, std::move(closer))) {
        return write_answer(
            http_answer{409,
                        {},
                        jsonrpc_error_text(nullptr,
                                           error_code::invalid_request,
                                           "Conflict: this session already has a GET stream")});
    }
    // The stream lives until the session ends, the client leaves or the server stops; the
    // connection ends with it.
    stream_session_ = std::move(stream.session_id);
    phase_ = phase::streaming;
    keep_alive_ = false;
    status_ = 200;
    sse_ = sse_state::started;
    sse_alive_ = true;
    header_due_ = true;
    log_request();
    schedule_keepalive();
    watch_for_disconnect();
    pump();
}

void http_connection::end_stream() {
    if (phase_ != phase::streaming || sse_final_) {
        return;
    }
    keepalive_timer_.cancel();
    sse_final_ = true;
    pump();
}

// While a stream is open the pending keep-alive timer holds the connection: a GET stream has no
// other operation in flight between events.
void http_connection::schedule_keepalive() {
    keepalive_timer_.expires_after(http_limits::sse_keepalive_interval);
    keepalive_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (ec || !self->sse_alive_ || self->sse_final_) {
            return;
        }
        // A comment line: clients ignore it, proxies and idle timers see traffic.
        self->push_event(": keep-alive\n\n");
        self->schedule_keepalive();
    });
}

// A GET stream's client sends nothing more; a read that completes means it left (or broke the
// protocol), and the stream ends at once rather than at the next keep-alive.
void http_connection::watch_for_disconnect() {
    stream_.expires_never();
    buffer_.clear();
    stream_.async_read_some(
        buffer_.prepare(first_read_bytes),
        [self = shared_from_this()](beast::error_code, std::size_t) { self->client_left(); });
}

void http_connection::client_left() {
    if (phase_ != phase::streaming) {
        return;
    }
    sse_alive_ = false;
    keepalive_timer_.cancel();
    if (!stream_session_.empty()) {
        state_.sessions.detach_stream(stream_session_);
        stream_session_.clear();
    }
    close();
}

// Writes what the SSE answer has due, one write at a time: the header, the queued events, and
// the last chunk once the answer is final.
void http_connection::pump() {
    if (writing_ || !sse_alive_) {
        return;
    }
    if (sse_ == sse_state::lazy) {
        sse_ = sse_state::started;
        header_due_ = true;
        status_ = 200;
    }
    if (header_due_) {
        return write_sse_header();
    }
    if (!sse_queue_.empty()) {
        return write_sse_event();
    }
    if (sse_final_) {
        return write_last_chunk();
    }
}

void http_connection::write_sse_header() {
    writing_ = true;
    header_due_ = false;
    sse_header_.emplace(http::status::ok, 11);
    sse_header_->set(http::field::content_type, "text/event-stream");
    sse_header_->set(http::field::cache_control, "no-cache");
    // Tells nginx-style proxies not to buffer the stream (MCP 2026-07-28 transports).
    sse_header_->set("X-Accel-Buffering", "no");
    sse_header_->keep_alive(keep_alive_ && !state_.stopping);
    sse_header_->chunked(true);
    sse_serializer_.emplace(*sse_header_);
    stream_.expires_after(http_limits::write_timeout);
    http::async_write_header(
        stream_, *sse_serializer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->on_pumped(ec, false);
        });
}

void http_connection::write_sse_event() {
    writing_ = true;
    stream_.expires_after(http_limits::write_timeout);
    net::async_write(stream_,
                     http::make_chunk(net::buffer(sse_queue_.front())),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         self->sse_queue_.pop_front();
                         self->on_pumped(ec, false);
                     });
}

void http_connection::write_last_chunk() {
    writing_ = true;
    stream_.expires_after(http_limits::write_timeout);
    net::async_write(stream_,
                     http::make_chunk_last(),
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         self->on_pumped(ec, true);
                     });
}

void http_connection::on_pumped(beast::error_code ec, bool last) {
    writing_ = false;
    if (ec) {
        // The client left: pushes now fail, and the tool call (if any) ends on its own.
        sse_alive_ = false;
        keepalive_timer_.cancel();
        if (!stream_session_.empty()) {
            state_.sessions.detach_stream(stream_session_);
        }
        return stream_.socket().close(ec);
    }
    if (!last) {
        return pump();
    }

    // The answer is complete: the connection goes back to reading requests (a POST's stream)
    // or ends (a GET stream).
    sse_ = sse_state::none;
    sse_alive_ = false;
    sse_final_ = false;
    sse_serializer_.reset();
    sse_header_.reset();
    if (!stream_session_.empty()) {
        state_.sessions.detach_stream(stream_session_);
        stream_session_.clear();
    } else {
        log_request();
    }
    after_response();
}

}  // namespace clerk_mcp::mcp::detail
