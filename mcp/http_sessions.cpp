#include "mcp/http_sessions.hpp"

#include <array>
#include <vector>

#include <openssl/rand.h>

namespace clerk_mcp::mcp {

std::optional<std::string> make_session_id() {
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        return std::nullopt;
    }
    constexpr char digits[] = "0123456789abcdef";
    std::string id;
    id.reserve(bytes.size() * 2);
    for (unsigned char b : bytes) {
        id.push_back(digits[b >> 4]);
        id.push_back(digits[b & 0x0f]);
    }
    return id;
}

http_session_store::http_session_store(std::size_t max_sessions, clock::duration idle_expiry)
    : max_sessions_(max_sessions), idle_expiry_(idle_expiry) {}

http_session_store::~http_session_store() {
    remove_all();
}

void http_session_store::end(entry& doomed) {
    doomed.sess->close();
    if (doomed.close_stream) {
        doomed.close_stream();
    }
}

std::optional<std::string> http_session_store::add(std::shared_ptr<session> sess,
                                                   clock::time_point now) {
    auto id = make_session_id();
    if (!id) {
        return std::nullopt;
    }
    std::lock_guard lock(mutex_);
    if (entries_.size() >= max_sessions_) {
        return std::nullopt;
    }
    entries_.emplace(*id, entry{std::move(sess), now, {}});
    return id;
}

std::shared_ptr<session> http_session_store::find(std::string_view id, clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end()) {
        return nullptr;
    }
    // An expired session stays unusable even before the sweep gets to it.
    if (now - it->second.last_used > idle_expiry_) {
        return nullptr;
    }
    it->second.last_used = now;
    return it->second.sess;
}

bool http_session_store::remove(std::string_view id) {
    entry doomed;
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(id);
        if (it == entries_.end()) {
            return false;
        }
        doomed = std::move(it->second);
        entries_.erase(it);
    }
    end(doomed);
    return true;
}

std::size_t http_session_store::expire_idle(clock::time_point now) {
    std::vector<entry> doomed;
    {
        std::lock_guard lock(mutex_);
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (now - it->second.last_used > idle_expiry_) {
                doomed.push_back(std::move(it->second));
                it = entries_.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto& e : doomed) {
        end(e);
    }
    return doomed.size();
}

void http_session_store::remove_all() {
    std::vector<entry> doomed;
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, e] : entries_) {
            doomed.push_back(std::move(e));
        }
        entries_.clear();
    }
    for (auto& e : doomed) {
        end(e);
    }
}

bool http_session_store::attach_stream(std::string_view id, stream_closer close) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.close_stream) {
        return false;
    }
    it->second.close_stream = std::move(close);
    return true;
}

void http_session_store::detach_stream(std::string_view id) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it != entries_.end()) {
        it->second.close_stream = nullptr;
    }
}

std::size_t http_session_store::size() const {
    std::lock_guard lock(mutex_);
    return entries_.size();
}

}  // namespace clerk_mcp::mcp
