#include "tools/confirmation.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include <boost/json/serialize.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

constexpr std::size_t nonce_size = 16;
constexpr std::size_t mac_size = 32;  // HMAC-SHA256
constexpr std::string_view token_prefix = "ct1.";

void append_canonical(const json::value& v, std::string& out) {
    if (v.is_object()) {
        const auto& o = v.get_object();
        std::vector<std::string_view> keys;
        for (const auto& m : o) {
            keys.push_back(m.key());
        }
        std::sort(keys.begin(), keys.end());
        out += '{';
        for (std::size_t i = 0; i < keys.size(); ++i) {
            out += (i ? "," : "") + json::serialize(json::value(keys[i])) + ":";
            append_canonical(o.at(keys[i]), out);
        }
        out += '}';
    } else if (v.is_array()) {
        out += '[';
        const auto& a = v.get_array();
        for (std::size_t i = 0; i < a.size(); ++i) {
            out += i ? "," : "";
            append_canonical(a[i], out);
        }
        out += ']';
    } else {
        out += json::serialize(v);
    }
}

std::string to_hex(const unsigned char* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xf];
    }
    return out;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out) {
    if (hex.size() % 2 != 0) {
        return false;
    }
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    out.clear();
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = nibble(hex[i]);
        int lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        out.push_back(static_cast<unsigned char>(hi * 16 + lo));
    }
    return true;
}

