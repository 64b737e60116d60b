// The options and limits of the Streamable HTTP transport, and the checks main runs on them
// before anything binds. Kept apart from the transport so that validating flags needs no Beast.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/system/result.hpp>

namespace clerk_mcp::mcp {

// The limits of the transport, each with its reason.
namespace http_limits {
// An MCP message is a JSON-RPC envelope around tool arguments; the largest legitimate one is an
// execute_request carrying a Clerk request body, which Clerk itself caps far below this.
inline constexpr std::size_t max_body_bytes = 4 * 1024 * 1024;
// Request headers: browsers and SDK clients send under 2 KiB; 16 KiB leaves room for long
// bearer tokens and proxies' forwarding headers without letting headers become a memory lever.
inline constexpr std::uint32_t max_header_bytes = 16 * 1024;
// From a request's first byte to its last: a client on loopback or a LAN sends a few KiB in
// milliseconds, so 30 s only cuts off stalled or deliberately slow senders.
inline constexpr std::chrono::seconds read_timeout{30};
// A keep-alive connection with no request in flight: long enough to reuse it between an agent's
// tool calls, short enough that idle clients do not pin connection slots.
inline constexpr std::chrono::seconds idle_timeout{60};
// Writing one response or SSE event to a client that stopped reading.
inline constexpr std::chrono::seconds write_timeout{30};
// Open connections at once, SSE streams included. Each costs a socket and a few KiB; Debian's
// default soft limit of 1024 descriptors must also cover the Clerk client and the log.
inline constexpr std::size_t max_connections = 512;
// Live 2025-era sessions. A session is small, but a client that initializes in a loop must
// not grow the table without bound.
inline constexpr std::size_t max_sessions = 4096;
// A session unused this long is ended (later requests get 404 and re-initialize).
inline constexpr std::chrono::minutes session_idle_expiry{30};
// How often idle sessions are swept.
inline constexpr std::chrono::seconds session_sweep_interval{60};
// An SSE comment this often keeps proxies and clients from closing a quiet stream (a GET stream,
// or a tool call waiting for the user to answer an elicitation).
inline constexpr std::chrono::seconds sse_keepalive_interval{15};
// Threads that run tool calls, which may block for seconds on Clerk or on the user. Cheap
// methods (initialize, tools/list, ping) are answered on the I/O thread without this hop.
inline constexpr unsigned worker_threads = 4;
// At shutdown, how long in-flight requests may take to finish before connections are cut.
inline constexpr std::chrono::seconds shutdown_grace{10};
// A bearer token shorter than this is too easy to guess for a server reachable off-host.
inline constexpr std::size_t min_token_length = 16;
}  // namespace http_limits

struct http_options {
    // The address to bind. Anything but a loopback address needs `allow_non_loopback` and a
    // bearer token.
    std::string host = "127.0.0.1";
    // 0 binds an ephemeral port; the bound port is logged and returned by http_transport::start.
    std::uint16_t port = 0;
    // The MCP endpoint; every other path is 404.
    std::string path = "/mcp";
    // The explicit consent to listen on a non-loopback address.
    bool allow_non_loopback = false;
    // The inbound bearer token clients must present (empty: none). Only compared, never logged
    // or forwarded.
    std::string bearer_token;
    // Host header values accepted besides the loopback names ("name" or "name:port").
    std::vector<std::string> allowed_hosts;
    // Origin header values accepted besides loopback origins ("https://app.example.com").
    std::vector<std::string> allowed_origins;
    // I/O threads. One thread serves tens of thousands of requests per second; tool calls run on
    // their own pool whatever this is.
    unsigned threads = 1;
    // Open connections at once before a new one is answered 503. No flag sets it: the named
    // limit is the production value, and tests lower it to reach the cap with a few sockets.
    std::size_t max_connections = http_limits::max_connections;
    // How long a 2025-era session may stay unused before it ends. No flag sets it either: tests
    // shorten it to see a session expire.
    std::chrono::milliseconds session_idle_expiry = http_limits::session_idle_expiry;
};

// Checks `options` before anything binds. Returns a message naming the problem and the flag or
// variable that fixes it, or nothing when the options are usable. The rules: a valid IP address
// (or "localhost"); a path starting with '/'; a non-loopback address only with
// `allow_non_loopback` and a bearer token; a token of at least `min_token_length` visible ASCII
// characters; 1 to 64 threads; allowed origins of the form scheme://host[:port].
std::optional<std::string> validate_http_options(const http_options& options);

// Reads the inbound bearer token: the content of `token_file` when not empty (surrounding
// whitespace trimmed), else `env_value` (the CLERK_MCP_HTTP_TOKEN variable; may be null).
// Returns an empty string when neither is given, or a message when the file cannot be read or
// the token is empty or holds spaces or control characters.
boost::system::result<std::string, std::string> load_http_token(const std::string& token_file,
                                                                const char* env_value);

}  // namespace clerk_mcp::mcp
