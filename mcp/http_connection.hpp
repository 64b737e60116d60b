// One client connection of the HTTP transport, shaped like Beast's advanced server example: the
// object owns its stream, buffer and parser, and every step is a do_/on_ pair running on the
// connection's strand. Internal to the transport (Beast types appear here): the request side is
// in http_connection.cpp, the SSE writer in http_sse.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/string_body.hpp>

#include "mcp/http_router.hpp"
#include "mcp/http_transport_internal.hpp"
#include "mcp/session.hpp"

namespace clerk_mcp::mcp::detail {

// Reads requests one at a time, answers each as JSON or as an SSE stream, and keeps the
// connection alive between requests.
class http_connection : public std::enable_shared_from_this<http_connection> {
public:
    using tcp = boost::asio::ip::tcp;

    http_connection(tcp::socket&& socket, http_transport_state& state);
    ~http_connection();

    // Starts reading requests; `over_capacity` answers the first one 503 and closes.
    void start(std::uint64_t id, bool over_capacity);

    // Thread-safe: ends the connection once its current request, if any, is answered.
    void stop();

private:
    using clock = std::chrono::steady_clock;

    enum class phase { waiting, reading, handling, streaming };
    // The SSE answer of the current request: none; not started (the header is written on the
    // first event, so that a quick answer can still be a plain response); open.
    enum class sse_state { none, lazy, started };

    // Reading a request and answering it (http_connection.cpp).
    void wait_for_request();
    void on_first_bytes(boost::beast::error_code ec, std::size_t bytes);
    void read_request();
    void on_read(boost::beast::error_code ec, std::size_t);
    void refuse(unsigned status, std::string_view message);
    void handle_request();
    void refuse_busy();
    bool admit(const request_headers& headers);
    void follow(route outcome);
    void start_call(mcp_call&& outcome);
    void on_call_done(const std::shared_ptr<mcp_call>& call, std::optional<std::string> reply);
    void write_answer(http_answer answer, bool as_sse = false);
    void on_write(boost::beast::error_code ec, std::size_t);
    void after_response();
    void linger();
    void close();
    void on_stop();
    void log_request();

    // The SSE writer (http_sse.cpp).
    message_sender open_call_stream();
    void end_call_stream(http_answer answer);
    message_sender make_push();
    void push_event(std::string frame);
    void open_get_stream(open_stream stream);
    void end_stream();
    void schedule_keepalive();
    void watch_for_disconnect();
    void client_left();
    void pump();
    void write_sse_header();
    void write_sse_event();
    void write_last_chunk();
    void on_pumped(boost::beast::error_code ec, bool last);

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    boost::beast::http::response<boost::beast::http::string_body> response_;
    http_transport_state& state_;
    boost::asio::steady_timer keepalive_timer_;
    std::uint64_t id_ = 0;
    bool over_capacity_ = false;
    phase phase_ = phase::waiting;
    bool keep_alive_ = true;
    bool linger_ = false;

    // The request being answered, for the log line.
    clock::time_point started_;
    std::string method_;
    std::string path_;
    std::string rpc_method_;
    bool dispatched_request_ = false;  // the dispatcher logged this request (see log_request)
    unsigned status_ = 0;

    // The SSE answer (a POST answered as a stream, or a GET stream).
    sse_state sse_ = sse_state::none;
    std::atomic<bool> sse_alive_{false};  // read by pushes on worker threads
    bool header_due_ = false;
    bool writing_ = false;
    bool sse_final_ = false;
    std::deque<std::string> sse_queue_;
    std::optional<boost::beast::http::response<boost::beast::http::empty_body>> sse_header_;
    std::optional<boost::beast::http::response_serializer<boost::beast::http::empty_body>>
        sse_serializer_;
    std::string stream_session_;  // the session whose GET stream this is
};

}  // namespace clerk_mcp::mcp::detail
