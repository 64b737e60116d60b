// The stdio transport (MCP 2025-11-25, basic/transports): one JSON-RPC message per line, UTF-8,
// on streams passed in, so tests can run it in memory. It frames messages and nothing else:
// every message goes to the server's dispatcher.
#pragma once

#include <cstddef>
#include <iosfwd>

#include "mcp/server.hpp"

namespace clerk_mcp::mcp {

// The longest line read as a message. The largest legitimate message is a tools/call whose
// arguments carry a request body for Clerk, far below 1 MiB; 4 MiB leaves room for that while
// bounding the memory a client can make one line cost. A longer line is read to its end and
// discarded, never buffered whole.
inline constexpr std::size_t max_stdio_line_bytes = 4 * 1024 * 1024;

// Requests read but not yet picked up by a worker. When full, reading pauses until a worker is
// free (backpressure through the pipe), so a flooding client cannot grow memory without bound.
inline constexpr std::size_t max_stdio_queued_messages = 256;

struct stdio_options {
    // Threads that handle requests. More than one lets a tool that waits for the client (an
    // elicitation) or for Clerk leave other requests moving. 1 keeps replies in input order,
    // which transcript tests rely on. Values below 1 count as 1.
    std::size_t workers = 4;
    std::size_t max_line_bytes = max_stdio_line_bytes;
    std::size_t max_queued_messages = max_stdio_queued_messages;
};

// Serves one client over `in` and `out` until `in` reaches end of file, then finishes the
// requests already read, fails the server-to-client requests still waiting, and returns.
//
// - Each line of `in` is one message; empty lines are skipped, a trailing CR is dropped.
// - Responses from the client (answers to elicitation requests) are routed by the reading
//   thread to the waiting tool; everything else is handed to a worker.
// - After an `initialize` request, reading pauses until it is answered, so that requests a
//   client pipelines behind it find the session negotiated.
// - A line that is not JSON, not UTF-8, a batch, or longer than `max_line_bytes` is answered
//   with a JSON-RPC error with a null id, and reading continues.
// - Each message written to `out` is one line, written whole under a lock and flushed; nothing
//   else is ever written to `out` (logs go to the server's logger).
//
// Never throws: an unexpected failure is logged and ends the run as end of file would.
void run_stdio(server& srv, std::istream& in, std::ostream& out, const stdio_options& options = {});

}  // namespace clerk_mcp::mcp