std::int64_t to_unix(std::chrono::system_clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

std::string request_digest(const json::value& request) {
    std::string canonical;
    append_canonical(request, canonical);
    std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
    unsigned int size = 0;
    if (EVP_Digest(canonical.data(), canonical.size(), md.data(), &size, EVP_sha256(), nullptr) !=
        1) {
        throw std::runtime_error("SHA-256 failed in OpenSSL");
    }
    return to_hex(md.data(), size);
}

confirmation_store::confirmation_store(std::chrono::seconds ttl, clock now)
    : ttl_(ttl), now_(std::move(now)), key_(32) {
    if (RAND_bytes(key_.data(), static_cast<int>(key_.size())) != 1) {
        throw std::runtime_error("OpenSSL could not draw a random confirmation key");
    }
}

// Token layout: "ct1." + hex(nonce) + expiry (Unix seconds, decimal) + "." + hex(HMAC(key,
// purpose | nonce expiry | digest)). The digest is not in the token: the caller supplies it from
// the request being confirmed, so a token only verifies for the request it was issued for. The
// purpose is not in it either, so a token only verifies for the use it was issued for.
confirmation_store::issued confirmation_store::issue(std::string_view digest,
                                                     token_purpose purpose) {
    std::array<unsigned char, nonce_size> nonce{};
    if (RAND_bytes(nonce.data(), static_cast<int>(nonce.size())) != 1) {
        throw std::runtime_error("OpenSSL could not draw a random nonce");
    }
    auto now = now_();
    auto expires_at = now + ttl_;
    std::string nonce_hex = to_hex(nonce.data(), nonce.size());
    std::string body = nonce_hex + std::to_string(to_unix(expires_at));
    auto mac = sign(purpose, body, digest);

    std::lock_guard lock(mutex_);
    forget_expired_locked(now);
    issued_[nonce_hex] = {expires_at, std::string(digest), purpose, false};
    return {std::string(token_prefix) + body + "." + to_hex(mac.data(), mac.size()), expires_at};
}

confirmation_store::verdict confirmation_store::redeem(std::string_view token,
                                                       std::string_view digest,
                                                       token_purpose purpose) {
    // Parse: prefix, 32 hex nonce, decimal expiry, '.', 64 hex MAC.
    if (token.substr(0, token_prefix.size()) != token_prefix) {
        return verdict::malformed;
    }
    token.remove_prefix(token_prefix.size());
    auto dot = token.find('.');
    if (dot == std::string_view::npos || dot <= nonce_size * 2) {
        return verdict::malformed;
    }
    std::string_view body = token.substr(0, dot);
    std::string_view nonce_hex = body.substr(0, nonce_size * 2);
    std::string_view expiry_text = body.substr(nonce_size * 2);
    std::vector<unsigned char> given_mac;
    if (!from_hex(token.substr(dot + 1), given_mac) || given_mac.size() != mac_size ||
        expiry_text.empty() || expiry_text.size() > 12 ||
        !std::all_of(
            expiry_text.begin(), expiry_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return verdict::malformed;
    }

    auto mac = sign(purpose, body, digest);
    bool signature_ok = CRYPTO_memcmp(mac.data(), given_mac.data(), mac_size) == 0;

    auto now = now_();
    std::lock_guard lock(mutex_);
    auto it = issued_.find(std::string(nonce_hex));
    if (!signature_ok) {
        // The record only names the likely cause; the failed signature alone is the refusal.
        if (it == issued_.end()) {
            return verdict::forged;
        }
        if (it->second.purpose != purpose) {
            return verdict::wrong_purpose;
        }
        return it->second.digest != digest ? verdict::mismatched : verdict::forged;
    }
    if (now >= std::chrono::system_clock::time_point(
                   std::chrono::seconds(std::stoll(std::string(expiry_text))))) {
        return verdict::expired;
    }
    if (it == issued_.end() || it->second.used) {
        // Signed by us and unexpired but not on record: its record was used and then forgotten.
        return verdict::replayed;
    }
    it->second.used = true;
    return verdict::accepted;
}

std::string confirmation_store::explain(verdict v, token_purpose purpose) {
    const std::string name =
        purpose == token_purpose::confirm_token ? "The confirm_token" : "The requestState";
    switch (v) {
        case verdict::accepted:
            return "The confirmation was accepted.";
        case verdict::malformed:
            return name +
                   " is not one this server issued (malformed). Use the one from the latest "
                   "answer, unchanged.";
        case verdict::forged:
            return name +
                   " does not verify: it was not issued by this server process (tokens do not "
                   "survive a restart).";
        case verdict::mismatched:
            return name +
                   " was issued for a different request. It only confirms the exact request it "
                   "was issued for (method, path, path_params, query, body, version).";
        case verdict::wrong_purpose:
            return purpose == token_purpose::confirm_token
                       ? "The confirm_token is a requestState: it carries no consent from the "
                         "user. Use the confirm_token of a write preview."
                       : "The requestState is a confirm_token, not the state of this request. "
                         "Send the requestState from the input_required result unchanged.";
        case verdict::expired:
            return name + " has expired.";
        case verdict::replayed:
            return name + " was already used; each one confirms one execution only.";
    }
    return name + " was refused.";
}

std::array<unsigned char, mac_size> confirmation_store::sign(token_purpose purpose,
                                                             std::string_view body,
                                                             std::string_view digest) const {
    // The label leads the signed text, so the same nonce, expiry and digest sign differently
    // for each purpose.
    std::string signed_text =
        purpose == token_purpose::confirm_token ? "confirm_token|" : "request_state|";
    signed_text += body;
    signed_text += '|';
    signed_text += digest;
    std::array<unsigned char, mac_size> mac{};
    unsigned int mac_len = 0;
    if (HMAC(EVP_sha256(),
             key_.data(),
             static_cast<int>(key_.size()),
             reinterpret_cast<const unsigned char*>(signed_text.data()),
             signed_text.size(),
             mac.data(),
             &mac_len) == nullptr ||
        mac_len != mac_size) {
        throw std::runtime_error("HMAC-SHA256 failed in OpenSSL");
    }
    return mac;
}

void confirmation_store::forget_expired_locked(std::chrono::system_clock::time_point now) {
    for (auto it = issued_.begin(); it != issued_.end();) {
        it = it->second.expires_at <= now ? issued_.erase(it) : std::next(it);
    }
}

}  // namespace clerk_mcp::tools
