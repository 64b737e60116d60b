// The table of 2025-era HTTP sessions: `Mcp-Session-Id` values issued at `initialize`, the
// session each one names, its idle expiry, and the server-to-client stream a GET opened for it.
// Beast-free so that it can be tested without sockets.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "mcp/session.hpp"

namespace clerk_mcp::mcp {

// A new session id: 128 bits from OpenSSL's CSPRNG as 32 lowercase hex characters (visible
// ASCII, as MCP 2025-11-25 "Session Management" requires). Nothing when the CSPRNG fails.
std::optional<std::string> make_session_id();

class http_session_store {
public:
    using clock = std::chrono::steady_clock;

    // Closes the GET stream of a session; called with no lock held, from any thread.
    using stream_closer = std::function<void()>;

    // At most `max_sessions` live at once; a session unused for `idle_expiry` is dropped.
    http_session_store(std::size_t max_sessions, clock::duration idle_expiry);
    ~http_session_store();

    http_session_store(const http_session_store&) = delete;
    http_session_store& operator=(const http_session_store&) = delete;

    // Registers `sess` under a new id and returns the id; nothing when the table is full or no
    // random id could be made. Thread-safe.
    std::optional<std::string> add(std::shared_ptr<session> sess, clock::time_point now);

    // The session named `id`, marked as used at `now`; null when unknown, deleted or expired.
    std::shared_ptr<session> find(std::string_view id, clock::time_point now);

    // Ends the session `id`: fails its pending requests and closes its GET stream. Returns false
    // when `id` names no live session.
    bool remove(std::string_view id);

    // Ends every session unused since `now - idle_expiry`; returns how many.
    std::size_t expire_idle(clock::time_point now);

    // Ends every session (at shutdown).
    void remove_all();

    // Records the GET stream of session `id`. Returns false when the session is unknown or
    // already has one (a session has at most one standalone stream).
    bool attach_stream(std::string_view id, stream_closer close);

    // Forgets the GET stream of session `id` (it ended on its own).
    void detach_stream(std::string_view id);

    std::size_t size() const;

private:
    struct entry {
        std::shared_ptr<session> sess;
        clock::time_point last_used;
        stream_closer close_stream;
    };

    // Closes what `doomed` held, outside the lock: closing may run callbacks that re-enter.
    static void end(entry& doomed);

    // Transparent hashing lets a lookup by string_view skip building a std::string.
    struct id_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view id) const noexcept {
            return std::hash<std::string_view>{}(id);
        }
    };

    mutable std::mutex mutex_;
    std::unordered_map<std::string, entry, id_hash, std::equal_to<>> entries_;
    std::size_t max_sessions_;
    clock::duration idle_expiry_;
};

}  // namespace clerk_mcp::mcp
