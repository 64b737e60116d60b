// The state of one client connection in the 2025-era protocol revisions (stdio, or one HTTP
// `Mcp-Session-Id`), and the table of server-to-client requests awaiting an answer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <boost/system/result.hpp>

namespace clerk_mcp::mcp {

// Delivers one server-to-client message text to the client (a line on stdio, an SSE event on
// HTTP). Returns false when the message could not be delivered (the stream is closed).
using message_sender = std::function<bool(std::string message)>;

// One client connection. Thread-safe: requests of one session may be handled concurrently.
class session {
public:
    session() = default;
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    // The revision agreed at `initialize`; empty before it.
    std::string protocol_version() const;
    boost::json::object client_capabilities() const;
    bool initialized() const;

    // Records the outcome of `initialize`.
    void set_negotiated(std::string protocol_version, boost::json::object client_capabilities);

    // Records `notifications/initialized`.
    void mark_initialized();

    // Sends a request to the client through `send` and blocks until the client answers, the
    // timeout passes, or `close` is called. Returns the answer's `result`, or a message saying
    // what went wrong.
    boost::system::result<boost::json::value, std::string> request(
        std::string_view method,
        boost::json::object params,
        const message_sender& send,
        std::chrono::milliseconds timeout);

    // Routes a client message that answers one of our requests. Returns false when `message` is
    // not such an answer (it is a request or notification for the server to handle).
    bool deliver_response(const boost::json::value& message);

    // Fails every pending request; called when the connection closes.
    void close();

private:
    mutable std::mutex mutex_;
    std::string protocol_version_;
    boost::json::object client_capabilities_;
    bool initialized_ = false;
    bool closed_ = false;
    std::int64_t next_request_id_ = 1;
    std::map<std::int64_t, std::promise<boost::json::value>> pending_;
};

}  // namespace clerk_mcp::mcp
