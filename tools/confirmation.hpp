// Single-use, expiring, integrity-protected tokens that bind a confirmation to one exact request.
// execute_request issues one with every write preview (as `confirm_token`, or as the
// `requestState` of a 2026-07-28 multi-round-trip request) and executes the write only when the
// identical request comes back with it.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace clerk_mcp::tools {

// The SHA-256 (hex) of a canonical serialization of `request` (object keys sorted at every
// level), so that two requests differing in any method, path, parameter, body or version byte get
// different digests, and key order does not matter.
std::string request_digest(const boost::json::value& request);

// What a token was issued for. The purpose is signed with the token, so a token verifies only
// for the use it was issued for.
enum class token_purpose {
    // The `confirm_token` of a write preview: the model shows the preview to the user and sends
    // the token back once they agree.
    confirm_token,
    // The `requestState` of a 2026-07-28 `input_required` result. The client holds it before the
    // user has answered, so it must never pass as a confirm_token: that would run the write
    // without the question ever being asked.
    request_state,
};

class confirmation_store {
public:
    using clock = std::function<std::chrono::system_clock::time_point()>;

    // Tokens expire `ttl` after issue. The HMAC key is drawn from OpenSSL's RAND_bytes for each
    // store, so tokens never outlive the process. `now` is injectable for tests.
    explicit confirmation_store(std::chrono::seconds ttl = std::chrono::minutes(5),
                                clock now = std::chrono::system_clock::now);

    struct issued {
        std::string token;
        std::chrono::system_clock::time_point expires_at;
    };

    // A new token for `purpose` and the request whose digest is `digest`. Thread-safe.
    issued issue(std::string_view digest, token_purpose purpose);

    enum class verdict {
        accepted,       // valid, unexpired, unused, and issued for this very request
        malformed,      // not a token this server writes
        forged,         // well-formed but its signature does not verify: never issued here
        mismatched,     // issued here, for a different request
        wrong_purpose,  // issued here for the other purpose (a requestState as confirm_token)
        expired,
        replayed,  // already used once
    };

    // Checks `token` against the request digest and the purpose it is presented for and, when
    // accepted, marks it used so that it can never be accepted again. Thread-safe.
    verdict redeem(std::string_view token, std::string_view digest, token_purpose purpose);

    // The reason a token presented for `purpose` was refused, in words a model can act on.
    static std::string explain(verdict v, token_purpose purpose);

private:
    void forget_expired_locked(std::chrono::system_clock::time_point now);
    // HMAC-SHA256 under key_ of the purpose, the token body and the request digest.
    std::array<unsigned char, 32> sign(token_purpose purpose,
                                       std::string_view body,
                                       std::string_view digest) const;

    std::chrono::seconds ttl_;
    clock now_;
    std::vector<unsigned char> key_;
    std::mutex mutex_;
    // Nonce -> whether it was used, for every unexpired token; entries go once expired.
    struct record {
        std::chrono::system_clock::time_point expires_at;
        std::string digest;
        token_purpose purpose;
        bool used = false;
    };
    std::map<std::string, record> issued_;
};

}  // namespace clerk_mcp::tools
